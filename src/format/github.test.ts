import type { LintResult } from "../engine/types";
import { formatGithub } from "./github";
import { TEST_RESULTS, testContext } from "./test-results";

function oneMessage(message: Partial<LintResult["messages"][number]>, filePath = "/work/project/postgresql.conf"): LintResult[] {
  return [
    {
      filePath,
      kind: "conf",
      messages: [{ ruleId: "some-rule", severity: 1, message: "text", line: 1, column: 1, endLine: 1, endColumn: 2, ...message }],
      suppressedMessages: [],
      errorCount: 0,
      warningCount: 1,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    },
  ];
}

describe("github", () => {
  test("writes one workflow command per message, relative paths, errors and warnings", () => {
    expect(formatGithub(TEST_RESULTS, testContext())).toBe(
      [
        "::warning file=postgresql.conf,line=1,col=20,endLine=1,endColumn=23,title=listen-on-all-addresses::Listening on all addresses exposes the server to every network it is attached to.",
        "::warning file=postgresql.conf,line=2,col=24,endLine=2,endColumn=26,title=no-trailing-spaces::Trailing spaces.",
        '::error file=postgresql.conf,line=3,col=13,endLine=3,endColumn=19,title=invalid-value::Invalid value for parameter "wal_level": "minmal". Did you mean "minimal"?',
        "::warning file=postgresql.conf,line=12,col=19,endLine=12,endColumn=20,title=wal-senders-disabled::max_wal_senders = 0 disables streaming replication and pg_basebackup.",
        // In the message only %, CR and LF are escaped; ":" and "," stay.
        "::warning file=pg_hba.conf,line=3,col=25,endLine=3,endColumn=34,title=hba-open-address::0.0.0.0/0 admits 100%25 of IPv4 clients: anyone, anywhere.%0ARestrict the address",
        '::error file=pg_hba.conf,line=3,col=36,endLine=3,endColumn=41,title=hba-trust-method::Method "trust" lets anyone connect without a password.',
        // In a property ":" and "," are escaped too; a multi-line range has no columns; no ruleId, no title.
        "::error file=old%3A 50%25%2C v2/pg_ident.conf,line=1,endLine=2::Parsing error: unterminated quoted string",
        "",
      ].join("\n"),
    );
  });

  test("escapes CR in messages and properties", () => {
    expect(formatGithub(oneMessage({ message: "a\r\nb", ruleId: "x\r\ny" }), testContext())).toBe(
      "::warning file=postgresql.conf,line=1,col=1,endLine=1,endColumn=2,title=x%0D%0Ay::a%0D%0Ab\n",
    );
  });

  test("leaves out positions a message does not have", () => {
    expect(formatGithub(oneMessage({ line: 0, column: 0, endLine: 0, endColumn: 0 }), testContext())).toBe(
      "::warning file=postgresql.conf,title=some-rule::text\n",
    );
  });

  test("shows a file outside the working directory relative to it", () => {
    expect(formatGithub(oneMessage({}, "/etc/postgresql/postgresql.conf"), testContext())).toBe(
      "::warning file=../../etc/postgresql/postgresql.conf,line=1,col=1,endLine=1,endColumn=2,title=some-rule::text\n",
    );
  });

  test("writes nothing without messages", () => {
    expect(formatGithub(TEST_RESULTS.slice(3), testContext())).toBe("");
  });
});
