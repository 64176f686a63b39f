// The command line end to end: the built bin/pgconf-lint.js run as users run it, in temp dirs.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "bin/pgconf-lint.js");
const PLUGIN_DIR = path.join(REPO, "fixtures/plugins");

beforeAll(() => {
  // npm test builds first; a lone `jest test/cli` must not run a stale bundle.
  const build = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}, 60_000);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-cli-"));
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

// Only the always-on syntax-error rule and the fixture plugin's rule: the CLI's mechanics,
// independent of the built-in rule set's evolution.
const PLUGIN_CONFIG = JSON.stringify({ extends: [], plugins: [path.join(PLUGIN_DIR, "node_modules/pgconf-lint-plugin-example")], rules: { "example/no-work-mem-over-1gb": "error" } });

describe("exit status and messages", () => {
  test("0 when clean; 1 with an error, with the stylish report", () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG, "postgresql.conf": "work_mem = 64MB\n" });
    expect(run([], { cwd: dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    fs.writeFileSync(path.join(dir, "postgresql.conf"), "work_mem = 4GB   # big\nbad line here\n");
    const result = run([], { cwd: dir });
    expect(result.status).toBe(1);
    // stylish pads the message column to the longest message (ESLint's text-table).
    const syntax = `syntax error in file "${dir}/postgresql.conf" line 2, near token "here": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed`;
    const big = "work_mem = 4GB is over 1GB: every sort and hash may use that much. Set it to 1GB or less";
    expect(result.stdout).toBe(
      [
        "",
        "postgresql.conf",
        `  1:12  error  ${big.padEnd(syntax.length)}  example/no-work-mem-over-1gb`,
        `  2:10  error  ${syntax}  syntax-error`,
        "",
        "✖ 2 problems (2 errors, 0 warnings)",
        "  1 error and 0 warnings potentially fixable with the `--fix` option.",
        "",
      ].join("\n"),
    );
  });

  test("2 with one line on stderr: missing file, unknown option, bad config, unknown rule", () => {
    const dir = tree({ "postgresql.conf": "" });
    const missing = run(["nope.conf"], { cwd: dir });
    expect(missing).toEqual({ status: 2, stdout: "", stderr: 'pgconf-lint: "nope.conf": no such file or directory\n' });
    const badOption = run(["--frobnicate"], { cwd: dir });
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toBe("pgconf-lint: Unknown argument: frobnicate (see pgconf-lint --help)\n");
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ rules: { "syntax-error": "loud" } }));
    expect(run([], { cwd: dir }).stderr).toBe(`pgconf-lint: ${dir}/.pgconf-lint.json: rules["syntax-error"]: severity must be "off", "warn" or "error" (or 0, 1, 2), not "loud"\n`);
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ pgVersion: 9 }));
    expect(run([], { cwd: dir }).stderr).toBe(`pgconf-lint: ${dir}/.pgconf-lint.json: pgVersion: must be one of 12, 13, 14, 15, 16, 17, 18, not 9\n`);
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), "{ nope");
    const badJson = run([], { cwd: dir });
    expect(badJson.status).toBe(2);
    expect(badJson.stderr).toMatch(new RegExp(`^pgconf-lint: ${dir}/\\.pgconf-lint\\.json: invalid JSON: .+\\n$`));
    const unknownRule = run(["--no-config-lookup", "--rule", "no-such-rule: error", "postgresql.conf"], { cwd: dir });
    expect(unknownRule).toEqual({ status: 2, stdout: "", stderr: 'pgconf-lint: rules: unknown rule "no-such-rule"\n' });
  });

  test("a directory or a file of unknown kind named explicitly", () => {
    const dir = tree({ "notes.txt": "x", "sub/postgresql.conf": "work_mem = 1MB\n" });
    expect(run(["notes.txt"], { cwd: dir }).stderr).toBe('pgconf-lint: cannot tell the kind of "notes.txt" from its name; name it postgresql*.conf, pg_hba*.conf or pg_ident*.conf, or pass --kind conf|hba|ident\n');
    const found = JSON.parse(run(["--format", "json", "sub"], { cwd: dir }).stdout) as { filePath: string }[];
    expect(found.map((result) => result.filePath)).toEqual([path.join(dir, "sub/postgresql.conf")]);
  });

  test("--max-warnings and --quiet", () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: [], plugins: [path.join(PLUGIN_DIR, "node_modules/pgconf-lint-plugin-example")], rules: { "example/no-work-mem-over-1gb": "warn" } }), "postgresql.conf": "work_mem = 2GB\n" });
    expect(run([], { cwd: dir }).status).toBe(0);
    const tooMany = run(["--max-warnings", "0"], { cwd: dir });
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toBe("pgconf-lint found too many warnings (maximum: 0).\n");
    expect(run(["--quiet"], { cwd: dir }).stdout).toBe("");
  });
});

