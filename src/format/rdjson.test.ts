import type { LintResult } from "../engine/types";
import { formatRdjson } from "./rdjson";
import { CONF_SOURCE, HBA_SOURCE, TEST_RESULTS, testContext } from "./test-results";

// reviewdog's JSON schema for rdjson (proto/rdf/jsonschema/DiagnosticResult.json) is not shipped
// in any npm package, so the output is checked exactly instead: every field, in order.

const docs = (ruleId: string) => ({ value: ruleId, url: `https://example.com/rules/${ruleId}` });
const range = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

const EXPECTED = {
  source: { name: "pgconf-lint" },
  diagnostics: [
    {
      message: "Listening on all addresses exposes the server to every network it is attached to.",
      location: { path: "postgresql.conf", range: range(1, 20, 1, 23) },
      severity: "WARNING",
      code: docs("listen-on-all-addresses"),
      suggestions: [
        { range: range(1, 20, 1, 23), text: "'localhost'" },
        { range: range(1, 20, 1, 23), text: "''" },
      ],
    },
    {
      message: "Trailing spaces.",
      // UTF-16 columns 24-26 after "Zürich": the ü is two bytes in UTF-8.
      location: { path: "postgresql.conf", range: range(2, 25, 2, 27) },
      severity: "WARNING",
      code: docs("no-trailing-spaces"),
      suggestions: [{ range: range(2, 25, 2, 27), text: "" }],
    },
    {
      message: 'Invalid value for parameter "wal_level": "minmal". Did you mean "minimal"?',
      location: { path: "postgresql.conf", range: range(3, 13, 3, 19) },
      severity: "ERROR",
      code: docs("invalid-value"),
      suggestions: [{ range: range(3, 13, 3, 19), text: "minimal" }],
    },
    {
      message: "max_wal_senders = 0 disables streaming replication and pg_basebackup.",
      location: { path: "postgresql.conf", range: range(12, 19, 12, 20) },
      severity: "WARNING",
      code: docs("wal-senders-disabled"),
    },
    {
      message: "0.0.0.0/0 admits 100% of IPv4 clients: anyone, anywhere.\nRestrict the address",
      location: { path: "pg_hba.conf", range: range(3, 25, 3, 34) },
      severity: "WARNING",
      code: docs("hba-open-address"),
      suggestions: [{ range: range(3, 1, 4, 1), text: "" }],
    },
    {
      message: 'Method "trust" lets anyone connect without a password.',
      location: { path: "pg_hba.conf", range: range(3, 36, 3, 41) },
      severity: "ERROR",
      code: docs("hba-trust-method"),
      suggestions: [{ range: range(3, 36, 3, 41), text: "scram-sha-256" }],
    },
    {
      // A fatal message: no rule code; its file's source is unknown, so columns stay as given.
      message: "Parsing error: unterminated quoted string",
      location: { path: "old: 50%, v2/pg_ident.conf", range: range(1, 10, 2, 1) },
      severity: "ERROR",
    },
  ],
};

describe("rdjson", () => {
  test("is the expected diagnostic result: fixes and suggestions as suggestions, UTF-8 byte columns", () => {
    expect(formatRdjson(TEST_RESULTS, testContext())).toBe(JSON.stringify(EXPECTED));
  });

  test("places a fix on line 3 of a CRLF file (the CR belongs to its line)", () => {
    expect(HBA_SOURCE.slice(119, 124)).toBe("trust");
    const output = JSON.parse(formatRdjson(TEST_RESULTS.slice(1, 2), testContext())) as typeof EXPECTED;
    expect(output.diagnostics.map((diagnostic) => diagnostic.suggestions)).toEqual([
      [{ range: range(3, 1, 4, 1), text: "" }],
      [{ range: range(3, 36, 3, 41), text: "scram-sha-256" }],
    ]);
  });

  test("counts columns in UTF-8 bytes, astral characters included", () => {
    expect(CONF_SOURCE.slice(46, 48)).toBe("  ");
    const source = "a = 'a𐐀b' # x\n";
    const result: LintResult = {
      ...TEST_RESULTS[0]!,
      messages: [{ ruleId: "r", severity: 1, message: "m", line: 1, column: 9, endLine: 1, endColumn: 10, fix: { range: [8, 9], text: "c" } }],
    };
    const output = JSON.parse(formatRdjson([result], testContext({ sourceOf: () => source }))) as typeof EXPECTED;
    // "b" is UTF-16 column 9 (𐐀 is two code units) and UTF-8 column 11 (𐐀 is four bytes).
    expect(output.diagnostics[0]!.location.range).toEqual(range(1, 11, 1, 12));
    expect(output.diagnostics[0]!.suggestions).toEqual([{ range: range(1, 11, 1, 12), text: "c" }]);
  });

  test("drops suggestions when the source is unknown, as their offsets cannot be placed", () => {
    const output = JSON.parse(formatRdjson(TEST_RESULTS.slice(1, 2), testContext({ sourceOf: () => undefined }))) as typeof EXPECTED;
    expect(output.diagnostics.map((diagnostic) => diagnostic.suggestions)).toEqual([undefined, undefined]);
    expect(output.diagnostics.map((diagnostic) => diagnostic.location.range)).toEqual([range(3, 25, 3, 34), range(3, 36, 3, 41)]);
  });

  test("names the tool's home page when given, and has no diagnostics without messages", () => {
    expect(formatRdjson(TEST_RESULTS.slice(3), testContext({ toolUri: "https://example.com/pgconf-lint" }))).toBe(
      '{"source":{"name":"pgconf-lint","url":"https://example.com/pgconf-lint"},"diagnostics":[]}',
    );
  });

  test("gives no range to a message without a line", () => {
    const result: LintResult = { ...TEST_RESULTS[2]!, messages: [{ ...TEST_RESULTS[2]!.messages[0]!, line: 0, column: 0, endLine: 0, endColumn: 0 }] };
    const output = JSON.parse(formatRdjson([result], testContext())) as typeof EXPECTED;
    expect(output.diagnostics[0]!.location).toEqual({ path: "old: 50%, v2/pg_ident.conf" });
  });
});
