// The pre-commit hooks of .pre-commit-hooks.yaml, used as a project uses them: pre-commit clones
// the hook repository at a revision, installs it as a node package (`npm install`, `npm pack`,
// `npm install -g` of the tarball: the package builds dist/ in its `prepare` script) and runs the
// hooks on `git commit`. The hook repository is a clone of this checkout's HEAD, with the working
// tree's versions of the files that define the hooks and the package's installation committed on
// top, so that changing them is tested before they are committed.
//
// Needs pre-commit (Debian: `apt-get install pre-commit`) and the npm registry (the hooks'
// installation downloads the package's dependencies). Without pre-commit the suite is skipped with
// a notice; with PGCONF_LINT_REQUIRE_ORACLES=1 (CI) it fails instead.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REQUIRE_ORACLES_ENV } from "../oracle/installations";
import { REPO, removeTempDirs, tempDir, writeTree } from "./cli";

/** The files of this checkout that pre-commit's installation of the hooks reads. */
const HOOK_DEFINITION_FILES = [".pre-commit-hooks.yaml", "package.json", "package-lock.json", ".npmrc"];

/**
 * pre-commit's version when it is installed. With PGCONF_LINT_REQUIRE_ORACLES=1 (CI) a missing pre-commit
 * throws, as test/oracle/installations.ts's requireOracles does for a missing server, so that the
 * hooks are not silently left untested; otherwise the suite is skipped with a notice.
 */
function requirePreCommit(): string | null {
  const probe = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  const version = probe.status === 0 ? probe.stdout.trim() : null;
  if (version !== null) return version;
  if (process.env[REQUIRE_ORACLES_ENV] === "1") {
    throw new Error(`pre-commit is missing while ${REQUIRE_ORACLES_ENV}=1: install it (\`apt-get install -y pre-commit\`, or \`pip install pre-commit\`)`);
  }
  console.warn("test/integrations/pre-commit.test.ts skipped: pre-commit is not installed (`apt-get install -y pre-commit`)");
  return null;
}

const PRE_COMMIT = requirePreCommit();

// Rules pinned, so that what the hooks report does not depend on the presets' evolution.
const LINT_CONFIG = JSON.stringify({ root: true, extends: [], rules: { "typographic-quotes": "error", "hba-no-md5": "warn", "hba-no-trust": "error" } });
const GOOD_HBA = "local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n";

let env: NodeJS.ProcessEnv;

function run(command: string, args: string[], cwd: string, timeout = 60_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout });
  if (result.error) throw result.error;
  return result;
}

