// Accepted and refused values as pg_file_settings showed them on PostgreSQL 12 and 18.
import { parseSyncStandbyNames } from "./syncrep";

describe("parseSyncStandbyNames", () => {
  test.each<[string, "priority" | "quorum", number, string[]]>([
    ["2", "priority", 1, ["2"]], // a lone number is a standby name
    ['""', "priority", 1, [""]],
    ['ANY 2 (a, "b c", *)', "quorum", 2, ["a", "b c", "*"]],
    ["first 1 (a)", "priority", 1, ["a"]],
    ["a, b$1, _x", "priority", 1, ["a", "b$1", "_x"]],
    ["café", "priority", 1, ["café"]], // non-ASCII bytes are letters
    ["anyx", "priority", 1, ["anyx"]], // longest match: an identifier, not ANY
    ['3 ("a""b")', "priority", 3, ['a"b']],
  ])("%s is accepted", (value, method, numSync, names) => {
    expect(parseSyncStandbyNames(value)).toEqual({ ok: true, method, numSync, names });
  });

  test.each([
    ["a b", 'syntax error at or near "b"'],
    ["any", "syntax error at end of input"], // a keyword, not a name
    ["FIRST", "syntax error at end of input"],
    [" ", "syntax error at end of input"],
    ['"a', "unterminated quoted identifier"],
    ["2a", 'syntax error at or near "a"'],
    ["a (b)", 'syntax error at or near "("'],
    ["3 (a,)", 'syntax error at or near ")"'],
    ["-1 (a)", 'syntax error at or near "-"'],
    ["2 a", 'syntax error at or near "a"'],
    ["{{ x }}", 'syntax error at or near "{"'],
  ])("%s is refused: %s", (value, detail) => {
    expect(parseSyncStandbyNames(value)).toEqual({ ok: false, detail });
  });

  test.each([
    ["0 (a)", 0],
    ["any 0 (a)", 0],
    ["4294967296 (a)", 0], // atoi truncates to an int
  ])("%s: the count must be greater than zero", (value, numSync) => {
    expect(parseSyncStandbyNames(value)).toEqual({ ok: false, detail: `number of synchronous standbys (${numSync}) must be greater than zero`, numSync });
  });
});
