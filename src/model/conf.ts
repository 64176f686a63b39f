// The typed model of one postgresql.conf file: one entry per physical line, each with exact
// spans, built from the lines grammar/conf-scanner reads. Lossless: the line spans tile the text, so
// printing the lines' text gives the input back byte for byte.

import { ConfLineScanner } from "../../grammar/conf-scanner";
import type { ConfTokenKind } from "../../grammar/conf-scanner";
import { asciiLowerCase } from "../ascii";
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
  /** 1-based: the line's number in its file. */
  lineNumber: number;
  kind: "blank";
  /** The whole physical line, its newline included. */
  span: Span;
}

/** A line holding only a comment (and whitespace). */
export interface ConfCommentLine {
  /** 1-based: the line's number in its file. */
  lineNumber: number;
  kind: "comment";
  span: Span;
  comment: string;
  commentSpan: Span;
}

/** `name [=] value`: a parameter setting. */
export interface ConfSettingLine extends ConfAssignment {
  /** 1-based: the line's number in its file. */
  lineNumber: number;
  kind: "setting";
  span: Span;
}

/** `include`, `include_if_exists` or `include_dir` with its path. */
export interface ConfIncludeLine extends ConfAssignment {
  /** 1-based: the line's number in its file. */
  lineNumber: number;
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
  /** 1-based: the line's number in its file. */
  lineNumber: number;
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

  // Every rule asks for these: sort the lines once.
  private settingLines: ConfSettingLine[] | undefined;
  private directiveLines: ConfIncludeLine[] | undefined;
  private invalidLines: ConfInvalidLine[] | undefined;

  private sortLines(): void {
    const settings: ConfSettingLine[] = [];
    const directives: ConfIncludeLine[] = [];
    const invalid: ConfInvalidLine[] = [];
    for (const line of this.lines) {
      if (line.kind === "setting") settings.push(line);
      else if (line.kind === "include") directives.push(line);
      else if (line.kind === "invalid") invalid.push(line);
    }
    this.settingLines = settings;
    this.directiveLines = directives;
    this.invalidLines = invalid;
  }

  /** The setting lines (include directives excluded), in order. */
  get settings(): readonly ConfSettingLine[] {
    if (!this.settingLines) this.sortLines();
    return this.settingLines!;
  }

  /** Whether a setting line names the parameter (names compared as guc.c does: ASCII case folded).
   *  A few rules ask, about a parameter no line sets: a scan that folds the case only of names
   *  of the same length costs less than a set of every name folded. */
  setsParameter(name: string): boolean {
    const lower = asciiLowerCase(name);
    return this.settings.some((line) => line.name.length === lower.length && asciiLowerCase(line.name) === lower);
  }

  /** The include directives, in order. */
  get directives(): readonly ConfIncludeLine[] {
    if (!this.directiveLines) this.sortLines();
    return this.directiveLines!;
  }

  /** The lines PostgreSQL rejects, in order. */
  get syntaxErrors(): readonly ConfInvalidLine[] {
    if (!this.invalidLines) this.sortLines();
    return this.invalidLines!;
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
  const scanner = new ConfLineScanner(source.text);
  const builder = new LineBuilder(source, fileName, scanner);
  const lines: ConfLine[] = [];
  while (scanner.next()) lines.push(builder.build(lines.length + 1));
  return new ConfDocument(source, fileName, lines);
}

const VALUE_KINDS: Partial<Record<ConfTokenKind, ConfValueKind>> = { String: "string", Id: "id", Integer: "integer", Real: "real", UnquotedString: "unquoted" };

/** The include directive a name is (guc_name_compare folds ASCII case only), or null. */
function includeDirectiveOf(name: string): ConfIncludeDirective | null {
  // Most names are settings: fold the case only of a name as long as a directive's.
  if (name.length !== 7 && name.length !== 11 && name.length !== 17) return null;
  const lowerName = asciiLowerCase(name);
  return lowerName === "include" || lowerName === "include_if_exists" || lowerName === "include_dir" ? lowerName : null;
}

/** Where the parts of a `name [=] value [# comment]` line are (-1: the part is absent). */
interface AssignmentOffsets {
  start: number;
  end: number;
  nameStart: number;
  equalsStart: number;
  valueStart: number;
  commentStart: number;
}

/**
 * A line keeps offsets and its line number and makes its spans when asked. Five span objects per
 * line were most of the model's memory, which a lint keeps alive to its end (a file of many
 * settings then outgrew V8's young generation), and most are never read. A line's parts lie on
 * that one physical line, so their line and columns come from the line number and the line's
 * start: no search of the text's line table, whose cost grew with the file.
 */
abstract class PhysicalLine {
  constructor(
    protected readonly source: SourceText,
    /** 1-based. */
    readonly lineNumber: number,
    protected readonly start: number,
    protected readonly end: number,
  ) {}

