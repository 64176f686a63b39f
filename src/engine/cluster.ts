// The cluster view that rules read: the postgresql.conf tree as PostgreSQL reads it (includes
// followed, postgresql.auto.conf last), every setting with the file and line it comes from, the
// effective value of each parameter, and the cluster's pg_hba.conf and pg_ident.conf (beside
// postgresql.conf or named by hba_file / ident_file, with the files they include from 16 on).
import path = require("node:path");
import { asciiLowerCase } from "../ascii";
import { isKnownParameter, loadCatalog, lookupParameter, removedParameter } from "../catalog";
import type { CatalogParameter, LoadedCatalog, RemovedParameter } from "../catalog";
import type { FileKind } from "../kinds";
import type { ConfDocument, ConfIncludeLine, ConfSettingLine } from "../model/conf";
import type { HbaDocument, HbaRecord } from "../model/hba";
import type { IdentDocument, IdentRecord } from "../model/ident";
import type { Span } from "../source";
import type { AuthIncludeProblem, AuthRecordAt, AuthTreeFile } from "./auth-files";
import { canonicalizePath, readConfEntries } from "../views/file-settings";
import type { ConfFileReader } from "../views/file-settings";
import type { PgVersion } from "../views/types";

/** One file of the postgresql.conf tree. */
export interface ConfFile {
  path: string;
  document: ConfDocument;
  /** postgresql.auto.conf (written by ALTER SYSTEM): never edit it by hand. */
  isAutoConf: boolean;
}

/** One `name = value` line, where the tree reads it. */
export interface SettingEntry {
  file: ConfFile;
  line: ConfSettingLine;
  /** The name in lower case (parameter names are case-insensitive). */
  key: string;
  /** The catalog's parameter for the target version, if the name is one. */
  parameter: CatalogParameter | undefined;
}

/** An include directive that PostgreSQL could not follow. */
export interface IncludeProblem {
  file: ConfFile;
  line: ConfIncludeLine | null;
  lineNumber: number;
  message: string;
}

/** A file the configuration names whose path lies outside the allowed roots: deliberately not
 *  read. Named by an include directive of postgresql.conf, of pg_hba.conf or pg_ident.conf
 *  (16+), or by the hba_file / ident_file setting. */
export interface BlockedInclude {
  /** The file holding the directive or setting. */
  filePath: string;
  /** `include`, `include_if_exists`, `include_dir`, `hba_file` or `ident_file`. */
  directive: string;
  /** The kind of file the target would have been read as. */
  kind: FileKind;
  /** Where the path is written. */
  span: Span;
  /** The absolute path it names. */
  target: string;
}

/** A pg_hba.conf of the cluster: the top file, or (16+) one that an include reached. */
export type HbaFile = AuthTreeFile<HbaDocument>;

/** A pg_ident.conf of the cluster: the top file, or (16+) one that an include reached. */
export type IdentFile = AuthTreeFile<IdentDocument>;

/** A top pg_hba.conf / pg_ident.conf and its records in the order the server reads them. */
export interface AuthSequence<F, R> {
  top: F;
  records: AuthRecordAt<F, R>[];
}

/** The file an hba_file or ident_file setting names, when the server could not read it. */
export interface AuthFileProblem {
  kind: Extract<FileKind, "hba" | "ident">;
  /** The setting (its effective line). */
  entry: SettingEntry;
  /** The absolute path it names, as the linter resolved it. */
  target: string;
  /** What is wrong: "does not exist", "is a directory", ... */
  problem: string;
  /** The value is a relative path: the server resolves it against the directory it starts in. */
  relative: boolean;
}

/** What the target version's catalog says about a name. */
interface NameFacts {
  /** The target version the answers are for. */
  version: PgVersion;
  /** The name in lower case (names compare case-insensitively, as guc.c does). */
  key: string;
  parameter: CatalogParameter | undefined;
  known: boolean;
  /** removedParameter's answer (null: not removed), when asked. */
  removed?: RemovedParameter | null;
}

/** The same answers for the whole run, per target version: each cluster's files are new strings,
 *  but they name the same few hundred parameters, and one lookup here costs less than folding
 *  a name's case and asking the catalog three times. Bounded (a file of made-up names). */