describe("plugins and configuration", () => {
  test("a plugin package resolved by name from the config's directory, with its preset", () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: ["plugin:example/strict"], plugins: ["example"] }), "postgresql.conf": "work_mem = '2GB'\n" });
    fs.symlinkSync(path.join(PLUGIN_DIR, "node_modules"), path.join(dir, "node_modules"));
    const result = run(["--format", "json"], { cwd: dir });
    expect(result.status).toBe(1);
    const [file] = JSON.parse(result.stdout) as { messages: { ruleId: string; severity: number; fix: unknown }[] }[];
    expect(file!.messages).toEqual([expect.objectContaining({ ruleId: "example/no-work-mem-over-1gb", severity: 2, fix: { range: [11, 16], text: "'1GB'" } })]);
  });

  test("a missing plugin is a configuration error", () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ plugins: ["nothere"] }), "postgresql.conf": "" });
    const result = run([], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^pgconf-lint: cannot load plugin "nothere" from .*: Cannot find module 'pgconf-lint-plugin-nothere'/);
  });

  test("overrides per glob and ignores; print-config shows the result", () => {
    const dir = tree({
      ".pgconf-lint.json": JSON.stringify({ pgVersion: 16, extends: [], ignores: ["legacy/**"], overrides: [{ files: ["replica/**"], pgVersion: 13, rules: { "syntax-error": "warn" } }] }),
      "replica/postgresql.conf": "",
      "legacy/postgresql.conf": "this is not valid at all\n",
    });
    expect(run([], { cwd: dir }).status).toBe(0);
    const printed = JSON.parse(run(["print-config", "replica/postgresql.conf"], { cwd: dir }).stdout) as { pgVersion: number; configFile: string; ignored: boolean };
    expect(printed).toMatchObject({ pgVersion: 13, configFile: `${dir}/.pgconf-lint.json`, ignored: false });
    expect(JSON.parse(run(["print-config", "legacy/postgresql.conf"], { cwd: dir }).stdout)).toMatchObject({ pgVersion: 16, ignored: true });
    const explicit = run(["legacy/postgresql.conf"], { cwd: dir });
    expect(explicit.stdout).toContain("0:0  warning  File ignored because of a matching ignore pattern in the configuration file");
  });

  test("init writes a valid config once", () => {
    const dir = tree({});
    expect(run(["init", "--pg-version", "15"], { cwd: dir })).toEqual({ status: 0, stdout: "Wrote .pgconf-lint.json: PostgreSQL 15, preset recommended.\n", stderr: "" });
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".pgconf-lint.json"), "utf8"))).toMatchObject({ pgVersion: 15, extends: ["recommended"] });
    expect(run(["init"], { cwd: dir }).status).toBe(2);
  });
});

describe("include roots", () => {
  test("includes outside the tree are not read unless allowed; symlinks pointing out count as outside", () => {
    const outside = tree({ "secret.conf": "this line is secret and invalid\n" });
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: [] , rules: { "include-outside-tree": "warn" } }), "postgresql.conf": `include '${outside}/secret.conf'\ninclude 'link.conf'\n` });
    fs.symlinkSync(path.join(outside, "secret.conf"), path.join(dir, "link.conf"));
    const blocked = run(["--format", "json", "postgresql.conf"], { cwd: dir });
    expect(blocked.status).toBe(0);
    const messages = (JSON.parse(blocked.stdout) as { messages: { ruleId: string; line: number; message: string }[] }[])[0]!.messages;
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["include-outside-tree", 1], ["include-outside-tree", 2]]);
    expect(messages[0]!.message).toContain(`include "${outside}/secret.conf" points outside the tree being linted`);
    expect(blocked.stdout).not.toContain("secret and invalid");
    const allowed = run(["--format", "json", "--include-root", outside, "postgresql.conf"], { cwd: dir });
    expect(allowed.status).toBe(1);
    const files = JSON.parse(allowed.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(files.map((f) => [path.basename(f.filePath), f.messages.map((m) => m.ruleId)]).sort()).toEqual([["link.conf", ["syntax-error"]], ["postgresql.conf", []], ["secret.conf", ["syntax-error"]]]);
  });
});

