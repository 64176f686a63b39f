// Lints a small cluster written to a temp directory: the way rule tests see the engine.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../../src/engine/config";
import type { LintConfig } from "../../src/engine/config";
import { lint } from "../../src/engine/linter";
import type { LintOptions, LintRun } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";
import type { Plugin } from "../../src/engine/rule";
import { applyEdits } from "../../src/fix";
import { kindFromFileName } from "../../src/kinds";
import type { PgVersion } from "../../src/views/types";

export interface ClusterRun extends LintRun {
  dir: string;
  /** Messages as "file:line:column rule message", relative paths. */
  lines: string[];
  /** The text of each file after applying every fix once (one pass), by relative path. */
  fixed(): Record<string, string>;
}

export function lintCluster(files: Record<string, string>, config: LintConfig & { reportUnused?: "warn" | "error"; plugins?: string[]; keepSources?: LintOptions["keepSources"] } = {}, extraPlugins: Plugin[] = []): ClusterRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-test-"));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const registry = new RuleRegistry([builtinPlugin, ...extraPlugins]);
  const rules = resolveRules(registry, config);
  const targets = Object.keys(files)
    .filter((relative) => kindFromFileName(relative) !== null && !relative.includes("/"))
    .map((relative) => ({ path: path.join(dir, relative), kind: kindFromFileName(relative)! }));
  const run = lint(targets, {
    pgVersion: (config.pgVersion ?? 18) as PgVersion,
    rules,
    knownRuleIds: new Set(registry.all().map((rule) => rule.id)),
    ...(config.reportUnused ? { reportUnusedDisableDirectives: config.reportUnused } : {}),
    ...(config.keepSources ? { keepSources: config.keepSources } : {}),
  });
  const lines = run.results.flatMap((result) => result.messages.map((m) => `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId ?? "-"} ${m.message}`));
  return {
    ...run,
    dir,
    lines,
    fixed() {
      const out: Record<string, string> = {};
      for (const [filePath, source] of run.sources) {
        const fixes = run.fixes.filter((fix) => fix.filePath === filePath).map((fix) => fix.edits);
        out[path.relative(dir, filePath)] = fixes.length ? applyEdits(source.text, fixes).output : source.text;
      }
      return out;
    },
  };
}
