import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (server: string) =>
  `hba-ldap-cleartext "ldap" without TLS: the server sends each user's password to the LDAP server${server} in clear text. Add ldaptls=1 (StartTLS) or use ldapscheme=ldaps (or an ldaps:// ldapurl); the LDAP server's certificate must be trusted by the PostgreSQL host.`;

function run(hba: string, pgVersion = 18) {
  return lintCluster({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }, { extends: [], rules: { "hba-ldap-cleartext": "warn" }, pgVersion });
}

describe("hba-ldap-cleartext", () => {
  test.each([
    ["StartTLS", 'hostssl all all 10.0.0.0/8 ldap ldapserver=ldap.example.net ldaptls=1 ldapprefix="cn=" ldapsuffix=", dc=example, dc=net"\n'],
    ["ldapscheme=ldaps", "hostssl all all 10.0.0.0/8 ldap ldapserver=ldap.example.net ldapscheme=ldaps ldapbasedn=dc=example\n"],
    ["an ldaps:// URL", 'hostssl all all 10.0.0.0/8 ldap ldapurl="ldaps://ldap.example.net/dc=example,dc=net?uid?sub"\n'],
    ["other methods", "hostssl all all 10.0.0.0/8 scram-sha-256\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run(hba).lines).toEqual([]);
  });

  test.each([12, 16, 18])("pg%d invalid: ldap without TLS, on any connection type; no fix", (pgVersion) => {
    const hba = [
      'hostssl all all 10.0.0.0/8 ldap ldapserver=ldap.example.net ldapprefix="cn=" ldapsuffix=", dc=example, dc=net"',
      'host    all all 10.0.0.0/8 ldap ldapurl="ldap://ldap.example.net/dc=example,dc=net?uid?sub"',
      "local   all all            ldap ldapserver=ldap.example.net ldaptls=0 ldapbasedn=dc=example",
      "",
    ].join("\n");
    const result = run(hba, pgVersion);
    expect(result.lines).toEqual([`pg_hba.conf:1:28 ${MESSAGE(" (ldap.example.net)")}`, `pg_hba.conf:2:28 ${MESSAGE(" (ldap.example.net)")}`, `pg_hba.conf:3:28 ${MESSAGE(" (ldap.example.net)")}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });
});
