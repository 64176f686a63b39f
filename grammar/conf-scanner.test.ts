// The line scanner the linter runs (ConfLineScanner) against the Chevrotain lexer and grammar
// (conf-tokens.ts, conf-parser.ts), which stay as its oracle: on every input both must cut the
// same lines, keep the same tokens and comment, and take each line the same way.
import * as fs from "node:fs";
import * as path from "node:path";
import type { CstNode } from "chevrotain";
import { generateConfFile } from "../test/generators/conf-gen";
import { Prng } from "../test/generators/prng";
import { SourceText } from "../src/source";
import { parseConfCst } from "./conf-parser";
import { ConfLineScanner, flexMatchAt, scanTokenAt } from "./conf-scanner";
import type { ConfLineShape } from "./conf-scanner";
import { tokenKind } from "./conf-tokens";
import { cstTokens } from "../test/helpers/cst";

interface LineShape {
  start: number;
  end: number;
  hasEol: boolean;
  shape: ConfLineShape;
  /** Significant tokens as [rule, start, end] (the scanner keeps the first four). */
  tokens: [string, number, number][];
  tokenCount: number;
  comment: [number, number] | null;
}

function scannerLines(text: string): LineShape[] {
  const scanner = new ConfLineScanner(text);
  const out: LineShape[] = [];
  while (scanner.next()) {
    const kept = Math.min(scanner.tokenCount, 4);
    const tokens: [string, number, number][] = [];
    for (let i = 0; i < kept; i++) tokens.push([scanner.tokenKinds[i]!, scanner.tokenStarts[i]!, scanner.tokenEnds[i]!]);
    out.push({
      start: scanner.start,
      end: scanner.end,
      hasEol: scanner.hasEol,
      shape: scanner.shape,
      tokens,
      tokenCount: scanner.tokenCount,
      comment: scanner.commentStart === -1 ? null : [scanner.commentStart, scanner.commentEnd],
    });
  }
  return out;
}

/** The same, from the Chevrotain lexer and parser. */
function grammarLines(text: string): LineShape[] {
  const { cst, trivia } = parseConfCst(text);
  const nodes = (cst.children.line ?? []) as CstNode[];
  const out: LineShape[] = [];
  let nodeIndex = 0;
  let triviaIndex = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    let node: CstNode | undefined;
    if (nodeIndex < nodes.length && nodes[nodeIndex]!.location!.startOffset < end) node = nodes[nodeIndex++];
    let comment: [number, number] | null = null;
    while (triviaIndex < trivia.length && trivia[triviaIndex]!.startOffset < end) {
      const token = trivia[triviaIndex++]!;
      if (tokenKind(token) === "Comment") comment = [token.startOffset, token.startOffset + token.image.length];
    }
    const significant = node ? cstTokens(node).filter((t) => tokenKind(t) !== "Eol") : [];
    const shape: ConfLineShape = node?.children.setting ? "setting" : node?.children.invalidLine ? "invalid" : "blank";
    out.push({
      start,
      end,
      hasEol: newline !== -1,
      shape,
      tokens: significant.slice(0, 4).map((t): [string, number, number] => [tokenKind(t), t.startOffset, t.startOffset + t.image.length]),
      tokenCount: significant.length,
      comment,
    });
    start = end;
  }
  return out;
}

function expectSameLines(text: string): void {
  expect([text, scannerLines(text)]).toEqual([text, grammarLines(text)]);
}

const REPO = path.resolve(__dirname, "..");

function confFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".conf"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe("ConfLineScanner agrees with the Chevrotain grammar", () => {
  test.each([
    "",
    "\n",
    "a = 1",
    "a = 1\n# c\n\nx y z\nb 2\n= 3\nc.d = 'v'",
    "x = y.z\na.b\na.b =\n",
    "\uFEFFwork_mem = '4 MB' # x\r\nssl on\n\tlisten_addresses='*'\nx.y = 0x1Fkb -.5e-3 ‘on’ \f\n",
    "a = 'unterminated\nb = 'x' 'y' # two values\n  # indented comment\r\n\r\n",
    "include 'x.conf'\ninclude_dir = conf.d\nINCLUDE_IF_EXISTS x\n",
    "a b c d e f g\n=\n==\n'x'\n1 = 2\n",
  ])("%j", (text) => {
    expectSameLines(text);
  });

  test("on the fixtures, the stock samples and the shared corpus", () => {
    const files = [
      ...confFilesUnder(path.join(REPO, "fixtures")),
      ...confFilesUnder(path.join(REPO, "..", "shared", "corpus", "conf")),
      ...[10, 14, 18].map((v) => path.join(REPO, "oracle", "node_modules", `pg${v}`, "native", "share", "postgresql", "postgresql.conf.sample")).filter((f) => fs.existsSync(f)),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSameLines(SourceText.fromBytes(fs.readFileSync(file)).text);
  });

  test("on 1,000 generated files of every kind of line", () => {
    const rng = new Prng(20261130);
    for (let i = 0; i < 1000; i++) expectSameLines(generateConfFile(rng));
  });

  test("on 3,000 random texts over the characters that matter to the scanner", () => {
    const alphabet = ["a", "x", "E", "_", ".", "0", "7", "-", "+", "'", "'", "\\", "#", " ", "\t", "\r", "\n", "\n", "=", "=", ":", "/", "é", "‘", '"', "F", "\f"];
    const rng = new Prng(7);
    for (let round = 0; round < 3000; round++) {
      let text = "";
      const length = rng.int(1, 40);
      for (let i = 0; i < length; i++) text += rng.pick(alphabet);
      expectSameLines(text);
    }
  });
});

describe("scanAt (the linter's) agrees with flexMatchAt (every rule asked) at every offset", () => {
  test("on 3,000 random texts and the stock sample", () => {
    const alphabet = ["a", "x", "E", "e", "_", ".", "0", "7", "-", "+", "'", "'", "\\", "#", " ", "\t", "\r", "\n", "=", ":", "/", "é", "‘", '"', "F", "\f", "x", "0x"];
    const rng = new Prng(11);
    const texts: string[] = [];
    for (let round = 0; round < 3000; round++) {
      let text = "";
      const length = rng.int(1, 30);
      for (let i = 0; i < length; i++) text += rng.pick(alphabet);
      texts.push(text);
    }
    const sample = path.join(REPO, "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
    if (fs.existsSync(sample)) texts.push(fs.readFileSync(sample, "utf8"));
    let offsets = 0;
    for (const text of texts) {
      for (let offset = 0; offset <= text.length; offset++) {
        const fast = scanTokenAt(text, offset);
        const plain = flexMatchAt(text, offset);
        if (fast?.kind !== plain?.kind || fast?.end !== plain?.end) expect({ text, offset, fast }).toEqual({ text, offset, fast: plain });
        offsets++;
      }
    }
    expect(offsets).toBeGreaterThan(40000);
  });
});

describe("the token a syntax error names", () => {
  function errorToken(line: string): string | null {
    const scanner = new ConfLineScanner(line);
    scanner.next();
    expect(scanner.shape).toBe("invalid");
    const index = scanner.errorTokenIndex();
    return index === -1 ? null : line.slice(scanner.tokenStarts[index]!, scanner.tokenEnds[index]!);
  }

  test.each<[string, string | null]>([
    ["=1", "="],
    ["x.y", null],
    ["x.y =", null],
    ["x.y = 1 2", "2"],
    ["x = y.z", "y.z"],
    ["a.b.c = 1", "a.b.c"],
    ["x.y = = 1", "="],
    ["x.y 1 = 2", "="],
    ["shared_buffers = 1.5GB", "GB"],
    ["x.y = 'abc", "'"],
    ["b'", "'"],
    ["a = 1 2 3 4 5", "2"],
  ])("%j names %j", (line, expected) => {
    expect(errorToken(line)).toBe(expected);
  });
});
