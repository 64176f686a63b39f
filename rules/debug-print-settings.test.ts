import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "debug-print-settings";
const PRINTING = (name: string, value: string, tree: string, fixed: string) =>
  `${name} = ${value}: the server writes the ${tree} of every query to the log, constants and all, which can put sensitive data in the log that log_statement would leave out, and floods it. Set ${name} = ${fixed}.`;

const { check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "unset: the defaults are what CIS asks", files: { "postgresql.conf": "" }, lines: [] },
  { name: "explicit defaults", files: { "postgresql.conf": "debug_print_parse = off\ndebug_print_rewritten = false\ndebug_print_plan = 0\ndebug_pretty_print = on\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "debug_print_plan = sometimes\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "all four the wrong way: each reported and fixed",
    files: { "postgresql.conf": "debug_print_parse = on\ndebug_print_rewritten = 'true'\ndebug_print_plan = yes     # tuning\ndebug_pretty_print = off\n" },
    lines: [
      `postgresql.conf:1:21 ${PRINTING("debug_print_parse", "on", "parse tree", "off")}`,
      `postgresql.conf:2:25 ${PRINTING("debug_print_rewritten", "'true'", "rewritten parse tree", "'off'")}`,
      `postgresql.conf:3:20 ${PRINTING("debug_print_plan", "yes", "execution plan", "off")}`,
      "postgresql.conf:4:22 debug_pretty_print = off: debug_print_* output is then written unindented, which makes it hard to read when it is turned on for a session. Set debug_pretty_print = on.",
    ],
    fixed: { "postgresql.conf": "debug_print_parse = off\ndebug_print_rewritten = 'off'\ndebug_print_plan = off     # tuning\ndebug_pretty_print = on\n" },
  },
  {
    name: "12, in an included file",
    pgVersion: 12,
    files: { "postgresql.conf": "include 'debug.conf'\n", "debug.conf": "debug_print_plan = on\n" },
    lines: [`debug.conf:1:20 ${PRINTING("debug_print_plan", "on", "execution plan", "off")}`],
    fixed: { "debug.conf": "debug_print_plan = off\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "debug_print_parse = 'on'\n" },
    lines: [
      "postgresql.auto.conf:1:21 debug_print_parse = 'on': the server writes the parse tree of every query to the log, constants and all, which can put sensitive data in the log that log_statement would leave out, and floods it. Change it with ALTER SYSTEM SET debug_print_parse = 'off' (postgresql.auto.conf sets it).",
    ],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
