// Source text: the bytes of one file as a JS string that round-trips exactly, plus the
// offset -> line/column table every range is reported through.
//
// PostgreSQL reads configuration files as bytes; every byte >= 0x80 is a "letter" to its
// lexers. A valid UTF-8 file is decoded as UTF-8 (every code unit of a non-ASCII character is
// >= 0x80, so tokenisation is the same as on bytes); any other file is decoded as Latin-1, one
// char per byte, so that writing it back gives the same bytes.

import { isAscii } from "node:buffer";

export type Encoding = "utf8" | "latin1";

/** A half-open range [start, end) of UTF-16 offsets into the source text. */
export interface Range {
  start: number;
  end: number;
}

/** 1-based line and 1-based column (in UTF-16 code units), as ESLint reports them. */
export interface Position {
  line: number;
  column: number;
}

/** A range with its line/column ends resolved: what the model hands to rules and formatters. */
export interface Span extends Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  try {
    return { text: utf8Decoder.decode(bytes), encoding: "utf8" };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"), encoding: "latin1" };
  }
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  return Buffer.from(text, encoding);
}

const NON_ASCII = /[\u0080-\uffff]/;

export class SourceText {
  private lineStartsCache: number[] | undefined;
  private asciiOnly: boolean | undefined;

  constructor(
    readonly text: string,
    readonly encoding: Encoding = "utf8",
  ) {}

  static fromBytes(bytes: Uint8Array): SourceText {
    const { text, encoding } = decodeBytes(bytes);
    const source = new SourceText(text, encoding);
    // Known from the bytes at memory speed; from the text it takes a scan.
    source.asciiOnly = isAscii(bytes);
    return source;
  }

  /** Whether every char is ASCII (< 0x80): rules looking for typographic quotes, non-ASCII
   *  look-alikes and the like have nothing to look at in most files. */
  get isAscii(): boolean {
    return (this.asciiOnly ??= !NON_ASCII.test(this.text));
  }

  /** Offsets at which each line starts. A line ends at LF; CR alone does not end a line
   *  (PostgreSQL's lexers treat \r as whitespace). */
  get lineStarts(): number[] {
    if (!this.lineStartsCache) {
      const starts = [0];
      const text = this.text;
      let i = text.indexOf("\n");
      while (i !== -1) {
        starts.push(i + 1);
        i = text.indexOf("\n", i + 1);
      }
      this.lineStartsCache = starts;
    }
    return this.lineStartsCache;
  }

  positionAt(offset: number): Position {
    const line = this.lineIndexAt(offset);
    return { line: line + 1, column: offset - this.lineStarts[line]! + 1 };
  }

  // The line of the last lookup: the parsers ask for offsets in order, mostly on the same line
  // or the next, so most lookups need no search.
  private lastLine = 0;

  /** 0-based index of the line holding `offset`. */
  private lineIndexAt(offset: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (last < starts.length && starts[last]! <= offset) {
      if (last + 1 >= starts.length || offset < starts[last + 1]!) return last;
      if (last + 2 >= starts.length || offset < starts[last + 2]!) return (this.lastLine = last + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line - 1];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.column - 1, this.text.length);
  }

  span(start: number, end: number): Span {
    // The file's start (where a finding about a missing setting points) needs no line table.
    if (end === 0) return { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const starts = this.lineStarts;
    const line = this.lineIndexAt(start);
    const endLine = end === start ? line : this.lineIndexAt(end);
    return { start, end, line: line + 1, column: start - starts[line]! + 1, endLine: endLine + 1, endColumn: end - starts[endLine]! + 1 };
  }

  slice(range: Range): string {
    return this.text.slice(range.start, range.end);
  }

  toBytes(): Buffer {
    return encodeText(this.text, this.encoding);
  }
}
