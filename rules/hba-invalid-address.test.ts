import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "hba-invalid-address";

function lines(hba: string): string[] {
  return lintCluster({ "pg_hba.conf": hba }, { extends: [], rules: { [RULE]: "warn" } }).lines.filter((line) => line.includes(` ${RULE} `));
}

test.each([
  ["a network address", "host all all 10.1.2.0/24 scram-sha-256\n"],
  ["a single host", "host all all 10.1.2.3/32 scram-sha-256\n"],
  ["a prefix netmask", "host all all 10.1.0.0 255.255.0.0 scram-sha-256\n"],
  ["IPv6 network", "host all all fe80::/10 scram-sha-256\n"],
  ["a hostname", "host all all db.example.com scram-sha-256\n"],
  ["local", "local all all peer\n"],
])("valid: %s", (_name, hba) => {
  expect(lines(hba)).toEqual([]);
});

test("host bits set: the network PostgreSQL matches, with both readings as suggestions", () => {
  const run = lintCluster({ "pg_hba.conf": "host all all 192.168.1.10/24 scram-sha-256 # office\n" }, { extends: [], rules: { [RULE]: "warn" } });
  expect(run.lines).toEqual([
    "pg_hba.conf:1:14 hba-invalid-address 192.168.1.10/24 has host bits set beyond its mask: PostgreSQL ignores them, so this record matches all of 192.168.1.0/24, not the one host 192.168.1.10. Write 192.168.1.0/24 if the network is meant, or 192.168.1.10/32 for the single host.",
  ]);
  expect(run.fixes).toEqual([]);
  expect(run.results[0]!.messages[0]!.suggestions).toEqual([
    { desc: "Write the network: 192.168.1.0/24.", fix: { range: [13, 28], text: "192.168.1.0/24" } },
    { desc: "Write the single host: 192.168.1.10/32.", fix: { range: [13, 28], text: "192.168.1.10/32" } },
  ]);
});

test("IPv6 host bits", () => {
  expect(lines("host all all 2001:db8::1/64 md5\n")).toEqual([
    "pg_hba.conf:1:14 hba-invalid-address 2001:db8::1/64 has host bits set beyond its mask: PostgreSQL ignores them, so this record matches all of 2001:db8::/64, not the one host 2001:db8::1. Write 2001:db8::/64 if the network is meant, or 2001:db8::1/128 for the single host.",
  ]);
});

test("a netmask that is not a prefix", () => {
  expect(lines("host all all 10.0.0.0 255.0.255.0 md5\n")).toEqual([
    "pg_hba.conf:1:14 hba-invalid-address 10.0.0.0 255.0.255.0: the netmask is not a prefix (its one bits are not contiguous), so the record matches a scattered set of addresses. Use a netmask such as 255.255.255.0, or CIDR notation (10.0.0.0/24).",
  ]);
});
