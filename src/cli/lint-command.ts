// `pgconf-lint [files...]`: find the files, resolve each one's configuration, lint, fix (in
// place, dry-run or as a diff), format, and decide the exit status.
import fs = require("node:fs");
import path = require("node:path");
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../engine/config";
import type { LintConfig, RuleSetting } from "../engine/config";
import { countMessages, lint, outsideRoots, realpathOr } from "../engine/linter";
import type { LintRun, LintTarget } from "../engine/linter";
import { loadPlugin, RuleRegistry } from "../engine/registry";
import type { LintMessage, LintResult } from "../engine/types";
import { runFixLoop, unifiedDiff, writeIfChanged } from "../fix";
import { formatReadsSources, loadFormatter } from "../format";
import type { FormatterRuleMeta } from "../format";
import type { FileKind } from "../kinds";
import { kindFromFileName } from "../kinds";
import { encodeText } from "../source";
import type { SourceText } from "../source";
import { DEFAULT_PG_VERSION, SUPPORTED_PG_VERSIONS } from "../views/types";
import type { PgVersion } from "../views/types";
import { ConfigLookup, configForFile, readConfigFile } from "./config-file";
import type { LoadedConfigFile } from "./config-file";
import { discoverFiles } from "./discover";
import { lintInParallel } from "./parallel";
import { changedFiles, changedLines, touchesChangedLine } from "./git-changes";
import { UsageError } from "./errors";
import { tierUpFor } from "./tier-up";
import { compareStrings } from "../order";
import { timingListLength, timingTable } from "../engine/timing";

export const TOOL_VERSION = "0.1.0";
export const TOOL_URI = "https://github.com/pgconf-lint/pgconf-lint";
const PROGRESS_MIN_FILES = 50;

export interface LintCommandOptions {
  patterns: string[];
  cwd: string;
  kind?: FileKind;
  pgVersion?: number;
  configPath?: string;
  configLookup: boolean;
  ruleArgs: string[];
  /** Extra directories include directives may read from (--include-root). */
  includeRoots?: string[];
  presets?: string[];
  format: string;
  outputFile?: string;
  maxWarnings: number;
  quiet: boolean;
  color: boolean;
  stdinText?: string;
  stdinFilename?: string;
  fix: boolean;
  fixDryRun: boolean;
  diff: boolean;
  reportUnusedDisableDirectives: boolean;
  /** Apply only the fixes of these rules (--fix-rule). */
  fixRules?: string[];
  /** Apply only the fixes of rules of these categories (--fix-type). */
  fixTypes?: string[];
  /** Lint only files changed since this git revision (--changed-since). */
  changedSince?: string;
  /** With changedSince: keep only findings on changed lines (--only-changed-lines). */
  onlyChangedLines?: boolean;
  /** Show progress on stderr (a TTY, a human format): set by the CLI, never for machine formats. */
  progress?: boolean;
  /** Text, or bytes already in their file's encoding (a --diff of Latin-1 files). */
  stdout: (text: string | Buffer) => void;
  stderr: (text: string) => void;
}

/** `--rule 'id: error'` or `--rule '{"id": ["warn", {...}]}'`. */
export function parseRuleArg(arg: string): Record<string, RuleSetting> {
  const text = arg.trim();
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as Record<string, RuleSetting>;
    } catch (error) {
      throw new UsageError(`--rule ${JSON.stringify(arg)}: invalid JSON: ${(error as Error).message}`);
    }
  }
  const colon = text.indexOf(":");
  if (colon <= 0) throw new UsageError(`--rule ${JSON.stringify(arg)}: expected "RULE-ID: off|warn|error"`);
  const id = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  try {
    return { [id]: JSON.parse(value) as RuleSetting };
  } catch {
    return { [id]: value as RuleSetting };
  }
}

interface Group {
  config: LintConfig;
  configDir: string;
  includeRoots: string[];
  targets: LintTarget[];
}