const runFactsByVersion = new Map<PgVersion, Map<string, NameFacts>>();
const RUN_NAMES_LIMIT = 5_000;

function runNames(pgVersion: PgVersion): Map<string, NameFacts> {
  let names = runFactsByVersion.get(pgVersion);
  if (!names) runFactsByVersion.set(pgVersion, (names = new Map()));
  return names;
}

/** Asks the catalog about a name not in `names` yet, and remembers the answer there. */
function runFacts(names: Map<string, NameFacts>, version: PgVersion, catalog: LoadedCatalog, name: string): NameFacts {
  const key = asciiLowerCase(name);
  const parameter = lookupParameter(catalog, key);
  // Kept for the run, so no string kept may be a slice of the file it was read from, which it
  // would keep alive (V8 makes a slice of 13 chars or more a view of its parent string): the
  // catalog's own name where it is the same, else a copy.
  const catalogKey = parameter ? asciiLowerCase(parameter.name) : undefined;
  const ownKey = catalogKey === key ? catalogKey : ownCopy(key);
  const facts: NameFacts = { version, key: ownKey, parameter, known: isKnownParameter(catalog, key) };
  if (names.size >= RUN_NAMES_LIMIT) names.clear();
  names.set(name === key ? ownKey : ownCopy(name), facts);
  return facts;
}

/** A string equal to `text` that shares no storage with it (see runFacts). */
function ownCopy(text: string): string {
  return text.length < 13 ? text : text.split("").join("");
}

export class ClusterView {
  readonly catalog: LoadedCatalog;
  /** Settings in the order the server reads them (includes expanded where they stand). */
  readonly settings: SettingEntry[] = [];
  readonly includeProblems: IncludeProblem[] = [];
  /** Includes (and hba_file / ident_file) not followed because they point outside the tree
   *  being linted. */
  readonly blockedIncludes: BlockedInclude[] = [];
  /** Include directives of pg_hba.conf / pg_ident.conf (16+) that the server cannot follow. */
  readonly authIncludeProblems: AuthIncludeProblem[] = [];
  /** hba_file / ident_file naming a file that cannot be read. */
  readonly authFileProblems: AuthFileProblem[] = [];
  /** Each top pg_hba.conf's records in the server's order (includes expanded where they stand). */
  readonly hbaOrder: AuthSequence<HbaFile, HbaRecord>[] = [];
  /** Each top pg_ident.conf's records in the server's order. */
  readonly identOrder: AuthSequence<IdentFile, IdentRecord>[] = [];
  private readonly lastByKey = new Map<string, SettingEntry>();
  /** hbaSequences() for a view without hbaOrder, made when first asked. */
  private topFileSequences: AuthSequence<HbaFile, HbaRecord>[] | undefined;
  /** Made when occurrences() is first asked (no built-in rule does). */
  private allByKey: Map<string, SettingEntry[]> | undefined;
  /** The run's answers by name as written for the target version (see runFacts). */
  private readonly namesAsWritten: Map<string, NameFacts>;

  constructor(
    readonly pgVersion: PgVersion,
    /** The postgresql.conf tree in reading order; the main file first. Empty without one. */
    readonly confFiles: ConfFile[],
    /** The cluster's pg_hba.conf files, each once: top files first, then included ones. */
    readonly hbaFiles: HbaFile[],
    /** The cluster's pg_ident.conf files, each once: top files first, then included ones. */
    readonly identFiles: IdentFile[],
  ) {
    this.catalog = loadCatalog(pgVersion);
    this.namesAsWritten = runNames(pgVersion);
  }

  get mainConf(): ConfFile | undefined {
    return this.confFiles.find((file) => !file.isAutoConf);
  }

  private facts(name: string): NameFacts {
    return this.namesAsWritten.get(name) ?? runFacts(this.namesAsWritten, this.pgVersion, this.catalog, name);
  }

  /** The answers about a setting line's name, kept on the line (see nameFacts). */
  private lineFacts(line: ConfSettingLine): NameFacts {
    const kept = (line as { nameFacts?: NameFacts }).nameFacts;
    if (kept !== undefined && kept.version === this.pgVersion) return kept;
    return ((line as { nameFacts?: NameFacts }).nameFacts = this.facts(line.name));
  }

