// Rows as pg_file_settings showed them on PostgreSQL 12, 15 and 18 for the same files.
import { memoryReader, readFileSettings } from "./file-settings";
import { settingJudge } from "./judge";

const MAIN = "/d/postgresql.conf";

function rows(text: string, version: number) {
  return readFileSettings(MAIN, { reader: memoryReader({ [MAIN]: text }), judge: settingJudge(version) }).rows.map((r) => [r.name, r.setting, r.applied, r.error]);
}

describe("settingJudge", () => {
  test.each([12, 15, 18])("PostgreSQL %i: mixed-case names of pg_settings (TimeZone, DateStyle, IntervalStyle) are known and checked", (version) => {
    expect(rows("timezone = 'UTC'\ndatestyle = 'iso, mdy'\nINTERVALSTYLE = postgres\nintervalstyle = bogus\n", version)).toEqual([
      ["timezone", "UTC", true, null],
      ["datestyle", "iso, mdy", true, null],
      ["INTERVALSTYLE", "postgres", true, null],
      ["intervalstyle", "bogus", false, "setting could not be applied"],
    ]);
  });

  test.each([12, 18])("PostgreSQL %i: backend parameters are judged like the others (the view checks without applying)", (version) => {
    expect(rows("log_disconnections = maybe\nignore_system_indexes = on\npost_auth_delay = 5\n", version)).toEqual([
      ["log_disconnections", "maybe", false, "setting could not be applied"],
      ["ignore_system_indexes", "on", true, null],
      ["post_auth_delay", "5", true, null],
    ]);
  });
});
