import { lintCluster } from "../test/helpers/lint-cluster";

const TAIL = ": PostgreSQL ignores the whole pg_ident.conf until this line is fixed (at start no user name map is loaded, so every login through a map= option fails; a reload keeps the old maps).";

function lint(ident: string, pgVersion = 18): string[] {
  return lintCluster({ "pg_ident.conf": ident }, { extends: [], rules: { "ident-invalid-record": "error" }, pgVersion }).lines;
}

describe("ident-invalid-record", () => {
  test.each([
    ["plain mappings", "# MAPNAME SYSTEM-USERNAME PG-USERNAME\nomicron bryanh bryanh\nomicron ann ann\n", 18],
    ["a regex with a back-reference", 'mymap /^(.*)@mydomain\\.com$ \\1\nmymap "/^(.*)@other\\.com$" guest\n', 12],
    ["extra fields are ignored", "map a b c d\n", 15],
    // A missing include is an error (src/engine/auth-files.test.ts); include_if_exists is not.
    ["an include_if_exists directive (16+) naming no file", "include_if_exists other.conf\n", 16],
  ])("valid: %s", (_name, ident, pgVersion) => {
    expect(lint(ident, pgVersion)).toEqual([]);
  });

  test.each([
    ["a missing field", "map sysuser\n", 18, [`pg_ident.conf:1:1 ident-invalid-record missing entry at end of line${TAIL}`]],
    ["a list in a field", "  map a,b c\n", 18, [`pg_ident.conf:1:3 ident-invalid-record multiple values in ident field${TAIL}`]],
    ["a bad regex", "map /( c\n", 18, [`pg_ident.conf:1:1 ident-invalid-record invalid regular expression "(": parentheses () not balanced${TAIL}`]],
    // The third field is a regex only from 16 on.
    ["a bad regex in the third field (16+)", "map a /(\n", 16, [`pg_ident.conf:1:1 ident-invalid-record invalid regular expression "(": parentheses () not balanced${TAIL}`]],
  ])("invalid: %s", (_name, ident, pgVersion, expected) => {
    expect(lint(ident, pgVersion)).toEqual(expected);
  });

  test("the third field is a plain name before 16", () => {
    expect(lint("map a /(\n", 15)).toEqual([]);
  });
});
