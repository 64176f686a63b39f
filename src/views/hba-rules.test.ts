import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { corpusFiles } from "../model/hba-test-files";
import { hbaFileRules } from "./hba-rules";
import { memoryReader } from "../files";

const files = {
  "/d/inc/a.conf": "local a all trust\n@../users.txt x all trust\n",
  "/d/users.txt": '# users\nu1, "u 2"\n+grp\n',
  "/d/conf.d/10.conf": "local d10 all trust\nbad line\n",
  "/d/conf.d/05.conf": "local d05 all trust\n",
  "/d/conf.d/skip.txt": "local skip all trust\n",
  "/d/conf.d/.hidden.conf": "local hidden all trust\n",
  "/d/conf.d/sub.conf/x.conf": "local sub all trust\n",
  "/d/empty.txt": "# nothing\n",
  "/d/loop.txt": "@loop.txt\n",
};
const reader = memoryReader(files);
const text = [
  "local all @users.txt trust",
  "include inc/a.conf",
  "include_if_exists missing.conf",
  "include missing.conf",
  "include_dir conf.d",
  "include_dir nodir",
  'include_dir ""',
  "local @empty.txt all trust",
  "local all @missing.txt trust",
  "include inc/a.conf extra",
  "",
].join("\n");

/** Rows without the columns a test does not look at. */
function brief(rows: ReturnType<typeof hbaFileRules>): unknown[] {
  return rows.map((r) => [r.rule_number ?? null, r.file_name ?? null, r.line_number, r.database, r.user_name, r.error]);
}

