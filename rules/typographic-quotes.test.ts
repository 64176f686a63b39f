import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lintCluster } from "../test/helpers/lint-cluster";
import { resolveRules } from "../src/engine/config";
import { lint } from "../src/engine/linter";
import { RuleRegistry } from "../src/engine/registry";
import { parseConf } from "../src/model/conf";
import { builtinPlugin } from ".";

const RULE = "typographic-quotes";

function run(conf: string, pgVersion = 15) {
  const result = lintCluster({ "postgresql.conf": conf }, { extends: [], rules: { [RULE]: "error" }, pgVersion });
  return { ...result, shown: result.lines.map((line) => line.split(`${result.dir}/`).join("").replace(/^postgresql\.conf:/, "")) };
}

const MEANT = "are typographic quotes, not quote characters";

const valid: { name: string; conf: string }[] = [
  { name: "ASCII quotes", conf: "ssl_cert_file = 'server.crt'\nx.y = 'on'\n" },
  { name: "typographic quotes inside an ASCII-quoted value are deliberate", conf: "log_line_prefix = '“%m” [%p] '\napplication_name = '‘app’'\n" },
  { name: "an apostrophe inside a word", conf: "cluster_name = O’Brien\n" },
  { name: "an apostrophe inside a word of a line that is invalid for another reason", conf: "cluster_name = O’Brien 2\n" },
  { name: "typographic quotes in a comment", conf: "work_mem = 4MB # the ‘default’ was too small\n# “quoted” comment line\n" },
];

interface Invalid {
  name: string;
  conf: string;
  lines: string[];
  /** The fixed file; null: no fix. */
  fixed: string | null;
  /** The name and the value PostgreSQL reads from the fixed file. */
  reads?: [string, string][];
  /** The file after one pass of every rule's fixes, when another rule's fix goes first. */
  firstPass?: string;
}

