import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (type: string, address: string, users: string) =>
  `hba-ident-over-tcp "ident" on this ${type} record for ${address}: the server asks an ident server on the client machine who the user is and believes the answer, so anyone who controls a machine in that range (or its ident daemon) can log in as ${users}. Use scram-sha-256, cert or gss; keep ident-style checks to local records (peer).`;

function run(hba: string, pgVersion = 18) {
  return lintCluster({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }, { extends: [], rules: { "hba-ident-over-tcp": "warn" }, pgVersion });
}

describe("hba-ident-over-tcp", () => {
  test.each([
    // On a local record "ident" means peer.
    ["ident on local records", "local all all ident\nlocal all all ident map=omicron\n"],
    ["other methods", "host all all 10.0.0.0/8 scram-sha-256\nhostssl all all 10.0.0.0/8 cert\n"],
    ["a user named ident", "host all ident 10.0.0.0/8 scram-sha-256\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run(hba).lines).toEqual([]);
  });

  test.each([12, 18])("pg%d invalid: ident on TCP/IP records, with or without a map; no fix", (pgVersion) => {
    const hba = "host    all   all        192.168.0.0/16  ident\nhostssl sales +staff     10.0.0.0/8      ident map=office\n";
    const result = run(hba, pgVersion);
    expect(result.lines).toEqual([`pg_hba.conf:1:42 ${MESSAGE("host", "192.168.0.0/16", "any user")}`, `pg_hba.conf:2:42 ${MESSAGE("hostssl", "10.0.0.0/8", "members of staff")}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });
});
