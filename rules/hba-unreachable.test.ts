import { lintCluster } from "../test/helpers/lint-cluster";
import { unreachableStats } from "./hba-unreachable";

const SHADOWED = (line: number, earlier: number, head: string, method: string) =>
  `hba-unreachable line ${line} is never used: line ${earlier} (${head}) matches every connection it would, so its ${method} never applies. Move it above line ${earlier} if it should take precedence, or remove it.`;
const DUPLICATE = (line: number, earlier: number, head: string) => `hba-unreachable line ${line} is never used: line ${earlier} (${head}) matches every connection it would, with the same method. Remove it.`;

function run(hba: string, pgVersion = 18, conf = "ssl = on\n") {
  return lintCluster({ "postgresql.conf": conf, "pg_hba.conf": hba }, { extends: [], rules: { "hba-unreachable": "warn" }, pgVersion });
}

/** Just "later <- earlier" pairs, for the many small cases. */
function pairs(hba: string, pgVersion = 18): string[] {
  return run(hba, pgVersion).lines.map((line) => {
    const match = /line (\d+) is never used: line (\d+)/.exec(line)!;
    return `${match[1]}<-${match[2]}`;
  });
}

describe("hba-unreachable", () => {
  test.each([
    ["specific before broad", "host all alice 10.1.0.0/16 scram-sha-256\nhost all all 10.0.0.0/8 reject\n"],
    ["hostssl does not cover host", "hostssl all all 0.0.0.0/0 scram-sha-256\nhost all all 10.0.0.0/8 scram-sha-256\n"],
    ["hostnossl and hostssl are disjoint", "hostnossl all all 0.0.0.0/0 reject\nhostssl all all 0.0.0.0/0 scram-sha-256\n"],
    ["hostnossl does not cover hostnogssenc (SSL connections)", "hostnossl all all 0.0.0.0/0 reject\nhostnogssenc all all 0.0.0.0/0 scram-sha-256\n"],
    ["hostgssenc does not cover host", "hostgssenc all all 0.0.0.0/0 gss\nhost all all 0.0.0.0/0 scram-sha-256\n"],
    ["all does not match physical replication", "host all all 0.0.0.0/0 scram-sha-256\nhost replication all 0.0.0.0/0 scram-sha-256\nlocal all all peer\nlocal replication all peer\n"],
    ['"all" quoted is a database name', 'host "all" all 10.0.0.0/8 scram-sha-256\nhost sales all 10.0.0.0/8 scram-sha-256\n'],
    ["a group does not cover its members", "host all +admins 10.0.0.0/8 scram-sha-256\nhost all alice 10.0.0.0/8 scram-sha-256\n"],
    ["sameuser does not cover named databases", "host sameuser all 10.0.0.0/8 scram-sha-256\nhost sales all 10.0.0.0/8 scram-sha-256\n"],
    ["a union of earlier records is not analysed", "host db1 all 10.0.0.0/8 scram-sha-256\nhost db2 all 10.0.0.0/8 scram-sha-256\nhost db1,db2 all 10.0.0.0/8 scram-sha-256\n"],
    ["narrower earlier address", "host all all 10.1.0.0/16 scram-sha-256\nhost all all 10.0.0.0/8 reject\n"],
    ["different families", "host all all 0.0.0.0/0 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"],
    ["samehost does not cover samenet", "host all all samehost scram-sha-256\nhost all all samenet scram-sha-256\n"],
    ["IP ranges say nothing about samehost or host names", "host all all 0.0.0.0/0 reject\nhost all all samehost scram-sha-256\nhost all all db.example.com scram-sha-256\n"],
    ["a domain suffix is not resolved", "host all all .example.com scram-sha-256\nhost all all db.example.com scram-sha-256\n"],
    ["@file tokens are unknown (earlier and later)", "host @dbs.txt all 10.0.0.0/8 scram-sha-256\nhost sales all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 scram-sha-256\nhost @more.txt all 10.0.0.0/8 reject\n"],
    ["local and host are disjoint", "local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\n"],
    ["a regex is not analysed (16+)", "host /^sales all 10.0.0.0/8 scram-sha-256\nhost sales_eu all 10.0.0.0/8 reject\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run(hba).lines).toEqual([]);
  });

  test("the issue's example: a catch-all shadows a later rule (puppetlabs-postgresql#180 style)", () => {
    const hba = [
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
      "local   all             all                                     peer",
      "host    all             all             127.0.0.1/32            scram-sha-256",
      "host    all             all             0.0.0.0/0               md5",
      "",
      "# reporting",
      "host    all             all             10.0.0.0/8              scram-sha-256",
      "local   all             postgres                                peer",
      "",
    ].join("\n");
    const result = run(hba);
    expect(result.lines).toEqual([
      `pg_hba.conf:7:1 ${SHADOWED(7, 4, "host all all 0.0.0.0/0", "scram-sha-256")}`,
      `pg_hba.conf:8:1 ${DUPLICATE(8, 2, "local all all")}`,
    ]);
    expect(result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages[0]).toMatchObject({ line: 7, column: 1, endLine: 7, endColumn: 78 });
    // No fix: which record should win is the author's call.
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });

  test.each([
    // Connection types: host covers all TCP types; hostnossl covers hostgssenc; hostnogssenc covers hostssl.
    ["host covers every TCP type", "host all all 0.0.0.0/0 reject\nhostssl all all 0.0.0.0/0 scram-sha-256\nhostnossl all all 0.0.0.0/0 md5\nhostgssenc all all 0.0.0.0/0 gss\nhostnogssenc all all 0.0.0.0/0 md5\n", ["2<-1", "3<-1", "4<-1", "5<-1"]],
    ["hostnossl covers hostgssenc, hostnogssenc covers hostssl", "hostnossl all all 0.0.0.0/0 reject\nhostnogssenc all all 0.0.0.0/0 reject\nhostgssenc all all 10.0.0.0/8 gss\nhostssl all all 10.0.0.0/8 cert\n", ["3<-1", "4<-2"]],
    ["local covers local", "local all all peer\nlocal sales alice scram-sha-256\n", ["2<-1"]],
    // Addresses.
    ["a separate netmask", "host all all 10.0.0.0 255.0.0.0 scram-sha-256\nhost all all 10.1.2.3/32 md5\n", ["2<-1"]],
    ["host bits set in the earlier address", "host all all 10.1.0.0/8 scram-sha-256\nhost all all 10.200.0.0/16 md5\n", ["2<-1"]],
    ["a non-contiguous netmask", "host all all 10.0.0.255 255.0.0.255 scram-sha-256\nhost all all 10.5.5.255/32 md5\nhost all all 10.5.5.0/24 md5\n", ["2<-1"]],
    ["IPv6", "host all all 2001:db8::/32 scram-sha-256\nhost all all 2001:db8:1::/48 md5\nhost all all 2001:db9::/48 md5\n", ["2<-1"]],
    ["all covers every address kind", "host all all all reject\nhost all all samehost trust\nhost all all samenet trust\nhost all all db.example.com trust\nhost all all ::/0 trust\n", ["2<-1", "3<-1", "4<-1", "5<-1"]],
    ["samenet covers samehost", "host all all samenet scram-sha-256\nhost all all samehost trust\n", ["2<-1"]],
    ["the same host name, any case", "host all all db.example.com scram-sha-256\nhost all all DB.Example.COM trust\n", ["2<-1"]],
    // Databases and users.
    ["all covers names, sameuser, samerole", "host all all 10.0.0.0/8 reject\nhost sales all 10.0.0.0/8 md5\nhost sameuser all 10.0.0.0/8 md5\nhost samerole all 10.0.0.0/8 md5\n", ["2<-1", "3<-1", "4<-1"]],
    ["replication covers replication", "host replication all 10.0.0.0/8 reject\nhost replication repl 10.1.0.0/16 scram-sha-256\n", ["2<-1"]],
    ["samegroup is samerole", "host samegroup all 10.0.0.0/8 reject\nhost samerole all 10.0.0.0/8 md5\n", ["2<-1"]],
    ["lists", "host db1,db2,db3 alice,bob 10.0.0.0/8 scram-sha-256\nhost db2 bob 10.0.0.0/8 md5\nhost db2,db4 bob 10.0.0.0/8 md5\n", ["2<-1"]],
    ["all users covers groups and names", "host sales all 10.0.0.0/8 scram-sha-256\nhost sales +admins 10.0.0.0/8 trust\nhost sales alice 10.0.0.0/8 trust\n", ["2<-1", "3<-1"]],
    ["the same group", "host all +admins 10.0.0.0/8 scram-sha-256\nhost sales +admins 10.0.0.0/8 trust\n", ["2<-1"]],
    ["quoted names match their unquoted spelling", 'host "sales" "alice" 10.0.0.0/8 scram-sha-256\nhost sales alice 10.0.0.0/8 trust\n', ["2<-1"]],
    ["all covers a regex (16+)", "host all all 10.0.0.0/8 scram-sha-256\nhost /^sales all 10.0.0.0/8 trust\n", ["2<-1"]],
    // Which earlier line is named.
    ["the earliest covering line is named", "host all all 10.0.0.0/8 scram-sha-256\nhost all all 0.0.0.0/0 scram-sha-256\nhost all all 10.1.0.0/16 md5\n", ["3<-1"]],
    ["an unreachable line is not named; its cover is", "host all all 10.0.0.0/8 reject\nhost all all 10.1.0.0/16 md5\nhost all all 10.1.1.0/24 trust\n", ["2<-1", "3<-1"]],
    ["a later, broader line than the first cover is skipped for the earlier one", "host all alice 10.0.0.0/8 reject\nhost all all 0.0.0.0/0 reject\nhost all alice 10.1.0.0/16 md5\n", ["3<-1"]],
  ])("invalid: %s", (_name, hba, expected) => {
    expect(pairs(hba)).toEqual(expected);
  });

  test("records that cannot match (errors, hostssl while ssl is off) neither cover nor are reported", () => {
    expect(pairs("host all all 0.0.0.0/0 bogus\nhost all all 10.0.0.0/8 md5\n")).toEqual([]);
    const hba = "hostssl all all 0.0.0.0/0 scram-sha-256\nhostssl all all 10.0.0.0/8 md5\nhost all all 0.0.0.0/0 reject\nhostssl all all 10.0.0.0/8 md5\n";
    expect(run(hba, 18, "ssl = off\n").lines).toEqual([]);
    expect(pairs(hba)).toEqual(["2<-1", "4<-1"]);
  });

  test.each([12, 15])("pg%d: /regex is a plain name before 16, include an invalid record", (pgVersion) => {
    expect(pairs("host /^sales all 10.0.0.0/8 scram-sha-256\nhost /^sales all 10.0.0.0/8 trust\ninclude hba.d/x.conf\nhost sales all 10.0.0.0/8 md5\n", pgVersion)).toEqual(["2<-1"]);
  });

  test("message and position for a continued record (14+)", () => {
    const result = run("host all all 0.0.0.0/0 scram-sha-256\n   host all all \\\n  10.0.0.0/8 scram-sha-256\n");
    expect(result.lines).toEqual([`pg_hba.conf:2:4 ${DUPLICATE(2, 1, "host all all 0.0.0.0/0")}`]);
    expect(result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages[0]).toMatchObject({ line: 2, column: 4, endLine: 3, endColumn: 27 });
  });

  // The rule itself takes milliseconds here; reading 10,000 records (the hba parser) takes
  // seconds on a small machine, hence the long timeout.
  test("10,000 records: correct, and the comparisons stay linear", () => {
    const lines: string[] = ["host all all 127.0.0.1/32 scram-sha-256"];
    const expected: string[] = [];
    for (let i = 0; i < 10000; i++) {
      const a = (i >> 8) & 0xff;
      const b = i & 0xff;
      switch (i % 5) {
        case 0: // one client per record, each its own /32
          lines.push(`hostssl db${i} user${i} 10.${a}.${b}.1/32 scram-sha-256`);
          break;
        case 1: // every user of a database from a /24
          lines.push(`host db${i} all 10.${a}.${b}.0/24 scram-sha-256`);
          break;
        case 2: // the same user again, from inside the /24 above: unreachable
          lines.push(`host db${i - 1} user${i} 10.${((i - 1) >> 8) & 0xff}.${(i - 1) & 0xff}.7/32 md5`);
          expected.push(`${lines.length}<-${lines.length - 1}`);
          break;
        case 3: // a group, IPv6
          lines.push(`host all +group${i} 2001:db8:${a.toString(16)}:${b.toString(16)}::/64 scram-sha-256`);
          break;
        default: // a duplicate of the IPv6 record above
          lines.push(lines[lines.length - 1]!.replace("scram-sha-256", "md5"));
          expected.push(`${lines.length}<-${lines.length - 1}`);
      }
    }
    lines.push("host all all 0.0.0.0/0 reject", "host all all ::/0 reject", "");
    expect(pairs(lines.join("\n"))).toEqual(expected);
    // Each record is compared with a handful of candidates, not with every earlier record.
    expect(unreachableStats.comparisons).toBeLessThan(2 * lines.length);
  }, 120_000);

  test("2,000 records behind one catch-all: one comparison each", () => {
    const lines = ["host all all 0.0.0.0/0 scram-sha-256", ...Array.from({ length: 2000 }, (_, i) => `host db${i} user${i} 10.${(i >> 8) & 0xff}.${i & 0xff}.0/24 md5`), ""];
    expect(run(lines.join("\n")).lines).toHaveLength(2000);
    expect(unreachableStats.comparisons).toBe(2000);
  }, 60_000);
});
