// log-hostname: connection log lines should carry the client's IP address, not a name found by a
// reverse DNS lookup made for every connection.
import { defineRule, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const NAME = "log_hostname";

export default defineRule({
  meta: {
    description: "Require log_hostname = off, so that logging a connection costs no reverse DNS lookup.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: true,
    messages: {
      on: "log_hostname = {{value}}: every connection waits for a reverse DNS lookup before it is logged (a slow or failing DNS server stalls every login), and the name logged is whatever the owner of the reverse zone says. Log the client's IP address instead: {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_hostname", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-HOSTNAME" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.23 Ensure 'log_hostname' is set correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster } = context;
    const entry = cluster.effective(NAME);
    // Unset means off; an invalid value is the value checker's finding.
    if (!cluster.mainConf || !entry || parseBool(entry.line.value) !== true) return;
    const raw = entry.line.quoted ? quoteValue("off") : "off";
    const fix = safeSetParameterEdits(cluster, NAME, raw);
    context.report({
      messageId: "on",
      data: { value: entry.line.rawValue, remedy: remedy(entry, `${NAME} = ${raw}`) },
      filePath: entry.file.path,
      span: entry.line.valueSpan,
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
