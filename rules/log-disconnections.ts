// log-disconnections: session ends must be logged (with the session's duration), so that the log
// shows how long each login lasted.
import { defineRule, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const NAME = "log_disconnections";

export default defineRule({
  meta: {
    description: "Require log_disconnections, so that the end of every session and its duration are logged.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: true,
    messages: {
      off: "log_disconnections = {{value}}: session ends are not logged, so the log cannot tell how long a login lasted or when it ended. {{remedy}}.",
      unset: "log_disconnections is unset (default off): session ends are not logged, so the log cannot tell how long a login lasted or when it ended. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_disconnections", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-DISCONNECTIONS" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.21 Ensure 'log_disconnections' is enabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster } = context;
    const main = cluster.mainConf;
    const value = cluster.effectiveValue(NAME);
    // An invalid value is the value checker's finding.
    if (!main || value === undefined || parseBool(value) !== false) return;

    const entry = cluster.effective(NAME);
    const raw = entry?.line.quoted ? quoteValue("on") : "on";
    const fix = safeSetParameterEdits(cluster, NAME, raw);
    context.report({
      messageId: entry ? "off" : "unset",
      data: { value: entry?.line.rawValue ?? "", remedy: remedy(entry, `${NAME} = ${raw}`) },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
