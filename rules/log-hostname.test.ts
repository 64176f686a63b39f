import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-hostname";
const WHY =
  "every connection waits for a reverse DNS lookup before it is logged (a slow or failing DNS server stalls every login), and the name logged is whatever the owner of the reverse zone says. Log the client's IP address instead:";

const { check } = fixRuleCases(RULE, "warn");

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
