// The hardening-guide fixture: eight lines as a web page's hardening guide prints them (typographic
// quotes, a space in a name, a parameter removed in 9.2). The recommended preset must name every
// problem PostgreSQL 15 has with it, and nothing else. `UPDATE=1` rewrites expected.txt: read the
// diff line by line before committing it.
import * as fs from "node:fs";
import * as path from "node:path";
import { lintCluster } from "../test/helpers/lint-cluster";

const FIXTURE = path.join(__dirname, "..", "fixtures", "guide");
const conf = fs.readFileSync(path.join(FIXTURE, "postgresql.conf"), "utf8");
const expectedFile = path.join(FIXTURE, "expected.txt");

function lintGuide() {
  const run = lintCluster({ "postgresql.conf": conf }, { extends: ["recommended"], pgVersion: 15 });
  // PostgreSQL names files by absolute path; the fixture's findings must not depend on where it lies.
  const findings = run.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "-"} ${m.message.split(`${run.dir}/`).join("")}`));
  return { run, findings };
}

test("the fixture is the guide's eight lines, typographic quotes and all", () => {
  const lines = conf.split("\n");
  expect(lines.pop()).toBe("");
  expect(lines).toEqual([
    "shared_preload_libraries = \u2018auth_delay\u2019",
    "custom_variable_classes = \u2018auth_delay\u2019",
    "auth_delay.milliseconds = \u20180\u2019",
    "ssl = on",
    "ssl ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019",
    "ssl_cert_file = \u2018server.crt\u2019",
    "ssl_key_file = \u2018server.key\u2019",
    "password_encryption = scram-sha-256",
  ]);
});

test("the recommended preset on PostgreSQL 15 reports exactly expected.txt", () => {
  const { findings } = lintGuide();
  if (process.env.UPDATE === "1") fs.writeFileSync(expectedFile, findings.join("\n") + "\n");
  const expected = fs.readFileSync(expectedFile, "utf8").split("\n").filter((line) => line !== "");
  expect(findings).toEqual(expected);
});

test("what PostgreSQL 15 names is among the findings: the syntax errors of lines 5-7 and the removed custom_variable_classes", () => {
  const { findings } = lintGuide();
  expect(findings.filter((f) => f.includes(" syntax-error ")).map((f) => f.split(" ")[0])).toEqual(["5:13", "6:17", "7:16"]);
  expect(findings.find((f) => f.startsWith("5:13 syntax-error"))).toContain('Did you mean "ssl_ciphers"?');
  expect(findings.filter((f) => f.includes(" typographic-quotes ")).map((f) => f.split(":")[0])).toEqual(["1", "2", "3", "5", "6", "7"]);
  expect(findings.find((f) => f.startsWith("2:1 unknown-parameter"))).toContain("removed in PostgreSQL 9.2");
});

test("one pass of typographic-quotes' fixes writes the quoted values with ASCII quotes; syntax-error's (always on) writes `ssl ciphers` as ssl_ciphers, whose quotes wait for the next pass", () => {
  const run = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: { "typographic-quotes": "error" }, pgVersion: 15 });
  const fixed = run.fixed()["postgresql.conf"]!;
  expect(fixed.split("\n")).toEqual([
    "shared_preload_libraries = 'auth_delay'",
    "custom_variable_classes = 'auth_delay'",
    "auth_delay.milliseconds = '0'",
    "ssl = on",
    "ssl_ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019",
    "ssl_cert_file = 'server.crt'",
    "ssl_key_file = 'server.key'",
    "password_encryption = scram-sha-256",
    "",
  ]);
});
