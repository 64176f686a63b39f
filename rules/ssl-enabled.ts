// ssl-enabled: the effective `ssl` must be on, and the certificate and key files must not be
// set to an empty string (their defaults, server.crt and server.key in the data directory, are
// fine: whether the files exist is outside the configuration).
import { defineRule, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const CERT_FILES = ["ssl_cert_file", "ssl_key_file"] as const;

export default defineRule({
  meta: {
    description: "Require ssl = on, so that clients can encrypt their connections.",
    category: "tls",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      sslOff:
        "ssl = {{value}}: the server accepts no encrypted connections, so passwords and data cross the network in clear text. {{remedy}}; the server then needs its certificate and key (ssl_cert_file and ssl_key_file, server.crt and server.key in the data directory by default).",
      sslUnset:
        "ssl is unset (default off): the server accepts no encrypted connections, so passwords and data cross the network in clear text. {{remedy}}; the server then needs its certificate and key (ssl_cert_file and ssl_key_file, server.crt and server.key in the data directory by default).",
      emptyFile:
        "{{name}} is an empty string: with ssl = on the server cannot load its {{what}} and refuses to start (a reload keeps the old SSL context). Set it to the file's path, or remove the line to use the default '{{default}}' in the data directory.",
    },
    references: [
      { title: "PostgreSQL: Secure TCP/IP Connections with SSL", url: "https://www.postgresql.org/docs/current/ssl-tcp.html" },
      { title: "PostgreSQL: Connections and Authentication, SSL", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#RUNTIME-CONFIG-CONNECTION-SSL" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.8 Ensure TLS is enabled and configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster } = context;
    const main = cluster.mainConf;
    if (!main) return;

    const entry = cluster.effective("ssl");
    // An invalid value is the value checker's finding, not this rule's.
    if (parseBool(cluster.effectiveValue("ssl") ?? "off") === false) {
      const raw = entry?.line.quoted ? quoteValue("on") : "on";
      const fix = safeSetParameterEdits(cluster, "ssl", raw);
      context.report({
        messageId: entry ? "sslOff" : "sslUnset",
        data: { value: entry?.line.rawValue ?? "", remedy: remedy(entry, `ssl = ${raw}`) },
        filePath: entry?.file.path ?? main.path,
        span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
        ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
      });
    }

    for (const name of CERT_FILES) {
      const file = cluster.effective(name);
      if (!file || file.line.value !== "") continue;
      context.report({
        messageId: "emptyFile",
        data: { name, what: name === "ssl_cert_file" ? "certificate" : "private key", default: cluster.parameter(name)?.bootVal ?? "" },
        filePath: file.file.path,
        span: file.line.valueSpan,
      });
    }
  },
});
