// Would a server start on this postgresql.conf? Our answer, derived from the rows of
// readFileSettings (which mirror pg_file_settings), for comparison with `postgres -C` (the
// start-up reader: exit 0 or not).
//
// At start-up (ProcessConfigFileInternal in PGC_POSTMASTER context) any error is fatal:
// - a syntax or include error: the view stops at a file's first syntax error while start-up
//   reports them all, but one is enough, and it is an error row either way;
// - an unknown plain name ("unrecognized configuration parameter");
// - an invalid value: "setting could not be applied" (the reason in valueErrors).
// The view's remaining differences from start-up are not in our rows: the view asks
// set_config_option without applying, so backend parameters are value-checked there as at
// start-up; and postmaster parameters apply at start-up (the view's "could not be applied"
// for a valid value that differs from the running one is server state, which we never report).
// So: a server starts exactly when no row has an error.
import type { FileSettingsResult } from "../../src/views/file-settings";

export interface StartupVerdict {
  wouldStart: boolean;
  /** Why not: one line per problem, empty when it would start. */
  problems: string[];
}

const NOT_APPLIED = "setting could not be applied";

export function wouldStart(result: FileSettingsResult): StartupVerdict {
  const problems = result.rows
    .filter((row) => row.error !== null)
    .map((row) => `${row.sourcefile ?? "?"}:${row.sourceline ?? "?"}: ${row.error === NOT_APPLIED ? (result.valueErrors.get(row.seqno) ?? row.error) : row.error}`);
  return { wouldStart: problems.length === 0, problems };
}
