// The rows of pg_file_settings for a main configuration file: what the server reads, from
// which file and line, and whether it would apply it. Follows guc-file.l (ParseConfigFile,
// ParseConfigFp, ParseConfigDirectory), conffiles.c and guc.c (ProcessConfigFileInternal)
// as the view runs them: at DEBUG level, so each file stops at its first syntax error.

import path = require("node:path");
import { diskReader, NOT_REGULAR } from "../files";
import type { FileReader } from "../files";
import { parseConf } from "../model/conf";
import type { ConfDocument, ConfSettingLine } from "../model/conf";
import { SourceText } from "../source";
import type { FileSettingsRow, PgVersion } from "./types";
import { DEFAULT_PG_VERSION } from "./types";

// The reader is src/files.ts's; its names stay importable from here.
export { diskReader, memoryReader } from "../files";
export type { FileReader as ConfFileReader } from "../files";

/** What the parameter catalog says about names and values (from the catalog of a version). */
export interface SettingJudge {
  /** True for a built-in parameter (or an alias, or a loaded module's parameter). */
  isKnown(name: string): boolean;
  /** Why PostgreSQL rejects this value for this parameter, or null if it accepts it. */
  checkValue(name: string, value: string): string | null;
}

export interface FileSettingsOptions {
  /** Defaults to `diskReader`. */
  reader?: FileReader;
  /** postgresql.auto.conf (absolute); read last, skipped when missing, as the server does. */
  autoConfPath?: string;
  /** Without a judge every name is known and every value valid. */
  judge?: SettingJudge;
  /** Only path canonicalisation depends on it (15+ resolves `..` inside include paths). */
  pgVersion?: PgVersion;
}

export interface FileSettingsResult {
  /** The view's rows, in its order. */
  rows: FileSettingsRow[];
  /** The judge's reason for each row whose error is "setting could not be applied", by seqno
   *  (the view shows only that phrase; the server logs the reason). */
  valueErrors: Map<number, string>;
  /** Every file read, parsed, by absolute path. */
  documents: Map<string, ConfDocument>;
}

// CONF_FILE_MAX_DEPTH in PostgreSQL.
const MAX_INCLUDE_DEPTH = 10;

/** The rows pg_file_settings shows for `configFile` and everything it includes. */
export function readFileSettings(configFile: string, options: FileSettingsOptions = {}): FileSettingsResult {
  const { entries, parsedCleanly, documents } = readConfEntries(configFile, options);
  const valueErrors = judgeEntries(entries, parsedCleanly, options.judge);
  const rows = entries.map((entry, index): FileSettingsRow => ({
    sourcefile: entry.file,
    sourceline: entry.file === null ? null : entry.line,
    seqno: index + 1,
    name: entry.name,
    setting: entry.value,
    applied: entry.applied,
    error: entry.error,
  }));
  return { rows, valueErrors, documents };
}

/** What the server reads for `configFile`, in its order, before guc.c judges names and values:
 *  the entries the view's rows are made of, each setting with its line. (The linter's cluster
 *  view is built from these, without making rows.) */
export function readConfEntries(configFile: string, options: Omit<FileSettingsOptions, "judge"> = {}): { entries: ConfEntry[]; parsedCleanly: boolean; documents: Map<string, ConfDocument> } {
  const collector = new EntryCollector(options.reader ?? diskReader, options.pgVersion ?? DEFAULT_PG_VERSION);
  const mainPath = canonicalizePath(path.posix.resolve(configFile), collector.pgVersion);
  let ok = collector.parseFile(mainPath, true, null, 0, 0);
  // A failure in the main file stops the reader before postgresql.auto.conf.
  if (ok && options.autoConfPath) ok = collector.parseFile(canonicalizePath(path.posix.resolve(options.autoConfPath), collector.pgVersion), false, null, 0, 0);
  return { entries: collector.entries, parsedCleanly: ok, documents: collector.documents };
}

/** ConfigVariable of guc.h: a setting or an error record. */
export interface ConfEntry {
  file: string | null;
  line: number;
  /** The setting's line in the model (null for an error record). */
  setting: ConfSettingLine | null;
  name: string | null;
  value: string | null;
  error: string | null;
  /** Error records, and settings overridden by a later one of the same spelling. */
  ignore: boolean;
  applied: boolean;
}

