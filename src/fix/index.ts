// The fixer's core: merging fixes into a file's text, the diff of what --fix would change, and
// writing fixed files safely.
export { applyEdits, fixUntilStable } from "./apply";
export type { ApplyResult, FixLoopResult } from "./apply";
export { unifiedDiff } from "./diff";
export type { FileChange } from "./diff";
export { FixWriteError, writeFileAtomic, writeIfChanged } from "./write";
