import { defineRule } from "../src/rule-api";
import { addressText, describeUsers, isLoopbackAddress, isSingleLineToken, isLoaded, replaceFieldEdit } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Disallow the trust method on TCP/IP records (and, optionally, on local ones): it lets anyone connect as the named users without a password.",
    category: "authentication",
    files: ["hba"],
    defaultSeverity: "error",
    presets: ["recommended", "cis"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      trustNetwork:
        '"trust" on this {{type}} record for {{address}}: anyone who can reach the server\'s port from there connects as {{users}} without a password. Use scram-sha-256 (or cert, gss, ldap...) instead.',
      trustLoopback:
        '"trust" on this {{type}} record for {{address}}: every process and OS user on this host (and anything that reaches the port through a tunnel or local proxy) connects as {{users}} without a password. Use scram-sha-256 instead (or peer on a local record).',
      trustLocal:
        '"trust" on this local record: every OS user on this host who can open the Unix socket connects as {{users}} without a password. Use peer (the OS user name must match the database user) or scram-sha-256 instead.',
      useScram: "Replace trust with scram-sha-256.",
      usePeer: "Replace trust with peer.",
    },
    optionsSchema: {
      type: "object",
      properties: {
        allowLocal: { type: "boolean", description: "Allow trust on `local` (Unix socket) records, as the stock pg_hba.conf has them." },
        allowLoopback: { type: "boolean", description: "Allow trust on host records limited to 127.0.0.0/8, ::1, samehost or localhost." },
      },
      additionalProperties: false,
    },
    defaultOptions: { allowLocal: true, allowLoopback: false },
    references: [
      { title: "PostgreSQL: Trust Authentication", url: "https://www.postgresql.org/docs/current/auth-trust.html" },
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
      { title: 'CIS PostgreSQL 17 Benchmark v1.0.0, 5.4 Ensure login via "host" TCP/IP Socket is configured correctly', url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const allowLocal = context.options.allowLocal !== false;
    const allowLoopback = context.options.allowLoopback === true;
    for (const file of context.cluster.hbaFiles) {
      const text = file.document.source.text;
      for (const record of file.document.records) {
        const method = record.methodToken;
        if (!isLoaded(record) || record.authMethod !== "trust" || !method) continue;
        const users = describeUsers(record);
        const local = record.connectionType === "local";
        const suggestion = { messageId: local ? ("usePeer" as const) : ("useScram" as const), edits: isSingleLineToken(method) ? [replaceFieldEdit(text, method.span.start, method.span.end, local ? "peer" : "scram-sha-256")] : [] };
        if (local) {
          if (allowLocal) continue;
          context.report({ messageId: "trustLocal", data: { users }, filePath: file.path, span: method.span, suggestions: [suggestion] });
          continue;
        }
        const address = record.address!;
        const loopback = isLoopbackAddress(address);
        if (loopback && allowLoopback) continue;
        context.report({
          messageId: loopback ? "trustLoopback" : "trustNetwork",
          data: { type: record.connectionType!, address: addressText(address), users },
          filePath: file.path,
          span: method.span,
          suggestions: [suggestion],
        });
      }
    }
  },
});
