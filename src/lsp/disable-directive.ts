// "Disable RULE for this line": the edit that adds an inline directive for a finding's line.
//   - the line has no comment: append `  # pgconf-lint-disable-line RULE`;
//   - it has one (or a trailing comment would not be read as one, e.g. after an unterminated
//     quote, or on a pg_hba.conf line continued over several lines): insert
//     `# pgconf-lint-disable-next-line RULE` on a line above, with the line's indentation;
//   - a disable-line / disable-next-line directive that names rules already: add RULE to it.
import { parseDirective } from "../engine/directives";
import type { DirectiveKind } from "../engine/directives";
import type { FileKind } from "../kinds";
import { parseConf } from "../model/conf";
import { parseHba } from "../model/hba";
import { parseIdent } from "../model/ident";
import type { Span } from "../source";
import { SourceText } from "../source";

/** Replace [start, end) with text. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

interface LineComment {
  text: string;
  span: Span;
}

interface Analysis {
  /** The comment of each physical line that holds one (for pg_hba / pg_ident: the logical line's comment, on its last physical line). */
  comments: Map<number, LineComment>;
  /** For pg_hba / pg_ident: the last physical line of each logical line, by its first. */
  lastLines: Map<number, number>;
}

function analyse(text: string, kind: FileKind, pgVersion: number): Analysis {
  const comments = new Map<number, LineComment>();
  const lastLines = new Map<number, number>();
  if (kind === "conf") {
    for (const line of parseConf(text).lines) {
      if (line.kind !== "blank" && line.comment !== null && line.commentSpan !== null) comments.set(line.commentSpan.line, { text: line.comment, span: line.commentSpan });
    }
  } else {
    const document = kind === "hba" ? parseHba(text, { pgVersion }) : parseIdent(text, { pgVersion });
    for (const line of document.lines) {
      if (line.comment) comments.set(line.comment.span.line, line.comment);
      // The span runs through the line feed: its end is at column 1 of the next line.
      lastLines.set(line.lineNumber, line.span.endColumn === 1 && line.span.endLine > line.span.line ? line.span.endLine - 1 : line.span.endLine);
    }
  }
  return { comments, lastLines };
}

let lastAnalysis: { text: string; kind: FileKind; pgVersion: number; analysis: Analysis } | null = null;

/** The analysis of the last text asked about is kept: a code action request asks for several lines of one text. */
function analysed(text: string, kind: FileKind, pgVersion: number): Analysis {
  if (lastAnalysis?.text !== text || lastAnalysis.kind !== kind || lastAnalysis.pgVersion !== pgVersion) lastAnalysis = { text, kind, pgVersion, analysis: analyse(text, kind, pgVersion) };
  return lastAnalysis.analysis;
}

function directiveText(kind: DirectiveKind, ruleIds: string[], justification: string): string {
  return `# pgconf-lint-${kind} ${ruleIds.join(", ")}${justification ? ` -- ${justification}` : ""}`;
}

/** The same directive with `ruleId` added, or null if it is not an extendable directive of that kind. */
function extended(comment: LineComment, kind: DirectiveKind, ruleId: string): TextChange | null {
  const directive = parseDirective(comment.text, comment.span);
  if (!directive || directive.kind !== kind) return null;
  // A directive without rule ids silences every rule already.
  if (directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId)) return { start: comment.span.start, end: comment.span.start, text: "" };
  return { start: comment.span.start, end: comment.span.end, text: directiveText(kind, [...directive.ruleIds, ruleId], directive.justification) };
}

/** The edit that silences `ruleId` on `lineNumber` (1-based) of `text`. */
export function disableRuleEdit(text: string, kind: FileKind, pgVersion: number, lineNumber: number, ruleId: string): TextChange {
  const source = new SourceText(text);
  const starts = source.lineStarts;
  const lineStart = starts[lineNumber - 1] ?? text.length;
  const nextStart = starts[lineNumber] ?? text.length;
  const lineText = text.slice(lineStart, nextStart);
  const eol = lineText.endsWith("\r\n") ? "\r\n" : "\n";
  const content = lineText.replace(/\r?\n$/, "");
  const { comments, lastLines } = analysed(text, kind, pgVersion);
  const lastLine = lastLines.get(lineNumber) ?? lineNumber;

  const own = comments.get(lineNumber);
  if (own && lastLine === lineNumber) {
    const change = extended(own, "disable-line", ruleId);
    if (change) return change;
  }
  if (!own && lastLine === lineNumber) {
    // Append a trailing comment, if the file still reads it as the directive. (In a
    // postgresql.conf it always does: a quoted string cannot reach the end of the line.)
    const insertAt = lineStart + content.length;
    const trailing = `${/\s$/.test(content) || content === "" ? "" : "  "}${directiveText("disable-line", [ruleId], "")}`;
    let readBack = kind === "conf";
    if (!readBack) {
      const candidate = text.slice(0, insertAt) + trailing + text.slice(insertAt);
      const comment = analyse(candidate, kind, pgVersion).comments.get(lineNumber);
      const directive = comment ? parseDirective(comment.text, comment.span) : null;
      readBack = directive !== null && directive.kind === "disable-line" && directive.ruleIds.includes(ruleId);
    }
    if (readBack) return { start: insertAt, end: insertAt, text: trailing };
  }
  // A directive on the line above.
  const above = comments.get(lineNumber - 1);
  if (above && lineNumber > 1) {
    const aboveStart = starts[lineNumber - 2]!;
    const aboveContent = text.slice(aboveStart, lineStart).replace(/\r?\n$/, "");
    // Only a comment line of its own: the directive must not sit behind a setting.
    if (aboveContent.trimStart().startsWith("#")) {
      const change = extended(above, "disable-next-line", ruleId);
      if (change) return change;
    }
  }
  const indent = /^[ \t]*/.exec(content)?.[0] ?? "";
  return { start: lineStart, end: lineStart, text: `${indent}${directiveText("disable-next-line", [ruleId], "")}${eol}` };
}