  /** The whole physical line, its newline included (which ends it on the next line, column 1). */
  get span(): Span {
    const start = this.start;
    const end = this.end;
    const line = this.lineNumber;
    if (end > start && this.source.text.charCodeAt(end - 1) === 0x0a) return { start, end, line, column: 1, endLine: line + 1, endColumn: 1 };
    return { start, end, line, column: 1, endLine: line, endColumn: end - start + 1 };
  }

  /** The span of [start, end) within this line (before its newline). */
  protected spanOnLine(start: number, end: number): Span {
    const line = this.lineNumber;
    return { start, end, line, column: start - this.start + 1, endLine: line, endColumn: end - this.start + 1 };
  }
}

abstract class AssignmentLine extends PhysicalLine {
  readonly quoted: boolean;
  /** Where the cluster view keeps what the catalog says about this line's name: every rule asks
   *  about every line's name, and a field is much cheaper than a lookup by the name (a slice of
   *  the text). Not part of the line's interface. */
  nameFacts: unknown = undefined;
  private readonly nameStart: number;
  private readonly equalsStart: number;
  private readonly valueStart: number;
  private readonly commentStart: number;

  constructor(
    source: SourceText,
    lineNumber: number,
    offsets: AssignmentOffsets,
    readonly name: string,
    readonly value: string,
    readonly rawValue: string,
    readonly valueKind: ConfValueKind,
    readonly comment: string | null,
  ) {
    super(source, lineNumber, offsets.start, offsets.end);
    this.quoted = valueKind === "string";
    this.nameStart = offsets.nameStart;
    this.equalsStart = offsets.equalsStart;
    this.valueStart = offsets.valueStart;
    this.commentStart = offsets.commentStart;
  }

  get nameSpan(): Span {
    return this.spanOnLine(this.nameStart, this.nameStart + this.name.length);
  }

  get equalsSpan(): Span | null {
    return this.equalsStart === -1 ? null : this.spanOnLine(this.equalsStart, this.equalsStart + 1);
  }

  get valueSpan(): Span {
    return this.spanOnLine(this.valueStart, this.valueStart + this.rawValue.length);
  }

  get commentSpan(): Span | null {
    return this.commentStart === -1 ? null : this.spanOnLine(this.commentStart, this.commentStart + this.comment!.length);
  }
}

class SettingLine extends AssignmentLine implements ConfSettingLine {
  readonly kind = "setting";
}

class IncludeLine extends AssignmentLine implements ConfIncludeLine {
  readonly kind = "include";
  /** The path as PostgreSQL reads it (the de-escaped value). */
  readonly path: string;

  constructor(source: SourceText, lineNumber: number, offsets: AssignmentOffsets, name: string, value: string, rawValue: string, valueKind: ConfValueKind, comment: string | null, readonly directive: ConfIncludeDirective) {
    super(source, lineNumber, offsets, name, value, rawValue, valueKind, comment);
    this.path = value;
  }
}

class BlankLine extends PhysicalLine implements ConfBlankLine {
  readonly kind = "blank";
}

class CommentLine extends PhysicalLine implements ConfCommentLine {
  readonly kind = "comment";

  constructor(
    source: SourceText,
    lineNumber: number,
    start: number,
    end: number,
    readonly comment: string,
    private readonly commentStart: number,
  ) {
    super(source, lineNumber, start, end);
  }

  get commentSpan(): Span {
    return this.spanOnLine(this.commentStart, this.commentStart + this.comment.length);
  }
}

class InvalidLine extends PhysicalLine implements ConfInvalidLine {
  readonly kind = "invalid";

