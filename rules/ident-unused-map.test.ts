import * as fs from "node:fs";
import * as path from "node:path";
import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (map: string, lines: number) =>
  `ident-unused-map map "${map}" is not used: no pg_hba.conf record has map=${map}, so its ${lines === 1 ? "line" : `${lines} lines`} in pg_ident.conf ${lines === 1 ? "has" : "have"} no effect. Remove ${lines === 1 ? "it" : "them"}, or add map=${map} to the records (peer, ident, cert, gss...) that should use it.`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "ident-unused-map": "warn" }, pgVersion });
}

const IDENT = "# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nomicron     bryanh            bryanh\n  legacy    root              postgres\nomicron     ann               ann\nlegacy      bob               bob\nlegacy      carl              carl\nsso         /^(.*)@corp$      \\1\n";

describe("ident-unused-map", () => {
  test.each([
    ["every map used", { "pg_hba.conf": "local all all peer map=omicron\nlocal all all peer map=legacy\nhostssl all all 0.0.0.0/0 cert map=sso\n", "pg_ident.conf": IDENT }, 18],
    ["no pg_hba.conf in the cluster", { "pg_ident.conf": IDENT }, 18],
    // Records in included files that could not be read (16+) may use the maps: nothing is known.
    ["a pg_hba.conf whose include (16+) could not be read", { "pg_hba.conf": "include_dir hba.d\n", "pg_ident.conf": IDENT }, 16],
    // The files its includes read are part of the cluster's pg_hba.conf.
    ["maps used in files pg_hba.conf includes (16+)", { "pg_hba.conf": "local all all peer map=omicron\ninclude_dir hba.d\n", "hba.d/10-legacy.conf": "local all all peer map=legacy\n", "hba.d/20-sso.conf": "hostssl all all 0.0.0.0/0 cert map=sso\n", "pg_ident.conf": IDENT }, 16],
    ["a map used by a record PostgreSQL rejects", { "pg_hba.conf": "hostssl all all 0.0.0.0/0 sspi map=omicron,map=legacy\nhost all all 10.0.0.0/8 gss map=sso\n", "pg_ident.conf": IDENT }, 18],
  ] as const)("valid: %s", (_name, files, pgVersion) => {
    expect(run(files, pgVersion).lines).toEqual([]);
  });

  test.each([12, 18])("pg%d invalid: each unused map once, at its first line; no fix", (pgVersion) => {
    const result = run({ "pg_hba.conf": "local all all peer map=omicron\n# local all all peer map=legacy\n", "pg_ident.conf": IDENT }, pgVersion);
    expect(result.lines).toEqual([`pg_ident.conf:3:3 ${MESSAGE("legacy", 3)}`, `pg_ident.conf:7:1 ${MESSAGE("sso", 1)}`]);
    expect(result.fixed()["pg_ident.conf"]).toBe(IDENT);
  });

  test("16+: the records of included files count, and only theirs", () => {
    const result = run({ "pg_hba.conf": "local all all peer map=omicron\ninclude hba.d/legacy.conf\n", "hba.d/legacy.conf": "local all all peer map=legacy\n", "pg_ident.conf": IDENT }, 16);
    expect(result.lines).toEqual([`pg_ident.conf:7:1 ${MESSAGE("sso", 1)}`]);
  });

  test("map names are case-sensitive", () => {
    expect(run({ "pg_hba.conf": "local all all peer map=Omicron\n", "pg_ident.conf": "omicron a b\n" }).lines).toEqual([`pg_ident.conf:1:1 ${MESSAGE("omicron", 1)}`]);
  });

  const corpus = path.resolve(__dirname, "../../shared/corpus");
  const pairs: [string, string, string[]][] = [
    ["hba/045-windows-sspi-netmask-ldap-comments.conf", "ident/016-windows-proxy-admins-map-mismatch.conf", ['pg_ident.conf:47:1 map "sahsu"']],
    ["hba/046-supatype-peer-map-ipv6-zero.conf", "ident/017-supatype-map-service-users.conf", []],
    ["hba/033-peer-map-and-atat-placeholder.conf", "ident/014-dms-map-atat-placeholder.conf", []],
  ];
  test.each(pairs)("corpus: %s with %s", (hbaName, identName, expected) => {
    const hbaFile = path.join(corpus, hbaName);
    const identFile = path.join(corpus, identName);
    if (!fs.existsSync(hbaFile) || !fs.existsSync(identFile)) return;
    const lines = run({ "pg_hba.conf": fs.readFileSync(hbaFile, "utf8"), "pg_ident.conf": fs.readFileSync(identFile, "utf8") }).lines;
    expect(lines.map((line) => line.replace(/^(\S+) ident-unused-map (map "[^"]+").*$/, "$1 $2"))).toEqual(expected);
  });
});
