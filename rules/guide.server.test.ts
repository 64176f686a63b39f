// What the real PostgreSQL 15 says about the hardening-guide fixture (`postgres -C`, the start-up
// reader), step by step as an author would repair it, against what the recommended preset says.
//
// Found out with the 15.18 server:
// 1. As written, the server refuses to start on the three syntax errors of lines 5-7 (`ssl
//    ciphers` with a space; ‘server.crt’ and ‘server.key’, which lex as qualified names) and
//    names nothing else: after a syntax error no name or value is judged.
// 2. With those three lines repaired, it refuses custom_variable_classes on line 2
//    ("unrecognized configuration parameter", removed in 9.2).
// 3. With that line gone, `postgres -C` accepts the file: it does not load
//    shared_preload_libraries, so the library name ‘auth_delay’ (quotes included) fails only at a
//    real start ('FATAL: could not access file "‘auth_delay’"', seen with `postgres --single`).
import * as fs from "node:fs";
import * as path from "node:path";
import { lintCluster } from "../test/helpers/lint-cluster";
import { OracleServer, requireOracles } from "../test/oracle/server";

const VERSIONS = requireOracles([15]);
const conf = fs.readFileSync(path.join(__dirname, "..", "fixtures", "guide", "postgresql.conf"), "utf8");
const describeIf = VERSIONS.length > 0 ? describe : describe.skip;

/** The server's LOG lines about the file, with the directory taken out. */
function serverComplaints(stderr: string, confDir: string): string[] {
  return stderr
    .split("\n")
    .map((line) => /\b(?:LOG|FATAL): {2}(.*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined)
    .map((line) => line.split(`${confDir}/`).join(""));
}

function linterErrors(text: string): string[] {
  const run = lintCluster({ "postgresql.conf": text }, { extends: ["recommended"], pgVersion: 15 });
  return run.results.flatMap((result) => result.messages.filter((m) => m.severity === 2).map((m) => `${m.line} ${m.ruleId}`));
}

describeIf("PostgreSQL 15 on the hardening-guide fixture", () => {
  let server: OracleServer;
  beforeAll(async () => {
    server = await OracleServer.start(15);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  test("as written: syntax errors on lines 5, 6 and 7 and nothing else; the linter reports the same lines", async () => {
    const result = await server.startupCheck({ "postgresql.conf": conf });
    expect(result.exitCode).not.toBe(0);
    expect(serverComplaints(result.stderr, server.confDir)).toEqual([
      'syntax error in file "postgresql.conf" line 5, near token "="',
      'syntax error in file "postgresql.conf" line 6, near token "\u2018server.crt\u2019"',
      'syntax error in file "postgresql.conf" line 7, near token "\u2018server.key\u2019"',
      'configuration file "postgresql.conf" contains errors',
    ]);
    const errors = linterErrors(conf);
    expect(errors.filter((e) => e.endsWith(" syntax-error"))).toEqual(["5 syntax-error", "6 syntax-error", "7 syntax-error"]);
  });

  test("with lines 5-7 repaired: custom_variable_classes on line 2, which the linter reports too", async () => {
    const repaired = conf
      .replace("ssl ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019", "ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'")
      .replace("\u2018server.crt\u2019", "'server.crt'")
      .replace("\u2018server.key\u2019", "'server.key'");
    const result = await server.startupCheck({ "postgresql.conf": repaired });
    expect(result.exitCode).not.toBe(0);
    expect(serverComplaints(result.stderr, server.confDir)).toEqual([
      'unrecognized configuration parameter "custom_variable_classes" in file "postgresql.conf" line 2',
      'configuration file "postgresql.conf" contains errors',
    ]);
    expect(linterErrors(repaired)).toContain("2 unknown-parameter");
  });

  test("with line 2 removed as well, the start-up reader accepts it; the linter still reports the quoted library name", async () => {
    const repaired = conf
      .replace("custom_variable_classes = \u2018auth_delay\u2019\n", "")
      .replace("ssl ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019", "ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'")
      .replace("\u2018server.crt\u2019", "'server.crt'")
      .replace("\u2018server.key\u2019", "'server.key'");
    const result = await server.startupCheck({ "postgresql.conf": repaired });
    expect(serverComplaints(result.stderr, server.confDir)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(linterErrors(repaired)).toEqual(expect.arrayContaining(["1 typographic-quotes", "2 typographic-quotes"]));
  });
});
