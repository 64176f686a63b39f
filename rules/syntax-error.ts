import { defineRule } from "../src/rule-api";

export default defineRule({
  meta: {
    description: "Report lines PostgreSQL cannot parse: the server refuses to start on them.",
    category: "syntax",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    alwaysOn: true,
    messages: {
      syntaxError: "{{message}}: PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.",
      includeProblem: "{{message}}: PostgreSQL will refuse to start (or ignore the whole file on reload) until this include is fixed.",
    },
    references: [{ title: "PostgreSQL: Setting Parameters via the Configuration File", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE" }],
  },
  check(context) {
    for (const file of context.cluster.confFiles) {
      for (const line of file.document.syntaxErrors) {
        context.report({ messageId: "syntaxError", data: { message: line.error.message }, filePath: file.path, span: line.error.nearSpan });
      }
    }
    for (const problem of context.cluster.includeProblems) {
      const span = problem.line?.valueSpan ?? problem.file.document.source.span(0, 0);
      context.report({ messageId: "includeProblem", data: { message: problem.message }, filePath: problem.file.path, span });
    }
  },
});
