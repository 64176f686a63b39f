// The table-driven harness the rule tests share: a case is a small cluster, the findings one rule
// reports on it ("file:line:column message", the rule id left out), and what its fix or its
// suggestion makes of the files.
import { lintCluster } from "./lint-cluster";

export interface FixCase {
  name: string;
  files: Record<string, string>;
  pgVersion?: number;
  /** The rule's options, if the case sets any. */
  options?: Record<string, unknown>;
  /** "file:line:column message" (the rule id left out). */
  lines: string[];
  /** Files the fix changes, with their text after one pass; every other file must stay as it is. */
  fixed?: Record<string, string>;
}

export interface SuggestionCase {
  name: string;
  files: Record<string, string>;
  pgVersion?: number;
  /** "file:line:column message" (the rule id left out). */
  lines: string[];
  /** The reported file's text after applying the (first) finding's suggestion. */
  suggested?: string;
}

/** Only `ruleId`'s findings (syntax-error is always on), with the rule id put back in. */
function expectLines(runLines: string[], ruleId: string, lines: string[]): void {
  expect(runLines.filter((line) => line.includes(` ${ruleId} `))).toEqual(lines.map((line) => line.replace(/^(\S+) /, `$1 ${ruleId} `)));
}

/** For a rule with fixes: `lint` a cluster with only that rule on, and `check` a case — its
 *  findings, the files after one pass of fixes, and that a second pass changes nothing. */
export function fixRuleCases(ruleId: string, severity: "warn" | "error") {
  const lint = (files: Record<string, string>, pgVersion = 18, options?: Record<string, unknown>) =>
    lintCluster(files, { extends: [], rules: { [ruleId]: options ? [severity, options] : severity }, pgVersion });
  const check = ({ files, pgVersion, options, lines, fixed }: FixCase): void => {
    const run = lint(files, pgVersion, options);
    expectLines(run.lines, ruleId, lines);
    const after = run.fixed();
    const unchanged = Object.fromEntries(Object.keys(after).map((file) => [file, files[file]]));
    expect(after).toEqual({ ...unchanged, ...fixed });
    if (fixed) expect(lint({ ...files, ...fixed }, pgVersion, options).fixes.filter((fix) => fix.ruleId === ruleId)).toEqual([]);
  };
  return { lint, check };
}

/** For a rule that offers a suggestion and never a fix (a policy choice): its findings, no fix,
 *  and the reported file's text once its first suggestion is applied. */
export function suggestionRuleCheck(ruleId: string): (testCase: SuggestionCase) => void {
  return ({ files, pgVersion, lines, suggested }) => {
    const run = lintCluster(files, { extends: [], rules: { [ruleId]: "warn" }, pgVersion: pgVersion ?? 18 });
    expectLines(run.lines, ruleId, lines);
    expect(run.fixes.filter((fix) => fix.ruleId === ruleId)).toEqual([]);
    const result = run.results.find((r) => r.messages.some((m) => m.ruleId === ruleId));
    const suggestion = result?.messages.find((m) => m.ruleId === ruleId)?.suggestions?.[0];
    if (suggested === undefined) {
      expect(suggestion).toBeUndefined();
      return;
    }
    const text = run.sources.get(result!.filePath)!.text;
    expect(text.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + text.slice(suggestion!.fix.range[1])).toBe(suggested);
  };
}
