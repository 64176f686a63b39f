import { suggestionRuleCheck } from "../test/helpers/rule-cases";
import type { SuggestionCase as Case } from "../test/helpers/rule-cases";

const RULE = "log-min-messages";
const TAIL = "so problems go unrecorded. CIS asks for warning or more detail: set log_min_messages = warning.";

const check = suggestionRuleCheck(RULE);

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
