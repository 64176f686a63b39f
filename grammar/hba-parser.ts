// CST parser for pg_hba.conf and pg_ident.conf: logical lines, fields and field tokens, as
// hba.c's `next_field_expand` / `next_token` group them. The linter reads these files with
// grammar/hba-scanner.ts; this grammar is the oracle a test holds that reader against.
//
//   file      := line*
//   line      := Newline | (field | Whitespace | Comma | Continuation | Comment | NulRest)+ Newline?
//   field     := authToken (Continuation* Comma (Whitespace | Comma | Continuation)* authToken)*
//   authToken := piece (Continuation* piece)*          piece := Word | QuotedSection
//
// A comma right after a token (no whitespace between) continues the field across any
// whitespace and further commas; a comma after whitespace does not (hba.c skips it as a
// leading comma of the next field). Pieces that touch, or touch across line continuations,
// form one token. These choices need unbounded lookahead, so they are gates over LA(k).

import { CstParser, tokenMatcher } from "chevrotain";
import type { CstNode, IToken, TokenType } from "chevrotain";
import { Comma, Comment, Continuation, hbaTokenTypes, lexerModeFor, Newline, NulRest, QuotedSection, tokenizeHba, Whitespace, Word } from "./hba-tokens";

function isPiece(token: IToken): boolean {
  return tokenMatcher(token, Word) || tokenMatcher(token, QuotedSection);
}

function isOneOf(token: IToken, types: readonly TokenType[]): boolean {
  return types.some((type) => tokenMatcher(token, type));
}

const FIELD_SEPARATORS: readonly TokenType[] = [Whitespace, Comma, Continuation];

/** Chevrotain parser for pg_hba.conf and pg_ident.conf; use the shared instance (through
 *  `parseHbaCst`), or build one to validate the grammar. */
export class HbaParser extends CstParser {
  constructor(options: { skipValidations?: boolean } = {}) {
    super(hbaTokenTypes, { nodeLocationTracking: "onlyOffset", maxLookahead: 1, skipValidations: options.skipValidations ?? false });
    this.performSelfAnalysis();
  }

  /** A piece, right away or after continuations: the token goes on. */
  private continuesToken(): boolean {
    let k = 1;
    while (tokenMatcher(this.LA(k), Continuation)) k++;
    return isPiece(this.LA(k));
  }

  /** A comma (right after the token, or after continuations), then separators, then a
   *  piece: the field goes on. */
  private continuesField(): boolean {
    let k = 1;
    while (tokenMatcher(this.LA(k), Continuation)) k++;
    if (!tokenMatcher(this.LA(k), Comma)) return false;
    k++;
    while (isOneOf(this.LA(k), FIELD_SEPARATORS)) k++;
    return isPiece(this.LA(k));
  }

  public file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.line));
  });

  public line = this.RULE("line", () => {
    this.OR([
      { ALT: () => this.CONSUME(Newline) },
      {
        ALT: () => {
          this.AT_LEAST_ONE(() =>
            this.OR2([
              { ALT: () => this.SUBRULE(this.field) },
              { ALT: () => this.CONSUME(Whitespace) },
              { ALT: () => this.CONSUME(Comma) },
              { ALT: () => this.CONSUME(Continuation) },
              { ALT: () => this.CONSUME(Comment) },
              { ALT: () => this.CONSUME(NulRest) },
            ]),
          );
          this.OPTION(() => this.CONSUME2(Newline));
        },
      },
    ]);
  });

  public field = this.RULE("field", () => {
    this.SUBRULE(this.authToken);
    this.MANY({
      GATE: () => this.continuesField(),
      DEF: () => {
        this.MANY3(() => this.CONSUME3(Continuation));
        this.CONSUME(Comma);
        this.MANY2(() =>
          this.OR([
            { ALT: () => this.CONSUME2(Whitespace) },
            { ALT: () => this.CONSUME2(Comma) },
            { ALT: () => this.CONSUME2(Continuation) },
          ]),
        );
        this.SUBRULE2(this.authToken);
      },
    });
  });

  public authToken = this.RULE("authToken", () => {
    this.SUBRULE(this.piece);
    this.MANY({
      GATE: () => this.continuesToken(),
      DEF: () => {
        this.MANY2(() => this.CONSUME(Continuation));
        this.SUBRULE2(this.piece);
      },
    });
  });

  public piece = this.RULE("piece", () => {
    this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(QuotedSection) }]);
  });
}

/** The one parser instance, built at module load (its grammar is checked by a test). */
const hbaParser = new HbaParser({ skipValidations: true });

export interface HbaCst {
  /** The `file` node; its `line` children are the logical lines, in order. */
  cst: CstNode;
  /** All tokens, in order: their images join to the input. */
  tokens: IToken[];
}

/**
 * Parses the text of a pg_hba.conf or pg_ident.conf into logical lines. Never fails: every
 * token sequence is a valid file at this level (PostgreSQL's errors are about what the fields
 * mean, see src/model/hba.ts). Continuation lines (14+) belong to the logical line they continue.
 */
export function parseHbaCst(text: string, pgVersion: number): HbaCst {
  const lexed = tokenizeHba(text, lexerModeFor(pgVersion));
  hbaParser.input = lexed.tokens;
  const cst = hbaParser.file();
  if (hbaParser.errors.length > 0) {
    // Unreachable by construction (every token is accepted somewhere); fail loudly in tests.
    throw new Error(`internal hba parser error: ${hbaParser.errors[0]!.message}`);
  }
  return { cst, tokens: lexed.tokens };
}
