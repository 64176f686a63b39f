import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-connections";
const sample = (major: number) => path.join(__dirname, "..", "oracle", "node_modules", `pg${major}`, "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "logins are not logged, so the log cannot tell who connected, as which role and from where, nor show password guessing.";

const { lint, check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "on, 17", pgVersion: 17, files: { "postgresql.conf": "log_connections = on\n" }, lines: [] },
  { name: "a unique prefix of true, 12", pgVersion: 12, files: { "postgresql.conf": "log_connections = t\n" }, lines: [] },
  { name: "on, 18 (receipt, authentication, authorization)", files: { "postgresql.conf": "log_connections = on\n" }, lines: [] },
  { name: "'True', 18", files: { "postgresql.conf": "log_connections = 'True'\n" }, lines: [] },
  { name: "all, 18", files: { "postgresql.conf": "log_connections = 'all'\n" }, lines: [] },
  { name: "authentication and authorization, any case, 18", files: { "postgresql.conf": "log_connections = 'Authentication, authorization'\n" }, lines: [] },
  { name: "an unknown option is left to the value checker, 18", files: { "postgresql.conf": "log_connections = 'receipt,logins'\n" }, lines: [] },
  { name: "a prefix is no boolean on 18: left to the value checker", files: { "postgresql.conf": "log_connections = t\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "off, 17: fixed in place",
    pgVersion: 17,
    files: { "postgresql.conf": "log_connections = off\t\t# CIS 3.1.20\n" },
    lines: [`postgresql.conf:1:19 log_connections = off: ${WHY} Set log_connections = on.`],
    fixed: { "postgresql.conf": "log_connections = on\t\t# CIS 3.1.20\n" },
  },
  {
    name: "unset, 12: the default is off",
    pgVersion: 12,
    files: { "postgresql.conf": "" },
    lines: [`postgresql.conf:1:1 log_connections is unset (default off): ${WHY} Set log_connections = on.`],
    fixed: { "postgresql.conf": "log_connections = on\n" },
  },
  {
    name: "unset, 18: the default is an empty list",
    files: { "postgresql.conf": "port = 5432\n" },
    lines: [`postgresql.conf:1:1 log_connections is unset (default '', nothing logged): ${WHY} Set log_connections = on.`],
    fixed: { "postgresql.conf": "port = 5432\nlog_connections = on\n" },
  },
  {
    name: "'off' quoted, 18",
    files: { "postgresql.conf": "log_connections = 'off'\n" },
    lines: [`postgresql.conf:1:19 log_connections = 'off': ${WHY} Set log_connections = 'on'.`],
    fixed: { "postgresql.conf": "log_connections = 'on'\n" },
  },
  {
    name: "receipt only, 18: the missing options are added to the list",
    files: { "postgresql.conf": "log_connections = 'receipt'\n" },
    lines: ["postgresql.conf:1:19 log_connections = 'receipt' leaves out authentication and authorization: the log cannot tell who connected and as which role. Set log_connections = 'receipt,authentication,authorization'."],
    fixed: { "postgresql.conf": "log_connections = 'receipt,authentication,authorization'\n" },
  },
  {
    name: "one option missing, spaced list, 18",
    files: { "postgresql.conf": "log_connections = 'authentication, setup_durations'\n" },
    lines: ["postgresql.conf:1:19 log_connections = 'authentication, setup_durations' leaves out authorization: the log cannot tell who connected and as which role. Set log_connections = 'authentication, setup_durations, authorization'."],
    fixed: { "postgresql.conf": "log_connections = 'authentication, setup_durations, authorization'\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    pgVersion: 16,
    files: { "postgresql.conf": "log_connections = on\n", "postgresql.auto.conf": "log_connections = 'off'\n" },
    lines: [`postgresql.auto.conf:1:19 log_connections = 'off': ${WHY} Change it with ALTER SYSTEM SET log_connections = 'on' (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  for (const [major, stockLine] of [
    [17, "#log_connections = off\n"],
    [18, "#log_connections = '' # log aspects of connection setup\n"],
  ] as const) {
    const stock = fs.existsSync(sample(major)) ? test : test.skip;
    stock(`the stock PostgreSQL ${major} sample: log_connections = on right after ${stockLine.trim()}`, () => {
      const text = fs.readFileSync(sample(major), "utf8");
      expect(text).toContain(stockLine);
      const fixed = lint({ "postgresql.conf": text }, major).fixed()["postgresql.conf"];
      expect(fixed).toBe(text.replace(stockLine, `${stockLine}log_connections = on\n`));
    });
  }
});
