// Compares the lint() speed of two checkouts on one file, in ONE process: each checkout's linter is
// bundled on its own, both are loaded, warmed up, and then timed in short alternating batches, so
// that both see the same machine (on a shared VM, separate processes of the same code differed by
// up to 30 %; this way, by about 3 %).
//
//   node scripts/compare-builds.mjs OTHER_CHECKOUT FILE [--seconds=20] [--batch-ms=40]
//
// OTHER_CHECKOUT is the base, e.g. made with `git worktree add /tmp/base HEAD~3` (it needs this
// checkout's node_modules: `ln -s "$PWD/node_modules" /tmp/base/node_modules`). Prints the median
// CPU time per lint of each and the median of the per-pair ratios (this checkout / base), the
// figure to read. Default rules plus hba-unreachable; the file is linted as conf, or as hba when its name
// says so.
import { build } from "esbuild";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const [baseDir, file] = args.filter((arg) => !arg.startsWith("--"));
if (!baseDir || !file) {
  console.error("usage: node scripts/compare-builds.mjs OTHER_CHECKOUT FILE [--seconds=20] [--batch-ms=40]");
  process.exit(2);
}
const seconds = option("seconds", 20);
const batchMs = option("batch-ms", 40);
const thisDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.resolve(file);

// The entry each checkout's bundle is made from: its own rules, config and linter.
const entry = `
import * as fs from "node:fs";
import { builtinPlugin } from "./rules";
import { resolveRules } from "./src/engine/config";
import { lint } from "./src/engine/linter";
import { RuleRegistry } from "./src/engine/registry";
export function makeLint(file: string): () => number {
  const rules = resolveRules(new RuleRegistry([builtinPlugin]), { rules: { "hba-unreachable": "error" } });
  const overrides = new Map<string, Uint8Array>([[file, fs.readFileSync(file)]]);
  const kind = /hba/.test(file) ? "hba" : /ident/.test(file) ? "ident" : "conf";
  return () => lint([{ path: file, kind }], { pgVersion: 18, rules, overrides }).results.length;
}
`;

/** Bundles a checkout's linter into its .bench directory (git-ignored), where the catalog is
 *  found as from dist/ (../src/catalog/data). */
async function linterOf(checkout) {
  const dir = path.resolve(checkout);
  const outfile = path.join(dir, ".bench", "compare-lint.cjs");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await build({ stdin: { contents: entry, resolveDir: dir, loader: "ts", sourcefile: "compare-entry.ts" }, bundle: true, platform: "node", format: "cjs", outfile, logLevel: "error" });
  return createRequire(import.meta.url)(outfile).makeLint(target);
}

const base = await linterOf(baseDir);
const current = await linterOf(thisDir);
const batch = (lintOnce) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  do {
    lintOnce();
    n++;
  } while (performance.now() - start < batchMs);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / n;
};
// Warm-up: V8 takes seconds of linting to tier the code up.
for (const end = Date.now() + 3000; Date.now() < end; ) {
  batch(base);
  batch(current);
}
const baseMs = [];
const currentMs = [];
const ratios = [];
// Which of the two runs first alternates too: the second of a pair runs on a warmer cache.
for (let pair = 0, end = Date.now() + seconds * 1000; Date.now() < end; pair++) {
  const first = pair % 2 === 0 ? batch(base) : batch(current);
  const second = pair % 2 === 0 ? batch(current) : batch(base);
  const [b, c] = pair % 2 === 0 ? [first, second] : [second, first];
  baseMs.push(b);
  currentMs.push(c);
  ratios.push(c / b);
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(
  `${path.relative(process.cwd(), target) || target}: base ${median(baseMs).toFixed(3)} ms, this checkout ${median(currentMs).toFixed(3)} ms CPU per lint; ` +
    `ratio ${median(ratios).toFixed(3)} (median of ${ratios.length} pairs)`,
);
