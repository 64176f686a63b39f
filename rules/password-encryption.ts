// password-encryption: the effective password_encryption must be scram-sha-256. The default (the
// catalog's boot value) is md5 on 12 and 13 and scram-sha-256 from 14 on; 12 and 13 also take
// on/true/yes/1 as hidden spellings of md5 (lookupEnum knows them per version).
import { defineRule, lookupEnum, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const SCRAM = "scram-sha-256";

export default defineRule({
  meta: {
    description: "Require password_encryption = scram-sha-256, so that new passwords are not stored as MD5 hashes.",
    category: "authentication",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      md5: "password_encryption = {{value}}{{alias}}: new passwords are stored as MD5 hashes, and whoever reads one (from a backup, a dump or pg_authid) can log in with it as that role; MD5 is also weak against brute force.{{deprecated}} {{remedy}}, then set the passwords again (ALTER ROLE ... PASSWORD) to replace the MD5 hashes already stored.",
      md5Default:
        "password_encryption is unset and its PostgreSQL {{version}} default is md5: new passwords are stored as MD5 hashes, and whoever reads one (from a backup, a dump or pg_authid) can log in with it as that role; MD5 is also weak against brute force. {{remedy}}, then set the passwords again (ALTER ROLE ... PASSWORD) to replace the MD5 hashes already stored.",
    },
    references: [
      { title: "PostgreSQL: Connections and Authentication, password_encryption", url: "https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-PASSWORD-ENCRYPTION" },
      { title: "PostgreSQL: Password Authentication", url: "https://www.postgresql.org/docs/current/auth-password.html" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    const parameter = cluster.parameter("password_encryption");
    const value = cluster.effectiveValue("password_encryption");
    if (!main || !parameter?.enumvals || value === undefined) return;
    const found = lookupEnum(parameter.name, parameter.enumvals, value, pgVersion);
    // An invalid value is the value checker's finding.
    if (!found.ok || found.value === SCRAM) return;

    const entry = cluster.effective("password_encryption");
    const raw = entry?.line.quoted ? quoteValue(SCRAM) : SCRAM;
    const fix = safeSetParameterEdits(cluster, "password_encryption", raw);
    context.report({
      messageId: entry ? "md5" : "md5Default",
      data: {
        value: entry?.line.rawValue ?? found.value,
        alias: found.hidden ? ` (PostgreSQL ${pgVersion} reads it as ${found.value})` : "",
        version: pgVersion,
        deprecated: cluster.parameter("md5_password_warnings") ? ` PostgreSQL ${pgVersion} deprecates MD5 passwords: a future release will refuse them.` : "",
        remedy: remedy(entry, `password_encryption = ${raw}`),
      },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
