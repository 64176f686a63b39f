// listen-addresses: the server should listen only on the interfaces its clients use, not on
// every one (`*`, `0.0.0.0`, `::`). CIS asks for a reviewed address list; there is no fix, since
// only the administrator knows which addresses clients use.
import { defineRule, listStyleOf, splitList } from "../src/rule-api";

const NAME = "listen_addresses";

/** `*`, and the IPv4 and IPv6 wildcard addresses, which bind every interface. */
function isWildcard(address: string): boolean {
  return address === "*" || address === "0.0.0.0" || (address.includes(":") && /^[0:]+$/.test(address));
}

export default defineRule({
  meta: {
    description: "Report listen_addresses that make the server listen on every network interface.",
    category: "security",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    messages: {
      everyInterface:
        "listen_addresses = {{value}} makes the server listen on every network interface ({{wildcards}}): it can be reached from every network the host is attached to, with only pg_hba.conf in the way. List only the addresses clients connect to (takes effect after a restart).",
    },
    references: [
      { title: "PostgreSQL: Connections and Authentication, listen_addresses", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.3 Ensure 'Postmaster' Runtime Parameters are Configured", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const entry = cluster.effective(NAME);
    // Unset means localhost.
    if (!cluster.mainConf || !entry) return;
    const split = splitList(entry.line.value, listStyleOf(NAME, pgVersion) ?? "gucList");
    if (!split.ok) return;
    const wildcards = split.elements.filter((element) => isWildcard(element.value)).map((element) => element.value);
    if (wildcards.length === 0) return;
    context.report({
      messageId: "everyInterface",
      data: { value: entry.line.rawValue, wildcards: wildcards.join(", ") },
      filePath: entry.file.path,
      span: entry.line.valueSpan,
    });
  },
});
