// Running the built CLI as users run it, for the robustness suites: in temp trees, with a time
// limit and a heap limit (a case that exceeds either fails), optionally as the unprivileged
// server user so that file permissions are real even when the tests run as root.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { serverUser } from "../oracle/installations";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/pgconf-lint.js");

/** Builds dist/ once per test file (npm test builds first; a lone jest run must not use a stale bundle). */
export function buildCli(): void {
  const build = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Wall-clock limit; the process is killed past it (status null, signal SIGKILL). */
  timeoutMs?: number;
  /** V8 heap limit in MB: a run that needs more dies with "heap out of memory". */
  maxHeapMb?: number;
  /** Run as the unprivileged server user (only when we are root; otherwise as ourselves). */
  asServerUser?: boolean;
}

export function runCli(args: string[], options: RunOptions): Run {
  const user = options.asServerUser ? serverUser() : null;
  const started = Date.now();
  const result = spawnSync(process.execPath, [`--max-old-space-size=${options.maxHeapMb ?? 512}`, BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: options.timeoutMs ?? 30_000,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", PGCONF_LINT_WORKERS: "0", ...options.env },
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

const trees: string[] = [];

/** The config every robustness case uses: the always-on rules (syntax-error) and `bom`, nothing
 *  that the evolving rule set could change under the expected messages. */
export const CONFIG = JSON.stringify({ extends: [], rules: { bom: "error", "include-outside-tree": "warn", "hba-invalid-record": "error" } });

/** A temp dir (traversable by the server user) holding `files` and the CONFIG as its
 *  .pgconf-lint.json; removed by `removeTrees`. */
export function tree(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-robust-"));
  fs.chmodSync(dir, 0o755);
  trees.push(dir);
  for (const [relative, content] of Object.entries({ ".pgconf-lint.json": CONFIG, ...files })) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeTrees(): void {
  for (const dir of trees.splice(0)) {
    spawnSync("chattr", ["-R", "-i", dir], { stdio: "ignore" });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Gives the tree to the server user (when we are root), so that it can write what the tests let it. */
export function chownToServerUser(dir: string): void {
  const user = serverUser();
  if (!user) return;
  spawnSync("chown", ["-R", `${user.uid}:${user.gid}`, dir]);
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; column: number; fatal?: boolean }[];
}

/** `--format json`, each message as "FILE:LINE:COL RULE MESSAGE" (paths relative to `dir`,
 *  `dir` itself written as <dir> inside messages); fatal messages' rule is "fatal". */
export function lintLines(dir: string, args: string[], options: Partial<RunOptions> = {}): Run & { lines: string[] } {
  const run = runCli(["--format", "json", ...args], { cwd: dir, ...options });
  let lines: string[] = [];
  if (run.stdout.trim().startsWith("[")) {
    const results = JSON.parse(run.stdout) as JsonResult[];
    lines = results.flatMap((result) =>
      result.messages.map((m) => `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.fatal ? "fatal" : (m.ruleId ?? "-")} ${m.message.split(dir).join("<dir>")}`),
    );
  }
  return { ...run, lines };
}
