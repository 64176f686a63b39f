// The typed model of one postgresql.conf file: one entry per physical line, each with exact
// spans, built from the CST of grammar/conf-parser. Lossless: the line spans tile the text, so
// printing the lines' text gives the input back byte for byte.

import type { CstNode, IToken } from "chevrotain";
import { parseConfCst, syntaxErrorToken } from "../../grammar/conf-parser";
import { tokenKind } from "../../grammar/conf-tokens";
import { SourceText } from "../source";
import type { Span } from "../source";
import { deescapeQuotedString } from "./conf-string";

/** How the value was written: the guc-file.l token it lexed as. */
export type ConfValueKind = "string" | "id" | "integer" | "real" | "unquoted";

/** The include directives, as guc-file.l recognises them (names compare case-insensitively). */
export type ConfIncludeDirective = "include" | "include_if_exists" | "include_dir";

/** `name [=] value [# comment]`: the parts common to settings and include directives. */
export interface ConfAssignment {
  /** The name as written (a BOM before the first name is part of it, as in PostgreSQL). */
  name: string;
  nameSpan: Span;
  equalsSpan: Span | null;
  /** The value PostgreSQL stores: a quoted string de-escaped, any other token as written. */
  value: string;
  /** The value token as written, quotes included. */
  rawValue: string;
  valueKind: ConfValueKind;
  valueSpan: Span;
  quoted: boolean;
  /** The trailing comment, `#` included (without the `\r` of a CRLF line end), or null. */
  comment: string | null;
  commentSpan: Span | null;
}

/** An empty or whitespace-only line. */
export interface ConfBlankLine {
  kind: "blank";
  /** The whole physical line, its newline included. */
  span: Span;
}

/** A line holding only a comment (and whitespace). */
export interface ConfCommentLine {
  kind: "comment";
  span: Span;
  comment: string;
  commentSpan: Span;
}

/** `name [=] value`: a parameter setting. */
export interface ConfSettingLine extends ConfAssignment {
  kind: "setting";
  span: Span;
}

/** `include`, `include_if_exists` or `include_dir` with its path. */
export interface ConfIncludeLine extends ConfAssignment {
  kind: "include";
  span: Span;
  directive: ConfIncludeDirective;
  /** The path as PostgreSQL reads it (the de-escaped value). */
  path: string;
}

/** PostgreSQL's syntax error for a line, worded and numbered as guc-file.l reports it. */
export interface ConfSyntaxError {
  /** `syntax error in file "F" line N, near token "T"` or `... near end of line`. */
  message: string;
  /** The line number PostgreSQL reports (for an error at end of file, the line before). */
  line: number;
  /** The token PostgreSQL names, or null for "near end of line". */
  nearToken: string | null;
  /** Where the named token is; for "near end of line", the empty span at the line's end. */
  nearSpan: Span;
}

/** A line PostgreSQL rejects. */
export interface ConfInvalidLine {
  kind: "invalid";
  span: Span;
  error: ConfSyntaxError;
  comment: string | null;
  commentSpan: Span | null;
}

/** One physical line of a postgresql.conf file. */
export type ConfLine = ConfBlankLine | ConfCommentLine | ConfSettingLine | ConfIncludeLine | ConfInvalidLine;

/** A parsed postgresql.conf file. */
export class ConfDocument {
  constructor(
    readonly source: SourceText,
    /** The file name used in syntax error messages. */
    readonly fileName: string,
    /** Every physical line, in order; their spans tile the text. */
    readonly lines: readonly ConfLine[],
  ) {}

  /** The setting lines (include directives excluded), in order. */
  get settings(): ConfSettingLine[] {
    return this.lines.filter((line): line is ConfSettingLine => line.kind === "setting");
  }

  /** The include directives, in order. */
  get directives(): ConfIncludeLine[] {
    return this.lines.filter((line): line is ConfIncludeLine => line.kind === "include");
  }

  /** The lines PostgreSQL rejects, in order. */
  get syntaxErrors(): ConfInvalidLine[] {
    return this.lines.filter((line): line is ConfInvalidLine => line.kind === "invalid");
  }

  /** The input text, exactly. */
  toString(): string {
    return this.source.text;
  }
}

/** Parse postgresql.conf text. A string is taken as decoded UTF-8; pass a SourceText for bytes. */
export function parseConf(input: string | SourceText, options: { fileName?: string } = {}): ConfDocument {
  const source = typeof input === "string" ? new SourceText(input) : input;
  const fileName = options.fileName ?? "postgresql.conf";
  const { cst, trivia } = parseConfCst(source.text);
  const builder = new LineBuilder(source, fileName);
  const cstLines = (cst.children.line ?? []) as CstNode[];
  const lineStarts = source.lineStarts;
  const lines: ConfLine[] = [];
  let cstIndex = 0;
  let triviaIndex = 0;
  for (let lineIndex = 0; lineIndex < lineStarts.length; lineIndex++) {
    const start = lineStarts[lineIndex]!;
    const end = lineIndex + 1 < lineStarts.length ? lineStarts[lineIndex + 1]! : source.text.length;
    // The final "line" after a trailing newline (or of an empty text) is empty: no line.
    if (start === end) break;
    let node: CstNode | undefined;
    const candidate = cstLines[cstIndex];
    if (candidate && candidate.location!.startOffset < end) {
      node = candidate;
      cstIndex++;
    }
    let comment: IToken | undefined;
    while (triviaIndex < trivia.length && trivia[triviaIndex]!.startOffset < end) {
      const token = trivia[triviaIndex]!;
      if (tokenKind(token) === "Comment") comment = token;
      triviaIndex++;
    }
    lines.push(builder.build(lineIndex + 1, start, end, node, comment));
  }
  return new ConfDocument(source, fileName, lines);
}

