import { defineRule } from "../src/rule-api";
import { isLoaded, scramSwitch } from "./hba-helpers";

const EXPOSURE: Record<string, string> = {
  host: "it crosses the network unencrypted unless the client happens to use SSL",
  hostnogssenc: "it crosses the network unencrypted unless the client happens to use SSL",
  hostnossl: "it crosses the network unencrypted",
  hostssl: "the connection is encrypted, but the server (or whoever impersonates it to a client that does not verify the server certificate) receives the password itself",
  hostgssenc: "the connection is encrypted, but the server receives the password itself",
  local: "it stays on this host, but the server receives the password itself",
};

export default defineRule({
  meta: {
    description: "Disallow the password method: it sends passwords in clear text; use scram-sha-256.",
    category: "authentication",
    files: ["hba", "conf"],
    defaultSeverity: "error",
    presets: ["recommended", "cis"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      cleartextPassword: '"password" authentication sends the password in clear text on this {{type}} record: {{exposure}}. Use scram-sha-256{{remedy}}.',
      useScram: "Replace password with scram-sha-256.",
    },
    references: [
      { title: "PostgreSQL: Password Authentication", url: "https://www.postgresql.org/docs/current/auth-password.html" },
      { title: "PostgreSQL: password_encryption", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION" },
      { title: 'CIS PostgreSQL 17 Benchmark v1.0.0, 5.4 Ensure login via "host" TCP/IP Socket is configured correctly', url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    for (const file of context.cluster.hbaFiles) {
      const text = file.document.source.text;
      for (const record of file.document.records) {
        if (!isLoaded(record) || record.authMethod !== "password" || !record.methodToken) continue;
        const change = scramSwitch(context.cluster, text, record);
        context.report({
          messageId: "cleartextPassword",
          data: { type: record.connectionType!, exposure: EXPOSURE[record.connectionType!]!, remedy: change.remedy },
          filePath: file.path,
          span: record.methodToken.span,
          ...(change.safe ? { fix: change.edits } : {}),
          suggestions: [{ messageId: "useScram", edits: change.edits }],
        });
      }
    }
  },
});