  /** The catalog's parameter a setting line sets (as parameter(line.name), faster). */
  parameterOf(line: ConfSettingLine): CatalogParameter | undefined {
    return this.lineFacts(line).parameter;
  }

  /** A setting line's name in lower case (as key(line.name), faster). */
  keyOf(line: ConfSettingLine): string {
    return this.lineFacts(line).key;
  }

  addSetting(file: ConfFile, line: ConfSettingLine): void {
    const { key, parameter } = this.lineFacts(line);
    const entry: SettingEntry = { file, line, key, parameter };
    this.settings.push(entry);
    this.lastByKey.set(key, entry);
    this.allByKey = undefined;
  }

  /** The line that sets the parameter's effective value (the last one read), if any. */
  effective(name: string): SettingEntry | undefined {
    return this.lastByKey.get(this.facts(name).key);
  }

  /** Every line that sets the parameter, in reading order. */
  occurrences(name: string): SettingEntry[] {
    if (!this.allByKey) {
      this.allByKey = new Map();
      for (const entry of this.settings) {
        const all = this.allByKey.get(entry.key);
        if (all) all.push(entry);
        else this.allByKey.set(entry.key, [entry]);
      }
    }
    return [...(this.allByKey.get(this.facts(name).key) ?? [])];
  }

  /** The effective value: the last line's, else the built-in default (pg_settings.boot_val). */
  effectiveValue(name: string): string | undefined {
    return this.effective(name)?.line.value ?? this.parameter(name)?.bootVal ?? undefined;
  }

  isKnown(name: string): boolean {
    return this.facts(name).known;
  }

  /** The name in lower case: the key of settings, as guc.c compares names. */
  key(name: string): string {
    return this.facts(name).key;
  }

  /** If the name left pg_settings at or before the target version: see removedParameter. */
  removed(name: string): RemovedParameter | undefined {
    const facts = this.facts(name);
    // Frozen: the answer is shared by every cluster of the run.
    if (facts.removed === undefined) facts.removed = Object.freeze(removedParameter(facts.key, this.pgVersion)) ?? null;
    return facts.removed ?? undefined;
  }

  parameter(name: string): CatalogParameter | undefined {
    return this.facts(name).parameter;
  }

  /** Each top pg_hba.conf with its records in the order the server reads them: the records of
   *  included files (16+) where their include directive stands. */
  hbaSequences(): AuthSequence<HbaFile, HbaRecord>[] {
    if (this.hbaOrder.length > 0 || this.hbaFiles.length === 0) return this.hbaOrder;
    // A view built without the linter's tree reading: each top file's own records, made once.
    return (this.topFileSequences ??= this.hbaFiles.filter((file) => !file.includedFrom).map((file) => ({ top: file, records: file.document.records.map((record) => ({ file, record })) })));
  }

  /** Whether every include of the cluster's pg_hba.conf (or pg_ident.conf) files was read:
   *  none lies outside the roots and none failed. Only then is the set of records complete. */
  allIncludesRead(kind: "hba" | "ident"): boolean {
    return !this.authIncludeProblems.some((problem) => problem.kind === kind) && !this.blockedIncludes.some((blocked) => blocked.kind === kind && blocked.directive.startsWith("include"));
  }

  /** The file a new setting should go into: the main postgresql.conf. */
  confFile(filePath: string): ConfFile | undefined {
    return this.confFiles.find((file) => file.path === filePath);
  }
}

export interface ConfTreeOptions {
  pgVersion: PgVersion;
  reader: ConfFileReader;
  /** Read after the tree, like the server reads its data directory's postgresql.auto.conf. */
  autoConfPath?: string;
}

/**
 * Reads the postgresql.conf tree rooted at `mainPath` as the server does and records each
 * setting in the cluster view, in reading order.
 */
