import { defineRule } from "../src/rule-api";
import { addressText, clusterSsl, isLoopbackAddress, isSingleLineToken, isLoaded, replaceFieldEdit, settingOrigin } from "./hba-helpers";

/** Methods where the client sends a password (or an answer computed from it). */
const WHAT_CROSSES: Record<string, string> = {
  password: "the password (in clear text) and every query and result",
  ldap: "the password (in clear text) and every query and result",
  radius: "the password (in clear text) and every query and result",
  pam: "the password (in clear text) and every query and result",
  bsd: "the password (in clear text) and every query and result",
  md5: "the MD5 login exchange (crackable offline) and every query and result",
  "scram-sha-256": "every query and result (SCRAM protects the password, not the session)",
};

export default defineRule({
  meta: {
    description: "Require hostssl rather than host for password-authenticated TCP/IP records from other hosts, so that credentials and data cross the network encrypted.",
    category: "tls",
    files: ["hba", "conf"],
    defaultSeverity: "warn",
    presets: ["recommended", "cis"],
    fixable: true,
    messages: {
      hostWithoutSsl:
        '"host" also matches connections without SSL: with {{method}} from {{address}}, {{what}} can cross the network unencrypted. Use hostssl (ssl is on: {{origin}}).',
      hostSslOff:
        '"host" also matches connections without SSL: with {{method}} from {{address}}, {{what}} can cross the network unencrypted. Use hostssl, after turning ssl on (it is off: {{origin}}; it needs ssl_cert_file and ssl_key_file, and takes effect after a {{applies}}).',
      hostSslUnknown:
        '"host" also matches connections without SSL: with {{method}} from {{address}}, {{what}} can cross the network unencrypted. Use hostssl (with ssl = on in postgresql.conf).',
    },
    references: [
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
      { title: "PostgreSQL: Secure TCP/IP Connections with SSL", url: "https://www.postgresql.org/docs/current/ssl-tcp.html" },
      { title: 'CIS PostgreSQL 17 Benchmark v1.0.0, 5.4 Ensure login via "host" TCP/IP Socket is configured correctly', url: "https://www.cisecurity.org/benchmark/postgresql" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.8 Ensure TLS is enabled and configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const ssl = clusterSsl(context.cluster);
    const origin = settingOrigin(context.cluster, "ssl");
    const applies = context.cluster.parameter("ssl")?.context === "postmaster" ? "restart" : "reload";
    for (const file of context.cluster.hbaFiles) {
      const text = file.document.source.text;
      for (const record of file.document.records) {
        if (!isLoaded(record) || record.connectionType !== "host" || isLoopbackAddress(record.address)) continue;
        const what = WHAT_CROSSES[record.authMethod ?? ""];
        if (what === undefined) continue;
        const typeToken = record.fields[0]!.tokens[0]!;
        const data = { method: record.authMethod!, address: addressText(record.address!), what, origin, applies };
        if (ssl === true && isSingleLineToken(typeToken)) {
          context.report({ messageId: "hostWithoutSsl", data, filePath: file.path, span: typeToken.span, fix: [replaceFieldEdit(text, typeToken.span.start, typeToken.span.end, "hostssl")] });
        } else {
          context.report({ messageId: ssl === false ? "hostSslOff" : "hostSslUnknown", data, filePath: file.path, span: typeToken.span });
        }
      }
    }
  },
});