function groupTargets(options: LintCommandOptions, files: { path: string; kind: FileKind; explicit: boolean }[], ignoredExplicit: string[]): Group[] {
  const explicitConfig: LoadedConfigFile | null = options.configPath ? readConfigFile(path.resolve(options.cwd, options.configPath)) : null;
  const lookup = new ConfigLookup();
  const groups = new Map<string, Group>();
  for (const file of files) {
    const loaded = explicitConfig ?? (options.configLookup ? lookup.find(path.dirname(file.path)) : null);
    const { config, ignored, key, includeRoots } = configForFile(loaded, file.path);
    if (ignored) {
      if (file.explicit) ignoredExplicit.push(file.path);
      continue;
    }
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { config, configDir: loaded?.dir ?? options.cwd, includeRoots, targets: [] }));
    group.targets.push({ path: file.path, kind: file.kind });
  }
  return [...groups.values()];
}

/** The command-line options laid over a file's configuration. */
function effectiveConfig(config: LintConfig, options: LintCommandOptions): LintConfig {
  const rules: Record<string, RuleSetting> = { ...config.rules };
  for (const arg of options.ruleArgs) Object.assign(rules, parseRuleArg(arg));
  return {
    ...config,
    ...(options.pgVersion !== undefined ? { pgVersion: options.pgVersion } : {}),
    ...(options.presets && options.presets.length > 0 ? { extends: options.presets } : {}),
    rules,
  };
}

export function registryFor(config: LintConfig, configDir: string): RuleRegistry {
  return new RuleRegistry([builtinPlugin, ...(config.plugins ?? []).map((spec) => loadPlugin(spec, configDir))]);
}

interface GroupOutcome {
  run: LintRun;
  registry: RuleRegistry;
  /** Original text and fixed text of each file the fixes changed. */
  changed: Map<string, { before: SourceText; after: string }>;
}

function lintGroup(group: Group, options: LintCommandOptions, stdinPath: string | null, onProgress?: (files: number) => void): GroupOutcome {
  const config = effectiveConfig(group.config, options);
  const pgVersion = (config.pgVersion ?? DEFAULT_PG_VERSION) as PgVersion;
  if (!(SUPPORTED_PG_VERSIONS as readonly number[]).includes(pgVersion)) throw new UsageError(`--pg-version ${pgVersion}: supported versions are ${SUPPORTED_PG_VERSIONS.join(", ")}`);
  const registry = registryFor(config, group.configDir);
  const rules = resolveRules(registry, config);
  const overrides = new Map<string, Uint8Array>();
  if (stdinPath !== null && options.stdinText !== undefined) overrides.set(stdinPath, Buffer.from(options.stdinText, "utf8"));
  // Includes may read the working directory's tree, the linted files' directories and what the
  // user allows; nothing else (the linter runs on untrusted pull requests).
  const includeRoots = [options.cwd, ...group.targets.map((target) => path.dirname(target.path)), ...group.includeRoots, ...(options.includeRoots ?? []).map((root) => path.resolve(options.cwd, root))];
  const fixing = options.fix || options.fixDryRun || options.diff || options.format === "diff";
  const lintOptions = {
    pgVersion,
    includeRoots,
    rules,
    overrides,
    knownRuleIds: new Set(registry.all().map((rule) => rule.id)),
    // Texts are kept for fixing and for the formats that read them, else dropped as soon as
    // each cluster is linted (thousands of files may be linted).
    keepSources: fixing || formatReadsSources(options.format) ? ("findings" as const) : ("none" as const),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: "warn" as const } : {}),
  };
  const firstRun = lintInParallel(group.targets, lintOptions, config, group.configDir) ?? lint(group.targets, onProgress ? { ...lintOptions, onProgress } : lintOptions);
  if (!fixing) return { run: firstRun, registry, changed: new Map() };
  // Fixes are written only inside the working directory and the directories of the files named
  // to lint, whatever includes (--include-root, absolute or `..` paths, symlinks) read.
  const outsideWritable = outsideRoots([options.cwd, ...group.targets.map((target) => path.dirname(target.path))]);
  const { run, originals, texts } = runFixLoop(group.targets, lintOptions, {
    firstRun,
    wanted: (fix) => fixWanted(fix.ruleId, registry, options),
    writable: (filePath) => !outsideWritable(filePath),
    onRefused: (filePath) => options.stderr(`pgconf-lint: warning: not fixing "${path.relative(options.cwd, filePath) || filePath}"${realPathNote(filePath)}: it lies outside the working directory and the directories of the files named to lint. Fix it by hand, or name it on the command line.\n`),
  });
  const changed = new Map<string, { before: SourceText; after: string }>();
  for (const [filePath, after] of texts) {
    const before = originals.get(filePath);
    if (before && before.text !== after) changed.set(filePath, { before, after });
  }
  return { run, registry, changed };
}