/** Runs a command that must succeed; its stdout. */
function ok(command: string, args: string[], cwd: string, timeout?: number): string {
  const result = run(command, args, cwd, timeout);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function git(cwd: string, ...args: string[]): string {
  return ok("git", args, cwd).trim();
}

/** `git commit`: its status and everything it printed (pre-commit's report included). */
function commit(cwd: string, message: string): { status: number | null; output: string } {
  const result = run("git", ["commit", "--quiet", "-m", message], cwd, 120_000);
  return { status: result.status, output: result.stdout + result.stderr };
}

/** The hook repository: HEAD, plus the working tree's hook definition files; its path and revision. */
function hookRepository(): { repo: string; rev: string } {
  const repo = path.join(tempDir("pre-commit-hooks"), "pgconf-lint");
  ok("git", ["clone", "--quiet", REPO, repo], REPO, 120_000);
  for (const file of HOOK_DEFINITION_FILES) {
    if (fs.existsSync(path.join(REPO, file))) fs.copyFileSync(path.join(REPO, file), path.join(repo, file));
    else fs.rmSync(path.join(repo, file), { force: true });
  }
  git(repo, "add", "--all");
  if (git(repo, "status", "--porcelain") !== "") git(repo, "commit", "--quiet", "-m", "The working tree's hook definitions");
  return { repo, rev: git(repo, "rev-parse", "HEAD") };
}

/** A project whose .pre-commit-config.yaml uses `hookId` from the hook repository, with pre-commit's git hook installed. */
function project(hooks: { repo: string; rev: string }, hookId: string): string {
  const dir = tempDir(`pre-commit-${hookId}`);
  git(dir, "init", "--quiet");
  writeTree(dir, {
    ".pre-commit-config.yaml": `repos:\n  - repo: ${hooks.repo}\n    rev: ${hooks.rev}\n    hooks:\n      - id: ${hookId}\n`,
    ".pgconf-lint.json": LINT_CONFIG,
  });
  ok("pre-commit", ["install"], dir);
  // Clones the hook repository and installs its node environment: minutes, the first time.
  ok("pre-commit", ["install-hooks"], dir, 900_000);
  git(dir, "add", "--all");
  const first = commit(dir, "pre-commit configuration");
  if (first.status !== 0) throw new Error(`the first commit failed:\n${first.output}`);
  return dir;
}

function commitCount(dir: string): number {
  return Number(git(dir, "rev-list", "--count", "HEAD"));
}

(PRE_COMMIT !== null ? describe : describe.skip)(`pre-commit hooks (${PRE_COMMIT ?? "pre-commit missing"})`, () => {
  let hooks: { repo: string; rev: string };

  beforeAll(() => {
    const home = tempDir("pre-commit-home");
    // Nothing of the environment that runs jest: npm's variables (npm test sets them) would steer
    // the hooks' npm, and a git configuration (core.hooksPath, commit signing) would steer git.
    env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|GIT_|PRE_COMMIT)/i.test(name) && name !== "NODE_ENV"));
    Object.assign(env, {
      PRE_COMMIT_HOME: path.join(home, "cache"),
      GIT_CONFIG_GLOBAL: path.join(home, "gitconfig"),
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "pgconf-lint tests",
      GIT_AUTHOR_EMAIL: "tests@pgconf-lint.invalid",
      GIT_COMMITTER_NAME: "pgconf-lint tests",
      GIT_COMMITTER_EMAIL: "tests@pgconf-lint.invalid",
      NO_COLOR: "1",
    });
    fs.writeFileSync(env.GIT_CONFIG_GLOBAL!, "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
    hooks = hookRepository();
  }, 300_000);

  afterAll(removeTempDirs);

  describe("pgconf-lint", () => {
    let dir: string;

    beforeAll(() => {
      dir = project(hooks, "pgconf-lint");
    }, 1_000_000);

    test("a clean configuration file is committed; files of other names are not linted", () => {
      writeTree(dir, {
        "cluster/pg_hba.conf": GOOD_HBA,
        // Not a configuration file's name: a syntax error in it stops nothing.
        "docs/example.conf": "this is not = = a configuration file\n",
      });
      git(dir, "add", "--all");
      const result = commit(dir, "good");
      expect(result.output).toMatch(/^pgconf-lint\.+Passed$/m);
      expect(result.status).toBe(0);
      expect(commitCount(dir)).toBe(2);
    }, 120_000);

    test("a commit with a finding is refused, and the finding printed", () => {
      const bad = `${GOOD_HBA}host all all 0.0.0.0/0 trust\n`;
      writeTree(dir, { "cluster/pg_hba.conf": bad });
      git(dir, "add", "--all");
      const before = commitCount(dir);
      const result = commit(dir, "bad");
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/^pgconf-lint\.+Failed$/m);
      expect(result.output).toMatch(/^cluster\/pg_hba\.conf$/m);
      expect(result.output).toMatch(/^ {2}3:\d+ +error +"trust" on this host record .* hba-no-trust$/m);
      expect(commitCount(dir)).toBe(before);
      // The checking hook leaves the file alone.
      expect(fs.readFileSync(path.join(dir, "cluster/pg_hba.conf"), "utf8")).toBe(bad);
    }, 120_000);
  });

  describe("pgconf-lint-fix", () => {
    let dir: string;

    beforeAll(() => {
      // The same repository and revision: pre-commit reuses the environment installed above.
      dir = project(hooks, "pgconf-lint-fix");
    }, 1_000_000);

    test("the fixing hook rewrites the files and refuses the commit; committed again, they pass", () => {
      writeTree(dir, {
        "data/postgresql.conf": "work_mem = ‘64MB’   # quoted in a word processor\n",
        "data/pg_hba.conf": "local all all peer\nhostssl all all 10.0.0.0/8 md5\n",
      });
      git(dir, "add", "--all");
      const result = commit(dir, "fixable");
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/^pgconf-lint --fix\.+Failed$/m);
      expect(result.output).toContain("- files were modified by this hook");
      expect(commitCount(dir)).toBe(1);
      expect(fs.readFileSync(path.join(dir, "data/postgresql.conf"), "utf8")).toBe("work_mem = '64MB'   # quoted in a word processor\n");
      expect(fs.readFileSync(path.join(dir, "data/pg_hba.conf"), "utf8")).toBe("local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\n");

      git(dir, "add", "--all");
      const again = commit(dir, "fixed");
      expect(again.output).toMatch(/^pgconf-lint --fix\.+Passed$/m);
      expect(again.status).toBe(0);
      expect(commitCount(dir)).toBe(2);
    }, 120_000);

    test("what --fix cannot fix refuses the commit, with the finding printed", () => {
      const bad = "host all all 0.0.0.0/0 trust\n";
      writeTree(dir, { "data/pg_hba.conf": bad });
      git(dir, "add", "--all");
      const before = commitCount(dir);
      const result = commit(dir, "unfixable");
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/^pgconf-lint --fix\.+Failed$/m);
      expect(result.output).toMatch(/^ {2}1:\d+ +error +"trust" on this host record .* hba-no-trust$/m);
      expect(result.output).not.toContain("files were modified by this hook");
      expect(commitCount(dir)).toBe(before);
      expect(fs.readFileSync(path.join(dir, "data/pg_hba.conf"), "utf8")).toBe(bad);
    }, 120_000);
  });
});
