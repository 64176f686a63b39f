import * as fs from "node:fs";
import { SourceText } from "../source";
import { corpusFiles, stockSamples } from "./hba-test-files";
import { parseIdent } from "./ident";

describe("parseIdent", () => {
  const text = [
    "m1 sys pg",
    "m1 /^(.*)@EX$ \\1",
    "m1 /x( pg",
    "m1 sys /y(",
    "m1 sys",
    "m1",
    "m1,m2 sys pg",
    "m1 a,b pg",
    "m1 sys pg extra",
    '"m 1" "s y s" "+grp"',
    "include other.conf",
    'm1 "/[[:foo:]]" x',
    'm1 "/a{3,2}" x',
    'm1 "/*a" x',
    'm1 "/a\\" x',
    'm1 "/[z-a]" x',
    'm1 "/a{1" x',
    'm1 "/(?x)" x',
    'm1 "/a)" x',
    'm1 "/\\2(a)" x',
  ].join("\n");

  test("mappings and errors as pg_ident_file_mappings shows them (16)", () => {
    const doc = parseIdent(text, { pgVersion: 16 });
    expect(doc.records.map((r) => [r.lineNumber, r.mapName?.value ?? null, r.systemUser?.value ?? null, r.databaseUser?.value ?? null, r.error])).toEqual([
      [1, "m1", "sys", "pg", null],
      [2, "m1", "/^(.*)@EX$", "\\1", null],
      [3, "m1", "/x(", "pg", 'invalid regular expression "x(": parentheses () not balanced'],
      [4, "m1", "sys", "/y(", 'invalid regular expression "y(": parentheses () not balanced'],
      [5, null, null, null, "missing entry at end of line"],
      [6, null, null, null, "missing entry at end of line"],
      [7, null, null, null, "multiple values in ident field"],
      [8, null, null, null, "multiple values in ident field"],
      [9, "m1", "sys", "pg", null],
      [10, "m 1", "s y s", "+grp", null],
      [12, "m1", "/[[:foo:]]", "x", 'invalid regular expression "[[:foo:]]": invalid character class'],
      [13, "m1", "/a{3,2}", "x", 'invalid regular expression "a{3,2}": invalid repetition count(s)'],
      [14, "m1", "/*a", "x", 'invalid regular expression "*a": quantifier operand invalid'],
      [15, "m1", "/a\\", "x", 'invalid regular expression "a\\": invalid escape \\ sequence'],
      [16, "m1", "/[z-a]", "x", 'invalid regular expression "[z-a]": invalid character range'],
      [17, "m1", "/a{1", "x", 'invalid regular expression "a{1": braces {} not balanced'],
      [18, "m1", "/(?x)", "x", null],
      [19, "m1", "/a)", "x", 'invalid regular expression "a)": parentheses () not balanced'],
      [20, "m1", "/\\2(a)", "x", 'invalid regular expression "\\2(a)": invalid backreference number'],
    ]);
    expect(doc.includes.map((i) => [i.kind, i.path.value])).toEqual([["include", "other.conf"]]);
  });

  test("before 16 the database user is never a regex, and include is a map name", () => {
    const doc = parseIdent("m1 sys /y(\ninclude other.conf\n", { pgVersion: 15 });
    expect(doc.records.map((r) => [r.databaseUserRegex, r.error])).toEqual([
      [null, null],
      [null, "missing entry at end of line"],
    ]);
  });

  test("the system user regex is exposed without its slash", () => {
    expect(parseIdent("m /^(.*)$ \\1\n").records[0]!.systemUserRegex).toBe("^(.*)$");
  });

  const files = [...corpusFiles("ident"), ...stockSamples("ident").map(([, file]) => file)];
  test.each(files)("%s round-trips", (file) => {
    const source = SourceText.fromBytes(fs.readFileSync(file));
    const doc = parseIdent(source, { pgVersion: 16 });
    expect(doc.toString()).toBe(source.text);
    expect(doc.lines.map((l) => source.text.slice(l.span.start, l.span.end)).join("")).toBe(source.text);
  });

  test.each(stockSamples("ident"))("pg%d stock sample has no mappings", (pgVersion, file) => {
    expect(parseIdent(fs.readFileSync(file, "utf8"), { pgVersion: Math.max(pgVersion, 12) }).records).toEqual([]);
  });
});
