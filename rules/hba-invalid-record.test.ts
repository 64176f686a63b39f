import { lintCluster } from "../test/helpers/lint-cluster";

const TAIL = ": PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this record is fixed.";

function lint(hba: string, pgVersion = 18, conf = "ssl = on\n", rules: Record<string, "error" | "warn"> = { "hba-invalid-record": "error" }): string[] {
  return lintCluster({ "postgresql.conf": conf, "pg_hba.conf": hba }, { extends: [], rules, pgVersion }).lines;
}

describe("hba-invalid-record", () => {
  test.each([
    ["stock records", "local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n", 18],
    ["quoted tokens, lists, groups, netmask, options", 'host "my db",db2 +admins,bob 10.0.0.0 255.0.0.0 md5 # c\nhostssl all all all cert clientcert=verify-full\n', 15],
    ["a line continuation (14+)", "local all all peer \\\n  map=x\n", 14],
    // A missing include is an error (src/engine/auth-files.test.ts); include_if_exists is not.
    ["an include_if_exists directive (16+) naming no file", "include_if_exists other.conf\nlocal all all peer\n", 16],
    ["a regex (16+)", "local /^db[0-9]+$ all peer\n", 16],
    // Comments and blank lines alone: "contains no entries", the server refuses to start (test/robustness).
    ["comments and blank lines around a record", "# TYPE DATABASE USER ADDRESS METHOD\n\n   # indented\nlocal all all peer\n", 12],
  ])("valid: %s", (_name, hba, pgVersion) => {
    expect(lint(hba, pgVersion)).toEqual([]);
  });

  test.each([
    ["an unknown method", "host all all 10.0.0.0/8 bogus\n", 18, [`pg_hba.conf:1:1 hba-invalid-record invalid authentication method "bogus"${TAIL}`]],
    ["a missing user field", "local all\n", 15, [`pg_hba.conf:1:1 hba-invalid-record end-of-line before role specification${TAIL}`]],
    ["an invalid CIDR mask", "# header\n  host all all 10.0.0.0/33 md5\n", 18, [`pg_hba.conf:2:3 hba-invalid-record invalid CIDR mask in address "10.0.0.0/33"${TAIL}`]],
    // A generator glued columns: the method became the netmask (canonical/postgresql-operator#1232).
    ["a method read as a netmask", "host all all 10.0.0.1 md5\n", 18, [`pg_hba.conf:1:1 hba-invalid-record invalid IP mask "md5": Name or service not known${TAIL}`]],
    // autobase-tech/autobase#1232: an IPv6 address glued to the method.
    ["an address glued to the method", "host all all 2222:333:4444:555::66/128scram-sha-256\n", 18, [`pg_hba.conf:1:1 hba-invalid-record invalid CIDR mask in address "2222:333:4444:555::66/128scram-sha-256"${TAIL}`]],
    // community.postgresql#777: an address on a local line.
    ["an address on a local record", "local all all 127.0.0.1/32 trust\n", 18, [`pg_hba.conf:1:1 hba-invalid-record invalid authentication method "127.0.0.1/32"${TAIL}`]],
    ["peer over TCP", "host all all 10.0.0.0/8 peer\n", 18, [`pg_hba.conf:1:1 hba-invalid-record peer authentication is only supported on local sockets${TAIL}`]],
    ["include before 16", "include other.conf\n", 15, [`pg_hba.conf:1:1 hba-invalid-record invalid connection type "include"${TAIL}`]],
    [
      "a line continuation before 14",
      "local all all peer \\\n  map=x\n",
      13,
      [`pg_hba.conf:1:1 hba-invalid-record authentication option not in name=value format: \\${TAIL}`, `pg_hba.conf:2:3 hba-invalid-record invalid connection type "map=x"${TAIL}`],
    ],
    ["a bad regex (16+)", "local /( all trust\n", 16, [`pg_hba.conf:1:1 hba-invalid-record invalid regular expression "(": parentheses () not balanced${TAIL}`]],
    [
      "a failure the server only logs",
      "hostssl all all all cert clientname=XX\n",
      16,
      ['pg_hba.conf:1:1 hba-invalid-record invalid value for clientname: "XX": PostgreSQL rejects this record (pg_hba_file_rules shows it as an empty row, the reason only in the server log) and refuses to start with this pg_hba.conf (a reload keeps the old rules) until it is fixed.'],
    ],
  ])("invalid: %s", (_name, hba, pgVersion, expected) => {
    expect(lint(hba, pgVersion)).toEqual(expected);
  });

  test("a hostssl record while ssl is off is left to hba-hostssl-without-ssl (it loads, it never matches)", () => {
    const rules = { "hba-invalid-record": "error", "hba-hostssl-without-ssl": "error" } as const;
    const lines = lint("hostssl all all 10.0.0.0/8 scram-sha-256\n", 18, "ssl = off\n", rules);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pg_hba\.conf:1:1 hba-hostssl-without-ssl hostssl record cannot match because SSL is disabled: /);
    // Another error on such a record is still this rule's.
    expect(lint("hostssl all all 10.0.0.0/8 bogus\n", 18, "ssl = off\n", rules)[0]).toBe(`pg_hba.conf:1:1 hba-invalid-record invalid authentication method "bogus"${TAIL}`);
  });

  test("CRLF line endings: the span ends before the carriage return", () => {
    const run = lintCluster({ "pg_hba.conf": "host all all 10.0.0.0/8 bogus\r\n" }, { extends: [], rules: { "hba-invalid-record": "error" } });
    expect(run.results[0]!.messages[0]).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 30 });
  });
});
