// A parameter set in one file of the postgresql.conf tree and again in a file read later (a
// conf.d file, an include, postgresql.auto.conf written by ALTER SYSTEM): the later line wins.
import path = require("node:path");
import { defineRule } from "../src/rule-api";
import type { SettingEntry } from "../src/rule-api";

export default defineRule({
  meta: {
    description: "Report a setting that a line in another file of the include tree overrides (an included file, conf.d, or postgresql.auto.conf).",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      overridden: "{{name}} = {{value}} has no effect: {{where}} sets it to {{winner}}, and PostgreSQL reads that line later. Keep one of the two lines.",
      redundant: "{{name}} = {{value}} is redundant: {{where}} sets the same value, and PostgreSQL reads that line later. Remove one of the two lines.",
      overriddenByAlterSystem:
        "{{name}} = {{value}} has no effect: ALTER SYSTEM set it to {{winner}} ({{where}}), which PostgreSQL reads last. Change it with ALTER SYSTEM SET, or run ALTER SYSTEM RESET {{name}} to let this line count.",
    },
    references: [
      { title: "PostgreSQL: Managing Configuration File Contents (includes)", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-INCLUDES" },
      { title: "PostgreSQL: ALTER SYSTEM", url: "https://www.postgresql.org/docs/current/sql-altersystem.html" },
      { title: "PostgreSQL: pg_file_settings", url: "https://www.postgresql.org/docs/current/view-pg-file-settings.html" },
    ],
  },
  check(context) {
    const cluster = context.cluster;
    // One file: every line's winner is in its own file.
    if (cluster.confFiles.length < 2) return;
    const base = path.dirname(cluster.mainConf?.path ?? cluster.confFiles[0]?.path ?? ".");
    // The last line of each name in each file: earlier lines of the same file are duplicate-setting's.
    // (Only lines whose winner is in another file are candidates: most are their own winner.)
    const lastInFile = new Map<string, { entry: SettingEntry; winner: SettingEntry }>();
    for (const entry of cluster.settings) {
      const winner = cluster.effective(entry.key);
      if (!winner || winner.file.path === entry.file.path) continue;
      lastInFile.set(`${entry.file.path}\0${entry.key}`, { entry, winner });
    }
    for (const { entry, winner } of lastInFile.values()) {
      const where = `${path.relative(base, winner.file.path) || winner.file.path} line ${winner.line.nameSpan.line}`;
      const data = { name: entry.line.name, value: entry.line.rawValue, where, winner: winner.line.rawValue };
      const messageId = winner.file.isAutoConf ? "overriddenByAlterSystem" : winner.line.value === entry.line.value ? "redundant" : "overridden";
      context.report({ messageId, data, filePath: entry.file.path, span: entry.line.nameSpan });
    }
  },
});
