// ssl-min-protocol-version: the effective ssl_min_protocol_version must be TLSv1.2 or later.
// The parameter exists from PostgreSQL 12 on; its default (the catalog's boot value) is TLSv1 on
// 12 and TLSv1.2 from 13 on.
import { defineRule, lookupEnum, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const MINIMUM = "TLSv1.2";
const PROTOCOL_NAMES: Record<string, string> = { TLSv1: "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2", "TLSv1.3": "TLS 1.3" };

export default defineRule({
  meta: {
    description: "Require ssl_min_protocol_version to be TLSv1.2 or later.",
    category: "tls",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      tooLow:
        "ssl_min_protocol_version = {{value}} lets clients connect with {{protocols}}, deprecated by RFC 8996 for their weak handshake and ciphers (BEAST, SHA-1 and MD5 signatures). {{remedy}}{{maxNote}}.",
      defaultTooLow:
        "ssl_min_protocol_version is unset and its PostgreSQL {{version}} default {{value}} lets clients connect with {{protocols}}, deprecated by RFC 8996 for their weak handshake and ciphers (BEAST, SHA-1 and MD5 signatures). {{remedy}}{{maxNote}}.",
    },
    references: [
      { title: "PostgreSQL: Connections and Authentication, ssl_min_protocol_version", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL-MIN-PROTOCOL-VERSION" },
      { title: "RFC 8996: Deprecating TLS 1.0 and TLS 1.1", url: "https://www.rfc-editor.org/rfc/rfc8996" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.8 Ensure TLS is enabled and configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    const parameter = cluster.parameter("ssl_min_protocol_version");
    if (!main || !parameter?.enumvals) return;
    const order = parameter.enumvals;
    const levelOf = (name: string): number | undefined => {
      const value = cluster.effectiveValue(name);
      if (value === undefined || value === "") return undefined;
      const found = lookupEnum(name, cluster.parameter(name)?.enumvals ?? order, value, pgVersion);
      return found.ok && order.includes(found.value) ? order.indexOf(found.value) : undefined;
    };
    const level = levelOf("ssl_min_protocol_version");
    const minimum = order.indexOf(MINIMUM);
    if (level === undefined || minimum < 0 || level >= minimum) return;

    const entry = cluster.effective("ssl_min_protocol_version");
    const raw = quoteValue(MINIMUM);
    // A maximum below TLSv1.2 would leave no protocol: the server would refuse to set up SSL.
    const max = levelOf("ssl_max_protocol_version");
    const maxBlocks = max !== undefined && max < minimum;
    const fix = maxBlocks ? undefined : safeSetParameterEdits(cluster, "ssl_min_protocol_version", raw);
    context.report({
      messageId: entry ? "tooLow" : "defaultTooLow",
      data: {
        value: entry?.line.rawValue ?? order[level]!,
        version: pgVersion,
        protocols: order.slice(level, minimum).map((name) => PROTOCOL_NAMES[name] ?? name).join(" and "),
        remedy: remedy(entry, `ssl_min_protocol_version = ${raw}`),
        maxNote: maxBlocks ? `, and raise ssl_max_protocol_version (${cluster.effectiveValue("ssl_max_protocol_version")}) to at least ${MINIMUM}` : "",
      },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
