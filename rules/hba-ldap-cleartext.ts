import { defineRule } from "../src/rule-api";
import { isLoaded } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Require ldaptls=1 or the ldaps scheme on ldap records: otherwise the server sends each user's password to the LDAP server in clear text.",
    category: "tls",
    files: ["hba"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      ldapCleartext:
        '"ldap" without TLS: the server sends each user\'s password to the LDAP server{{server}} in clear text. Add ldaptls=1 (StartTLS) or use ldapscheme=ldaps (or an ldaps:// ldapurl); the LDAP server\'s certificate must be trusted by the PostgreSQL host.',
    },
    references: [{ title: "PostgreSQL: LDAP Authentication", url: "https://www.postgresql.org/docs/current/auth-ldap.html" }],
  },
  check(context) {
    for (const file of context.cluster.hbaFiles) {
      for (const record of file.document.records) {
        const settings = record.settings;
        if (!isLoaded(record) || record.authMethod !== "ldap" || !settings || !record.methodToken) continue;
        if (settings.ldapTls || settings.ldapScheme === "ldaps") continue;
        const server = settings.ldapServer ? ` (${settings.ldapServer})` : "";
        context.report({ messageId: "ldapCleartext", data: { server }, filePath: file.path, span: record.methodToken.span });
      }
    }
  },
});