describe("the cluster's pg_hba.conf", () => {
  test("a finding in a file that pg_hba.conf includes (16+) is reported at that file's path and line", () => {
    const dir = tree({
      ".pgconf-lint.json": JSON.stringify({ pgVersion: 16, extends: [], rules: { "hba-no-trust": "error" } }),
      "postgresql.conf": "",
      "pg_hba.conf": "local all all peer\ninclude_dir hba.d\n",
      "hba.d/10-app.conf": "# app servers\nhost all all 10.0.0.0/8 trust\n",
    });
    const json = run(["--format", "json"], { cwd: dir });
    expect(json.status).toBe(1);
    const results = JSON.parse(json.stdout) as { filePath: string; kind: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(results.map((r) => [path.relative(dir, r.filePath), r.kind, r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)])).toEqual([
      ["hba.d/10-app.conf", "hba", ["2:25 hba-no-trust"]],
      ["pg_hba.conf", "hba", []],
      ["postgresql.conf", "conf", []],
    ]);
    const stylish = run([], { cwd: dir });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/hba\.d\/10-app\.conf\n\s+2:25\s+error\s+"trust" on this host record/);
  });
});

describe("fixing", () => {
  const files = { ".pgconf-lint.json": PLUGIN_CONFIG, "postgresql.conf": "# tuning\r\nwork_mem = 4GB   # big\r\nport = 5432\r\n" };

  test("--fix writes in place, atomically, keeping mode, CRLF and comments; a clean file is not rewritten", () => {
    const dir = tree(files);
    const conf = path.join(dir, "postgresql.conf");
    fs.chmodSync(conf, 0o640);
    const result = run(["--fix"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(conf, "utf8")).toBe("# tuning\r\nwork_mem = '1GB'   # big\r\nport = 5432\r\n");
    expect(fs.statSync(conf).mode & 0o777).toBe(0o640);
    const inode = fs.statSync(conf).ino;
    run(["--fix"], { cwd: dir });
    expect(fs.statSync(conf).ino).toBe(inode);
    expect(fs.readdirSync(dir).sort()).toEqual([".pgconf-lint.json", "postgresql.conf"]);
  });

  test("--fix-dry-run leaves the file and puts the output in JSON", () => {
    const dir = tree(files);
    const result = run(["--fix-dry-run", "--format", "json"], { cwd: dir });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { output?: string }[])[0]!.output).toBe("# tuning\r\nwork_mem = '1GB'   # big\r\nport = 5432\r\n");
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(files["postgresql.conf"]);
  });

  test("--diff prints a patch that git apply applies", () => {
    const dir = tree(files);
    const result = run(["--diff"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--- a/postgresql.conf\n+++ b/postgresql.conf\n");
    expect(result.stdout).toContain("-work_mem = 4GB   # big\r\n+work_mem = '1GB'   # big\r\n");
    const patch = path.join(dir, "fix.patch");
    fs.writeFileSync(patch, result.stdout);
    const apply = spawnSync("git", ["apply", "fix.patch"], { cwd: dir, encoding: "utf8" });
    expect(apply.stderr).toBe("");
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe("# tuning\r\nwork_mem = '1GB'   # big\r\nport = 5432\r\n");
  });

  test("--stdin lints the buffer under --stdin-filename's name and config; --fix prints, never writes", () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG, "postgresql.conf": "work_mem = 1MB\n" });
    const result = run(["--stdin", "--stdin-filename", "postgresql.conf", "--format", "json"], { cwd: dir, input: "work_mem = 8GB\n" });
    expect(result.status).toBe(1);
    const [file] = JSON.parse(result.stdout) as { filePath: string; messages: { line: number; column: number }[] }[];
    expect(file).toMatchObject({ filePath: path.join(dir, "postgresql.conf"), messages: [{ line: 1, column: 12 }] });
    const fixed = run(["--stdin", "--stdin-filename", "postgresql.conf", "--fix", "--format", "json"], { cwd: dir, input: "work_mem = 8GB\n" });
    expect((JSON.parse(fixed.stdout) as { output: string }[])[0]!.output).toBe("work_mem = '1GB'\n");
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe("work_mem = 1MB\n");
  });

  test("--stdin --fix prints the fixed text alone (format on save)", () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    expect(run(["--stdin", "--stdin-filename", "postgresql.conf", "--fix"], { cwd: dir, input: "# c\nwork_mem = 8GB # big\n" })).toEqual({ status: 0, stdout: "# c\nwork_mem = '1GB' # big\n", stderr: "" });
    expect(run(["--stdin", "--stdin-filename", "postgresql.conf", "--fix"], { cwd: dir, input: "bad line here\n" })).toEqual({ status: 1, stdout: "bad line here\n", stderr: "" });
  });

  test("--fix-rule and --fix-type limit which fixes apply; --format diff is the diff", () => {
    const dir = tree(files);
    expect(run(["--format", "diff", "--fix-rule", "syntax-error"], { cwd: dir }).stdout).toBe("");
    expect(run(["--format", "diff", "--fix-type", "security"], { cwd: dir }).stdout).toBe("");
    expect(run(["--format", "diff", "--fix-rule", "example/no-work-mem-over-1gb"], { cwd: dir }).stdout).toContain("+work_mem = '1GB'   # big\r\n");
    expect(run(["--format", "diff", "--fix-type", "correctness"], { cwd: dir }).stdout).toContain("+work_mem = '1GB'   # big\r\n");
  });

  test("--fix and --diff together are a usage error", () => {
    expect(run(["--fix", "--diff"], { cwd: tree({}) })).toEqual({ status: 2, stdout: "", stderr: "pgconf-lint: --fix writes the files and --diff prints the changes: choose one\n" });
  });
});

