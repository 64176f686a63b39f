import { fixRuleCases } from "../test/helpers/rule-cases";
import type { FixCase as Case } from "../test/helpers/rule-cases";

const RULE = "data-durability";
const FSYNC = "PostgreSQL does not force its writes to disk, so an operating-system crash or a power loss can leave the whole cluster corrupt beyond repair, not just lose the last transactions.";
const FPW = "a page half-written when the server or the machine crashes cannot be repaired from the WAL, so a crash can corrupt data silently.";
const ZFS = "(only storage that writes whole pages atomically, such as ZFS, is safe without it).";

const { check } = fixRuleCases(RULE, "error");

const valid: Case[] = [
  { name: "unset: both default to on", files: { "postgresql.conf": "" }, lines: [] },
  { name: "on, spelled various ways", files: { "postgresql.conf": "fsync = true\nfull_page_writes = 'yes'\n" }, lines: [] },
  { name: "off overridden by a later on", files: { "postgresql.conf": "fsync = off\ninclude 'z.conf'\n", "z.conf": "fsync = on\n" }, lines: [] },
  { name: "an invalid value is left to the value checker", files: { "postgresql.conf": "fsync = never\n" }, lines: [] },
  { name: "synchronous_commit = off is a trade-off, not judged here", files: { "postgresql.conf": "synchronous_commit = off\n" }, lines: [] },
];

const invalid: Case[] = [
  {
    name: "both off (a bulk-load recipe left behind): each fixed, comments kept",
    files: { "postgresql.conf": "fsync = off\t\t\t# flush data to disk for crash safety\nfull_page_writes = off\t\t# recover from partial page writes\n" },
    lines: [`postgresql.conf:1:9 fsync = off: ${FSYNC} Set fsync = on.`, `postgresql.conf:2:20 full_page_writes = off: ${FPW} Set full_page_writes = on ${ZFS}`],
    fixed: { "postgresql.conf": "fsync = on\t\t\t# flush data to disk for crash safety\nfull_page_writes = on\t\t# recover from partial page writes\n" },
  },
  {
    name: "quoted 0 on 12",
    pgVersion: 12,
    files: { "postgresql.conf": "fsync = '0'\n" },
    lines: [`postgresql.conf:1:9 fsync = '0': ${FSYNC} Set fsync = 'on'.`],
    fixed: { "postgresql.conf": "fsync = 'on'\n" },
  },
  {
    name: "in an included file: fixed there",
    files: { "postgresql.conf": "include 'tuning.conf'\n", "tuning.conf": "full_page_writes = false\n" },
    lines: [`tuning.conf:1:20 full_page_writes = false: ${FPW} Set full_page_writes = on ${ZFS}`],
    fixed: { "tuning.conf": "full_page_writes = on\n" },
  },
  {
    name: "in postgresql.auto.conf: reported with ALTER SYSTEM, never edited",
    files: { "postgresql.conf": "", "postgresql.auto.conf": "fsync = 'off'\n" },
    lines: [`postgresql.auto.conf:1:9 fsync = 'off': ${FSYNC} Change it with ALTER SYSTEM SET fsync = 'on' (postgresql.auto.conf sets it).`],
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", (c) => check(c));
  test.each(invalid)("invalid: $name", (c) => check(c));
});
