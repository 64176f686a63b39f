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
