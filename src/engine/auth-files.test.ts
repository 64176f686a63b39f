// The cluster's pg_hba.conf and pg_ident.conf through the engine: the files hba_file and
// ident_file name (instead of the ones beside postgresql.conf), within the include roots, and
// the files their include directives reach (16+), linted once, in the server's order.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { kindFromFileName } from "../kinds";
import { hbaFileRules } from "../views/hba-rules";
import type { PgVersion } from "../views/types";
import { resolveRules } from "./config";
import { lint } from "./linter";
import type { LintRun } from "./linter";
import { RuleRegistry } from "./registry";

interface TreeRun extends LintRun {
  dir: string;
  /** "file:line:column rule message", paths relative to the tree. */
  lines: string[];
  /** The linted files, relative. */
  files: string[];
}

/** Writes the tree (or what `files` makes of the directory) to a temp directory and lints
 *  `targets` (relative) with the include roots `roots` (relative; default: the whole tree). */
function lintTree(files: Record<string, string> | ((dir: string) => Record<string, string>), targets: string[], options: { pgVersion?: number; rules: Record<string, "warn" | "error">; roots?: string[] }): TreeRun {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-auth-")));
  for (const [relative, content] of Object.entries(typeof files === "function" ? files(dir) : files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const registry = new RuleRegistry([builtinPlugin]);
  const run = lint(
    targets.map((relative) => ({ path: path.join(dir, relative), kind: kindFromFileName(relative)! })),
    { pgVersion: (options.pgVersion ?? 18) as PgVersion, rules: resolveRules(registry, { extends: [], rules: options.rules }), includeRoots: (options.roots ?? ["."]).map((root) => path.join(dir, root)) },
  );
  const rel = (p: string) => path.relative(dir, p);
  return {
    ...run,
    dir,
    lines: run.results.flatMap((result) => result.messages.map((m) => `${rel(result.filePath)}:${m.line}:${m.column} ${m.ruleId ?? "-"} ${m.message}`)),
    files: run.results.map((result) => rel(result.filePath)),
  };
}

const HOSTSSL_OFF = "hba-hostssl-without-ssl";

describe("hba_file", () => {
  test("names a file in a sibling directory: the rules judge that file with the cluster's settings; the pg_hba.conf beside postgresql.conf is not the cluster's", () => {
    const run = lintTree(
      {
        "data/postgresql.conf": "ssl = off\nhba_file = '../etc/pg_hba.conf'\n",
        "data/pg_hba.conf": "hostssl all all 192.168.0.0/16 scram-sha-256\n",
        "etc/pg_hba.conf": "local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n",
      },
      ["data/postgresql.conf", "data/pg_hba.conf"],
      { rules: { [HOSTSSL_OFF]: "error" } },
    );
    // ssl = off makes the named file's hostssl record dead; the beside file, linted on its own,
    // has no cluster settings to be judged against.
    expect(run.lines).toEqual([expect.stringMatching(/^etc\/pg_hba\.conf:2:1 hba-hostssl-without-ssl /)]);
    expect(run.files).toEqual(["data/pg_hba.conf", "data/postgresql.conf", "etc/pg_hba.conf"]);
    expect(run.results.find((r) => r.filePath.endsWith("etc/pg_hba.conf"))!.kind).toBe("hba");
  });

  test("the effective value counts (last one read wins, included files too), and an absolute path", () => {
    const files = {
      "postgresql.conf": "hba_file = 'nowhere.conf'\ninclude 'site.conf'\n",
      "site.conf": "hba_file = 'auth/pg_hba.conf'\n",
      "auth/pg_hba.conf": "hostssl all all 10.0.0.0/8 scram-sha-256\n",
      "pg_hba.conf": "local all all peer\n",
    };
    const run = lintTree(files, ["postgresql.conf"], { rules: { [HOSTSSL_OFF]: "error" } });
    expect(run.lines).toEqual([expect.stringMatching(/^auth\/pg_hba\.conf:1:1 hba-hostssl-without-ssl /)]);
    const absolute = lintTree((dir) => ({ ...files, "site.conf": `hba_file = '${dir}/auth/pg_hba.conf'\n` }), ["postgresql.conf"], { rules: { [HOSTSSL_OFF]: "error" } });
    expect(absolute.lines).toEqual([expect.stringMatching(/^auth\/pg_hba\.conf:1:1 hba-hostssl-without-ssl /)]);
    // The other way round: the last line names a file that is missing.
    const last = lintTree({ ...files, "site.conf": "hba_file = 'auth/pg_hba.conf'\n", "postgresql.conf": "include 'site.conf'\nhba_file = 'nowhere.conf'\n" }, ["postgresql.conf"], { rules: { [HOSTSSL_OFF]: "error" } });
    expect(last.lines).toEqual([expect.stringMatching(/^postgresql\.conf:2:12 syntax-error hba_file ".*\/nowhere\.conf" does not exist/)]);
  });

  test("outside the include roots: not read, reported at the setting by include-outside-tree; nothing from it in the output", () => {
    const run = lintTree(
      {
        "outside/pg_hba.conf": "host all all 0.0.0.0/0 trust # secret record\n",
        "cfg/postgresql.conf": "ssl = on\nhba_file = '../outside/pg_hba.conf'\n",
        "cfg/pg_hba.conf": "local all all peer\n",
      },
      ["cfg/postgresql.conf", "cfg/pg_hba.conf"],
      { rules: { "include-outside-tree": "warn", "hba-no-trust": "error", "hba-invalid-record": "error" }, roots: ["cfg"] },
    );
    expect(run.lines).toEqual([
      `cfg/postgresql.conf:2:12 include-outside-tree hba_file "${run.dir}/outside/pg_hba.conf" points outside the tree being linted, so it was not read and its records are not checked (PostgreSQL will read it). If the file is trusted, allow its directory with --include-root or "includeRoots" in .pgconf-lint.json.`,
    ]);
    expect(run.files).toEqual(["cfg/pg_hba.conf", "cfg/postgresql.conf"]);
    expect([...run.sources.keys()].some((file) => file.includes("/outside/"))).toBe(false);
    expect(JSON.stringify(run.results)).not.toContain("secret");
  });

  test("missing: an error at the setting's line (PostgreSQL refuses to start); a relative path says how it was resolved", () => {
    const run = lintTree({ "postgresql.conf": "work_mem = '4MB'\nhba_file = 'conf/pg_hba.conf'   # moved\n", "pg_hba.conf": "local all all peer\n" }, ["postgresql.conf", "pg_hba.conf"], { rules: {} });
    expect(run.lines).toEqual([
      `postgresql.conf:2:12 syntax-error hba_file "${run.dir}/conf/pg_hba.conf" does not exist: PostgreSQL refuses to start ("could not load ${run.dir}/conf/pg_hba.conf"). Correct the path or create the file. The path is relative: PostgreSQL resolves hba_file against the directory the server is started in; this check assumed the directory of postgresql.conf.`,
    ]);
    expect(run.results.find((r) => r.filePath.endsWith("postgresql.conf"))).toMatchObject({ errorCount: 1 });
    const absolute = lintTree((dir) => ({ "postgresql.conf": `hba_file = '${dir}/gone/pg_hba.conf'\n` }), ["postgresql.conf"], { rules: {} });
    const gone = `${absolute.dir}/gone/pg_hba.conf`;
    expect(absolute.lines).toEqual([`postgresql.conf:1:12 syntax-error hba_file "${gone}" does not exist: PostgreSQL refuses to start ("could not load ${gone}"). Correct the path or create the file.`]);
  });

  test("a directory or an empty value is reported too", () => {
    const run = lintTree({ "postgresql.conf": "hba_file = 'auth'\n", "auth/x": "" }, ["postgresql.conf"], { rules: {} });
    expect(run.lines).toEqual([expect.stringContaining(`syntax-error hba_file "${run.dir}/auth" is a directory, not a file: PostgreSQL refuses to start`)]);
    const empty = lintTree({ "postgresql.conf": "hba_file = ''\n" }, ["postgresql.conf"], { rules: {} });
    expect(empty.lines).toEqual([expect.stringContaining("is empty, so the server reads the directory it is started in: PostgreSQL refuses to start")]);
  });
});

describe("ident_file", () => {
  const IDENT_RULES = { "hba-unknown-ident-map": "error", "ident-unused-map": "warn" } as const;

  test("names a file in a sibling directory: its maps are the cluster's, instead of the beside pg_ident.conf's", () => {
    // Were the beside file used instead, map=office would be unknown; were it used as well, its
    // map "other" would be unused.
    const run = lintTree(
      {
        "data/postgresql.conf": "ident_file = '../etc/pg_ident.conf'\n",
        "data/pg_hba.conf": "local all all peer map=office\n",
        "data/pg_ident.conf": "other bob bob\n",
        "etc/pg_ident.conf": "office ann ann\n",
      },
      ["data/postgresql.conf", "data/pg_hba.conf", "data/pg_ident.conf"],
      { rules: IDENT_RULES },
    );
    expect(run.lines).toEqual([]);
    expect(run.files).toEqual(["data/pg_hba.conf", "data/pg_ident.conf", "data/postgresql.conf", "etc/pg_ident.conf"]);
    // Judged by the named file's content: an unused map is reported there.
    const again = lintTree(
      { "data/postgresql.conf": "ident_file = '../etc/pg_ident.conf'\n", "data/pg_hba.conf": "local all all peer map=office\n", "etc/pg_ident.conf": "office ann ann\nspare carl carl\n" },
      ["data/postgresql.conf", "data/pg_hba.conf"],
      { rules: IDENT_RULES },
    );
    expect(again.lines).toEqual([expect.stringMatching(/^etc\/pg_ident\.conf:2:1 ident-unused-map map "spare" is not used/)]);
  });

  test("outside the roots: not read, reported; missing: reported at the setting", () => {
    const outside = lintTree({ "secret/pg_ident.conf": "office ann ann\n", "cfg/postgresql.conf": "ident_file = '../secret/pg_ident.conf'\n" }, ["cfg/postgresql.conf"], { rules: { "include-outside-tree": "warn" }, roots: ["cfg"] });
    expect(outside.lines).toEqual([expect.stringMatching(/^cfg\/postgresql\.conf:1:14 include-outside-tree ident_file ".*\/secret\/pg_ident\.conf" points outside the tree being linted, so it was not read and its user name maps are not checked/)]);
    expect(outside.files).toEqual(["cfg/postgresql.conf"]);
    const missing = lintTree({ "postgresql.conf": "# maps\nident_file = 'maps/pg_ident.conf'\n" }, ["postgresql.conf"], { rules: {} });
    expect(missing.lines).toEqual([
      `postgresql.conf:2:14 syntax-error ident_file "${missing.dir}/maps/pg_ident.conf" does not exist: PostgreSQL starts without any user name map, so every login through a map= option fails ("no match in usermap"). Correct the path or create the file. The path is relative: PostgreSQL resolves ident_file against the directory the server is started in; this check assumed the directory of postgresql.conf.`,
    ]);
  });
});

describe("pg_hba.conf includes (16+)", () => {
  const HBA = "host all all 10.0.0.0/8 scram-sha-256\ninclude_dir hba.d\nhost all all 192.168.0.0/16 scram-sha-256\ninclude hba.d/10-app.conf\n";
  const APP = "# app servers\nhost all all 0.0.0.0/0 trust\nhost sales all 10.1.0.0/16 md5\n";

  test("findings in an included file at its path and lines; records judged in the server's order; a file reached twice linted once", () => {
    const run = lintTree({ "postgresql.conf": "", "pg_hba.conf": HBA, "hba.d/10-app.conf": APP }, ["postgresql.conf", "pg_hba.conf"], { pgVersion: 16, rules: { "hba-no-trust": "error", "hba-unreachable": "warn" } });
    expect(run.files).toEqual(["hba.d/10-app.conf", "pg_hba.conf", "postgresql.conf"]);
    expect(run.results[0]!.kind).toBe("hba");
    expect(run.lines).toEqual([
      expect.stringMatching(/^hba\.d\/10-app\.conf:2:24 hba-no-trust "trust" on this host record/),
      // Shadowed by the including file's first line, read before it.
      "hba.d/10-app.conf:3:1 hba-unreachable line 3 is never used: line 1 of pg_hba.conf (host all all 10.0.0.0/8) matches every connection it would, so its md5 never applies. Move it above line 1 of pg_hba.conf if it should take precedence, or remove it.",
      // Below include_dir: the included trust record matches first.
      "pg_hba.conf:3:1 hba-unreachable line 3 is never used: line 2 of 10-app.conf (host all all 0.0.0.0/0) matches every connection it would, so its scram-sha-256 never applies. Move it above line 2 of 10-app.conf if it should take precedence, or remove it.",
    ]);
  });

  test("linting pg_hba.conf alone lints what it includes; a missing include is an error at its line", () => {
    const run = lintTree({ "pg_hba.conf": "local all all peer\ninclude hba.d/app.conf\ninclude_if_exists optional.conf\n", "hba.d/app.conf": "host all all 0.0.0.0/0 trust\n" }, ["pg_hba.conf"], { pgVersion: 17, rules: { "hba-no-trust": "error", "hba-invalid-record": "error" } });
    expect(run.lines).toEqual([expect.stringMatching(/^hba\.d\/app\.conf:1:24 hba-no-trust /)]);
    const missing = lintTree({ "pg_hba.conf": "local all all peer\ninclude hba.d/gone.conf\n" }, ["pg_hba.conf"], { pgVersion: 16, rules: { "hba-invalid-record": "error" } });
    expect(missing.lines).toEqual([
      `pg_hba.conf:2:1 hba-invalid-record could not open file "${missing.dir}/hba.d/gone.conf": No such file or directory: PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this include is fixed.`,
    ]);
  });

  test("includes that read no record leave pg_hba.conf without entries", () => {
    const run = lintTree({ "pg_hba.conf": "# all in hba.d\ninclude_dir hba.d\n", "hba.d/README": "not a .conf file\n" }, ["pg_hba.conf"], { pgVersion: 16, rules: { "hba-invalid-record": "error" } });
    expect(run.lines).toEqual([expect.stringMatching(/^pg_hba\.conf:1:1 hba-invalid-record configuration file ".*" contains no entries/)]);
  });

  test("an include cycle: no hang, one finding where it closes", () => {
    const run = lintTree({ "pg_hba.conf": "include a.conf\nlocal all all peer\n", "a.conf": "include b.conf\n", "b.conf": "local all all trust\ninclude a.conf\n" }, ["pg_hba.conf"], { pgVersion: 16, rules: { "hba-invalid-record": "error", "hba-unreachable": "warn" } });
    const d = run.dir;
    expect(run.lines).toEqual([
      `b.conf:2:1 hba-invalid-record could not open file "${d}/a.conf": maximum nesting depth exceeded (the includes form a cycle: "${d}/a.conf" includes "${d}/b.conf" includes "${d}/a.conf", which PostgreSQL follows until they are nested 10 deep): PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this include is fixed.`,
      "pg_hba.conf:2:1 hba-unreachable line 2 is never used: line 1 of b.conf (local all all) matches every connection it would, so its peer never applies. Move it above line 1 of b.conf if it should take precedence, or remove it.",
    ]);
    const self = lintTree({ "pg_hba.conf": "local all all peer\ninclude pg_hba.conf\n" }, ["pg_hba.conf"], { pgVersion: 18, rules: { "hba-invalid-record": "error" } });
    expect(self.lines).toEqual([expect.stringMatching(/^pg_hba\.conf:2:1 hba-invalid-record could not open file ".*\/pg_hba\.conf": maximum nesting depth exceeded \(the includes form a cycle/)]);
  });

  test("too deep: PostgreSQL's error at the line show reports it on", () => {
    const files: Record<string, string> = { "pg_hba.conf": "local all all peer\ninclude d1.conf\n" };
    for (let i = 1; i <= 12; i++) files[`d${i}.conf`] = `include d${i + 1}.conf\n`;
    files["d13.conf"] = "local all all reject\n";
    const run = lintTree(files, ["pg_hba.conf"], { pgVersion: 16, rules: { "hba-invalid-record": "error" } });
    const shown = hbaFileRules(path.join(run.dir, "pg_hba.conf"), { pgVersion: 16 }).filter((row) => row.error !== null);
    expect(shown).toHaveLength(1);
    expect(run.lines).toEqual([`${path.relative(run.dir, shown[0]!.file_name!)}:${shown[0]!.line_number}:1 hba-invalid-record ${shown[0]!.error}: PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this include is fixed.`]);
  });

  test("an include outside the roots is not read, and reported", () => {
    const run = lintTree({ "cfg/pg_hba.conf": "local all all peer\ninclude ../secret/extra.conf\n", "secret/extra.conf": "host all all 0.0.0.0/0 trust # secret\n" }, ["cfg/pg_hba.conf"], { pgVersion: 16, rules: { "include-outside-tree": "warn", "hba-no-trust": "error", "hba-invalid-record": "error" }, roots: ["cfg"] });
    expect(run.lines).toEqual([`cfg/pg_hba.conf:2:9 include-outside-tree include "${run.dir}/secret/extra.conf" points outside the tree being linted, so it was not read and its records are not checked (PostgreSQL will read it). If the file is trusted, allow its directory with --include-root or "includeRoots" in .pgconf-lint.json.`]);
    expect(run.files).toEqual(["cfg/pg_hba.conf"]);
    expect(JSON.stringify(run.results)).not.toContain("secret\\n");
  });

  test("pg_ident.conf includes: maps of included files count; a missing include is an ident-invalid-record error", () => {
    const run = lintTree({ "pg_hba.conf": "local all all peer map=office\n", "pg_ident.conf": "include maps/office.conf\n", "maps/office.conf": "office ann ann\noffice bob,carl x\n" }, ["pg_hba.conf", "pg_ident.conf"], { pgVersion: 16, rules: { "hba-unknown-ident-map": "error", "ident-invalid-record": "error" } });
    expect(run.lines).toEqual([expect.stringMatching(/^maps\/office\.conf:2:1 ident-invalid-record multiple values in ident field/)]);
    const missing = lintTree({ "pg_ident.conf": "include maps/none.conf\n" }, ["pg_ident.conf"], { pgVersion: 16, rules: { "ident-invalid-record": "error" } });
    expect(missing.lines).toEqual([expect.stringMatching(/^pg_ident\.conf:1:1 ident-invalid-record could not open file ".*\/maps\/none\.conf": No such file or directory: PostgreSQL ignores the whole pg_ident\.conf/)]);
  });

  test.each([12, 15])("pg%d: include lines are records, and invalid ones: nothing is read", (pgVersion) => {
    const run = lintTree({ "pg_hba.conf": "include extra.conf\nlocal all all peer\n", "extra.conf": "host all all 0.0.0.0/0 trust\n" }, ["pg_hba.conf"], { pgVersion, rules: { "hba-invalid-record": "error", "hba-no-trust": "error" } });
    expect(run.lines).toEqual([`pg_hba.conf:1:1 hba-invalid-record invalid connection type "include": PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this record is fixed.`]);
    expect(run.files).toEqual(["pg_hba.conf"]);
  });
});
