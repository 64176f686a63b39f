import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "developer-options";
const GENERIC = "it is meant for developing and debugging PostgreSQL itself: it can flood the log, slow the server down or change how it behaves";

const { check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "nothing set", files: { "postgresql.conf": "work_mem = 8MB\n" }, lines: [] },
  { name: "the defaults, spelled differently", files: { "postgresql.conf": "zero_damaged_pages = 0\npost_auth_delay = '0s'\ntrace_notify = false\njit_expressions = yes\nwal_consistency_checking = ''\n" }, lines: [] },
  { name: "an earlier line overridden by the default", files: { "postgresql.conf": "zero_damaged_pages = on\ninclude 'fixed.conf'\n", "fixed.conf": "zero_damaged_pages = off\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "ignore_system_indexes = maybe\n" }, lines: [] },
  // trace_recovery_messages was a developer option up to 16.
  { name: "a parameter the target version does not have", pgVersion: 17, files: { "postgresql.conf": "trace_recovery_messages = debug1\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "zero_damaged_pages on: back to off, comment kept",
    files: { "postgresql.conf": "zero_damaged_pages = on\t# rescue 2024-03\n" },
    lines: [
      "postgresql.conf:1:22 zero_damaged_pages = on is a developer option (default off): the server then silently zeroes damaged pages, destroying their rows, instead of reporting the corruption. Set zero_damaged_pages = off, or remove the line.",
    ],
    fixed: { "postgresql.conf": "zero_damaged_pages = off\t# rescue 2024-03\n" },
  },
  {
    name: "post_auth_delay in seconds, quoted: back to '0' (the base unit)",
    files: { "postgresql.conf": "post_auth_delay = '30s'\n" },
    lines: [
      "postgresql.conf:1:19 post_auth_delay = '30s' is a developer option (default 0): every new connection then waits after authenticating (a pause for attaching a debugger), delaying every login and holding its connection slot. Set post_auth_delay = '0', or remove the line.",
    ],
    fixed: { "postgresql.conf": "post_auth_delay = '0'\n" },
  },
  {
    name: "allow_system_table_mods needs a restart on 12",
    pgVersion: 12,
    files: { "postgresql.conf": "allow_system_table_mods = true\n" },
    lines: [
      "postgresql.conf:1:27 allow_system_table_mods = true is a developer option (default off): superusers can then change the structure of the system catalogs and break the cluster beyond repair. Set allow_system_table_mods = off (takes effect after a restart), or remove the line.",
    ],
    fixed: { "postgresql.conf": "allow_system_table_mods = off\n" },
  },
  {
    name: "allow_system_table_mods is a superuser setting on 18: no restart",
    files: { "postgresql.conf": "allow_system_table_mods = true\n" },
    lines: [
      "postgresql.conf:1:27 allow_system_table_mods = true is a developer option (default off): superusers can then change the structure of the system catalogs and break the cluster beyond repair. Set allow_system_table_mods = off, or remove the line.",
    ],
    fixed: { "postgresql.conf": "allow_system_table_mods = off\n" },
  },
  {
    name: "a string and an enum, each back to its default",
    files: { "postgresql.conf": "wal_consistency_checking = 'all'\ndebug_parallel_query = on\n" },
    lines: [
      "postgresql.conf:1:28 wal_consistency_checking = 'all' is a developer option (default ''): WAL records then carry full page images that replay checks, which multiplies the WAL volume and slows recovery. Set wal_consistency_checking = '', or remove the line.",
      `postgresql.conf:2:24 debug_parallel_query = on is a developer option (default off): ${GENERIC}. Set debug_parallel_query = off, or remove the line.`,
    ],
    fixed: { "postgresql.conf": "wal_consistency_checking = ''\ndebug_parallel_query = off\n" },
  },
  {
    name: "trace_recovery_messages on 12 (an enum in Developer Options there)",
    pgVersion: 12,
    files: { "postgresql.conf": "TRACE_RECOVERY_MESSAGES = DEBUG1\n" },
    lines: [`postgresql.conf:1:27 TRACE_RECOVERY_MESSAGES = DEBUG1 is a developer option (default log): ${GENERIC}. Set TRACE_RECOVERY_MESSAGES = log, or remove the line.`],
    fixed: { "postgresql.conf": "TRACE_RECOVERY_MESSAGES = log\n" },
  },
  {
    name: "in an included file: fixed there",
    files: { "postgresql.conf": "include_dir 'conf.d'\n", "conf.d/debug.conf": "ignore_checksum_failure = on\n" },
    lines: [
      "conf.d/debug.conf:1:27 ignore_checksum_failure = on is a developer option (default off): the server then reads pages whose checksum fails, passing corrupt data on instead of reporting it. Set ignore_checksum_failure = off, or remove the line.",
    ],
    fixed: { "conf.d/debug.conf": "ignore_checksum_failure = off\n" },
  },
  {
    name: "in postgresql.auto.conf: ALTER SYSTEM RESET, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "ignore_system_indexes = 'on'\n" },
    lines: [
      "postgresql.auto.conf:1:25 ignore_system_indexes = 'on' is a developer option (default off): every session then reads the system catalogs without their indexes, which is much slower and only meant to recover from damaged catalog indexes. Change it with ALTER SYSTEM RESET ignore_system_indexes (postgresql.auto.conf sets it).",
    ],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
