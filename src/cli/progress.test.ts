import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runLintCommand } from "./lint-command";
import type { LintCommandOptions } from "./lint-command";

function treeOf(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-progress-"));
  fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ extends: [] }));
  for (let i = 0; i < count; i++) {
    fs.mkdirSync(path.join(dir, `c${i}`));
    fs.writeFileSync(path.join(dir, `c${i}`, "postgresql.conf"), "work_mem = 4MB\n");
  }
  return dir;
}

function run(dir: string, overrides: Partial<LintCommandOptions>): { stderr: string; stdout: string } {
  let stderr = "";
  let stdout = "";
  runLintCommand({ patterns: [], cwd: dir, configLookup: true, ruleArgs: [], format: "stylish", maxWarnings: -1, quiet: false, color: false, fix: false, fixDryRun: false, diff: false, reportUnusedDisableDirectives: false, stdout: (t) => (stdout += String(t)), stderr: (t) => (stderr += t), ...overrides });
  return { stderr, stdout };
}

test("a long run on a TTY shows progress on stderr, then clears it", () => {
  const dir = treeOf(60);
  const { stderr, stdout } = run(dir, { progress: true });
  expect(stderr.startsWith("\rpgconf-lint: 0/60 files")).toBe(true);
  expect(stderr).toContain("\rpgconf-lint: 59/60 files");
  expect(stderr.endsWith("\r\x1b[K")).toBe(true);
  expect(stdout).toBe("");
});

test("never without a TTY, for machine formats, or for short runs", () => {
  expect(run(treeOf(60), { progress: false }).stderr).toBe("");
  expect(run(treeOf(60), { progress: true, format: "json" }).stderr).toBe("");
  expect(run(treeOf(3), { progress: true }).stderr).toBe("");
});
