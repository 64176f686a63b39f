// What pg_hba.conf and pg_ident.conf have in common: hba.c's tokenizer (`tokenize_auth_file`)
// turns the text into logical lines of fields of tokens, finds the include directives (16+),
// and reports the tokenizer's own errors (line or token too long, before 16).

import { AuthLineScanner } from "../../grammar/hba-scanner";
import { SourceText } from "../source";
import type { Span } from "../source";

/** One token of a field, as `next_token` reads it. */
export interface AuthToken {
  /** As written, quotes (and 14+ line continuations) included. */
  text: string;
  /** What PostgreSQL compares: quotes removed, `""` read as `"`, continuations removed. */
  value: string;
  /** A double quote appears anywhere in it: then it is never a keyword, group or file. */
  quoted: boolean;
  /** `@file` (unquoted start, more than the `@`): the path of the file whose tokens replace it. */
  fileRef: string | null;
  span: Span;
}

/** A field: a comma-separated list of tokens. */
export interface AuthField {
  tokens: AuthToken[];
  span: Span;
}

/** A logical line (14+: continuation lines included). */
export interface AuthLine {
  /** 1-based number of its first physical line: what PostgreSQL reports. */
  lineNumber: number;
  /** From the line's first character through its line feed (if any). Lines tile the text. */
  span: Span;
  fields: AuthField[];
  /** The comment, if any (from `#` to the end of the logical line). */
  comment: { text: string; span: Span } | null;
  /** An error of the tokenizer itself (line or token too long): the line is not parsed further. */
  tokenizerError: string | null;
}

export type IncludeKind = "include" | "include_if_exists" | "include_dir";

/** An include directive line (16+). */
export interface AuthInclude {
  kind: IncludeKind;
  line: AuthLine;
  /** The path token (the second field's first token). */
  path: AuthToken;
}

export interface AuthFileOptions {
  pgVersion?: number;
  fileName?: string;
}

export interface AuthFile {
  source: SourceText;
  pgVersion: number;
  fileName: string | null;
  lines: AuthLine[];
}

const INCLUDE_KINDS: readonly IncludeKind[] = ["include", "include_if_exists", "include_dir"];

/** 12-15 read tokens into a fixed buffer: MAX_TOKEN 10240 bytes including the NUL. */
const MAX_TOKEN_BYTES = 10240;
/** 12-13 read lines with fgets into MAX_LINE 20480 bytes: 20479 bytes fill it. */
const MAX_LINE_BYTES = 20480;

export function toSourceText(input: string | SourceText): SourceText {
  return typeof input === "string" ? new SourceText(input) : input;
}

function byteLength(text: string, source: SourceText): number {
  return source.encoding === "utf8" ? Buffer.byteLength(text, "utf8") : text.length;
}

/** Decodes one token's text: quoted sections lose their quotes, `""` inside is `"`,
 *  continuations vanish. `blankLineFollows`: the token ends in an open quote continued onto a
 *  blank line; hba.c then strips CRs and LFs from the end of the joined line, so CRs before the
 *  backslash go too. */
function tokenValue(text: string, blankLineFollows: boolean): string {
  // Most tokens have neither quotes nor backslashes: their text is their value, with no need
  // to build it again char by char.
  if (!text.includes('"') && !text.includes("\\")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === "\\" && isContinuationAt(text, i)) {
          i = skipContinuation(text, i);
          continue;
        }
        out += text[i];
        i++;
      }
      continue;
    }
    if (c === "\\" && isContinuationAt(text, i)) {
      i = skipContinuation(text, i);
      continue;
    }
    out += c;
    i++;
  }
  return blankLineFollows && endsWithContinuation(text) ? out.replace(/\r+$/, "") : out;
}

function endsWithContinuation(text: string): boolean {
  return /\\\r*\n$/.test(text);
}

/** Inside a token a continuation always ends in its line feed (one at the end of the file
 *  cannot join two pieces). */
function isContinuationAt(text: string, i: number): boolean {
  let j = i + 1;
  while (text[j] === "\r") j++;
  return text[j] === "\n";
}

