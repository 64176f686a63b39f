// Seeded generator of tricky postgresql.conf files for the conformance suite: every line kind
// of guc-file.l's lexer and grammar, valid and invalid, judged by a real server.
import type { Prng } from "./prng";

// Real parameters whose context lets the view judge them without a restart (no postmaster
// parameters: for those the view says "setting could not be applied", which depends on the
// running server, not on the file).
const REAL_NAMES = [
  "work_mem", "WORK_MEM", "Work_Mem", "enable_seqscan", "random_page_cost", "statement_timeout",
  "log_line_prefix", "search_path", "log_min_messages", "synchronous_commit", "checkpoint_timeout",
  "log_rotation_age", "vacuum_cost_delay", "effective_cache_size", "temp_file_limit",
  "default_transaction_isolation", "backslash_quote", "bgwriter_delay", "maintenance_work_mem",
  "log_temp_files", "seq_page_cost", "jit", "constraint_exclusion", "client_min_messages",
];
const CUSTOM_NAMES = ["x.y", "my.setting", "a_b.c_d", "X.Y", "_u.v9", "ext.name_2", "café.option"];
const BAD_NAMES = ["a.b.c", "9abc", "-x", "x-y", "x..y", ".x", "foo", "work mem"];

const VALUES = [
  // integers, units, hex, octal, signs
  "4MB", "4 MB", "'4 MB'", "'4MB'", "64", "63", "0", "-1", "+5", "010", "0x1F", "0x1Fkb", "0x", "1e", "1e3", "'1e3'",
  "2147483647", "2147483648", "'1.5GB'", "1.5GB", "'1.5'", "1.5", "5.", ".5", ".", "-.5e-3", "1e-3", "'0.5s'",
  "10kB", "'10 kB'", "1gb", "'1 gb'", "1TB", "100ms", "'100 ms'", "1min", "1h", "1d", "30s", "2s", "0.001",
  // booleans and enums
  "on", "off", "true", "false", "yes", "no", "t", "f", "tr", "y", "n", "of", "o", "1", "ON", "'on'", "maybe",
  "debug1", "WARNING", "local", "remote_apply", "'remote_write'", "serializable", "'read committed'", "safe_encoding",
  "partition", "notice", "bogus",
  // strings, quoting, escapes
  "'abc'", "''", "'a''b'", "'a\\tb\\101\\q''z'", "'ab#c'", "abc#def", "'%m [%p] '", "'$user, public'", "'\"$user\", public'",
  "on-line:/x", "/var/lib", "*", "192.168.0.1", "1_000", "'a\\'", "'unterminated", "\"dq\"", "‘on’", "‘quoted.value’",
  "'\\x41'", "'\\0101'", "'\\303\\251'", "'é'", "word", "two words", "a.b", "y.z", "'it''s'", "\\f1", "'tab\there'",
];
const COMMENTS = ["", "", "", " # comment", "# tight", "\t# tab comment", " #", " # has 'quotes' and = signs"];
const EOLS = ["\n", "\n", "\n", "\r\n"];

function settingLine(rng: Prng): string {
  const name = rng.chance(0.5) ? rng.pick(REAL_NAMES) : rng.chance(0.85) ? rng.pick(CUSTOM_NAMES) : rng.pick(BAD_NAMES);
  const eq = rng.pick([" = ", "=", " ", "\t=\t", " =", "= ", "  "]);
  const value = rng.pick(VALUES);
  const lead = rng.pick(["", "", "", " ", "\t"]);
  const trail = rng.pick(["", "", " ", "\t"]);
  return lead + name + eq + value + trail + rng.pick(COMMENTS);
}

function oddLine(rng: Prng): string {
  return rng.pick([
    "", "", "# a comment", "   ", "\t# indented comment", "=1", "x.y", "x.y =", "x.y = 1 2", "include_if_exists = 'nothere.conf'",
    "include_if_exists nothere.conf", "INCLUDE_IF_EXISTS = 'missing/dir.conf'", "include = 'missing.conf'", "include ''",
    "include_dir = 'no_such_dir'", "x.y = 'a", "x.y = '#not a comment' # comment", "\f", "x.y = \v1", "x.y = 'multi\\",
    "my.list = 'a, b,,c'", "x.y\t\t'tab separated'", "#work_mem = 4MB", "x.y = 1 # trailing", "x.y == 1", "x.y = = 1",
  ]);
}

/** One generated postgresql.conf: 1–8 lines, sometimes without a final newline or with a BOM. */
export function generateConfFile(rng: Prng): string {
  const count = rng.int(1, 8);
  const eol = rng.pick(EOLS);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(rng.chance(0.7) ? settingLine(rng) : oddLine(rng));
  let text = lines.join(eol) + (rng.chance(0.85) ? eol : "");
  if (rng.chance(0.03)) text = "\uFEFF" + text;
  return text;
}
