// The bad-input matrix: each case run through the built CLI, with the message and exit status it
// must give (README, "Bad input"), within a time limit and a heap limit, never a stack trace.
// Exit statuses: 0 nothing to report, 1 findings (a fatal one for a file that cannot be parsed),
// 2 the tool could not do its job (a file named on the command line that cannot be read).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildCli, lintLines, removeTrees, runCli, tree } from "./cli-run";

beforeAll(buildCli, 120_000);
afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;

/** A finding of the always-on syntax-error rule, without the advice after the server's message. */
function short(lines: string[]): string[] {
  return lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""));
}

function expectNoCrash(run: { stderr: string; signal: NodeJS.Signals | null }): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/^\s+at |Error:|heap out of memory|FATAL ERROR/m);
}

const CORRUPT = "This file holds a NUL byte, so it is corrupt: PostgreSQL stops reading a value or a line at a NUL byte, so it reads something other than what the file shows. The file was not linted; remove the NUL bytes or restore the file.";

describe("file contents", () => {
  test("empty files: postgresql.conf and pg_ident.conf are fine; an empty pg_hba.conf stops the server", () => {
    const dir = tree({ "postgresql.conf": "", "pg_ident.conf": "" });
    expect(lintLines(dir, ["postgresql.conf", "pg_ident.conf"])).toMatchObject({ status: 0, lines: [], stderr: "" });
    fs.writeFileSync(path.join(dir, "pg_hba.conf"), "");
    const hba = lintLines(dir, ["pg_hba.conf"]);
    expect(hba).toMatchObject({ status: 1, stderr: "" });
    expect(hba.lines).toEqual([
      'pg_hba.conf:1:1 hba-invalid-record configuration file "<dir>/pg_hba.conf" contains no entries: PostgreSQL refuses to start with an empty pg_hba.conf (a reload keeps the old rules). Add the records that let clients in, or `local all all reject`.',
    ]);
  });

  test("a binary file: one fatal message at its first NUL byte, exit 1", () => {
    const bytes = Buffer.alloc(65536);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    bytes[0] = 0x7f;
    bytes[1] = 0x45;
    bytes[2] = 0;
    const dir = tree({ "postgresql.conf": bytes, "pg_hba.conf": bytes });
    const run = lintLines(dir, ["postgresql.conf", "pg_hba.conf"]);
    expectNoCrash(run);
    expect(run.status).toBe(1);
    const binary = "This is a binary file, not a configuration file (it holds NUL bytes and other control characters): PostgreSQL stops reading a value or a line at a NUL byte, so it reads something other than what the file shows. The file was not linted; remove the NUL bytes or restore the file.";
    expect(run.lines).toEqual([`pg_hba.conf:1:3 fatal ${binary}`, `postgresql.conf:1:3 fatal ${binary}`]);
  });

  test("NUL bytes in a text file: fatal, at the NUL's line and column", () => {
    const dir = tree({ "postgresql.conf": "work_mem = 4MB\nx.y = 1\0\n", "pg_ident.conf": "m alice bob\0carol\n" });
    const run = lintLines(dir, ["postgresql.conf", "pg_ident.conf"]);
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([`pg_ident.conf:1:12 fatal ${CORRUPT}`, `postgresql.conf:2:8 fatal ${CORRUPT}`]);
  });

  test("invalid UTF-8 and Latin-1: every byte kept, columns counted per byte; --fix writes the same bytes back", () => {
    const latin1 = Buffer.from([...Buffer.from("\xef\xbb\xbfx.y = 'caf", "latin1"), 0xe9, ...Buffer.from("' ", "latin1"), 0xe9, 0x78, 0x0a, 0xff, 0xfe, 0x0a]);
    const utf8 = Buffer.from("x.y = 'café' éx\n", "utf8");
    const dir = tree({ "postgresql.conf": latin1, "sub/postgresql.conf": utf8 });
    const run = lintLines(dir, ["postgresql.conf", "sub/postgresql.conf"]);
    expect(run.status).toBe(1);
    expect(short(run.lines)).toEqual([
      expect.stringMatching(/^postgresql\.conf:1:1 bom The file starts with a byte-order mark/),
      'postgresql.conf:1:17 syntax-error syntax error in file "<dir>/postgresql.conf" line 1, near token "éx"',
      'postgresql.conf:2:3 syntax-error syntax error in file "<dir>/postgresql.conf" line 2, near end of line',
      'sub/postgresql.conf:1:14 syntax-error syntax error in file "<dir>/sub/postgresql.conf" line 1, near token "éx"',
    ]);
    const fixed = runCli(["--fix", "postgresql.conf"], { cwd: dir });
    expect(fixed.status).toBe(1);
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"))).toEqual(latin1.subarray(3));
  });

  test("a BOM: the bom finding, and --fix removes it", () => {
    const dir = tree({ "postgresql.conf": "\uFEFFwork_mem = 4MB\n", "pg_hba.conf": "\uFEFFlocal all all peer\r\n" });
    const run = lintLines(dir, []);
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["pg_hba.conf:1:1 bom", "pg_hba.conf:1:1 hba-invalid-record", "postgresql.conf:1:1 bom"]);
    expect(runCli(["--fix"], { cwd: dir }).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe("work_mem = 4MB\n");
    expect(fs.readFileSync(path.join(dir, "pg_hba.conf"), "utf8")).toBe("local all all peer\r\n");
  });

  test("CRLF and lone CR: CR is whitespace to PostgreSQL, so a lone CR does not end a line", () => {
    const dir = tree({ "postgresql.conf": "work_mem = 4MB\r\nbad line x\r\n", "cr/postgresql.conf": "x.y = 1\rx.z = 2\r" });
    expect(short(lintLines(dir, ["postgresql.conf", "cr/postgresql.conf"]).lines)).toEqual([
      'cr/postgresql.conf:1:9 syntax-error syntax error in file "<dir>/cr/postgresql.conf" line 1, near token "x.z"',
      'postgresql.conf:2:10 syntax-error syntax error in file "<dir>/postgresql.conf" line 2, near token "x"',
    ]);
  });
});

