import { defineRule } from "../src/rule-api";

export default defineRule({
  meta: {
    description: "Report include directives that point outside the tree being linted: they are not read.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      notFollowed:
        '{{directive}} "{{target}}" points outside the tree being linted, so it was not read and its settings are not checked (PostgreSQL will read it). If the file is trusted, allow its directory with --include-root or "includeRoots" in .pgconf-lint.json.',
    },
    references: [{ title: "PostgreSQL: Managing Configuration File Contents", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES" }],
  },
  check(context) {
    for (const blocked of context.cluster.blockedIncludes) {
      context.report({ messageId: "notFollowed", data: { directive: blocked.line.directive, target: blocked.target }, filePath: blocked.file.path, span: blocked.line.valueSpan });
    }
  },
});
