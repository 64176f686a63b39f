import * as fs from "node:fs";
import * as path from "node:path";
import { lintCluster } from "../test/helpers/lint-cluster";

const MESSAGE = (map: string, didYouMean = "") =>
  `hba-unknown-ident-map map "${map}" is not defined in pg_ident.conf: every login through this record fails with "no match in usermap". Define the map there (MAPNAME SYSTEM-USERNAME PG-USERNAME lines) or correct the name${didYouMean}.`;

function run(files: Record<string, string>, pgVersion = 18) {
  return lintCluster(files, { extends: [], rules: { "hba-unknown-ident-map": "error" }, pgVersion });
}

const IDENT = '# MAPNAME   SYSTEM-USERNAME   PG-USERNAME\nomicron     bryanh            bryanh\noffice      ann               ann\n"my map"    root              postgres\n';

describe("hba-unknown-ident-map", () => {
  test.each([
    ["maps that exist", { "pg_hba.conf": 'local all all peer map=omicron\nhostssl all all 10.0.0.0/8 cert map=office\nlocal all all peer "map=my map"\n', "pg_ident.conf": IDENT }, 18],
    ["no pg_ident.conf in the cluster", { "pg_hba.conf": "local all all peer map=nowhere\n" }, 18],
    // Maps may be defined in included files that could not be read (16+): nothing is known.
    ["a pg_ident.conf whose include (16+) could not be read", { "pg_hba.conf": "local all all peer map=elsewhere\n", "pg_ident.conf": "include extra.conf\n" }, 16],
    // The maps of the files its includes read are the cluster's.
    ["a map defined in a file pg_ident.conf includes (16+)", { "pg_hba.conf": "local all all peer map=elsewhere\n", "pg_ident.conf": "include extra.conf\n", "extra.conf": "elsewhere sysuser dbuser\n" }, 16],
    ["records without maps", { "pg_hba.conf": "local all all peer\n", "pg_ident.conf": IDENT }, 18],
  ] as const)("valid: %s", (_name, files, pgVersion) => {
    expect(run(files, pgVersion).lines).toEqual([]);
  });

  test("16+: a map in neither pg_ident.conf nor the files it includes", () => {
    const result = run({ "pg_hba.conf": "local all all peer map=nowhere\n", "pg_ident.conf": "include extra.conf\n", "extra.conf": "elsewhere sysuser dbuser\n" }, 16);
    expect(result.lines).toEqual([`pg_hba.conf:1:20 ${MESSAGE("nowhere")}`]);
  });

  test("invalid: a typo, a case difference, and an unrelated name; suggestions only where a map is close", () => {
    const hba = "local   all   all                 peer   map=omicrn    # typo\nlocal   all   all                 peer   map=Office\nhost    all   all   10.0.0.0/8    ident  map=payroll\n";
    const result = run({ "pg_hba.conf": hba, "pg_ident.conf": IDENT }, 12);
    expect(result.lines).toEqual([
      `pg_hba.conf:1:42 ${MESSAGE("omicrn", ' (did you mean "omicron"?)')}`,
      `pg_hba.conf:2:42 ${MESSAGE("Office", ' (did you mean "office"?)')}`,
      `pg_hba.conf:3:42 ${MESSAGE("payroll")}`,
    ]);
    expect(result.fixed()["pg_hba.conf"]).toBe(hba);
    const messages = result.results.find((r) => r.filePath.endsWith("pg_hba.conf"))!.messages;
    expect(messages.map((m) => m.suggestions)).toEqual([
      // "map=omicrn    # typo" -> "map=omicron   # typo": the comment keeps its column.
      [{ desc: 'Use map "omicron".', fix: { range: [41, 55], text: "map=omicron   " } }],
      [{ desc: 'Use map "office".', fix: { range: [103, 113], text: "map=office" } }],
      undefined,
    ]);
  });

  test("a record PostgreSQL rejects still names its map; the ident file's own errors do not hide its maps", () => {
    const result = run({ "pg_hba.conf": "hostssl all all 10.0.0.0/8 sspi map=nomap\nlocal all all peer map=office\n", "pg_ident.conf": "office /( ann\n" });
    expect(result.lines).toEqual([`pg_hba.conf:1:33 ${MESSAGE("nomap")}`]);
  });

  // A real pair: the hba file names maps sahsuland and sahsuland_dev, the ident file defines sahsu.
  const corpus = path.resolve(__dirname, "../../shared/corpus");
  const hbaFile = path.join(corpus, "hba/045-windows-sspi-netmask-ldap-comments.conf");
  const identFile = path.join(corpus, "ident/016-windows-proxy-admins-map-mismatch.conf");
  const pair = fs.existsSync(hbaFile) && fs.existsSync(identFile) ? test : test.skip;
  pair("corpus: a Windows server whose maps do not match its pg_ident.conf", () => {
    const hba = fs.readFileSync(hbaFile, "utf8");
    const lines = run({ "pg_hba.conf": hba, "pg_ident.conf": fs.readFileSync(identFile, "utf8") }).lines.map((line) => line.replace(/:\d+:\d+ .*map "([^"]+)".*/, " $1"));
    // Every map= in the file, in order (the sspi records are also invalid on a Linux build).
    const expected = [...hba.matchAll(/^hostssl.*map=(\S+)/gm)].map((match) => `pg_hba.conf ${match[1]}`);
    expect(expected).toHaveLength(6);
    expect(lines).toEqual(expected);
    expect(new Set(lines)).toEqual(new Set(["pg_hba.conf sahsuland", "pg_hba.conf sahsuland_dev"]));
  });
});
