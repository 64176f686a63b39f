import { defineRule } from "../src/rule-api";
import type { IdentRecord } from "../src/rule-api";
import { mapOptions } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Warn on pg_ident.conf maps that no pg_hba.conf record uses (map=NAME): their lines have no effect.",
    category: "correctness",
    files: ["ident", "hba"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      unusedMap:
        'map "{{map}}" is not used: no pg_hba.conf record has map={{map}}, so its {{count}} in {{identFile}} {{have}} no effect. Remove {{them}}, or add map={{map}} to the records (peer, ident, cert, gss...) that should use it.',
    },
    references: [
      { title: "PostgreSQL: User Name Maps", url: "https://www.postgresql.org/docs/current/auth-username-maps.html" },
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
    ],
  },
  check(context) {
    const hbaFiles = context.cluster.hbaFiles;
    // Without pg_hba.conf, or with records in files its includes (16+) could not read, usage is
    // unknown. The files the includes read are among hbaFiles.
    if (hbaFiles.length === 0 || !context.cluster.allIncludesRead("hba")) return;
    const used = new Set<string>();
    for (const file of hbaFiles) {
      for (const record of file.document.records) for (const option of mapOptions(record)) used.add(option.name);
    }
    for (const file of context.cluster.identFiles) {
      const identFile = file.path.split(/[\\/]/).pop()!;
      const byName = new Map<string, IdentRecord[]>();
      for (const record of file.document.records) {
        if (!record.mapName) continue;
        const list = byName.get(record.mapName.value);
        if (list) list.push(record);
        else byName.set(record.mapName.value, [record]);
      }
      for (const [map, records] of byName) {
        if (used.has(map)) continue;
        const count = records.length === 1 ? "line" : `${records.length} lines`;
        context.report({ messageId: "unusedMap", data: { map, count, identFile, have: records.length === 1 ? "has" : "have", them: records.length === 1 ? "it" : "them" }, filePath: file.path, span: records[0]!.mapName!.span });
      }
    }
  },
});
