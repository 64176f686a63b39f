// The pg_hba.conf / pg_ident.conf reader the linter runs: logical lines, fields and field tokens,
// as hba.c's `tokenize_auth_file` / `next_field_expand` / `next_token` group them, read directly
// from the text. It implements the same token patterns as grammar/hba-tokens.ts and the same
// grammar as grammar/hba-parser.ts (see there for the rules, with hba.c's reasons); those
// Chevrotain definitions stay as the oracle a test holds this reader against. No token objects
// and no syntax tree: only the ranges the model needs.

/** The pieces of grammar/hba-tokens.ts. */
const NEWLINE = 0;
const WHITESPACE = 1;
const COMMA = 2;
const CONTINUATION = 3;
const COMMENT = 4;
const NUL_REST = 5;
const QUOTED_SECTION = 6;
const WORD = 7;

const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** 14+: the end of a line continuation at `i` (a backslash, CRs, then a line feed or the end of
 *  the text), or -1 when the backslash at `i` is an ordinary character. */
function continuationEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) === CR) j++;
  if (j === text.length) return j;
  return text.charCodeAt(j) === LF ? j + 1 : -1;
}

/** A backslash, CRs, then a line feed (not the end of the text): the only continuation that can
 *  sit inside a comment or a quoted section. */
function continuationWithLfEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) === CR) j++;
  return j < text.length && text.charCodeAt(j) === LF ? j + 1 : -1;
}

/** `#` or NUL to the end of the logical line (14+: across continuations). */
function restOfLineEnd(text: string, start: number, v14: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === LF) break;
    if (v14 && c === BACKSLASH) {
      const end = continuationWithLfEnd(text, i);
      i = end === -1 ? i + 1 : end;
    } else {
      i++;
    }
  }
  return i;
}

/** `"` ... `"`, `""` a literal quote; unterminated, it runs to the end of the logical line, not
 *  including the CRs before the line break. */
function quotedSectionEnd(text: string, start: number, v14: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (text.charCodeAt(i + 1) === QUOTE) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (c === LF || c === 0) return i;
    if (c === CR) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) === CR) j++;
      if (j === text.length || text.charCodeAt(j) === LF) return i;
      i = j;
      continue;
    }
    if (v14 && c === BACKSLASH) {
      const withLf = continuationWithLfEnd(text, i);
      if (withLf !== -1) {
        i = withLf;
        continue;
      }
      // A backslash that ends the text is a continuation, not part of the quote.
      if (continuationEnd(text, i) !== -1) return i;
    }
    i++;
  }
  return i;
}

function isWordChar(c: number): boolean {
  return c !== 0x20 && c !== 0x09 && c !== CR && c !== LF && c !== 0x2c && c !== 0x23 && c !== QUOTE && c !== 0;
}

function wordEnd(text: string, start: number, v14: boolean): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) break;
    if (v14 && c === BACKSLASH && continuationEnd(text, i) !== -1) break;
    i++;
  }
  return i;
}

let scannedPiece = WORD;

/** The token at `start` (the first pattern of hba-tokens.ts's order that matches): its end; its
 *  kind is left in `scannedPiece`. */
function scanPiece(text: string, start: number, v14: boolean): number {
  const c = text.charCodeAt(start);
  if (c === LF) {
    scannedPiece = NEWLINE;
    return start + 1;
  }
  if (c === 0x20 || c === 0x09 || c === CR) {
    let i = start + 1;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d !== 0x20 && d !== 0x09 && d !== CR) break;
      i++;
    }
    scannedPiece = WHITESPACE;
    return i;
  }
  if (c === 0x2c) {
    scannedPiece = COMMA;
    return start + 1;
  }
  if (v14 && c === BACKSLASH) {
    const end = continuationEnd(text, start);
    if (end !== -1) {
      scannedPiece = CONTINUATION;
      return end;
    }
  }
  if (c === 0x23 || c === 0) {
    scannedPiece = c === 0 ? NUL_REST : COMMENT;
    return restOfLineEnd(text, start, v14);
  }
  if (c === QUOTE) {
    scannedPiece = QUOTED_SECTION;
    return quotedSectionEnd(text, start, v14);
  }
  scannedPiece = WORD;
  return wordEnd(text, start, v14);
}

function isPiece(kind: number): boolean {
  return kind === WORD || kind === QUOTED_SECTION;
}

