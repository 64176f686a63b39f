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

/** The one parser instance, built at module load (its grammar is checked by a test). */
export const confParser = new ConfParser({ skipValidations: true });

/** Parse a whole text into a `confFile` CST node. Every input parses: a bad line is an `invalidLine`. */
export function parseConfCst(text: string): { cst: CstNode; trivia: IToken[] } {
  const { tokens, trivia } = lexConf(text);
  confParser.input = tokens;
  const cst = confParser.confFile();
  if (confParser.errors.length > 0) {
    // Unreachable: `invalidLine` takes any token sequence.
    throw new Error(`internal error: postgresql.conf parser failed: ${confParser.errors[0]!.message}`);
  }
  return { cst, trivia };
}

/**
 * The token ParseConfigFp names in its syntax error for an invalid line (its significant tokens
 * before the EOL), or null when it reports "near end of line". Mirrors its state machine: a
 * name, an optional `=`, a value, then the line must end.
 */
export function syntaxErrorToken(lineTokens: readonly IToken[]): IToken | null {
  const [first, second, third] = lineTokens;
  if (!first) return null;
  if (!isOneOf(first, NAME_TYPES)) return first;
  const valueIndex = second?.tokenType === Equals ? 2 : 1;
  const value = valueIndex === 2 ? third : second;
  if (!value) return null;
  if (!isOneOf(value, VALUE_TYPES)) return value;
  return lineTokens[valueIndex + 1] ?? null;
}
