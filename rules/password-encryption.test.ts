import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "password-encryption";
const SAMPLE_12 = path.join(__dirname, "..", "oracle", "node_modules", "pg12", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "new passwords are stored as MD5 hashes, and whoever reads one (from a backup, a dump or pg_authid) can log in with it as that role; MD5 is also weak against brute force.";
const AGAIN = "then set the passwords again (ALTER ROLE ... PASSWORD) to replace the MD5 hashes already stored.";

const { lint, check } = fixRuleCases(RULE, "error");

const valid: Case[] = [
  { name: "unset on 14: the default is scram-sha-256", pgVersion: 14, files: { "postgresql.conf": "" }, lines: [] },
  { name: "unset on 18", files: { "postgresql.conf": "port = 5432\n" }, lines: [] },
  { name: "scram-sha-256 on 12", pgVersion: 12, files: { "postgresql.conf": "password_encryption = scram-sha-256\n" }, lines: [] },
  { name: "any case, quoted", files: { "postgresql.conf": "password_encryption = 'SCRAM-SHA-256'\n" }, lines: [] },
  // `on` was an alias of md5 until 13; from 14 on it is an invalid value (the value checker's).
  { name: "on is invalid on 14: left to the value checker", pgVersion: 14, files: { "postgresql.conf": "password_encryption = on\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "md5 on 16",
    pgVersion: 16,
    files: { "postgresql.conf": "password_encryption = md5\t\t# legacy\n" },
    lines: [`postgresql.conf:1:23 password_encryption = md5: ${WHY} Set password_encryption = scram-sha-256, ${AGAIN}`],
    // The comment was aligned with tabs: it stays at display column 41 with one tab.
    fixed: { "postgresql.conf": "password_encryption = scram-sha-256\t# legacy\n" },
  },
  {
    name: "md5 on 18: deprecated",
    files: { "postgresql.conf": "password_encryption = 'md5'\n" },
    lines: [
      `postgresql.conf:1:23 password_encryption = 'md5': ${WHY} PostgreSQL 18 deprecates MD5 passwords: a future release will refuse them. Set password_encryption = 'scram-sha-256', ${AGAIN}`,
    ],
    fixed: { "postgresql.conf": "password_encryption = 'scram-sha-256'\n" },
  },
  {
    name: "on, 12's hidden spelling of md5",
    pgVersion: 12,
    files: { "postgresql.conf": "password_encryption = on\n" },
    lines: [`postgresql.conf:1:23 password_encryption = on (PostgreSQL 12 reads it as md5): ${WHY} Set password_encryption = scram-sha-256, ${AGAIN}`],
    fixed: { "postgresql.conf": "password_encryption = scram-sha-256\n" },
  },
  {
    name: "unset on 13: the default is md5",
    pgVersion: 13,
    files: { "postgresql.conf": "listen_addresses = 'localhost'\n" },
    lines: [`postgresql.conf:1:1 password_encryption is unset and its PostgreSQL 13 default is md5: ${WHY} Set password_encryption = scram-sha-256, ${AGAIN}`],
    fixed: { "postgresql.conf": "listen_addresses = 'localhost'\npassword_encryption = scram-sha-256\n" },
  },
  {
    name: "md5 in an included file after scram in the main file: the included line is fixed",
    files: { "postgresql.conf": "password_encryption = scram-sha-256\ninclude_if_exists 'local.conf'\n", "local.conf": "PASSWORD_ENCRYPTION = MD5\n" },
    lines: [`local.conf:1:23 password_encryption = MD5: ${WHY} PostgreSQL 18 deprecates MD5 passwords: a future release will refuse them. Set password_encryption = scram-sha-256, ${AGAIN}`],
    fixed: { "local.conf": "PASSWORD_ENCRYPTION = scram-sha-256\n" },
  },
  {
    name: "in postgresql.auto.conf: reported, never edited",
    pgVersion: 15,
    files: { "postgresql.conf": "", "postgresql.auto.conf": "password_encryption = 'md5'\n" },
    lines: [`postgresql.auto.conf:1:23 password_encryption = 'md5': ${WHY} Change it with ALTER SYSTEM SET password_encryption = 'scram-sha-256' (postgresql.auto.conf sets it), ${AGAIN}`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_12) ? test : test.skip;
  stock("the stock PostgreSQL 12 sample: added right after its #password_encryption = md5 line", () => {
    const sample = fs.readFileSync(SAMPLE_12, "utf8");
    const stockLine = "#password_encryption = md5\t\t# md5 or scram-sha-256\n";
    expect(sample).toContain(stockLine);
    const fixed = lint({ "postgresql.conf": sample }, 12).fixed()["postgresql.conf"];
    expect(fixed).toBe(sample.replace(stockLine, `${stockLine}password_encryption = scram-sha-256\n`));
  });
});
