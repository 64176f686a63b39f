// The postgresql.conf grammar, line-shaped as ParseConfigFp in guc-file.l reads it:
//
//   line := EOL                                   (empty or comment-only line)
//         | NAME [EQUALS] VALUE (EOL | end of file)
//         | anything else up to EOL               (an invalid line)
//
// NAME is ID or QUALIFIED_ID; VALUE is ID, STRING, INTEGER, REAL or UNQUOTED_STRING (a
// QUALIFIED_ID is not a value). `include*` directives parse as settings; the model tells them
// apart, as guc-file.l does. Whitespace and comments are trivia and never reach the parser.

import { CstParser, EOF } from "chevrotain";
import type { CstNode, IToken, TokenType } from "chevrotain";
import { confTokenTypes, Eol, Equals, ErrorChar, Id, Integer, QualifiedId, QuotedString, Real, UnquotedString, lexConf } from "./conf-tokens";

const NAME_TYPES: readonly TokenType[] = [Id, QualifiedId];
const VALUE_TYPES: readonly TokenType[] = [Id, QuotedString, Integer, Real, UnquotedString];
const LINE_CONTENT_TYPES: readonly TokenType[] = [Id, QualifiedId, QuotedString, UnquotedString, Integer, Real, Equals, ErrorChar];

function isOneOf(token: IToken, types: readonly TokenType[]): boolean {
  return types.includes(token.tokenType);
}
function endsLine(token: IToken): boolean {
  return token.tokenType === Eol || token.tokenType === EOF;
}

/** Chevrotain parser for postgresql.conf; use the shared `confParser`, or build one to validate the grammar. */
export class ConfParser extends CstParser {
  constructor(options: { skipValidations?: boolean } = {}) {
    super(confTokenTypes, { recoveryEnabled: false, nodeLocationTracking: "onlyOffset", skipValidations: options.skipValidations ?? false });
    this.performSelfAnalysis();
  }

  // PostgreSQL accepts a setting only when the whole line fits; otherwise the line is invalid.
  private settingAhead(): boolean {
    if (!isOneOf(this.LA(1), NAME_TYPES)) return false;
    const valueAt = this.LA(2).tokenType === Equals ? 3 : 2;
    return isOneOf(this.LA(valueAt), VALUE_TYPES) && endsLine(this.LA(valueAt + 1));
  }

  public confFile = this.RULE("confFile", () => {
    this.MANY(() => this.SUBRULE(this.line));
  });

  public line = this.RULE("line", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(Eol) },
        {
          GATE: () => this.settingAhead(),
          ALT: () => {
            this.SUBRULE(this.setting);
            this.OPTION(() => this.CONSUME2(Eol));
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.invalidLine);
            this.OPTION2(() => this.CONSUME3(Eol));
          },
        },
      ],
    });
  });

  public setting = this.RULE("setting", () => {
    this.OR([{ ALT: () => this.CONSUME(Id, { LABEL: "name" }) }, { ALT: () => this.CONSUME(QualifiedId, { LABEL: "name" }) }]);
    this.OPTION(() => this.CONSUME(Equals));
    this.OR2([
      { ALT: () => this.CONSUME2(Id, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(QuotedString, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(Integer, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(Real, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(UnquotedString, { LABEL: "value" }) },
    ]);
  });

  public invalidLine = this.RULE("invalidLine", () => {
    this.AT_LEAST_ONE(() => {
      this.OR(LINE_CONTENT_TYPES.map((type) => ({ ALT: () => this.CONSUME(type, { LABEL: "token" }) })));
    });
  });
}

let sharedParser: ConfParser | undefined;

/** Parse a whole text into a `confFile` CST node. Every input parses: a bad line is an `invalidLine`.
 *  (The linter reads lines with grammar/conf-scanner.ts; this grammar is the oracle tests hold
 *  it against.) */
export function parseConfCst(text: string): { cst: CstNode; trivia: IToken[] } {
  const { tokens, trivia } = lexConf(text);
  const parser = (sharedParser ??= new ConfParser({ skipValidations: true }));
  parser.input = tokens;
  const cst = parser.confFile();
  if (parser.errors.length > 0) {
    // Unreachable: `invalidLine` takes any token sequence.
    throw new Error(`internal error: postgresql.conf parser failed: ${parser.errors[0]!.message}`);
  }
  return { cst, trivia };
}
