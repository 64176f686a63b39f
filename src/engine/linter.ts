// Runs the enabled rules over the files to lint: groups them into clusters (a directory's
// postgresql.conf tree with its pg_hba.conf and pg_ident.conf, or the ones hba_file and
// ident_file name, and the files they include), builds each cluster view once,
// runs every rule on it, and turns the findings into ESLint-shaped results, honouring the
// inline directives of each file.
import fs = require("node:fs");
import path = require("node:path");
import type { FileKind } from "../kinds";
import { kindFromFileName } from "../kinds";
import { parseHba } from "../model/hba";
import type { HbaDocument, HbaRecord } from "../model/hba";
import { parseIdent } from "../model/ident";
import type { IdentDocument, IdentRecord } from "../model/ident";
import { diskReader, readErrorText } from "../files";
import type { FileReader } from "../files";
import { SourceText } from "../source";
import type { Span } from "../source";
import { parseBool } from "../values";
import type { PgVersion } from "../views/types";
import { readAuthTree } from "./auth-files";
import type { AuthTree, AuthTreeFile } from "./auth-files";
import { buildCluster } from "./cluster";
import type { AuthSequence, ClusterView, HbaFile, IdentFile } from "./cluster";
import type { EnabledRule } from "./config";
import { DirectiveIndex, parseDirective } from "./directives";
import type { Directive } from "./directives";
import { formatMessage } from "./messages";
import type { ReportDescriptor, RuleContext } from "./rule";
import type { Edit, LintMessage, LintResult } from "./types";
import { SEVERITY_NUMBER } from "./types";
import { compareStrings } from "../order";
import { recordRuleTime, timingEnabled } from "./timing";

export interface LintTarget {
  /** Absolute path. */
  path: string;
  kind: FileKind;
}

export interface LintOptions {
  pgVersion: PgVersion;
  rules: EnabledRule[];
  /** Content to use instead of the disk's, by absolute path (stdin, unsaved buffers, fix passes). */
  overrides?: Map<string, Uint8Array>;
  /** Report directives that silenced nothing, at this severity. */
  reportUnusedDisableDirectives?: "warn" | "error";
  /** Directories whose files may be read through include directives (absolute). Without it,
   *  every include is followed; with it, an include resolving elsewhere is not read. */
  includeRoots?: string[];
  /** Every rule id that exists (off ones too): a directive naming another id is reported. */
  knownRuleIds?: ReadonlySet<string>;
  /** Called after each cluster with the number of files it held (progress display). */
  onProgress?: (files: number) => void;
  /** Which texts the run returns in `sources`: every file read (the default), only the files
   *  with a reported problem or a fix (what fixing and the formats need), or none (the CLI, which
   *  may lint thousands of files, keeps no more text than its output needs). */
  keepSources?: "all" | "findings" | "none";
}

/** A fix on one file, from one finding: what the fixer applies. */
export interface FileFix {
  filePath: string;
  ruleId: string;
  edits: Edit[];
}

export interface LintRun {
  results: LintResult[];
  /** The fixes of reported (not suppressed) findings, with the file each edits. */
  fixes: FileFix[];
  /** Every file read, as text (for fixing and formatters); with `keepSources`, fewer. */
  sources: Map<string, SourceText>;
}

/** A failure to read a file the user named: the CLI reports it and exits 2. */
export class InputFileError extends Error {
  constructor(
    readonly filePath: string,
    message: string,
  ) {
    super(message);
  }
}

/** The disk, with some files' text replaced. */
function overlayReader(overrides: Map<string, Uint8Array> | undefined): FileReader {
  if (!overrides || overrides.size === 0) return diskReader;
  return {
    readFile: (absPath) => overrides.get(absPath) ?? diskReader.readFile(absPath),
    readDir: (absPath) => diskReader.readDir(absPath),
  };
}

/** True when a path lies outside every root: following the real path, so a symlink inside
 *  the tree that points outside it is outside too. */
