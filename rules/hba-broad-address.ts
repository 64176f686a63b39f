import { defineRule } from "../src/rule-api";
import { addressSpan, addressText, describeUsers, isNetworkRecord, isLoaded, matchesEveryAddress } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Warn on TCP/IP records that accept every client address (0.0.0.0/0, ::/0, all) with a method other than reject.",
    category: "security",
    files: ["hba"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      everyAddress:
        "{{address}} matches every client address: with {{method}} on this {{type}} record, {{users}} can try to log in from anywhere the port is reachable (the whole Internet, if it is exposed). Narrow it to the networks clients connect from (e.g. 10.0.0.0/8 or 192.168.1.0/24).",
    },
    references: [{ title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" }],
  },
  check(context) {
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        if (!isLoaded(record) || !isNetworkRecord(record) || record.authMethod === "reject" || !matchesEveryAddress(record.address)) continue;
        const address = record.address!;
        context.report({
          messageId: "everyAddress",
          data: { address: addressText(address), method: record.authMethod!, type: record.connectionType!, users: describeUsers(record) },
          filePath: file.path,
          span: addressSpan(address),
        });
      }
    }
  },
});