export function readConfTree(mainPath: string, options: ConfTreeOptions): { files: ConfFile[]; settings: { file: ConfFile; line: ConfSettingLine }[]; problems: { file: string | null; line: number; message: string }[] } {
  const result = readConfEntries(mainPath, { reader: options.reader, pgVersion: options.pgVersion, autoConfPath: options.autoConfPath });
  const autoPath = options.autoConfPath ? path.posix.resolve(options.autoConfPath) : null;
  const files: ConfFile[] = [...result.documents].map(([filePath, document]) => ({ path: filePath, document, isAutoConf: filePath === autoPath }));
  const byPath = new Map(files.map((file) => [file.path, file]));
  const settings: { file: ConfFile; line: ConfSettingLine }[] = [];
  const problems: { file: string | null; line: number; message: string }[] = [];
  for (const entry of result.entries) {
    if (entry.setting !== null) settings.push({ file: byPath.get(entry.file!)!, line: entry.setting });
    // Syntax errors come from the documents themselves, with PostgreSQL's full message.
    else if (entry.error !== null && entry.error !== "syntax error") problems.push({ file: entry.file, line: entry.file === null ? 0 : entry.line, message: entry.error });
  }
  return { files, settings, problems };
}

/** The include directives of the tree that name `target` (a path as the reader resolves it). */
function includingDirectives(files: ConfFile[], target: string, pgVersion: PgVersion): { file: ConfFile; line: ConfIncludeLine }[] {
  const found: { file: ConfFile; line: ConfIncludeLine }[] = [];
  for (const file of files) {
    for (const line of file.document.directives) {
      const resolved = line.path.startsWith("/") ? line.path : canonicalizePath(`${path.posix.dirname(file.path)}/${line.path.replace(/^(\.\/)+/, "")}`, pgVersion);
      if (resolved === target) found.push({ file, line });
    }
  }
  return found;
}

/** Builds the cluster view for a postgresql.conf tree (or none) and the hba/ident documents. */
export function buildCluster(pgVersion: PgVersion, conf: { mainPath: string; reader: ConfFileReader; autoConfPath?: string; isBlocked?: (absPath: string) => boolean } | null, hbaFiles: HbaFile[], identFiles: IdentFile[]): ClusterView {
  if (!conf) return new ClusterView(pgVersion, [], hbaFiles, identFiles);
  const tree = readConfTree(conf.mainPath, { pgVersion, reader: conf.reader, autoConfPath: conf.autoConfPath });
  const cluster = new ClusterView(pgVersion, tree.files, hbaFiles, identFiles);
  const byPath = new Map(tree.files.map((file) => [file.path, file]));
  for (const setting of tree.settings) cluster.addSetting(setting.file, setting.line);
  const isBlocked = conf.isBlocked;
  const blockedLines = new Set<ConfIncludeLine>();
  if (isBlocked) {
    for (const file of tree.files) {
      for (const directive of file.document.directives) {
        const target = path.posix.resolve(path.posix.dirname(file.path), directive.path);
        if (directive.path.trim() !== "" && isBlocked(target)) {
          blockedLines.add(directive);
          cluster.blockedIncludes.push({ filePath: file.path, directive: directive.directive, kind: "conf", span: directive.valueSpan, target });
        }
      }
    }
  }
  const reportedDirs = new Map<string, number>();
  for (const problem of tree.problems) {
    const file = problem.file === null ? undefined : byPath.get(problem.file);
    if (!file) {
      // A directory named by include: the server's error is at the directory itself ("input in
      // flex scanner failed at file DIR line 1"); report it at the directive naming it.
      const naming = problem.file === null ? [] : includingDirectives(tree.files, problem.file, pgVersion);
      const seen = reportedDirs.get(problem.file ?? "") ?? 0;
      reportedDirs.set(problem.file ?? "", seen + 1);
      const including = naming[Math.min(seen, naming.length - 1)];
      if (including) cluster.includeProblems.push({ ...including, lineNumber: including.line.nameSpan.line, message: `${problem.message} at file "${problem.file}" line ${problem.line} (a directory: include_dir reads one)` });
      continue;
    }
    const line = file.document.directives.find((directive) => directive.nameSpan.line === problem.line) ?? null;
    // A blocked include has its own finding; the reader's "could not open" is ours, not PostgreSQL's.
    if (line && blockedLines.has(line)) continue;
    cluster.includeProblems.push({ file, line, lineNumber: problem.line, message: problem.message });
  }
  return cluster;
}