describe("hbaFileRules", () => {
  test("16+: includes and @files are followed; rows carry rule_number and file_name", () => {
    expect(brief(hbaFileRules("/d/pg_hba.conf", { pgVersion: 16, text, reader }))).toEqual([
      [1, "/d/pg_hba.conf", 1, ["all"], ["u1", "u 2", "+grp"], null],
      [2, "/d/inc/a.conf", 1, ["a"], ["all"], null],
      [null, "/d/inc/a.conf", 2, null, null, "multiple values specified for connection type"],
      [null, "/d/pg_hba.conf", 4, null, null, 'could not open file "/d/missing.conf": No such file or directory'],
      [3, "/d/conf.d/05.conf", 1, ["d05"], ["all"], null],
      [4, "/d/conf.d/10.conf", 1, ["d10"], ["all"], null],
      [null, "/d/conf.d/10.conf", 2, null, null, 'invalid connection type "bad"'],
      [null, "/d/pg_hba.conf", 6, null, null, 'could not open directory "/d/nodir"'],
      [null, "/d/pg_hba.conf", 7, null, null, "empty configuration directory name"],
      [null, "/d/pg_hba.conf", 8, null, null, "end-of-line before authentication method"],
      [null, "/d/pg_hba.conf", 9, null, null, 'could not open file "/d/missing.txt": No such file or directory'],
      [null, "/d/pg_hba.conf", 10, null, null, 'invalid connection type "include"'],
    ]);
  });

  test("15: include lines are records with an error; @file errors name the secondary file", () => {
    const rows = hbaFileRules("/d/pg_hba.conf", { pgVersion: 15, text, reader });
    expect(rows.map((r) => Object.keys(r))).toContainEqual(["line_number", "type", "database", "user_name", "address", "netmask", "auth_method", "options", "error"]);
    expect(brief(rows)).toEqual([
      [null, null, 1, ["all"], ["u1", "u 2", "+grp"], null],
      [null, null, 2, null, null, 'invalid connection type "include"'],
      [null, null, 3, null, null, 'invalid connection type "include_if_exists"'],
      [null, null, 4, null, null, 'invalid connection type "include"'],
      [null, null, 5, null, null, 'invalid connection type "include_dir"'],
      [null, null, 6, null, null, 'invalid connection type "include_dir"'],
      [null, null, 7, null, null, 'invalid connection type "include_dir"'],
      [null, null, 8, null, null, "end-of-line before authentication method"],
      [null, null, 9, null, null, 'could not open secondary authentication file "@missing.txt" as "/d/missing.txt": No such file or directory'],
      [null, null, 10, null, null, 'invalid connection type "include"'],
    ]);
  });

  test("an @file that is a directory: 12-13 fail the line, 14+ read no tokens from it", () => {
    const hba = "local all @conf.d trust\n";
    expect(hbaFileRules("/d/pg_hba.conf", { pgVersion: 13, text: hba, reader }).map((r) => r.error)).toEqual(['could not read file "/d/conf.d": Is a directory']);
    expect(hbaFileRules("/d/pg_hba.conf", { pgVersion: 14, text: hba, reader }).map((r) => r.error)).toEqual(["end-of-line before authentication method"]);
  });

  test("16+: an @file that names itself stops at the nesting limit", () => {
    const rows = hbaFileRules("/d/pg_hba.conf", { pgVersion: 16, text: "local all @loop.txt trust\n", reader });
    expect(rows.map((r) => r.error)).toEqual(['could not open file "/d/loop.txt": maximum nesting depth exceeded']);
  });

  test("columns: addresses, masks and options print as the server prints them", () => {
    const hba = [
      "host all all ::ffff:1.2.3.4/96 md5",
      "host all all 2001:DB8:0:0:1:0:0:1/64 md5",
      "host all all 10 255.0.0.0 md5",
      "host all all fe80::1%eth0/10 md5",
      "host all all .example.com md5",
      'host "all" all samenet md5',
      "host all all all gss include_realm=0 krb_realm=EX.COM map=m",
      "host all all all gss",
      "hostssl all all all cert map=x",
      "host all all all ldap ldapurl=ldaps://h.example:1234/dc=x??one?(uid=x)",
      "host all all all ldap ldapurl=ldap://h/dc=x?uid?base ldaptls=1",
      'host all all all radius radiusservers="127.0.0.1, 127.0.0.2" radiussecrets=x radiusidentifiers=a radiusports=5',
      "hostssl all all all md5 clientcert=bogus",
      "",
    ].join("\n");
    const rows = hbaFileRules("/d/pg_hba.conf", { pgVersion: 15, text: hba, reader });
    expect(rows.map((r) => [r.type, r.database, r.address, r.netmask, r.auth_method, r.options, r.error])).toEqual([
      ["host", ["all"], "::ffff:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff::", "md5", null, null],
      ["host", ["all"], "2001:db8::1:0:0:1", "ffff:ffff:ffff:ffff::", "md5", null, null],
      ["host", ["all"], "0.0.0.10", "255.0.0.0", "md5", null, null],
      ["host", ["all"], "fe80::1", "ffc0::", "md5", null, null],
      ["host", ["all"], ".example.com", null, "md5", null, null],
      ["host", ["all"], "samenet", null, "md5", null, null],
      ["host", ["all"], "all", null, "gss", ["krb_realm=EX.COM", "map=m"], null],
      ["host", ["all"], "all", null, "gss", ["include_realm=true"], null],
      ["hostssl", ["all"], "all", null, "cert", ["map=x", "clientcert=verify-full"], null],
      ["host", ["all"], "all", null, "ldap", ["ldapserver=h.example", "ldapport=1234", "ldapscheme=ldaps", "ldapbasedn=dc=x", "ldapsearchfilter=(uid=x)", "ldapscope=1"], null],
      ["host", ["all"], "all", null, "ldap", ["ldapserver=h", "ldapport=389", "ldapscheme=ldap", "ldaptls=true", "ldapbasedn=dc=x", "ldapsearchattribute=uid", "ldapscope=2"], null],
      ["host", ["all"], "all", null, "radius", ["radiusservers=127.0.0.1, 127.0.0.2", "radiussecrets=x", "radiusidentifiers=a", "radiusports=5"], null],
      [null, null, null, null, null, null, null],
    ]);
  });

  test("hostssl with SSL off: the row keeps its columns and shows the error, without a rule number", () => {
    const rows = hbaFileRules("/d/pg_hba.conf", { pgVersion: 16, text: "hostssl all all all md5 clientcert=verify-ca\nlocal all all trust\n", sslEnabled: false, reader });
    expect(rows.map((r) => [r.rule_number, r.auth_method, r.options, r.error])).toEqual([
      [null, "md5", ["clientcert=verify-ca"], "hostssl record cannot match because SSL is disabled"],
      [1, "trust", null, null],
    ]);
  });

  test("a failure the server only logs gives a row of NULLs that still takes a rule number", () => {
    const rows = hbaFileRules("/d/pg_hba.conf", { pgVersion: 18, text: "hostssl all all all md5 clientcert=1\nlocal all all trust\n", reader });
    expect(rows.map((r) => [r.rule_number, r.type, r.error])).toEqual([
      [1, null, null],
      [2, "local", null],
    ]);
  });

  test("the top file is read through the reader when no text is given; a missing one throws", () => {
    const onDisk = memoryReader({ "/x/pg_hba.conf": "local all all peer\n" });
    expect(hbaFileRules("/x/pg_hba.conf", { pgVersion: 14, reader: onDisk }).map((r) => r.auth_method)).toEqual(["peer"]);
    expect(() => hbaFileRules("/x/none.conf", { reader: onDisk })).toThrow('could not open file "/x/none.conf": No such file or directory');
  });

  test("on disk: include_dir follows symbolic links (one to a directory is skipped); a FIFO is not read", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-hba-"));
    try {
      fs.mkdirSync(path.join(root, "conf.d"));
      fs.mkdirSync(path.join(root, "real.conf"));
      fs.writeFileSync(path.join(root, "real.conf/x.conf"), "local inner all trust\n");
      fs.writeFileSync(path.join(root, "target.txt"), "local linked all trust\n");
      fs.symlinkSync("../real.conf", path.join(root, "conf.d/dir.conf"));
      fs.symlinkSync("../target.txt", path.join(root, "conf.d/file.conf"));
      execFileSync("mkfifo", [path.join(root, "conf.d/fifo.conf")]);
      fs.writeFileSync(path.join(root, "pg_hba.conf"), "include_dir conf.d\n");
      expect(brief(hbaFileRules(path.join(root, "pg_hba.conf"), { pgVersion: 18 }))).toEqual([
        [1, path.join(root, "conf.d/file.conf"), 1, ["linked"], ["all"], null],
        [null, path.join(root, "pg_hba.conf"), 1, null, null, `could not open file "${path.join(root, "conf.d/fifo.conf")}": not a regular file (a FIFO, socket or device is not read)`],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test.each(corpusFiles("hba"))("%s gives one row per content line", (file) => {
    const rows = hbaFileRules(file, { pgVersion: 18, reader: memoryReader({ [file]: fs.readFileSync(file, "latin1") }) });
    for (const row of rows) expect(row.error !== null || row.type !== null || row.rule_number !== null).toBe(true);
  });
});
