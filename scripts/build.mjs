// Bundles the CLI and the library into single CommonJS files, so Node loads one module
// at start-up instead of hundreds (see docs/performance.md).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning" };
await Promise.all([
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js" }),
  build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js" }),
  // The worker threads of src/cli/parallel.ts (linting many clusters on several cores).
  build({ ...common, entryPoints: ["src/cli/parallel.ts"], outfile: "dist/lint-worker.js" }),
]);
