// log-statement: CIS asks for log_statement = ddl or more (mod, all), so that schema and role
// changes leave a trace. No fix: how much to log is a policy choice; the suggestion is ddl.
import { defineRule, lookupEnum, quoteValue, safeSetParameterEdits } from "../src/rule-api";

const NAME = "log_statement";

export default defineRule({
  meta: {
    description: "Require log_statement to log at least DDL statements (ddl, mod or all).",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      none: "log_statement = {{value}}: no SQL statement is logged, so schema and role changes (CREATE, ALTER, DROP, GRANT, REVOKE) leave no trace in the log. CIS asks for ddl or more (mod, all): set log_statement = 'ddl'.",
      unset:
        "log_statement is unset (default none): no SQL statement is logged, so schema and role changes (CREATE, ALTER, DROP, GRANT, REVOKE) leave no trace in the log. CIS asks for ddl or more (mod, all): set log_statement = 'ddl'.",
      setDdl: "Set log_statement = 'ddl'.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_statement", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-STATEMENT" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.25 Ensure 'log_statement' is set correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    const parameter = cluster.parameter(NAME);
    const value = cluster.effectiveValue(NAME);
    if (!main || !parameter?.enumvals || value === undefined) return;
    const found = lookupEnum(NAME, parameter.enumvals, value, pgVersion);
    // An invalid value is the value checker's finding.
    if (!found.ok || found.value !== "none") return;
    const entry = cluster.effective(NAME);
    const filePath = entry?.file.path ?? main.path;
    const suggestion = safeSetParameterEdits(cluster, NAME, quoteValue("ddl"));
    context.report({
      messageId: entry ? "none" : "unset",
      data: { value: entry?.line.rawValue ?? "" },
      filePath,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(suggestion ? { suggestions: [{ messageId: "setDdl", filePath: suggestion.filePath, edits: suggestion.edits }] } : {}),
    });
  },
});
