import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "ssl-min-protocol-version";
const SAMPLE_12 = path.join(__dirname, "..", "oracle", "node_modules", "pg12", "native", "share", "postgresql", "postgresql.conf.sample");
const WHY = "deprecated by RFC 8996 for their weak handshake and ciphers (BEAST, SHA-1 and MD5 signatures).";

const { lint, check } = fixRuleCases(RULE, "error");

const valid: Case[] = [
  { name: "unset on 13+: the default is TLSv1.2", pgVersion: 13, files: { "postgresql.conf": "ssl = on\n" }, lines: [] },
  { name: "unset on 18", files: { "postgresql.conf": "" }, lines: [] },
  { name: "TLSv1.2 on 12", pgVersion: 12, files: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1.2'\n" }, lines: [] },
  { name: "TLSv1.3, any case", files: { "postgresql.conf": "ssl_min_protocol_version = 'tlsv1.3'\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "ssl_min_protocol_version = ''\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "TLSv1 on 18: fixed in place, the comment keeps its column",
    files: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1'    # old JDBC drivers\n" },
    lines: [`postgresql.conf:1:28 ssl_min_protocol_version = 'TLSv1' lets clients connect with TLS 1.0 and TLS 1.1, ${WHY} Set ssl_min_protocol_version = 'TLSv1.2'.`],
    fixed: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1.2'  # old JDBC drivers\n" },
  },
  {
    name: "TLSv1.1 unquoted, any case",
    files: { "postgresql.conf": "ssl_min_protocol_version = tlsv1.1\n" },
    lines: [`postgresql.conf:1:28 ssl_min_protocol_version = tlsv1.1 lets clients connect with TLS 1.1, ${WHY} Set ssl_min_protocol_version = 'TLSv1.2'.`],
    fixed: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1.2'\n" },
  },
  {
    name: "unset on 12: its default is TLSv1",
    pgVersion: 12,
    files: { "postgresql.conf": "ssl = on\n" },
    lines: [`postgresql.conf:1:1 ssl_min_protocol_version is unset and its PostgreSQL 12 default TLSv1 lets clients connect with TLS 1.0 and TLS 1.1, ${WHY} Set ssl_min_protocol_version = 'TLSv1.2'.`],
    fixed: { "postgresql.conf": "ssl = on\nssl_min_protocol_version = 'TLSv1.2'\n" },
  },
  {
    name: "a maximum below TLSv1.2: no fix (it would leave no protocol), the message says to raise it",
    files: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1'\nssl_max_protocol_version = 'TLSv1.1'\n" },
    lines: [
      `postgresql.conf:1:28 ssl_min_protocol_version = 'TLSv1' lets clients connect with TLS 1.0 and TLS 1.1, ${WHY} Set ssl_min_protocol_version = 'TLSv1.2', and raise ssl_max_protocol_version (TLSv1.1) to at least TLSv1.2.`,
    ],
  },
  {
    name: "in postgresql.auto.conf: reported, never edited",
    files: { "postgresql.conf": "ssl_min_protocol_version = 'TLSv1.3'\n", "postgresql.auto.conf": "ssl_min_protocol_version = 'TLSv1.1'\n" },
    lines: [
      `postgresql.auto.conf:1:28 ssl_min_protocol_version = 'TLSv1.1' lets clients connect with TLS 1.1, ${WHY} Change it with ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2' (postgresql.auto.conf sets it).`,
    ],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_12) ? test : test.skip;
  stock("the stock PostgreSQL 12 sample: added right after its #ssl_min_protocol_version = 'TLSv1'", () => {
    const sample = fs.readFileSync(SAMPLE_12, "utf8");
    const fixed = lint({ "postgresql.conf": sample }, 12).fixed()["postgresql.conf"];
    expect(fixed).toBe(sample.replace("#ssl_min_protocol_version = 'TLSv1'\n", "#ssl_min_protocol_version = 'TLSv1'\nssl_min_protocol_version = 'TLSv1.2'\n"));
  });
});
