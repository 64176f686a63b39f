// The fixer's core: merging fixes into a file's text, the loop of fix passes over a set of
// files, the diff of what --fix would change, and writing fixed files safely.
export { applyEdits, fixUntilStable } from "./apply";
export type { ApplyResult, FixLoopResult } from "./apply";
export { MAX_FIX_PASSES, runFixLoop } from "./loop";
export type { AppliedFixes, FixLoopOptions, FixLoopOutcome } from "./loop";
export { unifiedDiff } from "./diff";
export type { FileChange } from "./diff";
export { FixWriteError, writeFileAtomic, writeIfChanged } from "./write";
