// Proves the oracle harness against every installed server 12–18: what it returns must be
// exactly what the server's views and start-up reader say.
import fs from "node:fs";
import path from "node:path";
import { installedVersions, OracleServer, REQUIRE_ORACLES_ENV, requireOracles } from "./server";

const VERSIONS = requireOracles([12, 13, 14, 15, 16, 17, 18]);
const servers = new Map<number, OracleServer>();

beforeAll(async () => {
  // Started together: initdb and start-up overlap instead of adding up.
  const started = await Promise.allSettled(VERSIONS.map((version) => OracleServer.start(version)));
  started.forEach((result, index) => {
    if (result.status === "fulfilled") servers.set(VERSIONS[index] as number, result.value);
  });
  const failure = started.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}, 180_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
}, 60_000);

function server(version: number): OracleServer {
  const started = servers.get(version);
  if (!started) throw new Error(`PostgreSQL ${version} did not start`);
  return started;
}

test("at least one oracle server is installed to prove the harness on", () => {
  expect(VERSIONS.length).toBeGreaterThan(0);
  expect(installedVersions()).toEqual(expect.arrayContaining(VERSIONS));
});

test("requireOracles reports missing servers only when the environment demands them", () => {
  const saved = process.env[REQUIRE_ORACLES_ENV];
  try {
    delete process.env[REQUIRE_ORACLES_ENV];
    expect(requireOracles([9, ...VERSIONS])).toEqual(VERSIONS);
    process.env[REQUIRE_ORACLES_ENV] = "1";
    expect(() => requireOracles([9, ...VERSIONS])).toThrow(`PostgreSQL oracle server missing for 9 while ${REQUIRE_ORACLES_ENV}=1: run \`npm run oracle:install\``);
    expect(requireOracles(VERSIONS)).toEqual(VERSIONS);
  } finally {
    if (saved === undefined) delete process.env[REQUIRE_ORACLES_ENV];
    else process.env[REQUIRE_ORACLES_ENV] = saved;
  }
});

describe.each(VERSIONS)("PostgreSQL %i", (version) => {
  test("reports its exact version and a conf dir of its own", async () => {
    const oracle = server(version);
    expect(oracle.serverVersion).toMatch(new RegExp(`^${version}\\.\\d+$`));
    const [{ server_version: reported }] = (await oracle.query<{ server_version: string }>("SHOW server_version")) as [{ server_version: string }];
    expect(reported).toBe(oracle.serverVersion);
    expect(path.isAbsolute(oracle.confDir)).toBe(true);
  });

  test("pg_file_settings stops at the first syntax error and applies nothing", async () => {
    const oracle = server(version);
    const rows = await oracle.fileSettings({ "postgresql.conf": "work_mem = 4MB\nfoo bar baz\nwork_mem = 8MB\n" });
    const sourcefile = path.join(oracle.confDir, "postgresql.conf");
    expect(rows).toEqual([
      { sourcefile, sourceline: 1, seqno: 1, name: "work_mem", setting: "4MB", applied: false, error: null },
      { sourcefile, sourceline: 2, seqno: 2, name: null, setting: null, applied: false, error: "syntax error" },
    ]);
  });

  test("pg_file_settings follows includes in subdirectories, then reads postgresql.auto.conf", async () => {
    const oracle = server(version);
    oracle.setAutoConf("work_mem = '16MB'\n");
    try {
      const rows = await oracle.fileSettings({ "postgresql.conf": "include 'sub/more.conf'\nwork_mem = 4MB\n", "sub/more.conf": "work_mem = 2MB\n" });
      expect(rows).toEqual([
        { sourcefile: path.join(oracle.confDir, "sub", "more.conf"), sourceline: 1, seqno: 1, name: "work_mem", setting: "2MB", applied: false, error: null },
        { sourcefile: path.join(oracle.confDir, "postgresql.conf"), sourceline: 2, seqno: 2, name: "work_mem", setting: "4MB", applied: false, error: null },
        { sourcefile: path.join(oracle.dataDir, "postgresql.auto.conf"), sourceline: 1, seqno: 3, name: "work_mem", setting: "16MB", applied: true, error: null },
      ]);
    } finally {
      oracle.setAutoConf("");
    }
  });

  test("pg_hba_file_rules shows a bad method as an error row, and the connection survives it", async () => {
    const oracle = server(version);
    const rows = await oracle.hbaFileRules({ "pg_hba.conf": 'local all all bogus\nhost "all",x "a b" 10.0.0.0/8 md5\n' });
    const errorRow = { line_number: 1, type: null, database: null, user_name: null, address: null, netmask: null, auth_method: null, options: null, error: 'invalid authentication method "bogus"' };
    const goodRow = { line_number: 2, type: "host", database: ["all", "x"], user_name: ["a b"], address: "10.0.0.0", netmask: "255.0.0.0", auth_method: "md5", options: null, error: null };
    const file_name = path.join(oracle.confDir, "pg_hba.conf");
    expect(rows).toEqual(version >= 16 ? [{ rule_number: null, file_name, ...errorRow }, { rule_number: 1, file_name, ...goodRow }] : [errorRow, goodRow]);
  });

  test("pg_ident_file_mappings exists from 15 on", async () => {
    const oracle = server(version);
    if (version < 15) {
      await expect(oracle.identFileMappings({ "pg_ident.conf": "map alice bob\n" })).rejects.toThrow(`pg_ident_file_mappings exists on PostgreSQL 15 and later, not on this server (${oracle.serverVersion})`);
      return;
    }
    const rows = await oracle.identFileMappings({ "pg_ident.conf": "map alice bob\nmap only-two\n" });
    const file_name = path.join(oracle.confDir, "pg_ident.conf");
    const good = { line_number: 1, map_name: "map", sys_name: "alice", pg_username: "bob", error: null };
    const bad = { line_number: 2, map_name: null, sys_name: null, pg_username: null, error: "missing entry at end of line" };
    expect(rows).toEqual(version >= 16 ? [{ map_number: 1, file_name, ...good }, { map_number: null, file_name, ...bad }] : [good, bad]);
  });

  test("startupCheck reports every syntax error and fails like a server start", async () => {
    const oracle = server(version);
    const file = path.join(oracle.confDir, "postgresql.conf");
    const result = await oracle.startupCheck({ "postgresql.conf": "work_mem = 4MB\nfoo bar baz\nx y z\n" }, "postgresql.conf", "work_mem");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    const messages = result.stderr.split("\n").filter(Boolean).map((line) => line.replace(/^.*?(LOG|FATAL): +/, "$1: "));
    expect(messages).toEqual([
      `LOG: syntax error in file "${file}" line 2, near token "baz"`,
      `LOG: syntax error in file "${file}" line 3, near token "z"`,
      `FATAL: configuration file "${file}" contains errors`,
    ]);
    expect(await oracle.startupCheck({ "postgresql.conf": "work_mem = 4MB\n" }, "postgresql.conf", "work_mem")).toEqual({ exitCode: 0, stdout: "4096\n", stderr: "" });
  });
});

