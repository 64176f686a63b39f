// The reader the linter runs (AuthLineScanner) against the Chevrotain lexer and grammar
// (hba-tokens.ts, hba-parser.ts), which stay as its oracle: on every input, in both lexer modes
// (before 14 and 14+), both must cut the same logical lines, fields, tokens and comments.
import * as fs from "node:fs";
import * as path from "node:path";
import type { CstNode, IToken } from "chevrotain";
import { generateHbaFile, generateIdentFile } from "../test/generators/hba-gen";
import { Prng } from "../test/generators/prng";
import { corpusFiles, stockSamples } from "../src/model/hba-test-files";
import { SourceText } from "../src/source";
import { parseHbaCst } from "./hba-parser";
import { AuthLineScanner } from "./hba-scanner";
import { cstTokens } from "../test/helpers/cst";

interface LineShape {
  start: number;
  end: number;
  lineNumber: number;
  /** Each field as its tokens' [start, end]. */
  fields: [number, number][][];
  comment: [number, number] | null;
}

function scannerLines(text: string, pgVersion: number): LineShape[] {
  const scanner = new AuthLineScanner(text, pgVersion);
  const out: LineShape[] = [];
  while (scanner.next()) {
    const fields: [number, number][][] = [];
    for (let f = 0; f < scanner.fieldCount; f++) {
      const [first, last] = scanner.fieldTokens(f);
      const tokens: [number, number][] = [];
      for (let t = first; t < last; t++) tokens.push([scanner.tokenStart[t]!, scanner.tokenEnd[t]!]);
      fields.push(tokens);
    }
    out.push({
      start: scanner.start,
      end: scanner.end,
      lineNumber: scanner.lineNumber,
      fields,
      comment: scanner.commentStart === -1 ? null : [scanner.commentStart, scanner.commentEnd],
    });
  }
  return out;
}

function range(node: CstNode): [number, number] {
  const tokens = cstTokens(node);
  const last = tokens[tokens.length - 1]!;
  return [tokens[0]!.startOffset, last.startOffset + last.image.length];
}

/** The same, from the Chevrotain lexer and parser. */
function grammarLines(text: string, pgVersion: number): LineShape[] {
  const { cst } = parseHbaCst(text, pgVersion);
  return ((cst.children.line ?? []) as CstNode[]).map((line) => {
    const [start, end] = range(line);
    const comment = (line.children.Comment as IToken[] | undefined)?.[0];
    return {
      start,
      end,
      lineNumber: text.slice(0, start).split("\n").length,
      fields: ((line.children.field ?? []) as CstNode[]).map((field) => ((field.children.authToken ?? []) as CstNode[]).map(range)),
      comment: comment ? [comment.startOffset, comment.startOffset + comment.image.length] : null,
    };
  });
}

function expectSameLines(text: string): void {
  for (const version of [13, 14]) {
    expect([text, version, scannerLines(text, version)]).toEqual([text, version, grammarLines(text, version)]);
  }
}

describe("AuthLineScanner agrees with the Chevrotain grammar, before 14 and 14+", () => {
  test.each([
    "",
    "\n",
    "local",
    "\n\nlocal",
    "host db1, db2 ,x all\nhost ,,db1,,, ,db2\n",
    'host a"b c"d "x""y" "#,"\n',
    "local all#comment here\n",
    'local all\\\nx "a\\\nb" # c \\\nmore\nhost\n',
    "local all \\\r\n  all\r\n",
    "local \\\n\nall\n",
    "local a\\\n,b c\n",
    "local all\0 all trust\nhost\n",
    'host "unterminated\r\r\nx "ab\\\r\r',
    "a\\",
    'a "b\\',
    "# c \\",
    "a\\\\\n\\\\b\\\r\nc\r\\\r\r\n",
    'local all,\\\n"x",\\\n  +g @file\n',
  ])("%j", (text) => {
    expectSameLines(text);
  });

  test("on the stock samples and the shared corpus", () => {
    const files = [...corpusFiles("hba"), ...corpusFiles("ident"), ...stockSamples("hba").map(([, f]) => f), ...stockSamples("ident").map(([, f]) => f)];
    const fixtureDir = path.join(__dirname, "..", "fixtures", "conformance");
    for (const kind of ["hba", "ident"]) {
      const dir = path.join(fixtureDir, kind);
      if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((n) => n.endsWith(".conf")).map((n) => path.join(dir, n)));
    }
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expectSameLines(SourceText.fromBytes(fs.readFileSync(file)).text);
  });

  test("on 500 generated pg_hba.conf and 500 pg_ident.conf files", () => {
    const rng = new Prng(20261130);
    for (let i = 0; i < 500; i++) {
      expectSameLines(generateHbaFile(rng, i % 2 === 0));
      expectSameLines(generateIdentFile(rng));
    }
  });

  test("on 3,000 random texts over the characters that matter to the reader", () => {
    const alphabet = ["a", "b", "@", "+", "/", " ", "\t", "\r", "\r", "\n", "\n", ",", ",", "#", '"', '"', "\\", "\\", "\0", "é"];
    const rng = new Prng(14);
    for (let round = 0; round < 3000; round++) {
      let text = "";
      const length = rng.int(1, 30);
      for (let i = 0; i < length; i++) text += rng.pick(alphabet);
      expectSameLines(text);
    }
  });
});
