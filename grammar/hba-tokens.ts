// Tokens of pg_hba.conf and pg_ident.conf, as hba.c reads them (`tokenize_auth_file`,
// `next_token`). Both files share one tokenizer.
//
// hba.c first joins physical lines into a logical line (14+: a line whose last character
// before the line break is a backslash continues on the next line), then splits the logical
// line into tokens. Line continuation therefore also continues a comment or an open quote.
// The lexer works on the physical text, so it has two modes: `pre14` (a backslash is an
// ordinary character) and `v14` (backslash + line break is a `Continuation` token, and comments
// and quoted sections run on across it).
//
// The tokens here are pieces: a field token of hba.c is a run of adjacent `Word` and
// `QuotedSection` pieces (and, 14+, `Continuation`s between them); the parser assembles them.
// Every character of the input belongs to exactly one token, so the token texts join back to
// the input byte for byte.

import { createToken, Lexer } from "chevrotain";
import type { ILexingResult, TokenType } from "chevrotain";

/** Line feed: ends a logical line (CR is whitespace: hba.c strips it with the line break). */
export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true });

/** `pg_isblank`: space, tab and carriage return. */
export const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\r]+/ });

/** A comma outside quotes ends a list element; the field goes on with the next token. */
export const Comma = createToken({ name: "Comma", pattern: /,/ });

/** 14+: a backslash that is the last character of a physical line (CRs before the LF are
 *  stripped first; at the end of the file no LF is needed). The line goes on after it. */
export const Continuation = createToken({ name: "Continuation", pattern: /\\\r*(?:\n|(?![\s\S]))/, line_breaks: true });

/** `#` outside quotes: the rest of the logical line is ignored. */
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/ });
const CommentV14 = createToken({
  name: "Comment",
  pattern: /#(?:[^\n\\]|\\\r*\n|\\(?!\r*\n))*/,
  line_breaks: true,
  categories: [Comment],
});

/** A NUL byte ends hba.c's C string: the rest of the logical line is never read. */
export const NulRest = createToken({ name: "NulRest", pattern: /\0[^\n]*/ });
const NulRestV14 = createToken({ name: "NulRest", pattern: /\0(?:[^\n\\]|\\\r*\n|\\(?!\r*\n))*/, line_breaks: true, categories: [NulRest] });

/** A double-quoted section: `""` inside is a literal quote. Unterminated, it runs to the end of
 *  the logical line (not including the CRs hba.c strips before the line break). */
export const QuotedSection = createToken({ name: "QuotedSection", pattern: /"(?:[^"\n\r\0]|""|\r+(?!\r*(?:\n|(?![\s\S]))))*"?/ });
const QuotedSectionV14 = createToken({
  name: "QuotedSection",
  pattern: /"(?:[^"\n\r\0\\]|""|\r+(?!\r*(?:\n|(?![\s\S])))|\\\r*\n|\\(?!\r*(?:\n|(?![\s\S]))))*"?/,
  line_breaks: true,
  categories: [QuotedSection],
});

/** Unquoted characters of a token. */
export const Word = createToken({ name: "Word", pattern: /[^ \t\r\n,#"\0]+/ });
const WordV14 = createToken({ name: "Word", pattern: /(?:[^ \t\r\n,#"\0\\]|\\(?!\r*(?:\n|(?![\s\S]))))+/, categories: [Word] });

/** Token types the parser refers to (the 14+ variants are subtypes via categories). */
export const hbaTokenTypes: TokenType[] = [Newline, Whitespace, Comma, Continuation, Comment, NulRest, QuotedSection, Word];

export type HbaLexerMode = "pre14" | "v14";

/** The lexer of both modes; the shared one skips Chevrotain's checks of the token patterns,
 *  which a test runs (`buildHbaLexer()`). */
export function buildHbaLexer(options: { skipValidations?: boolean } = {}): Lexer {
  return new Lexer(
    {
      modes: {
        pre14: [Newline, Whitespace, Comma, Comment, NulRest, QuotedSection, Word],
        v14: [Newline, Whitespace, Comma, Continuation, CommentV14, NulRestV14, QuotedSectionV14, WordV14],
      },
      defaultMode: "v14",
    },
    { positionTracking: "onlyOffset", ensureOptimizations: false, skipValidations: options.skipValidations ?? false },
  );
}

const hbaLexer = buildHbaLexer({ skipValidations: true });

/** Line continuation exists from PostgreSQL 14 on. */
export function lexerModeFor(pgVersion: number): HbaLexerMode {
  return pgVersion >= 14 ? "v14" : "pre14";
}

/** Splits text into tokens. Every character matches some token, so there are no lexing errors. */
export function tokenizeHba(text: string, mode: HbaLexerMode): ILexingResult {
  return hbaLexer.tokenize(text, mode);
}
