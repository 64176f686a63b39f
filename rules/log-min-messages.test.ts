import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "log-min-messages";
const TAIL = "so problems go unrecorded. CIS asks for warning or more detail: set log_min_messages = warning.";

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
  { name: "unset: warning", files: { "postgresql.conf": "" }, lines: [] },
  { name: "warning", files: { "postgresql.conf": "log_min_messages = warning\n" }, lines: [] },
  { name: "more detail (notice, debug)", files: { "postgresql.conf": "log_min_messages = notice\n" }, lines: [] },
  { name: "the hidden 'debug' (debug2), 12", pgVersion: 12, files: { "postgresql.conf": "log_min_messages = debug\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "log_min_messages = loud\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "error drops warnings",
    files: { "postgresql.conf": "log_min_messages = error\t\t# values in order of decreasing detail:\n" },
    lines: [`postgresql.conf:1:20 log_min_messages = error keeps WARNING messages out of the server log, ${TAIL}`],
    suggested: "log_min_messages = warning\t\t# values in order of decreasing detail:\n",
  },
  {
    name: "fatal drops warnings, errors and LOG messages, 12",
    pgVersion: 12,
    files: { "postgresql.conf": "log_min_messages = 'FATAL'\n" },
    lines: [`postgresql.conf:1:20 log_min_messages = 'FATAL' keeps WARNING, ERROR and LOG messages out of the server log, ${TAIL}`],
    suggested: "log_min_messages = warning\n",
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