/**
 * Reads a text one logical line at a time. One reusable object: `next()` moves to the next line
 * and overwrites the fields. A line's fields are `fieldCount` runs of tokens: field f holds
 * tokens `fieldTokenStart[f]` to `fieldTokenStart[f + 1]` (exclusive; the last runs to
 * `tokenCount`), token t spans `tokenStart[t]` to `tokenEnd[t]`.
 */
export class AuthLineScanner {
  /** The line's first offset and the offset after its line feed (or the end of the text). */
  start = 0;
  end = 0;
  /** 1-based number of the line's first physical line. */
  lineNumber = 0;
  fieldCount = 0;
  tokenCount = 0;
  readonly fieldTokenStart: number[] = [];
  readonly tokenStart: number[] = [];
  readonly tokenEnd: number[] = [];
  /** The comment (`#` to the end of the logical line), or -1. */
  commentStart = -1;
  commentEnd = -1;

  private offset = 0;
  private nextLineNumber = 1;
  private readonly v14: boolean;
  // The current line's pieces.
  private pieceCount = 0;
  private readonly pieceKind: number[] = [];
  private readonly pieceStart: number[] = [];
  private readonly pieceEnd: number[] = [];

  constructor(
    readonly text: string,
    pgVersion: number,
  ) {
    // Line continuation exists from PostgreSQL 14 on.
    this.v14 = pgVersion >= 14;
  }

  /** Reads the next logical line; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    if (this.offset >= text.length) return false;
    this.start = this.offset;
    this.lineNumber = this.nextLineNumber;
    this.lexLine();
    this.end = this.offset;
    for (let i = text.indexOf("\n", this.start); i !== -1 && i < this.end; i = text.indexOf("\n", i + 1)) this.nextLineNumber++;
    this.parseLine();
    return true;
  }

  private lexLine(): void {
    const text = this.text;
    let offset = this.offset;
    let count = 0;
    while (offset < text.length) {
      const end = scanPiece(text, offset, this.v14);
      this.pieceKind[count] = scannedPiece;
      this.pieceStart[count] = offset;
      this.pieceEnd[count] = end;
      count++;
      offset = end;
      if (scannedPiece === NEWLINE) break;
    }
    this.pieceCount = count;
    this.offset = offset;
  }

  private kindAt(k: number): number {
    return k < this.pieceCount ? this.pieceKind[k]! : -1;
  }

  private parseLine(): void {
    this.fieldCount = 0;
    this.tokenCount = 0;
    this.commentStart = -1;
    let k = 0;
    while (k < this.pieceCount) {
      const kind = this.pieceKind[k]!;
      if (isPiece(kind)) {
        k = this.parseField(k);
        continue;
      }
      if (kind === COMMENT && this.commentStart === -1) {
        this.commentStart = this.pieceStart[k]!;
        this.commentEnd = this.pieceEnd[k]!;
      }
      k++;
    }
  }

  /** field := authToken (Continuation* Comma (Whitespace | Comma | Continuation)* authToken)*:
   *  a comma right after a token continues the field across whitespace and further commas. */
  private parseField(k: number): number {
    this.fieldTokenStart[this.fieldCount++] = this.tokenCount;
    k = this.parseAuthToken(k);
    for (;;) {
      let j = k;
      while (this.kindAt(j) === CONTINUATION) j++;
      if (this.kindAt(j) !== COMMA) return k;
      j++;
      for (let kind = this.kindAt(j); kind === WHITESPACE || kind === COMMA || kind === CONTINUATION; kind = this.kindAt(j)) j++;
      if (!isPiece(this.kindAt(j))) return k;
      k = this.parseAuthToken(j);
    }
  }

  /** authToken := piece (Continuation* piece)*: pieces that touch form one token. */
  private parseAuthToken(k: number): number {
    const start = this.pieceStart[k]!;
    k++;
    for (;;) {
      let j = k;
      while (this.kindAt(j) === CONTINUATION) j++;
      if (!isPiece(this.kindAt(j))) break;
      k = j + 1;
    }
    const t = this.tokenCount++;
    this.tokenStart[t] = start;
    this.tokenEnd[t] = this.pieceEnd[k - 1]!;
    return k;
  }

  /** The first token index of field `f` and the index after its last. */
  fieldTokens(f: number): [number, number] {
    return [this.fieldTokenStart[f]!, f + 1 < this.fieldCount ? this.fieldTokenStart[f + 1]! : this.tokenCount];
  }
}