export function outsideRoots(roots: string[]): (absPath: string) => boolean {
  // The roots are many (each linted file's directory): look the real path's directories up in
  // a set instead of comparing it with every root. Roots written as their real path are found
  // without resolving any root; the others are resolved when a path is not found that way.
  const written = new Set(roots.map((root) => stripTrailingSlash(root)));
  let resolved: Set<string> | undefined;
  const under = (real: string, set: Set<string>) => {
    for (let dir = real; ; dir = path.dirname(dir)) {
      if (set.has(dir)) return true;
      if (path.dirname(dir) === dir) return false;
    }
  };
  return (absPath) => {
    const real = realpathOr(absPath);
    if (under(real, written)) return false;
    resolved ??= new Set(roots.map((root) => stripTrailingSlash(realpathOr(root))));
    return !under(real, resolved);
  };
}

function stripTrailingSlash(dir: string): string {
  return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
}

/** The real path; for a missing file, its directory's real path joined with its name. */
export function realpathOr(absPath: string): string {
  try {
    // The native call resolves the path in one system call, where the JavaScript one stats
    // every component.
    return fs.realpathSync.native(absPath);
  } catch {
    // A missing file: judge by its directory's real path (the directory may be a symlink).
    const dir = path.dirname(absPath);
    return dir === absPath ? absPath : path.join(realpathOr(dir), path.basename(absPath));
  }
}

/** A reader that refuses what lies outside the roots, as if it did not exist. */
function rootedReader(reader: FileReader, isOutside: (absPath: string) => boolean): FileReader {
  return {
    readFile: (absPath) => (isOutside(absPath) ? { error: "ENOENT" } : reader.readFile(absPath)),
    readDir: (absPath) => (isOutside(absPath) ? { error: "ENOENT" } : reader.readDir(absPath)),
  };
}

function readBytes(reader: FileReader, filePath: string): Uint8Array {
  const bytes = reader.readFile(filePath);
  if (!(bytes instanceof Uint8Array)) throw new InputFileError(filePath, `cannot read "${filePath}": ${readErrorText(bytes.error)}`);
  return bytes;
}

function readSource(reader: FileReader, filePath: string): SourceText {
  return SourceText.fromBytes(readBytes(reader, filePath));
}

interface ClusterPlan {
  mainConf: string | null;
  hba: string[];
  ident: string[];
}

/** Groups the targets by directory; a directory's postgresql.conf is the main file of its tree. */
function planClusters(targets: LintTarget[], reader: FileReader): ClusterPlan[] {
  const byDir = new Map<string, LintTarget[]>();
  for (const target of targets) {
    const dir = path.dirname(target.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), target]);
  }
  const plans: ClusterPlan[] = [];
  for (const [dir, group] of byDir) {
    const confs = group.filter((target) => target.kind === "conf").map((target) => target.path);
    const hba = group.filter((target) => target.kind === "hba").map((target) => target.path);
    const ident = group.filter((target) => target.kind === "ident").map((target) => target.path);
    const stock = path.join(dir, "postgresql.conf");
    // pg_hba.conf alone still gets its cluster's settings (ssl, password_encryption) as context.
    const stockOnDisk = confs.length === 0 && (hba.length > 0 || ident.length > 0) && reader.readFile(stock) instanceof Uint8Array;
    const main = confs.includes(stock) ? stock : stockOnDisk ? stock : (confs.find((file) => path.basename(file) !== "postgresql.auto.conf") ?? confs[0] ?? null);
    plans.push({ mainConf: main, hba, ident });
    for (const other of confs) if (other !== main && path.basename(other) !== "postgresql.auto.conf") plans.push({ mainConf: other, hba: [], ident: [] });
  }
  // Clusters with a postgresql.conf first: a pg_hba.conf that one names by hba_file is linted
  // with that cluster's settings, not on its own, wherever it lies.
  return plans.sort((a, b) => Number(a.mainConf === null) - Number(b.mainConf === null));
}

