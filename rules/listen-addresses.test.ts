import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "listen-addresses";
const WHY = "it can be reached from every network the host is attached to, with only pg_hba.conf in the way. List only the addresses clients connect to (takes effect after a restart).";

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
  // No fix: the addresses to listen on are the administrator's choice.
  expect(run.fixes).toEqual([]);
}

const valid: Case[] = [
  { name: "unset: localhost", files: { "postgresql.conf": "" }, lines: [] },
  { name: "specific addresses", files: { "postgresql.conf": "listen_addresses = 'localhost, 10.0.4.12, fd00::12'\n" }, lines: [] },
  { name: "a wildcard overridden by a later line", files: { "postgresql.conf": "listen_addresses = '*'\ninclude 'net.conf'\n", "net.conf": "listen_addresses = '192.168.1.5'\n" }, lines: [] },
];

const invalid: Case[] = [
  { name: "'*'", files: { "postgresql.conf": "listen_addresses = '*'\t\t# what IP address(es) to listen on;\n" }, lines: [`postgresql.conf:1:20 listen_addresses = '*' makes the server listen on every network interface (*): ${WHY}`] },
  {
    name: "the IPv4 and IPv6 wildcards in a list, on 12",
    pgVersion: 12,
    files: { "postgresql.conf": "listen_addresses = 'localhost,0.0.0.0, ::'\n" },
    lines: [`postgresql.conf:1:20 listen_addresses = 'localhost,0.0.0.0, ::' makes the server listen on every network interface (0.0.0.0, ::): ${WHY}`],
  },
  // SplitGUCList takes the double quotes off before the server compares with "*".
  { name: "a double-quoted \"*\" is still the wildcard", files: { "postgresql.conf": "listen_addresses = '\"*\"'\n" }, lines: [`postgresql.conf:1:20 listen_addresses = '"*"' makes the server listen on every network interface (*): ${WHY}`] },
  { name: "set in postgresql.auto.conf", files: { "postgresql.conf": "", "postgresql.auto.conf": "listen_addresses = '*'\n" }, lines: [`postgresql.auto.conf:1:20 listen_addresses = '*' makes the server listen on every network interface (*): ${WHY}`] },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
