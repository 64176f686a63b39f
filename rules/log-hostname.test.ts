import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "log-hostname";
const WHY =
  "every connection waits for a reverse DNS lookup before it is logged (a slow or failing DNS server stalls every login), and the name logged is whatever the owner of the reverse zone says. Log the client's IP address instead:";

interface Case {
  name: string;
  files: Record<string, string>;
  pgVersion?: number;
  /** "file:line:column message" (the rule id left out). */
  lines: string[];
  /** Files the fix changes, with their text after one pass; every other file must stay as it is. */
  fixed?: Record<string, string>;
}

function lint(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { [RULE]: "warn" }, pgVersion });
}

function check({ files, pgVersion, lines, fixed }: Case): void {
  const run = lint(files, pgVersion);
  expect(run.lines.filter((line) => line.includes(` ${RULE} `))).toEqual(lines.map((line) => line.replace(/^(\S+) /, `$1 ${RULE} `)));
  const after = run.fixed();
  const unchanged = Object.fromEntries(Object.keys(after).map((file) => [file, files[file]]));
  expect(after).toEqual({ ...unchanged, ...fixed });
  if (fixed) expect(lint({ ...files, ...fixed }, pgVersion).fixes.filter((fix) => fix.ruleId === RULE)).toEqual([]);
}

const valid: Case[] = [
  { name: "unset: off", files: { "postgresql.conf": "" }, lines: [] },
  { name: "off", files: { "postgresql.conf": "log_hostname = off\n" }, lines: [] },
  { name: "on overridden by a later off", files: { "postgresql.conf": "log_hostname = on\nlog_hostname = no\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "on: fixed in place",
    files: { "postgresql.conf": "log_hostname = on\n" },
    lines: [`postgresql.conf:1:16 log_hostname = on: ${WHY} Set log_hostname = off.`],
    fixed: { "postgresql.conf": "log_hostname = off\n" },
  },
  {
    name: "'yes' quoted, in an included file, 12",
    pgVersion: 12,
    files: { "postgresql.conf": "include 'logging.conf'\n", "logging.conf": "log_hostname = 'yes'\t# resolve names\n" },
    lines: [`logging.conf:1:16 log_hostname = 'yes': ${WHY} Set log_hostname = 'off'.`],
    fixed: { "logging.conf": "log_hostname = 'off'\t# resolve names\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "log_hostname = 'on'\n" },
    lines: [`postgresql.auto.conf:1:16 log_hostname = 'on': ${WHY} Change it with ALTER SYSTEM SET log_hostname = 'off' (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
