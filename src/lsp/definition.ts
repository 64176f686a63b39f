// Go to definition on an include: the file an `include` / `include_if_exists` names, the
// files `include_dir` reads (in the order PostgreSQL reads them), and in pg_hba.conf /
// pg_ident.conf the include directives (16+) and `@file` references. Relative paths are
// relative to the directory of the file that names them, as PostgreSQL resolves them.
import fs = require("node:fs");
import path = require("node:path");
import type { FileKind } from "../kinds";
import { parseHba } from "../model/hba";
import type { AuthLine } from "../model/hba";
import { parseIdent } from "../model/ident";
import { confLines, lineAt } from "./hover";

export interface DefinitionTarget {
  /** The range of the path in the document. */
  start: number;
  end: number;
  /** Existing files, in order. */
  files: string[];
}

function isFile(filePath: string): boolean {
  return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The *.conf files of a directory, as include_dir reads them: no dot files, sorted by name (strcmp). */
function confFilesOf(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.startsWith(".") && name.endsWith(".conf"))
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0))
    .map((name) => path.join(dir, name))
    .filter(isFile);
}

function resolveFrom(filePath: string, target: string): string {
  return path.resolve(path.dirname(filePath), target);
}

function confDefinition(text: string, offset: number, filePath: string): DefinitionTarget | null {
  const line = lineAt(confLines(text), offset);
  if (line?.kind !== "include" || offset < line.nameSpan.start || offset > line.valueSpan.end || line.path.trim() === "") return null;
  const target = resolveFrom(filePath, line.path);
  const files = line.directive === "include_dir" ? confFilesOf(target) : isFile(target) ? [target] : [];
  return { start: line.valueSpan.start, end: line.valueSpan.end, files };
}

function authDefinition(text: string, offset: number, filePath: string, kind: FileKind, pgVersion: number): DefinitionTarget | null {
  const document = kind === "hba" ? parseHba(text, { pgVersion, fileName: filePath }) : parseIdent(text, { pgVersion, fileName: filePath });
  const line: AuthLine | undefined = document.lines.find((candidate) => offset >= candidate.span.start && offset < candidate.span.end) ?? document.lines[document.lines.length - 1];
  if (!line || offset < line.span.start || offset > line.span.end) return null;
  const include = document.includes.find((candidate) => candidate.line === line);
  if (include && include.path.value !== "") {
    const target = resolveFrom(filePath, include.path.value);
    const files = include.kind === "include_dir" ? confFilesOf(target) : isFile(target) ? [target] : [];
    return { start: include.path.span.start, end: include.path.span.end, files };
  }
  for (const field of line.fields) {
    for (const token of field.tokens) {
      if (token.fileRef === null || offset < token.span.start || offset > token.span.end) continue;
      const target = resolveFrom(filePath, token.fileRef);
      return { start: token.span.start, end: token.span.end, files: isFile(target) ? [target] : [] };
    }
  }
  return null;
}

/** The files an include at `offset` names, or null when there is none there. */
export function definitionAt(text: string, offset: number, filePath: string, kind: FileKind, pgVersion: number): DefinitionTarget | null {
  return kind === "conf" ? confDefinition(text, offset, filePath) : authDefinition(text, offset, filePath, kind, pgVersion);
}
