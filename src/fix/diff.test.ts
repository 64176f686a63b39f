import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBytes, encodeText } from "../source";
import type { Encoding } from "../source";
import { unifiedDiff } from "./diff";

const CWD = "/srv/pg";

interface FileBytes {
  relativePath: string;
  before: Buffer;
  after: Buffer;
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-diff-"));
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Diffs the files as the CLI will (decoded text in, the diff encoded like the files) and checks
 *  that `git apply` and `patch -p1`, each run on a fresh copy of the old files, give exactly the
 *  new bytes. Returns the diff text for exact comparison. */
function diffAndApply(files: FileBytes[], encoding: Encoding = "utf8"): string {
  const diff = unifiedDiff(
    files.map((file) => ({
      path: path.join(CWD, file.relativePath),
      before: decodeBytes(file.before).text,
      after: decodeBytes(file.after).text,
    })),
    CWD,
  );
  const tools: [string, string[]][] = [
    ["git", ["apply", "-"]],
    ["patch", ["-p1", "--batch", "--quiet"]],
  ];
  for (const [tool, args] of tools) {
    const dir = fs.mkdtempSync(path.join(scratch, `${tool}-`));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.relativePath)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.relativePath), file.before);
    }
    const run = spawnSync(tool, args, { cwd: dir, input: encodeText(diff, encoding) });
    expect({ tool, status: run.status, stderr: run.stderr.toString() }).toEqual({ tool, status: 0, stderr: expect.any(String) });
    for (const file of files) {
      expect({ tool, file: file.relativePath, bytes: fs.readFileSync(path.join(dir, file.relativePath)) }).toEqual({
        tool,
        file: file.relativePath,
        bytes: file.after,
      });
    }
  }
  return diff;
}

const lines = (...items: string[]): string => items.map((item) => item + "\n").join("");
const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");

test("a change in the middle of a file: three lines of context on each side", () => {
  const before = lines("# 1", "# 2", "# 3", "# 4", "port = 5432", "# 6", "# 7", "# 8", "# 9");
  const after = before.replace("port = 5432", "port = 5433");
  expect(diffAndApply([{ relativePath: "postgresql.conf", before: utf8(before), after: utf8(after) }])).toBe(
    lines(
      "diff --git a/postgresql.conf b/postgresql.conf",
      "--- a/postgresql.conf",
      "+++ b/postgresql.conf",
      "@@ -2,7 +2,7 @@",
      " # 2",
      " # 3",
      " # 4",
      "-port = 5432",
      "+port = 5433",
      " # 6",
      " # 7",
      " # 8",
    ),
  );
});

test("two changes far apart make two hunks; near ones share one", () => {
  const before = lines("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
  const after = before.replace("a\n", "A\n").replace("l\n", "L\n");
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8(before), after: utf8(after) }])).toBe(
    lines(
      "diff --git a/x.conf b/x.conf",
      "--- a/x.conf",
      "+++ b/x.conf",
      "@@ -1,4 +1,4 @@",
      "-a",
      "+A",
      " b",
      " c",
      " d",
      "@@ -9,4 +9,4 @@",
      " i",
      " j",
      " k",
      "-l",
      "+L",
    ),
  );
  const near = before.replace("a\n", "A\n").replace("g\n", "G\n");
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8(before), after: utf8(near) }])).toMatch(/^@@ -1,10 \+1,10 @@$/m);
});

test("CRLF lines keep their CR in the diff", () => {
  const before = "local all all peer\r\nhost all all 0.0.0.0/0 trust\r\n";
  const after = "local all all peer\r\nhost all all 0.0.0.0/0 scram-sha-256\r\n";
  expect(diffAndApply([{ relativePath: "pg_hba.conf", before: utf8(before), after: utf8(after) }])).toBe(
    lines(
      "diff --git a/pg_hba.conf b/pg_hba.conf",
      "--- a/pg_hba.conf",
      "+++ b/pg_hba.conf",
      "@@ -1,2 +1,2 @@",
      " local all all peer\r",
      "-host all all 0.0.0.0/0 trust\r",
      "+host all all 0.0.0.0/0 scram-sha-256\r",
    ),
  );
});

test("a missing final newline, before or after, is marked", () => {
  const without = "a = 1\nb = 2";
  const withNewline = "a = 1\nb = 2\n";
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8(without), after: utf8(withNewline) }])).toBe(
    lines(
      "diff --git a/x.conf b/x.conf",
      "--- a/x.conf",
      "+++ b/x.conf",
      "@@ -1,2 +1,2 @@",
      " a = 1",
      "-b = 2",
      "\\ No newline at end of file",
      "+b = 2",
    ),
  );
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8("a = 1\nb = 2"), after: utf8("a = 9\nb = 2") }])).toBe(
    lines(
      "diff --git a/x.conf b/x.conf",
      "--- a/x.conf",
      "+++ b/x.conf",
      "@@ -1,2 +1,2 @@",
      "-a = 1",
      "+a = 9",
      " b = 2",
      "\\ No newline at end of file",
    ),
  );
});

