// The value table that values.server.test.ts puts to the real servers: for a sample of
// parameters of each type, boundaries ±1, every unit and bad spellings of it, hex and octal,
// fractions, blanks, overflow, NaN and infinities, every enum value with its hidden aliases and
// likely aliases that are not, every boolean spelling, and list syntax.
import type { CatalogParameter } from "../catalog/types";
import { hiddenEnumValues } from "./enums";
import { resolveBaseUnit } from "./units";

export interface ValueCase {
  param: CatalogParameter;
  value: string;
  /** The name as the line spells it (differs from param.name only to test name echo). */
  writtenName: string;
}

const INTEGER_PARAMS = [
  "work_mem",
  "maintenance_work_mem",
  "temp_buffers",
  "shared_buffers",
  "effective_cache_size",
  "statement_timeout",
  "deadlock_timeout",
  "checkpoint_timeout",
  "authentication_timeout",
  "log_rotation_age",
  "log_rotation_size",
  "track_activity_query_size",
  "max_wal_size",
  "min_wal_size",
  "wal_writer_flush_after",
  "unix_socket_permissions",
  "log_min_duration_statement",
  "log_temp_files",
  "vacuum_cost_limit",
  "extra_float_digits",
  "gin_pending_list_limit",
];
const REAL_PARAMS = [
  "random_page_cost",
  "cursor_tuple_fraction",
  "vacuum_cost_delay",
  "autovacuum_vacuum_cost_delay",
  "geqo_selection_bias",
  "bgwriter_lru_multiplier",
  "jit_above_cost",
  "log_statement_sample_rate",
];
const BOOL_PARAMS = ["enable_seqscan", "log_checkpoints", "fsync", "zero_damaged_pages", "ssl"];
const STRING_PARAMS = ["application_name", "cluster_name"];

const NUMBER_SPELLINGS = ["0x10", "0X1f", "010", "08", "0x", "-.5", ".5", "+7", "1e3", "1e", "1E2", "12.5", "13.5", " 20 ", "20\t", "99999999999", "-99999999999", "abc", "", "inf", "-inf", "nan", "1e400", "0x1.8p1", "1_000"];
const MEMORY_SPELLINGS = ["1kB", "1 kB", "1.5MB", "1MB", "1GB", "0.5GB", "1TB", "2TB", "100B", "1536B", "1.5kB", "1 gb", "1Mb", "1 MB x", "1 kBx", "10 KB", "1 MBs", "5 B"];
const TIME_SPELLINGS = ["1us", "1500us", "1ms", "1.5s", "1s", "1min", "1.5min", "90s", "1h", "1d", "2d", "1H", "1 sec", "1m", "1 mins", "0.5 h", "30500ms", "1 s ", "1.5 ms"];
const REAL_SPELLINGS = ["0", "0.5", "1e-5", "1.5e1", " 2 ", "2 ", "-0", "0x10", "0x1p-2", "inf", "-inf", "Infinity", "nan", "1e400", "1e-310", "1e309", "1 ms", "abc", "", "1,5", "1.", ".", "1e", "100.5", "5ms"];
const REAL_TIME_SPELLINGS = ["500us", "1s", "0.5ms", "1 MS", "1min", "20", "20ms", "1 h", "0.001s", "100.5", "100us"];
const BOOL_SPELLINGS = ["on", "off", "On", "OFF", "true", "false", "TRUE", "t", "tr", "tru", "f", "fa", "fals", "yes", "no", "Y", "ye", "N", "o", "of", "ofF", "onx", "1", "0", "2", "01", "", " on", "on ", "maybe", "1.0", "truee", "nO"];
const ENUM_CANDIDATES = ["on", "off", "true", "false", "yes", "no", "1", "0", "debug", "info", "archive", "hot_standby", "default", "none", "bogus", "", " on"];

function finite(n: number | null): n is number {
  return n !== null && Number.isFinite(n);
}

function integerValues(param: CatalogParameter): string[] {
  const values = [...NUMBER_SPELLINGS];
  if (finite(param.min)) values.push(String(param.min), String(param.min - 1));
  if (finite(param.max)) values.push(String(param.max), String(param.max + 1));
  const base = resolveBaseUnit(param.unit);
  if (base?.kind === "memory") values.push(...MEMORY_SPELLINGS);
  else if (base?.kind === "time") values.push(...TIME_SPELLINGS);
  else values.push("1kB", "1s", "0777", "0x1FF");
  return values;
}

function realValues(param: CatalogParameter): string[] {
  const values = [...REAL_SPELLINGS];
  if (finite(param.min)) values.push(String(param.min), String(param.min - 1), String(param.min - 0.001));
  if (finite(param.max) && param.max < 1e300) values.push(String(param.max), String(param.max + 1), String(param.max + 0.001));
  if (resolveBaseUnit(param.unit)?.kind === "time") values.push(...REAL_TIME_SPELLINGS);
  return values;
}

function enumValues(param: CatalogParameter, pgVersion: number): string[] {
  const listed = param.enumvals ?? [];
  const hidden = Object.keys(hiddenEnumValues(param.name, pgVersion));
  return [...listed, ...listed.map((v) => v.toUpperCase()), ...hidden, ...hidden.map((v) => v.toUpperCase()), ...ENUM_CANDIDATES];
}

/** Every case for one server version, its catalog read from that server's pg_settings. */
export function valueCases(catalog: ReadonlyMap<string, CatalogParameter>, pgVersion: number): ValueCase[] {
  const cases: ValueCase[] = [];
  const add = (name: string, values: (p: CatalogParameter) => string[]) => {
    const param = catalog.get(name);
    if (!param) return; // not in this version
    for (const value of new Set(values(param))) cases.push({ param, value, writtenName: param.name });
  };
  for (const name of INTEGER_PARAMS) add(name, integerValues);
  for (const name of REAL_PARAMS) add(name, realValues);
  for (const name of BOOL_PARAMS) add(name, () => BOOL_SPELLINGS);
  for (const name of STRING_PARAMS) add(name, () => ["", "a b", "x'y", "ÿnon-ascii"]);
  for (const param of catalog.values()) {
    // transaction_isolation's check hook refuses any change inside a transaction that has a
    // snapshot, which is where pg_file_settings runs; it is not a postgresql.conf setting anyway.
    if (param.vartype === "enum" && param.context !== "internal" && param.name !== "transaction_isolation") add(param.name, (p) => enumValues(p, pgVersion));
  }
  // Names as written: 12–17 echo them in messages, 18 does not.
  const workMem = catalog.get("work_mem");
  const enableSeqscan = catalog.get("enable_seqscan");
  const walLevel = catalog.get("wal_level");
  if (workMem) cases.push({ param: workMem, value: "10kB", writtenName: "WORK_MEM" }, { param: workMem, value: "1 gb", writtenName: "Work_Mem" });
  if (enableSeqscan) cases.push({ param: enableSeqscan, value: "maybe", writtenName: "ENABLE_SEQSCAN" });
  if (walLevel) cases.push({ param: walLevel, value: "bogus", writtenName: "Wal_Level" });
  return cases;
}
