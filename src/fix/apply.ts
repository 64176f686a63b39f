// Applying fixes to one file's text, as ESLint does: fixes are taken in the order of where they
// start, a fix that collides with one already taken waits for the next pass, and passes repeat
// on the re-linted text until nothing is left to fix.
import type { Edit } from "../engine/types";

export interface ApplyResult {
  output: string;
  /** Indices into `fixes` of the fixes applied, in ascending order. */
  applied: number[];
  /** Indices into `fixes` of the fixes left for a later pass, in ascending order. */
  skipped: number[];
}

/** Whether two edits cannot both be applied. Edits that merely touch (one ends where the other
 *  starts) can; two insertions at the same offset cannot, since their order would be arbitrary. */
function editsCollide(a: Edit, b: Edit): boolean {
  const [aStart, aEnd] = a.range;
  const [bStart, bEnd] = b.range;
  if (aStart < bEnd && bStart < aEnd) return true;
  return aStart === aEnd && bStart === bEnd && aStart === bStart;
}

function compareEdits(a: Edit, b: Edit): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}

/** Checks what only a rule's bug can break, and returns the fix's edits sorted by position. */
function validatedFix(fix: Edit[], fixIndex: number, textLength: number): Edit[] {
  if (fix.length === 0) throw new Error(`fix #${fixIndex} has no edits`);
  for (const { range } of fix) {
    const [start, end] = range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > textLength) {
      throw new Error(`fix #${fixIndex} has an invalid range [${start}, ${end}] for a text of length ${textLength}`);
    }
  }
  const sorted = [...fix].sort(compareEdits);
  for (let i = 1; i < sorted.length; i++) {
    if (editsCollide(sorted[i - 1]!, sorted[i]!)) {
      throw new Error(`fix #${fixIndex} has overlapping edits at [${sorted[i]!.range.join(", ")}]`);
    }
  }
  return sorted;
}

/**
 * Applies every fix that collides with no fix applied before it, taking the fixes in the order of
 * their first edit's start (ties in the given order). Each element of `fixes` is one finding's fix:
 * all its edits are applied or none. Throws on a fix with no edits, a range outside the text or
 * edits of one fix that collide with each other: those are bugs in the rule, not in the file.
 */
export function applyEdits(text: string, fixes: Edit[][]): ApplyResult {
  const candidates = fixes
    .map((fix, index) => ({ index, edits: validatedFix(fix, index, text.length) }))
    .sort((a, b) => a.edits[0]!.range[0] - b.edits[0]!.range[0] || a.index - b.index);

  // Accepted edits, kept sorted; they never collide, so each one ends at or before the next
  // starts and a new edit need only be checked against its two neighbours in that order.
  const accepted: Edit[] = [];
  const insertionPoint = (edit: Edit): number => {
    let lo = 0;
    let hi = accepted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEdits(accepted[mid]!, edit) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const collidesWithAccepted = (edit: Edit): boolean => {
    const at = insertionPoint(edit);
    const before = accepted[at - 1];
    const after = accepted[at];
    return (before !== undefined && editsCollide(before, edit)) || (after !== undefined && editsCollide(after, edit));
  };

  const applied: number[] = [];
  const skipped: number[] = [];
  for (const { index, edits } of candidates) {
    if (edits.some(collidesWithAccepted)) {
      skipped.push(index);
      continue;
    }
    for (const edit of edits) accepted.splice(insertionPoint(edit), 0, edit);
    applied.push(index);
  }

  let output = "";
  let copiedUpTo = 0;
  for (const { range, text: replacement } of accepted) {
    output += text.slice(copiedUpTo, range[0]) + replacement;
    copiedUpTo = range[1];
  }
  output += text.slice(copiedUpTo);

  const ascending = (a: number, b: number): number => a - b;
  return { output, applied: applied.sort(ascending), skipped: skipped.sort(ascending) };
}

export interface FixLoopResult {
  output: string;
  /** How many passes changed the text. */
  passes: number;
  /** Whether the output still has fixes: the pass limit was reached, or the fixes left do not
   *  change the text (a rule that keeps proposing what is already there). */
  remainingFixable: boolean;
}

/**
 * Lints, applies the fixes and re-lints the result until no fix is left, applying them no longer
 * changes the text, or `maxPasses` passes have changed it. `lintFixes` returns the fixes for the
 * text it is given; it is called once more after the last pass when the limit is reached, to tell
 * whether fixes remain.
 */
export function fixUntilStable(initial: string, lintFixes: (text: string) => Edit[][], maxPasses = 10): FixLoopResult {
  let text = initial;
  for (let passes = 0; passes < maxPasses; passes++) {
    const fixes = lintFixes(text);
    if (fixes.length === 0) return { output: text, passes, remainingFixable: false };
    const { output } = applyEdits(text, fixes);
    if (output === text) return { output: text, passes, remainingFixable: true };
    text = output;
  }
  return { output: text, passes: maxPasses, remainingFixable: lintFixes(text).length > 0 };
}
