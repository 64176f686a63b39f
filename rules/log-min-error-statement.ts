// log-min-error-statement: CIS asks for log_min_error_statement = error or more detail, so that
// the statement that caused an error is logged with it. The levels' order is the catalog's enum order.
import { defineRule, lookupEnum, safeSetParameterEdits } from "../src/rule-api";

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
    const { cluster, pgVersion } = context;
    const parameter = cluster.parameter(NAME);
    const entry = cluster.effective(NAME);
    // Unset means error; a version where it is no enum is not judged.
    if (!cluster.mainConf || !entry || parameter?.vartype !== "enum" || !parameter.enumvals) return;
    const levels = parameter.enumvals;
    const found = lookupEnum(NAME, levels, entry.line.value, pgVersion);
    if (!found.ok) return;
    const at = levels.indexOf(found.value);
    const wanted = levels.indexOf(LEVEL);
    if (at <= wanted || wanted < 0) return;
    const suggestion = safeSetParameterEdits(cluster, NAME, LEVEL);
    const dropped = levels.slice(wanted, at).map((level) => level.toUpperCase());
    context.report({
      messageId: "tooHigh",
      data: { value: entry.line.rawValue, dropped: dropped.length > 1 ? `${dropped.slice(0, -1).join(", ")} and ${dropped.at(-1)}` : dropped[0]! },
      filePath: entry.file.path,
      span: entry.line.valueSpan,
      ...(suggestion ? { suggestions: [{ messageId: "setError", filePath: suggestion.filePath, edits: suggestion.edits }] } : {}),
    });
  },
});
