import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (origin: string) =>
  `hba-hostssl-without-ssl hostssl record cannot match because SSL is disabled: ssl is off (${origin}), so the connections this record was meant to accept are refused or fall through to a later record. Turn ssl on (with ssl_cert_file and ssl_key_file; takes effect after a reload), or remove the record.`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-hostssl-without-ssl": "error", "hba-invalid-record": "error" }, pgVersion });
}

describe("hba-hostssl-without-ssl", () => {
  const hba = "local all all peer\nhostssl all all 10.0.0.0/8 scram-sha-256\nhostssl all all 0.0.0.0/0 cert clientcert=verify-full\n";

  test.each([
    ["ssl = on", { "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }],
    ["ssl turned on in postgresql.auto.conf (ALTER SYSTEM)", { "postgresql.conf": "ssl = off\n", "postgresql.auto.conf": "ssl = 'on'\n", "pg_hba.conf": hba }],
    // Without the cluster's postgresql.conf, ssl is unknown: nothing is assumed.
    ["no postgresql.conf", { "pg_hba.conf": hba }],
    ["no hostssl records", { "postgresql.conf": "", "pg_hba.conf": "host all all 10.0.0.0/8 scram-sha-256\n" }],
  ])("valid: %s", (_name, files) => {
    expect(run(files).lines).toEqual([]);
  });

  test.each([12, 18])("pg%d invalid: ssl off by default, then set off explicitly; reported once (not also as an invalid record)", (pgVersion) => {
    expect(run({ "postgresql.conf": "", "pg_hba.conf": hba }, pgVersion).lines).toEqual([`pg_hba.conf:2:1 ${MESSAGE("default")}`, `pg_hba.conf:3:1 ${MESSAGE("default")}`]);
    const result = run({ "postgresql.conf": "ssl = on\ninclude_if_exists 'local.conf'\n", "local.conf": "ssl = off # no certificate yet\n", "pg_hba.conf": hba }, pgVersion);
    expect(result.lines).toEqual([`pg_hba.conf:2:1 ${MESSAGE("local.conf line 1")}`, `pg_hba.conf:3:1 ${MESSAGE("local.conf line 1")}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });

  test("a hostssl record PostgreSQL rejects for another reason is hba-invalid-record's", () => {
    const lines = run({ "postgresql.conf": "", "pg_hba.conf": "hostssl all all 10.0.0.0/8 bogus\n" }).lines;
    expect(lines).toEqual(['pg_hba.conf:1:1 hba-invalid-record invalid authentication method "bogus": PostgreSQL refuses to start with this pg_hba.conf (a reload keeps the old rules) until this record is fixed.']);
  });
});