test("another main file restarts the server on it, binary content included", async () => {
  const version = VERSIONS[VERSIONS.length - 1] as number;
  const oracle = server(version);
  const rows = await oracle.fileSettings({ "other/main.conf": Buffer.from("application_name = 'caf\xe9'\n", "latin1") }, "other/main.conf");
  expect(rows).toEqual([{ sourcefile: path.join(oracle.confDir, "other", "main.conf"), sourceline: 1, seqno: 1, name: "application_name", setting: "caf\ufffd", applied: true, error: null }]);
  expect(fs.readFileSync(path.join(oracle.confDir, "other", "main.conf"))).toEqual(Buffer.from([...Buffer.from("application_name = 'caf"), 0xe9, ...Buffer.from("'\n")]));
  // Back to postgresql.conf: the earlier file is gone, the default main file is read again.
  expect(await oracle.fileSettings({ "postgresql.conf": "work_mem = 1MB\n" })).toEqual([
    { sourcefile: path.join(oracle.confDir, "postgresql.conf"), sourceline: 1, seqno: 1, name: "work_mem", setting: "1MB", applied: true, error: null },
  ]);
  expect(fs.existsSync(path.join(oracle.confDir, "other"))).toBe(false);
}, 60_000);

describe.each(requireOracles([15], { fullBuild: true }))("Debian's full PostgreSQL %i build", (version) => {
  test("starts and knows the authentication methods the npm builds lack", async () => {
    const oracle = await OracleServer.start(version, { fullBuild: true });
    try {
      expect(oracle.serverVersion).toMatch(/^15\.\d+$/);
      const rows = await oracle.hbaFileRules({ "pg_hba.conf": 'host all all 10.0.0.0/8 ldap ldapserver=ldap.example.com ldapprefix="cn=" ldapsuffix=",dc=example"\n' });
      expect(rows).toEqual([
        { line_number: 1, type: "host", database: ["all"], user_name: ["all"], address: "10.0.0.0", netmask: "255.0.0.0", auth_method: "ldap", options: ["ldapserver=ldap.example.com", "ldapprefix=cn=", "ldapsuffix=,dc=example", "ldapscope=2"], error: null },
      ]);
    } finally {
      await oracle.stop();
    }
  }, 120_000);
});
