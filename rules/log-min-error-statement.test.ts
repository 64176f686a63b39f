import { suggestionRuleCheck } from "../test/helpers/rule-cases";
import type { SuggestionCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-min-error-statement";
const TAIL = "so the log shows an error without the SQL behind it. CIS asks for error or more detail: set log_min_error_statement = error.";

const check = suggestionRuleCheck(RULE);

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
