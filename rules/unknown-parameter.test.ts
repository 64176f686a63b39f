import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "unknown-parameter";

interface Case {
  name: string;
  files: Record<string, string>;
  pgVersion: number;
  /** "file:line:col message" (the rule id is implied). */
  lines: string[];
  /** Files after one pass of --fix; omitted: unchanged. */
  fixed?: Record<string, string>;
}

function lint(files: Record<string, string>, pgVersion: number) {
  return lintCluster(files, { extends: [], rules: { [RULE]: "error" }, pgVersion });
}

const REFUSES = (version: number) => `PostgreSQL ${version} refuses to start with it ("unrecognized configuration parameter").`;

const valid: { name: string; conf: string; pgVersion: number }[] = [
  { name: "known names, any case", conf: "shared_buffers = 128MB\nWORK_MEM = 4MB\nMax_Connections = 100\n", pgVersion: 15 },
  { name: "mixed-case catalog names (DateStyle, TimeZone, IntervalStyle) in lower case", conf: "datestyle = 'iso, mdy'\ntimezone = 'UTC'\nintervalstyle = postgres\nDateStyle = 'iso, mdy'\n", pgVersion: 15 },
  { name: "hidden names the server still accepts (sort_mem alias, role)", conf: "sort_mem = 1024\n", pgVersion: 15 },
  { name: "dotted names outside the catalog's modules are placeholders", conf: "myapp.tenant = 'x'\npg_partman_bgw.interval = 3600\n", pgVersion: 15 },
  { name: "known module parameters", conf: "auth_delay.milliseconds = 500\npg_stat_statements.track_planning = on\n", pgVersion: 15 },
  { name: "ssl_ecdh_curve is current up to 17", conf: "ssl_ecdh_curve = 'prime256v1'\n", pgVersion: 17 },
  { name: "wal_keep_segments is current on 12", conf: "wal_keep_segments = 64\n", pgVersion: 12 },
  { name: "include directives are not parameters", conf: "include_if_exists = 'x.conf'\n", pgVersion: 15 },
];

