// Expected rows are what real servers showed for the same trees (pg_file_settings on 12, 15
// and 18, data directory /d), minus the server-state rows "cannot be changed without
// restarting", which do not come from the file.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FileSettingsRow } from "./types";
import type { SettingJudge } from "./file-settings";
import { canonicalizePath, diskReader, memoryReader, readFileSettings } from "./file-settings";

const MAIN = "/d/postgresql.conf";
type Row = [string | null, number | null, string | null, string | null, boolean, string | null];

function rows(files: Record<string, string | Uint8Array>, options: Parameters<typeof readFileSettings>[1] = {}): Row[] {
  const result = readFileSettings(MAIN, { reader: memoryReader(files), ...options });
  result.rows.forEach((row, index) => expect(row.seqno).toBe(index + 1));
  return result.rows.map((r: FileSettingsRow) => [r.sourcefile, r.sourceline, r.name, r.setting, r.applied, r.error]);
}

describe("readFileSettings: reading", () => {
  test("settings in order; a value as PostgreSQL stores it", () => {
    expect(rows({ [MAIN]: "work_mem = 4MB\n# c\nx.y 'it''s'\nz.z = on" })).toEqual([
      [MAIN, 1, "work_mem", "4MB", true, null],
      [MAIN, 3, "x.y", "it's", true, null],
      [MAIN, 4, "z.z", "on", true, null],
    ]);
  });

  test("a file stops at its first syntax error (the view reads at DEBUG level)", () => {
    expect(rows({ [MAIN]: "work_mem = 4MB\nx.y =\nfoo bar baz\n" })).toEqual([
      [MAIN, 1, "work_mem", "4MB", false, null],
      [MAIN, 2, null, null, false, "syntax error"],
    ]);
  });

  test("a syntax error at end of file is reported on the line before", () => {
    expect(rows({ [MAIN]: "a.b = 1\nx.y =" })).toEqual([
      [MAIN, 1, "a.b", "1", false, null],
      [MAIN, 1, null, null, false, "syntax error"],
    ]);
    expect(rows({ [MAIN]: "x.y =" })).toEqual([[MAIN, 0, null, null, false, "syntax error"]]);
  });

  test("include errors: empty name, missing file, recursion, blank and missing directory; reading goes on", () => {
    expect(
      rows({
        [MAIN]: "a.b = 1\ninclude ''\ninclude 'nothere.conf'\ninclude_if_exists = 'no2.conf'\ninclude 'postgresql.conf'\ninclude_dir ' '\ninclude_dir 'nodir'\na.c = 2\n",
      }),
    ).toEqual([
      [MAIN, 1, "a.b", "1", false, null],
      [MAIN, 2, null, null, false, "empty configuration file name"],
      [MAIN, 3, null, null, false, 'could not open file "/d/nothere.conf"'],
      [MAIN, 5, null, null, false, "configuration file recursion"],
      [MAIN, 6, null, null, false, "empty configuration directory name"],
      [MAIN, 7, null, null, false, 'could not open directory "/d/nodir"'],
      [MAIN, 8, "a.c", "2", false, null],
    ]);
  });

  test("a directory named as a file fails in the scanner, even with include_if_exists", () => {
    expect(rows({ [MAIN]: "a.b = 1\ninclude 'sub'\ninclude_if_exists 'sub'\na.c = 2\n", "/d/sub/x.conf": "x.x = 1\n" })).toEqual([
      [MAIN, 1, "a.b", "1", false, null],
      ["/d/sub", 1, null, null, false, "input in flex scanner failed"],
      ["/d/sub", 1, null, null, false, "input in flex scanner failed"],
      [MAIN, 4, "a.c", "2", false, null],
    ]);
  });

  test("nesting deeper than 10 stops at the 11th level; the outer files go on", () => {
    const files: Record<string, string> = { [MAIN]: "a.m = 0\ninclude 'd/f1.conf'\na.z = 9\n" };
    for (let i = 1; i <= 12; i++) files[`/d/d/f${i}.conf`] = `a.f${i} = ${i}\ninclude 'f${i + 1}.conf'\na.g${i} = ${i}\n`;
    const expected: Row[] = [[MAIN, 1, "a.m", "0", false, null]];
    for (let i = 1; i <= 10; i++) expected.push([`/d/d/f${i}.conf`, 1, `a.f${i}`, `${i}`, false, null]);
    expected.push(["/d/d/f10.conf", 2, null, null, false, "nesting depth exceeded"]);
    for (let i = 10; i >= 1; i--) expected.push([`/d/d/f${i}.conf`, 3, `a.g${i}`, `${i}`, false, null]);
    expected.push([MAIN, 3, "a.z", "9", false, null]);
    expect(rows(files)).toEqual(expected);
  });

  test("a cycle through two files is not recursion: it ends at the depth limit", () => {
    const result = rows({ [MAIN]: "include 'a.conf'\n", "/d/a.conf": "a.a = 1\ninclude 'b.conf'\n", "/d/b.conf": "b.b = 1\ninclude 'a.conf'\n" });
    expect(result).toHaveLength(11);
    expect(result[9]).toEqual(["/d/b.conf", 1, "b.b", "1", false, null]);
    expect(result[10]).toEqual(["/d/b.conf", 2, null, null, false, "nesting depth exceeded"]);
  });

  test("include_dir: *.conf only, no dot files, no directories, byte order", () => {
    expect(
      rows({
        [MAIN]: "a.b = 1\ninclude_dir 'cd'\na.c = 2\n",
        "/d/cd/b.conf": "x.b = 1\n",
        "/d/cd/a.conf": "x.a = 1\n",
        "/d/cd/B.conf": "x.bb = 1\n",
        "/d/cd/.h.conf": "x.h = 1\n",
        "/d/cd/sub.conf/": "",
        "/d/cd/c.conf.bak": "x.bak = 1\n",
        "/d/cd/_u.conf": "x.u = 1\n",
        "/d/cd/9.conf": "x.n9 = 1\n",
        "/d/cd/é.conf": "x.e = 1\n",
      }),
    ).toEqual([
      [MAIN, 1, "a.b", "1", true, null],
      ["/d/cd/9.conf", 1, "x.n9", "1", true, null],
      ["/d/cd/B.conf", 1, "x.bb", "1", true, null],
      ["/d/cd/_u.conf", 1, "x.u", "1", true, null],
      ["/d/cd/a.conf", 1, "x.a", "1", true, null],
      ["/d/cd/b.conf", 1, "x.b", "1", true, null],
      ["/d/cd/é.conf", 1, "x.e", "1", true, null],
      [MAIN, 3, "a.c", "2", true, null],
    ]);
  });

  test("include_dir: the first failing file abandons the rest of the directory", () => {
    const tree = { [MAIN]: "a.b = 1\ninclude_dir 'cd'\na.c = 2\n", "/d/cd/b.conf": "x.b = 1\n" };
    expect(rows({ ...tree, "/d/cd/a.conf": "x.a = 1\ninclude 'zz.conf'\nx.a2 = 1\n" })).toEqual([
      [MAIN, 1, "a.b", "1", false, null],
      ["/d/cd/a.conf", 1, "x.a", "1", false, null],
      ["/d/cd/a.conf", 2, null, null, false, 'could not open file "/d/cd/zz.conf"'],
      ["/d/cd/a.conf", 3, "x.a2", "1", false, null],
      [MAIN, 3, "a.c", "2", false, null],
    ]);
    expect(rows({ ...tree, "/d/cd/a.conf": "x.a = 1\n= oops\nx.a2 = 1\n" })).toEqual([
      [MAIN, 1, "a.b", "1", false, null],
      ["/d/cd/a.conf", 1, "x.a", "1", false, null],
      ["/d/cd/a.conf", 2, null, null, false, "syntax error"],
      [MAIN, 3, "a.c", "2", false, null],
    ]);
  });

  test("paths: absolute as written, relative canonicalised (`..` inside resolved on 15+ only)", () => {
    const tree = {
      [MAIN]: "include '/d//./q.conf'\ninclude 'sub/../q.conf'\ninclude './/q.conf/'\ninclude_dir 'sub/'\ninclude 'sub/./x.conf'\n",
      "/d/sub/x.conf": "x.x = 1\n",
      "/d/q.conf": "q.q = 1\n",
    };
    const files = (pgVersion: 12 | 18): (string | null)[] => rows(tree, { pgVersion }).map((row) => row[0]);
    expect(files(18)).toEqual(["/d//./q.conf", "/d/q.conf", "/d/q.conf", "/d/sub/x.conf", "/d/sub/x.conf"]);
    expect(files(12)).toEqual(["/d//./q.conf", "/d/sub/../q.conf", "/d/q.conf", "/d/sub/x.conf", "/d/sub/./x.conf"]);
  });

  test("postgresql.auto.conf comes last, is skipped when missing, and is not read after an error", () => {
    const auto = "/d/postgresql.auto.conf";
    expect(rows({ [MAIN]: "work_mem = 1MB\n", [auto]: "work_mem = '2MB'\n" }, { autoConfPath: auto })).toEqual([
      [MAIN, 1, "work_mem", "1MB", false, null],
      [auto, 1, "work_mem", "2MB", true, null],
    ]);
    expect(rows({ [MAIN]: "work_mem = 1MB\n" }, { autoConfPath: auto })).toEqual([[MAIN, 1, "work_mem", "1MB", true, null]]);
    expect(rows({ [MAIN]: "work_mem = 1MB\nbad line here\n", [auto]: "work_mem = '2MB'\n" }, { autoConfPath: auto })).toEqual([
      [MAIN, 1, "work_mem", "1MB", false, null],
      [MAIN, 2, null, null, false, "syntax error"],
    ]);
  });

  test("the documents read are kept by absolute path", () => {
    const result = readFileSettings(MAIN, { reader: memoryReader({ [MAIN]: "include 'a.conf'\n", "/d/a.conf": "x.y = 1\n" }) });
    expect([...result.documents.keys()]).toEqual([MAIN, "/d/a.conf"]);
    expect(result.documents.get("/d/a.conf")!.settings[0]!.name).toBe("x.y");
  });

  test("a missing main file is one error row without a file", () => {
    expect(rows({})).toEqual([[null, null, null, null, false, 'could not open file "/d/postgresql.conf"']]);
  });
});

