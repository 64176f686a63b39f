// Parameters that no longer exist. Removals between 10 and 18 are derived by comparing the
// versions' catalogs; this file only adds what the catalogs cannot say: removals before 10
// (from the release notes) and, for removals after, what replaced them.

export interface RemovedParameter {
  name: string;
  /** The release that removed it, e.g. "9.2" or "13". */
  removedIn: string;
  /** The parameter that replaced it, if one did. */
  replacement?: string;
  /** What to do instead, one sentence. */
  note: string;
}

/** Removed before 10: the catalogs (10-18) do not know these at all. */
export const REMOVED_BEFORE_10: readonly RemovedParameter[] = [
  { name: "custom_variable_classes", removedIn: "9.2", note: "dotted names (module.parameter) need no declaration since 9.2" },
  { name: "checkpoint_segments", removedIn: "9.5", replacement: "max_wal_size", note: "WAL volume between checkpoints is set with max_wal_size and min_wal_size since 9.5" },
  { name: "silent_mode", removedIn: "9.2", note: "start the server with pg_ctl -l or use the logging collector" },
  { name: "add_missing_from", removedIn: "9.0", note: "the behaviour it enabled no longer exists" },
  { name: "regex_flavor", removedIn: "9.0", note: "regular expressions are always the advanced flavor" },
  { name: "ssl_renegotiation_limit", removedIn: "9.5", note: "SSL renegotiation is no longer supported" },
  { name: "min_parallel_relation_size", removedIn: "10", replacement: "min_parallel_table_scan_size", note: "renamed to min_parallel_table_scan_size in 10" },
  { name: "sql_inheritance", removedIn: "10", note: "inheritance is always on; use ONLY in queries to exclude children" },
];

/** Why a parameter removed between 10 and 18 went, and what replaced it (the release is derived). */
export const REMOVAL_NOTES: Readonly<Record<string, { replacement?: string; note: string }>> = {
  replacement_sort_tuples: { note: "sorts no longer use replacement selection" },
  wal_keep_segments: { replacement: "wal_keep_size", note: "set wal_keep_size to segments × wal_segment_size (16MB by default)" },
  operator_precedence_warning: { note: "the pre-9.5 operator precedence it warned about is long gone" },
  vacuum_cleanup_index_scale_factor: { note: "B-tree index cleanup no longer uses it" },
  stats_temp_directory: { note: "statistics live in shared memory since 15" },
  force_parallel_mode: { replacement: "debug_parallel_query", note: "renamed to debug_parallel_query in 16" },
  promote_trigger_file: { note: "promote with pg_ctl promote or pg_promote()" },
  vacuum_defer_cleanup_age: { note: "use hot_standby_feedback or a replication slot instead" },
  lc_collate: { note: "the database's collation is a property of the database (pg_database), not a parameter" },
  lc_ctype: { note: "the database's character classification is a property of the database (pg_database), not a parameter" },
  old_snapshot_threshold: { note: "the feature was removed in 17" },
  db_user_namespace: { note: "the feature was removed in 17" },
  trace_recovery_messages: { note: "use log_min_messages (debug levels) instead" },
  ssl_ecdh_curve: { replacement: "ssl_groups", note: "renamed to ssl_groups in 18 (the old name is still accepted)" },
};
