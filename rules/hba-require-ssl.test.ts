import { lintCluster } from "../test/helpers/lint-cluster";

const HEAD = (method: string, address: string, what: string) => `hba-require-ssl "host" also matches connections without SSL: with ${method} from ${address}, ${what} can cross the network unencrypted.`;
const SCRAM = "every query and result (SCRAM protects the password, not the session)";
const CLEAR = "the password (in clear text) and every query and result";

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-require-ssl": "warn" }, pgVersion });
}

describe("hba-require-ssl", () => {
  test.each([
    ["hostssl", "hostssl all all 0.0.0.0/0 scram-sha-256\n"],
    ["loopback addresses", "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 md5\nhost all all samehost password\nhost all all localhost scram-sha-256\n"],
    ["methods that send no password", "host all all 10.0.0.0/8 reject\nhost all all 10.0.0.0/8 trust\nhost all all 10.0.0.0/8 ident\n"],
    ["hostnossl is explicit", "hostnossl all all 10.0.0.0/8 reject\n"],
    ["local records", "local all all scram-sha-256\n"],
    ["GSSAPI-encrypted only", "hostgssenc all all 10.0.0.0/8 scram-sha-256\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }).lines).toEqual([]);
  });

  test("ssl on: host becomes hostssl, the next column kept in place", () => {
    const hba = [
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
      "host    all             all             10.0.0.0/8              scram-sha-256",
      "host all all 192.168.0.0/16 md5 # office",
      "host\tall\tall\t172.16.0.0/12\tpassword",
      "host    replication     all             10.0.0.0 255.0.0.0      ldap ldapurl=\"ldaps://ldap.example.net/dc=example,dc=net?uid?sub\"",
      "",
    ].join("\n");
    const result = run({ "postgresql.conf": "listen_addresses = '*'\nssl = on\n", "pg_hba.conf": hba });
    const origin = " Use hostssl (ssl is on: postgresql.conf line 2).";
    expect(result.lines).toEqual([
      `pg_hba.conf:2:1 ${HEAD("scram-sha-256", "10.0.0.0/8", SCRAM)}${origin}`,
      `pg_hba.conf:3:1 ${HEAD("md5", "192.168.0.0/16", "the MD5 login exchange (crackable offline) and every query and result")}${origin}`,
      `pg_hba.conf:4:1 ${HEAD("password", "172.16.0.0/12", CLEAR)}${origin}`,
      `pg_hba.conf:5:1 ${HEAD("ldap", "10.0.0.0 255.0.0.0", CLEAR)}${origin}`,
    ]);
    const fixed = result.fixed()["pg_hba.conf"]!;
    expect(fixed).toBe(
      [
        "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
        "hostssl all             all             10.0.0.0/8              scram-sha-256",
        "hostssl all all 192.168.0.0/16 md5 # office",
        "hostssl\tall\tall\t172.16.0.0/12\tpassword",
        "hostssl replication     all             10.0.0.0 255.0.0.0      ldap ldapurl=\"ldaps://ldap.example.net/dc=example,dc=net?uid?sub\"",
        "",
      ].join("\n"),
    );
    expect(run({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": fixed }).lines).toEqual([]);
  });

  test("ssl set in an included file; CRLF kept", () => {
    const result = run({ "postgresql.conf": "include 'tls.conf'\r\n", "tls.conf": "ssl = true\r\n", "pg_hba.conf": "host  all  all  10.0.0.0/8  scram-sha-256\r\n" });
    expect(result.lines).toEqual([`pg_hba.conf:1:1 ${HEAD("scram-sha-256", "10.0.0.0/8", SCRAM)} Use hostssl (ssl is on: tls.conf line 1).`]);
    expect(result.fixed()["pg_hba.conf"]).toBe("hostssl all  all  10.0.0.0/8  scram-sha-256\r\n");
  });

  test.each([12, 18])("pg%d, ssl off (the default): no fix, turn ssl on first", (pgVersion) => {
    const hba = "host all all 10.0.0.0/8 scram-sha-256\n";
    const result = run({ "postgresql.conf": "", "pg_hba.conf": hba }, pgVersion);
    expect(result.lines).toEqual([
      `pg_hba.conf:1:1 ${HEAD("scram-sha-256", "10.0.0.0/8", SCRAM)} Use hostssl, after turning ssl on (it is off: default; it needs ssl_cert_file and ssl_key_file, and takes effect after a reload).`,
    ]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });

  test("ssl = off set explicitly, and no postgresql.conf at all", () => {
    const hba = "host all all 0.0.0.0/0 scram-sha-256\n";
    expect(run({ "postgresql.conf": "# TLS\nssl = off\n", "pg_hba.conf": hba }).lines).toEqual([
      `pg_hba.conf:1:1 ${HEAD("scram-sha-256", "0.0.0.0/0", SCRAM)} Use hostssl, after turning ssl on (it is off: postgresql.conf line 2; it needs ssl_cert_file and ssl_key_file, and takes effect after a reload).`,
    ]);
    const alone = run({ "pg_hba.conf": hba });
    expect(alone.lines).toEqual([`pg_hba.conf:1:1 ${HEAD("scram-sha-256", "0.0.0.0/0", SCRAM)} Use hostssl (with ssl = on in postgresql.conf).`]);
    expect(alone.fixed()["pg_hba.conf"]).toBe(hba);
  });
});
