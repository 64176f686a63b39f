import * as fs from "node:fs";
import * as path from "node:path";
import { SourceText } from "../source";
import type { Span } from "../source";
import { generateConfFile } from "../../test/generators/conf-gen";
import { Prng } from "../../test/generators/prng";
import type { ConfInvalidLine, ConfLine, ConfSettingLine } from "./conf";
import { parseConf } from "./conf";
import { deescapeQuotedString } from "./conf-string";

const FILE = "/data/postgresql.conf";

function onlyLine(text: string): ConfLine {
  const document = parseConf(text, { fileName: FILE });
  const meaningful = document.lines.filter((line) => line.kind !== "blank");
  expect(meaningful).toHaveLength(1);
  return meaningful[0]!;
}

/** Every span a line hands out, by the name of its getter. */
function spansOf(line: ConfLine): [string, Span | null][] {
  const spans: [string, Span | null][] = [["span", line.span]];
  if (line.kind === "comment") spans.push(["commentSpan", line.commentSpan]);
  if (line.kind === "invalid") spans.push(["commentSpan", line.commentSpan], ["nearSpan", line.error.nearSpan]);
  if (line.kind === "setting" || line.kind === "include") spans.push(["nameSpan", line.nameSpan], ["equalsSpan", line.equalsSpan], ["valueSpan", line.valueSpan], ["commentSpan", line.commentSpan]);
  return spans;
}

function assertTiles(text: string | SourceText): void {
  const document = parseConf(text);
  const source = document.source;
  let offset = 0;
  for (const line of document.lines) {
    expect(line.lineNumber).toBe(source.positionAt(line.span.start).line);
    // A line computes its spans from its line number; the text's line table must agree.
    for (const [getter, span] of spansOf(line)) {
      if (span) expect([getter, span]).toEqual([getter, source.span(span.start, span.end)]);
    }
    expect(line.span.start).toBe(offset);
    expect(line.span.end).toBeGreaterThan(offset);
    offset = line.span.end;
    const body = source.text.slice(line.span.start, line.span.end);
    // A line ends at its newline and holds no other.
    expect(body.indexOf("\n")).toBe(body.endsWith("\n") ? body.length - 1 : -1);
  }
  expect(offset).toBe(source.text.length);
  expect(document.lines.map((line) => source.slice(line.span)).join("")).toBe(source.text);
  expect(document.toString()).toBe(source.text);
}

