import { lintCluster } from "../test/helpers/lint-cluster";

const SAFE = " (password_encryption is scram-sha-256: users whose password is still stored as an MD5 hash must set it again)";
const MD5 = (origin: string) => ` once password_encryption is scram-sha-256 (it is md5: ${origin}) and users have set their passwords again: an MD5-hashed password cannot log in with scram-sha-256`;
const UNKNOWN = " once password_encryption is scram-sha-256 and users have set their passwords again: an MD5-hashed password cannot log in with scram-sha-256";
const EXPOSURE = {
  host: "it crosses the network unencrypted unless the client happens to use SSL",
  hostnossl: "it crosses the network unencrypted",
  hostssl: "the connection is encrypted, but the server (or whoever impersonates it to a client that does not verify the server certificate) receives the password itself",
  hostgssenc: "the connection is encrypted, but the server receives the password itself",
  local: "it stays on this host, but the server receives the password itself",
};
const MESSAGE = (type: keyof typeof EXPOSURE, remedy: string) => `hba-no-password "password" authentication sends the password in clear text on this ${type} record: ${EXPOSURE[type]}. Use scram-sha-256${remedy}.`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-no-password": "error" }, pgVersion });
}

describe("hba-no-password", () => {
  test.each([
    ["scram-sha-256 and md5", "host all all 10.0.0.0/8 scram-sha-256\nhost all all 10.0.0.0/8 md5\n"],
    ["a user or database named password", "host password password 10.0.0.0/8 scram-sha-256\n"],
  ])("valid: %s", (_name, hba) => {
    expect(run({ "postgresql.conf": "", "pg_hba.conf": hba }).lines).toEqual([]);
  });

  test.each([
    ["host", "host all all 10.0.0.0/8 password\n", "pg_hba.conf:1:25", "host"],
    ["hostnossl", "hostnossl all all 10.0.0.0/8 password\n", "pg_hba.conf:1:30", "hostnossl"],
    ["hostssl", "hostssl all all 10.0.0.0/8 password\n", "pg_hba.conf:1:28", "hostssl"],
    ["hostgssenc", "hostgssenc all all 10.0.0.0/8 password\n", "pg_hba.conf:1:31", "hostgssenc"],
    ["local", "local all all password\n", "pg_hba.conf:1:15", "local"],
  ] as const)("invalid: %s, fixed since password_encryption is scram-sha-256 (the 14+ default)", (_name, hba, where, type) => {
    const result = run({ "postgresql.conf": "", "pg_hba.conf": hba });
    expect(result.lines).toEqual([`${where} ${MESSAGE(type, SAFE)}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba.replace("password\n", "scram-sha-256\n"));
  });

  test("password_encryption = md5 (set, or the 12-13 default): a suggestion, no fix", () => {
    const hba = "host all all 10.0.0.0/8 password\n";
    const set = run({ "postgresql.conf": "# auth\npassword_encryption = md5\n", "pg_hba.conf": hba }, 18);
    expect(set.lines).toEqual([`pg_hba.conf:1:25 ${MESSAGE("host", MD5("postgresql.conf line 2"))}`]);
    expect(set.fixed()["pg_hba.conf"]).toBe(hba);
    const message = set.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages[0]!;
    expect(message.fix).toBeUndefined();
    expect(message.suggestions).toEqual([{ desc: "Replace password with scram-sha-256.", fix: { range: [24, 32], text: "scram-sha-256" } }]);

    expect(run({ "postgresql.conf": "", "pg_hba.conf": hba }, 12).lines).toEqual([`pg_hba.conf:1:25 ${MESSAGE("host", MD5("default"))}`]);
    // 12-13 read `on` as md5.
    expect(run({ "postgresql.conf": "password_encryption = on\n", "pg_hba.conf": hba }, 13).lines).toEqual([`pg_hba.conf:1:25 ${MESSAGE("host", MD5("postgresql.conf line 1"))}`]);
    // 12-13 with scram-sha-256 set: fixed.
    expect(run({ "postgresql.conf": "password_encryption = 'scram-sha-256'\n", "pg_hba.conf": hba }, 12).fixed()["pg_hba.conf"]).toBe("host all all 10.0.0.0/8 scram-sha-256\n");
  });

  test("without a postgresql.conf, password_encryption is unknown: no fix", () => {
    const hba = "host all all 10.0.0.0/8 password\n";
    const result = run({ "pg_hba.conf": hba });
    expect(result.lines).toEqual([`pg_hba.conf:1:25 ${MESSAGE("host", UNKNOWN)}`]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
  });

  test("the fix keeps columns, comments and CRLF, and a second pass finds nothing", () => {
    const hba = [
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
      "host    all             all             10.0.0.0/8              password        # office",
      "host    all             all             10.1.0.0/16             password # short gap",
      "host    all             all             10.2.0.0/16             password",
      "host\tall\tall\t10.3.0.0/16\tpassword\t# tabbed",
      'host    all             all             10.4.0.0/16             "password"',
      "",
    ].join("\r\n");
    const result = run({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": hba });
    expect(result.lines.map((line) => line.slice(0, line.indexOf(" ")))).toEqual(["pg_hba.conf:2:65", "pg_hba.conf:3:65", "pg_hba.conf:4:65", "pg_hba.conf:5:26", "pg_hba.conf:6:65"]);
    const fixed = result.fixed()["pg_hba.conf"]!;
    expect(fixed).toBe(
      [
        "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
        "host    all             all             10.0.0.0/8              scram-sha-256   # office",
        "host    all             all             10.1.0.0/16             scram-sha-256 # short gap",
        "host    all             all             10.2.0.0/16             scram-sha-256",
        "host\tall\tall\t10.3.0.0/16\tscram-sha-256\t# tabbed",
        "host    all             all             10.4.0.0/16             scram-sha-256",
        "",
      ].join("\r\n"),
    );
    expect(run({ "postgresql.conf": "ssl = on\n", "pg_hba.conf": fixed }).lines).toEqual([]);
  });
});
