// The built command line (bin/pgconf-lint.js), run as the integrations' consumers run it, and
// temp-dir fixtures for it.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/pgconf-lint.js");

/** Builds dist/ (npm test builds first; a lone `jest test/integrations` must not run a stale bundle). */
export function build(): void {
  const result = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh directory under the system's temp dir, removed by `removeTempDirs`. */
const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgconf-lint-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative path → content) under `dir`, creating directories. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

/**
 * A small cluster whose findings carry every kind of edit the formats must express: a fix alone
 * (typographic-quotes, on a line with multi-byte characters, where UTF-8 and UTF-16 columns
 * differ), a fix with a suggestion (hba-no-md5) and a suggestion alone (hba-no-trust). Its rules
 * are pinned, so that it keeps them whatever the presets become; the directory name has a space,
 * which URIs must encode.
 */
export const EDITS_FIXTURE: Record<string, string> = {
  ".pgconf-lint.json": JSON.stringify({ root: true, extends: [], rules: { "typographic-quotes": "error", "hba-no-md5": "warn", "hba-no-trust": "error" } }),
  "main cluster/postgresql.conf": "# café crème\nwork_mem = ‘64MB’   # typographic quotes\nssl = on\npassword_encryption = scram-sha-256\n",
  "main cluster/pg_hba.conf": "local all all peer\nhostssl all all 10.0.0.0/8 md5\nhostssl all all 0.0.0.0/0 trust\n",
};
