// Bundles the CLI and the library into single CommonJS files, so Node loads one module
// at start-up instead of hundreds (see docs/performance.md).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning" };

// The language server (and its 400 kB of vscode-languageserver) is a bundle of its own, which the
// CLI requires only for `pgconf-lint lsp`: every other command starts without reading it.
const languageServerApart = {
  name: "language-server-apart",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/lsp\/server$/ }, () => ({ path: "./lsp.js", external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", plugins: [languageServerApart] }),
  build({ ...common, entryPoints: ["src/lsp/server.ts"], outfile: "dist/lsp.js" }),
  build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js" }),
  // The worker threads of src/cli/parallel.ts (linting many clusters on several cores).
  build({ ...common, entryPoints: ["src/cli/parallel.ts"], outfile: "dist/lint-worker.js" }),
]);
