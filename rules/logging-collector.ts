// logging-collector: the logging collector must run, so that everything the server and its child
// processes write to stderr (including messages that never reach syslog) lands in log files.
import { defineRule } from "../src/rule-api";
import { checkBooleanOn } from "./conf-helpers";

const NAME = "logging_collector";

export default defineRule({
  meta: {
    description: "Require logging_collector = on, so that the server's log output is captured in log files.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: true,
    messages: {
      off: "logging_collector = {{value}}: the server's stderr output goes wherever the service manager sends it, or nowhere, and messages that never reach syslog (from archive_command, library loading) can be lost. {{remedy}}.",
      unset:
        "logging_collector is unset (default off): the server's stderr output goes wherever the service manager sends it, or nowhere, and messages that never reach syslog (from archive_command, library loading) can be lost. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, logging_collector", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOGGING-COLLECTOR" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.3 Ensure the logging collector is enabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    checkBooleanOn(context, NAME);
  },
});
