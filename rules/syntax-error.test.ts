import { lintCluster } from "../test/helpers/lint-cluster";

function run(conf: string, pgVersion = 15) {
  const result = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: {}, pgVersion });
  return { ...result, shown: result.lines.map((line) => line.split(`${result.dir}/`).join("")) };
}

const FIXED = "PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.";

describe("syntax-error", () => {
  test("valid lines: nothing", () => {
    expect(run("work_mem 4MB\nssl_ciphers = 'HIGH'\n").lines).toEqual([]);
  });

  test.each([
    { name: "plain syntax error", conf: "bad line here\n", lines: [`postgresql.conf:1:10 syntax-error syntax error in file "postgresql.conf" line 1, near token "here": ${FIXED}`] },
    {
      name: "a name written with a space: did you mean",
      conf: "ssl ciphers = 'HIGH:!aNULL'\n",
      lines: [`postgresql.conf:1:13 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": ${FIXED} Did you mean "ssl_ciphers"?`],
    },
    {
      name: "three words",
      conf: "  log line prefix = '%m '  # c\n",
      lines: [`postgresql.conf:1:12 syntax-error syntax error in file "postgresql.conf" line 1, near token "prefix": ${FIXED} Did you mean "log_line_prefix"?`],
    },
    {
      name: "words that join to no parameter",
      conf: "listen address = '*'\n",
      lines: [`postgresql.conf:1:16 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": ${FIXED}`],
    },
    {
      name: "a parameter of a later version is not suggested",
      conf: "ssl groups = 'X25519'\n",
      lines: [`postgresql.conf:1:12 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": ${FIXED}`],
    },
  ])("$name", ({ conf, lines }) => {
    expect(run(conf).shown).toEqual(lines);
  });

  test("when every word before the = joins into the name, the did-you-mean comes with a fix that rewrites the name", () => {
    const result = run("ssl ciphers = 'HIGH:!aNULL' # strong\n");
    const message = result.results[0]!.messages[0]!;
    expect(message.fix).toEqual({ range: [0, 11], text: "ssl_ciphers" });
    expect(message.suggestions).toBeUndefined();
    expect(result.fixed()["postgresql.conf"]).toBe("ssl_ciphers = 'HIGH:!aNULL' # strong\n");
    expect(run(result.fixed()["postgresql.conf"]!).lines).toEqual([]);
  });

  test.each([
    { name: "three words, indented, a comment after", conf: "  log line prefix = '%m '  # c\n", fixed: "  log_line_prefix = '%m '  # c\n" },
    { name: "the hardening guide's line: typographic quotes are left to their rule", conf: "ssl ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019\r\n", fixed: "ssl_ciphers = \u2018HIGH:MEDIUM:+3DES:!aNULL\u2019\r\n" },
  ])("fix: $name", ({ conf, fixed }) => {
    expect(run(conf).fixed()["postgresql.conf"]).toBe(fixed);
  });

  test("prose whose first words name a parameter, with no = after them: a suggestion only, never a fix", () => {
    const conf = "log statement sample rate = 0.5\nshared buffers should be 25% of RAM\n";
    const result = run(conf);
    expect(result.shown).toEqual([
      `postgresql.conf:1:15 syntax-error syntax error in file "postgresql.conf" line 1, near token "sample": ${FIXED} Did you mean "log_statement"?`,
      `postgresql.conf:2:16 syntax-error syntax error in file "postgresql.conf" line 2, near token "should": ${FIXED} Did you mean "shared_buffers"?`,
    ]);
    for (const message of result.results[0]!.messages) {
      expect(message.fix).toBeUndefined();
      expect(message.suggestions).toHaveLength(1);
    }
    expect(result.fixed()["postgresql.conf"]).toBe(conf);
  });

  test("ssl groups is a parameter on 18", () => {
    expect(run("ssl groups = 'X25519'\n", 18).shown).toEqual([`postgresql.conf:1:12 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": ${FIXED} Did you mean "ssl_groups"?`]);
  });
});

test("a name written with spaces is fixed only when the value is valid for it (fuzz regression: work mem=010)", () => {
  const run = lintCluster({ "postgresql.conf": "work mem=010\n" }, { extends: [], rules: {} });
  expect(run.fixes).toEqual([]);
  expect(run.results[0]!.messages[0]!.suggestions?.[0]?.fix.text).toBe("work_mem");
  const valid = lintCluster({ "postgresql.conf": "work mem = '4MB'\n" }, { extends: [], rules: {} });
  expect(valid.fixed()["postgresql.conf"]).toBe("work_mem = '4MB'\n");
});
