// What one lint leaves behind for the rest of a run: nothing of a file's text. The linter
// remembers the catalog's answers by parameter name across clusters; a name sliced from a
// file's text would keep that whole text alive (V8 makes a slice of 13 chars or more a view of
// its parent string), so a run over many large files would hold them all.
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../../src/engine/config";
import { lint } from "../../src/engine/linter";
import { RuleRegistry } from "../../src/engine/registry";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

test("linting 20 files of 2 MB, each naming its own long parameter name, keeps none of their texts", () => {
  const rules = resolveRules(new RuleRegistry([builtinPlugin]), {});
  const lintOne = (i: number) => {
    const file = `/retention-${i}/postgresql.conf`;
    const text = `unknown_parameter_with_a_long_name_${i} = 1\nShared_Buffers_${i}_Long = 2\nshared_buffers = 128MB\n${"#".repeat(2_000_000)}\n`;
    const run = lint([{ path: file, kind: "conf" }], { pgVersion: 18, rules, overrides: new Map([[file, Buffer.from(text)]]), keepSources: "none" });
    expect(run.results[0]!.messages.some((message) => message.ruleId === "unknown-parameter")).toBe(true);
  };
  lintOne(100);
  const before = heapAfterGc();
  for (let i = 0; i < 20; i++) lintOne(i);
  const grownMb = (heapAfterGc() - before) / 1024 / 1024;
  // 20 texts of 2 MB kept would be 40 MB.
  expect(grownMb).toBeLessThan(8);
});

test("findings' messages are kept as flat strings, not as trees of their pieces", () => {
  const rules = resolveRules(new RuleRegistry([builtinPlugin]), {});
  // 20,000 findings of duplicate-setting, each with a suggestion: their messages are made from
  // a template and the lines' names and values.
  const findings = 20_000;
  const text = Array.from({ length: findings }, (_, i) => `work_mem = ${(i % 7) + 1}MB\n`).join("");
  const file = "/retention-messages/postgresql.conf";
  const lintOnce = () => lint([{ path: file, kind: "conf" }], { pgVersion: 18, rules, overrides: new Map([[file, Buffer.from(text)]]), keepSources: "none" }).results;
  lintOnce();
  const before = heapAfterGc();
  const results = lintOnce();
  const bytesPerFinding = (heapAfterGc() - before) / findings;
  expect(results[0]!.messages.length).toBeGreaterThanOrEqual(findings - 1);
  // Node 20: about 500 bytes a finding with flat strings; about 700 when each message and
  // suggestion is the tree of cons strings that `+=` builds (which also holds the file's text).
  expect(bytesPerFinding).toBeLessThan(620);
});
