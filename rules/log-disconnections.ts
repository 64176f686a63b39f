// log-disconnections: session ends must be logged (with the session's duration), so that the log
// shows how long each login lasted.
import { defineRule } from "../src/rule-api";
import { checkBooleanOn } from "./conf-helpers";

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
    checkBooleanOn(context, NAME);
  },
});
