import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "logging-collector";
const SAMPLE_18 = path.join(__dirname, "..", "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "the server's stderr output goes wherever the service manager sends it, or nowhere, and messages that never reach syslog (from archive_command, library loading) can be lost.";
const SET = "Set logging_collector = on (takes effect after a restart).";

const { lint, check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "on", files: { "postgresql.conf": "logging_collector = on\n" }, lines: [] },
  { name: "true, 12", pgVersion: 12, files: { "postgresql.conf": "logging_collector = 'true'\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "logging_collector = maybe\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "off: fixed in place (restart)",
    files: { "postgresql.conf": "logging_collector = off   # journald\n" },
    lines: [`postgresql.conf:1:21 logging_collector = off: ${WHY} ${SET}`],
    fixed: { "postgresql.conf": "logging_collector = on    # journald\n" },
  },
  {
    name: "unset, 12",
    pgVersion: 12,
    files: { "postgresql.conf": "log_destination = 'stderr'\n" },
    lines: [`postgresql.conf:1:1 logging_collector is unset (default off): ${WHY} ${SET}`],
    fixed: { "postgresql.conf": "log_destination = 'stderr'\nlogging_collector = on\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": "logging_collector = on\n", "postgresql.auto.conf": "logging_collector = 'off'\n" },
    lines: [`postgresql.auto.conf:1:21 logging_collector = 'off': ${WHY} Change it with ALTER SYSTEM SET logging_collector = 'on' (takes effect after a restart) (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_18) ? test : test.skip;
  stock("the stock PostgreSQL 18 sample: logging_collector = on right after its commented-out line", () => {
    const text = fs.readFileSync(SAMPLE_18, "utf8");
    const stockLine = "#logging_collector = off\t\t# Enable capturing of stderr, jsonlog,\n";
    expect(text).toContain(stockLine);
    expect(lint({ "postgresql.conf": text }).fixed()["postgresql.conf"]).toBe(text.replace(stockLine, `${stockLine}logging_collector = on\n`));
  });
});
