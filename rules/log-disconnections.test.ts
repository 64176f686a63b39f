import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-disconnections";
const SAMPLE_18 = path.join(__dirname, "..", "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "session ends are not logged, so the log cannot tell how long a login lasted or when it ended.";

const { lint, check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "on", files: { "postgresql.conf": "log_disconnections = on\n" }, lines: [] },
  { name: "yes, 12", pgVersion: 12, files: { "postgresql.conf": "log_disconnections = yes\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "log_disconnections = sometimes\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "off: fixed in place, comment kept",
    files: { "postgresql.conf": "log_disconnections = off # noisy\n" },
    lines: [`postgresql.conf:1:22 log_disconnections = off: ${WHY} Set log_disconnections = on.`],
    fixed: { "postgresql.conf": "log_disconnections = on  # noisy\n" },
  },
  {
    name: "unset, 12",
    pgVersion: 12,
    files: { "postgresql.conf": "port = 5432\r\n" },
    lines: [`postgresql.conf:1:1 log_disconnections is unset (default off): ${WHY} Set log_disconnections = on.`],
    fixed: { "postgresql.conf": "port = 5432\r\nlog_disconnections = on\r\n" },
  },
  {
    name: "the last of two lines is the one fixed",
    files: { "postgresql.conf": "log_disconnections = on\ninclude 'z.conf'\n", "z.conf": "log_disconnections = 'false'\n" },
    lines: [`z.conf:1:22 log_disconnections = 'false': ${WHY} Set log_disconnections = 'on'.`],
    fixed: { "z.conf": "log_disconnections = 'on'\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "log_disconnections = 'off'\n" },
    lines: [`postgresql.auto.conf:1:22 log_disconnections = 'off': ${WHY} Change it with ALTER SYSTEM SET log_disconnections = 'on' (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_18) ? test : test.skip;
  stock("the stock PostgreSQL 18 sample: log_disconnections = on right after #log_disconnections = off", () => {
    const text = fs.readFileSync(SAMPLE_18, "utf8");
    const fixed = lint({ "postgresql.conf": text }).fixed()["postgresql.conf"];
    expect(fixed).toBe(text.replace("#log_disconnections = off\n", "#log_disconnections = off\nlog_disconnections = on\n"));
  });
});