/** Lints the targets; included files of a linted postgresql.conf are linted with it. */
export function lint(targets: LintTarget[], options: LintOptions): LintRun {
  const linted = new Set(targets.map((target) => target.path));
  // The files named to lint are read wherever they lead (a symlink out of the tree): the user
  // asked for them. The roots limit what include directives reach.
  const outside = options.includeRoots ? outsideRoots(options.includeRoots) : undefined;
  const isOutside = outside ? (absPath: string) => !linted.has(absPath) && outside(absPath) : undefined;
  const reader = isOutside ? rootedReader(overlayReader(options.overrides), isOutside) : overlayReader(options.overrides);
  const sources = new Map<string, SourceText>();
  const resultsByPath = new Map<string, LintResult>();
  const fixes: FileFix[] = [];
  const fixedFiles = new Set<string>();
  const seenConf = new Set<string>();

  const queue = planClusters(targets, reader);
  const planned = new Set(queue);
  while (queue.length > 0) {
    const plan = queue.shift()!;
    if (planned.has(plan)) options.onProgress?.((plan.mainConf === null ? 0 : 1) + plan.hba.length + plan.ident.length);
    if (plan.mainConf !== null && seenConf.has(plan.mainConf)) continue;
    const { cluster, unused, named } = buildPlannedCluster(plan, options.pgVersion, reader, sources, isOutside);
    // A pg_hba.conf / pg_ident.conf beside postgresql.conf that hba_file / ident_file replaces
    // is not the cluster's: it is linted on its own.
    if (unused.hba.length > 0 || unused.ident.length > 0) queue.push({ mainConf: null, ...unused });
    // A conf file that is part of this tree is linted with it (includes are linted too).
    const lintedHere = new Set<string>();
    for (const file of cluster.confFiles) {
      seenConf.add(file.path);
      if (plan.mainConf !== null && (linted.has(plan.mainConf) || linted.has(file.path))) lintedHere.add(file.path);
      sources.set(file.path, file.document.source);
    }
    // The pg_hba.conf / pg_ident.conf files: those to lint, those hba_file / ident_file name
    // when postgresql.conf is linted, and the files their includes reach (16+). A file another
    // cluster linted already is linted once, there.
    const authFiles: (HbaFile | IdentFile)[] = [...cluster.hbaFiles, ...cluster.identFiles];
    const byPath = new Map(authFiles.map((file) => [file.path, file]));
    const topOf = (file: HbaFile | IdentFile): HbaFile | IdentFile => {
      let top = file;
      while (top.includedFrom !== null) top = byPath.get(top.includedFrom) ?? top;
      return top;
    };
    const mainLinted = plan.mainConf !== null && linted.has(plan.mainConf);
    for (const file of authFiles) {
      sources.set(file.path, file.document.source);
      const top = topOf(file);
      if ((linted.has(top.path) || (named.has(top.path) && mainLinted)) && !resultsByPath.has(file.path)) lintedHere.add(file.path);
    }
    if (lintedHere.size === 0) continue;
    const directives = new Map<string, DirectiveIndex>();
    for (const filePath of lintedHere) directives.set(filePath, new DirectiveIndex(directivesOf(cluster, filePath)));
    for (const filePath of lintedHere) {
      const kind = kindOf(cluster, filePath);
      resultsByPath.set(filePath, emptyResult(filePath, kind));
    }
    // A binary or corrupt file gets one fatal message and nothing else, no fix either.
    const fatal = new Set<string>();
    for (const filePath of lintedHere) {
      const message = nulByteMessage(sources.get(filePath));
      if (!message) continue;
      fatal.add(filePath);
      resultsByPath.get(filePath)!.messages.push(message);
      directives.delete(filePath);
    }
    const reported: ReportedFinding[] = [];
    runRules(cluster, options.rules, (filePath) => lintedHere.has(filePath), (rule, descriptor, text) => {
      const fixFilePath = descriptor.fixFilePath ?? descriptor.filePath;
      if (fatal.has(descriptor.filePath) || fatal.has(fixFilePath)) return;
      const message = toMessage(rule, descriptor, text, sources.get(descriptor.filePath)!);
      reported.push({ start: descriptor.span.start, ruleId: rule.registered.id, filePath: descriptor.filePath, line: descriptor.span.line, message, fix: descriptor.fix, fixFilePath });
    });
    reported.sort((a, b) => a.start - b.start || compareStrings(a.ruleId, b.ruleId));
    for (const finding of reported) {
      const result = resultsByPath.get(finding.filePath)!;
      const directive = directives.get(finding.filePath)!.suppressing(finding.ruleId, finding.line);
      if (directive) {
        result.suppressedMessages.push({ ...finding.message, suppressions: [{ kind: "directive", justification: directive.justification }] });
        continue;
      }
      result.messages.push(finding.message);
      if (finding.fix) {
        fixes.push({ filePath: finding.fixFilePath, ruleId: finding.ruleId, edits: finding.fix });
        fixedFiles.add(finding.fixFilePath);
      }
    }
    const knownIds = options.knownRuleIds ?? new Set(options.rules.map((rule) => rule.registered.id));
    for (const [filePath, index] of directives) {
      const result = resultsByPath.get(filePath)!;
      for (const directive of index.directives) {
        for (const id of directive.ruleIds) {
          if (!knownIds.has(id)) result.messages.push(directiveProblem(directive, `Unknown rule "${id}" in a pgconf-lint-${directive.kind} directive: check the rule id (\`pgconf-lint rules\` lists them).`, 2));
        }
      }
      if (options.reportUnusedDisableDirectives) {
        for (const directive of index.unused()) {
          const what = directive.ruleIds.length ? `for ${directive.ruleIds.map((id) => `"${id}"`).join(", ")}` : "for every rule";
          result.messages.push(directiveProblem(directive, `Unused pgconf-lint-${directive.kind} directive (no problem ${what} was reported here): remove it.`, SEVERITY_NUMBER[options.reportUnusedDisableDirectives]));
        }
      }
    }
    if (options.keepSources === "findings" || options.keepSources === "none") {
      for (const filePath of [...cluster.confFiles, ...authFiles].map((file) => file.path)) {
        if (options.keepSources === "none" || (!fixedFiles.has(filePath) && !(resultsByPath.get(filePath)?.messages.length ?? 0))) sources.delete(filePath);
      }
    }
  }
  const results = [...resultsByPath.values()];
  for (const result of results) finishResult(result);
  results.sort((a, b) => compareStrings(a.filePath, b.filePath));
  return { results, fixes, sources };
}

