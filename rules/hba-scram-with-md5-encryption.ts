import { defineRule } from "../src/rule-api";
import { clusterPasswordEncryption, isLoaded, settingOrigin } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Warn on scram-sha-256 records while password_encryption is md5: passwords set from then on cannot log in through them.",
    category: "authentication",
    files: ["hba", "conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      scramWithMd5:
        "scram-sha-256 on this record, but password_encryption is md5 ({{origin}}): passwords set from now on are stored as MD5 hashes, and a user with an MD5-hashed password cannot log in through scram-sha-256. Set password_encryption = scram-sha-256 in postgresql.conf (then have such users set their passwords again).",
    },
    references: [
      { title: "PostgreSQL: Password Authentication", url: "https://www.postgresql.org/docs/current/auth-password.html" },
      { title: "PostgreSQL: password_encryption", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION" },
    ],
  },
  check(context) {
    if (clusterPasswordEncryption(context.cluster) !== "md5") return;
    const origin = settingOrigin(context.cluster, "password_encryption");
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        if (!isLoaded(record) || record.authMethod !== "scram-sha-256" || !record.methodToken) continue;
        context.report({ messageId: "scramWithMd5", data: { origin }, filePath: file.path, span: record.methodToken.span });
      }
    }
  },
});