/** ` (a symbolic link to "REAL")` when the path leads elsewhere, else "". */
function realPathNote(filePath: string): string {
  try {
    const real = fs.realpathSync(filePath);
    return real === filePath ? "" : ` (a symbolic link to "${real}")`;
  } catch {
    return "";
  }
}

/** --fix-rule / --fix-type: whether a rule's fixes are applied. */
function fixWanted(ruleId: string, registry: RuleRegistry, options: LintCommandOptions): boolean {
  if (options.fixRules && options.fixRules.length > 0 && !options.fixRules.includes(ruleId)) return false;
  if (options.fixTypes && options.fixTypes.length > 0) {
    const category = registry.get(ruleId)?.rule.meta.category;
    if (!category || !options.fixTypes.includes(category)) return false;
  }
  return true;
}

function ignoredFileResult(filePath: string): LintResult {
  const message: LintMessage = { ruleId: null, severity: 1, message: "File ignored because of a matching ignore pattern in the configuration file.", line: 0, column: 0, endLine: 0, endColumn: 0 };
  return { filePath, kind: kindFromFileName(filePath) ?? "conf", messages: [message], suppressedMessages: [], errorCount: 0, warningCount: 1, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
}

/** --only-changed-lines: drop findings that touch no changed line, and recount. */
function keepChangedLines(result: LintResult, lines: Set<number> | undefined): void {
  result.messages = lines ? result.messages.filter((message) => touchesChangedLine(lines, message.line, message.endLine)) : [];
  countMessages(result);
}

function keepErrorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}