/** A cluster as built, with what it left out of its plan. */
interface BuiltCluster {
  cluster: ClusterView;
  /** Planned pg_hba.conf / pg_ident.conf files that the cluster does not read (hba_file or
   *  ident_file names another file, which does not include them). */
  unused: { hba: string[]; ident: string[] };
  /** The files that hba_file / ident_file name (read because postgresql.conf names them). */
  named: Set<string>;
}

function buildPlannedCluster(plan: ClusterPlan, pgVersion: PgVersion, reader: FileReader, sources: Map<string, SourceText>, isOutside?: (absPath: string) => boolean): BuiltCluster {
  let conf: { mainPath: string; reader: FileReader; autoConfPath?: string; isBlocked?: (absPath: string) => boolean } | null = null;
  if (plan.mainConf !== null) {
    // The main file must be readable: PostgreSQL would not start without it.
    const mainBytes = readBytes(reader, plan.mainConf);
    const auto = path.join(path.dirname(plan.mainConf), "postgresql.auto.conf");
    const autoBytes = plan.mainConf !== auto ? reader.readFile(auto) : null;
    const hasAuto = autoBytes instanceof Uint8Array;
    // The tree reader gets the two files just read from here, not from the disk again.
    const treeReader: FileReader = {
      readFile: (absPath) => (absPath === plan.mainConf ? mainBytes : absPath === auto && hasAuto ? autoBytes : reader.readFile(absPath)),
      readDir: (absPath) => reader.readDir(absPath),
    };
    conf = { mainPath: plan.mainConf, reader: treeReader, ...(hasAuto ? { autoConfPath: auto } : {}), ...(isOutside ? { isBlocked: isOutside } : {}) };
  }
  // The hba documents depend on ssl (hostssl records): read the conf tree first.
  const cluster = buildCluster(pgVersion, conf, [], []);
  const ssl = parseBool(cluster.effectiveValue("ssl") ?? "off") ?? false;
  // oauth records (18+) are judged against the cluster's validator libraries, as the server does.
  const oauthValidatorLibraries = cluster.effectiveValue("oauth_validator_libraries") ?? "";
  const named = new Set<string>();
  const treeOptions = { pgVersion, reader, ...(isOutside ? { isOutside } : {}) };

  const hbaTops = topFiles(cluster, plan, "hba", reader, sources, isOutside);
  const parseHbaFile = (source: SourceText, filePath: string) => parseHba(source, { pgVersion, fileName: filePath, sslEnabled: ssl, oauthValidatorLibraries });
  const hbaTree = readAuthTree<HbaRecord, HbaDocument>(
    hbaTops.tops.map((top) => ({ path: top.path, document: parseHbaFile(top.source, top.path) })),
    { ...treeOptions, kind: "hba", parse: parseHbaFile },
  );
  const identTops = topFiles(cluster, plan, "ident", reader, sources, isOutside);
  const parseIdentFile = (source: SourceText, filePath: string) => parseIdent(source, { pgVersion, fileName: filePath });
  const identTree = readAuthTree<IdentRecord, IdentDocument>(
    identTops.tops.map((top) => ({ path: top.path, document: parseIdentFile(top.source, top.path) })),
    { ...treeOptions, kind: "ident", parse: parseIdentFile },
  );
  for (const top of [...hbaTops.tops, ...identTops.tops]) if (top.named) named.add(top.path);
  // The conf tree is read once: the hba and ident documents join the view built for it.
  joinTree(cluster, "hba", hbaTree, cluster.hbaFiles, cluster.hbaOrder);
  joinTree(cluster, "ident", identTree, cluster.identFiles, cluster.identOrder);
  const read = new Set([...hbaTree.files, ...identTree.files].map((file) => file.path));
  const unused = { hba: hbaTops.replaced.filter((file) => !read.has(file)), ident: identTops.replaced.filter((file) => !read.has(file)) };
  return { cluster, unused, named };
}

