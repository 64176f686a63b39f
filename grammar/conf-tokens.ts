// Tokens of postgresql.conf, as the flex scanner in PostgreSQL's guc-file.l defines them.
//
// flex takes the longest match at each position and breaks ties in favour of the rule listed
// first; Chevrotain takes the first token type whose pattern matches. To get flex's answer on
// every input, one scanner (`flexMatchAt`) computes the winning rule and its length, and each
// token type's custom pattern matches only when it is that winner. The token order below is
// guc-file.l's rule order, which is also the tie-break order inside `flexMatchAt`.
//
// Nothing is skipped: whitespace and comments are trivia (a token group), so the token stream
// with its trivia joins back to the input byte for byte.

import { createToken, Lexer } from "chevrotain";
import type { CustomPatternMatcherReturn, IToken, TokenType } from "chevrotain";

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

// The rules that can match at all, by the first char (every other matcher returns -1 there),
// in RULE_ORDER. Asking only these gives the same winner as asking every rule.
const inRuleOrder = (...kinds: ConfTokenKind[]): readonly ConfTokenKind[] => RULE_ORDER.filter((kind) => kinds.includes(kind));
const EOL_ONLY = inRuleOrder("Eol");
const WHITESPACE_RULES = inRuleOrder("Whitespace", "Error");
const COMMENT_RULES = inRuleOrder("Comment", "Error");
const LETTER_RULES = inRuleOrder("Id", "QualifiedId", "UnquotedString", "Error");
const STRING_RULES = inRuleOrder("String", "Error");
const NUMBER_RULES = inRuleOrder("Integer", "Real", "Error");
const DOT_RULES = inRuleOrder("Real", "Error");
const EQUALS_RULES = inRuleOrder("Equals", "Error");
const ERROR_ONLY = inRuleOrder("Error");

function candidateRules(c: number): readonly ConfTokenKind[] {
  if (c === NEWLINE) return EOL_ONLY;
  if (c === 0x20 || c === 0x09 || c === 0x0d) return WHITESPACE_RULES;
  if (c === 0x23) return COMMENT_RULES;
  if (isLetter(c)) return LETTER_RULES;
  if (c === 0x27) return STRING_RULES;
  if (isDigit(c) || c === 0x2b || c === 0x2d) return NUMBER_RULES;
  if (c === 0x2e) return DOT_RULES;
  if (c === 0x3d) return EQUALS_RULES;
  return ERROR_ONLY;
}

// The winner of the last scanAt call (scanAt allocates nothing: the lexer calls it per token).
let scannedKind: ConfTokenKind = "Error";

/** flex's longest match at `offset` (the first rule in RULE_ORDER on a tie): its end, or -1
 *  at the end of the text; the rule is left in `scannedKind`. */
function scanAt(text: string, offset: number): number {
  if (offset >= text.length) return -1;
  const rules = candidateRules(text.charCodeAt(offset));
  let bestEnd = -1;
  for (let i = 0; i < rules.length; i++) {
    const kind = rules[i]!;
    const end = MATCHERS[kind](text, offset);
    if (end > offset && end > bestEnd) {
      bestEnd = end;
      scannedKind = kind;
    }
  }
  return bestEnd;
}

/** The token flex's scanner returns at `offset`: its rule and its end offset (null at end of text). */
export function flexMatchAt(text: string, offset: number): { kind: ConfTokenKind; end: number } | null {
  const end = scanAt(text, offset);
  return end === -1 ? null : { kind: scannedKind, end };
}

// Chevrotain asks every token type in turn at the same offset; remember the last answer.
let cachedText: string | undefined;
let cachedOffset = -1;
let cachedMatch: { kind: ConfTokenKind; end: number } | null = null;

function winnerAt(text: string, offset: number): { kind: ConfTokenKind; end: number } | null {
  if (text !== cachedText || offset !== cachedOffset) {
    cachedMatch = flexMatchAt(text, offset);
    cachedText = text;
    cachedOffset = offset;
  }
  return cachedMatch;
}

