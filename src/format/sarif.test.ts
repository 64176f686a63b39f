import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import type { LintResult } from "../engine/types";
import { formatSarif } from "./sarif";
import { HBA_PATH, HBA_SOURCE, TEST_RESULTS, testContext } from "./test-results";

// The SARIF 2.1.0 schema as the SARIF SDK's authors ship it (schemastore's sarif-2.1.0-rtm.5,
// in the npm package @microsoft/jest-sarif). It is draft-04, which Ajv 8 reads as draft-07 once
// `id` is spelled `$id`; its `language` pattern is not valid with the u flag (a stray "]").
let compiledSarifSchema: ValidateFunction | undefined;

function sarifSchemaValidator(): ValidateFunction {
  if (compiledSarifSchema) return compiledSarifSchema;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { $schema: _draft04, id, ...schema } = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as { id: string } & Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", { validate: (value: string) => URL.canParse(value) });
  ajv.addFormat("uri-reference", { validate: (value: string) => URL.canParse(value, "file:///base/") });
  ajv.addFormat("date-time", { validate: (value: string) => !Number.isNaN(Date.parse(value)) });
  return (compiledSarifSchema = ajv.compile({ ...schema, $id: id }));
}

const conf = { uri: "postgresql.conf", uriBaseId: "%SRCROOT%", index: 0 };
const hba = { uri: "pg_hba.conf", uriBaseId: "%SRCROOT%", index: 1 };
const ident = { uri: "old%3A%2050%25,%20v2/pg_ident.conf", uriBaseId: "%SRCROOT%", index: 2 };
const autofix = "The fix that `pgconf-lint --fix` applies.";

function change(artifactLocation: object, deletedRegion: object, text: string, description: string) {
  return { description: { text: description }, artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion, insertedContent: { text } }] }] };
}

function rule(id: string, description: string, level: string, category: string) {
  const helpUri = `https://example.com/rules/${id}`;
  return { id, shortDescription: { text: description }, fullDescription: { text: description }, help: { text: `${description} See ${helpUri}`, markdown: `${description} [Rule documentation](${helpUri})` }, helpUri, defaultConfiguration: { level }, properties: { category } };
}

function result(ruleId: string, ruleIndex: number, level: string, text: string, artifactLocation: object, region: object, fixes?: ReturnType<typeof change>[]) {
  return { ruleId, ruleIndex, level, message: { text }, locations: [{ physicalLocation: { artifactLocation, region } }], ...(fixes ? { fixes } : {}) };
}

const EXPECTED_LOG = {
  $schema: "https://json.schemastore.org/sarif-2.1.0.json",
  version: "2.1.0",
  runs: [
    {
      tool: {
        driver: {
          name: "pgconf-lint",
          version: "0.1.0",
          semanticVersion: "0.1.0",
          rules: [
            rule("listen-on-all-addresses", "Do not listen on every network interface.", "warning", "security"),
            rule("no-trailing-spaces", "Remove blanks at the end of lines.", "warning", "syntax"),
            rule("invalid-value", "Give parameters values their type accepts.", "error", "correctness"),
            rule("wal-senders-disabled", "Keep WAL senders for replication and base backups.", "warning", "durability"),
            rule("hba-open-address", "Do not admit every address.", "warning", "security"),
            rule("hba-trust-method", "Do not use the trust method.", "error", "authentication"),
            { id: "fatal-error", shortDescription: { text: "The file could not be linted (it could not be read or parsed)." }, defaultConfiguration: { level: "error" } },
          ],
        },
      },
      originalUriBaseIds: { "%SRCROOT%": { uri: "file:///work/project/" } },
      artifacts: [
        { location: { uri: "postgresql.conf", uriBaseId: "%SRCROOT%" } },
        { location: { uri: "pg_hba.conf", uriBaseId: "%SRCROOT%" } },
        { location: { uri: "old%3A%2050%25,%20v2/pg_ident.conf", uriBaseId: "%SRCROOT%" } },
        { location: { uri: "conf.d/empty.conf", uriBaseId: "%SRCROOT%" } },
      ],
      results: [
        result(
          "listen-on-all-addresses",
          0,
          "warning",
          "Listening on all addresses exposes the server to every network it is attached to.",
          conf,
          { startLine: 1, startColumn: 20, endLine: 1, endColumn: 23 },
          [
            change(conf, { startLine: 1, startColumn: 20, endLine: 1, endColumn: 23 }, "'localhost'", "Listen on localhost only."),
            change(conf, { startLine: 1, startColumn: 20, endLine: 1, endColumn: 23 }, "''", "Listen on no TCP address (Unix-domain sockets only)."),
          ],
        ),
        result("no-trailing-spaces", 1, "warning", "Trailing spaces.", conf, { startLine: 2, startColumn: 24, endLine: 2, endColumn: 26 }, [
          change(conf, { startLine: 2, startColumn: 24, endLine: 2, endColumn: 26 }, "", autofix),
        ]),
        result(
          "invalid-value",
          2,
          "error",
          'Invalid value for parameter "wal_level": "minmal". Did you mean "minimal"?',
          conf,
          { startLine: 3, startColumn: 13, endLine: 3, endColumn: 19 },
          [change(conf, { startLine: 3, startColumn: 13, endLine: 3, endColumn: 19 }, "minimal", autofix)],
        ),
        result("wal-senders-disabled", 3, "warning", "max_wal_senders = 0 disables streaming replication and pg_basebackup.", conf, {
          startLine: 12,
          startColumn: 19,
          endLine: 12,
          endColumn: 20,
        }),
        result(
          "hba-open-address",
          4,
          "warning",
          "0.0.0.0/0 admits 100% of IPv4 clients: anyone, anywhere.\nRestrict the address",
          hba,
          { startLine: 3, startColumn: 25, endLine: 3, endColumn: 34 },
          [change(hba, { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 }, "", "Remove the rule.")],
        ),
        result("hba-trust-method", 5, "error", 'Method "trust" lets anyone connect without a password.', hba, { startLine: 3, startColumn: 36, endLine: 3, endColumn: 41 }, [
          change(hba, { startLine: 3, startColumn: 36, endLine: 3, endColumn: 41 }, "scram-sha-256", autofix),
        ]),
        result("fatal-error", 6, "error", "Parsing error: unterminated quoted string", ident, { startLine: 1, startColumn: 10, endLine: 2, endColumn: 1 }),
      ],
      columnKind: "utf16CodeUnits",
    },
  ],
};

