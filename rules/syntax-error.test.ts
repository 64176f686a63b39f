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

  test("the did-you-mean comes with a suggestion that rewrites the name, never with a fix", () => {
    const result = run("ssl ciphers = 'HIGH:!aNULL' # strong\n");
    const message = result.results[0]!.messages[0]!;
    expect(message.fix).toBeUndefined();
    expect(message.suggestions).toEqual([{ desc: 'Write the name as "ssl_ciphers".', fix: { range: [0, 11], text: "ssl_ciphers" } }]);
    expect(result.fixed()["postgresql.conf"]).toBe("ssl ciphers = 'HIGH:!aNULL' # strong\n");
  });

  test("ssl groups is a parameter on 18", () => {
    expect(run("ssl groups = 'X25519'\n", 18).shown).toEqual([`postgresql.conf:1:12 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": ${FIXED} Did you mean "ssl_groups"?`]);
  });
});
