// Worker threads give the results one thread gives: the built CLI on a tree of clusters, with
// PGCONF_LINT_WORKERS=2 (forced: the tree is small) and =0.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "bin/pgconf-lint.js");
const PLUGIN = path.join(REPO, "fixtures/plugins/node_modules/pgconf-lint-plugin-example");

beforeAll(() => {
  // The workers run dist/lint-worker.js: build it from these sources.
  const build = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}, 60_000);

function lintTree(dir: string, workers: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PGCONF_LINT_WORKERS: workers } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function makeTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-parallel-"));
  for (let i = 0; i < 13; i++) {
    const cluster = path.join(dir, `site-${i % 3}`, `cluster-${String(i).padStart(2, "0")}`);
    fs.mkdirSync(cluster, { recursive: true });
    const lines = [`port = ${5432 + i}`, "work_mem = 2GB", i % 4 === 0 ? "shared_buffers = lots" : "shared_buffers = 1GB", i % 5 === 0 ? "bad line here" : "# fine", "include_if_exists = 'extra.conf'", "ssl = off"];
    fs.writeFileSync(path.join(cluster, "postgresql.conf"), `${lines.join("\n")}\n`);
    if (i % 2 === 0) fs.writeFileSync(path.join(cluster, "extra.conf"), "max_connections = 10\nmax_connections = 20\n");
    if (i % 3 !== 1) fs.writeFileSync(path.join(cluster, "pg_hba.conf"), `local all all trust\nhost all all 0.0.0.0/0 md5\n${i % 3 === 2 ? "host all\n" : ""}`);
  }
  // A pg_hba.conf alone in its directory, and a pg_ident.conf.
  fs.mkdirSync(path.join(dir, "lonely"));
  fs.writeFileSync(path.join(dir, "lonely", "pg_hba.conf"), "hostssl all all 10.0.0.0/8 scram-sha-256\n");
  fs.writeFileSync(path.join(dir, "lonely", "pg_ident.conf"), "map1 alice postgres\n");
  fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ plugins: [PLUGIN], rules: { "example/no-work-mem-over-1gb": "error" } }));
  return dir;
}

describe("lint on worker threads", () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([[["--format", "json", "."]], [["--format", "stylish", "."]], [["--format", "json", "--report-unused-disable-directives", "site-0", "lonely"]]])("%j: the same output and status as one thread", (args) => {
    const one = lintTree(dir, "0", args);
    const two = lintTree(dir, "2", args);
    expect(one.stderr).toBe("");
    expect(two).toEqual(one);
    expect(one.status).toBe(1);
  });

  test("the plugin's rule runs in the workers, which do run", () => {
    const profiles = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-parallel-prof-"));
    try {
      const result = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", profiles, BIN, "--format", "json", "."], { cwd: dir, encoding: "utf8", env: { ...process.env, PGCONF_LINT_WORKERS: "2" } });
      const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
      // One CPU profile per thread: this one and a worker.
      expect(fs.readdirSync(profiles)).toHaveLength(2);
      expect(results.filter((r) => r.messages.some((message) => message.ruleId === "example/no-work-mem-over-1gb"))).toHaveLength(13);
    } finally {
      fs.rmSync(profiles, { recursive: true, force: true });
    }
  });

  test("a configuration error is the same error with workers asked for, exit status 2", () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-parallel-"));
    try {
      for (let i = 0; i < 6; i++) {
        fs.mkdirSync(path.join(broken, `c${i}`));
        fs.writeFileSync(path.join(broken, `c${i}`, "postgresql.conf"), "work_mem = 1MB\n");
      }
      const args = ["--format", "json", "--rule", "no-such-rule: error", "."];
      const one = lintTree(broken, "0", args);
      const two = lintTree(broken, "2", args);
      expect(one.status).toBe(2);
      expect(two).toEqual(one);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});
