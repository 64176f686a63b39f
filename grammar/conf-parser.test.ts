import type { IToken } from "chevrotain";
import { ConfParser, parseConfCst } from "./conf-parser";
import type { ConfTokenKind } from "./conf-tokens";
import { buildConfLexer, flexMatchAt, lexConf, TRIVIA_GROUP, tokenKind } from "./conf-tokens";

function allTokens(text: string): [ConfTokenKind, string][] {
  const { tokens, trivia } = lexConf(text);
  return [...tokens, ...trivia].sort((a, b) => a.startOffset - b.startOffset).map((t) => [tokenKind(t), t.image]);
}

function significant(text: string): [ConfTokenKind, string][] {
  return allTokens(text).filter(([kind]) => kind !== "Whitespace" && kind !== "Comment");
}

describe("conf lexer: flex's longest match, ties to the earlier rule", () => {
  test.each<[string, [ConfTokenKind, string][]]>([
    ["abc", [["Id", "abc"]]],
    ["a.b", [["QualifiedId", "a.b"]]],
    ["a.b.c", [["UnquotedString", "a.b.c"]]],
    ["abc.", [["UnquotedString", "abc."]]],
    ["on-line:/x", [["UnquotedString", "on-line:/x"]]],
    ["1e3", [["Integer", "1e"], ["Integer", "3"]]],
    ["4MB", [["Integer", "4MB"]]],
    ["0x", [["Integer", "0x"]]],
    ["0x1Fkb", [["Integer", "0x1Fkb"]]],
    ["-0x1F", [["Integer", "-0x1F"]]],
    ["+5", [["Integer", "+5"]]],
    ["5.", [["Real", "5."]]],
    [".", [["Real", "."]]],
    ["-.5e-3", [["Real", "-.5e-3"]]],
    ["1.5e", [["Real", "1.5"], ["Id", "e"]]],
    ["1e+5", [["Integer", "1e"], ["Integer", "+5"]]],
    ["1.5GB", [["Real", "1.5"], ["Id", "GB"]]],
    ["192.168.0.1", [["Real", "192.168"], ["Real", ".0"], ["Real", ".1"]]],
    ["1_000", [["Integer", "1"], ["Id", "_000"]]],
    ["‘server.crt’", [["QualifiedId", "‘server.crt’"]]],
    ["‘on’", [["Id", "‘on’"]]],
    ["\uFEFFx.y", [["QualifiedId", "\uFEFFx.y"]]],
    ["'a''b'", [["String", "'a''b'"]]],
    ["'it''s' 'x'", [["String", "'it''s'"], ["String", "'x'"]]],
    ["'a\\'b'", [["String", "'a\\'b'"]]],
    ["'\\'", [["Error", "'"], ["Error", "\\"], ["Error", "'"]]],
    ["'abc", [["Error", "'"], ["Id", "abc"]]],
    ["'a\\\nb'", [["Error", "'"], ["Id", "a"], ["Error", "\\"], ["Eol", "\n"], ["Id", "b"], ["Error", "'"]]],
    ['"dq"', [["Error", '"'], ["Id", "dq"], ["Error", '"']]],
    ["\f1", [["Error", "\f"], ["Integer", "1"]]],
    ["/var/lib", [["Error", "/"], ["UnquotedString", "var/lib"]]],
    ["-", [["Error", "-"]]],
    ["=*", [["Equals", "="], ["Error", "*"]]],
  ])("%j", (text, expected) => {
    expect(significant(text)).toEqual(expected);
  });

  test("whitespace and comments are trivia; a comment keeps its \\r, \\r alone is whitespace", () => {
    expect(allTokens("a = 'x' # c'\r\n\tb\r\n")).toEqual([
      ["Id", "a"],
      ["Whitespace", " "],
      ["Equals", "="],
      ["Whitespace", " "],
      ["String", "'x'"],
      ["Whitespace", " "],
      ["Comment", "# c'\r"],
      ["Eol", "\n"],
      ["Whitespace", "\t"],
      ["Id", "b"],
      ["Whitespace", "\r"],
      ["Eol", "\n"],
    ]);
  });

  // An independent oracle: each rule as an anchored regular expression, the longest prefix
  // that matches a rule wins, ties to the earlier rule (how flex is specified).
  const L = "[A-Za-z_\\u0080-\\uffff]";
  const LD = "[A-Za-z_0-9\\u0080-\\uffff]";
  const ORACLE_RULES: [ConfTokenKind, RegExp][] = [
    ["Eol", /^\n$/],
    ["Whitespace", /^[ \t\r]+$/],
    ["Comment", /^#[^\n]*$/],
    ["Id", new RegExp(`^${L}${LD}*$`)],
    ["QualifiedId", new RegExp(`^${L}${LD}*\\.${L}${LD}*$`)],
    ["String", /^'([^'\\\n]|\\[^\n]|'')*'$/],
    ["UnquotedString", new RegExp(`^${L}(${LD}|[-._:/])*$`)],
    ["Integer", /^[-+]?([0-9]+|0x[0-9a-fA-F]+)[a-zA-Z]*$/],
    ["Real", /^[-+]?[0-9]*\.[0-9]*([Ee][-+]?[0-9]+)?$/],
    ["Equals", /^=$/],
    ["Error", /^[^\n]$/],
  ];
  function oracleMatch(text: string, offset: number): { kind: ConfTokenKind; end: number } {
    for (let end = text.length; end > offset; end--) {
      const candidate = text.slice(offset, end);
      const rule = ORACLE_RULES.find(([, re]) => re.test(candidate));
      if (rule) return { kind: rule[0], end };
    }
    throw new Error("no rule matches");
  }

  test("agrees with a brute-force longest-match oracle on 3000 random lines", () => {
    const alphabet = ["a", "x", "E", "e", "_", ".", "0", "1", "7", "x", "-", "+", "'", "'", "\\", "#", " ", "\t", "\r", "\n", "=", ":", "/", "é", "‘", '"', "*", "F"];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      let text = "";
      const length = 1 + random(14);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const expected: [ConfTokenKind, string][] = [];
      for (let offset = 0; offset < text.length; ) {
        const { kind, end } = oracleMatch(text, offset);
        expected.push([kind, text.slice(offset, end)]);
        offset = end;
      }
      expect([text, allTokens(text)]).toEqual([text, expected]);
    }
  });

  test("flexMatchAt reports null at the end of the text", () => {
    expect(flexMatchAt("ab", 2)).toBeNull();
    expect(flexMatchAt("ab", 0)).toEqual({ kind: "Id", end: 2 });
  });

  test("lexConf gives the tokens of a Chevrotain lexer of the same token types (built with its validations)", () => {
    const lexer = buildConfLexer();
    const texts = ["", "a = 1\n# c\n\nx y z\nb 2\n= 3\nc.d = 'v'", "\uFEFFwork_mem = '4 MB' # x\r\nssl on\n\tlisten_addresses='*'\nx.y = 0x1Fkb -.5e-3 ‘on’ \f\n"];
    const alphabet = ["a", "x", "E", "_", ".", "0", "7", "-", "+", "'", "\\", "#", " ", "\t", "\r", "\n", "=", ":", "/", "é", "‘", '"', "F"];
    let seed = 777;
    for (let round = 0; round < 500; round++) {
      let text = "";
      for (let i = 0; i < 1 + (round % 30); i++) text += alphabet[(seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length];
      texts.push(text);
    }
    const shape = (tokens: IToken[]) => tokens.map((t) => [t.image, t.startOffset, t.tokenTypeIdx, t.tokenType.name]);
    for (const text of texts) {
      const chevrotain = lexer.tokenize(text);
      const ours = lexConf(text);
      expect(chevrotain.errors).toEqual([]);
      expect([text, shape(ours.tokens)]).toEqual([text, shape(chevrotain.tokens)]);
      expect([text, shape(ours.trivia)]).toEqual([text, shape(chevrotain.groups[TRIVIA_GROUP] ?? [])]);
    }
  });
});

describe("conf parser", () => {
  test("the grammar passes Chevrotain's self-analysis", () => {
    expect(() => new ConfParser()).not.toThrow();
  });

  function lineNodes(text: string): string[] {
    const { cst } = parseConfCst(text);
    return (cst.children.line ?? []).map((line) => {
      const children = (line as { children: Record<string, unknown[]> }).children;
      return children.setting ? "setting" : children.invalidLine ? "invalidLine" : "empty";
    });
  }

  test("one node per line that has tokens; a whole line must fit NAME [=] VALUE", () => {
    expect(lineNodes("a = 1\n# c\n\nx y z\nb 2\n= 3\nc.d = 'v'")).toEqual(["setting", "empty", "empty", "invalidLine", "setting", "invalidLine", "setting"]);
    expect(lineNodes("x = y.z\na.b\na.b =\n")).toEqual(["invalidLine", "invalidLine", "invalidLine"]);
    expect(lineNodes("")).toEqual([]);
  });
});