/** Runs the lint command; returns the exit status. */
export function runLintCommand(options: LintCommandOptions): number {
  const stdinPath = options.stdinText !== undefined ? path.resolve(options.cwd, options.stdinFilename ?? "postgresql.conf") : null;
  let files =
    stdinPath !== null
      ? [{ path: stdinPath, kind: options.kind ?? kindFromFileName(stdinPath) ?? "conf", explicit: true }]
      : discoverFiles(options.patterns, { cwd: options.cwd, ...(options.kind ? { kind: options.kind } : {}) });
  let lineFilter: Map<string, Set<number>> | null = null;
  if (options.changedSince !== undefined && stdinPath === null) {
    const changed = new Set(changedFiles(options.changedSince, options.cwd).map((file) => realpathOr(file)));
    files = files.filter((file) => changed.has(realpathOr(file.path)));
    if (options.onlyChangedLines) lineFilter = changedLines(options.changedSince, options.cwd, files.map((file) => file.path));
  }
  tierUpFor(files, options.stdinText);
  const ignoredExplicit: string[] = [];
  const groups = groupTargets(options, files, ignoredExplicit);
  if (files.length === 0 && options.patterns.length === 0) {
    options.stderr(`pgconf-lint: no configuration files (postgresql*.conf, pg_hba*.conf, pg_ident*.conf) under ${options.cwd}\n`);
  }

  const results: LintResult[] = ignoredExplicit.map(ignoredFileResult);
  // The texts of the files with problems, for the formats that read them (thousands of files
  // may be linted: keep no text that nothing reads).
  const keepTexts = !options.diff && formatReadsSources(options.format);
  const sources = new Map<string, string>();
  const rulesMeta: Record<string, FormatterRuleMeta> = {};
  const diffs: { path: string; before: string; after: string; encoding: string }[] = [];
  const inPlace = options.fix && stdinPath === null;
  // Progress only where a person watches: a TTY, the stylish report, a run long enough to notice.
  const totalFiles = groups.reduce((sum, group) => sum + group.targets.length, 0);
  const showProgress = options.progress === true && options.format === "stylish" && !options.diff && totalFiles >= PROGRESS_MIN_FILES;
  let doneFiles = 0;
  const progress = showProgress
    ? (files: number) => {
        options.stderr(`\rpgconf-lint: ${doneFiles}/${totalFiles} files`);
        doneFiles += files;
      }
    : undefined;
  for (const group of groups) {
    const outcome = lintGroup(group, options, stdinPath, progress);
    for (const rule of outcome.registry.all()) {
      const meta = rule.rule.meta;
      rulesMeta[rule.id] = { description: meta.description, docsUrl: rule.docsUrl, fixable: meta.fixable, category: meta.category, defaultSeverity: meta.defaultSeverity };
    }
    if (keepTexts) for (const [filePath, source] of outcome.run.sources) sources.set(filePath, source.text);
    for (const result of outcome.run.results) {
      const change = outcome.changed.get(result.filePath);
      if (change && (options.fixDryRun || (options.fix && stdinPath !== null))) result.output = change.after;
      results.push(result);
    }
    for (const [filePath, change] of outcome.changed) {
      diffs.push({ path: filePath, before: change.before.text, after: change.after, encoding: change.before.encoding });
      if (inPlace) writeIfChanged(filePath, change.before.toBytes(), encodeText(change.after, change.before.encoding));
    }
  }
  if (showProgress) options.stderr("\r\x1b[K");
  results.sort((a, b) => compareStrings(a.filePath, b.filePath));
  if (lineFilter) for (const result of results) keepChangedLines(result, lineFilter.get(result.filePath));
  const shown = options.quiet ? results.map(keepErrorsOnly) : results;

  // An editor's format-on-save: the fixed text (or the text as it was) on stdout, nothing else.
  if (stdinPath !== null && options.fix && !options.outputFile && options.format === "stylish") {
    const result = results.find((candidate) => candidate.filePath === stdinPath);
    options.stdout(result?.output ?? options.stdinText ?? "");
    return results.some((candidate) => candidate.errorCount > 0) ? 1 : 0;
  }
  let output: string | Buffer;
  if (options.diff || options.format === "diff") {
    // Each file's part of the diff in that file's own encoding, so the patch matches its bytes.
    const parts = diffs.map((change) => encodeText(unifiedDiff([{ path: change.path, before: change.before, after: change.after }], options.cwd), change.encoding === "latin1" ? "latin1" : "utf8"));
    output = Buffer.concat(parts);
  } else {
    const formatter = loadFormatter(options.format);
    const report = formatter(shown, { cwd: options.cwd, color: options.color && !options.outputFile, rulesMeta, toolVersion: TOOL_VERSION, toolUri: TOOL_URI, sourceOf: (filePath) => sources.get(filePath) });
    output = report === "" || report.endsWith("\n") || options.outputFile ? report : `${report}\n`;
  }
  if (options.outputFile) {
    const target = path.resolve(options.cwd, options.outputFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, output);
  } else if (output.length > 0) {
    options.stdout(output);
  }

  // TIMING=1 (or all): the slowest rules, on stderr so that machine formats stay intact.
  const timingRows = timingListLength();
  if (timingRows > 0) options.stderr(timingTable(timingRows));

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    options.stderr(`pgconf-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
