// What the server's tokenizer does beyond one file: `@file` tokens replaced by every token of
// the named file, and (16+) include / include_if_exists / include_dir lines replaced by the
// lines of the included files. Files are read through an injectable reader, so that tests and
// the CLI decide where they come from.

import path = require("node:path");
import { strerror } from "../files";
import type { DirEntry, FileReader } from "../files";
import { SourceText } from "../source";
import { includeDirective, isContentLine, readAuthFile } from "./hba-auth-file";
import type { AuthField, AuthLine, AuthToken } from "./hba-auth-file";

/** One line as the line parser sees it: from which file, its fields after `@file` expansion,
 *  or the error found while tokenizing it. */
export interface ExpandedLine {
  fileName: string;
  line: AuthLine;
  fields: AuthField[];
  error: string | null;
}

export interface ExpandOptions {
  pgVersion: number;
  reader: FileReader;
}

/** CONF_FILE_MAX_DEPTH: includes and `@file`s nest at most this deep. */
export const MAX_DEPTH = 10;

/** AbsoluteConfigLocation: relative to the directory of the file that names it. */
export function absoluteConfigLocation(location: string, callingFile: string): string {
  if (path.posix.isAbsolute(location)) return location;
  return canonicalizePath(path.posix.join(path.posix.dirname(callingFile), location));
}

function canonicalizePath(p: string): string {
  const normalized = path.posix.normalize(p);
  return normalized.length > 1 && normalized.endsWith("/") ? normalized.slice(0, -1) : normalized;
}

/**
 * Tokenizes a file the way the server does for its views: content lines in order, `@file`
 * tokens expanded, include directives (16+) followed. `text` is the top file's content (read
 * through the reader when omitted; a failure to read it is thrown, as the view does).
 */
export function expandAuthFile(fileName: string, text: string | SourceText | null, options: ExpandOptions): ExpandedLine[] {
  let source: string | SourceText;
  if (text === null) {
    const bytes = options.reader.readFile(fileName);
    if (!(bytes instanceof Uint8Array)) throw new Error(`could not open file "${fileName}": ${strerror(bytes.error)}`);
    source = SourceText.fromBytes(bytes);
  } else source = text;
  const out: ExpandedLine[] = [];
  tokenizeInto(fileName, source, 0, options, out);
  return out;
}

/** open_auth_file: the file's text, or the error message. */
function openAuthFile(fileName: string, depth: number, options: ExpandOptions): SourceText | { error: string; code: string } {
  if (options.pgVersion >= 16 && depth > MAX_DEPTH) {
    return { error: `could not open file "${fileName}": maximum nesting depth exceeded`, code: "ELOOP" };
  }
  const bytes = options.reader.readFile(fileName);
  if (bytes instanceof Uint8Array) return SourceText.fromBytes(bytes);
  // fopen() opens a directory; the first read fails and 16+ drops that error: no lines.
  if (bytes.error === "EISDIR") return new SourceText("");
  return { error: `could not open file "${fileName}": ${strerror(bytes.error)}`, code: bytes.error };
}

function tokenizeInto(fileName: string, source: string | SourceText, depth: number, options: ExpandOptions, out: ExpandedLine[]): void {
  const file = readAuthFile(source, { pgVersion: options.pgVersion, fileName });
  for (const line of file.lines) {
    if (!isContentLine(line)) continue;
    if (line.tokenizerError) {
      out.push({ fileName, line, fields: line.fields, error: line.tokenizerError });
      continue;
    }
    const { fields, error } = expandFields(fileName, line.fields, depth, options);
    if (error) {
      out.push({ fileName, line, fields, error });
      continue;
    }
    if (fields.length === 0) continue; // every field came from empty @files
    const include = includeDirective(line, options.pgVersion, fields);
    if (include) {
      const includeError = followInclude(fileName, include.kind, include.path.value, depth, options, out);
      if (includeError) out.push({ fileName, line, fields, error: includeError });
      continue;
    }
    out.push({ fileName, line, fields, error: null });
  }
}

