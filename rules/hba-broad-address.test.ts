import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (address: string, method: string, type: string, users: string) =>
  `hba-broad-address ${address} matches every client address: with ${method} on this ${type} record, ${users} can try to log in from anywhere the port is reachable (the whole Internet, if it is exposed). Narrow it to the networks clients connect from (e.g. 10.0.0.0/8 or 192.168.1.0/24).`;

function run(hba: string, pgVersion = 18) {
  return lintCluster({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }, { extends: [], rules: { "hba-broad-address": "warn" }, pgVersion });
}

describe("hba-broad-address", () => {
  test.each([
    ["private ranges", "hostssl all all 10.0.0.0/8 scram-sha-256\nhost all all 192.168.1.0/24 scram-sha-256\nhost all all fd00::/8 scram-sha-256\n"],
    // pgdsat 1.2: no warning about broad records whose method is reject.
    ["reject from anywhere", "hostnossl all all 0.0.0.0/0 reject\nhost all all ::/0 reject\nhost all all all reject\n"],
    ["a /1 is broad but not everything", "host all all 0.0.0.0/1 scram-sha-256\n"],
    ["local records", "local all all scram-sha-256\n"],
    ["samenet and host names", "host all all samenet scram-sha-256\nhost all all .example.com scram-sha-256\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run(hba).lines).toEqual([]);
  });

  test("invalid: every spelling of everywhere", () => {
    const hba = [
      "hostssl all             all             0.0.0.0/0               scram-sha-256",
      "hostssl all             all             ::/0                    scram-sha-256",
      "host    sales           alice,bob       all                     md5",
      "host    all             +admins         0.0.0.0 0.0.0.0         scram-sha-256",
      "host    all             all             0.0.0.0/0               trust",
      "",
    ].join("\n");
    expect(run(hba, 12).lines).toEqual([
      `pg_hba.conf:1:41 ${MESSAGE("0.0.0.0/0", "scram-sha-256", "hostssl", "any user")}`,
      `pg_hba.conf:2:41 ${MESSAGE("::/0", "scram-sha-256", "hostssl", "any user")}`,
      `pg_hba.conf:3:41 ${MESSAGE("all", "md5", "host", "users alice, bob")}`,
      `pg_hba.conf:4:41 ${MESSAGE("0.0.0.0 0.0.0.0", "scram-sha-256", "host", "members of admins")}`,
      `pg_hba.conf:5:41 ${MESSAGE("0.0.0.0/0", "trust", "host", "any user")}`,
    ]);
  });

  test("the span covers a separate netmask; no fix", () => {
    const result = run("host all all 0.0.0.0 0.0.0.0 scram-sha-256\n");
    expect(result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages[0]).toMatchObject({ line: 1, column: 14, endLine: 1, endColumn: 29 });
    expect(result.fixed()["pg_hba.conf"]).toBe("host all all 0.0.0.0 0.0.0.0 scram-sha-256\n");
  });
});
