import { defineRule } from "../src/rule-api";
import { addressText, describeUsers, isNetworkRecord, isLoaded } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Disallow the ident method on TCP/IP records: it trusts the user name an ident (RFC 1413) server on the client host reports, which whoever controls that host can forge.",
    category: "authentication",
    files: ["hba"],
    defaultSeverity: "warn",
    presets: ["recommended", "cis"],
    fixable: false,
    messages: {
      identOverTcp:
        '"ident" on this {{type}} record for {{address}}: the server asks an ident server on the client machine who the user is and believes the answer, so anyone who controls a machine in that range (or its ident daemon) can log in as {{users}}. Use scram-sha-256, cert or gss; keep ident-style checks to local records (peer).',
    },
    references: [
      { title: "PostgreSQL: Ident Authentication", url: "https://www.postgresql.org/docs/current/auth-ident.html" },
      { title: 'CIS PostgreSQL 17 Benchmark v1.0.0, 5.4 Ensure login via "host" TCP/IP Socket is configured correctly', url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        if (!isLoaded(record) || !isNetworkRecord(record) || record.authMethod !== "ident" || !record.methodToken) continue;
        context.report({ messageId: "identOverTcp", data: { type: record.connectionType!, address: addressText(record.address!), users: describeUsers(record) }, filePath: file.path, span: record.methodToken.span });
      }
    }
  },
});