class EntryCollector {
  readonly entries: ConfEntry[] = [];
  readonly documents = new Map<string, ConfDocument>();

  constructor(
    private readonly reader: FileReader,
    readonly pgVersion: PgVersion,
  ) {}

  private recordError(error: string, file: string | null, line: number): void {
    this.entries.push({ file, line, setting: null, name: null, value: null, error, ignore: true, applied: false });
  }

  /** ParseConfigFile: false when the file (or one it includes) had an error. */
  parseFile(location: string, strict: boolean, callingFile: string | null, callingLine: number, depth: number): boolean {
    if (isBlankName(location)) {
      this.recordError("empty configuration file name", callingFile, callingLine);
      return false;
    }
    if (depth > MAX_INCLUDE_DEPTH) {
      this.recordError("nesting depth exceeded", callingFile, callingLine);
      return false;
    }
    const absPath = this.absoluteLocation(location, callingFile);
    // Only direct recursion is caught; longer cycles end at the depth limit.
    if (callingFile !== null && absPath === callingFile) {
      this.recordError("configuration file recursion", callingFile, callingLine);
      return false;
    }
    const bytes = this.reader.readFile(absPath);
    if (!(bytes instanceof Uint8Array)) {
      // fopen() succeeds on a directory; the read fails inside the flex scanner.
      if (bytes.error === "EISDIR") {
        this.recordError("input in flex scanner failed", absPath, 1);
        return false;
      }
      // A FIFO or a device would block the server (or feed it forever); the linter does not read it.
      if (bytes.error === NOT_REGULAR) {
        this.recordError(`could not read file "${absPath}": not a regular file (a FIFO, socket or device)`, callingFile, callingLine);
        return false;
      }
      if (strict) this.recordError(`could not open file "${absPath}"`, callingFile, callingLine);
      return !strict;
    }
    let document = this.documents.get(absPath);
    if (!document) {
      document = parseConf(SourceText.fromBytes(bytes), { fileName: absPath });
      this.documents.set(absPath, document);
    }
    return this.parseDocument(document, absPath, depth);
  }

  /** ParseConfigFp at DEBUG level: includes are read where they stand; the first syntax error ends the file. */
  private parseDocument(document: ConfDocument, absPath: string, depth: number): boolean {
    let ok = true;
    // One model line per physical line: the line number is the index's, without making a span.
    const lines = document.lines;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (line.kind === "setting") {
        this.entries.push({ file: absPath, line: index + 1, setting: line, name: line.name, value: line.value, error: null, ignore: false, applied: false });
      } else if (line.kind === "include") {
        const lineNumber = index + 1;
        const included =
          line.directive === "include_dir"
            ? this.parseDirectory(line.path, absPath, lineNumber, depth + 1)
            : this.parseFile(line.path, line.directive === "include", absPath, lineNumber, depth + 1);
        if (!included) ok = false;
      } else if (line.kind === "invalid") {
        this.recordError("syntax error", absPath, line.error.line);
        return false;
      }
    }
    return ok;
  }

  /** ParseConfigDirectory: the first file that fails abandons the rest of the directory. */
  private parseDirectory(location: string, callingFile: string, callingLine: number, depth: number): boolean {
    if (isBlankName(location)) {
      this.recordError("empty configuration directory name", callingFile, callingLine);
      return false;
    }
    const directory = this.absoluteLocation(location, callingFile);
    const entries = this.reader.readDir(directory);
    if (!Array.isArray(entries)) {
      this.recordError(`could not open directory "${directory}"`, callingFile, callingLine);
      return false;
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (!isIncludedConfName(entry.name)) continue;
      const file = canonicalizePath(joinPathComponents(directory, entry.name), this.pgVersion);
      if (entry.kind === "unstatable") {
        this.recordError(`could not stat file "${file}"`, callingFile, callingLine);
        return false;
      }
      if (entry.kind === "file") files.push(file);
    }
    files.sort(compareBytes);
    for (const file of files) {
      if (!this.parseFile(file, true, callingFile, callingLine, depth)) return false;
    }
    return true;
  }

  // AbsoluteConfigLocation: an absolute location is taken as written; a relative one is joined
  // to the calling file's directory and canonicalised.
  private absoluteLocation(location: string, callingFile: string | null): string {
    if (location.startsWith("/")) return location;
    const base = callingFile === null ? process.cwd() : path.posix.dirname(callingFile);
    return canonicalizePath(joinPathComponents(base, location), this.pgVersion);
  }
}

