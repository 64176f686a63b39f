// Runs a TypeScript script: `node scripts/run-ts.mjs FILE.ts [args...]`. Bundles it with esbuild
// into a temporary CommonJS file and runs that with the same arguments; exits with its status.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs FILE.ts [args...]");
  process.exit(2);
}

// The bundle lives in a temp dir, but modules locate files from their own __dirname: give
// each bundled module the directory of its source file.
const sourceDirname = {
  name: "source-dirname",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, (file) => ({
      contents: `var __dirname = ${JSON.stringify(path.dirname(file.path))};\n${readFileSync(file.path, "utf8")}`,
      loader: "ts",
    }));
  },
};

const outDir = mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-run-ts-"));
let status = 1;
try {
  const outfile = path.join(outDir, `${path.basename(entry, ".ts")}.cjs`);
  await build({ entryPoints: [path.resolve(entry)], outfile, bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", sourcemap: "inline", logLevel: "warning", plugins: [sourceDirname] });
  // Bare imports stay external and resolve from the repo's node_modules through NODE_PATH.
  const nodePath = [path.resolve("node_modules"), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  const result = spawnSync(process.execPath, ["--enable-source-maps", outfile, ...args], { stdio: "inherit", env: { ...process.env, NODE_PATH: nodePath } });
  status = result.status ?? 1;
} catch (error) {
  console.error(`run-ts: ${error.message}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(status);
