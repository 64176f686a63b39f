// The postgresql.conf scanner of PostgreSQL's guc-file.l, and the line reader the model uses.
//
// flex takes the longest match at each position and breaks ties in favour of the rule listed
// first. `flexMatchAt` asks every rule, as that definition reads; `scanAt`, which the linter
// runs, computes the same winner from the character at hand (only the rules that can start with
// it, in loops of their own). grammar/conf-tokens.ts wraps flexMatchAt into Chevrotain token types and
// grammar/conf-parser.ts is the Chevrotain grammar of a line; both are kept as the oracle a test
// compares `ConfLineScanner` with. The linter itself runs only this file: no token objects, no
// syntax tree, nothing allocated per token (the grammar is line-shaped, see conf-parser.ts).

/** Names of guc-file.l's rules, in its order (the flex tie-break order). */
export type ConfTokenKind =
  | "Eol"
  | "Whitespace"
  | "Comment"
  | "Id"
  | "QualifiedId"
  | "String"
  | "UnquotedString"
  | "Integer"
  | "Real"
  | "Equals"
  | "Error";

const RULE_ORDER: readonly ConfTokenKind[] = ["Eol", "Whitespace", "Comment", "Id", "QualifiedId", "String", "UnquotedString", "Integer", "Real", "Equals", "Error"];

// LETTER is [A-Za-z_\200-\377]: every byte >= 0x80 is a letter. Text decoded from UTF-8 has
// only code units >= 0x80 where the file has bytes >= 0x80, and Latin-1 text has one char per
// byte, so "code unit >= 0x80" is the same test.
function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}
function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
function isLetterOrDigit(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

const NEWLINE = 0x0a;

/** End of the run of chars from `i` that satisfy `test`. */
function skipWhile(text: string, i: number, test: (c: number) => boolean): number {
  while (i < text.length && test(text.charCodeAt(i))) i++;
  return i;
}

// Each matcher returns the end of its rule's longest match at `start`, or -1.

function matchEol(text: string, start: number): number {
  return text.charCodeAt(start) === NEWLINE ? start + 1 : -1;
}

function matchWhitespace(text: string, start: number): number {
  const end = skipWhile(text, start, (c) => c === 0x20 || c === 0x09 || c === 0x0d);
  return end > start ? end : -1;
}

function matchComment(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x23) return -1;
  const eol = text.indexOf("\n", start);
  return eol === -1 ? text.length : eol;
}

function matchId(text: string, start: number): number {
  if (start >= text.length || !isLetter(text.charCodeAt(start))) return -1;
  return skipWhile(text, start + 1, isLetterOrDigit);
}

function matchQualifiedId(text: string, start: number): number {
  const first = matchId(text, start);
  if (first === -1 || text.charCodeAt(first) !== 0x2e) return -1;
  return matchId(text, first + 1);
}

// \'([^'\\\n]|\\.|\'\')*\'  — the longest match ends at the last quote that can close it.
// Reading left to right, a quote either closes the string or starts a doubled quote, and a
// backslash always escapes the next char (flex's `.` excludes the newline).
function matchString(text: string, start: number): number {
  if (text.charCodeAt(start) !== 0x27) return -1;
  let longest = -1;
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) break;
    if (c === 0x5c) {
      if (i + 1 >= text.length || text.charCodeAt(i + 1) === NEWLINE) break;
      i += 2;
    } else if (c === 0x27) {
      longest = i + 1;
      if (text.charCodeAt(i + 1) !== 0x27) break;
      i += 2;
    } else {
      i++;
    }
  }
  return longest;
}

function matchUnquotedString(text: string, start: number): number {
  if (start >= text.length || !isLetter(text.charCodeAt(start))) return -1;
  return skipWhile(text, start + 1, (c) => isLetterOrDigit(c) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x3a || c === 0x2f);
}

function skipSign(text: string, start: number): number {
  const c = text.charCodeAt(start);
  return c === 0x2b || c === 0x2d ? start + 1 : start;
}

// {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}* — both alternatives are tried, the longer
// wins (a backtracking regex would stop at `0x` for `0x1F`).
function matchInteger(text: string, start: number): number {
  const body = skipSign(text, start);
  let longest = -1;
  const digitsEnd = skipWhile(text, body, isDigit);
  if (digitsEnd > body) longest = skipWhile(text, digitsEnd, isAsciiLetter);
  if (text.charCodeAt(body) === 0x30 && text.charCodeAt(body + 1) === 0x78) {
    const hexEnd = skipWhile(text, body + 2, isHexDigit);
    if (hexEnd > body + 2) longest = Math.max(longest, skipWhile(text, hexEnd, isAsciiLetter));
  }
  return longest;
}

