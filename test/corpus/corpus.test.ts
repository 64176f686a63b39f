// Every file of the shared corpus (../shared/corpus, present in CI, absent from a fresh clone):
// linted with every rule, without a crash; printed back byte for byte; fixed idempotently. The
// findings per rule go to .conformance/corpus-findings.json for the notes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../../src/engine/config";
import { lint } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";
import { applyEdits } from "../../src/fix";
import type { FileKind } from "../../src/kinds";
import { parseConf } from "../../src/model/conf";
import { parseHba } from "../../src/model/hba";
import { parseIdent } from "../../src/model/ident";
import { SourceText } from "../../src/source";
import { writeReport } from "../conformance/compare";
import { CORPUS_DIR } from "../conformance/inputs";

const MAIN_NAMES: Record<FileKind, string> = { conf: "postgresql.conf", hba: "pg_hba.conf", ident: "pg_ident.conf" };
const kinds: FileKind[] = ["conf", "hba", "ident"];
const corpus = kinds.flatMap((kind) => {
  const dir = path.join(CORPUS_DIR, kind);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith(".conf")).sort().map((name) => ({ kind, name, file: path.join(dir, name) })) : [];
});

const registry = new RuleRegistry([builtinPlugin]);
const rules = resolveRules(registry, { extends: ["all"] });
const knownRuleIds = new Set(registry.all().map((rule) => rule.id));
const findings: Record<string, number> = {};
const perFile: Record<string, string[]> = {};

function lintText(dir: string, kind: FileKind, text: Uint8Array) {
  const target = path.join(dir, MAIN_NAMES[kind]);
  return lint([{ path: target, kind }], { pgVersion: 18, rules, knownRuleIds, overrides: new Map([[target, text]]) });
}

(corpus.length > 0 ? describe : describe.skip)("shared corpus", () => {
  afterAll(() => writeReport("corpus-findings", { files: corpus.length, findingsPerRule: findings, perFile }));

  test.each(corpus.map((entry) => [`${entry.kind}/${entry.name}`, entry] as const))("%s", (_label, entry) => {
    const bytes = fs.readFileSync(entry.file);
    const source = SourceText.fromBytes(bytes);
    const parsed = entry.kind === "conf" ? parseConf(source) : entry.kind === "hba" ? parseHba(source) : parseIdent(source);
    expect(parsed.toString()).toBe(source.text);
    expect(source.toBytes().equals(bytes)).toBe(true);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-corpus-"));
    const run = lintText(dir, entry.kind, bytes);
    const messages = run.results.flatMap((result) => result.messages);
    perFile[`${entry.kind}/${entry.name}`] = messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "-"}`);
    for (const message of messages) findings[message.ruleId ?? "(directive)"] = (findings[message.ruleId ?? "(directive)"] ?? 0) + 1;

    // Fixes of the main file: applied once, then a second lint's fixes change nothing more.
    const mainPath = path.join(dir, MAIN_NAMES[entry.kind]);
    const ownFixes = run.fixes.filter((fix) => fix.filePath === mainPath).map((fix) => fix.edits);
    if (ownFixes.length > 0) {
      let text = source.text;
      for (let pass = 0; pass < 10; pass++) {
        const again = lintText(dir, entry.kind, new SourceText(text, source.encoding).toBytes());
        const fixes = again.fixes.filter((fix) => fix.filePath === mainPath).map((fix) => fix.edits);
        const next = fixes.length ? applyEdits(text, fixes).output : text;
        if (next === text) break;
        text = next;
      }
      const settled = lintText(dir, entry.kind, new SourceText(text, source.encoding).toBytes());
      const remaining = settled.fixes.filter((fix) => fix.filePath === mainPath).map((fix) => fix.edits);
      expect(remaining.length === 0 || applyEdits(text, remaining).output === text).toBe(true);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
