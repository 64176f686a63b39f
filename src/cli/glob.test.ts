import { matchesGlob } from "./glob";

test.each([
  ["postgresql.conf", "*.conf", true],
  ["a/b/postgresql.conf", "*.conf", true],
  ["a/b/postgresql.conf", "a/*.conf", false],
  ["a/b/postgresql.conf", "a/**/*.conf", true],
  ["a/postgresql.conf", "a/**/*.conf", true],
  ["replica/pg_hba.conf", "replica/**", true],
  ["replica/x/pg_hba.conf", "replica", true],
  ["legacy/old.conf", "{legacy,old}/*.conf", true],
  ["pg_hba.conf", "pg_[hi]*.conf", true],
  ["pg_xba.conf", "pg_[!hi]*.conf", true],
  ["pg_hba.conf", "pg_hba?conf", true],
  ["pg_hba.conf", "pg_hba.con", false],
  ["a.b", "a?b", true],
  ["a+b.conf", "a+b.conf", true],
])("%s matches %s: %s", (file, pattern, expected) => {
  expect(matchesGlob(file, pattern)).toBe(expected);
});