function joinTree<D, R>(cluster: ClusterView, kind: "hba" | "ident", tree: AuthTree<D, R>, files: AuthTreeFile<D>[], order: AuthSequence<AuthTreeFile<D>, R>[]): void {
  files.push(...tree.files);
  order.push(...tree.sequences);
  cluster.authIncludeProblems.push(...tree.problems);
  for (const blocked of tree.blocked) cluster.blockedIncludes.push({ filePath: blocked.filePath, directive: blocked.include.kind, kind, span: blocked.span, target: blocked.target });
}

const AUTH_SETTING = { hba: "hba_file", ident: "ident_file" } as const;
const AUTH_DEFAULT_NAME = { hba: "pg_hba.conf", ident: "pg_ident.conf" } as const;
const AUTH_FILE_PROBLEM: Record<string, string> = {
  ENOENT: "does not exist",
  EISDIR: "is a directory, not a file",
  EMPTY: "is empty, so the server reads the directory it is started in",
  ENOTREG: "is not a regular file (a FIFO, socket or device is not read)",
};

/**
 * The top pg_hba.conf (or pg_ident.conf) files of a cluster, read. Without an hba_file
 * setting: the planned files, the one named pg_hba.conf first. With one: the file it names,
 * instead of the planned files (`replaced`), if it lies within the include roots (else it is
 * a blocked include) and can be read (else an authFileProblem at the setting).
 */
function topFiles(cluster: ClusterView, plan: ClusterPlan, kind: "hba" | "ident", reader: FileReader, sources: Map<string, SourceText>, isOutside?: (absPath: string) => boolean): { tops: { path: string; source: SourceText; named: boolean }[]; replaced: string[] } {
  const planned = plan[kind];
  const entry = plan.mainConf === null ? undefined : cluster.effective(AUTH_SETTING[kind]);
  if (!entry || plan.mainConf === null) {
    const first = planned.filter((file) => path.basename(file) === AUTH_DEFAULT_NAME[kind]);
    const ordered = [...first, ...planned.filter((file) => !first.includes(file))];
    return { tops: ordered.map((file) => ({ path: file, source: sourceOf(reader, sources, file), named: false })), replaced: [] };
  }
  // PostgreSQL makes a relative hba_file absolute against the directory the server starts in
  // (guc.c SelectConfigFiles, make_absolute_path; docs: "File Locations"), which no file says.
  // The linter takes postgresql.conf's directory: the data directory when the configuration
  // lives there, and where the server runs when started from it.
  const value = entry.line.value;
  const target = path.posix.resolve(path.posix.dirname(plan.mainConf), value);
  const relative = !path.posix.isAbsolute(value);
  const replaced = planned.filter((file) => file !== target);
  if (isOutside?.(target)) {
    cluster.blockedIncludes.push({ filePath: entry.file.path, directive: AUTH_SETTING[kind], kind, span: entry.line.valueSpan, target });
    return { tops: [], replaced };
  }
  if (planned.includes(target)) return { tops: [{ path: target, source: sourceOf(reader, sources, target), named: true }], replaced };
  const bytes = value === "" ? { error: "EMPTY" } : reader.readFile(target);
  if (!(bytes instanceof Uint8Array)) {
    const problem = AUTH_FILE_PROBLEM[bytes.error] ?? `cannot be read (${readErrorText(bytes.error)})`;
    cluster.authFileProblems.push({ kind, entry, target, problem, relative });
    return { tops: [], replaced };
  }
  const source = SourceText.fromBytes(bytes);
  sources.set(target, source);
  return { tops: [{ path: target, source, named: true }], replaced };
}

