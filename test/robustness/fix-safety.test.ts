// `--fix` through the CLI when writing goes wrong: a read-only file (real permissions, as the
// unprivileged server user; an immutable one as root), a full disk (a real tmpfs), a file that
// changes between read and write, a kill in the middle. Each leaves the original intact or the
// complete new version, never a truncated file; the mode and a symlinked target are kept.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BIN, buildCli, chownToServerUser, removeTrees, runCli, tree } from "./cli-run";

beforeAll(buildCli, 120_000);
afterAll(removeTrees);

const isRoot = process.getuid?.() === 0;
const TEMP = /^\.postgresql\.conf\.pgconf-lint-\d+-[0-9a-f]{12}\.tmp$/;
const ORIGINAL = "\uFEFFwork_mem = 4MB\n";
const FIXED = "work_mem = 4MB\n";

function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => TEMP.test(name));
}

test("the mode and a symlinked target are kept", () => {
  const dir = tree({ "real/postgresql.conf": ORIGINAL });
  fs.chmodSync(path.join(dir, "real/postgresql.conf"), 0o640);
  fs.mkdirSync(path.join(dir, "data"));
  fs.symlinkSync("../real/postgresql.conf", path.join(dir, "data/postgresql.conf"));
  expect(runCli(["--fix", "data/postgresql.conf"], { cwd: dir })).toMatchObject({ status: 0, stderr: "" });
  expect(fs.readlinkSync(path.join(dir, "data/postgresql.conf"))).toBe("../real/postgresql.conf");
  expect(fs.readFileSync(path.join(dir, "real/postgresql.conf"), "utf8")).toBe(FIXED);
  expect(fs.statSync(path.join(dir, "real/postgresql.conf")).mode & 0o7777).toBe(0o640);
  expect(leftovers(path.join(dir, "real"))).toEqual([]);
});

(isRoot ? test : test.skip)("a read-only file, as the unprivileged server user: exit 2, one line, the file intact", () => {
  const dir = tree({ "postgresql.conf": ORIGINAL });
  chownToServerUser(dir);
  fs.chmodSync(path.join(dir, "postgresql.conf"), 0o444);
  const run = runCli(["--fix", "postgresql.conf"], { cwd: dir, asServerUser: true });
  expect(run).toMatchObject({ status: 2, stdout: "", stderr: `pgconf-lint: cannot write "${dir}/postgresql.conf": EACCES: permission denied (the file is read-only)\n` });
  expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(ORIGINAL);
  expect(leftovers(dir)).toEqual([]);
  // A read-only directory: the temporary file cannot be made.
  fs.chmodSync(path.join(dir, "postgresql.conf"), 0o644);
  fs.chmodSync(dir, 0o555);
  const inReadOnlyDir = runCli(["--fix", "postgresql.conf"], { cwd: dir, asServerUser: true });
  expect(inReadOnlyDir).toMatchObject({ status: 2, stdout: "", stderr: `pgconf-lint: cannot write "${dir}/postgresql.conf": EACCES: permission denied\n` });
  expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(ORIGINAL);
  fs.chmodSync(dir, 0o755);
});

const hasChattr = isRoot && spawnSync("chattr", ["--help"]).error === undefined;

(hasChattr ? test : test.skip)("an immutable file (chattr +i), as root: exit 2, the file intact, no temporary file left", () => {
  const dir = tree({ "postgresql.conf": ORIGINAL });
  const immutable = spawnSync("chattr", ["+i", path.join(dir, "postgresql.conf")]);
  if (immutable.status !== 0) return; // a file system without the attribute (tmpfs, overlay)
  try {
    const run = runCli(["--fix", "postgresql.conf"], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`pgconf-lint: cannot write "${dir}/postgresql.conf": EPERM: operation not permitted (the file is read-only)\n`);
    expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(ORIGINAL);
    expect(leftovers(dir)).toEqual([]);
  } finally {
    spawnSync("chattr", ["-i", path.join(dir, "postgresql.conf")]);
  }
});

(isRoot ? test : test.skip)("a full disk (a 1 MB tmpfs, filled): exit 2 with ENOSPC, the file intact, no temporary file left", () => {
  const dir = tree();
  const mount = path.join(dir, "disk");
  fs.mkdirSync(mount);
  if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mount]).status !== 0) return; // no mount permission
  try {
    // The file takes most of the disk, the filler the rest: the new version cannot be written.
    const big = `\uFEFF${"# padding line for a big configuration file\n".repeat(12_000)}work_mem = 4MB\n`;
    fs.writeFileSync(path.join(mount, "postgresql.conf"), big);
    fs.writeFileSync(path.join(mount, ".pgconf-lint.json"), JSON.stringify({ extends: [], rules: { bom: "error" } }));
    try {
      fs.writeFileSync(path.join(mount, "filler"), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC: full, as wanted
    }
    const run = runCli(["--fix", "postgresql.conf"], { cwd: mount });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`pgconf-lint: cannot write "${mount}/postgresql.conf": ENOSPC: no space left on device\n`);
    expect(fs.readFileSync(path.join(mount, "postgresql.conf"), "utf8")).toBe(big);
    expect(leftovers(mount)).toEqual([]);
  } finally {
    spawnSync("umount", [mount]);
  }
});

test("a file changed by someone else between read and write: not written, their change kept", () => {
  // A plugin rule that edits the file on disk while the linter runs, after it was read.
  const dir = tree({
    "postgresql.conf": ORIGINAL,
    "meddler.js": `module.exports = { name: "meddler", rules: { edit: { meta: { description: "Edits the file.", category: "syntax", files: ["conf"], defaultSeverity: "error", presets: [], fixable: false, messages: {}, references: [] }, check(context) { for (const file of context.cluster.confFiles) require("fs").writeFileSync(file.path, "work_mem = 8MB # theirs\\n"); } } } };\n`,
  });
  fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ extends: [], plugins: [path.join(dir, "meddler.js")], rules: { bom: "error", "meddler/edit": "error" } }));
  const run = runCli(["--fix", "postgresql.conf"], { cwd: dir });
  expect(run).toMatchObject({ status: 2, stdout: "", stderr: `pgconf-lint: "${dir}/postgresql.conf" changed on disk since it was read; not written\n` });
  expect(fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe("work_mem = 8MB # theirs\n");
});

test("SIGKILL in the middle of writing: the original or the complete new version, never a mix", async () => {
  // Big enough that the write takes a while; the fix (removing the BOM) rewrites all of it.
  const body = "x.padding = 'some value'  # a line of a large generated file\n".repeat(20_000);
  const dir = tree({ "postgresql.conf": `\uFEFF${body}` });
  const outcomes = new Set<string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    fs.writeFileSync(path.join(dir, "postgresql.conf"), `\uFEFF${body}`);
    const child = spawn(process.execPath, [BIN, "--fix", "postgresql.conf"], { cwd: dir, stdio: "ignore", env: { ...process.env, PGCONF_LINT_WORKERS: "0" } });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Kill as soon as the temporary file exists (mid-write), or at a later moment on later attempts.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null && leftovers(dir).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, attempt * 15));
    child.kill("SIGKILL");
    await exited;
    const text = fs.readFileSync(path.join(dir, "postgresql.conf"), "utf8");
    expect([`\uFEFF${body}`, body]).toContain(text);
    outcomes.add(text === body ? "new" : "original");
    for (const leftover of leftovers(dir)) fs.rmSync(path.join(dir, leftover));
  }
  expect(outcomes.size).toBeGreaterThan(0);
}, 300_000);
