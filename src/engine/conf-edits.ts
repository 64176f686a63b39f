// Text edits on postgresql.conf files that keep everything else as it is: change a setting's
// value where the effective value is set (its comment stays aligned), or add a missing setting
// beside the stock commented-out line, else at the end of the main file.
import type { ConfDocument, ConfSettingLine } from "../model/conf";
import type { ClusterView, SettingEntry } from "./cluster";
import type { Edit } from "./types";

export interface FileEdits {
  filePath: string;
  edits: Edit[];
}

/** A value as a single-quoted postgresql.conf string (`'` doubled, `\` escaped). */
export function quoteValue(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The line ending the document uses (CRLF if its first line ends so). */
export function lineEnding(document: ConfDocument): string {
  const text = document.source.text;
  const lf = text.indexOf("\n");
  return lf > 0 && text[lf - 1] === "\r" ? "\r\n" : "\n";
}

const TAB_WIDTH = 8;

/** The display column after `text` (from a line start), tabs going to the next multiple of 8. */
function displayWidth(text: string): number {
  let column = 0;
  for (const ch of text) column = ch === "\t" ? column + TAB_WIDTH - (column % TAB_WIDTH) : column + 1;
  return column;
}

/** Replaces the value token of a setting line; a trailing comment keeps its column when the
 *  space before it allows. Given the file's text, columns are display columns and a comment
 *  aligned with tabs (as in the stock sample) stays aligned with tabs. */
export function replaceValueEdit(line: ConfSettingLine, rawValue: string, source?: { text: string }): Edit {
  const { valueSpan, commentSpan } = line;
  if (commentSpan === null || commentSpan.line !== valueSpan.endLine) return { range: [valueSpan.start, valueSpan.end], text: rawValue };
  if (!source) {
    const gap = commentSpan.start - valueSpan.end;
    const width = rawValue.length - (valueSpan.end - valueSpan.start);
    const newGap = Math.max(1, gap - width);
    return { range: [valueSpan.start, commentSpan.start], text: rawValue + " ".repeat(newGap) };
  }
  const lineStart = source.text.lastIndexOf("\n", valueSpan.start - 1) + 1;
  const before = source.text.slice(lineStart, valueSpan.start);
  const gap = source.text.slice(valueSpan.end, commentSpan.start);
  const target = displayWidth(source.text.slice(lineStart, commentSpan.start));
  let column = displayWidth(before + rawValue);
  if (/^\t+$/.test(gap)) {
    let tabs = "";
    do {
      tabs += "\t";
      column += TAB_WIDTH - (column % TAB_WIDTH);
    } while (column < target);
    return { range: [valueSpan.start, commentSpan.start], text: rawValue + tabs };
  }
  return { range: [valueSpan.start, commentSpan.start], text: rawValue + " ".repeat(Math.max(1, target - column)) };
}

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The stock sample's commented-out line for a parameter (`#ssl = off`), if the file has one: a
 *  comment at the start of its line holding `name =`. Indented comments are prose (the sample's
 *  continuation lines, such as `\t\t\t# logging_collector to be on.`), not settings. */
export function commentedOutLine(document: ConfDocument, name: string): { start: number; end: number } | undefined {
  const pattern = new RegExp(`^#\\s*${escapeRegExp(name)}\\s*=`, "i");
  for (const line of document.lines) {
    // The pattern first: it rejects almost every comment without making the line's spans.
    if (line.kind !== "comment" || !pattern.test(line.comment)) continue;
    const span = line.span;
    if (line.commentSpan.start === span.start) return { start: span.start, end: span.end };
  }
  return undefined;
}

/** The line of the stock sample's section header (`# - SSL -`) in the file, if it kept it: a new
 *  line goes below the header (and the blank line after it). */
function sectionInsertOffset(document: ConfDocument, header: string): number | undefined {
  // One pattern for every comment line, rather than a trimmed, lower-cased copy of each.
  const wanted = new RegExp(`^\\s*${escapeRegExp(header.trim())}\\s*$`, "i");
  const lines = document.lines;
  const index = lines.findIndex((line) => line.kind === "comment" && wanted.test(line.comment));
  if (index === -1) return undefined;
  const headerLine = lines[index]!;
  if (!document.source.text.slice(headerLine.span.start, headerLine.span.end).endsWith("\n")) return undefined;
  const next = lines[index + 1];
  return next?.kind === "blank" && next.span.end > next.span.start && document.source.text.slice(next.span.start, next.span.end).endsWith("\n") ? next.span.end : headerLine.span.end;
}

/** Edits that add `name = rawValue` to the main postgresql.conf: after its commented-out stock
 *  line if there is one, else under the stock sample's section header for the parameter if the
 *  file has it, else at the end. */
export function insertSettingEdits(cluster: ClusterView, name: string, rawValue: string): FileEdits | undefined {
  const main = cluster.mainConf;
  if (!main) return undefined;
  const document = main.document;
  const eol = lineEnding(document);
  const text = document.source.text;
  const newLine = `${name} = ${rawValue}`;
  const stock = commentedOutLine(document, name);
  if (stock) {
    const endsWithNewline = text.slice(stock.start, stock.end).endsWith("\n");
    return { filePath: main.path, edits: [{ range: [stock.end, stock.end], text: endsWithNewline ? `${newLine}${eol}` : `${eol}${newLine}` }] };
  }
  const header = cluster.parameter(name)?.sampleSection;
  const underHeader = header ? sectionInsertOffset(document, header) : undefined;
  if (underHeader !== undefined) return { filePath: main.path, edits: [{ range: [underHeader, underHeader], text: `${newLine}${eol}` }] };
  const needsNewline = text.length > 0 && !text.endsWith("\n");
  return { filePath: main.path, edits: [{ range: [text.length, text.length], text: `${needsNewline ? eol : ""}${newLine}${eol}` }] };
}

/** Sets a parameter: edits the line that sets its effective value, or adds one. */
export function setParameterEdits(cluster: ClusterView, name: string, rawValue: string): FileEdits | undefined {
  const entry: SettingEntry | undefined = cluster.effective(name);
  if (entry) return { filePath: entry.file.path, edits: [replaceValueEdit(entry.line, rawValue, entry.file.document.source)] };
  return insertSettingEdits(cluster, name, rawValue);
}

/** setParameterEdits where a linter may apply it, else undefined: when the effective value comes
 *  from postgresql.auto.conf (ALTER SYSTEM writes that file; it is changed with ALTER SYSTEM, not
 *  by hand), and when no line the server reads sets the parameter but a line it skips does (one
 *  after its file's first syntax error): adding a line would duplicate that one. */
export function safeSetParameterEdits(cluster: ClusterView, name: string, rawValue: string): FileEdits | undefined {
  const entry = cluster.effective(name);
  if (entry) return entry.file.isAutoConf ? undefined : setParameterEdits(cluster, name, rawValue);
  if (cluster.confFiles.some((file) => file.document.setsParameter(name))) return undefined;
  return insertSettingEdits(cluster, name, rawValue);
}