  constructor(
    source: SourceText,
    lineNumber: number,
    start: number,
    end: number,
    readonly error: ConfSyntaxError,
    readonly comment: string | null,
    private readonly commentStart: number,
  ) {
    super(source, lineNumber, start, end);
  }

  get commentSpan(): Span | null {
    return this.comment === null ? null : this.spanOnLine(this.commentStart, this.commentStart + this.comment.length);
  }
}

/** Turns the scanner's current line into its model line. */
class LineBuilder {
  constructor(
    private readonly source: SourceText,
    private readonly fileName: string,
    private readonly scanner: ConfLineScanner,
  ) {}

  // Syntax errors are rare: their spans are made by searching the line table.
  private tokenSpan(index: number): Span {
    return this.source.span(this.scanner.tokenStarts[index]!, this.scanner.tokenEnds[index]!);
  }

  private tokenText(index: number): string {
    return this.source.text.slice(this.scanner.tokenStarts[index]!, this.scanner.tokenEnds[index]!);
  }

  build(lineNumber: number): ConfLine {
    const scanner = this.scanner;
    // guc-file.l's comment runs to the newline, so it holds the `\r` of a CRLF line end: leave
    // that to the line ending.
    let comment: string | null = null;
    if (scanner.commentStart !== -1) {
      const text = this.source.text;
      const commentEnd = text.charCodeAt(scanner.commentEnd - 1) === 0x0d ? scanner.commentEnd - 1 : scanner.commentEnd;
      comment = text.slice(scanner.commentStart, commentEnd);
    }
    if (scanner.shape === "setting") return this.assignment(lineNumber, comment);
    if (scanner.shape === "invalid") return new InvalidLine(this.source, lineNumber, scanner.start, scanner.end, this.syntaxError(lineNumber), comment, scanner.commentStart);
    if (comment !== null) return new CommentLine(this.source, lineNumber, scanner.start, scanner.end, comment, scanner.commentStart);
    return new BlankLine(this.source, lineNumber, scanner.start, scanner.end);
  }

  private assignment(lineNumber: number, comment: string | null): ConfSettingLine | ConfIncludeLine {
    const scanner = this.scanner;
    const valueIndex = scanner.valueIndex();
    const valueKind = VALUE_KINDS[scanner.tokenKinds[valueIndex]!]!;
    const quoted = valueKind === "string";
    const name = this.tokenText(0);
    const rawValue = this.tokenText(valueIndex);
    const value = quoted ? deescapeQuotedString(rawValue, this.source.encoding) : rawValue;
    const offsets: AssignmentOffsets = {
      start: scanner.start,
      end: scanner.end,
      nameStart: scanner.tokenStarts[0]!,
      equalsStart: valueIndex === 2 ? scanner.tokenStarts[1]! : -1,
      valueStart: scanner.tokenStarts[valueIndex]!,
      commentStart: comment === null ? -1 : scanner.commentStart,
    };
    const directive = includeDirectiveOf(name);
    if (directive) return new IncludeLine(this.source, lineNumber, offsets, name, value, rawValue, valueKind, comment, directive);
    return new SettingLine(this.source, lineNumber, offsets, name, value, rawValue, valueKind, comment);
  }

  private syntaxError(lineNumber: number): ConfSyntaxError {
    const scanner = this.scanner;
    const near = scanner.errorTokenIndex();
    if (near !== -1) {
      const nearToken = this.tokenText(near);
      return {
        message: `syntax error in file "${this.fileName}" line ${lineNumber}, near token "${nearToken}"`,
        line: lineNumber,
        nearToken,
        nearSpan: this.tokenSpan(near),
      };
    }
    // ParseConfigFp reports ConfigFileLineno - 1: after an EOL that is the line that just
    // ended, but at end of file (no EOL counted) it is the line before.
    const line = scanner.hasEol ? lineNumber : lineNumber - 1;
    const eolAt = scanner.hasEol ? scanner.end - 1 : scanner.end;
    return {
      message: `syntax error in file "${this.fileName}" line ${line}, near end of line`,
      line,
      nearToken: null,
      nearSpan: this.source.span(eolAt, eolAt),
    };
  }
}