// {SIGN}?{DIGIT}*"."{DIGIT}*([Ee]{SIGN}?{DIGIT}+)?
function matchReal(text: string, start: number): number {
  const intEnd = skipWhile(text, skipSign(text, start), isDigit);
  if (text.charCodeAt(intEnd) !== 0x2e) return -1;
  const fracEnd = skipWhile(text, intEnd + 1, isDigit);
  const e = text.charCodeAt(fracEnd);
  if (e !== 0x45 && e !== 0x65) return fracEnd;
  const expDigits = skipSign(text, fracEnd + 1);
  const expEnd = skipWhile(text, expDigits, isDigit);
  return expEnd > expDigits ? expEnd : fracEnd;
}

function matchEquals(text: string, start: number): number {
  return text.charCodeAt(start) === 0x3d ? start + 1 : -1;
}

// `.` in flex: any single char but the newline.
function matchError(text: string, start: number): number {
  return start < text.length && text.charCodeAt(start) !== NEWLINE ? start + 1 : -1;
}

const MATCHERS: Record<ConfTokenKind, (text: string, start: number) => number> = {
  Eol: matchEol,
  Whitespace: matchWhitespace,
  Comment: matchComment,
  Id: matchId,
  QualifiedId: matchQualifiedId,
  String: matchString,
  UnquotedString: matchUnquotedString,
  Integer: matchInteger,
  Real: matchReal,
  Equals: matchEquals,
  Error: matchError,
};

/** flex's definition itself: every rule asked at `offset`, the longest match winning, the first
 *  rule in RULE_ORDER on a tie. Slow and plain: the oracle that `scanAt` is tested against
 *  (through the Chevrotain lexer of conf-tokens.ts, which asks this). */
export function flexMatchAt(text: string, offset: number): { kind: ConfTokenKind; end: number } | null {
  let best: { kind: ConfTokenKind; end: number } | null = null;
  for (const kind of RULE_ORDER) {
    const end = MATCHERS[kind](text, offset);
    if (end > offset && (best === null || end > best.end)) best = { kind, end };
  }
  return best;
}

// The winner of the last scanAt call (scanAt allocates nothing: it runs once per token).
let scannedKind: ConfTokenKind = "Error";

/** The same answer as flexMatchAt, computed from the first char: only the rules that can start
 *  with it are asked, in loops of their own (the linter's hot path). Returns the end, or -1 at
 *  the end of the text; the rule is left in `scannedKind`. */
function scanAt(text: string, offset: number): number {
  const length = text.length;
  if (offset >= length) return -1;
  const c = text.charCodeAt(offset);
  if (c === NEWLINE) {
    scannedKind = "Eol";
    return offset + 1;
  }
  if (c === 0x20 || c === 0x09 || c === 0x0d) {
    // Whitespace (at least one char) beats Error on the tie.
    let i = offset + 1;
    while (i < length) {
      const w = text.charCodeAt(i);
      if (w !== 0x20 && w !== 0x09 && w !== 0x0d) break;
      i++;
    }
    scannedKind = "Whitespace";
    return i;
  }
  if (c === 0x23) {
    scannedKind = "Comment";
    return matchComment(text, offset);
  }
  if (isLetter(c)) return scanWord(text, offset);
  if (c === 0x3d) {
    scannedKind = "Equals";
    return offset + 1;
  }
  if (c === 0x27) {
    const end = matchString(text, offset);
    scannedKind = end === -1 ? "Error" : "String";
    return end === -1 ? offset + 1 : end;
  }
  if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
    // Integer, then Real, then Error (one char): the longest, the earlier on a tie.
    let end = matchInteger(text, offset);
    scannedKind = "Integer";
    const real = matchReal(text, offset);
    if (real > end) {
      end = real;
      scannedKind = "Real";
    }
    if (end > offset) return end;
  }
  scannedKind = "Error";
  return offset + 1;
}

/** scanAt's answer as an object: for the test that holds it equal to flexMatchAt token by token. */
export function scanTokenAt(text: string, offset: number): { kind: ConfTokenKind; end: number } | null {
  const end = scanAt(text, offset);
  return end === -1 ? null : { kind: scannedKind, end };
}

/** At a letter: Id, QualifiedId (ID.ID) or UnquotedString, the longest (the earlier on a tie);
 *  Error's one char never beats Id. */