function skipContinuation(text: string, i: number): number {
  return text.indexOf("\n", i) + 1;
}

/**
 * 12-15: `next_token` checks its MAX_TOKEN buffer before taking each further character of a
 * token (quote characters and a terminating comma included): once MAX_TOKEN-1 bytes are in,
 * one more such character fails the line with "authentication file token too long".
 */
function tokenTooLong(token: AuthToken, followedByComma: boolean, source: SourceText): boolean {
  const limit = MAX_TOKEN_BYTES - 1;
  if (byteLength(token.value, source) < limit - 1) return false;
  let appended = 0;
  let inQuote = false;
  let wasQuote = false;
  const text = token.text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && isContinuationAt(text, i)) {
      i = skipContinuation(text, i) - 1;
      continue;
    }
    if (appended >= limit) return true;
    if (c !== '"' || wasQuote) appended += byteLength(c, source);
    wasQuote = inQuote && c === '"' ? !wasQuote : false;
    if (c === '"') inQuote = !inQuote;
  }
  return followedByComma && appended >= limit;
}

/**
 * A token keeps its offsets and makes its span when asked; so do fields, comments and lines. A
 * span object for every token and field was most of the model's memory, which a lint keeps to
 * its end (a file of thousands of records then outgrew V8's young generation), and few are read.
 * Likewise it keeps only its value: the text, `quoted` and `fileRef` follow from the value and
 * the offsets (a token without quotes or continuations is its own value, and one with them has
 * a shorter value), four fields instead of seven for every token a lint keeps.
 */
class ScannedToken implements AuthToken, AuthField {
  constructor(
    readonly value: string,
    readonly source: SourceText,
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return this.value.length === this.end - this.start ? this.value : this.source.text.slice(this.start, this.end);
  }

  get quoted(): boolean {
    if (this.value.length === this.end - this.start) return false;
    const text = this.source.text;
    for (let i = this.start; i < this.end; i++) if (text.charCodeAt(i) === 0x22) return true;
    return false;
  }

  get fileRef(): string | null {
    const value = this.value;
    return value.charCodeAt(0) === 0x40 && value.length > 1 && this.source.text.charCodeAt(this.start) !== 0x22 ? value.slice(1) : null;
  }

  get span(): Span {
    return this.source.span(this.start, this.end);
  }

  /** A field of one token (most are) is that token: no field object and no array to keep for
   *  it. Its tokens are a new array each time asked. */
  get tokens(): ScannedToken[] {
    return [this];
  }
}

/** The only token of a field, or undefined when it has several (without making an array). */
export function singleToken(field: AuthField): AuthToken | undefined {
  if (field instanceof ScannedToken) return field;
  const tokens = field.tokens;
  return tokens.length === 1 ? tokens[0] : undefined;
}

/** A field of the file as read: its tokens are the scanned ones (never empty), whose offsets
 *  give its span. */
class ScannedField implements AuthField {
  constructor(readonly tokens: ScannedToken[]) {}

  get span(): Span {
    const tokens = this.tokens;
    const first = tokens[0]!;
    return first.source.span(first.start, tokens[tokens.length - 1]!.end);
  }
}

class ScannedComment {
  constructor(
    readonly text: string,
    private readonly source: SourceText,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get span(): Span {
    return this.source.span(this.start, this.end);
  }
}

class ScannedLine implements AuthLine {
  tokenizerError: string | null = null;

  constructor(
    readonly lineNumber: number,
    readonly fields: AuthField[],
    readonly comment: ScannedComment | null,
    private readonly source: SourceText,
    readonly start: number,
    readonly end: number,
  ) {}

