import { lintCluster } from "../test/helpers/lint-cluster";

const SAFE = " (password_encryption is scram-sha-256: users whose password is still stored as an MD5 hash must set it again)";
const MD5 = (origin: string) => ` once password_encryption is scram-sha-256 (it is md5: ${origin}) and users have set their passwords again: an MD5-hashed password cannot log in with scram-sha-256`;
const DEPRECATED = "; MD5 passwords are deprecated in PostgreSQL 18 and will be removed in a future release";
const MESSAGE = (type: string, deprecated: string, remedy: string) =>
  `hba-no-md5 "md5" authentication on this ${type} record: an MD5 password hash (from pg_authid, a backup or a dump) is enough to log in, and a sniffed login exchange can be cracked offline${deprecated}. Use scram-sha-256${remedy}.`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-no-md5": "warn" }, pgVersion });
}

describe("hba-no-md5", () => {
  test.each([
    ["scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256\nlocal all all peer\n"],
    ["a database named md5", 'host md5 all 10.0.0.0/8 scram-sha-256\nhost all "md5" 10.0.0.0/8 scram-sha-256\n'],
  ])("valid: %s", (_name, hba) => {
    expect(run({ "postgresql.conf": "", "pg_hba.conf": hba }).lines).toEqual([]);
  });

  test.each([
    [18, "", DEPRECATED, SAFE, true],
    [17, "", "", SAFE, true],
    [14, "", "", SAFE, true],
    [13, "", "", MD5("default"), false],
    [12, "password_encryption = 'scram-sha-256'\n", "", SAFE, true],
    [18, "password_encryption = md5 # legacy clients\n", DEPRECATED, MD5("postgresql.conf line 1"), false],
  ])("pg%d, postgresql.conf %j: deprecation note and fix per version and password_encryption", (pgVersion, conf, deprecated, remedy, fixed) => {
    const hba = "local   all   all                  md5\nhost    all   all   10.0.0.0/8     md5   # office\n";
    const result = run({ "postgresql.conf": conf, "pg_hba.conf": hba }, pgVersion);
    expect(result.lines).toEqual([`pg_hba.conf:1:36 ${MESSAGE("local", deprecated, remedy)}`, `pg_hba.conf:2:36 ${MESSAGE("host", deprecated, remedy)}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(fixed ? "local   all   all                  scram-sha-256\nhost    all   all   10.0.0.0/8     scram-sha-256 # office\n" : hba);
    const messages = result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages;
    expect(messages[1]!.suggestions).toEqual([{ desc: "Replace md5 with scram-sha-256.", fix: { range: [74, 80], text: "scram-sha-256 " } }]);
  });

  test("a hostssl record while ssl is off is still reported (it will match once ssl is on)", () => {
    const result = run({ "postgresql.conf": "ssl = off\n", "pg_hba.conf": "hostssl all all 10.0.0.0/8 md5\n" });
    expect(result.lines).toEqual([`pg_hba.conf:1:28 ${MESSAGE("hostssl", DEPRECATED, SAFE)}`]);
  });

  test("fixed output is stable: a second pass finds nothing", () => {
    const hba = "host all all 10.0.0.0/8 md5\r\nhost all all 10.0.0.0/8 md5 # end\r\n";
    const fixed = run({ "postgresql.conf": "", "pg_hba.conf": hba }).fixed()["pg_hba.conf"]!;
    expect(fixed).toBe("host all all 10.0.0.0/8 scram-sha-256\r\nhost all all 10.0.0.0/8 scram-sha-256 # end\r\n");
    expect(run({ "postgresql.conf": "", "pg_hba.conf": fixed }).lines).toEqual([]);
  });
});
