#!/usr/bin/env node
// Starts the CLI bundle (dist/cli.js) the way a short-lived command runs fastest; see
// docs/performance.md ("Start-up"):
// - with V8's code cache of the bundle, when `npm run build` made one for this Node: the
//   functions a lint runs are read as bytecode instead of being compiled on every run. Without a
//   cache that fits (another Node, another build, other V8 flags), the bundle is compiled as any
//   module is;
// - with a higher tier-up budget: a lint of a few files is over before code that V8's optimizing
//   compiler (TurboFan) would compile pays for its compilation, which on a small machine competes
//   with the lint for the CPU. A long run (many files, much text) gets V8's default back as soon as
//   the CLI knows its input (src/cli/tier-up.ts). The budget is set before the bundle is compiled:
//   V8 takes a code cache only under the flags it was made with.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** Sixteen times V8's default (66 kB of bytecode run between two checks of a function's heat). */
const INTERRUPT_BUDGET = 16 * 66 * 1024;
require("node:v8").setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

const bundle = path.join(__dirname, "..", "dist", "cli.js");
const cacheFile = `${bundle}.cache`;
const debug = (message) => {
  if (process.env.PGCONF_LINT_DEBUG) process.stderr.write(`pgconf-lint: ${message}\n`);
};

/** The bundle's bytes, and its identity on disk (any write, copy or install changes it). */
function readBundle() {
  const fd = fs.openSync(bundle, "r");
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    return { source: fs.readFileSync(fd), identity: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` };
  } finally {
    fs.closeSync(fd);
  }
}

const sha256 = (bytes) => require("node:crypto").createHash("sha256").update(bytes).digest("hex");

/** The cache's first line: what it was made from (the rest is V8's data). */
function cacheHeader({ source, identity }) {
  return `pgconf-lint code cache ${process.version} ${process.arch} ${identity} ${sha256(source)}\n`;
}

/** The cached data if it was made by this Node from these bytes (and how that was checked), else
 *  undefined. The bundle's identity on disk vouches for its bytes; only a copied or installed
 *  bundle (another identity) is hashed, which loading node:crypto makes cost a few milliseconds. */
function readCache({ source, identity }) {
  let data;
  try {
    data = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const headerEnd = data.indexOf(10);
  const [tag, version, arch, madeFrom, digest] = data.subarray(0, Math.max(headerEnd, 0)).toString("latin1").split(" ").slice(2);
  if (headerEnd === -1 || tag !== "cache" || version !== process.version || arch !== process.arch) return undefined;
  if (madeFrom === identity) return { data: data.subarray(headerEnd + 1), checkedBy: "file identity" };
  return digest === sha256(source) ? { data: data.subarray(headerEnd + 1), checkedBy: "digest" } : undefined;
}

/** Runs the bundle as Node runs a CommonJS module, compiled with the cache's data if given; with
 *  `writeCache`, writes the cache of what the run compiled when the process exits, unless the
 *  one it read was made from this very file and V8 took it. */
function runBundle(bundleFile, cache, writeCache) {
  const { source } = bundleFile;
  const cachedData = cache?.data;
  const vm = require("node:vm");
  const Module = require("node:module");
  const script = new vm.Script(Module.wrap(source.toString("utf8")), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  debug(`code cache: ${cache === undefined ? "none for this build and Node" : script.cachedDataRejected ? "rejected by V8" : `used (checked by ${cache.checkedBy})`}`);
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(bundle));
  const bundleRequire = (id) => bundleModule.require(id);
  bundleRequire.resolve = (request) => Module._resolveFilename(request, bundleModule);
  bundleRequire.cache = Module._cache;
  if (writeCache && !(cache?.checkedBy === "file identity" && !script.cachedDataRejected)) {
    // At exit, so that the cache holds the functions the run compiled, not only the top level.
    process.on("exit", () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, Buffer.concat([Buffer.from(cacheHeader(bundleFile), "latin1"), script.createCachedData()]));
      fs.renameSync(temporary, cacheFile);
    });
  }
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, path.dirname(bundle));
}

if (process.sourceMapsEnabled) {
  // --enable-source-maps: Node maps stack traces to the sources only for modules it loads itself.
  require(bundle);
  return;
}
let bundleFile;
try {
  bundleFile = readBundle();
} catch (error) {
  // A checkout that was never built, or a broken installation.
  process.stderr.write(`pgconf-lint: cannot read ${bundle} (${error.code ?? error.message}): run \`npm run build\`, or reinstall pgconf-lint\n`);
  process.exit(2);
}
// scripts/build.mjs sets this to the cache's path to make the cache, on a run over examples/.
runBundle(bundleFile, readCache(bundleFile), process.env.PGCONF_LINT_WRITE_CODE_CACHE === cacheFile);