const invalid: Case[] = [
  {
    name: "misspelt name with did-you-mean (shared_bufers)",
    files: { "postgresql.conf": "shared_bufers = 128MB\n" },
    pgVersion: 18,
    lines: [`postgresql.conf:1:1 unknown parameter "shared_bufers": ${REFUSES(18)} Did you mean "shared_buffers"?`],
  },
  {
    name: "cloudnative-pg#7045: log_diconnections, two candidates",
    files: { "postgresql.conf": "log_diconnections = on\n" },
    pgVersion: 15,
    lines: [`postgresql.conf:1:1 unknown parameter "log_diconnections": ${REFUSES(15)} Did you mean "log_disconnections" or "log_connections"?`],
  },
  {
    name: "patroni#1471: maxxx_connections",
    files: { "postgresql.conf": "maxxx_connections = 500\n" },
    pgVersion: 15,
    lines: [`postgresql.conf:1:1 unknown parameter "maxxx_connections": ${REFUSES(15)} Did you mean "max_connections"?`],
  },
  {
    name: "nothing close",
    files: { "postgresql.conf": "xyzzy = 1\n" },
    pgVersion: 15,
    lines: [`postgresql.conf:1:1 unknown parameter "xyzzy": ${REFUSES(15)} Check the name in the documentation, or remove the line.`],
  },
  {
    name: "custom_variable_classes was removed in 9.2: its work is automatic, the fix deletes the whole line",
    files: { "postgresql.conf": "# modules\ncustom_variable_classes = 'auth_delay'   # for 9.1\nauth_delay.milliseconds = 500\n" },
    pgVersion: 15,
    lines: [`postgresql.conf:2:1 unknown parameter "custom_variable_classes": removed in PostgreSQL 9.2: dotted names (module.parameter) need no declaration since 9.2. ${REFUSES(15)} Remove the line.`],
    fixed: { "postgresql.conf": "# modules\nauth_delay.milliseconds = 500\n" },
  },
  {
    name: "hardening guide: custom_variable_classes with typographic quotes, last line without a newline, any case",
    files: { "postgresql.conf": "ssl = on\r\nCUSTOM_VARIABLE_CLASSES = \u2018auth_delay\u2019" },
    pgVersion: 12,
    lines: [`postgresql.conf:2:1 unknown parameter "CUSTOM_VARIABLE_CLASSES": removed in PostgreSQL 9.2: dotted names (module.parameter) need no declaration since 9.2. ${REFUSES(12)} Remove the line.`],
    fixed: { "postgresql.conf": "ssl = on\r\n" },
  },
  {
    name: "stats_temp_directory removed in 15, no replacement: statistics are in shared memory, the line goes",
    files: { "postgresql.conf": "stats_temp_directory = 'pg_stat_tmp'\nwork_mem = 4MB\n" },
    pgVersion: 15,
    lines: [`postgresql.conf:1:1 unknown parameter "stats_temp_directory": removed in PostgreSQL 15: statistics live in shared memory since 15. ${REFUSES(15)} Remove the line.`],
    fixed: { "postgresql.conf": "work_mem = 4MB\n" },
  },
  {
    name: "a removal that asks for something else instead (promote_trigger_file): reported, not deleted",
    files: { "postgresql.conf": "promote_trigger_file = '/tmp/promote'\n" },
    pgVersion: 16,
    lines: [`postgresql.conf:1:1 unknown parameter "promote_trigger_file": removed in PostgreSQL 16: promote with pg_ctl promote or pg_promote(). ${REFUSES(16)} Remove the line.`],
  },
  {
    name: "a removed feature someone may rely on (db_user_namespace): reported, not deleted",
    files: { "postgresql.conf": "db_user_namespace = on\n" },
    pgVersion: 17,
    lines: [`postgresql.conf:1:1 unknown parameter "db_user_namespace": removed in PostgreSQL 17: the feature was removed in 17. ${REFUSES(17)} Remove the line.`],
  },
  {
    name: "postgresql.auto.conf is ALTER SYSTEM's: stats_temp_directory there is reported, not deleted",
    files: { "postgresql.conf": "work_mem = 4MB\n", "postgresql.auto.conf": "stats_temp_directory = '/run/pg_stat_tmp'\n" },
    pgVersion: 16,
    lines: [`postgresql.auto.conf:1:1 unknown parameter "stats_temp_directory": removed in PostgreSQL 15: statistics live in shared memory since 15. ${REFUSES(16)} Remove the line.`],
  },
  {
    name: "wal_keep_segments on 13+: renamed to wal_keep_size with the value converted (64 × 16MB = 1GB), comment kept in its column",
    files: { "postgresql.conf": "wal_keep_segments = 64      # for the standby\n" },
    pgVersion: 15,
    lines: [
      `postgresql.conf:1:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(15)} Write wal_keep_size = '1GB' (64 × 16MB segments) instead.`,
    ],
    fixed: { "postgresql.conf": "wal_keep_size = '1GB'       # for the standby\n" },
  },
  {
    name: "wal_keep_segments = 100 → '1600MB'; CRLF kept",
    files: { "postgresql.conf": "wal_keep_segments = 100\r\nwork_mem = 4MB\r\n" },
    pgVersion: 13,
    lines: [
      `postgresql.conf:1:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(13)} Write wal_keep_size = '1600MB' (100 × 16MB segments) instead.`,
    ],
    fixed: { "postgresql.conf": "wal_keep_size = '1600MB'\r\nwork_mem = 4MB\r\n" },
  },
  {
    name: "wal_keep_segments = 0 → 0",
    files: { "postgresql.conf": "wal_keep_segments = 0\n" },
    pgVersion: 18,
    lines: [
      `postgresql.conf:1:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(18)} Write wal_keep_size = 0 (0 × 16MB segments) instead.`,
    ],
    fixed: { "postgresql.conf": "wal_keep_size = 0\n" },
  },
  {
    name: "no rename when wal_keep_size is set elsewhere in the tree (never two lines for one setting)",
    files: { "postgresql.conf": "wal_keep_segments = 64\ninclude 'replication.conf'\n", "replication.conf": "wal_keep_size = 2GB\n" },
    pgVersion: 15,
    lines: [
      `postgresql.conf:1:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(15)} wal_keep_size is set as well: remove this line.`,
    ],
  },
  {
    name: "no rename when the old name is set twice",
    files: { "postgresql.conf": "wal_keep_segments = 64\nwal_keep_segments = 32\n" },
    pgVersion: 15,
    lines: [
      `postgresql.conf:1:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(15)} Write wal_keep_size = '1GB' (64 × 16MB segments) instead.`,
      `postgresql.conf:2:1 unknown parameter "wal_keep_segments": removed in PostgreSQL 13 and replaced by wal_keep_size: set wal_keep_size to segments × wal_segment_size (16MB by default). ${REFUSES(15)} Write wal_keep_size = '512MB' (32 × 16MB segments) instead.`,
    ],
  },
  {
    name: "force_parallel_mode on 16+: renamed to debug_parallel_query, same enum values",
    files: { "postgresql.conf": "force_parallel_mode = regress # tests\n" },
    pgVersion: 16,
    lines: [
      `postgresql.conf:1:1 unknown parameter "force_parallel_mode": removed in PostgreSQL 16 and replaced by debug_parallel_query: renamed to debug_parallel_query in 16. ${REFUSES(16)} Write debug_parallel_query = regress instead.`,
    ],
    fixed: { "postgresql.conf": "debug_parallel_query = regress # tests\n" },
  },
  {
    name: "debug_parallel_query before 16: a later version's name, and the old name it had",
    files: { "postgresql.conf": "debug_parallel_query = on\n" },
    pgVersion: 12,
    lines: [
      `postgresql.conf:1:1 unknown parameter "debug_parallel_query": it exists only from PostgreSQL 16 on; you target 12, which refuses to start with it ("unrecognized configuration parameter"). PostgreSQL 12 has force_parallel_mode instead. Remove the line, or target PostgreSQL 16 or later.`,
    ],
  },
  {
    name: "ssl_groups before 18",
    files: { "postgresql.conf": "ssl_groups = 'X25519'\n" },
    pgVersion: 15,
    lines: [
      `postgresql.conf:1:1 unknown parameter "ssl_groups": it exists only from PostgreSQL 18 on; you target 15, which refuses to start with it ("unrecognized configuration parameter"). PostgreSQL 15 has ssl_ecdh_curve instead. Remove the line, or target PostgreSQL 18 or later.`,
    ],
  },
  {
    name: "ssl_ecdh_curve on 18: a hidden alias that still works; renamed to ssl_groups",
    files: { "postgresql.conf": "ssl_ecdh_curve = 'prime256v1'\n" },
    pgVersion: 18,
    lines: [
      `postgresql.conf:1:1 "ssl_ecdh_curve" was renamed to ssl_groups in PostgreSQL 18: the old name still works as a hidden alias, but pg_settings and the documentation know only ssl_groups, and a later release may drop the alias. Write ssl_groups = 'prime256v1' instead.`,
    ],
    fixed: { "postgresql.conf": "ssl_groups = 'prime256v1'\n" },
  },
  {
    name: "a byte-order mark glued to the first name: the fix removes it",
    files: { "postgresql.conf": "\uFEFFwork_mem = 4MB\nshared_buffers = 1GB\n" },
    pgVersion: 15,
    lines: [
      `postgresql.conf:1:1 unknown parameter "\\uFEFFwork_mem": the file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first name, so PostgreSQL 15 refuses to start ("unrecognized configuration parameter"). Save the file without a BOM.`,
    ],
    fixed: { "postgresql.conf": "work_mem = 4MB\nshared_buffers = 1GB\n" },
  },
  {
    name: "unknown name under a module's prefix, 15+: dropped with a warning once the module loads",
    files: { "postgresql.conf": "shared_preload_libraries = 'auth_delay'\nauth_delay.milisecond = 500\n" },
    pgVersion: 15,
    lines: [
      'postgresql.conf:2:1 unknown parameter "auth_delay.milisecond": the auth_delay module defines no such parameter. Did you mean "auth_delay.milliseconds"? Once auth_delay is loaded, PostgreSQL 15 warns "invalid configuration parameter name" and drops the line ("auth_delay" is a reserved prefix), so the setting does nothing.',
    ],
  },
  {
    name: "unknown name under a module's prefix before 15: ignored without a word",
    files: { "postgresql.conf": "pg_stat_statements.maxx = 10000\n" },
    pgVersion: 14,
    lines: [
      'postgresql.conf:1:1 unknown parameter "pg_stat_statements.maxx": the pg_stat_statements module defines no such parameter. Did you mean "pg_stat_statements.max"? PostgreSQL 14 keeps it as a placeholder without a warning, so the setting does nothing.',
    ],
  },
  {
    name: "a module parameter of a later version",
    files: { "postgresql.conf": "pg_stat_statements.track_planning = on\n" },
    pgVersion: 12,
    lines: [
      'postgresql.conf:1:1 unknown parameter "pg_stat_statements.track_planning": the pg_stat_statements module has it only from PostgreSQL 13 on; with PostgreSQL 12 the setting does nothing. Remove the line, or target PostgreSQL 13 or later.',
    ],
  },
  {
    name: "every line of every file of the tree, also after a syntax error",
    files: { "postgresql.conf": "include 'extra.conf'\nbad line here\nshared_bufers = 1GB\n", "extra.conf": "work_mme = 4MB\n" },
    pgVersion: 15,
    lines: [
      `extra.conf:1:1 unknown parameter "work_mme": ${REFUSES(15)} Did you mean "work_mem"?`,
      'postgresql.conf:2:10 syntax error in file "postgresql.conf" line 2, near token "here": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.',
      `postgresql.conf:3:1 unknown parameter "shared_bufers": ${REFUSES(15)} Did you mean "shared_buffers"?`,
    ],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", ({ conf, pgVersion }) => {
    expect(lint({ "postgresql.conf": conf }, pgVersion).lines).toEqual([]);
  });

  test.each(invalid)("invalid: $name", ({ files, pgVersion, lines, fixed }) => {
    const run = lint(files, pgVersion);
    const shown = run.lines.map((line) => line.split(`${run.dir}/`).join("").replace(` ${RULE} `, " ").replace(" syntax-error ", " "));
    expect(shown).toEqual(lines);
    const output = run.fixed();
    expect(output).toEqual(fixed ?? files);
    if (fixed) {
      // The fixed tree: no finding of this rule is left, and a second pass changes nothing.
      const again = lint(output, pgVersion);
      expect(again.lines).toEqual([]);
      expect(again.fixed()).toEqual(output);
    }
  });

  test("the same tree on 12 and 18: wal_keep_segments is fine on 12 and fixed on 18", () => {
    const conf = { "postgresql.conf": "wal_keep_segments = 32\n" };
    expect(lint(conf, 12).lines).toEqual([]);
    expect(lint(conf, 18).fixed()).toEqual({ "postgresql.conf": "wal_keep_size = '512MB'\n" });
  });
});
