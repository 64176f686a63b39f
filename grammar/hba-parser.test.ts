import * as fs from "node:fs";
import type { CstNode, IToken } from "chevrotain";
import { corpusFiles, stockSamples } from "../src/model/hba-test-files";
import { SourceText } from "../src/source";
import { HbaParser, parseHbaCst } from "./hba-parser";
import { buildHbaLexer, tokenizeHba } from "./hba-tokens";
import { cstTokens } from "../test/helpers/cst";

function lineNodes(cst: CstNode): CstNode[] {
  return (cst.children.line ?? []) as CstNode[];
}

/** Each line as its fields, each field as its tokens' raw texts. */
function fieldsOf(text: string, pgVersion: number): string[][][] {
  const { cst } = parseHbaCst(text, pgVersion);
  return lineNodes(cst).map((line) =>
    ((line.children.field ?? []) as CstNode[]).map((field) =>
      ((field.children.authToken ?? []) as CstNode[]).map((token) => {
        const tokens = cstTokens(token);
        const start = tokens[0]!.startOffset;
        const last = tokens[tokens.length - 1]!;
        return text.slice(start, last.startOffset + last.image.length);
      }),
    ),
  );
}

describe("hba lexer and parser", () => {
  test("a comma right after a token continues the field across whitespace; after whitespace it does not", () => {
    expect(fieldsOf("host db1, db2 ,x all\n", 18)).toEqual([[["host"], ["db1", "db2"], ["x"], ["all"]]]);
    expect(fieldsOf("host ,,db1,,, ,db2\n", 18)).toEqual([[["host"], ["db1", "db2"]]]);
  });

  test("quoted sections join the unquoted text they touch into one token", () => {
    expect(fieldsOf('host a"b c"d "x""y" "#,"\n', 18)).toEqual([[["host"], ['a"b c"d'], ['"x""y"'], ['"#,"']]]);
  });

  test("an unquoted # starts a comment, also inside a word", () => {
    expect(fieldsOf("local all#comment here\n", 18)).toEqual([[["local"], ["all"]]]);
  });

  test("14+: a trailing backslash continues the line, the token, a comment and a quote", () => {
    const text = 'local all\\\nx "a\\\nb" # c \\\nmore\nhost\n';
    expect(fieldsOf(text, 14)).toEqual([[["local"], ["all\\\nx"], ['"a\\\nb"']], [["host"]]]);
    // 13 has no continuation: the backslash is a character, each physical line is a line (and
    // the quote opened after "b" runs to its end).
    expect(fieldsOf(text, 13)).toEqual([[["local"], ["all\\"]], [["x"], ['"a\\']], [['b" # c \\']], [["more"]], [["host"]]]);
  });

  test("14+: a backslash before CR LF continues the line; a blank line after it ends it", () => {
    expect(fieldsOf("local all \\\r\n  all\r\n", 14)).toEqual([[["local"], ["all"], ["all"]]]);
    expect(fieldsOf("local \\\n\nall\n", 14)).toEqual([[["local"]], [["all"]]]);
  });

  test("14+: a comma after a continuation still follows its token directly", () => {
    expect(fieldsOf("local a\\\n,b c\n", 14)).toEqual([[["local"], ["a", "b"], ["c"]]]);
  });

  test("a NUL byte ends what hba.c reads of the line", () => {
    expect(fieldsOf("local all\0 all trust\nhost\n", 18)).toEqual([[["local"], ["all"]], [["host"]]]);
  });

  test("empty lines and a missing final newline are lines of their own", () => {
    const { cst } = parseHbaCst("\n\nlocal", 18);
    expect(lineNodes(cst).map((line) => cstTokens(line).map((t) => t.image).join(""))).toEqual(["\n", "\n", "local"]);
  });

  const inputs: [string, string][] = [
    ...corpusFiles("hba").map((file): [string, string] => ["corpus", file]),
    ...corpusFiles("ident").map((file): [string, string] => ["corpus", file]),
    ...stockSamples("hba").map(([version, file]): [string, string] => [`pg${version} sample`, file]),
    ...stockSamples("ident").map(([version, file]): [string, string] => [`pg${version} sample`, file]),
  ];

  test("corpus and stock samples are found when present", () => {
    const corpusPresent = fs.existsSync(`${__dirname}/../../shared/corpus/hba`);
    expect(inputs.filter(([kind]) => kind === "corpus").length > 0).toBe(corpusPresent);
  });

  test.each(inputs)("%s %s: tokens join back to the input in both lexer modes", (_kind, file) => {
    const text = SourceText.fromBytes(fs.readFileSync(file)).text;
    for (const version of [13, 14]) {
      const { cst, tokens } = parseHbaCst(text, version);
      expect(tokens.map((t) => t.image).join("")).toBe(text);
      expect(lineNodes(cst).map((line) => cstTokens(line).map((t) => t.image).join("")).join("")).toBe(text);
    }
  });
});

describe("hba parser grammar", () => {
  test("passes Chevrotain's self-analysis (the shared instance skips it at run time)", () => {
    expect(() => new HbaParser()).not.toThrow();
  });

  test("the token patterns pass Chevrotain's lexer checks, and the shared lexer lexes alike", () => {
    const lexer = buildHbaLexer();
    const text = 'local all all peer\nhost "my db",x +g 10.0.0.0/8 md5 # c\\\r\n  map=a \\\n\0rest\n';
    for (const mode of ["pre14", "v14"] as const) {
      const shape = (tokens: IToken[]) => tokens.map((t) => [t.image, t.startOffset, t.tokenType.name]);
      expect(shape(tokenizeHba(text, mode).tokens)).toEqual(shape(lexer.tokenize(text, mode).tokens));
    }
  });
});
