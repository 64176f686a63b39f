import * as fs from "node:fs";
import { SourceText } from "../source";
import { parseHba } from "./hba";
import type { HbaRecord } from "./hba";
import { corpusFiles, stockSamples } from "./hba-test-files";

/** The error of each record, keyed by line number. */
function errors(text: string, pgVersion = 18, sslEnabled = true): Record<number, string | null> {
  const out: Record<number, string | null> = {};
  for (const record of parseHba(text, { pgVersion, sslEnabled }).records) out[record.lineNumber] = record.error;
  return out;
}

function only(text: string, pgVersion = 18): HbaRecord {
  const records = parseHba(text, { pgVersion }).records;
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe("parseHba: lines and tokens", () => {
  test("lines tile the text and toString gives it back", () => {
    const text = "# head\r\n\nlocal all all trust \\\n  map=x\nhost all all 127.0.0.1/32 md5";
    const doc = parseHba(text, { pgVersion: 14 });
    expect(doc.toString()).toBe(text);
    expect(doc.lines.map((line) => [line.lineNumber, line.span.start, line.span.end])).toEqual([
      [1, 0, 8],
      [2, 8, 9],
      [3, 9, 39],
      [5, 39, 68],
    ]);
    expect(doc.lines[0]!.comment?.text).toBe("# head\r");
  });

  test("tokens keep their raw text, unquoted value, quoting and span", () => {
    const record = only('host "all" a"b c"d,+grp,"+x" 10.0.0.0/8 md5\n');
    expect(record.databases!.map((t) => [t.text, t.value, t.quoted])).toEqual([['"all"', "all", true]]);
    expect(record.users!.map((t) => [t.text, t.value, t.quoted])).toEqual([
      ['a"b c"d', "ab cd", true],
      ["+grp", "+grp", false],
      ['"+x"', "+x", true],
    ]);
    expect(record.users![0]!.span).toEqual({ start: 11, end: 18, line: 1, column: 12, endLine: 1, endColumn: 19 });
  });

  test('"" inside quotes is a literal quote', () => {
    expect(only('local "a""b" all trust\n').databases!.map((t) => t.value)).toEqual(['a"b']);
  });

  test("@file tokens are marked; a quoted @ is a name", () => {
    const record = only('local @dbs.txt,"@x",@"my file" all trust\n');
    expect(record.databases!.map((t) => t.fileRef)).toEqual(["dbs.txt", null, "my file"]);
  });

  test("14+: an open quote continued onto a blank line loses the CRs before its backslash", () => {
    const doc = parseHba('local "a b\r\\\n\nlocal "c\r\\\nd"\n', { pgVersion: 14 });
    expect(doc.records.map((r) => r.fields[1]?.tokens[0]?.value)).toEqual(["a b", "c\rd"]);
  });

  test("line numbers count continuation lines (14+)", () => {
    const doc = parseHba("local all all peer \\\n map=x\nlocal all all trust\n", { pgVersion: 14 });
    expect(doc.records.map((r) => [r.lineNumber, r.error, r.options.map((o) => `${o.name}=${o.value}`)])).toEqual([
      [1, null, ["map=x"]],
      [3, null, []],
    ]);
  });

  test("13 has no line continuation", () => {
    expect(errors("local all all peer \\\n map=x\n", 13)).toEqual({
      1: "authentication option not in name=value format: \\",
      2: 'invalid connection type "map=x"',
    });
  });

  test("12-13 reject lines of 20479 bytes or more; 12-15 tokens of 10240 bytes or more", () => {
    const longLine = (n: number) => "local all " + "a".repeat(n - "local all ".length - " trust\n".length) + " trust\n";
    expect(errors(longLine(20478), 13)).toEqual({ 1: "authentication file token too long" });
    expect(errors(longLine(20479), 13)).toEqual({ 1: "authentication file line too long" });
    expect(errors(longLine(20479), 14)).toEqual({ 1: "authentication file token too long" });
    const token = (n: number) => `local all ${"a".repeat(n)} trust\n`;
    expect(errors(token(10239), 15)).toEqual({ 1: null });
    expect(errors(token(10240), 15)).toEqual({ 1: "authentication file token too long" });
    expect(errors(token(30000), 16)).toEqual({ 1: null });
  });
});

describe("parseHba: records", () => {
  test("a comma after whitespace starts the next field (leading commas are skipped)", () => {
    const record = only("host db1 ,db2 10.0.0.0/8 md5\n");
    expect(record.databases!.map((t) => t.value)).toEqual(["db1"]);
    expect(record.users!.map((t) => t.value)).toEqual(["db2"]);
  });

  test("typed reading of a host record", () => {
    const record = only("hostssl all +admins 2001:DB8::1/64 scram-sha-256 clientcert=verify-full\n");
    expect(record.connectionType).toBe("hostssl");
    expect(record.address?.kind).toBe("ip");
    expect(record.address?.kind === "ip" && record.address.prefixLength).toBe(64);
    expect(record.authMethod).toBe("scram-sha-256");
    expect(record.options.map((o) => [o.name, o.value])).toEqual([["clientcert", "verify-full"]]);
    expect(record.error).toBeNull();
    expect(record.accepted).toBe(true);
  });

  test("address forms", () => {
    const kinds = (text: string) => parseHba(text).records.map((r) => (r.address?.kind === "hostname" ? `hostname:${r.address.name}:${r.address.suffixMatch}` : r.address?.kind ?? r.error));
    expect(kinds("host all all all md5\nhost all all samehost md5\nhost all all samenet md5\nhost all all .example.com md5\nhost all all db1 md5\nhost all all \"all\" md5\nhost all all 10.0.0.0 255.0.0.0 md5\n")).toEqual([
      "all",
      "samehost",
      "samenet",
      "hostname:.example.com:true",
      "hostname:db1:false",
      "hostname:all:false",
      "ip",
    ]);
  });

  test("errors per line, as the server reports them", () => {
    const text = [
      "local all",
      "local",
      "host all all",
      "host all all all",
      "host all all 10.0.0.0",
      "host all all 10.0.0.0/33 md5",
      "host all all foo/8 md5",
      "host all all 10.0.0.0 ffff:: md5",
      "host all all 10.0.0.0 foo md5",
      "host all all all crypt",
      "host all all all md5,trust",
      "host,local all all all md5",
      "host all all all trust extra=1",
      "host all all all trust noequals",
      "host all all all peer",
      "host all all all cert",
      "local all all gss",
      "host all all all sspi",
      "include pg_hba.d.conf",
      "host all all 10.0.0.0/8,10.0.0.0/8 md5",
      "host all all 10.0.0.0 255.0.0.0,255.0.0.0 md5",
      "host all all all ldap ldapserver=a",
      "host all all all ldap ldapserver=a ldapprefix=x ldapbasedn=y",
      "host all all all ldap ldapbasedn=x ldapsearchattribute=a ldapsearchfilter=b",
      "host all all all ldap ldapprefix=cn= ldapport=abc",
      "host all all all radius radiusservers=127.0.0.1",
      "host all all all md5 map=x",
      "host all all all password krb_realm=x",
      "host all all all md5 clientcert=verify-ca",
    ].join("\n");
    expect(errors(text, 15)).toEqual({
      1: "end-of-line before role specification",
      2: "end-of-line before database specification",
      3: "end-of-line before IP address specification",
      4: "end-of-line before authentication method",
      5: "end-of-line before netmask specification",
      6: 'invalid CIDR mask in address "10.0.0.0/33"',
      7: 'specifying both host name and CIDR mask is invalid: "foo/8"',
      8: "IP address and mask do not match",
      9: 'invalid IP mask "foo": Name or service not known',
      10: 'invalid authentication method "crypt"',
      11: "multiple values specified for authentication type",
      12: "multiple values specified for connection type",
      13: 'unrecognized authentication option name: "extra"',
      14: "authentication option not in name=value format: noequals",
      15: "peer authentication is only supported on local sockets",
      16: "cert authentication is only supported on hostssl connections",
      17: "gssapi authentication is not supported on local sockets",
      18: 'invalid authentication method "sspi": not supported by this build',
      19: 'invalid connection type "include"',
      20: "multiple values specified for host address",
      21: "multiple values specified for netmask",
      22: 'authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set',
      23: "cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, ldapsearchfilter, or ldapurl together with ldapprefix",
      24: "cannot use ldapsearchattribute together with ldapsearchfilter",
      25: 'invalid LDAP port number: "abc"',
      26: 'authentication method "radius" requires argument "radiussecrets" to be set',
      27: 'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, and cert',
      28: 'authentication option "krb_realm" is only valid for authentication methods gssapi and sspi',
      29: 'clientcert can only be configured for "hostssl" rows',
    });
  });

  test("18 words some messages differently", () => {
    expect(errors("host all all all ldap ldapserver=a ldapprefix=x ldapbasedn=y\nhost all all all md5 map=x\n", 18)).toEqual({
      1: "cannot mix options for simple bind and search+bind modes",
      2: 'authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, cert, and oauth',
    });
  });

  test("clientcert values by version", () => {
    const text = "hostssl all all all md5 clientcert=1\nhostssl all all all cert clientcert=no-verify\nhostssl all all all cert clientcert=verify-ca\n";
    expect(errors(text, 12)).toEqual({ 1: null, 2: 'clientcert can not be set to "no-verify" when using "cert" authentication', 3: null });
    expect(errors(text, 13)).toEqual({ 1: null, 2: 'clientcert cannot be set to "no-verify" when using "cert" authentication', 3: null });
    const v14 = parseHba(text, { pgVersion: 14 }).records;
    expect(v14.map((r) => [r.error, r.accepted, r.logMessage])).toEqual([
      [null, false, 'invalid value for clientcert: "1"'],
      [null, false, 'invalid value for clientcert: "no-verify"'],
      ['clientcert can only be set to "verify-full" when using "cert" authentication', false, null],
    ]);
  });

  test("cert implies clientcert=verify-full; gss includes the realm by default", () => {
    const doc = parseHba("hostssl all all all cert\nhost all all all gss\n");
    expect(doc.records.map((r) => [r.settings?.clientcert, r.settings?.includeRealm])).toEqual([
      ["verify-full", false],
      ["off", true],
    ]);
  });

  test("hostssl with SSL off keeps the rule, with an error; a later error replaces it", () => {
    const doc = parseHba("hostssl all all all md5\nhostssl all all all md5 bogus=1\n", { sslEnabled: false });
    expect(doc.records.map((r) => [r.error, r.accepted])).toEqual([
      ["hostssl record cannot match because SSL is disabled", true],
      ['unrecognized authentication option name: "bogus"', false],
    ]);
  });

  test("local ident is peer", () => {
    expect(only("local all all ident\n").authMethod).toBe("peer");
  });

  test("include directives are 16+; before, include is a connection type", () => {
    const text = "include a.conf\ninclude_if_exists b.conf\ninclude_dir conf.d\ninclude a b\n";
    const v16 = parseHba(text, { pgVersion: 16 });
    expect(v16.includes.map((i) => [i.kind, i.path.value, i.line.lineNumber])).toEqual([
      ["include", "a.conf", 1],
      ["include_if_exists", "b.conf", 2],
      ["include_dir", "conf.d", 3],
    ]);
    expect(v16.records.map((r) => [r.lineNumber, r.error])).toEqual([[4, 'invalid connection type "include"']]);
    const v15 = parseHba(text, { pgVersion: 15 });
    expect(v15.includes).toEqual([]);
    expect(v15.records.map((r) => r.error)).toEqual([
      'invalid connection type "include"',
      'invalid connection type "include_if_exists"',
      'invalid connection type "include_dir"',
      'invalid connection type "include"',
    ]);
  });

  test("regular expressions are 16+ (quoted ones too); before, they are names", () => {
    const text = 'local "/^db.*$" "/x(" trust\n';
    expect(errors(text, 15)).toEqual({ 1: null });
    expect(errors(text, 16)).toEqual({ 1: 'invalid regular expression "x(": parentheses () not balanced' });
  });

  test("oauth (18): scope, issuer and a validator library are required", () => {
    expect(errors("host all all all oauth\nhost all all all oauth issuer=x scope=y\n", 18)).toEqual({
      1: 'authentication method "oauth" requires argument "scope" to be set',
      2: "oauth_validator_libraries must be set for authentication method oauth",
    });
    expect(parseHba("host all all all oauth issuer=x scope=y\n", { oauthValidatorLibraries: "v1" }).records[0]!.error).toBeNull();
    expect(errors("host all all all oauth\n", 17)).toEqual({ 1: 'invalid authentication method "oauth"' });
  });
});

describe("parseHba: real files", () => {
  const files = [...corpusFiles("hba"), ...stockSamples("hba").map(([, file]) => file)];
  test.each(files)("%s round-trips and its lines tile it", (file) => {
    const source = SourceText.fromBytes(fs.readFileSync(file));
    for (const pgVersion of [12, 14, 16, 18]) {
      const doc = parseHba(source, { pgVersion });
      expect(doc.toString()).toBe(source.text);
      let offset = 0;
      for (const line of doc.lines) {
        expect(line.span.start).toBe(offset);
        offset = line.span.end;
      }
      expect(offset).toBe(source.text.length);
    }
  });

  test.each(stockSamples("hba"))("pg%d stock sample, filled in as initdb does, has valid records only", (pgVersion, file) => {
    const text = fs
      .readFileSync(file, "utf8")
      .replaceAll("@remove-line-for-nolocal@", "")
      .replaceAll("@authcomment@", "")
      .replaceAll("@authmethodlocal@", "trust")
      .replaceAll("@authmethodhost@", "scram-sha-256");
    const records = parseHba(text, { pgVersion: Math.max(pgVersion, 12) }).records;
    expect(records.map((r) => [r.connectionType, r.error])).toEqual([
      ["local", null],
      ["host", null],
      ["host", null],
      ["local", null],
      ["host", null],
      ["host", null],
    ]);
  });
});