describe("readFileSettings: judging (guc.c ProcessConfigFileInternal)", () => {
  const BUILT_IN = new Set(["work_mem", "enable_seqscan", "wal_level"]);
  const judge: SettingJudge = {
    isKnown: (name) => BUILT_IN.has(name.toLowerCase()),
    checkValue: (name, value) => {
      if (name.toLowerCase() === "enable_seqscan" && !["on", "off"].includes(value)) return `parameter "${name}" requires a Boolean value`;
      if (name.toLowerCase() === "work_mem" && value === "10kB") return `10 kB is outside the valid range for parameter "${name}" (64 .. 2147483647)`;
      return null;
    },
  };

  test("unknown names without a dot: every one is an error, nothing else is checked or applied", () => {
    expect(rows({ [MAIN]: "work_mem = 1MB\nfoo = 1\nenable_seqscan = maybe\nbar = 2\nwork_mem = 2MB\nx.y = 1\n" }, { judge })).toEqual([
      [MAIN, 1, "work_mem", "1MB", false, null],
      [MAIN, 2, "foo", "1", false, "unrecognized configuration parameter"],
      [MAIN, 3, "enable_seqscan", "maybe", false, null],
      [MAIN, 4, "bar", "2", false, "unrecognized configuration parameter"],
      [MAIN, 5, "work_mem", "2MB", false, null],
      [MAIN, 6, "x.y", "1", false, null],
    ]);
  });

  test("duplicates by exact spelling; values judged; unknown dotted names are placeholders, never deduplicated", () => {
    const result = readFileSettings(MAIN, {
      reader: memoryReader({ [MAIN]: "work_mem = 1MB\nWORK_MEM = 2MB\nwork_mem = 3MB\nenable_seqscan = maybe\nwal_level = replica\nwork_mem=10kB\nx.y = 1\nx.y = 2\nX.y = 3\n" }),
      judge,
    });
    expect(result.rows.map((r) => [r.sourceline, r.name, r.setting, r.applied, r.error])).toEqual([
      [1, "work_mem", "1MB", false, null],
      [2, "WORK_MEM", "2MB", true, null],
      [3, "work_mem", "3MB", false, null],
      [4, "enable_seqscan", "maybe", false, "setting could not be applied"],
      [5, "wal_level", "replica", true, null],
      [6, "work_mem", "10kB", false, "setting could not be applied"],
      [7, "x.y", "1", true, null],
      [8, "x.y", "2", true, null],
      [9, "X.y", "3", true, null],
    ]);
    expect([...result.valueErrors]).toEqual([
      [4, 'parameter "enable_seqscan" requires a Boolean value'],
      [6, '10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)'],
    ]);
  });

  test("without a judge every name is known (so dotted names deduplicate too)", () => {
    expect(rows({ [MAIN]: "x.y = 1\nfoo = 2\nx.y = 3\n" })).toEqual([
      [MAIN, 1, "x.y", "1", false, null],
      [MAIN, 2, "foo", "2", true, null],
      [MAIN, 3, "x.y", "3", true, null],
    ]);
  });
});