describe("parseConf: what PostgreSQL reads (postgres-config-syntax.md §1, observed on 15)", () => {
  test.each<[string, string, string, ConfSettingLine["valueKind"]]>([
    ["work_mem 4MB", "work_mem", "4MB", "integer"],
    ["x.y = abc#def", "x.y", "abc", "id"],
    ["x.y = 'ab#c' #c", "x.y", "ab#c", "string"],
    ["x.y = 'a\\tb\\101\\q''z'", "x.y", "a\tbAq'z", "string"],
    ["x.y = on-line:/x", "x.y", "on-line:/x", "unquoted"],
    ["x.y = 0x1Fkb", "x.y", "0x1Fkb", "integer"],
    ["x.y = 0x", "x.y", "0x", "integer"],
    ["x.y = +5", "x.y", "+5", "integer"],
    ["x.y = 5.", "x.y", "5.", "real"],
    ["x.y = .", "x.y", ".", "real"],
    ["X.Y = -.5e-3", "X.Y", "-.5e-3", "real"],
    ["x.y = ‘on’", "x.y", "‘on’", "id"],
    ["x.y = abc.", "x.y", "abc.", "unquoted"],
    ["\uFEFFx.y = 1", "\uFEFFx.y", "1", "integer"],
    ["a.b = '\\0abc'", "a.b", "", "string"],
    ["a.b = 'x\\0'", "a.b", "x", "string"],
    ["a.b = '\\1234'", "a.b", "S4", "string"],
    ["a.b = 'x\\\\y\\'z'", "a.b", "x\\y'z", "string"],
    ["a.b = '\\b\\f\\n\\r'", "a.b", "\b\f\n\r", "string"],
    ["a.b = 'é\\é'", "a.b", "éé", "string"],
    ["a.b = '\\303\\251t'", "a.b", "ét", "string"],
  ])("%j sets %s to %j", (text, name, value, valueKind) => {
    const line = onlyLine(text);
    expect(line.kind).toBe("setting");
    const setting = line as ConfSettingLine;
    expect([setting.name, setting.value, setting.valueKind, setting.quoted]).toEqual([name, value, valueKind, valueKind === "string"]);
  });

  test.each<[string, string, number, string | null]>([
    ["ssl_cert_file = ‘server.crt’", "near token \"‘server.crt’\"", 1, "‘server.crt’"],
    ["x = y.z", 'near token "y.z"', 1, "y.z"],
    ["a.b = c.d", 'near token "c.d"', 1, "c.d"],
    ["include_if_exists = nothere.conf", 'near token "nothere.conf"', 1, "nothere.conf"],
    ["a.b.c = 1", 'near token "a.b.c"', 1, "a.b.c"],
    ["x.y = /var/lib", 'near token "/"', 1, "/"],
    ["listen_addresses = *", 'near token "*"', 1, "*"],
    ["x.y = 192.168.0.1", 'near token ".0"', 1, ".0"],
    ["x.y = 1_000", 'near token "_000"', 1, "_000"],
    ["shared_buffers = 1.5GB", 'near token "GB"', 1, "GB"],
    ["random_page_cost = 1e3", 'near token "3"', 1, "3"],
    ['x.y = "dq"', 'near token """', 1, '"'],
    ["=1", 'near token "="', 1, "="],
    ["x.y", "near end of line", 1, null],
    ["x.y =", "near end of line", 1, null],
    ["x.y = 1 2", 'near token "2"', 1, "2"],
    ["x.y = \f1", 'near token "\f"', 1, "\f"],
    ["x.y = 'abc", "near token \"'\"", 1, "'"],
    ["x.y = 'it''s' 'x'", "near token \"'x'\"", 1, "'x'"],
    ["a.b = -", 'near token "-"', 1, "-"],
    ["a.b = 1.2.3", 'near token ".3"', 1, ".3"],
    ["a.b=1e+5", 'near token "+5"', 1, "+5"],
    ["a.b = 1.5e", 'near token "e"', 1, "e"],
    ["a.b = '\\'", "near token \"'\"", 1, "'"],
  ])("%j is a syntax error %s (server start message)", (text, near, line, nearToken) => {
    const invalid = onlyLine(`${text}\n`) as ConfInvalidLine;
    expect(invalid.kind).toBe("invalid");
    expect(invalid.error.message).toBe(`syntax error in file "${FILE}" line ${line}, ${near}`);
    expect([invalid.error.line, invalid.error.nearToken]).toEqual([line, nearToken]);
  });

  test("no multi-line string: each physical line fails on its own (line 1 and line 2, near \"'\")", () => {
    for (const text of ["x.y = 'a\\\nb'\n", "x.y = 'multi\nline'\n"]) {
      const errors = parseConf(text, { fileName: FILE }).syntaxErrors.map((line) => line.error.message);
      expect(errors).toEqual([`syntax error in file "${FILE}" line 1, near token "'"`, `syntax error in file "${FILE}" line 2, near token "'"`]);
    }
  });

  test("every invalid line is reported, with its own line number", () => {
    const document = parseConf("x.y = 1 # c\nfoo bar baz\n= 3\nok = 1\n", { fileName: FILE });
    expect(document.syntaxErrors.map((line) => [line.span.line, line.error.message])).toEqual([
      [2, `syntax error in file "${FILE}" line 2, near token "baz"`],
      [3, `syntax error in file "${FILE}" line 3, near token "="`],
    ]);
    expect(document.settings.map((s) => [s.name, s.value, s.span.line])).toEqual([
      ["x.y", "1", 1],
      ["ok", "1", 4],
    ]);
  });

  test("'near end of line' at end of file reports the line before (ConfigFileLineno - 1; ✔12, 15, 18)", () => {
    const twoLines = parseConf("a.b = 1\nx.y =", { fileName: FILE }).syntaxErrors[0]!;
    expect([twoLines.span.line, twoLines.error.line, twoLines.error.message]).toEqual([2, 1, `syntax error in file "${FILE}" line 1, near end of line`]);
    expect(parseConf("x.y =", { fileName: FILE }).syntaxErrors[0]!.error.line).toBe(0);
    // A named token keeps its own line even at end of file.
    expect(parseConf("a.b = 1\nx.y = 1 2", { fileName: FILE }).syntaxErrors[0]!.error.line).toBe(2);
  });
});

