import { defineRule } from "../src/rule-api";
import { isLoaded, scramSwitch } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Prefer scram-sha-256 to the md5 method: MD5 hashes are weak, and MD5 passwords are deprecated since PostgreSQL 18.",
    category: "authentication",
    files: ["hba", "conf"],
    defaultSeverity: "warn",
    presets: ["recommended", "cis"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      md5: '"md5" authentication on this {{type}} record: an MD5 password hash (from pg_authid, a backup or a dump) is enough to log in, and a sniffed login exchange can be cracked offline{{deprecated}}. Use scram-sha-256{{remedy}}.',
      useScram: "Replace md5 with scram-sha-256.",
    },
    references: [
      { title: "PostgreSQL: Password Authentication", url: "https://www.postgresql.org/docs/current/auth-password.html" },
      { title: "PostgreSQL: password_encryption", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION" },
      { title: 'CIS PostgreSQL 17 Benchmark v1.0.0, 5.4 Ensure login via "host" TCP/IP Socket is configured correctly', url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const deprecated = context.pgVersion >= 18 ? "; MD5 passwords are deprecated in PostgreSQL 18 and will be removed in a future release" : "";
    for (const file of context.cluster.hbaFiles) {
      const text = file.document.source.text;
      for (const record of file.document.records) {
        if (!isLoaded(record) || record.authMethod !== "md5" || !record.methodToken) continue;
        const change = scramSwitch(context.cluster, text, record);
        context.report({
          messageId: "md5",
          data: { type: record.connectionType!, deprecated, remedy: change.remedy },
          filePath: file.path,
          span: record.methodToken.span,
          ...(change.safe ? { fix: change.edits } : {}),
          suggestions: [{ messageId: "useScram", edits: change.edits }],
        });
      }
    }
  },
});
