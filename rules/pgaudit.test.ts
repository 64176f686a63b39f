import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "pgaudit";
const INSTALL =
  "there is no audit log of who read or changed which objects, statement by statement, which CIS requires. Install the pgAudit extension, add pgaudit to shared_preload_libraries (takes effect after a restart), run CREATE EXTENSION pgaudit and set pgaudit.log = 'ddl,write'.";
const NOTHING = "pgAudit is loaded but logs no statement class. Set pgaudit.log = 'ddl,write', the minimum CIS asks for (add read, role, function or misc as your policy needs).";
const LOADED = "shared_preload_libraries = 'pg_stat_statements,pgaudit'\n";

interface Case {
  name: string;
  files: Record<string, string>;
  pgVersion?: number;
  /** "file:line:column message" (the rule id left out). */
  lines: string[];
}

function check({ files, pgVersion, lines }: Case): void {
  const run = lintCluster(files, { extends: [], rules: { [RULE]: "warn" }, pgVersion: pgVersion ?? 18 });
  expect(run.lines.filter((line) => line.includes(` ${RULE} `))).toEqual(lines.map((line) => line.replace(/^(\S+) /, `$1 ${RULE} `)));
  // No fix: loading a library that is not installed stops the server from starting.
  expect(run.fixes.filter((fix) => fix.ruleId === RULE)).toEqual([]);
}

const valid: Case[] = [
  { name: "loaded, ddl and write", files: { "postgresql.conf": `${LOADED}pgaudit.log = 'ddl, write'\n` }, lines: [] },
  { name: "all but read, any case", files: { "postgresql.conf": `${LOADED}pgaudit.log = 'ALL,-read'\n` }, lines: [] },
  { name: "loaded by path, 12", pgVersion: 12, files: { "postgresql.conf": "shared_preload_libraries = '$libdir/pgaudit'\npgaudit.log = 'role,ddl,write'\n" }, lines: [] },
  { name: "a class pgAudit refuses is left to the server", files: { "postgresql.conf": `${LOADED}pgaudit.log = 'ddl,writes'\n` }, lines: [] },
];

const invalid: Case[] = [
  { name: "nothing set", files: { "postgresql.conf": "port = 5432\n" }, lines: [`postgresql.conf:1:1 shared_preload_libraries is unset, so pgAudit is not loaded: ${INSTALL}`] },
  {
    name: "other libraries only, in an included file",
    files: { "postgresql.conf": "include 'libs.conf'\n", "libs.conf": "shared_preload_libraries = 'pg_stat_statements'\n" },
    lines: [`libs.conf:1:28 pgaudit is not in shared_preload_libraries ('pg_stat_statements'): ${INSTALL}`],
  },
  {
    name: "typographic quotes",
    files: { "postgresql.conf": "shared_preload_libraries = ‘pgaudit’\npgaudit.log = 'ddl,write'\n" },
    lines: [
      "postgresql.conf:1:28 pgAudit is not loaded: shared_preload_libraries = ‘pgaudit’ has typographic quotes, which PostgreSQL keeps as part of the library names (and then fails to start, finding no such library). Replace them with straight quotes and make sure pgaudit is in the list (takes effect after a restart).",
    ],
  },
  { name: "loaded, pgaudit.log unset", files: { "postgresql.conf": LOADED }, lines: [`postgresql.conf:1:1 pgaudit.log is unset (default none): ${NOTHING}`] },
  { name: "loaded, pgaudit.log none", files: { "postgresql.conf": `${LOADED}pgaudit.log = 'none'\n` }, lines: [`postgresql.conf:2:15 pgaudit.log = 'none': ${NOTHING}`] },
  { name: "all classes removed again", files: { "postgresql.conf": `${LOADED}pgaudit.log = 'ddl,-ddl'\n` }, lines: [`postgresql.conf:2:15 pgaudit.log = 'ddl,-ddl': ${NOTHING}`] },
  {
    name: "write missing",
    files: { "postgresql.conf": `${LOADED}pgaudit.log = 'ddl, role'\n` },
    lines: ["postgresql.conf:2:15 pgaudit.log = 'ddl, role' leaves out write: CIS asks for at least ddl and write, so that schema changes and data changes are audited. Add write to pgaudit.log."],
  },
  {
    name: "all minus ddl and write",
    files: { "postgresql.conf": `${LOADED}pgaudit.log = 'all,-ddl,-write'\n` },
    lines: [
      "postgresql.conf:2:15 pgaudit.log = 'all,-ddl,-write' leaves out ddl and write: CIS asks for at least ddl and write, so that schema changes and data changes are audited. Add ddl and write to pgaudit.log.",
    ],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
