// log-min-messages: CIS asks for log_min_messages = warning or more detail; a less detailed level
// drops warnings (and more) from the server log. The levels' order is the catalog's enum order.
import { defineRule } from "../src/rule-api";
import { checkMinLogLevel } from "./conf-helpers";

const NAME = "log_min_messages";
const LEVEL = "warning";

export default defineRule({
  meta: {
    description: "Require log_min_messages to be warning or more detailed, so that warnings and errors reach the server log.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      tooHigh: "log_min_messages = {{value}} keeps {{dropped}} messages out of the server log, so problems go unrecorded. CIS asks for warning or more detail: set log_min_messages = warning.",
      setWarning: "Set log_min_messages = warning.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_min_messages", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-MESSAGES" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.14 Ensure the correct messages are written to the server log", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    checkMinLogLevel(context, NAME, LEVEL, "setWarning");
  },
});
