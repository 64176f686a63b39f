import * as fs from "node:fs";
import * as path from "node:path";
import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";
import { evaluateCipherString, STRONG_CIPHERS } from "./ssl-ciphers";

const RULE = "ssl-ciphers";
const SAMPLE_18 = path.join(__dirname, "..", "oracle", "node_modules", "pg18", "native", "share", "postgresql", "postgresql.conf.sample");
const RISK = "A connection that negotiates such a suite can be decrypted or intercepted by an attacker on the network.";
const SET = `Set ssl_ciphers = '${STRONG_CIPHERS}'.`;
const ANON = "does not exclude the anonymous suites (no !aNULL), which authenticate no server";

const { lint, check } = fixRuleCases(RULE, "error");

// The cipher string evaluator: [string, weak classes with the elements enabling them, anonymous].
const strings: [string, string, boolean][] = [
  ["HIGH:MEDIUM:+3DES:!aNULL", "MEDIUM<MEDIUM", false],
  [STRONG_CIPHERS, "", false],
  ["HIGH", "", true],
  ["HIGH:!aNULL", "", false],
  ["HIGH:MEDIUM:!MEDIUM:!aNULL", "", false],
  // `!` removes for good: a later MEDIUM adds nothing.
  ["!MEDIUM:HIGH:MEDIUM:!aNULL", "", false],
  // `-` removes until something adds it again.
  ["-MEDIUM:HIGH:MEDIUM:!aNULL", "MEDIUM<MEDIUM", false],
  // `+` only moves what is enabled.
  ["HIGH:!aNULL:+MEDIUM:+3DES", "", false],
  ["ALL:!aNULL:!eNULL", "MEDIUM<ALL LOW<ALL EXPORT<ALL DES<ALL 3DES<ALL RC4<ALL MD5<ALL", false],
  // !ADH leaves the anonymous ECDH suites; !LOW takes single DES with it.
  ["ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH", "MEDIUM<ALL 3DES<ALL RC4<ALL", true],
  ["ALL:!aNULL:!eNULL:!LOW:!EXP:!MEDIUM:!MD5:!RC4:!3DES", "", false],
  ["ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384", "", false],
  ["ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:RC4-MD5", "3DES<DES-CBC3-SHA RC4<RC4-MD5 MD5<RC4-MD5", false],
  ["EXP-RC4-MD5:ADH-AES256-SHA", "EXPORT<EXP-RC4-MD5 RC4<EXP-RC4-MD5 MD5<EXP-RC4-MD5", true],
  ["TLS_RSA_WITH_RC4_128_MD5:HIGH:!aNULL", "RC4<TLS_RSA_WITH_RC4_128_MD5 MD5<TLS_RSA_WITH_RC4_128_MD5", false],
  ["HIGH:NULL-SHA:!aNULL", "eNULL<NULL-SHA", false],
  // A+B: the suites in both.
  ["EECDH+AESGCM:EDH+AESGCM", "", false],
  ["kEECDH+AESGCM", "", true],
  ["RSA+3DES:!aNULL", "3DES<RSA+3DES", false],
  ["ECDHE:!aNULL", "MEDIUM<ECDHE LOW<ECDHE EXPORT<ECDHE DES<ECDHE 3DES<ECDHE RC4<ECDHE MD5<ECDHE eNULL<ECDHE", false],
  // Every separator OpenSSL takes.
  ["HIGH,MEDIUM;LOW !aNULL", "MEDIUM<MEDIUM LOW<LOW", false],
  ["DEFAULT", "", false],
  ["", "", false],
  // Alias names are case-sensitive: OpenSSL matches nothing for these (and then fails to start TLS).
  ["high:medium", "", false],
];

