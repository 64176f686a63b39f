import { defineRule } from "../src/rule-api";
import { recordSpan } from "./hba-helpers";

export default defineRule({
  meta: {
    description: "Report pg_ident.conf lines PostgreSQL rejects: none of the file's user name maps are loaded while one line is wrong.",
    category: "syntax",
    files: ["ident"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    messages: {
      invalidRecord:
        "{{message}}: PostgreSQL ignores the whole pg_ident.conf until this line is fixed (at start no user name map is loaded, so every login through a map= option fails; a reload keeps the old maps).",
    },
    references: [{ title: "PostgreSQL: User Name Maps", url: "https://www.postgresql.org/docs/current/auth-username-maps.html" }],
  },
  check(context) {
    // include lines (16+) the server cannot follow: a missing file, too deep, a cycle.
    for (const problem of context.cluster.authIncludeProblems) {
      if (problem.kind === "ident") context.report({ messageId: "invalidRecord", data: { message: problem.message }, filePath: problem.filePath, span: recordSpan(problem.include) });
    }
    for (const file of context.cluster.identFiles) {
      for (const record of file.document.records) {
        if (record.error === null) continue;
        context.report({ messageId: "invalidRecord", data: { message: record.error }, filePath: file.path, span: recordSpan(record) });
      }
    }
  },
});