describe("size", () => {
  test("a 10 MB single line: a quoted value, and 5 million tokens", () => {
    const dir = tree({ "postgresql.conf": `x.y = '${"a".repeat(10 * 1024 * 1024)}'\n`, "tokens/postgresql.conf": `x.y = ${"a ".repeat(5 * 1024 * 1024)}\n` });
    const value = lintLines(dir, ["postgresql.conf"], { timeoutMs: 60_000, maxHeapMb: 1024 });
    expectNoCrash(value);
    expect(value).toMatchObject({ status: 0, lines: [] });
    const tokens = lintLines(dir, ["tokens/postgresql.conf"], { timeoutMs: 120_000, maxHeapMb: 2048 });
    expectNoCrash(tokens);
    expect(tokens.status).toBe(1);
    expect(short(tokens.lines)).toEqual(['tokens/postgresql.conf:1:9 syntax-error syntax error in file "<dir>/tokens/postgresql.conf" line 1, near token "a"']);
  }, 200_000);

  test("a 10 MB value that is reported: the message quotes its first 400 and last 100 characters", () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: [], rules: { "invalid-value": "error" } }), "postgresql.conf": `work_mem = ${"a".repeat(10 * 1024 * 1024)}\n` });
    const run = lintLines(dir, ["postgresql.conf"], { timeoutMs: 60_000, maxHeapMb: 1024 });
    expectNoCrash(run);
    expect(run.status).toBe(1);
    // The data is PostgreSQL's sentence, quotes and all: the cut keeps the closing quote.
    const problem = `invalid value for parameter "work_mem": "${"a".repeat(10 * 1024 * 1024)}".`;
    expect(run.lines).toEqual([`postgresql.conf:1:12 invalid-value ${problem.slice(0, 400)}…(10,485,303 characters left out)…${problem.slice(-100)} PostgreSQL 18 refuses to start with it (a reload logs the error and keeps the current value).`]);
    expect(run.stdout.length).toBeLessThan(10_000);
  }, 100_000);

  test("1,000,000 lines: the error on the last line is found, at line 1000000", () => {
    const lines: string[] = [];
    for (let i = 1; i < 1_000_000; i++) lines.push(i % 4 === 0 ? "# comment" : `x.y${i} = ${i}`);
    lines.push("bad line here");
    const dir = tree({ "postgresql.conf": `${lines.join("\n")}\n` });
    const run = lintLines(dir, ["postgresql.conf"], { timeoutMs: 180_000, maxHeapMb: 3072 });
    expectNoCrash(run);
    expect(run.status).toBe(1);
    expect(short(run.lines)).toEqual(['postgresql.conf:1000000:10 syntax-error syntax error in file "<dir>/postgresql.conf" line 1000000, near token "here"']);
  }, 200_000);
});

