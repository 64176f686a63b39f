// Bundles the CLI and the library into single CommonJS files, so Node loads one module
// at start-up instead of hundreds (see docs/performance.md).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning" };

// Packages that only some command lines need (src/on-demand.ts requires them on first use) are
// bundles of their own in dist/vendor: the others never read or compile them.
const VENDOR = { "fast-glob": "fast-glob.js", diff: "diff.js", "yargs/yargs": "yargs.js" };

const apart = {
  name: "apart",
  setup(pluginBuild) {
    // The language server (and its 400 kB of vscode-languageserver) is a bundle of its own,
    // which the CLI requires only for `pgconf-lint lsp`.
    pluginBuild.onResolve({ filter: /^\.\.\/lsp\/server$/ }, () => ({ path: "./lsp.js", external: true }));
    pluginBuild.onResolve({ filter: /^(fast-glob|diff|yargs\/yargs)$/ }, (args) => ({ path: `./vendor/${VENDOR[args.path]}`, external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", plugins: [apart] }),
  build({ ...common, entryPoints: ["src/lsp/server.ts"], outfile: "dist/lsp.js", plugins: [apart] }),
  build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", plugins: [apart] }),
  // The worker threads of src/cli/parallel.ts (linting many clusters on several cores).
  build({ ...common, entryPoints: ["src/cli/lint-worker.ts"], outfile: "dist/lint-worker.js", plugins: [apart] }),
  ...Object.entries(VENDOR).map(([name, file]) =>
    build({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ".", loader: "js" }, outfile: `dist/vendor/${file}` }),
  ),
]);
