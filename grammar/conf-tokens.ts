// Tokens of postgresql.conf as Chevrotain token types, for the Chevrotain grammar
// (grammar/conf-parser.ts) that tests hold the line scanner (grammar/conf-scanner.ts) against.
// The linter does not load this file.
//
// flex takes the longest match at each position and breaks ties in favour of the rule listed
// first; Chevrotain takes the first token type whose pattern matches. To get flex's answer on
// every input, the scanner (`flexMatchAt`) computes the winning rule and its length, and each
// token type's custom pattern matches only when it is that winner. The token order below is
// guc-file.l's rule order, which is also the tie-break order inside `flexMatchAt`.
//
// Nothing is skipped: whitespace and comments are trivia (a token group), so the token stream
// with its trivia joins back to the input byte for byte.

import { createToken, Lexer } from "chevrotain";
import type { CustomPatternMatcherReturn, IToken, TokenType } from "chevrotain";
import { flexMatchAt } from "./conf-scanner";
import type { ConfTokenKind } from "./conf-scanner";

export type { ConfTokenKind } from "./conf-scanner";
export { flexMatchAt } from "./conf-scanner";

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
    const match = flexMatchAt(text, offset);
    // Unreachable: every char but `\n` matches the ERROR rule, and `\n` matches EOL.
    if (!match) throw new Error(`internal error: postgresql.conf lexer failed at offset ${offset}`);
    const { kind, end } = match;
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
