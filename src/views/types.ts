// Row shapes of PostgreSQL's own views over the configuration files. `pgconf-lint show`
// prints these so that a DBA sees what the server will read, and the conformance tests
// compare them with a real server's rows as they are (NULL as null, text[] as arrays).

/** Major versions the linter targets. */
export const SUPPORTED_PG_VERSIONS = [12, 13, 14, 15, 16, 17, 18] as const;
export type PgVersion = (typeof SUPPORTED_PG_VERSIONS)[number];
export const DEFAULT_PG_VERSION: PgVersion = 18;

/** pg_file_settings. */
export interface FileSettingsRow {
  sourcefile: string | null;
  sourceline: number | null;
  seqno: number;
  name: string | null;
  setting: string | null;
  applied: boolean;
  error: string | null;
}

/** pg_hba_file_rules. `rule_number` and `file_name` exist on 16+ only. */
export interface HbaFileRuleRow {
  rule_number?: number | null;
  file_name?: string | null;
  line_number: number | null;
  type: string | null;
  database: string[] | null;
  user_name: string[] | null;
  address: string | null;
  netmask: string | null;
  auth_method: string | null;
  options: string[] | null;
  error: string | null;
}

/** pg_ident_file_mappings (15+). `map_number` and `file_name` exist on 16+ only. */
export interface IdentFileMappingRow {
  map_number?: number | null;
  file_name?: string | null;
  line_number: number | null;
  map_name: string | null;
  sys_name: string | null;
  pg_username: string | null;
  error: string | null;
}

export function fileSettingsColumns(): (keyof FileSettingsRow)[] {
  return ["sourcefile", "sourceline", "seqno", "name", "setting", "applied", "error"];
}

export function hbaRuleColumns(pgVersion: number): (keyof HbaFileRuleRow)[] {
  const base: (keyof HbaFileRuleRow)[] = ["line_number", "type", "database", "user_name", "address", "netmask", "auth_method", "options", "error"];
  return pgVersion >= 16 ? ["rule_number", "file_name", ...base] : base;
}

export function identMappingColumns(pgVersion: number): (keyof IdentFileMappingRow)[] {
  const base: (keyof IdentFileMappingRow)[] = ["line_number", "map_name", "sys_name", "pg_username", "error"];
  return pgVersion >= 16 ? ["map_number", "file_name", ...base] : base;
}
