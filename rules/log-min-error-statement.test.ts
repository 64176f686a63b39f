import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "log-min-error-statement";
const TAIL = "so the log shows an error without the SQL behind it. CIS asks for error or more detail: set log_min_error_statement = error.";

interface Case {
  name: string;
  files: Record<string, string>;
  pgVersion?: number;
  /** "file:line:column message" (the rule id left out). */
  lines: string[];
  /** The reported file's text after applying the (first) finding's suggestion. */
  suggested?: string;
}

function check({ files, pgVersion, lines, suggested }: Case): void {
  const run = lintCluster(files, { extends: [], rules: { [RULE]: "warn" }, pgVersion: pgVersion ?? 18 });
  expect(run.lines.filter((line) => line.includes(` ${RULE} `))).toEqual(lines.map((line) => line.replace(/^(\S+) /, `$1 ${RULE} `)));
  // No fix: the level is a policy choice; a suggestion shows the CIS value.
  expect(run.fixes.filter((fix) => fix.ruleId === RULE)).toEqual([]);
  const result = run.results.find((r) => r.messages.some((m) => m.ruleId === RULE));
  const suggestion = result?.messages.find((m) => m.ruleId === RULE)?.suggestions?.[0];
  if (suggested === undefined) {
    expect(suggestion).toBeUndefined();
    return;
  }
  const text = run.sources.get(result!.filePath)!.text;
  expect(text.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + text.slice(suggestion!.fix.range[1])).toBe(suggested);
}

const valid: Case[] = [
  { name: "unset: error", files: { "postgresql.conf": "" }, lines: [] },
  { name: "error", files: { "postgresql.conf": "log_min_error_statement = error\n" }, lines: [] },
  { name: "more detail", files: { "postgresql.conf": "log_min_error_statement = warning\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "log",
    files: { "postgresql.conf": "log_min_error_statement = log\n" },
    lines: [`postgresql.conf:1:27 log_min_error_statement = log: the statements that cause ERROR messages are not logged with them, ${TAIL}`],
    suggested: "log_min_error_statement = error\n",
  },
  {
    name: "panic, in an included file, 12",
    pgVersion: 12,
    files: { "postgresql.conf": "include 'log.conf'\n", "log.conf": "log_min_error_statement = panic # quiet\n" },
    lines: [`log.conf:1:27 log_min_error_statement = panic: the statements that cause ERROR, LOG and FATAL messages are not logged with them, ${TAIL}`],
    suggested: "log_min_error_statement = error # quiet\n",
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
