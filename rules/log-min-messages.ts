// log-min-messages: CIS asks for log_min_messages = warning or more detail; a less detailed level
// drops warnings (and more) from the server log. The levels' order is the catalog's enum order.
import { defineRule, lookupEnum, safeSetParameterEdits } from "../src/rule-api";

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
    const { cluster, pgVersion } = context;
    const parameter = cluster.parameter(NAME);
    const entry = cluster.effective(NAME);
    // Unset means warning; a version where it is no enum is not judged.
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
      ...(suggestion ? { suggestions: [{ messageId: "setWarning", filePath: suggestion.filePath, edits: suggestion.edits }] } : {}),
    });
  },
});
