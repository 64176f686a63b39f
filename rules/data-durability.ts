// data-durability: fsync and full_page_writes must stay on. Off, a crash or power loss can
// corrupt the cluster, not just lose the last transactions. (synchronous_commit = off loses at most
// the last moments of commits without corrupting anything: a trade-off, not judged here.)
import { defineRule, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const PARAMETERS = ["fsync", "full_page_writes"] as const;

export default defineRule({
  meta: {
    description: "Require fsync and full_page_writes to stay on, so that a crash cannot corrupt the cluster.",
    category: "durability",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      fsync:
        "fsync = {{value}}: PostgreSQL does not force its writes to disk, so an operating-system crash or a power loss can leave the whole cluster corrupt beyond repair, not just lose the last transactions. {{remedy}}.",
      full_page_writes:
        "full_page_writes = {{value}}: a page half-written when the server or the machine crashes cannot be repaired from the WAL, so a crash can corrupt data silently. {{remedy}} (only storage that writes whole pages atomically, such as ZFS, is safe without it).",
    },
    references: [
      { title: "PostgreSQL: Write Ahead Log, fsync", url: "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FSYNC" },
      { title: "PostgreSQL: Write Ahead Log, full_page_writes", url: "https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-FULL-PAGE-WRITES" },
      { title: "PostgreSQL: Reliability", url: "https://www.postgresql.org/docs/current/wal-reliability.html" },
    ],
  },
  check(context) {
    const { cluster } = context;
    if (!cluster.mainConf) return;
    for (const name of PARAMETERS) {
      const entry = cluster.effective(name);
      // Unset means on (the default); an invalid value is the value checker's finding.
      if (!entry || parseBool(entry.line.value) !== false) continue;
      const raw = entry.line.quoted ? quoteValue("on") : "on";
      const fix = safeSetParameterEdits(cluster, name, raw);
      context.report({
        messageId: name,
        data: { value: entry.line.rawValue, remedy: remedy(entry, `${name} = ${raw}`) },
        filePath: entry.file.path,
        span: entry.line.valueSpan,
        ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
      });
    }
  },
});
