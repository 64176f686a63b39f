import { defineRule } from "../src/rule-api";
import { clusterSsl, settingOrigin } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Report hostssl records while the cluster's ssl is off: they never match.",
    category: "tls",
    files: ["hba", "conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    messages: {
      hostsslWithoutSsl:
        "hostssl record cannot match because SSL is disabled: ssl is off ({{origin}}), so the connections this record was meant to accept are refused or fall through to a later record. Turn ssl on (with ssl_cert_file and ssl_key_file; takes effect after a {{applies}}), or remove the record.",
    },
    references: [
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
      { title: "PostgreSQL: ssl", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL" },
    ],
  },
  check(context) {
    // Only with the cluster's postgresql.conf at hand: without it, ssl is unknown.
    if (clusterSsl(context.cluster) !== false) return;
    const origin = settingOrigin(context.cluster, "ssl");
    const applies = context.cluster.parameter("ssl")?.context === "postmaster" ? "restart" : "reload";
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        if (!record.accepted || record.connectionType !== "hostssl") continue;
        context.report({ messageId: "hostsslWithoutSsl", data: { origin, applies }, filePath: file.path, span: record.fields[0]!.tokens[0]!.span });
      }
    }
  },
});