describe("sarif", () => {
  test("is the expected log, pretty-printed; suppressed messages are left out", () => {
    expect(formatSarif(TEST_RESULTS, testContext())).toBe(JSON.stringify(EXPECTED_LOG, null, 2));
  });

  test("is valid against the SARIF 2.1.0 schema", () => {
    const validate = sarifSchemaValidator();
    const log: unknown = JSON.parse(formatSarif(TEST_RESULTS, testContext({ toolUri: "https://example.com/pgconf-lint" })));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  test("artifact URIs resolve against %SRCROOT% to the files' paths", () => {
    const log = JSON.parse(formatSarif(TEST_RESULTS, testContext())) as typeof EXPECTED_LOG;
    const base = log.runs[0]!.originalUriBaseIds["%SRCROOT%"].uri;
    const paths = log.runs[0]!.artifacts.map(({ location }) => fileURLToPath(new URL(location.uri, base)));
    expect(paths).toEqual(TEST_RESULTS.map((result) => result.filePath));
  });

  test("the schema check catches a misplaced property", () => {
    const validate = sarifSchemaValidator();
    const log = JSON.parse(formatSarif(TEST_RESULTS, testContext())) as typeof EXPECTED_LOG;
    (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as Record<string, unknown>).line = 1;
    expect(validate(log)).toBe(false);
  });

  test("links the tool's home page when given", () => {
    const log = JSON.parse(formatSarif([], testContext({ toolUri: "https://example.com/pgconf-lint" }))) as typeof EXPECTED_LOG;
    expect(log.runs[0]!.tool.driver).toEqual({ name: "pgconf-lint", informationUri: "https://example.com/pgconf-lint", version: "0.1.0", semanticVersion: "0.1.0", rules: [] });
    expect(log.runs[0]!.results).toEqual([]);
  });

  test("places a fix on line 3 of a CRLF file by line and column (the CR belongs to its line)", () => {
    expect(HBA_SOURCE.slice(119, 124)).toBe("trust");
    expect(HBA_SOURCE.slice(84, 126)).toBe("host    all       all   0.0.0.0/0  trust\r\n");
    const log = JSON.parse(formatSarif(TEST_RESULTS.slice(1, 2), testContext())) as typeof EXPECTED_LOG;
    const deletedRegions = log.runs[0]!.results.flatMap((r) => (r.fixes ?? []).map((fix) => fix.artifactChanges[0]!.replacements[0]!.deletedRegion));
    expect(deletedRegions).toEqual([
      { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 },
      { startLine: 3, startColumn: 36, endLine: 3, endColumn: 41 },
    ]);
  });

  test("places fixes by character offset when the source is unknown", () => {
    const log = JSON.parse(formatSarif(TEST_RESULTS.slice(1, 2), testContext({ sourceOf: () => undefined }))) as typeof EXPECTED_LOG;
    const deletedRegions = log.runs[0]!.results.flatMap((r) => (r.fixes ?? []).map((fix) => fix.artifactChanges[0]!.replacements[0]!.deletedRegion));
    expect(deletedRegions).toEqual([
      { charOffset: 84, charLength: 42 },
      { charOffset: 119, charLength: 5 },
    ]);
    expect(sarifSchemaValidator()(log)).toBe(true);
  });

  test("gives a file outside the working directory its absolute URI, and a message without a line no region", () => {
    const outside: LintResult = {
      ...TEST_RESULTS[2]!,
      filePath: "/etc/postgresql/pg_ident.conf",
      messages: [{ ...TEST_RESULTS[2]!.messages[0]!, line: 0, column: 0, endLine: 0, endColumn: 0 }],
    };
    const log = JSON.parse(formatSarif([outside], testContext())) as typeof EXPECTED_LOG;
    expect(log.runs[0]!.artifacts).toEqual([{ location: { uri: "file:///etc/postgresql/pg_ident.conf" } }]);
    expect(log.runs[0]!.results[0]!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "file:///etc/postgresql/pg_ident.conf", index: 0 } } }]);
    expect(sarifSchemaValidator()(log)).toBe(true);
  });

  test("lists a rule without metadata by its id alone", () => {
    const unknownRule: LintResult = { ...TEST_RESULTS[1]!, filePath: HBA_PATH, messages: [{ ...TEST_RESULTS[1]!.messages[1]!, ruleId: "not-in-meta", fix: undefined }] };
    const log = JSON.parse(formatSarif([unknownRule], testContext())) as typeof EXPECTED_LOG;
    expect(log.runs[0]!.tool.driver.rules).toEqual([{ id: "not-in-meta" }]);
  });
});
