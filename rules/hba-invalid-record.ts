import { defineRule } from "../src/rule-api";
import { recordSpan } from "./hba-helpers";

// hba.c keeps a hostssl record while ssl is off, with this error: it loads but never matches.
// hba-hostssl-without-ssl reports it, with the postgresql.conf line that turns ssl off.
const HOSTSSL_WITHOUT_SSL = "hostssl record cannot match because SSL is disabled";

export default defineRule({
  meta: {
    description: "Report pg_hba.conf records PostgreSQL rejects: the server refuses to start with them, and a reload keeps the old rules.",
    category: "syntax",
    files: ["hba"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    messages: {
      invalidRecord: "{{message}}: PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this record is fixed.",
      noEntries: 'configuration file "{{file}}" contains no entries: PostgreSQL refuses to start with an empty pg_hba.conf (a reload keeps the old rules). Add the records that let clients in, or `local all all reject`.',
      invalidInclude: "{{message}}: PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this include is fixed.",
      rejectedRecord: "{{message}}: PostgreSQL rejects this record (pg_hba_file_rules shows it as an empty row, the reason only in the server log) and refuses to start with this pg_hba.conf (a reload keeps the old rules) until it is fixed.",
    },
    references: [
      { title: "PostgreSQL: The pg_hba.conf File", url: "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html" },
      { title: "PostgreSQL: pg_hba_file_rules", url: "https://www.postgresql.org/docs/current/view-pg-hba-file-rules.html" },
    ],
  },
  check(context) {
    const cluster = context.cluster;
    // Only comments and blank lines (checked on 18), counting the records of the files its
    // includes (16+) read: an included file may hold none. Unknown while an include was not read.
    for (const sequence of cluster.hbaSequences()) {
      if (sequence.records.length > 0 || !cluster.allIncludesRead("hba")) continue;
      const file = sequence.top;
      context.report({ messageId: "noEntries", data: { file: file.path }, filePath: file.path, span: file.document.source.span(0, 0) });
    }
    // include lines (16+) the server cannot follow: a missing file, too deep, a cycle.
    for (const problem of cluster.authIncludeProblems) {
      if (problem.kind === "hba") context.report({ messageId: "invalidInclude", data: { message: problem.message }, filePath: problem.filePath, span: recordSpan(problem.include) });
    }
    for (const file of cluster.hbaFiles) {
      for (const record of file.document.records) {
        if (record.accepted) {
          if (record.error === null || record.error === HOSTSSL_WITHOUT_SSL) continue;
          context.report({ messageId: "invalidRecord", data: { message: record.error }, filePath: file.path, span: recordSpan(record) });
        } else if (record.error !== null) {
          context.report({ messageId: "invalidRecord", data: { message: record.error }, filePath: file.path, span: recordSpan(record) });
        } else if (record.logMessage !== null) {
          context.report({ messageId: "rejectedRecord", data: { message: record.logMessage }, filePath: file.path, span: recordSpan(record) });
        }
      }
    }
  },
});