test("a file emptied, and an empty file filled", () => {
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8("a = 1\n"), after: utf8("") }])).toBe(
    lines("diff --git a/x.conf b/x.conf", "--- a/x.conf", "+++ b/x.conf", "@@ -1,1 +0,0 @@", "-a = 1"),
  );
  expect(diffAndApply([{ relativePath: "x.conf", before: utf8(""), after: utf8("a = 1\n") }])).toBe(
    lines("diff --git a/x.conf b/x.conf", "--- a/x.conf", "+++ b/x.conf", "@@ -0,0 +1,1 @@", "+a = 1"),
  );
});

test("a Latin-1 file: the diff written in Latin-1 applies to its bytes", () => {
  // "cluster_name = 'caf\xe9'" is not valid UTF-8, so it is decoded one char per byte.
  const before = Buffer.from("# r\xe9sum\xe9\ncluster_name = 'caf\xe9'\n", "latin1");
  const after = Buffer.from("# r\xe9sum\xe9\ncluster_name = 'caf\xe9s'\n", "latin1");
  expect(decodeBytes(before).encoding).toBe("latin1");
  expect(diffAndApply([{ relativePath: "postgresql.conf", before, after }], "latin1")).toBe(
    lines(
      "diff --git a/postgresql.conf b/postgresql.conf",
      "--- a/postgresql.conf",
      "+++ b/postgresql.conf",
      "@@ -1,2 +1,2 @@",
      " # r\xe9sum\xe9",
      "-cluster_name = 'caf\xe9'",
      "+cluster_name = 'caf\xe9s'",
    ),
  );
});

test("several files, one in a subdirectory, unchanged ones left out, in the given order", () => {
  const diff = diffAndApply([
    { relativePath: "postgresql.conf", before: utf8("port = 1\n"), after: utf8("port = 2\n") },
    { relativePath: "pg_ident.conf", before: utf8("# same\n"), after: utf8("# same\n") },
    { relativePath: "conf.d/10-log.conf", before: utf8("log = off\n"), after: utf8("log = on\n") },
  ]);
  expect(diff).toBe(
    lines(
      "diff --git a/postgresql.conf b/postgresql.conf",
      "--- a/postgresql.conf",
      "+++ b/postgresql.conf",
      "@@ -1,1 +1,1 @@",
      "-port = 1",
      "+port = 2",
      "diff --git a/conf.d/10-log.conf b/conf.d/10-log.conf",
      "--- a/conf.d/10-log.conf",
      "+++ b/conf.d/10-log.conf",
      "@@ -1,1 +1,1 @@",
      "-log = off",
      "+log = on",
    ),
  );
});

test("names with a space end in a tab; names with quotes or non-ASCII are quoted as git does", () => {
  const diff = diffAndApply([
    { relativePath: "my conf/pg hba.conf", before: utf8("a\n"), after: utf8("b\n") },
    { relativePath: 'café/"x".conf', before: utf8("a\n"), after: utf8("b\n") },
  ]);
  expect(diff).toBe(
    lines(
      "diff --git a/my conf/pg hba.conf b/my conf/pg hba.conf",
      "--- a/my conf/pg hba.conf\t",
      "+++ b/my conf/pg hba.conf\t",
      "@@ -1,1 +1,1 @@",
      "-a",
      "+b",
      'diff --git "a/caf\\303\\251/\\"x\\".conf" "b/caf\\303\\251/\\"x\\".conf"',
      '--- "a/caf\\303\\251/\\"x\\".conf"',
      '+++ "b/caf\\303\\251/\\"x\\".conf"',
      "@@ -1,1 +1,1 @@",
      "-a",
      "+b",
    ),
  );
});

test("nothing changed: an empty string", () => {
  expect(unifiedDiff([], CWD)).toBe("");
  expect(unifiedDiff([{ path: "/srv/pg/x.conf", before: "a\n", after: "a\n" }], CWD)).toBe("");
});

test("relative paths are taken from cwd; a file outside cwd gets `..`, which only git apply --unsafe-paths takes", () => {
  expect(unifiedDiff([{ path: "sub/x.conf", before: "a\n", after: "b\n" }], CWD)).toMatch(/^--- a\/sub\/x\.conf$/m);

  const project = fs.mkdtempSync(path.join(scratch, "outside-"));
  fs.mkdirSync(path.join(project, "cwd"));
  fs.mkdirSync(path.join(project, "etc"));
  const target = path.join(project, "etc", "x.conf");
  fs.writeFileSync(target, "a\n");
  const diff = unifiedDiff([{ path: target, before: "a\n", after: "b\n" }], path.join(project, "cwd"));
  expect(diff).toBe(
    lines("diff --git a/../etc/x.conf b/../etc/x.conf", "--- a/../etc/x.conf", "+++ b/../etc/x.conf", "@@ -1,1 +1,1 @@", "-a", "+b"),
  );
  const run = (tool: string, args: string[]) => spawnSync(tool, args, { cwd: path.join(project, "cwd"), input: diff });
  expect(run("git", ["apply", "--check", "-"]).stderr.toString()).toContain("invalid path '../etc/x.conf'");
  expect(run("patch", ["-p1", "--batch", "--dry-run"]).status).not.toBe(0);
  expect(run("git", ["apply", "--unsafe-paths", "-"]).status).toBe(0);
  expect(fs.readFileSync(target, "utf8")).toBe("b\n");
});