const VALUE_KINDS: Partial<Record<string, ConfValueKind>> = { String: "string", Id: "id", Integer: "integer", Real: "real", UnquotedString: "unquoted" };
const INCLUDE_DIRECTIVES: readonly ConfIncludeDirective[] = ["include", "include_if_exists", "include_dir"];

function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

class LineBuilder {
  constructor(
    private readonly source: SourceText,
    private readonly fileName: string,
  ) {}

  private tokenSpan(token: IToken): Span {
    return this.source.span(token.startOffset, tokenEnd(token));
  }

  // guc-file.l's comment runs to the newline, so it holds the `\r` of a CRLF line end: leave
  // that to the line ending.
  private commentParts(token: IToken | undefined): { comment: string | null; commentSpan: Span | null } {
    if (!token) return { comment: null, commentSpan: null };
    const text = token.image.endsWith("\r") ? token.image.slice(0, -1) : token.image;
    return { comment: text, commentSpan: this.source.span(token.startOffset, token.startOffset + text.length) };
  }

  build(lineNumber: number, start: number, end: number, node: CstNode | undefined, commentToken: IToken | undefined): ConfLine {
    const span = this.source.span(start, end);
    const { comment, commentSpan } = this.commentParts(commentToken);
    const setting = node?.children.setting?.[0] as CstNode | undefined;
    const invalid = node?.children.invalidLine?.[0] as CstNode | undefined;
    if (setting) return this.assignment(span, setting, comment, commentSpan);
    if (invalid) {
      const endsFile = !node!.children.Eol;
      return { kind: "invalid", span, error: this.syntaxError(lineNumber, end, endsFile, invalid), comment, commentSpan };
    }
    if (comment !== null && commentSpan !== null) return { kind: "comment", span, comment, commentSpan };
    return { kind: "blank", span };
  }

  private assignment(span: Span, node: CstNode, comment: string | null, commentSpan: Span | null): ConfSettingLine | ConfIncludeLine {
    const nameToken = node.children.name![0] as IToken;
    const valueToken = node.children.value![0] as IToken;
    const equalsToken = node.children.Equals?.[0] as IToken | undefined;
    const valueKind = VALUE_KINDS[tokenKind(valueToken)]!;
    const quoted = valueKind === "string";
    const name = nameToken.image;
    const nameSpan = this.tokenSpan(nameToken);
    const equalsSpan = equalsToken ? this.tokenSpan(equalsToken) : null;
    const value = quoted ? deescapeQuotedString(valueToken.image, this.source.encoding) : valueToken.image;
    const rawValue = valueToken.image;
    const valueSpan = this.tokenSpan(valueToken);
    // guc_name_compare folds ASCII case only. (Literals, not a spread of the common fields:
    // this runs for every setting line, and a spread costs more than the rest of the line.)
    const lowerName = asciiLower(name);
    const directive = INCLUDE_DIRECTIVES.find((d) => d === lowerName);
    if (directive) return { kind: "include", span, name, nameSpan, equalsSpan, value, rawValue, valueKind, valueSpan, quoted, comment, commentSpan, directive, path: value };
    return { kind: "setting", span, name, nameSpan, equalsSpan, value, rawValue, valueKind, valueSpan, quoted, comment, commentSpan };
  }

  private syntaxError(lineNumber: number, lineEnd: number, endsFile: boolean, node: CstNode): ConfSyntaxError {
    const tokens = (node.children.token as IToken[]).slice().sort((a, b) => a.startOffset - b.startOffset);
    const near = syntaxErrorToken(tokens);
    if (near) {
      return {
        message: `syntax error in file "${this.fileName}" line ${lineNumber}, near token "${near.image}"`,
        line: lineNumber,
        nearToken: near.image,
        nearSpan: this.tokenSpan(near),
      };
    }
    // ParseConfigFp reports ConfigFileLineno - 1: after an EOL that is the line that just
    // ended, but at end of file (no EOL counted) it is the line before.
    const line = endsFile ? lineNumber - 1 : lineNumber;
    const eolAt = endsFile ? lineEnd : lineEnd - 1;
    return {
      message: `syntax error in file "${this.fileName}" line ${line}, near end of line`,
      line,
      nearToken: null,
      nearSpan: this.source.span(eolAt, eolAt),
    };
  }
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
