// Bundles the CLI and the library into single CommonJS files, so Node loads one module
// at start-up instead of hundreds (see docs/performance.md).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning", write: false };

// Packages that only some command lines need (src/on-demand.ts requires them on first use) are
// bundles of their own in dist/vendor: the others never read or compile them.
const VENDOR = { "fast-glob": "fast-glob.js", diff: "diff.js", "yargs/yargs": "yargs.js" };

const apart = {
  name: "apart",
  setup(pluginBuild) {
    // The language server (and its 400 kB of vscode-languageserver) is a bundle of its own,
    // which the CLI requires only for `pgconf-lint lsp`.
    pluginBuild.onResolve({ filter: /^\.\.?\/lsp\/server$/ }, () => ({ path: "./lsp.js", external: true }));
    pluginBuild.onResolve({ filter: /^(fast-glob|diff|yargs\/yargs)$/ }, (args) => ({ path: `./vendor/${VENDOR[args.path]}`, external: true }));
  },
};

/** Writes a bundle only when its bytes change, through a temporary file and a rename: tests and
 *  other processes that run the CLI while a build runs never read a half-written bundle. */
function writeIfChanged(file, contents) {
  try {
    if (Buffer.compare(fs.readFileSync(file), contents) === 0) return;
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

const builds = await Promise.all([
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", plugins: [apart] }),
  build({ ...common, entryPoints: ["src/lsp/server.ts"], outfile: "dist/lsp.js", plugins: [apart] }),
  build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", plugins: [apart] }),
  // The worker threads of src/cli/parallel.ts (linting many clusters on several cores).
  build({ ...common, entryPoints: ["src/cli/lint-worker.ts"], outfile: "dist/lint-worker.js", plugins: [apart] }),
  ...Object.entries(VENDOR).map(([name, file]) =>
    build({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ".", loader: "js" }, outfile: `dist/vendor/${file}` }),
  ),
]);
for (const { outputFiles } of builds) for (const { path: file, contents } of outputFiles) writeIfChanged(file, contents);

// V8's code cache of dist/cli.js for this Node, which bin/pgconf-lint.js reads at start-up: made
// by a run over the example cluster, so that it holds the functions linting runs. The loader
// alone knows the cache's format: it keeps a cache that still fits and replaces one that does not.
const codeCache = path.join(fs.realpathSync("dist"), "cli.js.cache");
spawnSync(process.execPath, ["bin/pgconf-lint.js", "examples/cluster"], { stdio: "ignore", env: { ...process.env, PGCONF_LINT_WRITE_CODE_CACHE: codeCache } });
if (!fs.existsSync(codeCache)) console.warn(`build: no code cache was written (${codeCache}); the CLI starts without it`);
