import { lintCluster } from "../test/helpers/lint-cluster";

const RULE = "duplicate-setting";

function run(files: Record<string, string>) {
  const result = lintCluster(files, { extends: [], rules: { [RULE]: "warn" }, pgVersion: 15 });
  return {
    shown: result.lines.map((line) => line.replace(` ${RULE} `, " ")),
    suggestions: result.results.flatMap((r) => r.messages.map((m) => (m.suggestions ?? []).map((s) => `${s.desc} ${JSON.stringify(s.fix)}`))),
    fixed: result.fixed(),
    severities: result.results.flatMap((r) => r.messages.map((m) => m.severity)),
  };
}

describe(RULE, () => {
  test.each([
    { name: "each parameter once", conf: "work_mem = 4MB\nshared_buffers = 1GB\n" },
    { name: "the same name in two files is overridden-setting's", conf: "work_mem = 4MB\ninclude 'b.conf'\n", extra: { "b.conf": "work_mem = 8MB\n" } },
    { name: "commented-out lines do not count", conf: "#work_mem = 4MB\nwork_mem = 8MB\n" },
  ])("valid: $name", ({ conf, extra }) => {
    expect(run({ "postgresql.conf": conf, ...(extra ?? {}) }).shown).toEqual([]);
  });

  test("puppetlabs-postgresql#1532: two shared_buffers lines; the earlier one is reported, naming the later", () => {
    const conf = "shared_buffers = 128MB   # stock\nwork_mem = 4MB\nshared_buffers = 2GB     # tuned\n";
    const result = run({ "postgresql.conf": conf });
    expect(result.shown).toEqual(["postgresql.conf:1:1 shared_buffers is set again on line 3 (2GB), which overrides this line (128MB): this line has no effect. Keep one of the two lines."]);
    expect(result.severities).toEqual([1]);
    expect(result.suggestions).toEqual([['Remove this line (shared_buffers = 128MB). {"range":[0,33],"text":""}']]);
    // A suggestion, not a fix.
    expect(result.fixed).toEqual({ "postgresql.conf": conf });
  });

  test("three lines, any case: each earlier line names the line that wins; the same value is redundant", () => {
    const conf = "work_mem = 1MB\nWORK_MEM = 2MB\r\nwork_mem = '2MB'\r\n";
    expect(run({ "postgresql.conf": conf }).shown).toEqual([
      "postgresql.conf:1:1 work_mem is set again on line 3 ('2MB'), which overrides this line (1MB): this line has no effect. Keep one of the two lines.",
      "postgresql.conf:2:1 WORK_MEM is set again on line 3 with the same value ('2MB'): this line is redundant. Remove it.",
    ]);
  });

  test("in an included file, reported there", () => {
    const result = run({ "postgresql.conf": "include 'tune.conf'\n", "tune.conf": "max_connections = 100\nmax_connections = 200\n" });
    expect(result.shown).toEqual(["tune.conf:1:1 max_connections is set again on line 2 (200), which overrides this line (100): this line has no effect. Keep one of the two lines."]);
  });

  test("dotted and unknown names too", () => {
    expect(run({ "postgresql.conf": "myapp.x = 1\nmyapp.x = 2\n" }).shown).toEqual([
      "postgresql.conf:1:1 myapp.x is set again on line 2 (2), which overrides this line (1): this line has no effect. Keep one of the two lines.",
    ]);
  });
});