/** guc.c's checks after parsing: names, duplicates, values. Returns the value errors by seqno. */
function judgeEntries(entries: ConfEntry[], parsedCleanly: boolean, judge: SettingJudge | undefined): Map<number, string> {
  const valueErrors = new Map<number, string>();
  // Any syntax or include error: nothing is checked or applied.
  if (!parsedCleanly) return valueErrors;
  let unknownName = false;
  // The last entry of each spelling not yet overridden: every earlier one of that spelling
  // already is, so marking this one is guc.c's O(n²) loop over all earlier entries, in O(1).
  const lastBySpelling = new Map<string, ConfEntry>();
  entries.forEach((entry) => {
    if (entry.ignore || entry.name === null) return;
    const known = judge ? judge.isKnown(entry.name) : true;
    if (known) {
      // An earlier entry is overridden only by the same spelling (strcmp), although the lookup
      // of the parameter ignores case.
      const earlier = lastBySpelling.get(entry.name);
      if (earlier) earlier.ignore = true;
      lastBySpelling.set(entry.name, entry);
    } else if (!entry.name.includes(".")) {
      entry.error = "unrecognized configuration parameter";
      unknownName = true;
    }
  });
  if (unknownName) return valueErrors;
  entries.forEach((entry, index) => {
    if (entry.ignore || entry.name === null || entry.value === null) return;
    // Every parameter is judged, backend ones too: a reload skips those (set_config_option
    // returns -1), but the view asks without applying (changeVal = false), which checks them.
    const problem = judge ? judge.checkValue(entry.name, entry.value) : null;
    if (problem === null) {
      entry.applied = true;
    } else {
      entry.error = "setting could not be applied";
      valueErrors.set(index + 1, problem);
    }
  });
  return valueErrors;
}

// strspn(name, " \t\r\n") == strlen(name)
function isBlankName(name: string): boolean {
  return /^[ \t\r\n]*$/.test(name);
}

// GetConfFilesInDir: at least 6 chars, not hidden, ending in ".conf".
function isIncludedConfName(name: string): boolean {
  return name.length >= 6 && !name.startsWith(".") && name.endsWith(".conf");
}

// strcmp on the UTF-8 bytes.
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

// join_path_components: leading "./" of the tail dropped, one "/" between.
function joinPathComponents(head: string, tail: string): string {
  let rest = tail;
  while (rest.startsWith("./")) rest = rest.slice(2);
  if (rest === "") return head;
  return head === "" ? rest : `${head}/${rest}`;
}

/** canonicalize_path of the given major version, for absolute paths. */
export function canonicalizePath(input: string, pgVersion: PgVersion): string {
  if (pgVersion >= 15) {
    const normal = path.posix.normalize(input);
    return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
  }
  // Up to 14: duplicate and trailing slashes go, and trailing "." and ".." components are
  // resolved; inner ones stay.
  let result = input.replace(/\/{2,}/g, "/");
  if (result.length > 1 && result.endsWith("/")) result = result.slice(0, -1);
  let pendingStrips = 0;
  for (;;) {
    if (result.endsWith("/.")) {
      result = trimDirectory(result);
    } else if (result.endsWith("/..")) {
      result = trimDirectory(result);
      pendingStrips++;
    } else if (pendingStrips > 0 && result !== "/") {
      result = trimDirectory(result);
      pendingStrips--;
    } else {
      break;
    }
  }
  return result;
}

// trim_directory: drop the last component and the separator before it, keeping a leading "/".
function trimDirectory(input: string): string {
  const cut = input.lastIndexOf("/");
  return cut <= 0 ? "/" : input.slice(0, cut);
}