function scanWord(text: string, offset: number): number {
  const length = text.length;
  let idEnd = offset + 1;
  while (idEnd < length && isLetterOrDigit(text.charCodeAt(idEnd))) idEnd++;
  // The chars of Id and QualifiedId are all UnquotedString's: it reaches at least as far.
  let unquotedEnd = idEnd;
  while (unquotedEnd < length) {
    const u = text.charCodeAt(unquotedEnd);
    if (!(isLetterOrDigit(u) || u === 0x2d || u === 0x2e || u === 0x5f || u === 0x3a || u === 0x2f)) break;
    unquotedEnd++;
  }
  let end = idEnd;
  scannedKind = "Id";
  if (unquotedEnd === idEnd) return end;
  if (text.charCodeAt(idEnd) === 0x2e) {
    const qualifiedEnd = matchId(text, idEnd + 1);
    if (qualifiedEnd > end) {
      end = qualifiedEnd;
      scannedKind = "QualifiedId";
    }
  }
  if (unquotedEnd > end) {
    end = unquotedEnd;
    scannedKind = "UnquotedString";
  }
  return end;
}

/** How ParseConfigFp takes a physical line. */
export type ConfLineShape = "blank" | "setting" | "invalid";

function isNameKind(kind: ConfTokenKind): boolean {
  return kind === "Id" || kind === "QualifiedId";
}
/** A QUALIFIED_ID is not a value. */
function isValueKind(kind: ConfTokenKind): boolean {
  return kind === "Id" || kind === "String" || kind === "Integer" || kind === "Real" || kind === "UnquotedString";
}

/** Significant tokens kept per line: a setting has at most three, and the token a syntax error
 *  names is at most the fourth. */
const KEPT_TOKENS = 4;

/**
 * Reads a text one physical line at a time, as ParseConfigFp's state machine does: a line is
 * blank (whitespace and comments only), a setting (NAME [=] VALUE and nothing else) or invalid.
 * One reusable object; `next()` moves to the next line and overwrites the fields.
 */
export class ConfLineScanner {
  /** The line's first offset and the offset after its newline (or the end of the text). */
  start = 0;
  end = 0;
  /** The line ends with a newline (not so for a last line without one). */
  hasEol = false;
  shape: ConfLineShape = "blank";
  /** Significant tokens on the line (neither whitespace, comment nor newline). */
  tokenCount = 0;
  /** The first KEPT_TOKENS significant tokens: rule, start, end. */
  readonly tokenKinds: ConfTokenKind[] = new Array<ConfTokenKind>(KEPT_TOKENS).fill("Error");
  readonly tokenStarts = new Int32Array(KEPT_TOKENS);
  readonly tokenEnds = new Int32Array(KEPT_TOKENS);
  /** The comment (`#` to before the newline, a `\r` included), or -1. */
  commentStart = -1;
  commentEnd = -1;
  private offset = 0;

  constructor(readonly text: string) {}

  /** Reads the next line; false at the end of the text (an empty last "line" is no line). */
  next(): boolean {
    const text = this.text;
    let offset = this.offset;
    if (offset >= text.length) return false;
    this.start = offset;
    this.hasEol = false;
    this.tokenCount = 0;
    this.commentStart = -1;
    while (offset < text.length) {
      const end = scanAt(text, offset);
      const kind = scannedKind;
      if (kind === "Eol") {
        offset = end;
        this.hasEol = true;
        break;
      }
      if (kind === "Comment") {
        this.commentStart = offset;
        this.commentEnd = end;
      } else if (kind !== "Whitespace") {
        const index = this.tokenCount++;
        if (index < KEPT_TOKENS) {
          this.tokenKinds[index] = kind;
          this.tokenStarts[index] = offset;
          this.tokenEnds[index] = end;
        }
      }
      offset = end;
    }
    this.offset = offset;
    this.end = offset;
    this.shape = this.tokenCount === 0 ? "blank" : this.valueIndex() !== -1 ? "setting" : "invalid";
    return true;
  }

  /** For a setting: the index of the value token (1, or 2 after `=`); otherwise -1. */
  valueIndex(): number {
    const count = this.tokenCount;
    const kinds = this.tokenKinds;
    if (count < 2 || count > 3 || !isNameKind(kinds[0]!)) return -1;
    const valueAt = kinds[1] === "Equals" ? 2 : 1;
    return count === valueAt + 1 && isValueKind(kinds[valueAt]!) ? valueAt : -1;
  }

  /** For an invalid line: the index of the token ParseConfigFp names in its syntax error, or
   *  -1 when it reports "near end of line". Mirrors its states: a name, an optional `=`, a
   *  value, then the line must end. */
  errorTokenIndex(): number {
    const count = this.tokenCount;
    const kinds = this.tokenKinds;
    if (count === 0) return -1;
    if (!isNameKind(kinds[0]!)) return 0;
    const valueAt = count > 1 && kinds[1] === "Equals" ? 2 : 1;
    if (valueAt >= count) return -1;
    if (!isValueKind(kinds[valueAt]!)) return valueAt;
    return valueAt + 1 < count ? valueAt + 1 : -1;
  }
}
