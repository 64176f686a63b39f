// Where parse + lint spends its time on one file: lints it in a loop under V8's sampling profiler
// (node:inspector) and prints the functions with the most self time, with their source places.
//
//   node scripts/run-ts.mjs scripts/profile.ts FILE [--kind=conf|hba|ident] [--ms=3000] [--rule=ID ...] [--top=25] [--inclusive]
//
// --inclusive ranks functions by their total time (their own and their callees'), counting a
// sample once per function however deep its recursion: which phase of the pipeline costs what.
//
// The default rules are on (the recommended preset), plus each --rule at "error".
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import { builtinPlugin } from "../rules";
import { resolveRules } from "../src/engine/config";
import type { RuleSetting } from "../src/engine/config";
import { lint } from "../src/engine/linter";
import { RuleRegistry } from "../src/engine/registry";
import type { FileKind } from "../src/kinds";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  console.error("usage: node scripts/run-ts.mjs scripts/profile.ts FILE [--kind=conf|hba|ident] [--ms=3000] [--rule=ID ...] [--top=25]");
  process.exit(2);
}
const option = (name: string, fallback: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const kind = option("kind", /hba/.test(file) ? "hba" : /ident/.test(file) ? "ident" : "conf") as FileKind;
const ms = Number(option("ms", "3000"));
const top = Number(option("top", "25"));
const extraRules = Object.fromEntries(args.filter((arg) => arg.startsWith("--rule=")).map((arg): [string, RuleSetting] => [arg.slice(7), "error"]));

const registry = new RuleRegistry([builtinPlugin]);
const rules = resolveRules(registry, { rules: extraRules });
const bytes = fs.readFileSync(file);
const overrides = new Map<string, Uint8Array>([[file, bytes]]);
const lintOnce = () => lint([{ path: file, kind }], { pgVersion: 18, rules, overrides });

// Warm up the JIT before sampling.
for (const start = Date.now(); Date.now() - start < Math.min(1000, ms / 3); ) lintOnce();

const session = new inspector.Session();
session.connect();
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));

void (async () => {
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  await post("Profiler.start");
  let iterations = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  while (Number(process.hrtime.bigint() - start) / 1e6 < ms) {
    lintOnce();
    iterations++;
  }
  const cpu = process.cpuUsage(cpuStart);
  const { profile } = await post<{ profile: { nodes: ProfileNode[] } }>("Profiler.stop");
  const perIteration = (cpu.user + cpu.system) / 1000 / iterations;
  console.log(`${file}: ${iterations} iterations, ${perIteration.toFixed(2)} ms CPU each, ${(bytes.length / 1024 / 1024 / (perIteration / 1000)).toFixed(1)} MB/s`);
  const bySelf = new Map<string, number>();
  // The bundle marks each module with a `// path/to/module.ts` line: name the module, not the bundle.
  const moduleAt = new Map<string, (line: number) => string>();
  const moduleOf = (url: string, line: number): string => {
    if (!url.startsWith("file://")) return url;
    let find = moduleAt.get(url);
    if (!find) {
      const starts: [number, string][] = [];
      fs.readFileSync(new URL(url), "utf8")
        .split("\n")
        .forEach((text, index) => {
          const match = /^\/\/ ((?:src|rules|grammar|node_modules)\/\S+)$/.exec(text);
          if (match) starts.push([index, match[1]!]);
        });
      find = (at: number) => starts.filter(([index]) => index <= at).pop()?.[1] ?? url;
      moduleAt.set(url, find);
    }
    return find(line);
  };
  /** A function by its name and the source module it is in. */
  const keyOf = (node: ProfileNode) => `${node.callFrame.functionName || "(anonymous)"} ${moduleOf(node.callFrame.url, node.callFrame.lineNumber)}`;
  const print = (ranked: Map<string, number>) => {
    for (const [key, hits] of [...ranked].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`);
  };
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const key = keyOf(node);
    bySelf.set(key, (bySelf.get(key) ?? 0) + hits);
  }
  if (args.includes("--inclusive")) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
    const inclusive = new Map<string, number>();
    // Depth first from the roots, carrying the functions on the stack so that recursion counts once.
    const walk = (node: ProfileNode, onStack: Set<string>): number => {
      const key = keyOf(node);
      const fresh = !onStack.has(key);
      if (fresh) onStack.add(key);
      let hits = node.hitCount ?? 0;
      for (const child of node.children ?? []) hits += walk(byId.get(child)!, onStack);
      if (fresh) {
        onStack.delete(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
      }
      return hits;
    };
    for (const node of profile.nodes) if (!childIds.has(node.id)) walk(node, new Set());
    print(inclusive);
    return;
  }
  print(bySelf);
})();