const invalid: Invalid[] = [
  {
    name: "‘on’ on a dotted name: read as a word, quotes included",
    conf: "x.y = ‘on’\n",
    lines: [`1:7 typographic-quotes x.y = ‘on’: ‘ and ’ ${MEANT}, so PostgreSQL reads them as part of the value and sets x.y to "‘on’", quotes included. Write the value with ASCII single quotes: 'on'.`],
    fixed: "x.y = 'on'\n",
    reads: [["x.y", "on"]],
  },
  {
    name: "shared_preload_libraries: a library named with its quotes, the server refuses to start",
    conf: "shared_preload_libraries = ‘auth_delay’\n",
    lines: [
      `1:28 typographic-quotes shared_preload_libraries = ‘auth_delay’: ‘ and ’ ${MEANT}, so PostgreSQL looks for a library named "‘auth_delay’", quotes included, and refuses to start ("could not access file"). Write the value with ASCII single quotes: 'auth_delay'.`,
    ],
    fixed: "shared_preload_libraries = 'auth_delay'\n",
    reads: [["shared_preload_libraries", "auth_delay"]],
  },
  {
    name: "session_preload_libraries: every session fails",
    conf: "session_preload_libraries = “auto_explain”\n",
    lines: [
      `1:29 typographic-quotes session_preload_libraries = “auto_explain”: “ and ” ${MEANT}, so PostgreSQL looks for a library named "“auto_explain”", quotes included, and every new session fails ("could not access file"). Write the value with ASCII single quotes: 'auto_explain'.`,
    ],
    fixed: "session_preload_libraries = 'auto_explain'\n",
    reads: [["session_preload_libraries", "auto_explain"]],
  },
  {
    name: "‘server.crt’ lexes as a dotted name: a syntax error, which the fix repairs",
    conf: "ssl_cert_file = ‘server.crt’\n",
    lines: [
      '1:17 syntax-error syntax error in file "postgresql.conf" line 1, near token "‘server.crt’": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.',
      `1:17 typographic-quotes ssl_cert_file = ‘server.crt’: ‘ and ’ ${MEANT}, so PostgreSQL cannot parse this line and refuses to start. Write the value with ASCII single quotes: 'server.crt'.`,
    ],
    fixed: "ssl_cert_file = 'server.crt'\n",
    reads: [["ssl_cert_file", "server.crt"]],
  },
  {
    name: "spaces inside, a comment after it keeps its column, CRLF kept",
    conf: "log_line_prefix = “%m [%p] ”   # prefix\r\nwork_mem = 4MB\r\n",
    lines: [
      `1:19 typographic-quotes log_line_prefix = “%m [%p] ”: “ and ” ${MEANT}, so PostgreSQL cannot parse this line and refuses to start. Write the value with ASCII single quotes: '%m [%p] '.`,
      '1:20 syntax-error syntax error in file "postgresql.conf" line 1, near token "%": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.',
    ],
    fixed: "log_line_prefix = '%m [%p] '   # prefix\r\nwork_mem = 4MB\r\n",
    reads: [
      ["log_line_prefix", "%m [%p] "],
      ["work_mem", "4MB"],
    ],
  },
  {
    name: "a `#` between the quotes belongs to the value (PostgreSQL takes it as a comment)",
    conf: "x.y = ‘a#b’\n",
    lines: [`1:7 typographic-quotes x.y = ‘a#b’: ‘ and ’ ${MEANT}, so PostgreSQL reads them as part of the value and sets x.y to "‘a", quotes included. Write the value with ASCII single quotes: 'a#b'.`],
    fixed: "x.y = 'a#b'\n",
    reads: [["x.y", "a#b"]],
  },
  {
    name: "an ASCII quote and a backslash inside are escaped; the comment moves only as far as it must",
    conf: "x.y = ‘it's C:\\dir’ # c\n",
    lines: [
      `1:7 typographic-quotes x.y = ‘it's C:\\dir’: ‘ and ’ ${MEANT}, so PostgreSQL cannot parse this line and refuses to start. Write the value with ASCII single quotes: 'it''s C:\\\\dir'.`,
      '1:10 syntax-error syntax error in file "postgresql.conf" line 1, near token "\'": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.',
    ],
    fixed: "x.y = 'it''s C:\\\\dir' # c\n",
    reads: [["x.y", "it's C:\\dir"]],
  },
  {
    name: "German „…“ and primes ′…″",
    conf: "x.a = „on“\nx.b = ′off″\n",
    lines: [
      `1:7 typographic-quotes x.a = „on“: „ and “ ${MEANT}, so PostgreSQL reads them as part of the value and sets x.a to "„on“", quotes included. Write the value with ASCII single quotes: 'on'.`,
      `2:7 typographic-quotes x.b = ′off″: ′ and ″ ${MEANT}, so PostgreSQL reads them as part of the value and sets x.b to "′off″", quotes included. Write the value with ASCII single quotes: 'off'.`,
    ],
    fixed: "x.a = 'on'\nx.b = 'off'\n",
    reads: [
      ["x.a", "on"],
      ["x.b", "off"],
    ],
  },
  {
    name: "include directives too",
    conf: "include_if_exists = ‘extra.conf’\n",
    lines: [
      '1:21 syntax-error syntax error in file "postgresql.conf" line 1, near token "‘extra.conf’": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.',
      `1:21 typographic-quotes include_if_exists = ‘extra.conf’: ‘ and ’ ${MEANT}, so PostgreSQL cannot parse this line and refuses to start. Write the value with ASCII single quotes: 'extra.conf'.`,
    ],
    fixed: "include_if_exists = 'extra.conf'\n",
  },
  {
    name: "a name with a space: reported, not rewritten (quoting alone would not make the line valid); syntax-error renames it first",
    conf: "ssl ciphers = ‘HIGH:!aNULL’\n",
    lines: [
      '1:13 syntax-error syntax error in file "postgresql.conf" line 1, near token "=": PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed. Did you mean "ssl_ciphers"?',
      `1:15 typographic-quotes ‘HIGH:!aNULL’: ‘ and ’ ${MEANT}, and PostgreSQL does not take them as quotes. Write the value with ASCII single quotes ('HIGH:!aNULL'); the line has another syntax problem as well, so it is not rewritten automatically.`,
    ],
    fixed: null,
    firstPass: "ssl_ciphers = ‘HIGH:!aNULL’\n",
  },
  {
    name: "an opening quote without a closing one",
    conf: "x.y = ‘on\n",
    lines: ["1:7 typographic-quotes typographic quotes (‘) in a value: PostgreSQL does not take them as quote characters (text pasted from a web page or a word processor?). Quote values with ASCII single quotes ('...')."],
    fixed: null,
  },
];

describe(RULE, () => {
  test.each(valid)("valid: $name", ({ conf }) => {
    expect(run(conf).lines.filter((line) => line.includes(` ${RULE} `))).toEqual([]);
  });

  test.each(invalid)("invalid: $name", ({ conf, lines, fixed, reads, firstPass }) => {
    const result = run(conf);
    expect(result.shown).toEqual(lines);
    const output = result.fixed()["postgresql.conf"];
    expect(output).toBe(firstPass ?? fixed ?? conf);
    if (fixed === null) return;
    // What PostgreSQL reads from the fixed file: no syntax error, the value that was meant.
    const document = parseConf(fixed);
    expect(document.syntaxErrors).toEqual([]);
    if (reads) expect(document.lines.flatMap((line) => (line.kind === "setting" ? [[line.name, line.value]] : []))).toEqual(reads);
    // A second pass has nothing left to fix.
    const again = run(fixed);
    expect(again.lines).toEqual([]);
  });

  test("Windows-1252 quotes (bytes 0x91/0x92) in a file that is not UTF-8", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-test-"));
    const file = path.join(dir, "postgresql.conf");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("x.y = "), Buffer.from([0x91]), Buffer.from("on"), Buffer.from([0x92]), Buffer.from("\n")]));
    const registry = new RuleRegistry([builtinPlugin]);
    const result = lint([{ path: file, kind: "conf" }], { pgVersion: 15, rules: resolveRules(registry, { extends: [], rules: { [RULE]: "error" } }) });
    const messages = result.results[0]!.messages;
    expect(messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[1, 7, RULE]]);
    expect(messages[0]!.fix).toEqual({ range: [6, 10], text: "'on'" });
  });
});
