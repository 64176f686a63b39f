import * as path from "node:path";
import type { LintResult } from "../engine/types";
import { formatStylish } from "./stylish";
import { TEST_CWD, TEST_RESULTS, testContext } from "./test-results";

// ANSI SGR sequences as Node's util.styleText writes them.
const reset = (text: string) => `\u001b[0m${text}\u001b[0m`;
const underline = (text: string) => `\u001b[4m${text}\u001b[24m`;
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
const red = (text: string) => `\u001b[31m${text}\u001b[39m`;
const yellow = (text: string) => `\u001b[33m${text}\u001b[39m`;
const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;

function warningOnly(message: string): LintResult[] {
  return [
    {
      filePath: "/work/project/conf.d/replication.conf",
      kind: "conf",
      messages: [{ ruleId: "some-rule", severity: 1, message, line: 7, column: 1, endLine: 7, endColumn: 4 }],
      suppressedMessages: [],
      errorCount: 0,
      warningCount: 1,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    },
  ];
}

describe("stylish", () => {
  test("prints ESLint's table per file and the summary, without colour", () => {
    expect(formatStylish(TEST_RESULTS, testContext())).toBe(
      [
        "",
        "postgresql.conf",
        "   1:20  warning  Listening on all addresses exposes the server to every network it is attached to  listen-on-all-addresses",
        "   2:24  warning  Trailing spaces                                                                   no-trailing-spaces",
        '   3:13  error    Invalid value for parameter "wal_level": "minmal". Did you mean "minimal"?        invalid-value',
        "  12:19  warning  max_wal_senders = 0 disables streaming replication and pg_basebackup              wal-senders-disabled",
        "",
        "pg_hba.conf",
        "  3:25  warning  0.0.0.0/0 admits 100% of IPv4 clients: anyone, anywhere.",
        "Restrict the address  hba-open-address",
        '  3:36  error    Method "trust" lets anyone connect without a password                          hba-trust-method',
        "",
        "old: 50%, v2/pg_ident.conf",
        "  1:10  error  Parsing error: unterminated quoted string",
        "",
        "\u2716 7 problems (3 errors, 4 warnings)",
        "  2 errors and 1 warning potentially fixable with the `--fix` option.",
        "",
      ].join("\n"),
    );
  });

  test("colours the path, positions, severities, rule ids and summary when asked", () => {
    expect(formatStylish(TEST_RESULTS.slice(1), testContext({ color: true }))).toBe(
      reset(
        [
          "",
          underline("pg_hba.conf"),
          `  ${dim("3:25")}  ${yellow("warning")}  0.0.0.0/0 admits 100% of IPv4 clients: anyone, anywhere.`,
          `Restrict the address  ${dim("hba-open-address")}`,
          `  ${dim("3:36")}  ${red("error")}    Method "trust" lets anyone connect without a password                          ${dim("hba-trust-method")}`,
          "",
          underline("old: 50%, v2/pg_ident.conf"),
          `  ${dim("1:10")}  ${red("error")}  Parsing error: unterminated quoted string`,
          "",
          red(bold("\u2716 3 problems (2 errors, 1 warning)")),
          red(bold("  1 error and 0 warnings potentially fixable with the `--fix` option.")),
          "",
        ].join("\n"),
      ),
    );
  });

  test("summarises warnings alone in yellow, singular, with no fixable line", () => {
    expect(formatStylish(warningOnly("Keep it."), testContext({ color: true }))).toBe(
      reset(
        [
          "",
          underline(path.join("conf.d", "replication.conf")),
          `  ${dim("7:1")}  ${yellow("warning")}  Keep it  ${dim("some-rule")}`,
          "",
          yellow(bold("\u2716 1 problem (0 errors, 1 warning)")),
          "",
        ].join("\n"),
      ),
    );
  });

  test("keeps a final period that follows a space, as ESLint does", () => {
    expect(formatStylish(warningOnly("Ends in ."), testContext())).toContain("  7:1  warning  Ends in .  some-rule\n");
  });

  test("prints nothing when there is no message", () => {
    expect(formatStylish([], testContext())).toBe("");
    expect(formatStylish(TEST_RESULTS.slice(3), testContext({ color: true }))).toBe("");
  });

  // ESLint's own stylish formatter (a devDependency) as the oracle, given the same results with the
  // paths it would otherwise print absolute already made relative.
  test.each([false, true])("matches ESLint's stylish formatter (color: %s)", (color) => {
    const eslintFormattersDir = path.join(path.dirname(require.resolve("eslint")), "cli-engine", "formatters");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const eslintStylish = require(path.join(eslintFormattersDir, "stylish.js")) as (results: unknown[], data: { color: boolean }) => string;
    const relativeResults = TEST_RESULTS.map((result) => ({ ...result, filePath: path.relative(TEST_CWD, result.filePath) }));
    expect(formatStylish(TEST_RESULTS, testContext({ color }))).toBe(eslintStylish(relativeResults, { color }));
    expect(formatStylish(warningOnly("Ends in ."), testContext({ color }))).toBe(
      eslintStylish([{ ...warningOnly("Ends in .")[0], filePath: path.join("conf.d", "replication.conf") }], { color }),
    );
  });
});
