// bin/pgconf-lint.js raises V8's tier-up budget before the bundle is compiled: a lint of a few
// files is over before the code that TurboFan would compile for it pays for the compiling. A run
// over many files or much text gets V8's default back as soon as its input is known, so that its
// hot code is optimized early (a tree of 100 MB: about 10 % less wall time than with the raised
// budget). See docs/performance.md, "Start-up".
import fs = require("node:fs");
import { v8 } from "../on-demand";

/** V8's default budget (Node 20 to 24): 66 kB of bytecode run between two looks at a function. */
const V8_DEFAULT_INTERRUPT_BUDGET = 66 * 1024;
/** From these many files, or this much text, a run is long enough to profit from TurboFan. */
export const LONG_RUN_FILES = 32;
export const LONG_RUN_BYTES = 1024 * 1024;

let restored = false;

/** Whether linting these files is a long run (files that cannot be read count as empty). */
export function isLongRun(files: readonly { path: string }[], stdinText?: string): boolean {
  if (files.length >= LONG_RUN_FILES) return true;
  let bytes = stdinText?.length ?? 0;
  for (const file of files) {
    try {
      bytes += fs.statSync(file.path).size;
    } catch {
      // reported when it is read
    }
  }
  return bytes >= LONG_RUN_BYTES;
}

/** Gives V8 its default tier-up budget back for a long run (once; a short run keeps the raised one). */
export function tierUpFor(files: readonly { path: string }[], stdinText?: string): void {
  if (restored || !isLongRun(files, stdinText)) return;
  restored = true;
  v8().setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}`);
}
