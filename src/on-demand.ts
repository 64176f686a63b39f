// Modules that linting named files with the default output never needs, loaded on first use.
// Each module compiled at start-up costs every run (a pre-commit hook, an editor's save) a few
// milliseconds, and the Node built-ins below load more of their own (child_process brings net
// and dgram): see docs/performance.md. In the bundles, the three packages are bundles of their
// own (dist/vendor/*.js, scripts/build.mjs), as is the language server (dist/lsp.js), that these
// calls read only when they run.
/* eslint-disable @typescript-eslint/no-require-imports -- a require() inside a function is what defers the load */
import type * as ChildProcess from "node:child_process";
import type * as Crypto from "node:crypto";
import type * as V8 from "node:v8";
import type * as WorkerThreads from "node:worker_threads";
import type * as Diff from "diff";
import type FastGlob from "fast-glob";
import type * as LanguageServer from "./lsp/server";
import type YargsFactory from "yargs/yargs";

/** fast-glob: directories and globs on the command line. */
export const fastGlob = (): typeof FastGlob => require("fast-glob") as typeof FastGlob;

/** jsdiff: --diff and the diff format. */
export const jsdiff = (): typeof Diff => require("diff") as typeof Diff;

/** yargs' factory (`yargs/yargs`, not the package's singleton, which parses process.argv as it
 *  loads): every command line but a list of file names (src/cli/main.ts). */
export const yargsFactory = (): typeof YargsFactory => require("yargs/yargs") as typeof YargsFactory;

/** The language server: `pgconf-lint lsp` (a bundle of its own, dist/lsp.js). */
export const languageServer = (): typeof LanguageServer => require("./lsp/server") as typeof LanguageServer;

export const childProcess = (): typeof ChildProcess => require("node:child_process") as typeof ChildProcess;

export const crypto = (): typeof Crypto => require("node:crypto") as typeof Crypto;

export const v8 = (): typeof V8 => require("node:v8") as typeof V8;

export const workerThreads = (): typeof WorkerThreads => require("node:worker_threads") as typeof WorkerThreads;