  get span(): Span {
    return this.source.span(this.start, this.end);
  }
}

/** Tokenizes a whole file into logical lines. */
export function readAuthFile(input: string | SourceText, options: AuthFileOptions = {}): AuthFile {
  const source = toSourceText(input);
  const text = source.text;
  const pgVersion = options.pgVersion ?? 18;
  const scanner = new AuthLineScanner(text, pgVersion);
  const lines: AuthLine[] = [];
  while (scanner.next()) {
    // Arrays of their final length: one grown by push keeps room for 16 more elements.
    const fields = new Array<AuthField>(scanner.fieldCount);
    for (let f = 0; f < scanner.fieldCount; f++) {
      const first = scanner.fieldTokenStart[f]!;
      const last = f + 1 < scanner.fieldCount ? scanner.fieldTokenStart[f + 1]! : scanner.tokenCount;
      if (last - first === 1) {
        fields[f] = scannedToken(scanner, first, source);
        continue;
      }
      const tokens = new Array<ScannedToken>(last - first);
      for (let t = first; t < last; t++) tokens[t - first] = scannedToken(scanner, t, source);
      fields[f] = new ScannedField(tokens);
    }
    const comment = scanner.commentStart === -1 ? null : new ScannedComment(text.slice(scanner.commentStart, scanner.commentEnd), source, scanner.commentStart, scanner.commentEnd);
    const line = new ScannedLine(scanner.lineNumber, fields, comment, source, scanner.start, scanner.end);
    line.tokenizerError = tokenizerError(line, source, pgVersion);
    lines.push(line);
  }
  return { source, pgVersion, fileName: options.fileName ?? null, lines };
}

/** Words that most records write (connection types, keywords, methods, common addresses): a
 *  token that is one of them takes this string instead of a copy of its own, which a lint would
 *  keep to its end. By length, then in no particular order. */
const COMMON_WORDS: string[][] = [];
for (const word of [
  ...["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"],
  ...["all", "sameuser", "samerole", "samegroup", "replication", "samehost", "samenet"],
  ...["trust", "reject", "md5", "password", "scram-sha-256", "gss", "sspi", "ident", "peer", "pam", "ldap", "radius", "cert", "bsd", "oauth"],
  ...["127.0.0.1/32", "::1/128", "0.0.0.0/0", "::/0", "localhost", "postgres"],
]) {
  (COMMON_WORDS[word.length] ??= []).push(word);
}

function scannedToken(scanner: AuthLineScanner, t: number, source: SourceText): ScannedToken {
  const start = scanner.tokenStart[t]!;
  const end = scanner.tokenEnd[t]!;
  const text = source.text;
  const common = COMMON_WORDS[end - start];
  if (common !== undefined) {
    for (let w = 0; w < common.length; w++) if (text.startsWith(common[w]!, start)) return new ScannedToken(common[w]!, source, start, end);
  }
  return new ScannedToken(tokenValue(text.slice(start, end), end < text.length), source, start, end);
}

function tokenizerError(line: ScannedLine, source: SourceText, pgVersion: number): string | null {
  if (pgVersion <= 13) {
    const physical = source.text.slice(line.start, line.end);
    // fgets fills its buffer with MAX_LINE-1 bytes: such a line is "too long", newline or not.
    if (byteLength(physical, source) >= MAX_LINE_BYTES - 1) return "authentication file line too long";
  }
  if (pgVersion <= 15) {
    for (const field of line.fields) {
      const tokens = field.tokens;
      for (let t = 0; t < tokens.length; t++) {
        const token = tokens[t] as ScannedToken;
        const nextChar = source.text[token.end];
        if (tokenTooLong(token, nextChar === ",", source)) return "authentication file token too long";
      }
    }
  }
  return null;
}

/** An include directive (16+): exactly two fields, the first token of the first being one of
 *  the directive names (compared as a plain string: a quoted "include" counts too). `fields`:
 *  the line's fields after `@file` expansion, when the caller expanded them. */
export function includeDirective(line: AuthLine, pgVersion: number, fields: AuthField[] = line.fields): AuthInclude | null {
  if (pgVersion < 16 || line.tokenizerError || fields.length !== 2) return null;
  const first = fields[0]!.tokens[0]!;
  const kind = INCLUDE_KINDS.find((k) => k === first.value);
  if (!kind) return null;
  return { kind, line, path: fields[1]!.tokens[0]! };
}

/** The lines that hba.c hands to the line parser: not blank, not comment-only. */
export function isContentLine(line: AuthLine): boolean {
  return line.fields.length > 0 || line.tokenizerError !== null;
}