const valid: Case[] = [
  { name: "the fix's own value", files: { "postgresql.conf": `ssl_ciphers = '${STRONG_CIPHERS}'\n` }, lines: [] },
  { name: "explicit forward-secret AEAD suites", files: { "postgresql.conf": "ssl_ciphers = 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305'\n" }, lines: [] },
  { name: "a strong value in postgresql.auto.conf wins", files: { "postgresql.conf": "ssl_ciphers = 'ALL'\n", "postgresql.auto.conf": "ssl_ciphers = 'HIGH:!aNULL'\n" }, lines: [] },
  { name: "a pg_hba.conf alone: nothing to judge", files: { "pg_hba.conf": "local all all peer\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "unset: the default enables MEDIUM",
    files: { "postgresql.conf": "ssl = on\n" },
    lines: [`postgresql.conf:1:1 ssl_ciphers is unset and its default 'HIGH:MEDIUM:+3DES:!aNULL' enables weak ciphers: MEDIUM. ${RISK} ${SET}`],
    fixed: { "postgresql.conf": `ssl = on\nssl_ciphers = '${STRONG_CIPHERS}'\n` },
  },
  {
    name: "unset on PostgreSQL 12 too",
    pgVersion: 12,
    files: { "postgresql.conf": "" },
    lines: [`postgresql.conf:1:1 ssl_ciphers is unset and its default 'HIGH:MEDIUM:+3DES:!aNULL' enables weak ciphers: MEDIUM. ${RISK} ${SET}`],
    fixed: { "postgresql.conf": `ssl_ciphers = '${STRONG_CIPHERS}'\n` },
  },
  {
    name: "ALL without !aNULL: every weak class and the anonymous suites named; the comment keeps its column",
    files: { "postgresql.conf": `${"ssl_ciphers = 'ALL:!eNULL'".padEnd(60)}# legacy clients\n` },
    lines: [
      `postgresql.conf:1:15 ssl_ciphers 'ALL:!eNULL' enables weak ciphers: ALL (MEDIUM, LOW, EXPORT, DES, 3DES, RC4, MD5), and ${ANON}. ${RISK} ${SET}`,
    ],
    fixed: { "postgresql.conf": `${`ssl_ciphers = '${STRONG_CIPHERS}'`.padEnd(60)}# legacy clients\n` },
  },
  {
    name: "only the anonymous suites",
    files: { "postgresql.conf": "ssl_ciphers = HIGH\n" },
    lines: [`postgresql.conf:1:15 ssl_ciphers 'HIGH' ${ANON}. ${RISK} ${SET}`],
    fixed: { "postgresql.conf": `ssl_ciphers = '${STRONG_CIPHERS}'\n` },
  },
  {
    name: "weak suites named one by one, set in an included file",
    files: { "postgresql.conf": "include_dir 'conf.d'\n", "conf.d/10-tls.conf": "ssl_ciphers = 'ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:RC4-SHA'\n" },
    lines: [`conf.d/10-tls.conf:1:15 ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:RC4-SHA' enables weak ciphers: DES-CBC3-SHA (3DES), RC4-SHA (RC4). ${RISK} ${SET}`],
    fixed: { "conf.d/10-tls.conf": `ssl_ciphers = '${STRONG_CIPHERS}'\n` },
  },
  {
    name: "in postgresql.auto.conf: reported, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "ssl_ciphers = 'HIGH:MEDIUM:!aNULL'\n" },
    lines: [`postgresql.auto.conf:1:15 ssl_ciphers 'HIGH:MEDIUM:!aNULL' enables weak ciphers: MEDIUM. ${RISK} Change it with ALTER SYSTEM SET ssl_ciphers = '${STRONG_CIPHERS}' (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(strings)("cipher string %j", (value, weak, anonymous) => {
    const verdict = evaluateCipherString(value);
    expect(verdict.weak.flatMap(({ tag, elements }) => elements.map((element) => `${tag}<${element}`)).join(" ")).toBe(weak);
    expect(verdict.anonymous).toBe(anonymous);
  });
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));

  const stock = fs.existsSync(SAMPLE_18) ? test : test.skip;
  stock("the stock PostgreSQL 18 sample: the strong value goes right after the commented-out default", () => {
    const sample = fs.readFileSync(SAMPLE_18, "utf8");
    const stockLine = "#ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL'\t# allowed TLSv1.2 ciphers\n";
    expect(sample).toContain(stockLine);
    const fixed = lint({ "postgresql.conf": sample }).fixed()["postgresql.conf"];
    expect(fixed).toBe(sample.replace(stockLine, `${stockLine}ssl_ciphers = '${STRONG_CIPHERS}'\n`));
  });
});
