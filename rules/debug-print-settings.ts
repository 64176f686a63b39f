// debug-print-settings: debug_print_parse, debug_print_rewritten and debug_print_plan must be off
// (they write every query's trees to the log, data included), and debug_pretty_print on (CIS asks
// for it, so that such output stays readable when it is turned on for a session).
import { defineRule, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

// Judgement (CIS 3.1.16-3.1.19): the value each should have.
const WANTED: Record<string, boolean> = { debug_print_parse: false, debug_print_rewritten: false, debug_print_plan: false, debug_pretty_print: true };
const PRINTS: Record<string, string> = { debug_print_parse: "parse tree", debug_print_rewritten: "rewritten parse tree", debug_print_plan: "execution plan" };

export default defineRule({
  meta: {
    description: "Require debug_print_parse, debug_print_rewritten and debug_print_plan off, and debug_pretty_print on.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: true,
    messages: {
      printing:
        "{{name}} = {{value}}: the server writes the {{tree}} of every query to the log, constants and all, which can put sensitive data in the log that log_statement would leave out, and floods it. {{remedy}}.",
      notPretty: "debug_pretty_print = {{value}}: debug_print_* output is then written unindented, which makes it hard to read when it is turned on for a session. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, What to Log", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-LOGGING-WHAT" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.16 Ensure 'debug_print_parse' is disabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.17 Ensure 'debug_print_rewritten' is disabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.18 Ensure 'debug_print_plan' is disabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.19 Ensure 'debug_pretty_print' is enabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster } = context;
    if (!cluster.mainConf) return;
    for (const [name, wanted] of Object.entries(WANTED)) {
      const entry = cluster.effective(name);
      // Unset means the default, which is what CIS wants; an invalid value is the value checker's.
      if (!entry || !cluster.parameter(name)) continue;
      const value = parseBool(entry.line.value);
      if (value === null || value === wanted) continue;
      const word = wanted ? "on" : "off";
      const raw = entry.line.quoted ? quoteValue(word) : word;
      const fix = safeSetParameterEdits(cluster, name, raw);
      context.report({
        messageId: wanted ? "notPretty" : "printing",
        data: { name: entry.line.name, value: entry.line.rawValue, tree: PRINTS[name] ?? "", remedy: remedy(entry, `${entry.line.name} = ${raw}`) },
        filePath: entry.file.path,
        span: entry.line.valueSpan,
        ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
      });
    }
  },
});
