// The oracle's scratch space under os.tmpdir(): one initdb template per exact server version,
// shared by every jest worker and run, and one run dir per started server. Also makes sure no
// server outlives the process that started it.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Installation, ServerUser } from "./installations";

const execFileAsync = promisify(execFile);

export const ORACLE_ROOT = path.join(os.tmpdir(), "pgconf-lint-oracle");
/** The superuser initdb creates, whatever the OS user is called. */
export const SUPERUSER = "postgres";
const OWNER_PID_FILE = "owner.pid";
const TEMPLATE_READY_FILE = "ready";
const STALE_BUILD_MS = 60 * 60 * 1000;

/** Environment for every server process: English messages whatever the machine's locale. */
export function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C" };
}

/** spawn options that run a command as the server user when we are root. */
export function asServerUser(user: ServerUser | null): { uid?: number; gid?: number } {
  // Node's uid/gid (libuv drops supplementary groups too) does what `runuser -u USER --` does,
  // without a supervising runuser process between us and the postmaster we signal.
  return user ? { uid: user.uid, gid: user.gid } : {};
}

function chownToServerUser(target: string, user: ServerUser | null): void {
  if (user) fs.chownSync(target, user.uid, user.gid);
}

function ensureRoot(): void {
  fs.mkdirSync(ORACLE_ROOT, { recursive: true });
  // The server user must traverse it; os.tmpdir() itself is world-accessible.
  if (process.getuid?.() === 0) fs.chmodSync(ORACLE_ROOT, 0o755);
}

const templates = new Map<string, Promise<string>>();

/**
 * The data dir of an initdb'ed template for this installation, created once and reused across
 * test files and runs. Built under a temporary name and renamed into place, so parallel
 * workers never see a half-built template: the loser of the rename drops its copy.
 */
export function templateDataDir(installation: Installation, user: ServerUser | null): Promise<string> {
  const name = `template-${installation.label}-${installation.exactVersion}`;
  let template = templates.get(name);
  if (!template) {
    template = buildTemplate(name, installation, user);
    templates.set(name, template);
    template.catch(() => templates.delete(name));
  }
  return template;
}

async function buildTemplate(name: string, installation: Installation, user: ServerUser | null): Promise<string> {
  ensureRoot();
  const finalDir = path.join(ORACLE_ROOT, name);
  if (fs.existsSync(path.join(finalDir, TEMPLATE_READY_FILE))) return path.join(finalDir, "data");
  const buildDir = fs.mkdtempSync(path.join(ORACLE_ROOT, `${name}.building-`));
  try {
    fs.chmodSync(buildDir, 0o755);
    const dataDir = path.join(buildDir, "data");
    fs.mkdirSync(dataDir, { mode: 0o700 });
    chownToServerUser(dataDir, user);
    const initdb = path.join(installation.binDir, "initdb");
    const args = ["-D", dataDir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"];
    try {
      await execFileAsync(initdb, args, { env: serverEnv(), ...asServerUser(user), maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim() ?? "";
      throw new Error(`initdb of ${installation.label} (${installation.exactVersion}) failed: ${stderr || (error as Error).message}`, { cause: error });
    }
    fs.writeFileSync(path.join(buildDir, TEMPLATE_READY_FILE), `${installation.exactVersion}\n`);
    try {
      fs.renameSync(buildDir, finalDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
      fs.rmSync(buildDir, { recursive: true, force: true }); // another worker finished first
    }
  } catch (error) {
    fs.rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
  return path.join(finalDir, "data");
}

/** A fresh run dir (owned by us, readable by the server user) holding a copy of the template data dir. */
export async function createRunDir(templateData: string): Promise<string> {
  ensureRoot();
  reapStaleRunsOnce();
  const runDir = fs.mkdtempSync(path.join(ORACLE_ROOT, "run-"));
  fs.chmodSync(runDir, 0o755);
  fs.writeFileSync(path.join(runDir, OWNER_PID_FILE), `${process.pid}\n`);
  // cp -a keeps the owner and the 0700 mode that PostgreSQL insists on for its data dir.
  await execFileAsync("cp", ["-a", templateData, path.join(runDir, "data")]);
  return runDir;
}

export function removeRunDir(runDir: string): void {
  fs.rmSync(runDir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

let reaped = false;

/**
 * Servers whose owning process died without stopping them (a killed jest worker, a crash):
 * stop them and remove their run dirs, once per process.
 */
function reapStaleRunsOnce(): void {
  if (reaped) return;
  reaped = true;
  for (const entry of fs.readdirSync(ORACLE_ROOT)) {
    const dir = path.join(ORACLE_ROOT, entry);
    if (entry.startsWith("run-")) {
      const owner = readPid(path.join(dir, OWNER_PID_FILE));
      if (owner !== null && isAlive(owner)) continue;
      const postmaster = readPid(path.join(dir, "data", "postmaster.pid"));
      if (postmaster !== null && isPostgres(postmaster)) killProcessGroup(postmaster, "SIGQUIT");
      removeRunDir(dir);
    } else if (entry.includes(".building-")) {
      const age = Date.now() - fs.statSync(dir).mtimeMs;
      if (age > STALE_BUILD_MS) removeRunDir(dir);
    }
  }
}

/** Signals a server and its children: each postmaster leads its own process group (spawned detached). */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

const runningPostmasters = new Set<number>();
let exitHookInstalled = false;

/**
 * Makes sure a postmaster does not outlive this process, however it ends. A guardian shell
 * waits for EOF on a pipe that only this process holds (libuv opens it close-on-exec), so
 * the kernel closes it when we die, even by SIGKILL, and the guardian then sends SIGQUIT
 * (immediate shutdown). Needed because under jest `process.on('exit')` registers on the
 * test sandbox's copy of `process`, which never fires; the 'exit' hook is kept for plain
 * scripts, where it is immediate. Returns the function that disarms both once the server
 * has stopped.
 */
export function guardPostmaster(pid: number): () => void {
  runningPostmasters.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const postmaster of runningPostmasters) killProcessGroup(postmaster, "SIGQUIT");
    });
  }
  const guardian = spawn("sh", ["-c", 'cat >/dev/null; kill -QUIT "$1" 2>/dev/null', "pgconf-lint-oracle-guardian", String(pid)], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true,
  });
  guardian.on("error", () => undefined); // without sh the stale-run reaper still cleans up
  // Neither the guardian nor its pipe may keep this process alive.
  guardian.unref();
  (guardian.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return () => {
    runningPostmasters.delete(pid);
    if (guardian.pid !== undefined) killProcessGroup(guardian.pid, "SIGKILL"); // sh and its cat
  };
}

/** Spawns a command as the server user and collects its output (for `postgres -C`). */
export function runAsServerUser(command: string, args: string[], user: ServerUser | null): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: serverEnv(), ...asServerUser(user), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ exitCode: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : -1), stdout, stderr }));
  });
}