function flexToken(kind: ConfTokenKind, extra: { group?: string; line_breaks?: boolean } = {}): TokenType {
  return createToken({
    name: kind,
    pattern: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      const match = winnerAt(text, offset);
      return match && match.kind === kind ? [text.slice(offset, match.end)] : null;
    },
    line_breaks: extra.line_breaks ?? false,
    ...(extra.group ? { group: extra.group } : {}),
  });
}

/** Token group that holds whitespace and comments: kept, but not seen by the parser. */
export const TRIVIA_GROUP = "trivia";

/** `\n`: ends a line (guc-file.l counts lines on it). */
export const Eol = flexToken("Eol", { line_breaks: true });
/** `[ \t\r]+`: eaten by PostgreSQL; trivia here. */
export const Whitespace = flexToken("Whitespace", { group: TRIVIA_GROUP });
/** `#.*`: to the end of the line (a `\r` before the newline included); trivia. */
export const Comment = flexToken("Comment", { group: TRIVIA_GROUP });
/** `{LETTER}{LETTER_OR_DIGIT}*`. */
export const Id = flexToken("Id");
/** `{ID}"."{ID}`: exactly one dot. */
export const QualifiedId = flexToken("QualifiedId");
/** `\'([^'\\\n]|\\.|\'\')*\'`: one line, `''` and backslash escapes inside. */
export const QuotedString = flexToken("String");
/** `{LETTER}({LETTER_OR_DIGIT}|[-._:/])*`. */
export const UnquotedString = flexToken("UnquotedString");
/** `{SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*`: unit letters are part of the token. */
export const Integer = flexToken("Integer");
/** `{SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?`: a lone `.` is a REAL. */
export const Real = flexToken("Real");
/** `=`. */
export const Equals = flexToken("Equals");
/** Any other single char. */
export const ErrorChar = flexToken("Error");

/** All token types, in guc-file.l's rule order. */
export const confTokenTypes: TokenType[] = [Eol, Whitespace, Comment, Id, QualifiedId, QuotedString, UnquotedString, Integer, Real, Equals, ErrorChar];

/** A Chevrotain lexer of the token types above (their custom patterns ask `flexMatchAt`). `lexConf`
 *  does not use it: it runs the scanner directly, one call per token instead of one per token
 *  type tried, with the same tokens as a result; a test checks that the two agree. */
export function buildConfLexer(options: { skipValidations?: boolean } = {}): Lexer {
  return new Lexer(confTokenTypes, {
    positionTracking: "onlyOffset",
    lineTerminatorsPattern: /\n/,
    lineTerminatorCharacters: ["\n"],
    ensureOptimizations: false,
    skipValidations: options.skipValidations ?? false,
  });
}

const KIND_TOKEN_TYPE: Record<ConfTokenKind, TokenType> = {
  Eol,
  Whitespace,
  Comment,
  Id,
  QualifiedId,
  String: QuotedString,
  UnquotedString,
  Integer,
  Real,
  Equals,
  Error: ErrorChar,
};

/** Every token of `text` (trivia included, in order) joined with the parser's token stream. */
export interface ConfLexResult {
  /** Significant tokens, what the parser sees. */
  tokens: IToken[];
  /** Whitespace and comments. */
  trivia: IToken[];
}

/** Lex a whole text into Chevrotain tokens (as its lexer makes them with "onlyOffset" position
 *  tracking). flex's ERROR rule matches any char, so lexing cannot fail. */
export function lexConf(text: string): ConfLexResult {
  const tokens: IToken[] = [];
  const trivia: IToken[] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = scanAt(text, offset);
    // Unreachable: every char but `\n` matches the ERROR rule, and `\n` matches EOL.
    if (end === -1) throw new Error(`internal error: postgresql.conf lexer failed at offset ${offset}`);
    const kind = scannedKind;
    const tokenType = KIND_TOKEN_TYPE[kind];
    const token: IToken = { image: text.slice(offset, end), startOffset: offset, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
    if (kind === "Whitespace" || kind === "Comment") trivia.push(token);
    else tokens.push(token);
    offset = end;
  }
  return { tokens, trivia };
}

/** The guc-file.l rule name of a token. */
export function tokenKind(token: IToken): ConfTokenKind {
  return token.tokenType.name as ConfTokenKind;
}