describe("what is at the path", () => {
  test("a directory named on the command line is searched; one without configuration files is an error", () => {
    const dir = tree({ "postgresql.conf/readme.txt": "not a config\n", "data/postgresql.conf": "work_mem = 4MB\n" });
    expect(runCli(["postgresql.conf"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: 'pgconf-lint: "postgresql.conf": a directory without configuration files (postgresql*.conf, pg_hba*.conf, pg_ident*.conf)\n' });
    expect(lintLines(dir, ["data"])).toMatchObject({ status: 0, lines: [] });
  });

  test("a directory included as a file: the server's error at the include (it refuses to start)", () => {
    const dir = tree({ "postgresql.conf": "include 'conf.d'\n", "conf.d/a.conf": "x.y = 1\n" });
    const run = lintLines(dir, []);
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual([
      'postgresql.conf:1:9 syntax-error input in flex scanner failed at file "<dir>/conf.d" line 1 (a directory: include_dir reads one)',
    ]);
  });

  test("a FIFO or a device named on the command line: exit 2; included: an error at the include, no hang", () => {
    const dir = tree({ "postgresql.conf": "include 'fifo.conf'\n" });
    spawnSync("mkfifo", [path.join(dir, "fifo.conf"), path.join(dir, "postgresql_fifo.conf")]);
    fs.symlinkSync("/dev/zero", path.join(dir, "postgresql_zero.conf"));
    expect(runCli(["postgresql_fifo.conf"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: 'pgconf-lint: "postgresql_fifo.conf" is not a regular file (a FIFO, socket or device): not linted\n' });
    expect(runCli(["postgresql_zero.conf"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: 'pgconf-lint: "postgresql_zero.conf" is not a regular file (a FIFO, socket or device): not linted\n' });
    const run = lintLines(dir, ["postgresql.conf"], { timeoutMs: 20_000 });
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(['postgresql.conf:1:9 syntax-error could not read file "<dir>/fifo.conf": not a regular file (a FIFO, socket or device)']);
  });

  test("a FIFO included by pg_hba.conf (16+): linting and `show` report it at the include, no hang", () => {
    const dir = tree({ "pg_hba.conf": "include fifo.conf\nlocal all all peer\n" });
    spawnSync("mkfifo", [path.join(dir, "fifo.conf")]);
    const lint = lintLines(dir, ["--pg-version", "16", "pg_hba.conf"], { timeoutMs: 20_000 });
    expect(lint.status).toBe(1);
    expect(lint.lines.map((line) => line.replace(/: PostgreSQL refuses .*$/, ""))).toEqual(['pg_hba.conf:1:1 hba-invalid-record could not open file "<dir>/fifo.conf": not a regular file (a FIFO, socket or device is not read)']);
    const show = runCli(["show", "--pg-version", "16", "--format", "json", "pg_hba.conf"], { cwd: dir, timeoutMs: 20_000 });
    expect(show.status).toBe(0);
    const rows = JSON.parse(show.stdout) as { line_number: number; error: string | null }[];
    expect(rows.map((row) => [row.line_number, row.error])).toEqual([
      [1, `could not open file "${dir}/fifo.conf": not a regular file (a FIFO, socket or device is not read)`],
      [2, null],
    ]);
  });

  test("a missing file: exit 2 when named, the server's error when included", () => {
    const dir = tree({ "postgresql.conf": "include 'missing.conf'\ninclude_if_exists 'optional.conf'\n" });
    expect(runCli(["nope.conf"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: 'pgconf-lint: "nope.conf": no such file or directory\n' });
    const run = lintLines(dir, ["postgresql.conf"]);
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(['postgresql.conf:1:9 syntax-error could not open file "<dir>/missing.conf"']);
  });

  test("a dangling symlink: exit 2 naming the link's target", () => {
    const dir = tree();
    fs.symlinkSync("gone/postgresql.conf", path.join(dir, "postgresql.conf"));
    expect(runCli(["postgresql.conf"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: 'pgconf-lint: "postgresql.conf": a symbolic link to "gone/postgresql.conf", which does not exist\n' });
  });

  (isRoot ? test : test.skip)("an unreadable file (as the unprivileged server user): exit 2 when named, the server's error when included", () => {
    const dir = tree({ "postgresql.conf": "work_mem = 4MB\n", "sub/postgresql.conf": "include 'secret.conf'\n", "sub/secret.conf": "x.y = 1\n" });
    fs.chmodSync(path.join(dir, "postgresql.conf"), 0o000);
    fs.chmodSync(path.join(dir, "sub/secret.conf"), 0o000);
    const named = runCli(["postgresql.conf"], { cwd: dir, asServerUser: true });
    expect(named).toMatchObject({ status: 2, stdout: "", stderr: `pgconf-lint: cannot read "${dir}/postgresql.conf": permission denied\n` });
    const run = lintLines(dir, ["sub/postgresql.conf"], { asServerUser: true });
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(['sub/postgresql.conf:1:9 syntax-error could not open file "<dir>/sub/secret.conf"']);
  });
});

describe("includes", () => {
  test("a self-include and a cycle: PostgreSQL's recursion and depth errors", () => {
    const dir = tree({ "self/postgresql.conf": "include 'postgresql.conf'\n", "cycle/postgresql.conf": "include 'a.conf'\n", "cycle/a.conf": "include 'b.conf'\nwork_mem = 1\n", "cycle/b.conf": "include 'a.conf'\n" });
    const run = lintLines(dir, ["self/postgresql.conf", "cycle/postgresql.conf"], { timeoutMs: 20_000 });
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(["cycle/b.conf:1:9 syntax-error nesting depth exceeded", "self/postgresql.conf:1:9 syntax-error configuration file recursion"]);
  });

  test("a chain 100 deep: stops at PostgreSQL's depth limit (10)", () => {
    const files: Record<string, string> = { "postgresql.conf": "include 'd1.conf'\n", "d101.conf": "work_mem = 1\n" };
    for (let i = 1; i <= 100; i++) files[`d${i}.conf`] = `include 'd${i + 1}.conf'\n`;
    const run = lintLines(tree(files), ["postgresql.conf"], { timeoutMs: 20_000 });
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(["d10.conf:1:9 syntax-error nesting depth exceeded"]);
  });

  test("include_dir with 10,000 files: read in byte order, the bad one found", () => {
    const files: Record<string, string> = { "postgresql.conf": "include_dir 'conf.d'\n", "conf.d/zz-last.conf": "bad line here\n" };
    for (let i = 0; i < 10_000; i++) files[`conf.d/f${String(i).padStart(5, "0")}.conf`] = `x.y${i} = ${i}\n`;
    const run = lintLines(tree(files), ["postgresql.conf"], { timeoutMs: 60_000 });
    expectNoCrash(run);
    expect(run.status).toBe(1);
    expect(run.lines.map((line) => line.replace(/: PostgreSQL will refuse to start .*$/, ""))).toEqual(['conf.d/zz-last.conf:1:10 syntax-error syntax error in file "<dir>/conf.d/zz-last.conf" line 1, near token "here"']);
  }, 90_000);

  test("absolute and `..` includes escaping the tree, and a symlink out of it: not read, include-outside-tree says so", () => {
    const outside = tree({ "secret.conf": "TOPSECRET line\n" });
    const dir = tree({ "data/postgresql.conf": `include '${outside}/secret.conf'\ninclude '../../${path.basename(outside)}/secret.conf'\ninclude 'link.conf'\n` });
    fs.symlinkSync(path.join(outside, "secret.conf"), path.join(dir, "data/link.conf"));
    const run = lintLines(dir, ["data/postgresql.conf"]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("TOPSECRET");
    expect(run.lines.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["data/postgresql.conf:1:9 include-outside-tree", "data/postgresql.conf:2:9 include-outside-tree", "data/postgresql.conf:3:9 include-outside-tree"]);
  });
});

describe("--fix never writes outside the tree", () => {
  test("an include allowed by --include-root, and a named symlink pointing outside: read and reported, not written", () => {
    const outside = tree({ "common.conf": "\uFEFFx.common = 1\n", "postgresql.conf": "\uFEFFx.real = 1\n" });
    const dir = tree({ "postgresql.conf": `\uFEFFinclude '${outside}/common.conf'\n` });
    fs.symlinkSync(path.join(outside, "postgresql.conf"), path.join(dir, "postgresql_link.conf"));
    const before = fs.readFileSync(path.join(outside, "common.conf"));
    const run = runCli(["--fix", "--include-root", outside, "postgresql.conf", "postgresql_link.conf"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean).sort()).toEqual([
      `pgconf-lint: warning: not fixing "${path.relative(dir, path.join(outside, "common.conf"))}": it lies outside the working directory and the directories of the files named to lint. Fix it by hand, or name it on the command line.`,
      `pgconf-lint: warning: not fixing "postgresql_link.conf" (a symbolic link to "${fs.realpathSync(path.join(outside, "postgresql.conf"))}"): it lies outside the working directory and the directories of the files named to lint. Fix it by hand, or name it on the command line.`,
    ]);
    expect(fs.readFileSync(path.join(outside, "common.conf"))).toEqual(before);
    expect(fs.readFileSync(path.join(outside, "postgresql.conf"), "utf8")).toBe("\uFEFFx.real = 1\n");
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(`include '${outside}/common.conf'\n`);
    // Named by its own path, the file is the user's to fix.
    expect(runCli(["--fix", path.join(outside, "postgresql.conf")], { cwd: dir }).status).toBe(0);
    expect(fs.readFileSync(path.join(outside, "postgresql.conf"), "utf8")).toBe("x.real = 1\n");
  });
});

test("no case prints a stack trace, even with PGCONF_LINT_DEBUG unset and a broken config", () => {
  const dir = tree({ ".pgconf-lint.json": "{ nope", "postgresql.conf": "" });
  const run = runCli([], { cwd: dir });
  expect(run.status).toBe(2);
  expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  expectNoCrash(run);
});
