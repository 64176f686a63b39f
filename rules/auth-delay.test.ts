import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "auth-delay";
const SAMPLE_18 = path.join(__dirname, "..", "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "a failed authentication is answered at once, so passwords can be guessed as fast as the server answers.";
const CONTRIB = "(takes effect after a restart; auth_delay is one of PostgreSQL's contrib modules, which must be installed) and set auth_delay.milliseconds.";
const NOT_LOADED = (value: string, list: string) => `auth_delay is not in shared_preload_libraries (${value}): ${WHY} Set shared_preload_libraries = ${list} ${CONTRIB}`;
const NO_DELAY_UNSET =
  "auth_delay.milliseconds is unset (default 0): auth_delay does not pause after a failed authentication, so it does not slow down password guessing. Set auth_delay.milliseconds = 500ms.";
const LOADED = "shared_preload_libraries = 'auth_delay'\n";

const { lint, check } = fixRuleCases(RULE, "warn");

const valid: Case[] = [
  { name: "loaded, with a delay", files: { "postgresql.conf": "shared_preload_libraries = 'pg_stat_statements,auth_delay'\nauth_delay.milliseconds = '250ms'\n" }, lines: [] },
  { name: "loaded by path, delay in seconds", files: { "postgresql.conf": "shared_preload_libraries = '$libdir/auth_delay.so'\nauth_delay.milliseconds = '1s'\n" }, lines: [] },
  { name: "quoted element, on 12", pgVersion: 12, files: { "postgresql.conf": "shared_preload_libraries = '\"auth_delay\"'\nauth_delay.milliseconds = 500\n" }, lines: [] },
  { name: "credcheck's delay instead", files: { "postgresql.conf": "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = 1000\n" }, lines: [] },
  { name: "a list PostgreSQL cannot split is left to the value checker", files: { "postgresql.conf": "shared_preload_libraries = 'a,,b'\nauth_delay.milliseconds = 500\n" }, lines: [] },
  { name: "a pg_hba.conf alone: nothing to judge", files: { "pg_hba.conf": "local all all peer\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "nothing set: two findings at the top; the library goes after the stock line, the delay at the end",
    files: { "postgresql.conf": "port = 5432\n#shared_preload_libraries = ''\t\t# (change requires restart)\nwork_mem = 8MB\n" },
    lines: [
      `postgresql.conf:1:1 shared_preload_libraries is unset, so auth_delay is not loaded: ${WHY} Set shared_preload_libraries = 'auth_delay' ${CONTRIB}`,
      `postgresql.conf:1:1 ${NO_DELAY_UNSET}`,
    ],
    fixed: {
      "postgresql.conf": "port = 5432\n#shared_preload_libraries = ''\t\t# (change requires restart)\nshared_preload_libraries = 'auth_delay'\nwork_mem = 8MB\nauth_delay.milliseconds = 500ms\n",
    },
  },
  {
    name: "other libraries kept with their order and separator style; the tab-aligned comment stays aligned",
    files: { "postgresql.conf": "shared_preload_libraries = 'pg_stat_statements'\t# stats\nauth_delay.milliseconds = 500\n" },
    lines: [`postgresql.conf:1:28 ${NOT_LOADED("'pg_stat_statements'", "'pg_stat_statements, auth_delay'")}`],
    fixed: { "postgresql.conf": "shared_preload_libraries = 'pg_stat_statements, auth_delay'\t# stats\nauth_delay.milliseconds = 500\n" },
  },
  {
    name: "comma without spaces and quoted elements: the same style",
    files: { "postgresql.conf": `shared_preload_libraries = '"timescaledb","pg_cron"'\nauth_delay.milliseconds = 500\n` },
    lines: [`postgresql.conf:1:28 ${NOT_LOADED(`'"timescaledb","pg_cron"'`, `'"timescaledb","pg_cron","auth_delay"'`)}`],
    fixed: { "postgresql.conf": `shared_preload_libraries = '"timescaledb","pg_cron","auth_delay"'\nauth_delay.milliseconds = 500\n` },
  },
  {
    name: "an unquoted single library",
    files: { "postgresql.conf": "shared_preload_libraries = pg_stat_statements\nauth_delay.milliseconds = 500\n" },
    lines: [`postgresql.conf:1:28 ${NOT_LOADED("pg_stat_statements", "'pg_stat_statements, auth_delay'")}`],
    fixed: { "postgresql.conf": "shared_preload_libraries = 'pg_stat_statements, auth_delay'\nauth_delay.milliseconds = 500\n" },
  },
  {
    name: "loaded, delay 0 in an included file: that line is fixed",
    files: { "postgresql.conf": `${LOADED}include 'auth.conf'\n`, "auth.conf": "auth_delay.milliseconds = 0   # off for now\n" },
    lines: [
      "auth.conf:1:27 auth_delay.milliseconds = 0: auth_delay does not pause after a failed authentication, so it does not slow down password guessing. Set auth_delay.milliseconds = 500ms.",
    ],
    fixed: { "auth.conf": "auth_delay.milliseconds = 500ms # off for now\n" },
  },
  {
    name: "the fix's delay is an option",
    options: { milliseconds: 2000 },
    files: { "postgresql.conf": LOADED },
    lines: [
      "postgresql.conf:1:1 auth_delay.milliseconds is unset (default 0): auth_delay does not pause after a failed authentication, so it does not slow down password guessing. Set auth_delay.milliseconds = 2000ms.",
    ],
    fixed: { "postgresql.conf": `${LOADED}auth_delay.milliseconds = 2000ms\n` },
  },
  {
    name: "typographic quotes: auth_delay is not loaded, but no fix (the typographic-quotes rule straightens them first)",
    files: { "postgresql.conf": "shared_preload_libraries = ‘auth_delay’\nauth_delay.milliseconds = 500\n" },
    lines: [
      "postgresql.conf:1:28 auth_delay is not loaded: shared_preload_libraries = ‘auth_delay’ has typographic quotes, which PostgreSQL keeps as part of the library names (and then fails to start, finding no such library). Replace them with straight quotes and make sure auth_delay is in the list (takes effect after a restart).",
    ],
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": LOADED, "postgresql.auto.conf": "shared_preload_libraries = 'pg_stat_statements'\nauth_delay.milliseconds = '0'\n" },
    lines: [
      `postgresql.auto.conf:1:28 auth_delay is not in shared_preload_libraries ('pg_stat_statements'): ${WHY} Change it with ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements, auth_delay' (postgresql.auto.conf sets it) ${CONTRIB}`,
      "postgresql.auto.conf:2:27 auth_delay.milliseconds = '0': auth_delay does not pause after a failed authentication, so it does not slow down password guessing. Change it with ALTER SYSTEM SET auth_delay.milliseconds = 500ms (postgresql.auto.conf sets it).",
    ],
  },
  {
    name: "credcheck loaded without its delay does not count",
    pgVersion: 13,
    files: { "postgresql.conf": "shared_preload_libraries = 'credcheck'\ncredcheck.auth_delay_ms = 0\nauth_delay.milliseconds = 500\n" },
    lines: [`postgresql.conf:1:28 ${NOT_LOADED("'credcheck'", "'credcheck, auth_delay'")}`],
    fixed: { "postgresql.conf": "shared_preload_libraries = 'credcheck, auth_delay'\ncredcheck.auth_delay_ms = 0\nauth_delay.milliseconds = 500\n" },
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_18) ? test : test.skip;
  stock("the stock PostgreSQL 18 sample: library after the commented-out line, delay at the end; then clean", () => {
    const sample = fs.readFileSync(SAMPLE_18, "utf8");
    const stockLine = "#shared_preload_libraries = ''\t\t# (change requires restart)\n";
    expect(sample).toContain(stockLine);
    const fixed = lint({ "postgresql.conf": sample }).fixed()["postgresql.conf"]!;
    expect(fixed).toBe(`${sample.replace(stockLine, `${stockLine}shared_preload_libraries = 'auth_delay'\n`)}auth_delay.milliseconds = 500ms\n`);
    expect(lint({ "postgresql.conf": fixed }).lines).toEqual([]);
  });
});
