import { suggestionRuleCheck } from "../test/helpers/rule-cases";
import type { SuggestionCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-statement";
const WHY = "no SQL statement is logged, so schema and role changes (CREATE, ALTER, DROP, GRANT, REVOKE) leave no trace in the log. CIS asks for ddl or more (mod, all): set log_statement = 'ddl'.";

const check = suggestionRuleCheck(RULE);

const valid: Case[] = [
  { name: "ddl", files: { "postgresql.conf": "log_statement = 'ddl'\n" }, lines: [] },
  { name: "mod, 12", pgVersion: 12, files: { "postgresql.conf": "log_statement = mod\n" }, lines: [] },
  { name: "ALL, any case", files: { "postgresql.conf": "log_statement = 'ALL'\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "log_statement = 'some'\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "none: suggestion 'ddl' in place",
    files: { "postgresql.conf": "log_statement = 'none'\t\t\t# none, ddl, mod, all\n" },
    lines: [`postgresql.conf:1:17 log_statement = 'none': ${WHY}`],
    suggested: "log_statement = 'ddl'\t\t\t# none, ddl, mod, all\n",
  },
  {
    name: "unset, 12: suggestion adds a line",
    pgVersion: 12,
    files: { "postgresql.conf": "port = 5432\n" },
    lines: [`postgresql.conf:1:1 log_statement is unset (default none): ${WHY}`],
    suggested: "port = 5432\nlog_statement = 'ddl'\n",
  },
  {
    name: "in postgresql.auto.conf: no suggestion",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "log_statement = 'none'\n" },
    lines: [`postgresql.auto.conf:1:17 log_statement = 'none': ${WHY}`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
