// The fixes the bad-input matrix led to, each at the level of the module changed (the CLI-level
// cases are in bad-input.test.ts).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../../src/engine/config";
import { lint } from "../../src/engine/linter";
import type { LintOptions } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";
import { kindFromFileName } from "../../src/kinds";
import { diskReader, readFileSettings } from "../../src/views/file-settings";

const registry = new RuleRegistry([builtinPlugin]);
const rules = resolveRules(registry, { extends: [], rules: { bom: "error", "hba-invalid-record": "error" } });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-engine-fixes-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

function lintNames(names: string[], options: Partial<LintOptions> = {}) {
  const run = lint(
    names.map((name) => ({ path: path.join(dir, name), kind: kindFromFileName(name)! })),
    { pgVersion: 18, rules, ...options },
  );
  const lines = run.results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.fatal ? "fatal" : (m.ruleId ?? "-")} ${m.message.split(dir).join("<dir>")}`));
  return { run, lines };
}

describe("linter: a NUL byte makes a file fatal (one message, no other finding, no fix)", () => {
  test("a stray NUL in postgresql.conf, pg_hba.conf and pg_ident.conf, after a BOM that would be fixed", () => {
    const bom = "\uFEFF";
    write({ "postgresql.conf": `${bom}work_mem = 4MB\nx.y = 'a\0b'\n`, "pg_hba.conf": `${bom}local all all trust\0junk\n`, "pg_ident.conf": `${bom}m a b\0\n` });
    const { run, lines } = lintNames(["postgresql.conf", "pg_hba.conf", "pg_ident.conf"]);
    const corrupt = "This file holds a NUL byte, so it is corrupt: PostgreSQL stops reading a value or a line at a NUL byte, so it reads something other than what the file shows. The file was not linted; remove the NUL bytes or restore the file.";
    expect(lines).toEqual([`pg_hba.conf:1:21 fatal ${corrupt}`, `pg_ident.conf:1:7 fatal ${corrupt}`, `postgresql.conf:2:9 fatal ${corrupt}`]);
    expect(run.fixes).toEqual([]);
    for (const result of run.results) expect(result).toMatchObject({ errorCount: 1, fatalErrorCount: 1, warningCount: 0 });
    expect(run.results[0]!.messages[0]).toMatchObject({ ruleId: null, severity: 2, fatal: true, endLine: 1, endColumn: 22 });
  });

  test("a binary file says so", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    write({ "postgresql.conf": bytes });
    const { lines } = lintNames(["postgresql.conf"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^postgresql\.conf:1:1 fatal This is a binary file, not a configuration file \(it holds NUL bytes and other control characters\): /);
  });
});

describe("linter: the files named to lint are read wherever a symlink leads, even outside the include roots", () => {
  test("a symlinked postgresql.conf pointing outside the tree is linted, not 'no such file'", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-outside-"));
    try {
      fs.writeFileSync(path.join(outside, "real.conf"), `\uFEFFx.y = 1\ninclude '${outside}/secret.conf'\n`);
      fs.writeFileSync(path.join(outside, "secret.conf"), "bad line here\n");
      fs.mkdirSync(path.join(dir, "tree"));
      fs.symlinkSync(path.join(outside, "real.conf"), path.join(dir, "tree", "postgresql.conf"));
      const { lines } = lintNames(["tree/postgresql.conf"], { includeRoots: [path.join(dir, "tree")], rules: resolveRules(registry, { extends: [], rules: { bom: "error", "include-outside-tree": "warn" } }) });
      expect(lines.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["tree/postgresql.conf:1:1 bom", "tree/postgresql.conf:2:9 include-outside-tree"]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("file-settings: FIFOs, devices and directories where a file is included", () => {
  test("a FIFO and /dev/zero are not read (they would block or never end): an error row at the directive", () => {
    spawnSync("mkfifo", [path.join(dir, "fifo.conf")]);
    write({ "postgresql.conf": "include 'fifo.conf'\ninclude_if_exists '/dev/zero'\nx.y = 1\n" });
    expect(diskReader.readFile(path.join(dir, "fifo.conf"))).toEqual({ error: "ENOTREG" });
    const rows = readFileSettings(path.join(dir, "postgresql.conf")).rows.map((row) => [row.sourcefile?.replace(dir, "<dir>"), row.sourceline, row.name, row.error === null ? null : row.error.replace(dir, "<dir>")]);
    expect(rows).toEqual([
      ["<dir>/postgresql.conf", 1, null, 'could not read file "<dir>/fifo.conf": not a regular file (a FIFO, socket or device)'],
      ["<dir>/postgresql.conf", 2, null, 'could not read file "/dev/zero": not a regular file (a FIFO, socket or device)'],
      ["<dir>/postgresql.conf", 3, "x.y", null],
    ]);
  }, 10_000);

  test("include of a directory: the server's error, reported at each directive naming it", () => {
    write({ "postgresql.conf": "include 'sub'\ninclude_if_exists './sub'\n", "sub/a.conf": "x.y = 1\n" });
    const { lines } = lintNames(["postgresql.conf"]);
    const message = (n: number) => `postgresql.conf:${n === 1 ? "1:9" : "2:19"} syntax-error input in flex scanner failed at file "<dir>/sub" line 1 (a directory: include_dir reads one): PostgreSQL will refuse to start (or ignore the whole file on reload) until this include is fixed.`;
    expect(lines).toEqual([message(1), message(2)]);
  });
});

describe("hba-invalid-record: a pg_hba.conf without entries", () => {
  test.each([
    ["empty", ""],
    ["comments and blank lines only", "# TYPE DATABASE USER ADDRESS METHOD\n\n"],
  ])("%s: the server refuses to start (checked on 12, 15, 18: \"contains no entries\")", (_, text) => {
    write({ "pg_hba.conf": text });
    expect(lintNames(["pg_hba.conf"]).lines).toEqual([
      'pg_hba.conf:1:1 hba-invalid-record configuration file "<dir>/pg_hba.conf" contains no entries: PostgreSQL refuses to start with an empty pg_hba.conf (a reload keeps the old rules). Add the records that let clients in, or `local all all reject`.',
    ]);
  });

  test("includes (16+) hold the entries: nothing when they do; reported when they read none (checked on 16)", () => {
    write({ "pg_hba.conf": "include_if_exists other.conf\n", "other.conf": "local all all peer\n" });
    expect(lintNames(["pg_hba.conf"]).lines).toEqual([]);
    fs.rmSync(path.join(dir, "other.conf"));
    expect(lintNames(["pg_hba.conf"]).lines).toEqual([
      'pg_hba.conf:1:1 hba-invalid-record configuration file "<dir>/pg_hba.conf" contains no entries: PostgreSQL refuses to start with an empty pg_hba.conf (a reload keeps the old rules). Add the records that let clients in, or `local all all reject`.',
    ]);
  });
});
