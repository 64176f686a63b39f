// The same parameter set twice in one file: the last line wins (guc-file.l reads top to bottom),
// so the earlier line does nothing, which is easy to miss when editing the earlier one.
import { defineRule } from "../src/rule-api";
import type { ConfSettingLine } from "../src/rule-api";

export default defineRule({
  meta: {
    description: "Report a parameter set more than once in the same file: every line but the last is silently overridden.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      overridden: "{{name}} is set again on line {{line}} ({{value}}), which overrides this line ({{thisValue}}): this line has no effect. Keep one of the two lines.",
      redundant: "{{name}} is set again on line {{line}} with the same value ({{value}}): this line is redundant. Remove it.",
      removeLine: "Remove this line ({{name}} = {{thisValue}}).",
    },
    references: [
      { title: "PostgreSQL: Setting Parameters via the Configuration File", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE" },
      { title: "PostgreSQL: pg_file_settings", url: "https://www.postgresql.org/docs/current/view-pg-file-settings.html" },
    ],
  },
  check(context) {
    for (const file of context.cluster.confFiles) {
      // The last line of each name; every other line of that name is reported, in file order.
      const lastByName = new Map<string, ConfSettingLine>();
      const settings = file.document.settings;
      for (const line of settings) lastByName.set(context.cluster.keyOf(line), line);
      if (lastByName.size === settings.length) continue;
      for (const line of settings) {
        const last = lastByName.get(context.cluster.keyOf(line))!;
        if (last === line) continue;
        const data = { name: line.name, line: last.lineNumber, value: last.rawValue, thisValue: line.rawValue };
        context.report({
          messageId: line.value === last.value ? "redundant" : "overridden",
          data,
          filePath: file.path,
          span: line.nameSpan,
          suggestions: [{ messageId: "removeLine", data, edits: [{ range: [line.span.start, line.span.end], text: "" }] }],
        });
      }
    }
  },
});