/** Reads an included file or directory into `out`; returns the include line's error, if any. */
function followInclude(fileName: string, kind: string, target: string, depth: number, options: ExpandOptions, out: ExpandedLine[]): string | null {
  if (kind === "include_dir") {
    if (/^[ \t\r\n]*$/.test(target)) return "empty configuration directory name";
    const directory = absoluteConfigLocation(target, fileName);
    const entries = options.reader.readDir(directory);
    if (!Array.isArray(entries)) return `could not open directory "${directory}"`;
    const files = includeDirFiles(directory, entries);
    const errors: string[] = [];
    for (const file of files) {
      const error = includeFile(file, depth, false, options, out);
      if (error) errors.push(error);
    }
    return errors.length > 0 ? errors.join("\n") : null;
  }
  return includeFile(absoluteConfigLocation(target, fileName), depth, kind === "include_if_exists", options, out);
}

/** GetConfFilesInDir: the `*.conf` files of an include_dir directory (no dot files, no
 *  directories), as absolute paths sorted by their bytes. An entry that cannot be stat()ed is
 *  kept: opening it gives the error. */
export function includeDirFiles(directory: string, entries: DirEntry[]): string[] {
  return entries
    .filter((entry) => entry.name.length >= 6 && !entry.name.startsWith(".") && entry.name.endsWith(".conf") && entry.kind !== "directory")
    .map((entry) => canonicalizePath(path.posix.join(directory, entry.name)))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function includeFile(fullName: string, depth: number, missingOk: boolean, options: ExpandOptions, out: ExpandedLine[]): string | null {
  const opened = openAuthFile(fullName, depth + 1, options);
  if (!(opened instanceof SourceText)) return missingOk && opened.code === "ENOENT" ? null : opened.error;
  tokenizeInto(fullName, opened, depth + 1, options, out);
  return null;
}

/** next_field_expand over a line: `@file` tokens become the tokens of that file. */
function expandFields(fileName: string, fields: AuthField[], depth: number, options: ExpandOptions): { fields: AuthField[]; error: string | null } {
  const expanded: AuthField[] = [];
  for (const field of fields) {
    if (!field.tokens.some((token) => token.fileRef !== null)) {
      expanded.push(field);
      continue;
    }
    const tokens: AuthToken[] = [];
    for (const token of field.tokens) {
      if (token.fileRef === null) {
        tokens.push(token);
        continue;
      }
      const result = expandFileTokens(fileName, token.fileRef, depth + 1, options);
      tokens.push(...result.tokens);
      if (result.error) {
        if (tokens.length > 0) expanded.push(withTokens(field, tokens));
        return { fields: expanded, error: result.error };
      }
    }
    if (tokens.length > 0) expanded.push(withTokens(field, tokens));
  }
  return { fields: expanded, error: null };
}

/** The field with other tokens, at the same place. (Not a spread: a field makes its span when
 *  asked, and a spread copies no getter.) */
function withTokens(field: AuthField, tokens: AuthToken[]): AuthField {
  return { tokens, span: field.span };
}

/** tokenize_expand_file: every token of every line of the file, in order. */
function expandFileTokens(callingFile: string, reference: string, depth: number, options: ExpandOptions): { tokens: AuthToken[]; error: string | null } {
  const fullName = absoluteConfigLocation(reference, callingFile);
  let opened: SourceText | { error: string; code: string };
  if (options.pgVersion >= 16) opened = openAuthFile(fullName, depth, options);
  else if (depth > MAX_DEPTH * 10) {
    // Before 16 nothing stops @files that name each other: the server recurses until it runs
    // out of file descriptors (the view's query fails). Report it on the line instead.
    opened = { error: `could not open secondary authentication file "@${reference}" as "${fullName}": @files nest without end`, code: "ELOOP" };
  } else {
    const bytes = options.reader.readFile(fullName);
    if (bytes instanceof Uint8Array) opened = SourceText.fromBytes(bytes);
    else if (bytes.error === "EISDIR") {
      // fopen() opens a directory and the first read fails: 12-13 make that the line's error,
      // 14+ drop it (no tokens).
      opened = options.pgVersion >= 14 ? new SourceText("") : { error: `could not read file "${fullName}": ${strerror(bytes.error)}`, code: bytes.error };
    } else opened = { error: `could not open secondary authentication file "@${reference}" as "${fullName}": ${strerror(bytes.error)}`, code: bytes.error };
  }
  if (!(opened instanceof SourceText)) return { tokens: [], error: opened.error };
  const lines: ExpandedLine[] = [];
  tokenizeInto(fullName, opened, depth, options, lines);
  const tokens: AuthToken[] = [];
  for (const line of lines) {
    if (line.error) return { tokens, error: line.error };
    for (const field of line.fields) tokens.push(...field.tokens);
  }
  return { tokens, error: null };
}
