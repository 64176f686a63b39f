// The check hooks of string parameters that judge the value alone, as a reload runs them.
// Hooks that consult the running server or the machine (tablespaces, roles, text search
// configurations, locales, time zones, library files) are not run here.
import { listStyleOf, splitList } from "./lists";
import { parseSyncStandbyNames } from "./syncrep";
import { asciiLowerCase } from "../ascii";

/** A refusal: PostgreSQL's own message, or a DETAIL under "invalid value for parameter". */
export type HookRefusal = { message: string; detail?: undefined } | { message?: undefined; detail: string };

// Hooks that start by splitting the value and refuse a list they cannot split
// (SplitIdentifierString, or SplitGUCList for debug_io_direct). The other list parameters
// (preload libraries, socket directories, listen_addresses) have no hook: they are split
// when used, not when read.
const LIST_SYNTAX_CHECKED = new Set([
  "datestyle",
  "log_destination",
  "search_path",
  "temp_tablespaces",
  "wal_consistency_checking",
  "createrole_self_grant",
  "restrict_nonsystem_relation_kind",
  "synchronized_standby_slots",
  "log_connections",
  "debug_io_direct",
]);

export function checkStringHook(paramName: string, value: string, pgVersion: number): HookRefusal | null {
  const name = asciiLowerCase(paramName);
  if (LIST_SYNTAX_CHECKED.has(name)) {
    const style = listStyleOf(name, pgVersion);
    if (style && !splitList(value, style).ok) return { detail: "List syntax is invalid." };
  }
  // check_synchronous_standby_names: an empty value is not parsed.
  if (name === "synchronous_standby_names" && value !== "") {
    const parsed = parseSyncStandbyNames(value);
    if (!parsed.ok) return parsed.numSync !== undefined ? { message: parsed.detail } : { detail: parsed.detail };
  }
  return null;
}
