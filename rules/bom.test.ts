import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveRules } from "../src/engine/config";
import { lint } from "../src/engine/linter";
import { RuleRegistry } from "../src/engine/registry";
import { applyEdits } from "../src/fix";
import { kindFromFileName } from "../src/kinds";
import { encodeText } from "../src/source";
import { builtinPlugin } from ".";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const registry = new RuleRegistry([builtinPlugin]);

/** Lints files (bytes kept as given) with only `bom` (and the always-on rules) enabled. */
function run(files: Record<string, string | Buffer>, pgVersion: 15 | 18 = 18) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-bom-"));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const targets = Object.keys(files).map((name) => ({ path: path.join(dir, name), kind: kindFromFileName(name)! }));
  const result = lint(targets, { pgVersion, rules: resolveRules(registry, { extends: [], rules: { bom: "error" } }) });
  const messages = result.results.flatMap((r) => r.messages.filter((m) => m.ruleId === "bom").map((m) => ({ file: path.basename(r.filePath), ...m })));
  /** The bytes of each file after its bom fixes. */
  const fixed = (name: string): Buffer => {
    const source = result.sources.get(path.join(dir, name))!;
    const edits = result.fixes.filter((fix) => fix.filePath === path.join(dir, name) && fix.ruleId === "bom").map((fix) => fix.edits);
    return encodeText(applyEdits(source.text, edits).output, source.encoding);
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return { messages, fixed };
}

const withBom = (text: string | Buffer) => Buffer.concat([BOM, Buffer.isBuffer(text) ? text : Buffer.from(text)]);

describe("bom", () => {
  test("no BOM, or a BOM that is not at the start: nothing", () => {
    expect(run({ "postgresql.conf": "work_mem = 4MB\n", "pg_hba.conf": "local all all peer\n", "pg_ident.conf": "m a b\n" }).messages).toEqual([]);
    expect(run({ "postgresql.conf": Buffer.concat([Buffer.from("x.y = '"), BOM, Buffer.from("'\n")]) }).messages).toEqual([]);
  });

  test.each([
    ["a built-in name", "work_mem = 4MB\n", `"\\uFEFFwork_mem" is an unrecognized configuration parameter, so the server refuses to start`],
    ["an include directive", "include 'other.conf'\n", `"\\uFEFFinclude" is an unrecognized configuration parameter, so the server refuses to start`],
    ["a custom dotted name", "app.mode = 'x'\n", `it sets "\\uFEFFapp.mode", not "app.mode", so app.mode keeps its default`],
    ["a comment", "# settings\nwork_mem = 4MB\n", "PostgreSQL reads as a name without a value: a syntax error on line 1"],
  ])("postgresql.conf starting with %s: what the server makes of it, and the fix", (_, text, says) => {
    const { messages, fixed } = run({ "postgresql.conf": withBom(text) });
    expect(messages).toEqual([expect.objectContaining({ file: "postgresql.conf", severity: 2, line: 1, column: 1, endLine: 1, endColumn: 2, fix: { range: [0, 1], text: "" } })]);
    expect(messages[0]!.message).toContain(says);
    expect(messages[0]!.message).toMatch(/^The file starts with a byte-order mark \(BOM\).*Save the file without a BOM\.$/);
    expect(fixed("postgresql.conf")).toEqual(Buffer.from(text));
  });

  test("pg_hba.conf and pg_ident.conf", () => {
    const { messages, fixed } = run({ "pg_hba.conf": withBom("local all all peer map=m\n"), "pg_ident.conf": withBom("m alice alice\n") }, 15);
    expect(messages.map((m) => [m.file, m.line, m.column, m.endColumn])).toEqual([
      ["pg_hba.conf", 1, 1, 2],
      ["pg_ident.conf", 1, 1, 2],
    ]);
    expect(messages[0]!.message).toContain("part of the first line's connection type: an invalid record");
    expect(messages[1]!.message).toContain("part of the first line's map name");
    expect(fixed("pg_hba.conf").toString()).toBe("local all all peer map=m\n");
    expect(fixed("pg_ident.conf").toString()).toBe("m alice alice\n");
  });

  test("a file that is not UTF-8 (read as Latin-1): the BOM is three chars, the fix keeps every other byte", () => {
    const latin1 = Buffer.from([...Buffer.from("x.y = 'caf"), 0xe9, ...Buffer.from("'\n")]);
    const { messages, fixed } = run({ "postgresql.conf": withBom(latin1) });
    expect(messages).toEqual([expect.objectContaining({ line: 1, column: 1, endColumn: 4, fix: { range: [0, 3], text: "" } })]);
    expect(fixed("postgresql.conf")).toEqual(latin1);
  });

  test("an empty file holding only a BOM", () => {
    const { messages, fixed } = run({ "postgresql.conf": BOM });
    expect(messages).toHaveLength(1);
    expect(fixed("postgresql.conf")).toEqual(Buffer.alloc(0));
  });
});
