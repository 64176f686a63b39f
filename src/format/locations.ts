// Paths and positions as the formats report them: relative to the working directory, and fix
// ranges (UTF-16 offsets into the file's text) turned into lines and columns.
import path = require("node:path");
import { pathToFileURL } from "node:url";
import type { LintMessage } from "../engine/types";
import { SourceText, type Position } from "../source";

/** ESLint counts a fatal message as an error whatever its severity. */
export function isError(message: LintMessage): boolean {
  return message.fatal === true || message.severity === 2;
}

/** The path relative to `cwd` for people to read (native separators); paths that cannot be made
 *  relative (another drive, or not a path at all) are shown as they are. */
export function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return relative === "" || path.isAbsolute(relative) ? filePath : relative;
}

/** The relative path with `/` separators, as GitHub and reviewdog match it against the repository. */
export function portablePath(filePath: string, cwd: string): string {
  return displayPath(filePath, cwd).split(path.sep).join("/");
}

/** `cwd` as a file:// URI ending in `/`, so that relative URIs resolve against it. */
export function directoryUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** A file's URI relative to `cwd` (percent-encoded), or its absolute file:// URI when it lies outside. */
export function relativeFileUri(filePath: string, cwd: string): { uri: string; relative: boolean } {
  const base = directoryUri(cwd);
  const href = pathToFileURL(path.resolve(cwd, filePath)).href;
  if (!href.startsWith(base)) return { uri: href, relative: false };
  // A colon before the first slash would read as a scheme ("old:x/y" is scheme "old").
  return { uri: href.slice(base.length).replace(/:/g, "%3A"), relative: true };
}

/** Line/column lookups in the files' sources, each source read and indexed at most once. */
export class SourcePositions {
  private readonly sources = new Map<string, SourceText | undefined>();

  constructor(private readonly sourceOf: (filePath: string) => string | undefined) {}

  source(filePath: string): SourceText | undefined {
    if (!this.sources.has(filePath)) {
      const text = this.sourceOf(filePath);
      this.sources.set(filePath, text === undefined ? undefined : new SourceText(text));
    }
    return this.sources.get(filePath);
  }

  /** 1-based line and UTF-16 column of an offset, with the engine's line ends (LF; the CR of a
   *  CRLF belongs to its line); undefined when the source is unknown. */
  positionAt(filePath: string, offset: number): Position | undefined {
    return this.source(filePath)?.positionAt(offset);
  }

  /** A 1-based UTF-16 column on a line as a 1-based UTF-8 byte column (reviewdog's unit); the
   *  column unchanged when the source or the line is unknown (the same for ASCII text). */
  utf8Column(filePath: string, line: number, column: number): number {
    const source = this.source(filePath);
    const lineStart = source?.lineStarts[line - 1];
    if (source === undefined || lineStart === undefined) return column;
    return Buffer.byteLength(source.text.slice(lineStart, lineStart + column - 1), "utf8") + 1;
  }
}
