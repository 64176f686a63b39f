// `--changed-since REF`: the files changed since a git revision, and (for review bots,
// `--only-changed-lines`) the lines of each that changed.
import path = require("node:path");
import { InputError } from "./errors";
import { childProcess } from "../on-demand";

function git(args: string[], cwd: string): string {
  const result = childProcess().spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new InputError(`--changed-since needs git: ${result.error.message}`);
  if (result.status !== 0) throw new InputError(`git ${args.join(" ")}: ${result.stderr.trim().split("\n")[0] ?? `exit ${result.status}`}`);
  return result.stdout;
}

/** Absolute paths of files added, copied, modified or renamed since `ref` (committed or not). */
export function changedFiles(ref: string, cwd: string): string[] {
  const top = git(["rev-parse", "--show-toplevel"], cwd).trim();
  const names = git(["diff", "--name-only", "--diff-filter=ACMR", "-z", ref, "--"], cwd).split("\0").filter((name) => name !== "");
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0").filter((name) => name !== "");
  return [...new Set([...names, ...untracked])].map((name) => path.join(top, name));
}

/** For each changed file, the 1-based line numbers it has now that changed since `ref`
 *  (every line of a new file). */
export function changedLines(ref: string, cwd: string, files: string[]): Map<string, Set<number>> {
  const result = new Map<string, Set<number>>();
  for (const file of files) {
    const diff = git(["diff", "-U0", "--no-color", ref, "--", file], cwd);
    const lines = new Set<number>();
    if (diff === "") {
      // Untracked: every line is new.
      result.set(file, new Set<number>([Number.POSITIVE_INFINITY]));
      continue;
    }
    for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      for (let line = start; line < start + count; line++) lines.add(line);
    }
    result.set(file, lines);
  }
  return result;
}

/** True when a finding spanning [line, endLine] touches a changed line. */
export function touchesChangedLine(lines: Set<number>, line: number, endLine: number): boolean {
  if (lines.has(Number.POSITIVE_INFINITY)) return true;
  for (let at = line; at <= Math.max(line, endLine); at++) if (lines.has(at)) return true;
  return false;
}