describe("git", () => {
  test("--changed-since lints changed files only; --only-changed-lines keeps findings on changed lines", () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG, "a/postgresql.conf": "work_mem = 2GB\nport = 5432\n", "b/postgresql.conf": "work_mem = 3GB\n" });
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
    fs.writeFileSync(path.join(dir, "a/postgresql.conf"), "work_mem = 2GB\nport = 5433\nwork_mem = 4GB\n");
    const changed = JSON.parse(run(["--changed-since", "HEAD", "--format", "json"], { cwd: dir }).stdout) as { filePath: string; messages: { line: number }[] }[];
    expect(changed.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.line)])).toEqual([["a/postgresql.conf", [1, 3]]]);
    const lines = JSON.parse(run(["--changed-since", "HEAD", "--only-changed-lines", "--format", "json"], { cwd: dir }).stdout) as { messages: { line: number }[]; errorCount: number }[];
    expect(lines.map((r) => [r.messages.map((m) => m.line), r.errorCount])).toEqual([[[3], 1]]);
    expect(run(["--only-changed-lines"], { cwd: dir }).stderr).toBe("pgconf-lint: --only-changed-lines needs --changed-since REF\n");
  });
});

describe("formats and listings", () => {
  test("TIMING=1: the slowest rules on stderr after the report; the JSON on stdout stays whole", () => {
    const dir = tree({ "postgresql.conf": "work_mem = 4MB\nssl = off\n", "pg_hba.conf": "local all all trust\n" });
    const timed = run(["--format", "json", "."], { cwd: dir, env: { TIMING: "1" } });
    expect(timed.status).toBe(1);
    expect(Array.isArray(JSON.parse(timed.stdout))).toBe(true);
    const lines = timed.stderr.trimEnd().split("\n");
    expect(lines.slice(0, 2).map((line) => line.replace(/ +/g, " "))).toEqual(["Rule | Time (ms) | Relative", expect.stringMatching(/^:-+\|-+:\|-+:$/)]);
    expect(lines).toHaveLength(12);
    // Rule ids hold digits too (hba-scram-with-md5-encryption), which the slowest ten may include.
    for (const line of lines.slice(2)) expect(line).toMatch(/^[a-z0-9-]+ +\| +\d+\.\d{3} \| +\d+\.\d%$/);
    const all = run(["--format", "json", "."], { cwd: dir, env: { TIMING: "all" } });
    expect(all.stderr.trimEnd().split("\n").length).toBeGreaterThan(20);
    expect(run(["--format", "json", "."], { cwd: dir }).stderr).toBe("");
  });

  test("github annotations", () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG, "postgresql.conf": "work_mem = 4GB\n" });
    expect(run(["--format", "github"], { cwd: dir }).stdout).toBe("::error file=postgresql.conf,line=1,col=12,endLine=1,endColumn=15,title=example/no-work-mem-over-1gb::work_mem = 4GB is over 1GB: every sort and hash may use that much. Set it to 1GB or less.\n");
  });

  test("an unknown format is exit 2 with the list", () => {
    expect(run(["--format", "xml"], { cwd: tree({ "postgresql.conf": "" }) }).stderr).toBe('pgconf-lint: Unknown format "xml"; the formats are: stylish, json, sarif, github, rdjson.\n');
  });

  test("rules --format json lists every built-in rule with its docs page", () => {
    const rules = JSON.parse(run(["rules", "--format", "json"], { cwd: REPO }).stdout) as { id: string; docs: string }[];
    expect(rules.map((rule) => rule.id)).toContain("syntax-error");
    for (const rule of rules) expect(fs.existsSync(path.join(REPO, "docs/rules", `${rule.id}.md`))).toBe(true);
  });

  test("--version and --help", () => {
    expect(run(["--version"], { cwd: REPO }).stdout).toBe("0.1.0\n");
    const help = run(["--help"], { cwd: REPO }).stdout;
    expect(help).toContain("--fix-dry-run");
    expect(help).toContain("Examples:");
  });
});
