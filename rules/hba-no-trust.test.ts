import * as fs from "node:fs";
import { lintCluster } from "../test/helpers/lint-cluster";
import { stockSamples } from "../src/model/hba-test-files";

const NETWORK = (type: string, address: string, users: string) =>
  `hba-no-trust "trust" on this ${type} record for ${address}: anyone who can reach the server's port from there connects as ${users} without a password. Use scram-sha-256 (or cert, gss, ldap...) instead.`;
const LOOPBACK = (type: string, address: string, users: string) =>
  `hba-no-trust "trust" on this ${type} record for ${address}: every process and OS user on this host (and anything that reaches the port through a tunnel or local proxy) connects as ${users} without a password. Use scram-sha-256 instead (or peer on a local record).`;
const LOCAL = (users: string) => `hba-no-trust "trust" on this local record: every OS user on this host who can open the Unix socket connects as ${users} without a password. Use peer (the OS user name must match the database user) or scram-sha-256 instead.`;

function run(hba: string, options?: Record<string, unknown>, pgVersion = 18) {
  return lintCluster({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba }, { extends: [], rules: { "hba-no-trust": options ? ["error", options] : "error" }, pgVersion });
}

/** The text after applying each finding's (single) suggestion. */
function suggested(result: ReturnType<typeof run>): string[] {
  const hba = result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!;
  const text = result.sources.get(hba.filePath)!.text;
  return hba.messages.map((m) => {
    const fix = m.suggestions![0]!.fix;
    return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  });
}

// The installed servers' pg_hba.conf.sample files (absent without the oracles).
const samples = stockSamples("hba").filter(([version]) => version >= 12);
const eachStockSample = samples.length > 0 ? test.each(samples) : test.skip.each([[0, "(no PostgreSQL oracle installed)"]] as [number, string][]);

describe("hba-no-trust", () => {
  test.each([
    ["trust on local records (allowed by default)", "local all all trust\nlocal replication all trust\n", undefined],
    ["authenticating methods", "host all all 0.0.0.0/0 scram-sha-256\nlocal all all peer\nhostssl all all 10.0.0.0/8 cert\n", undefined],
    ["reject", "host all all 0.0.0.0/0 reject\n", undefined],
    ["loopback trust with allowLoopback", "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nhost all all samehost trust\nhost all all localhost trust\n", { allowLoopback: true }],
    ["a record PostgreSQL rejects", "host all all 10.0.0.0/8 trust bogus=1\n", undefined],
  ])("valid: %s", (_name, hba, options) => {
    const result = run(hba, options);
    expect(result.lines).toEqual([]);
  });

  test.each([
    ["a network range", "host all all 10.0.0.0/8 trust\n", undefined, [`pg_hba.conf:1:25 ${NETWORK("host", "10.0.0.0/8", "any user")}`]],
    ["the whole Internet, one user", "hostssl  all  postgres  0.0.0.0/0  trust\n", undefined, [`pg_hba.conf:1:36 ${NETWORK("hostssl", "0.0.0.0/0", "user postgres")}`]],
    ["a separate netmask, two users", "hostnossl all alice,bob 192.168.0.0 255.255.0.0 trust\n", undefined, [`pg_hba.conf:1:49 ${NETWORK("hostnossl", "192.168.0.0 255.255.0.0", "users alice, bob")}`]],
    ["samenet is not loopback", "host all all samenet trust\n", undefined, [`pg_hba.conf:1:22 ${NETWORK("host", "samenet", "any user")}`]],
    ["127.0.0.0/7 reaches beyond loopback", "host all all 127.0.0.0/7 trust\n", undefined, [`pg_hba.conf:1:26 ${NETWORK("host", "127.0.0.0/7", "any user")}`]],
    ["a host name other than localhost", "host all all db.example.com trust\n", undefined, [`pg_hba.conf:1:29 ${NETWORK("host", "db.example.com", "any user")}`]],
    [
      "loopback addresses (flagged by default)",
      "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nhost all all samehost trust\nhost all all localhost trust\nhost all all 127.0.0.0/8 trust\n",
      undefined,
      [
        `pg_hba.conf:1:27 ${LOOPBACK("host", "127.0.0.1/32", "any user")}`,
        `pg_hba.conf:2:22 ${LOOPBACK("host", "::1/128", "any user")}`,
        `pg_hba.conf:3:23 ${LOOPBACK("host", "samehost", "any user")}`,
        `pg_hba.conf:4:24 ${LOOPBACK("host", "localhost", "any user")}`,
        `pg_hba.conf:5:26 ${LOOPBACK("host", "127.0.0.0/8", "any user")}`,
      ],
    ],
    ["local trust with allowLocal: false", "local all all trust\n", { allowLocal: false }, [`pg_hba.conf:1:15 ${LOCAL("any user")}`]],
  ])("invalid: %s", (_name, hba, options, expected) => {
    const result = run(hba, options);
    expect(result.lines).toEqual(expected);
    // No fix: the right method depends on the site.
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });

  test("suggestions: scram-sha-256 (peer on local records), the next column kept in place", () => {
    const hba = [
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
      "local   all             all                                     trust",
      "host    all             all             10.0.0.0/8              trust   # office",
      "host\tall\tall\t10.0.0.0/8\ttrust\t# tabs",
      "",
    ].join("\r\n");
    const result = run(hba, { allowLocal: false });
    expect(result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages.map((m) => m.suggestions!.map((s) => s.desc))).toEqual([["Replace trust with peer."], ["Replace trust with scram-sha-256."], ["Replace trust with scram-sha-256."]]);
    const [local, spaces, tabs] = suggested(result).map((text) => text.split("\r\n"));
    expect(local![1]).toBe("local   all             all                                     peer");
    // "trust   # office": the comment keeps its column when there is room, else one space.
    expect(spaces![2]).toBe("host    all             all             10.0.0.0/8              scram-sha-256 # office");
    expect(tabs![3]).toBe("host\tall\tall\t10.0.0.0/8\tscram-sha-256\t# tabs");
  });

  eachStockSample("pg%d stock sample, filled in as initdb does without --auth: the loopback host records", (pgVersion, file) => {
    // initdb without --auth uses trust for both local and host records.
    const text = fs.readFileSync(file, "utf8").replaceAll("@remove-line-for-nolocal@", "").replaceAll("@authcomment@", "# CAUTION: trust authentication").replaceAll("@authmethodlocal@", "trust").replaceAll("@authmethodhost@", "trust");
    const lines = run(text, undefined, pgVersion).lines.map((line) => line.replace(/^pg_hba\.conf:\d+:\d+ /, ""));
    expect(lines).toEqual([LOOPBACK("host", "127.0.0.1/32", "any user"), LOOPBACK("host", "::1/128", "any user"), LOOPBACK("host", "127.0.0.1/32", "any user"), LOOPBACK("host", "::1/128", "any user")]);
    // initdb --auth-local=peer --auth-host=scram-sha-256: nothing to report.
    const secured = text.replace(/^(local.*)trust$/gm, "$1peer").replace(/^(host.*)trust$/gm, "$1scram-sha-256");
    expect(run(secured, { allowLocal: false }, pgVersion).lines).toEqual([]);
  });
});
