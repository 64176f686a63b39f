// log-min-error-statement: CIS asks for log_min_error_statement = error or more detail, so that
// the statement that caused an error is logged with it. The levels' order is the catalog's enum order.
import { defineRule } from "../src/rule-api";
import { checkMinLogLevel } from "./conf-helpers";

const NAME = "log_min_error_statement";
const LEVEL = "error";

export default defineRule({
  meta: {
    description: "Require log_min_error_statement to be error or more detailed, so that failing statements are logged.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      tooHigh:
        "log_min_error_statement = {{value}}: the statements that cause {{dropped}} messages are not logged with them, so the log shows an error without the SQL behind it. CIS asks for error or more detail: set log_min_error_statement = error.",
      setError: "Set log_min_error_statement = error.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_min_error_statement", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-ERROR-STATEMENT" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.15 Ensure the correct SQL statements generating errors are recorded", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    checkMinLogLevel(context, NAME, LEVEL, "setError");
  },
});