describe("parseConf: the model", () => {
  test("settings, directives and syntax errors sorted once; setsParameter folds ASCII case only", () => {
    const doc = parseConf("Work_Mem = 1MB\ninclude 'x.conf'\nbad line here\nssl on\n");
    expect(doc.settings.map((line) => line.name)).toEqual(["Work_Mem", "ssl"]);
    expect(doc.settings).toBe(doc.settings);
    expect(doc.directives.map((line) => line.path)).toEqual(["x.conf"]);
    expect(doc.syntaxErrors.map((line) => line.error.line)).toEqual([3]);
    expect(doc.setsParameter("WORK_MEM")).toBe(true);
    expect(doc.setsParameter("SSL")).toBe(true);
    expect(doc.setsParameter("include")).toBe(false);
    expect(doc.setsParameter("wor\u212A_mem")).toBe(false);
  });

  test("spans of a setting's parts, the comment without the CR", () => {
    const document = parseConf("# head\r\n  shared_buffers\t= '128MB'   # tuned\r\nwork_mem 4MB");
    expect(document.lines.map((line) => line.kind)).toEqual(["comment", "setting", "setting"]);
    const setting = document.lines[1] as ConfSettingLine;
    const text = document.source.text;
    expect(text.slice(setting.nameSpan.start, setting.nameSpan.end)).toBe("shared_buffers");
    expect(text.slice(setting.equalsSpan!.start, setting.equalsSpan!.end)).toBe("=");
    expect(text.slice(setting.valueSpan.start, setting.valueSpan.end)).toBe("'128MB'");
    expect([setting.value, setting.rawValue, setting.comment]).toEqual(["128MB", "'128MB'", "# tuned"]);
    expect(setting.commentSpan).toEqual({ start: 37, end: 44, line: 2, column: 30, endLine: 2, endColumn: 37 });
    expect(setting.nameSpan).toEqual({ start: 10, end: 24, line: 2, column: 3, endLine: 2, endColumn: 17 });
    expect(setting.span).toEqual({ start: 8, end: 46, line: 2, column: 1, endLine: 3, endColumn: 1 });
    const last = document.lines[2] as ConfSettingLine;
    expect([last.equalsSpan, last.comment, last.span.end]).toEqual([null, null, text.length]);
    const head = document.lines[0]!;
    expect(head.kind === "comment" && [head.comment, head.span, head.commentSpan]).toEqual(["# head", document.source.span(0, 8), document.source.span(0, 6)]);
  });

  test("include directives in any case, '=' optional, path de-escaped", () => {
    const document = parseConf("INCLUDE 'a.conf'\ninclude_if_exists = 'it''s.conf'\nInclude_Dir conf_d\nInclude_Dir conf.d\ninclude_files = 'x'\n");
    expect(document.directives.map((d) => [d.directive, d.path, d.name])).toEqual([
      ["include", "a.conf", "INCLUDE"],
      ["include_if_exists", "it's.conf", "include_if_exists"],
      ["include_dir", "conf_d", "Include_Dir"],
    ]);
    expect(document.settings.map((s) => s.name)).toEqual(["include_files"]);
    // A dotted path is a QUALIFIED_ID, which is no value.
    expect(document.syntaxErrors.map((line) => line.error.nearToken)).toEqual(["conf.d"]);
  });

  test("an invalid line keeps its comment and the span of the token it names", () => {
    const invalid = onlyLine("x.y = 1 2 # why\n") as ConfInvalidLine;
    expect([invalid.comment, invalid.error.nearSpan.start, invalid.error.nearSpan.end]).toEqual(["# why", 8, 9]);
    const atEnd = onlyLine("x.y =\n") as ConfInvalidLine;
    expect([atEnd.error.nearSpan.start, atEnd.error.nearSpan.end]).toEqual([5, 5]);
  });

  test("blank lines, empty text, whitespace-only last line", () => {
    expect(parseConf("").lines).toEqual([]);
    expect(parseConf("\n\n").lines.map((l) => [l.kind, l.span.start, l.span.end])).toEqual([
      ["blank", 0, 1],
      ["blank", 1, 2],
    ]);
    expect(parseConf("a = 1\n  \t").lines.map((l) => l.kind)).toEqual(["setting", "blank"]);
  });

  test("round-trip and tiling: CRLF, BOM, latin1 bytes, no final newline, a lone CR", () => {
    const samples: (string | SourceText)[] = [
      "a = 1\r\nb = 'x'\r\n# c\r\n",
      "\uFEFFlisten_addresses = '*'\n",
      "a = 1",
      "a = 1\rb = 2\n",
      "\n\n# x\n\n",
      SourceText.fromBytes(Buffer.from([0x61, 0x2e, 0x62, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x27, 0x20, 0x23, 0xff, 0x0a, 0xe9, 0x20, 0x31])),
    ];
    for (const sample of samples) assertTiles(sample);
  });

  test("tiling and spans on 500 generated files (invalid lines, CRLF, no final newline)", () => {
    const rng = new Prng(8);
    for (let i = 0; i < 500; i++) {
      const text = generateConfFile(rng);
      assertTiles(text);
      assertTiles(text.replace(/\n/g, "\r\n").replace(/\r\n$/, ""));
    }
  });

  test("latin1 source: bytes >= 0x80 are letters; values stay one char per byte", () => {
    const source = SourceText.fromBytes(Buffer.from([0x61, 0x2e, 0x62, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x5c, 0x33, 0x35, 0x31, 0x27, 0x0a, 0xe9, 0x20, 0x31]));
    expect(source.encoding).toBe("latin1");
    const document = parseConf(source);
    expect(document.settings.map((s) => [s.name, s.value])).toEqual([
      ["a.b", "\u00e9\u00e9"],
      ["\u00e9", "1"],
    ]);
    expect(document.source.toBytes()).toEqual(Buffer.from([0x61, 0x2e, 0x62, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x5c, 0x33, 0x35, 0x31, 0x27, 0x0a, 0xe9, 0x20, 0x31]));
  });
});