describe("canonicalizePath", () => {
  test.each<[string, string, string]>([
    ["/a//b/", "/a/b", "/a/b"],
    ["/a/b/.", "/a/b", "/a/b"],
    ["/a/b/..", "/a", "/a"],
    ["/a/./b", "/a/b", "/a/./b"],
    ["/a/x/../b", "/a/b", "/a/x/../b"],
    ["/a/b/c/../..", "/a", "/a"],
    ["/..", "/", "/"],
  ])("%s -> %s (15+), %s (12-14)", (input, modern, legacy) => {
    expect([canonicalizePath(input, 18), canonicalizePath(input, 14)]).toEqual([modern, legacy]);
  });
});

describe("diskReader", () => {
  test("reads a real tree: files, directories, missing paths", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-fs-"));
    try {
      fs.mkdirSync(path.join(root, "confd/sub.conf"), { recursive: true });
      fs.writeFileSync(path.join(root, "postgresql.conf"), "include_dir 'confd'\n");
      fs.writeFileSync(path.join(root, "confd/a.conf"), "work_mem = '8MB'\n");
      const result = readFileSettings(path.join(root, "postgresql.conf"), { reader: diskReader });
      expect(result.rows.map((r) => [r.sourcefile, r.name, r.setting])).toEqual([[path.join(root, "confd/a.conf"), "work_mem", "8MB"]]);
      expect(diskReader.readFile(path.join(root, "nope"))).toEqual({ error: "ENOENT" });
      expect(diskReader.readFile(path.join(root, "confd"))).toEqual({ error: "EISDIR" });
      const entries = diskReader.readDir(path.join(root, "confd"));
      expect(Array.isArray(entries) && entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: "a.conf", kind: "file" },
        { name: "sub.conf", kind: "directory" },
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
