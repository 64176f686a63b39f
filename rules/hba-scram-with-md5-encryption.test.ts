import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (origin: string) =>
  `hba-scram-with-md5-encryption scram-sha-256 on this record, but password_encryption is md5 (${origin}): passwords set from now on are stored as MD5 hashes, and a user with an MD5-hashed password cannot log in through scram-sha-256. Set password_encryption = scram-sha-256 in postgresql.conf (then have such users set their passwords again).`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-scram-with-md5-encryption": "warn" }, pgVersion });
}

describe("hba-scram-with-md5-encryption", () => {
  const hba = "local   all  all               peer\nhostssl all  all  10.0.0.0/8   scram-sha-256\nhost    all  all  127.0.0.1/32 md5\n";

  test.each([
    ["the 14+ default", 14, { "postgresql.conf": "", "pg_hba.conf": hba }],
    ["scram-sha-256 set on 12", 12, { "postgresql.conf": "password_encryption = 'scram-sha-256'\n", "pg_hba.conf": hba }],
    ["no postgresql.conf (unknown)", 12, { "pg_hba.conf": hba }],
    ["no scram-sha-256 records", 12, { "postgresql.conf": "", "pg_hba.conf": "host all all 10.0.0.0/8 md5\n" }],
  ] as const)("valid: %s", (_name, pgVersion, files) => {
    expect(run(files, pgVersion).lines).toEqual([]);
  });

  test.each([
    ["the 12-13 default", 13, "", "default"],
    ["md5 set", 18, "password_encryption = md5\n", "postgresql.conf line 1"],
    ["`on` (md5 on 12-13)", 12, "password_encryption = on\n", "postgresql.conf line 1"],
    ["md5 set last, in postgresql.auto.conf", 16, "password_encryption = 'scram-sha-256'\n", "postgresql.auto.conf line 1"],
  ] as const)("invalid: %s; no fix", (_name, pgVersion, conf, origin) => {
    const files: Record<string, string> = { "postgresql.conf": conf, "pg_hba.conf": hba };
    if (origin.startsWith("postgresql.auto.conf")) files["postgresql.auto.conf"] = "password_encryption = 'md5'\n";
    const result = run(files, pgVersion);
    expect(result.lines).toEqual([`pg_hba.conf:2:32 ${MESSAGE(origin)}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });
});