describe("deescapeQuotedString (DeescapeQuotedString)", () => {
  test.each<[string, string]>([
    ["''", ""],
    ["'a''b'", "a'b"],
    ["'\\101\\1012'", "AA2"],
    ["'\\7\\07\\007'", "\u0007\u0007\u0007"],
    ["'\\400'", ""],
    ["'\\777'", "\u00ff"],
    ["'\\x\\\\'", "x\\"],
    ["'\\351t\\351'", "\u00e9t\u00e9"],
  ])("%s -> %j", (token, value) => {
    expect(deescapeQuotedString(token)).toBe(value);
  });
});

describe("round-trip on real files", () => {
  const repo = path.resolve(__dirname, "../..");
  const corpusDir = path.resolve(repo, "../shared/corpus/conf");
  const corpusFiles = fs.existsSync(corpusDir) ? fs.readdirSync(corpusDir).filter((name) => !name.startsWith(".")) : [];
  const oracleDir = path.join(repo, "oracle/node_modules");
  const samples = fs.existsSync(oracleDir)
    ? fs
        .readdirSync(oracleDir)
        .map((dir) => path.join(oracleDir, dir, "native/share/postgresql/postgresql.conf.sample"))
        .filter((file) => fs.existsSync(file))
    : [];

  test("the inputs exist when the corpus and the oracle servers do", () => {
    expect(corpusFiles.length > 0).toBe(fs.existsSync(corpusDir));
    expect(samples.length > 0).toBe(fs.existsSync(oracleDir));
  });

  test.each(corpusFiles.length > 0 ? corpusFiles : ["(no corpus)"])("corpus %s: bytes round-trip, lines tile", (name) => {
    if (corpusFiles.length === 0) return;
    const bytes = fs.readFileSync(path.join(corpusDir, name));
    const source = SourceText.fromBytes(bytes);
    assertTiles(source);
    expect(parseConf(source).source.toBytes().equals(bytes)).toBe(true);
  });

  test.each(samples.length > 0 ? samples : ["(no oracle servers)"])("stock sample %s: round-trips, every line blank or comment", (file) => {
    if (samples.length === 0) return;
    const bytes = fs.readFileSync(file);
    const document = parseConf(SourceText.fromBytes(bytes));
    assertTiles(document.source);
    expect(document.source.toBytes().equals(bytes)).toBe(true);
    const kinds = new Set(document.lines.map((line) => line.kind));
    expect([...kinds].sort()).toEqual(["blank", "comment"]);
  });
});
