import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveRules } from "../engine/config";
import type { LintOptions, LintTarget } from "../engine/linter";
import { RuleRegistry } from "../engine/registry";
import { defineRule } from "../engine/rule";
import type { Plugin } from "../engine/rule";
import type { RuleMeta } from "../engine/types";
import { MAX_FIX_PASSES, runFixLoop } from "./loop";

// Two rules whose fixes need passes: `count = N` below 3 is fixed to N + 1 (one step a pass);
// `zero = X` is fixed to 0.
const meta: RuleMeta<"m"> = { description: "test", category: "correctness", files: ["conf"], defaultSeverity: "warn", presets: [], fixable: true, messages: { m: "{{v}}" }, references: [] };
const plugin: Plugin = {
  name: "test",
  rules: {
    count: defineRule({
      meta,
      check(context) {
        for (const entry of context.cluster.occurrences("count")) {
          const value = Number(entry.line.value);
          if (value < 3) context.report({ messageId: "m", data: { v: entry.line.value }, filePath: entry.file.path, span: entry.line.nameSpan, fix: [{ range: [entry.line.valueSpan.start, entry.line.valueSpan.end], text: String(value + 1) }] });
        }
      },
    }),
    zero: defineRule({
      meta,
      check(context) {
        for (const entry of context.cluster.occurrences("zero")) {
          if (entry.line.value !== "0") context.report({ messageId: "m", data: { v: entry.line.value }, filePath: entry.file.path, span: entry.line.nameSpan, fix: [{ range: [entry.line.valueSpan.start, entry.line.valueSpan.end], text: "0" }] });
        }
      },
    }),
  },
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-fix-loop-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(files: Record<string, string>): { targets: LintTarget[]; lintOptions: LintOptions } {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const registry = new RuleRegistry([plugin]);
  const rules = resolveRules(registry, { extends: [], rules: { "test/count": "warn", "test/zero": "warn" } });
  return { targets: [{ path: path.join(dir, "postgresql.conf"), kind: "conf" }], lintOptions: { pgVersion: 18, rules, overrides: new Map() } };
}

const main = () => path.join(dir, "postgresql.conf");
const extra = () => path.join(dir, "extra.conf");

describe("runFixLoop", () => {
  test("passes until nothing is left to fix; what each pass applied, the final texts and run", () => {
    const { targets, lintOptions } = setup({ "postgresql.conf": "count = 1\ninclude 'extra.conf'\n", "extra.conf": "zero = 5 # z\n" });
    const loop = runFixLoop(targets, lintOptions);
    expect(loop.passes).toBe(2);
    expect(loop.applied.map((entry) => [entry.pass, path.basename(entry.filePath), entry.fixes.map((fix) => fix.ruleId)])).toEqual([
      [0, "postgresql.conf", ["test/count"]],
      [0, "extra.conf", ["test/zero"]],
      [1, "postgresql.conf", ["test/count"]],
    ]);
    expect(loop.texts).toEqual(new Map([[main(), "count = 3\ninclude 'extra.conf'\n"], [extra(), "zero = 0 # z\n"]]));
    expect(loop.originals.get(main())!.text).toBe("count = 1\ninclude 'extra.conf'\n");
    expect(loop.run.fixes).toEqual([]);
    // The caller's overrides are not changed; the disk is not written.
    expect(lintOptions.overrides!.size).toBe(0);
    expect(fs.readFileSync(main(), "utf8")).toBe("count = 1\ninclude 'extra.conf'\n");
  });

  test("stops after MAX_FIX_PASSES passes, fixes left", () => {
    const { targets, lintOptions } = setup({ "postgresql.conf": "count = -20\n" });
    const loop = runFixLoop(targets, lintOptions);
    expect(loop.passes).toBe(MAX_FIX_PASSES);
    expect(loop.texts.get(main())).toBe(`count = ${-20 + MAX_FIX_PASSES}\n`);
    expect(loop.run.fixes).toHaveLength(1);
  });

  test("only wanted fixes; a file that may not be written keeps its text and is reported once", () => {
    const { targets, lintOptions } = setup({ "postgresql.conf": "count = 1\nzero = 1\ninclude 'extra.conf'\n", "extra.conf": "count = 0\n" });
    const refused: string[] = [];
    const loop = runFixLoop(targets, lintOptions, { wanted: (fix) => fix.ruleId === "test/count", writable: (filePath) => filePath !== extra(), onRefused: (filePath) => refused.push(filePath) });
    expect(loop.texts).toEqual(new Map([[main(), "count = 3\nzero = 1\ninclude 'extra.conf'\n"]]));
    expect(refused).toEqual([extra()]);
    expect(loop.passes).toBe(2);
  });

  test("a first run given by the caller is used, not linted again", () => {
    const { targets, lintOptions } = setup({ "postgresql.conf": "zero = 1\n" });
    const firstRun = { results: [], fixes: [], sources: new Map() };
    const loop = runFixLoop(targets, lintOptions, { firstRun });
    expect(loop).toMatchObject({ run: firstRun, passes: 0, applied: [] });
    expect(loop.texts.size).toBe(0);
  });
});
