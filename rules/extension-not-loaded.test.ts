import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "extension-not-loaded";

function run(files: Record<string, string>, pgVersion = 15) {
  const result = lintCluster(files, { extends: [], rules: { [RULE]: "warn" }, pgVersion });
  return { shown: result.lines.map((line) => line.replace(` ${RULE} `, " ")), fixed: result.fixed(), severities: result.results.flatMap((r) => r.messages.map((m) => m.severity)) };
}

const AUTH_DELAY =
  "auth_delay.milliseconds is set, but auth_delay is not in shared_preload_libraries: the module is never loaded (it hooks into client authentication, which only a library preloaded into the postmaster can do), so this setting does nothing. Add auth_delay to shared_preload_libraries (takes effect after a restart), or remove the line.";

describe(RULE, () => {
  test.each([
    { name: "preloaded", conf: "shared_preload_libraries = 'auth_delay,pg_stat_statements'\nauth_delay.milliseconds = 500\npg_stat_statements.max = 10000\n" },
    { name: "preloaded by path and file name", conf: "shared_preload_libraries = '$libdir/auth_delay.so, \"pg_stat_statements\"'\nauth_delay.milliseconds = 500\npg_stat_statements.track = all\n" },
    { name: "auto_explain from session_preload_libraries", conf: "session_preload_libraries = 'auto_explain'\nauto_explain.log_min_duration = '5s'\n" },
    { name: "auto_explain from local_preload_libraries", conf: "local_preload_libraries = 'auto_explain'\nauto_explain.log_analyze = on\n" },
    { name: "modules loaded on demand (plpgsql, pg_trgm)", conf: "plpgsql.extra_warnings = 'all'\npg_trgm.similarity_threshold = 0.5\n" },
    { name: "basic_archive named by archive_library", conf: "archive_mode = on\narchive_library = 'basic_archive'\nbasic_archive.archive_directory = '/archive'\n" },
    { name: "dotted names of modules outside the catalog", conf: "timescaledb.max_background_workers = 8\n" },
    { name: "typographic quotes around the library: typographic-quotes reports that", conf: "shared_preload_libraries = ‘auth_delay’\nauth_delay.milliseconds = 500\n" },
    { name: "a list that does not split is not judged", conf: "shared_preload_libraries = '\"auth_delay'\nauth_delay.milliseconds = 500\n" },
  ])("valid: $name", ({ conf }) => {
    expect(run({ "postgresql.conf": conf }).shown).toEqual([]);
  });

  test("auth_delay.milliseconds without auth_delay preloaded", () => {
    const conf = "shared_preload_libraries = 'pg_stat_statements'\nauth_delay.milliseconds = 500\n";
    const result = run({ "postgresql.conf": conf });
    expect(result.shown).toEqual([`postgresql.conf:2:1 ${AUTH_DELAY}`]);
    expect(result.severities).toEqual([1]);
    expect(result.fixed).toEqual({ "postgresql.conf": conf });
  });

  test("auth_delay in session_preload_libraries does not count: it must be in the postmaster", () => {
    expect(run({ "postgresql.conf": "session_preload_libraries = 'auth_delay'\nauth_delay.milliseconds = 500\n" }).shown).toEqual([`postgresql.conf:2:1 ${AUTH_DELAY}`]);
  });

  test("the effective value of the list counts: a later line or file that drops the module", () => {
    const files = { "postgresql.conf": "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.max = 10000\n", "postgresql.auto.conf": "shared_preload_libraries = 'auto_explain'\n" };
    expect(run(files).shown).toEqual([
      "postgresql.conf:2:1 pg_stat_statements.max is set, but pg_stat_statements is not in shared_preload_libraries: the module is never loaded (it needs shared memory, which only a library preloaded at server start can get), so this setting does nothing. Add pg_stat_statements to shared_preload_libraries (takes effect after a restart), or remove the line.",
    ]);
  });

  test("auto_explain in none of the three lists", () => {
    expect(run({ "postgresql.conf": "auto_explain.log_min_duration = 250ms\n" }).shown).toEqual([
      "postgresql.conf:1:1 auto_explain.log_min_duration is set, but auto_explain is not in shared_preload_libraries, session_preload_libraries or local_preload_libraries: the module is never loaded (it logs plans only in sessions that loaded it), so this setting does nothing. Add auto_explain to shared_preload_libraries (takes effect after a restart), or remove the line.",
    ]);
  });

  test("basic_archive without archive_library", () => {
    expect(run({ "postgresql.conf": "basic_archive.archive_directory = '/archive'\n" }).shown).toEqual([
      "postgresql.conf:1:1 basic_archive.archive_directory is set, but archive_library is not basic_archive: the archiver loads it only when archive_library names it, so this setting does nothing. Set archive_library = 'basic_archive', or remove the line.",
    ]);
  });

  test("passwordcheck's parameter exists only on 18", () => {
    const conf = { "postgresql.conf": "passwordcheck.min_password_length = 12\n" };
    expect(run(conf, 18).shown).toEqual([
      "postgresql.conf:1:1 passwordcheck.min_password_length is set, but passwordcheck is not in shared_preload_libraries: the module is never loaded (it checks passwords through a hook that only a library preloaded at server start installs), so this setting does nothing. Add passwordcheck to shared_preload_libraries (takes effect after a restart), or remove the line.",
    ]);
    expect(run(conf, 17).shown).toEqual([]);
  });
});
