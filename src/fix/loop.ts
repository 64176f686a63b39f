// The --fix loop over a set of files: lint, apply each file's fixes that do not collide
// (applyEdits), lint again with the fixed texts in place of the disk's, until a pass changes
// nothing or MAX_FIX_PASSES passes have. The CLI runs it; the tests run the same one.
import { lint } from "../engine/linter";
import type { FileFix, LintOptions, LintRun, LintTarget } from "../engine/linter";
import { encodeText } from "../source";
import type { SourceText } from "../source";
import { applyEdits } from "./apply";

/** At most this many passes change the texts. */
export const MAX_FIX_PASSES = 10;

export interface FixLoopOptions {
  /** The run on the original texts, when the caller has it (else the loop lints first). */
  firstRun?: LintRun;
  /** Whether a fix is applied (--fix-rule, --fix-type); default: every one. */
  wanted?: (fix: FileFix) => boolean;
  /** Whether a file may be written; default: every file. A file that may not keeps its text. */
  writable?: (filePath: string) => boolean;
  /** Called once for each file that has fixes to apply and may not be written. */
  onRefused?: (filePath: string) => void;
}

/** The fixes applied to one file in one pass: their ranges are in that pass's text. */
export interface AppliedFixes {
  /** 0 for the first pass. */
  pass: number;
  filePath: string;
  fixes: FileFix[];
}

export interface FixLoopOutcome {
  /** The run after the last pass: what the fixed texts still have. */
  run: LintRun;
  /** The texts of the first run. */
  originals: Map<string, SourceText>;
  /** The final text of every file a pass changed. */
  texts: Map<string, string>;
  /** Passes that changed a text. */
  passes: number;
  /** What each pass applied to each file it changed, in order. */
  applied: AppliedFixes[];
}

/** Runs the fix loop on `targets`; `lintOptions.overrides` is read, not changed. */
export function runFixLoop(targets: LintTarget[], lintOptions: LintOptions, options: FixLoopOptions = {}): FixLoopOutcome {
  const overrides = new Map(lintOptions.overrides);
  const relintOptions: LintOptions = { ...lintOptions, overrides };
  let run = options.firstRun ?? lint(targets, lintOptions);
  const originals = new Map(run.sources);
  const texts = new Map<string, string>();
  const applied: AppliedFixes[] = [];
  const refused = new Set<string>();
  let passes = 0;
  while (passes < MAX_FIX_PASSES && run.fixes.length > 0) {
    const byFile = new Map<string, FileFix[]>();
    for (const fix of options.wanted ? run.fixes.filter(options.wanted) : run.fixes) {
      const list = byFile.get(fix.filePath);
      if (list) list.push(fix);
      else byFile.set(fix.filePath, [fix]);
    }
    let progressed = false;
    for (const [filePath, fixes] of byFile) {
      const source = run.sources.get(filePath);
      if (!source) continue;
      if (options.writable && !options.writable(filePath)) {
        if (!refused.has(filePath)) options.onRefused?.(filePath);
        refused.add(filePath);
        continue;
      }
      const result = applyEdits(source.text, fixes.map((fix) => fix.edits));
      if (result.output === source.text) continue;
      texts.set(filePath, result.output);
      overrides.set(filePath, encodeText(result.output, source.encoding));
      applied.push({ pass: passes, filePath, fixes: result.applied.map((index) => fixes[index]!) });
      progressed = true;
    }
    if (!progressed) break;
    passes++;
    run = lint(targets, relintOptions);
  }
  return { run, originals, texts, passes, applied };
}
