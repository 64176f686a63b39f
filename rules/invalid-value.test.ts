import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "invalid-value";

function run(conf: string, pgVersion: number) {
  const result = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: { [RULE]: "error" }, pgVersion });
  const messages = result.results[0]!.messages;
  return {
    shown: result.lines.map((line) => line.replace(/^postgresql\.conf:/, "").replace(` ${RULE} `, " ")),
    suggestions: messages.map((m) => (m.suggestions ?? []).map((s) => `${s.desc} ${JSON.stringify(s.fix)}`)),
    fixed: result.fixed()["postgresql.conf"],
  };
}

const REFUSES = (version: number) => `PostgreSQL ${version} refuses to start with it (a reload logs the error and keeps the current value).`;
const MEMORY_UNITS = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';

const valid: { name: string; conf: string; pgVersion: number }[] = [
  { name: "numbers with units, Booleans, enums", conf: "work_mem = 4MB\nshared_buffers = '1.5GB'\nenable_seqscan = of\nwal_level = Replica\ncheckpoint_timeout = 5min\n", pgVersion: 15 },
  { name: "hidden enum values the server accepts", conf: "wal_level = hot_standby\n", pgVersion: 15 },
  { name: "octal with a leading zero", conf: "unix_socket_permissions = 0777\n", pgVersion: 15 },
  { name: "strings are accepted as they are", conf: "shared_preload_libraries = 'pg_stat_statements'\nDateStyle = 'iso, mdy'\ntimezone = 'Mars/Olympus'\n", pgVersion: 15 },
  { name: "unknown names are unknown-parameter's", conf: "shared_bufers = lots\nmyapp.x = whatever\n", pgVersion: 15 },
  { name: "typographic quotes are typographic-quotes'", conf: "auth_delay.milliseconds = ‘0’\nwork_mem = ‘4MB’\n", pgVersion: 15 },
];

interface Invalid {
  name: string;
  conf: string;
  pgVersion: number;
  lines: string[];
  /** Per finding, its suggestions as "desc {range,text}". */
  suggestions: string[][];
}

