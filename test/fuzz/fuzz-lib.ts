// The fuzz properties, shared by the fuzz suite (random inputs) and the regression suite
// (fixtures/regressions/, inputs that once failed). An input is the bytes of one file and its kind.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../../src/engine/config";
import { lint } from "../../src/engine/linter";
import type { LintRun } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";
import type { Edit } from "../../src/engine/types";
import { applyEdits } from "../../src/fix";
import type { FileKind } from "../../src/kinds";
import { parseConf } from "../../src/model/conf";
import { parseHba } from "../../src/model/hba";
import { parseIdent } from "../../src/model/ident";
import { SourceText } from "../../src/source";
import type { PgVersion } from "../../src/views/types";

export const REGRESSIONS = path.resolve(__dirname, "../../fixtures/regressions");
export const FILE_NAMES: Record<FileKind, string> = { conf: "postgresql.conf", hba: "pg_hba.conf", ident: "pg_ident.conf" };
/** Where the fuzzed file seems to live: nothing is read from there but what the overrides hold. */
const FUZZ_DIR = "/nonexistent/pgconf-lint-fuzz";
const MAX_FIX_PASSES = 10;

const registry = new RuleRegistry([builtinPlugin]);
const RULES = resolveRules(registry, { extends: ["all"] });

/** Parsing never throws and gives the input back, byte for byte. */
export function checkRoundTrip(bytes: Uint8Array, kind: FileKind, pgVersion: PgVersion = 18): void {
  const source = SourceText.fromBytes(bytes);
  const document = kind === "conf" ? parseConf(source) : kind === "hba" ? parseHba(source, { pgVersion }) : parseIdent(source, { pgVersion });
  if (document.toString() !== source.text) throw new Error("toString() differs from the input");
  if (Buffer.compare(source.toBytes(), Buffer.from(bytes)) !== 0) throw new Error("the source's bytes differ from the input");
}

function lintText(kind: FileKind, bytes: Uint8Array, pgVersion: PgVersion): LintRun {
  const filePath = `${FUZZ_DIR}/${FILE_NAMES[kind]}`;
  return lint([{ path: filePath, kind }], { pgVersion, rules: RULES, overrides: new Map([[filePath, bytes]]) });
}

/** The fixes of the one file, as the fixer applies them. */
function fixesOf(run: LintRun, kind: FileKind): Edit[][] {
  const filePath = `${FUZZ_DIR}/${FILE_NAMES[kind]}`;
  return run.fixes.filter((fix) => fix.filePath === filePath).map((fix) => fix.edits);
}

/** The text with exactly these edits applied (sorted, non-overlapping). */
function withEdits(text: string, edits: Edit[]): string {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return out + text.slice(at);
}

export interface FixOutcome {
  before: Buffer;
  after: Buffer;
  passes: number;
}

/**
 * The --fix loop on one file: linting never throws; each pass changes only the ranges of the
 * edits it applies; the loop settles within the pass limit (so --fix is idempotent: fixing the
 * fixed file changes nothing).
 */
export function checkFix(bytes: Uint8Array, kind: FileKind, pgVersion: PgVersion = 18): FixOutcome {
  const encoding = SourceText.fromBytes(bytes).encoding;
  let current = Buffer.from(bytes);
  for (let pass = 0; pass <= MAX_FIX_PASSES; pass++) {
    const run = lintText(kind, current, pgVersion);
    const source = run.sources.get(`${FUZZ_DIR}/${FILE_NAMES[kind]}`);
    if (!source) throw new Error("the linted file has no source");
    const fixes = fixesOf(run, kind);
    const { output, applied } = applyEdits(source.text, fixes);
    if (output === source.text) return { before: Buffer.from(bytes), after: current, passes: pass };
    if (pass === MAX_FIX_PASSES) throw new Error(`--fix does not settle: pass ${pass + 1} still changes the file (rules ${run.fixes.map((fix) => fix.ruleId).join(", ")})`);
    const expected = withEdits(source.text, applied.flatMap((index) => fixes[index]!));
    if (output !== expected) throw new Error("a fix pass changed text outside the ranges of its edits");
    current = Buffer.from(output, encoding);
  }
  throw new Error("unreachable");
}

/** The seed: FUZZ_SEED; else a fixed one for the bounded run of the normal test suite (no flaky
 *  CI), and a random one for `npm run fuzz` (FUZZ_RUNS set), reported on failure. */
export function seedOption(): { seed?: number } {
  if (process.env.FUZZ_SEED) return { seed: Number(process.env.FUZZ_SEED) };
  return process.env.FUZZ_RUNS ? {} : { seed: 20261130 };
}

export function runs(defaultRuns: number): number {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : defaultRuns;
}

/**
 * fc.check with the counterexample written to fixtures/regressions/ (FUZZ_SAVE=1) before the
 * failure is reported, so that it can be committed and replayed.
 */
export function checkProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, toFile: (value: T) => { bytes: Uint8Array; kind: FileKind }, predicate: (value: T) => void, numRuns: number): void {
  const details = fc.check(fc.property(arbitrary, predicate), { numRuns, ...seedOption() });
  if (!details.failed) return;
  const example = details.counterexample?.[0];
  if (example !== undefined && process.env.FUZZ_SAVE === "1") {
    const { bytes, kind } = toFile(example);
    fs.mkdirSync(REGRESSIONS, { recursive: true });
    const file = path.join(REGRESSIONS, `${name}-${details.seed}-${Date.now()}.${kind}`);
    fs.writeFileSync(file, bytes);
  }
  throw new Error(fc.defaultReportMessage(details) ?? `${name} failed`);
}
