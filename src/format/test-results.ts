// Fixed lint results for the format tests, written by hand: a postgresql.conf with errors,
// warnings, a fix, suggestions, a non-ASCII line and a suppressed message; a CRLF pg_hba.conf with
// a fix on line 3, a line-deleting suggestion and a message full of characters that need
// escaping; a pg_ident.conf in a directory whose name needs escaping, with a fatal message and no
// source; and a file without messages. Offsets are literal (not computed by the code under test).
import type { LintResult } from "../engine/types";
import type { FormatterContext, FormatterRuleMeta } from "./types";

export const TEST_CWD = "/work/project";

export const CONF_PATH = "/work/project/postgresql.conf";
export const HBA_PATH = "/work/project/pg_hba.conf";
export const IDENT_PATH = "/work/project/old: 50%, v2/pg_ident.conf";
export const CLEAN_PATH = "/work/project/conf.d/empty.conf";

export const CONF_SOURCE = [
  "listen_addresses = '*'", //       offsets 0-21
  "cluster_name = 'Zürich'  ", //    23-47: the trailing blanks are 46-47 (UTF-8 columns one more)
  "wal_level = minmal", //           49-66: "minmal" is 61-66
  "#",
  "# - Replication -",
  "#",
  "max_wal_size = 1GB", //           "1GB" is 105-107
  "min_wal_size = 80MB",
  "#",
  "# - Connections -",
  "#",
  "max_wal_senders = 0", //          "0" is 169
  "",
].join("\n");

export const HBA_SOURCE = [
  "# TYPE  DATABASE  USER  ADDRESS    METHOD", // offsets 0-40, CR LF at 41-42
  "local   all       all              peer", //   43-81, CR LF at 82-83
  "host    all       all   0.0.0.0/0  trust", //  84-123 ("0.0.0.0/0" 108-116, "trust" 119-123), CR LF at 124-125
  "",
].join("\r\n");

function rule(id: string, description: string, category: string, defaultSeverity: "warn" | "error", fixable: boolean): [string, FormatterRuleMeta] {
  return [id, { description, docsUrl: `https://example.com/rules/${id}`, fixable, category, defaultSeverity }];
}

export const TEST_RULES_META: Record<string, FormatterRuleMeta> = Object.fromEntries([
  rule("listen-on-all-addresses", "Do not listen on every network interface.", "security", "warn", false),
  rule("no-trailing-spaces", "Remove blanks at the end of lines.", "syntax", "warn", true),
  rule("invalid-value", "Give parameters values their type accepts.", "correctness", "error", true),
  rule("wal-senders-disabled", "Keep WAL senders for replication and base backups.", "durability", "warn", false),
  rule("small-max-wal-size", "Give max_wal_size room for checkpoints.", "durability", "warn", false),
  rule("hba-open-address", "Do not admit every address.", "security", "warn", false),
  rule("hba-trust-method", "Do not use the trust method.", "authentication", "error", true),
]);

export const TEST_RESULTS: LintResult[] = [
  {
    filePath: CONF_PATH,
    kind: "conf",
    messages: [
      {
        ruleId: "listen-on-all-addresses",
        severity: 1,
        message: "Listening on all addresses exposes the server to every network it is attached to.",
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 23,
        suggestions: [
          { desc: "Listen on localhost only.", fix: { range: [19, 22], text: "'localhost'" } },
          { desc: "Listen on no TCP address (Unix-domain sockets only).", fix: { range: [19, 22], text: "''" } },
        ],
      },
      {
        ruleId: "no-trailing-spaces",
        severity: 1,
        message: "Trailing spaces.",
        line: 2,
        column: 24,
        endLine: 2,
        endColumn: 26,
        fix: { range: [46, 48], text: "" },
      },
      {
        ruleId: "invalid-value",
        severity: 2,
        message: 'Invalid value for parameter "wal_level": "minmal". Did you mean "minimal"?',
        line: 3,
        column: 13,
        endLine: 3,
        endColumn: 19,
        fix: { range: [61, 67], text: "minimal" },
      },
      {
        ruleId: "wal-senders-disabled",
        severity: 1,
        message: "max_wal_senders = 0 disables streaming replication and pg_basebackup.",
        line: 12,
        column: 19,
        endLine: 12,
        endColumn: 20,
      },
    ],
    suppressedMessages: [
      {
        ruleId: "small-max-wal-size",
        severity: 1,
        message: "max_wal_size = 1GB forces frequent checkpoints.",
        line: 7,
        column: 16,
        endLine: 7,
        endColumn: 19,
        suppressions: [{ kind: "directive", justification: "test cluster" }],
      },
    ],
    errorCount: 1,
    warningCount: 3,
    fatalErrorCount: 0,
    fixableErrorCount: 1,
    fixableWarningCount: 1,
  },
  {
    filePath: HBA_PATH,
    kind: "hba",
    messages: [
      {
        ruleId: "hba-open-address",
        severity: 1,
        message: "0.0.0.0/0 admits 100% of IPv4 clients: anyone, anywhere.\nRestrict the address",
        line: 3,
        column: 25,
        endLine: 3,
        endColumn: 34,
        suggestions: [{ desc: "Remove the rule.", fix: { range: [84, 126], text: "" } }],
      },
      {
        ruleId: "hba-trust-method",
        severity: 2,
        message: 'Method "trust" lets anyone connect without a password.',
        line: 3,
        column: 36,
        endLine: 3,
        endColumn: 41,
        fix: { range: [119, 124], text: "scram-sha-256" },
      },
    ],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
  },
  {
    filePath: IDENT_PATH,
    kind: "ident",
    messages: [
      {
        ruleId: null,
        severity: 2,
        fatal: true,
        message: "Parsing error: unterminated quoted string",
        line: 1,
        column: 10,
        endLine: 2,
        endColumn: 1,
      },
    ],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  },
  {
    filePath: CLEAN_PATH,
    kind: "conf",
    messages: [],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  },
];

const TEST_SOURCES: Record<string, string> = { [CONF_PATH]: CONF_SOURCE, [HBA_PATH]: HBA_SOURCE };

/** The context the tests format with; the pg_ident.conf's source is unknown on purpose. */
export function testContext(overrides: Partial<FormatterContext> = {}): FormatterContext {
  return {
    cwd: TEST_CWD,
    color: false,
    rulesMeta: TEST_RULES_META,
    toolVersion: "0.1.0",
    sourceOf: (filePath) => TEST_SOURCES[filePath],
    ...overrides,
  };
}
