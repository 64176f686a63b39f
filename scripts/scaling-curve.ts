// The cost of parse + lint per 1,000 settings as one postgresql.conf grows, in one process: a
// repro for the jump between 4,000 and 8,000 settings noted in docs/performance.md.
//
//   node scripts/run-ts.mjs scripts/scaling-curve.ts [--sizes=1,2,4,8,16,1] [--input=FILE]
//   TIMING=all node scripts/run-ts.mjs scripts/scaling-curve.ts --sizes=8   (per-rule times too)
//
// Each size is the input (by default the bench's postgresql.conf of 1,000 settings; run
// `npm run bench -- --only=scaling` once to write it) repeated that many times.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { builtinPlugin } from "../rules";
import { resolveRules } from "../src/engine/config";
import { lint } from "../src/engine/linter";
import { RuleRegistry } from "../src/engine/registry";
import { timingEnabled, timingTable } from "../src/engine/timing";

const option = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const input = option("input", path.join(__dirname, "..", ".bench", "inputs", "many-settings-1x", "postgresql.conf"));
const sizes = option("sizes", "1,2,4,8,16,1").split(",").map(Number);
const base = fs.readFileSync(input, "utf8");
const rules = resolveRules(new RuleRegistry([builtinPlugin]), {});
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-curve-")), "postgresql.conf");
const settings = base.split("\n").filter((line) => /^\s*[A-Za-z_]/.test(line)).length;

for (const size of sizes) {
  const overrides = new Map<string, Uint8Array>([[file, Buffer.from(base.repeat(size))]]);
  const rounds = Math.max(2, Math.round(64 / size));
  for (let i = 0; i < 2; i++) lint([{ path: file, kind: "conf" }], { pgVersion: 18, rules, overrides });
  const started = process.cpuUsage();
  for (let i = 0; i < rounds; i++) lint([{ path: file, kind: "conf" }], { pgVersion: 18, rules, overrides });
  const cpu = process.cpuUsage(started);
  const ms = (cpu.user + cpu.system) / 1000 / rounds;
  console.log(`${size}× (${size * settings} settings): ${ms.toFixed(1)} ms CPU, ${((1000 * ms) / (size * settings)).toFixed(2)} ms per 1,000 settings`);
}
if (timingEnabled) process.stdout.write(timingTable(12));
