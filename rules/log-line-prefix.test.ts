import * as fs from "node:fs";
import * as path from "node:path";
import { suggestionRuleCheck } from "../test/helpers/rule-cases";
import type { SuggestionCase as Case } from "../test/helpers/rule-cases";
import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "log-line-prefix";
const SAMPLE_18 = path.join(__dirname, "..", "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "log lines cannot be tied to who did what, from where. CIS asks for all of them, for example log_line_prefix =";

const check = suggestionRuleCheck(RULE);

const valid: Case[] = [
  { name: "CIS's own example", files: { "postgresql.conf": "log_line_prefix = '%m [%p]: [%l-1] db=%d,user=%u,app=%a,client=%h '\n" }, lines: [] },
  { name: "equivalents: %t, %c, %r; padded escapes", files: { "postgresql.conf": "log_line_prefix = '%t %-10c %u@%d %20r '\n" }, lines: [] },
  { name: "csvlog only: the prefix is not used", files: { "postgresql.conf": "log_destination = 'csvlog'\nlogging_collector = on\n" }, lines: [] },
  { name: "jsonlog only, 15", pgVersion: 15, files: { "postgresql.conf": "log_destination = jsonlog\nlog_line_prefix = ''\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "unset: the default '%m [%p] ' lacks user, database and client; the suggestion goes after the stock line",
    files: { "postgresql.conf": "#log_line_prefix = '%m [%p] '\t\t# special values:\nport = 5432\n" },
    lines: [`postgresql.conf:1:1 log_line_prefix is unset and its default '%m [%p] ' lacks the user (%u), the database (%d) and the client address (%h): ${WHY} '%m [%p] user=%u,db=%d,client=%h '.`],
    suggested: "#log_line_prefix = '%m [%p] '\t\t# special values:\nlog_line_prefix = '%m [%p] user=%u,db=%d,client=%h '\nport = 5432\n",
  },
  {
    name: "a doubled percent sign is a literal one, not an escape; the time and process go in front",
    files: { "postgresql.conf": "log_line_prefix = '%%u %d %h '\n" },
    lines: [`postgresql.conf:1:19 log_line_prefix = '%%u %d %h ' lacks a timestamp (%m), the process ID (%p) and the user (%u): ${WHY} '%m [%p] %%u %d %h user=%u '.`],
    suggested: "log_line_prefix = '%m [%p] %%u %d %h user=%u '\n",
  },
  {
    name: "syslog among the destinations, 12; a prefix without a trailing space",
    pgVersion: 12,
    files: { "postgresql.conf": "log_destination = 'csvlog,syslog'\nlog_line_prefix = '%m|%p|%u'\n" },
    lines: [`postgresql.conf:2:19 log_line_prefix = '%m|%p|%u' lacks the database (%d) and the client address (%h): ${WHY} '%m|%p|%u db=%d,client=%h '.`],
    suggested: "log_destination = 'csvlog,syslog'\nlog_line_prefix = '%m|%p|%u db=%d,client=%h '\n",
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_18) ? test : test.skip;
  stock("the stock PostgreSQL 18 sample: reported at the top", () => {
    const text = fs.readFileSync(SAMPLE_18, "utf8");
    const run = lintCluster({ "postgresql.conf": text }, { extends: [], rules: { [RULE]: "warn" }, pgVersion: 18 });
    expect(run.lines.map((line) => line.slice(0, line.indexOf(" lacks")))).toEqual([`postgresql.conf:1:1 ${RULE} log_line_prefix is unset and its default '%m [%p] '`]);
  });
});
