import { defineRule } from "../src/rule-api";

/** What a blocked file would have held, for the message. */
const CONTENTS = { conf: "settings", hba: "records", ident: "user name maps" } as const;

export default defineRule({
  meta: {
    description: "Report include directives, hba_file and ident_file that point outside the tree being linted: they are not read.",
    category: "correctness",
    files: ["conf", "hba", "ident"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      notFollowed:
        '{{directive}} "{{target}}" points outside the tree being linted, so it was not read and its {{contents}} are not checked (PostgreSQL will read it). If the file is trusted, allow its directory with --include-root or "includeRoots" in .pgconf-lint.json.',
    },
    references: [
      { title: "PostgreSQL: Managing Configuration File Contents", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES" },
      { title: "PostgreSQL: File Locations (hba_file, ident_file)", url: "https://www.postgresql.org/docs/current/runtime-config-file-locations.html" },
      { title: "PostgreSQL: The pg_hba.conf File (include directives)", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
    ],
  },
  check(context) {
    for (const blocked of context.cluster.blockedIncludes) {
      context.report({ messageId: "notFollowed", data: { directive: blocked.directive, target: blocked.target, contents: CONTENTS[blocked.kind] }, filePath: blocked.filePath, span: blocked.span });
    }
  },
});