/** A planned file's text, read once. */
function sourceOf(reader: FileReader, sources: Map<string, SourceText>, filePath: string): SourceText {
  const source = readSource(reader, filePath);
  sources.set(filePath, source);
  return source;
}

function kindOf(cluster: ClusterView, filePath: string): FileKind {
  if (cluster.hbaFiles.some((file) => file.path === filePath)) return "hba";
  if (cluster.identFiles.some((file) => file.path === filePath)) return "ident";
  return kindFromFileName(filePath) === "conf" || cluster.confFile(filePath) ? "conf" : (kindFromFileName(filePath) ?? "conf");
}

/** A finding turned into its message as soon as it is reported, so that what the rule built for
 *  it (data, suggestions, the descriptor) dies young instead of outliving the whole lint: only
 *  what ordering, directives and fixing read is kept. */
interface ReportedFinding {
  start: number;
  ruleId: string;
  filePath: string;
  line: number;
  message: LintMessage;
  fix: Edit[] | undefined;
  fixFilePath: string;
}

/** Runs the rules; each finding in a linted file goes to `accept` with its formatted message. */
function runRules(cluster: ClusterView, rules: EnabledRule[], isLinted: (filePath: string) => boolean, accept: (rule: EnabledRule, descriptor: ReportDescriptor, message: string) => void): void {
  for (const rule of rules) {
    const meta = rule.registered.rule.meta;
    const context: RuleContext = {
      ruleId: rule.registered.id,
      pgVersion: cluster.pgVersion,
      options: rule.options,
      cluster,
      isLinted,
      report(descriptor) {
        if (!isLinted(descriptor.filePath)) return;
        const template = meta.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`Rule "${rule.registered.id}" reported unknown messageId "${descriptor.messageId}".`);
        accept(rule, descriptor, formatMessage(template, descriptor.data, rule.registered.id));
      },
    };
    if (timingEnabled) {
      const started = performance.now();
      rule.registered.rule.check(context);
      recordRuleTime(rule.registered.id, performance.now() - started);
    } else {
      rule.registered.rule.check(context);
    }
  }
}

/** ESLint's shape for a fix: one edit spanning all of a fix's edits, the text between kept. */
export function mergeEdits(edits: Edit[], text: string): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  const end = Math.max(...sorted.map((edit) => edit.range[1]));
  let out = "";
  let at = start;
  for (const edit of sorted) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  out += text.slice(at, end);
  return { range: [start, end], text: out };
}