const invalid: Invalid[] = [
  {
    name: "a unit in the wrong case: suggestion with the right case, quoted as written",
    conf: "work_mem = '4mb'   # per sort\n",
    pgVersion: 15,
    lines: [`1:12 invalid value for parameter "work_mem": "4mb". ${MEMORY_UNITS} ${REFUSES(15)}`],
    suggestions: [[`Write work_mem = '4MB'. {"range":[11,16],"text":"'4MB'"}`]],
  },
  {
    name: "mb unquoted, and a spaced unit",
    conf: "maintenance_work_mem = 64mb\nwork_mem = '1 Gb'\n",
    pgVersion: 15,
    lines: [`1:24 invalid value for parameter "maintenance_work_mem": "64mb". ${MEMORY_UNITS} ${REFUSES(15)}`, `2:12 invalid value for parameter "work_mem": "1 Gb". ${MEMORY_UNITS} ${REFUSES(15)}`],
    suggestions: [[`Write maintenance_work_mem = 64MB. {"range":[23,27],"text":"64MB"}`], [`Write work_mem = '1 GB'. {"range":[39,45],"text":"'1 GB'"}`]],
  },
  {
    name: "a time unit in the wrong case; the message quotes the name as written (12-17)",
    conf: "Statement_Timeout = 30S\n",
    pgVersion: 12,
    lines: [`1:21 invalid value for parameter "Statement_Timeout": "30S". Valid units for this parameter are "us", "ms", "s", "min", "h", and "d". ${REFUSES(12)}`],
    suggestions: [[`Write Statement_Timeout = 30s. {"range":[20,23],"text":"30s"}`]],
  },
  {
    name: "18 quotes the parameter's own name",
    conf: "Statement_Timeout = 30S\n",
    pgVersion: 18,
    lines: [`1:21 invalid value for parameter "statement_timeout": "30S". Valid units for this parameter are "us", "ms", "s", "min", "h", and "d". ${REFUSES(18)}`],
    suggestions: [[`Write Statement_Timeout = 30s. {"range":[20,23],"text":"30s"}`]],
  },
  {
    name: "just below the minimum (restart-only parameter): the bound as a suggestion",
    conf: "shared_buffers = 10\n",
    pgVersion: 15,
    lines: [`1:18 10 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823). ${REFUSES(15)}`],
    suggestions: [[`Write shared_buffers = 128kB (takes effect after a restart). {"range":[17,19],"text":"128kB"}`]],
  },
  {
    name: "18 prints the bounds with their unit",
    conf: "shared_buffers = 10\n",
    pgVersion: 18,
    lines: [`1:18 10 8kB is outside the valid range for parameter "shared_buffers" (16 8kB .. 1073741823 8kB). ${REFUSES(18)}`],
    suggestions: [[`Write shared_buffers = 128kB (takes effect after a restart). {"range":[17,19],"text":"128kB"}`]],
  },
  {
    name: "far out of range: no suggestion",
    conf: "checkpoint_timeout = 1s\n",
    pgVersion: 15,
    lines: [`1:22 1 s is outside the valid range for parameter "checkpoint_timeout" (30 .. 86400). ${REFUSES(15)}`],
    suggestions: [[]],
  },
  {
    name: "an enum value one typo away",
    conf: "wal_level = replcia\nlog_min_messages = warnings\n",
    pgVersion: 15,
    lines: [
      `1:13 invalid value for parameter "wal_level": "replcia". Available values: minimal, replica, logical. ${REFUSES(15)}`,
      `2:20 invalid value for parameter "log_min_messages": "warnings". Available values: debug5, debug4, debug3, debug2, debug1, info, notice, warning, error, log, fatal, panic. ${REFUSES(15)}`,
    ],
    suggestions: [[`Write wal_level = replica (takes effect after a restart). {"range":[12,19],"text":"replica"}`], [`Write log_min_messages = warning. {"range":[39,47],"text":"warning"}`]],
  },
  {
    name: "no evident value",
    conf: "wal_level = bogus\nenable_seqscan = maybe\n",
    pgVersion: 15,
    lines: [
      `1:13 invalid value for parameter "wal_level": "bogus". Available values: minimal, replica, logical. ${REFUSES(15)}`,
      `2:18 parameter "enable_seqscan" requires a Boolean value. ${REFUSES(15)}`,
    ],
    suggestions: [[], []],
  },
  {
    name: "patroni#1471: max_connections = '500ABC'",
    conf: "max_connections = '500ABC'\n",
    pgVersion: 15,
    lines: [`1:19 invalid value for parameter "max_connections": "500ABC". ${REFUSES(15)}`],
    suggestions: [[]],
  },
  {
    name: "every line is checked, not only the one that wins",
    conf: "work_mem = 4mb\nwork_mem = 8MB\n",
    pgVersion: 15,
    lines: [`1:12 invalid value for parameter "work_mem": "4mb". ${MEMORY_UNITS} ${REFUSES(15)}`],
    suggestions: [[`Write work_mem = 4MB. {"range":[11,14],"text":"4MB"}`]],
  },
  {
    name: "a contrib module's parameter: a warning once the module loads, and the default stays",
    conf: "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = bogus\npg_stat_statements.max = 'abc'\n",
    pgVersion: 15,
    lines: [
      '2:28 invalid value for parameter "pg_stat_statements.track": "bogus". Available values: none, top, all. When pg_stat_statements is loaded, PostgreSQL 15 warns and ignores the value, so pg_stat_statements.track keeps its default (top).',
      '3:26 invalid value for parameter "pg_stat_statements.max": "abc". When pg_stat_statements is loaded, PostgreSQL 15 warns and ignores the value, so pg_stat_statements.max keeps its default (5000).',
    ],
    suggestions: [[], []],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", ({ conf, pgVersion }) => {
    expect(run(conf, pgVersion).shown).toEqual([]);
  });

  test.each(invalid)("invalid: $name", ({ conf, pgVersion, lines, suggestions }) => {
    const result = run(conf, pgVersion);
    expect(result.shown).toEqual(lines);
    expect(result.suggestions).toEqual(suggestions);
    // Suggestions only: --fix changes nothing.
    expect(result.fixed).toBe(conf);
  });

  test("a suggested value is accepted by the same rule", () => {
    for (const { conf, pgVersion } of invalid) {
      const result = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: { [RULE]: "error" }, pgVersion });
      const message = result.results[0]!.messages[0];
      const suggestion = message?.suggestions?.[0];
      if (!suggestion) continue;
      const text = result.sources.values().next().value!.text;
      const applied = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
      const again = lintCluster({ "postgresql.conf": applied }, { extends: [], rules: { [RULE]: "error" }, pgVersion });
      expect(again.lines.filter((line) => line.startsWith(`postgresql.conf:${message.line}:`))).toEqual([]);
    }
  });
});
