// bin/pgconf-lint.js starts the bundle with V8's code cache that the build makes: the cache must
// be used when it fits, ignored when it does not, and never change what the CLI prints.
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(REPO, "examples/cluster");

/** A copy of bin/ and dist/ (the catalogs reached through src/), safe from concurrent builds. */
let copy: string;

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-start-"));
  fs.cpSync(path.join(REPO, "bin"), path.join(copy, "bin"), { recursive: true });
  fs.cpSync(path.join(REPO, "dist"), path.join(copy, "dist"), { recursive: true });
  fs.symlinkSync(path.join(REPO, "src"), path.join(copy, "src"));
}, 60_000);

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function start(root: string, args: string[]): Run {
  const result = spawnSync(process.execPath, [path.join(root, "bin/pgconf-lint.js"), ...args], { cwd: EXAMPLE, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PGCONF_LINT_DEBUG: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The bundle required as a plain module: no cache, no loader. */
function plainRequire(root: string, args: string[]): Run {
  const script = `process.argv = [process.argv[0], "pgconf-lint", ...${JSON.stringify(args)}]; require(${JSON.stringify(path.join(root, "dist/cli.js"))});`;
  const result = spawnSync(process.execPath, ["-e", script], { cwd: EXAMPLE, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `body` on a throw-away copy of the copy (to change its bundle or its cache). */
function inCopy(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-start-case-"));
  try {
    fs.cpSync(copy, dir, { recursive: true, verbatimSymlinks: true });
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CACHE_LINE = /^pgconf-lint: code cache: (.*)$/m;
const ARGS_SETS = [["postgresql.conf", "pg_hba.conf", "pg_ident.conf"], ["--format", "json", "."], ["rules"]];

describe("the code cache", () => {
  it("was made by the build for this Node, from this bundle", () => {
    const cache = fs.readFileSync(path.join(copy, "dist/cli.js.cache"));
    const digest = crypto.createHash("sha256").update(fs.readFileSync(path.join(copy, "dist/cli.js"))).digest("hex");
    const stat = fs.statSync(path.join(REPO, "dist/cli.js"), { bigint: true });
    const identity = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    expect(cache.subarray(0, cache.indexOf(10)).toString("latin1")).toBe(`pgconf-lint code cache ${process.version} ${process.arch} ${identity} ${digest}`);
  });

  it.each(ARGS_SETS)("is used for a copy of the bundle (same bytes, checked by digest), and the output is the bundle's own (%s ...)", (...args) => {
    const started = start(copy, args);
    expect(started.stderr.match(CACHE_LINE)?.[1]).toBe("used (checked by digest)");
    const plain = plainRequire(copy, args);
    expect(started.stdout).toBe(plain.stdout);
    expect(started.status).toBe(plain.status);
    expect(started.stdout.length).toBeGreaterThan(100);
  });

  it("is used without hashing the bundle it was made from (its identity on disk)", () => {
    const started = start(REPO, ["postgresql.conf"]);
    expect(started.stderr.match(CACHE_LINE)?.[1]).toBe("used (checked by file identity)");
    expect(started.stdout).toBe(plainRequire(REPO, ["postgresql.conf"]).stdout);
  });

  it("is ignored after the bundle changes, which then runs as it is", () => {
    inCopy((changed) => {
      // Same length, other content: V8's own check (the source's length) would take the cache.
      const bundle = path.join(changed, "dist/cli.js");
      const text = fs.readFileSync(bundle, "utf8");
      const marker = 'scriptName("pgconf-lint")';
      expect(text).toContain(marker);
      fs.writeFileSync(bundle, text.replace(marker, 'scriptName("pgconf-LINT")'));
      const started = start(changed, ["--help"]);
      expect(started.stderr.match(CACHE_LINE)?.[1]).toBe("none for this build and Node");
      expect(started.stdout).toContain("pgconf-LINT [files, directories or globs...]");
      expect(started.status).toBe(0);
    });
  });

  it("that V8 refuses (damaged data) leaves the run as it would be without one", () => {
    inCopy((damaged) => {
      const cacheFile = path.join(damaged, "dist/cli.js.cache");
      const cache = fs.readFileSync(cacheFile);
      const headerEnd = cache.indexOf(10) + 1;
      fs.writeFileSync(cacheFile, Buffer.concat([cache.subarray(0, headerEnd), Buffer.alloc(cache.length - headerEnd, 0x5a)]));
      const args = ARGS_SETS[0]!;
      const started = start(damaged, args);
      expect(started.stderr.match(CACHE_LINE)?.[1]).toBe("rejected by V8");
      expect(started.stdout).toBe(plainRequire(damaged, args).stdout);
    });
  });

  it("missing: the bundle runs without one", () => {
    inCopy((bare) => {
      fs.rmSync(path.join(bare, "dist/cli.js.cache"));
      const args = ARGS_SETS[0]!;
      const started = start(bare, args);
      expect(started.stderr.match(CACHE_LINE)?.[1]).toBe("none for this build and Node");
      expect(started.stdout).toBe(plainRequire(bare, args).stdout);
    });
  });
});

test("--enable-source-maps: the bundle is loaded by Node, so that stack traces name the sources", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-start-maps-"));
  try {
    fs.writeFileSync(path.join(dir, "postgresql.conf"), "work_mem = '4MB'\n");
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ plugins: [path.join(dir, "no-such-plugin")] }));
    const result = spawnSync(process.execPath, ["--enable-source-maps", path.join(copy, "bin/pgconf-lint.js"), "postgresql.conf"], { cwd: dir, encoding: "utf8", env: { ...process.env, PGCONF_LINT_DEBUG: "1" } });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(CACHE_LINE);
    expect(result.stderr).toMatch(/at loadPlugin \(.*src\/engine\/registry\.ts:\d+:\d+\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("without the bundle: one line that names it and says what to do, exit 2", () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-start-empty-"));
  try {
    fs.cpSync(path.join(REPO, "bin"), path.join(empty, "bin"), { recursive: true });
    const result = spawnSync(process.execPath, [path.join(empty, "bin/pgconf-lint.js")], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`pgconf-lint: cannot read ${path.join(empty, "dist", "cli.js")} (ENOENT): run \`npm run build\`, or reinstall pgconf-lint\n`);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
