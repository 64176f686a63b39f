// The `--fix` loop for tests, in two forms over the same files:
// - fixLoop: the loop the CLI runs (src/fix/loop.ts: lint, applyEdits per file, re-lint with the
//   fixed texts as overrides, at most MAX_FIX_PASSES passes), followed here to say which
//   original comment lines an applied edit touched;
// - runCli: the CLI itself (runLintCommand, as `pgconf-lint --fix` / `--diff` run it), whose
//   output fixLoop must match.
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { runLintCommand } from "../../src/cli/lint-command";
import { resolveRules } from "../../src/engine/config";
import type { LintRun, LintTarget } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";
import type { Edit, LintResult } from "../../src/engine/types";
import { runFixLoop } from "../../src/fix";
import type { SourceText } from "../../src/source";
import type { PgVersion } from "../../src/views/types";

export { MAX_FIX_PASSES } from "../../src/fix";

/** A full-line comment of the original text, followed through the passes. */
interface TrackedLine {
  /** 1-based line number in the original text. */
  line: number;
  text: string;
  /** Where it is now, [start, end) with its line ending; null once an applied edit touched it. */
  range: [number, number] | null;
}

export interface FixedFile {
  before: SourceText;
  after: string;
  /** Original comment lines that no applied edit touched and that are not in the output, where
   *  they should be, as "line N: text". Empty when every one is kept. */
  lostComments: string[];
  /** Original comment lines some applied edit rewrote (allowed), by original line number. */
  rewrittenComments: number[];
}

export interface FixLoopResult {
  /** The lint run after the last pass: the findings the fixed files still have. */
  run: LintRun;
  /** Passes that changed a text. */
  passes: number;
  /** Every file read, by absolute path, with its text before and after. */
  files: Map<string, FixedFile>;
}

/** Full-line comments (`#` after optional blanks) with their ranges, line endings included. */
function commentLines(text: string): TrackedLine[] {
  const lines: TrackedLine[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    const content = text.slice(start, end);
    if (/^[ \t]*#/.test(content)) lines.push({ line: number, text: content, range: [start, end] });
    start = end;
    number++;
  }
  return lines;
}

/** Whether an edit changes anything inside [start, end): an insertion only strictly inside. */
function touches(edit: Edit, [start, end]: [number, number]): boolean {
  const [a, b] = edit.range;
  return a === b ? start < a && a < end : a < end && start < b;
}

/** Moves a tracked line through one pass's applied edits (sorted, not colliding). */
function follow(line: TrackedLine, edits: Edit[]): void {
  if (!line.range) return;
  if (edits.some((edit) => touches(edit, line.range!))) {
    line.range = null;
    return;
  }
  const [start, end] = line.range;
  let shift = 0;
  for (const edit of edits) if (edit.range[1] <= start) shift += edit.text.length - (edit.range[1] - edit.range[0]);
  line.range = [start + shift, end + shift];
}

export interface FixLoopOptions {
  pgVersion: PgVersion;
  /** Presets (default: recommended). */
  presets?: string[];
  /** Directories includes may read (the CLI's: its cwd and the targets' directories). */
  includeRoots: string[];
}

function setup(options: FixLoopOptions) {
  const registry = new RuleRegistry([builtinPlugin]);
  const rules = resolveRules(registry, { extends: options.presets ?? ["recommended"] });
  return { pgVersion: options.pgVersion, includeRoots: options.includeRoots, rules, knownRuleIds: new Set(registry.all().map((rule) => rule.id)) };
}

/** The CLI's loop (every fix wanted, every file writable), with what it did to comment lines. */
export function fixLoop(targets: LintTarget[], options: FixLoopOptions): FixLoopResult {
  const loop = runFixLoop(targets, { ...setup(options), overrides: new Map() });
  const tracked = new Map<string, TrackedLine[]>();
  for (const [filePath, source] of loop.originals) tracked.set(filePath, commentLines(source.text));
  for (const { filePath, fixes } of loop.applied) {
    const edits = fixes.flatMap((fix) => fix.edits).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    for (const line of tracked.get(filePath) ?? []) follow(line, edits);
  }
  const files = new Map<string, FixedFile>();
  for (const [filePath, before] of loop.originals) {
    const after = loop.texts.get(filePath) ?? before.text;
    const lines = tracked.get(filePath) ?? [];
    const lostComments = lines.filter((line) => line.range !== null && after.slice(line.range[0], line.range[1]) !== line.text).map((line) => `line ${line.line}: ${JSON.stringify(line.text)}`);
    const rewrittenComments = lines.filter((line) => line.range === null).map((line) => line.line);
    files.set(filePath, { before, after, lostComments, rewrittenComments });
  }
  return { run: loop.run, passes: loop.passes, files };
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  /** stdout as the process writes it: strings as UTF-8, buffers as they are. */
  stdoutBytes: Buffer;
  stderr: string;
}

/** `pgconf-lint` as the command line runs it, in `cwd`, on `files`, with no configuration file
 *  (the recommended preset) and the given version. */
export function runCli(cwd: string, files: string[], pgVersion: number, mode: { fix?: boolean; diff?: boolean; format?: string } = {}): CliRun {
  const chunks: Buffer[] = [];
  let stderr = "";
  const exitCode = runLintCommand({
    patterns: files,
    cwd,
    pgVersion,
    configLookup: false,
    ruleArgs: [],
    presets: ["recommended"],
    format: mode.format ?? "stylish",
    maxWarnings: -1,
    quiet: false,
    color: false,
    fix: mode.fix ?? false,
    fixDryRun: false,
    diff: mode.diff ?? false,
    reportUnusedDisableDirectives: false,
    stdout: (text) => void chunks.push(Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8")),
    stderr: (text) => (stderr += text),
  });
  const stdoutBytes = Buffer.concat(chunks);
  return { exitCode, stdout: stdoutBytes.toString("utf8"), stdoutBytes, stderr };
}

/** The results of a `--format json` run. */
export function jsonResults(run: CliRun): LintResult[] {
  return JSON.parse(run.stdout) as LintResult[];
}

/** Writes files (relative path → content) under dir. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