function toMessage(rule: EnabledRule, descriptor: ReportDescriptor, text: string, source: SourceText): LintMessage {
  const span = descriptor.span;
  const ruleId = rule.registered.id;
  const severity = SEVERITY_NUMBER[rule.severity];
  const ownFile = (descriptor.fixFilePath ?? descriptor.filePath) === descriptor.filePath;
  const fix = descriptor.fix && descriptor.fix.length > 0 && ownFile ? mergeEdits(descriptor.fix, source.text) : undefined;
  const ownSuggestions = (descriptor.suggestions ?? []).filter((s) => (s.filePath ?? descriptor.filePath) === descriptor.filePath && s.edits.length > 0);
  const messages = rule.registered.rule.meta.messages;
  // map makes an array of the exact length (one grown by push keeps room for 17).
  const suggestions = ownSuggestions.length === 0 ? undefined : ownSuggestions.map((s) => ({ desc: formatMessage(messages[s.messageId] ?? s.messageId, s.data, ruleId), fix: mergeEdits(s.edits, source.text) }));
  // One literal with every property the message has: a property added to an object after its
  // literal goes to a separate property array, one more object per finding, which a lint keeps.
  const { line, column, endLine, endColumn } = span;
  if (fix && suggestions) return { ruleId, severity, message: text, line, column, endLine, endColumn, fix, suggestions };
  if (fix) return { ruleId, severity, message: text, line, column, endLine, endColumn, fix };
  if (suggestions) return { ruleId, severity, message: text, line, column, endLine, endColumn, suggestions };
  return { ruleId, severity, message: text, line, column, endLine, endColumn };
}

/** PostgreSQL ends a value (postgresql.conf) or a line (pg_hba.conf, pg_ident.conf, which then
 *  join the next line to it) at a NUL byte: what it reads is not what the file shows, and no
 *  finding about the rest would be reliable. Like ESLint's parsing errors: fatal, severity 2. */
function nulByteMessage(source: SourceText | undefined): LintMessage | null {
  const at = source ? source.text.indexOf("\0") : -1;
  if (!source || at === -1) return null;
  const head = source.text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f) control++;
  }
  const what = control > 1 && control * 10 > head.length ? "This is a binary file, not a configuration file (it holds NUL bytes and other control characters)" : "This file holds a NUL byte, so it is corrupt";
  const { line, column } = source.positionAt(at);
  return {
    ruleId: null,
    fatal: true,
    severity: 2,
    message: `${what}: PostgreSQL stops reading a value or a line at a NUL byte, so it reads something other than what the file shows. The file was not linted; remove the NUL bytes or restore the file.`,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  };
}

function directiveProblem(directive: Directive, text: string, severity: 1 | 2): LintMessage {
  const span: Span = directive.span;
  return { ruleId: null, severity, message: text, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/** The directives in a file's comments. Most comments are prose: only one naming the tool can
 *  be a directive, and only then is its span made (a setting line makes its spans when asked). */
function directivesOf(cluster: ClusterView, filePath: string): Directive[] {
  const directives: Directive[] = [];
  const conf = cluster.confFile(filePath);
  // Most files name the tool nowhere: one search of the text spares a look at every comment.
  if (conf && conf.document.source.text.includes("pgconf-lint-")) {
    for (const line of conf.document.lines) {
      if (line.kind === "blank" || line.comment === null || !line.comment.includes("pgconf-lint-")) continue;
      const directive = parseDirective(line.comment, line.commentSpan!);
      if (directive) directives.push(directive);
    }
  }
  const auth = cluster.hbaFiles.find((file) => file.path === filePath)?.document ?? cluster.identFiles.find((file) => file.path === filePath)?.document;
  if (auth && auth.source.text.includes("pgconf-lint-")) {
    for (const line of auth.lines) {
      if (!line.comment?.text.includes("pgconf-lint-")) continue;
      const directive = parseDirective(line.comment.text, line.comment.span);
      if (directive) directives.push(directive);
    }
  }
  return directives;
}

function emptyResult(filePath: string, kind: FileKind): LintResult {
  return { filePath, kind, messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
}

function finishResult(result: LintResult): void {
  result.messages.sort((a, b) => a.line - b.line || a.column - b.column || compareStrings(a.ruleId ?? "", b.ruleId ?? ""));
  countMessages(result);
}

/** Sets a result's counts from its messages (after the messages were filtered, too). */
export function countMessages(result: LintResult): void {
  result.errorCount = result.warningCount = result.fatalErrorCount = result.fixableErrorCount = result.fixableWarningCount = 0;
  for (const message of result.messages) {
    if (message.severity === 2) result.errorCount++;
    else result.warningCount++;
    if (message.fatal) result.fatalErrorCount++;
    if (message.fix) {
      if (message.severity === 2) result.fixableErrorCount++;
      else result.fixableWarningCount++;
    }
  }
}
