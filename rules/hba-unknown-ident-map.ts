import { defineRule } from "../src/rule-api";
import { authTokenText, editDistance, mapOptions, replaceFieldEdit } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Report map= options naming a user name map that the cluster's pg_ident.conf does not define: every login through the record fails.",
    category: "correctness",
    files: ["hba", "ident"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      unknownMap: 'map "{{map}}" is not defined in {{identFile}}: every login through this record fails with "no match in usermap". Define the map there (MAPNAME SYSTEM-USERNAME PG-USERNAME lines) or correct the name{{didYouMean}}.',
      useMap: 'Use map "{{map}}".',
    },
    references: [
      { title: "PostgreSQL: User Name Maps", url: "https://www.postgresql.org/docs/current/auth-username-maps.html" },
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
    ],
  },
  check(context) {
    const identFiles = context.cluster.identFiles;
    // Without the ident file, or with maps in files its includes (16+) could not read, nothing
    // is known. The files the includes read are among identFiles.
    if (identFiles.length === 0 || !context.cluster.allIncludesRead("ident")) return;
    const defined = new Set<string>();
    for (const file of identFiles) for (const record of file.document.records) if (record.mapName) defined.add(record.mapName.value);
    const identFile = identFiles[0]!.path.split(/[\\/]/).pop()!;
    for (const file of context.cluster.hbaFiles) {
      const text = file.document.source.text;
      for (const record of file.document.records) {
        for (const option of mapOptions(record)) {
          if (defined.has(option.name)) continue;
          const close = closestName(option.name, defined);
          const token = option.token;
          context.report({
            messageId: "unknownMap",
            data: { map: option.name, identFile, didYouMean: close === undefined ? "" : ` (did you mean "${close}"?)` },
            filePath: file.path,
            span: token.span,
            ...(close !== undefined && !token.text.includes("\n") ? { suggestions: [{ messageId: "useMap" as const, data: { map: close }, edits: [replaceFieldEdit(text, token.span.start, token.span.end, `map=${authTokenText(close)}`)] }] } : {}),
          });
        }
      }
    }
  },
});

/** The defined name closest to `name`: same but for case, else at most 2 edits away (a third
 *  of its length at most), the nearest first. */
function closestName(name: string, defined: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of defined) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance && distance <= Math.min(2, Math.max(1, Math.floor(name.length / 3)))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
