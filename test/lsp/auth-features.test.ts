// Hover and completion in pg_hba.conf and pg_ident.conf on their own (the protocol is tested in
// server.test.ts): the exact texts at exact positions, per target version.
import { parseHba } from "../../src/model/hba";
import { HBA_CONNECTION_TYPES } from "../../src/model/hba-types";
import { hbaCompletions, identCompletions } from "../../src/lsp/auth-completion";
import { METHODS, methodProblem } from "../../src/lsp/auth-docs";
import { hbaHover, identHover } from "../../src/lsp/auth-hover";
import { memoryReader } from "../../src/views/file-settings";

const HBA = "/pg/pg_hba.conf";
const IDENT = "/pg/pg_ident.conf";
const reader = memoryReader({
  [HBA]: "local all all peer map=omicron\nhost all all 10.0.0.0/8 ident map=missing\n",
  [IDENT]: "omicron bob postgres\nomicron /^(.*)@example\\.com$ \\1\nunused a b\n",
  "/pg/admins": "alice, bob\ncarol # and more\n",
});

/** The offset of the `|` marker, and the text without it. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf("|");
  if (offset === -1) throw new Error(`no | in ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function hba(marked: string, version = 18): string | null {
  const { text, offset } = at(marked);
  return hbaHover(text, offset, { version, filePath: HBA, reader })?.markdown ?? null;
}

function ident(marked: string, version = 18): string | null {
  const { text, offset } = at(marked);
  return identHover(text, offset, { version, filePath: IDENT, reader })?.markdown ?? null;
}

function hbaLabels(marked: string, version = 18): string[] {
  const { text, offset } = at(marked);
  return hbaCompletions(text, offset, { version, filePath: HBA, reader }).map((entry) => entry.label);
}

function identLabels(marked: string, version = 18): string[] {
  const { text, offset } = at(marked);
  return identCompletions(text, offset, { version, filePath: IDENT, reader }).map((entry) => entry.label);
}

const docs = (version: number, page: string): string => `[PostgreSQL ${version} documentation](https://www.postgresql.org/docs/${version}/${page}.html)`;

describe("pg_hba.conf hover", () => {
  test("connection types, with the range of the word", () => {
    const { text, offset } = at("local all all peer\nhos|tssl all all 0.0.0.0/0 scram-sha-256\n");
    expect(hbaHover(text, offset, { version: 18, filePath: HBA, reader: null })).toEqual({
      markdown: ["**hostssl** — connection type: TCP/IP connections that use SSL; it matches only with `ssl = on`. The `cert` method, `clientcert` and `clientname` need it.", "", docs(18, "auth-pg-hba-conf")].join("\n"),
      start: 19,
      end: 26,
    });
    expect(hba("loc|al all all peer")).toBe(["**local** — connection type: connections over the Unix-domain socket (the line has no address field).", "", docs(18, "auth-pg-hba-conf")].join("\n"));
    expect(hba("hots| all all 10.0.0.0/8 md5")).toBe("`hots` — not a connection type; did you mean **host**?");
    expect(hba("local all all trust # tr|ust")).toBeNull();
    expect(hba("local all all trust |  # trust")).toBeNull();
  });

  test("methods: what they do, the password, whether they are insecure, the options, the page", () => {
    expect(hba("host all all 0.0.0.0/0 m|d5")).toBe(
      [
        "**md5** — authentication method: MD5 challenge-response password check (the SCRAM exchange instead when the role's password is stored as SCRAM).",
        "",
        "| | |",
        "|---|---|",
        "| Password | never sent (challenge-response) |",
        "| Security | **considered insecure**: MD5 is weak, and a stolen MD5 hash is enough to log in; MD5 passwords are deprecated in PostgreSQL 18. Use scram-sha-256 |",
        "",
        docs(18, "auth-password"),
      ].join("\n"),
    );
    expect(hba("host all all 0.0.0.0/0 m|d5", 17)).toContain("| Security | **considered insecure**: MD5 is weak, and a stolen MD5 hash is enough to log in. Use scram-sha-256 |");
    expect(hba("hostssl all all 0.0.0.0/0 pass|word")).toBe(
      [
        "**password** — authentication method: asks for the password and compares it with the stored one.",
        "",
        "| | |",
        "|---|---|",
        "| Password | **sent in clear text** |",
        "| Security | **considered insecure**: whoever reads the traffic gets the password. Use scram-sha-256 |",
        "| Options | `clientcert`, `clientname` |",
        "",
        docs(18, "auth-password"),
      ].join("\n"),
    );
    expect(hba("local all all tr|ust")).toBe(
      [
        "**trust** — authentication method: lets the client in without any check, as any user the line matches.",
        "",
        "| | |",
        "|---|---|",
        "| Password | none asked |",
        "| Security | **insecure**: no authentication at all; whoever can connect this way logs in |",
        "",
        docs(18, "auth-trust"),
      ].join("\n"),
    );
    expect(hba("host all all 10.0.0.0/8 pe|er")).toBe(
      [
        "**peer** — authentication method: takes the client's operating system user name from the kernel; it must be the database user, or map to it with `map=`.",
        "",
        "| | |",
        "|---|---|",
        "| Password | none |",
        "| Lines | local lines only |",
        "| Not allowed here | peer authentication is only supported on local sockets |",
        "",
        docs(18, "auth-peer"),
      ].join("\n"),
    );
    // ident on a local line is peer.
    expect(hba("local all all id|ent map=omicron")).toMatch(/^\*\*ident\*\* — authentication method: on a local line this is \*\*peer\*\*: takes the client's operating system user name from the kernel;[^\n]*\n\n\| \| \|\n\|---\|---\|\n\| Password \| none \|\n\| Lines \| local lines only \|\n\| Options \| `map` \|\n\n\[PostgreSQL 18 documentation\]\(https:\/\/www\.postgresql\.org\/docs\/18\/auth-peer\.html\)$/);
    expect(hba("host all all 0.0.0.0/0 ld|ap ldapserver=x ldapbasedn=y")).toContain("| Password | **sent in clear text** by the client: use it on hostssl lines only; to the LDAP server encrypted only with `ldaptls=1` or ldaps |");
    expect(hba("host all all 10.0.0.0/8 scr|am")).toBe("`scram` — not an authentication method of PostgreSQL 18; did you mean **scram-sha-256**?");
  });

  test("oauth is a method from 18", () => {
    expect(hba("host all all 10.0.0.0/8 oa|uth issuer=https://x scope=y", 17)).toBe("`oauth` — not an authentication method of PostgreSQL 17 (added in PostgreSQL 18).");
    expect(hba("host all all 10.0.0.0/8 oa|uth issuer=https://x scope=y", 18)).toBe(
      [
        "**oauth** — authentication method: OAuth 2.0: the client presents a bearer token, which a validator module of `oauth_validator_libraries` checks; `issuer` and `scope` are required.",
        "",
        "| | |",
        "|---|---|",
        "| Password | none (bearer token) |",
        "| Options | `map`, `issuer`, `scope`, `validator`, `delegate_ident_mapping` |",
        "",
        docs(18, "auth-oauth"),
      ].join("\n"),
    );
  });

  test("database and user keywords, groups, @files, regular expressions (16+)", () => {
    const page = docs(18, "auth-pg-hba-conf");
    expect(hba("host a|ll all 10.0.0.0/8 md5")).toBe(["**all** — every database; physical replication connections match only `replication`.", "", page].join("\n"));
    expect(hba("host r|eplication all 10.0.0.0/8 md5")).toBe(["**replication** — physical replication connections (which name no database). Logical replication connections name a database and match like any other.", "", page].join("\n"));
    expect(hba("local same|user all peer")).toBe(["**sameuser** — the database with the same name as the requested user.", "", page].join("\n"));
    expect(hba("local samerole,samegr|oup all peer")).toBe(["**samegroup** — an obsolete spelling of `samerole`: a database named like a role the requested user is a member of.", "", page].join("\n"));
    expect(hba('host "a|ll" all 10.0.0.0/8 md5')).toBe('`"all"` — the database named `all`: quoted, it is not the keyword.');
    expect(hba("host replication rep|lication 10.0.0.0/8 md5")).toBe("`replication` — the role named `replication`: `replication` is a keyword in the database field only.");
    expect(hba("host all a|ll 10.0.0.0/8 md5")).toBe(["**all** — every user.", "", page].join("\n"));
    expect(hba("host all +adm|ins 10.0.0.0/8 md5")).toBe(["`+admins` — every role that is a member of `admins`, directly or indirectly (a superuser only by explicit membership).", "", page].join("\n"));
    expect(hba("host all @adm|ins 10.0.0.0/8 md5")).toBe("`@admins` — the names listed in `/pg/admins`: `alice`, `bob`, `carol`");
    expect(hba("host all @nob|ody 10.0.0.0/8 md5")).toBe("`@nobody` — the names listed in `/pg/nobody` (the file does not exist)");
    expect(hba("host all b|ob 10.0.0.0/8 md5")).toBeNull();
    // Regular expressions are 16+: before, a name that starts with a slash.
    expect(hba("host /^db_|\\d+$ all 10.0.0.0/8 md5", 16)).toBe("`/^db_\\d+$` — a regular expression: every database whose name matches `^db_\\d+$` (anywhere in the name, unless anchored with ^ and $).");
    expect(hba("host /^db_|\\d+$ all 10.0.0.0/8 md5", 15)).toBe("`/^db_\\d+$` — the database named `/^db_\\d+$`: regular expressions are PostgreSQL 16+.");
    expect(hba("host all /^ad|m 10.0.0.0/8 md5", 16)).toBe("`/^adm` — a regular expression: every user whose name matches `^adm` (anywhere in the name, unless anchored with ^ and $).");
    expect(hba("host all /^ad|m 10.0.0.0/8 md5", 15)).toBe("`/^adm` — the role named `/^adm`: regular expressions are PostgreSQL 16+.");
  });

  test("addresses: keywords, host names, and the network an IP address and mask cover", () => {
    expect(hba("host all all 10.|0.0.0/8 md5")).toBe("`10.0.0.0/8` — the IPv4 network 10.0.0.0 – 10.255.255.255 (16,777,216 addresses).");
    const { text, offset } = at("host all all 10.1.2.|3/8 md5");
    expect(hbaHover(text, offset, { version: 18, filePath: HBA, reader: null })).toEqual({
      markdown: "`10.1.2.3/8` — the IPv4 network 10.0.0.0/8: 10.0.0.0 – 10.255.255.255 (16,777,216 addresses); the host bits of 10.1.2.3 are ignored.",
      start: 13,
      end: 23,
    });
    // A separate netmask: the hover covers both fields, from either.
    const netmask = at("host all all 10.0.0.0 255.25|5.0.0 md5");
    expect(hbaHover(netmask.text, netmask.offset, { version: 18, filePath: HBA, reader: null })).toEqual({ markdown: "`10.0.0.0 255.255.0.0` — the IPv4 network 10.0.0.0/16: 10.0.0.0 – 10.0.255.255 (65,536 addresses).", start: 13, end: 33 });
    expect(hba("host all all 1|0.0.0.0 255.255.0.0 md5")).toBe("`10.0.0.0 255.255.0.0` — the IPv4 network 10.0.0.0/16: 10.0.0.0 – 10.0.255.255 (65,536 addresses).");
    expect(hba("host all all 10.0.0.0 255.0.25|5.0 md5")).toBe("`10.0.0.0 255.0.255.0` — the IPv4 addresses whose bits under the mask 255.0.255.0 are those of 10.0.0.0: 65,536 addresses, not one range (the mask is not contiguous).");
    expect(hba("host all all 0.0.0.0/|0 md5")).toBe("`0.0.0.0/0` — every IPv4 address (4,294,967,296 addresses).");
    expect(hba("host all all 192.168.1.5/3|2 md5")).toBe("`192.168.1.5/32` — the single IPv4 address 192.168.1.5.");
    expect(hba("host all all ::|/0 md5")).toBe("`::/0` — every IPv6 address (2^128 addresses).");
    expect(hba("host all all 2001:db8::/3|2 md5")).toBe("`2001:db8::/32` — the IPv6 network 2001:db8:: – 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff (2^96 addresses).");
    expect(hba("host all all fe80::/6|4 md5")).toBe("`fe80::/64` — the IPv6 network fe80:: – fe80::ffff:ffff:ffff:ffff (18,446,744,073,709,551,616 addresses).");
    expect(hba("host all all ::1/12|8 md5")).toBe("`::1/128` — the single IPv6 address ::1.");
    const page = docs(18, "auth-pg-hba-conf");
    expect(hba("host all all same|net md5")).toBe(["**samenet** — any address of a subnet the server is directly connected to.", "", page].join("\n"));
    expect(hba("host all all .exa|mple.com md5")).toBe(["`.example.com` — host name: any client whose host name ends in `.example.com` (reverse DNS lookup, confirmed by a forward lookup, on every connection).", "", page].join("\n"));
    expect(hba("host all all db.exa|mple.com md5")).toBe(["`db.example.com` — host name: a client whose IP address has the host name `db.example.com` (reverse DNS lookup, confirmed by a forward lookup, on every connection).", "", page].join("\n"));
  });

  test("options: what they do for the line's method, whether the model accepts them, where a map is defined", () => {
    expect(hba("local all all peer ma|p=omicron")).toBe(
      [
        "**map** — the user name map (pg_ident.conf) from the operating system user name to the database users it may log in as.",
        "",
        "| | |",
        "|---|---|",
        "| Value | `omicron` |",
        "| Map | defined on pg_ident.conf lines 1, 2 |",
        "",
        docs(18, "auth-username-maps"),
      ].join("\n"),
    );
    expect(hba("hostssl all all 0.0.0.0/0 cert map=miss|ing")).toBe(
      [
        "**map** — the user name map (pg_ident.conf) from the certificate's CN (or DN, with `clientname=DN`) to the database users it may log in as.",
        "",
        "| | |",
        "|---|---|",
        "| Value | `missing` |",
        "| Map | **not defined** in pg_ident.conf: every login through this line fails |",
        "",
        docs(18, "auth-username-maps"),
      ].join("\n"),
    );
    expect(hba("host all all 0.0.0.0/0 md5 ldapser|ver=x")).toBe(
      [
        "**ldapserver** — the LDAP servers (names or IP addresses, separated by spaces).",
        "",
        "| | |",
        "|---|---|",
        "| Value | `x` |",
        '| Not accepted | authentication option "ldapserver" is only valid for authentication methods ldap |',
        "",
        docs(18, "auth-password"),
      ].join("\n"),
    );
    expect(hba("hostssl all all 0.0.0.0/0 cert clientc|ert=verify-ca")).toBe(
      [
        "**clientcert** — cert always checks the certificate fully: `verify-full` is the only value allowed.",
        "",
        "| | |",
        "|---|---|",
        "| Value | `verify-ca` |",
        '| Not accepted | clientcert can only be set to "verify-full" when using "cert" authentication |',
        "",
        docs(18, "auth-cert"),
      ].join("\n"),
    );
    expect(hba("hostssl all all 0.0.0.0/0 scram-sha-256 clientna|me=DN", 13)).toContain('| Not accepted | unrecognized authentication option name: "clientname" |');
    expect(hba("hostssl all all 0.0.0.0/0 scram-sha-256 clientna|me=DN", 14)).not.toContain("Not accepted");
    expect(hba("host all all 0.0.0.0/0 gss include_re|alm=0")).toBe(
      ["**include_realm** — `1` (the default): the realm stays in the name that `map=` sees (user@REALM); `0` strips it.", "", "| | |", "|---|---|", "| Value | `0` |", "", docs(18, "auth-gssapi")].join("\n"),
    );
    expect(hba("host all all 0.0.0.0/0 md5 fo|o=1")).toBe("`foo` — not an authentication option of md5.");
    expect(hba("host all all 0.0.0.0/0 md5 fo|o")).toBe("`foo` — not an option: options are written `name=value`.");
  });

  test("include directives are 16+", () => {
    expect(hba("incl|ude hba.d/extra.conf", 16)).toBe(["**include** — reads the lines of another file here (a path relative to this file's directory); an error if it cannot be read.", "", docs(16, "auth-pg-hba-conf")].join("\n"));
    expect(hba("include_dir hba|.d", 16)).toBe("`include_dir` → `/pg/hba.d`");
    expect(hba("incl|ude hba.d/extra.conf", 15)).toBe("`include` — not a connection type: include directives in pg_hba.conf are PostgreSQL 16+.");
  });
});

describe("pg_ident.conf hover", () => {
  const page = (version: number): string => docs(version, "auth-username-maps");

  test("a map name: its lines here, and where pg_hba.conf uses it", () => {
    expect(ident("omic|ron bob postgres\nomicron /^(.*)$ \\1\n")).toBe(["`omicron` — user name map, on lines 1, 2 of this file.", "", "Used by `map=omicron` on pg_hba.conf line 1.", "", page(18)].join("\n"));
    expect(ident("unu|sed a b\n")).toBe(["`unused` — user name map, on line 1 of this file.", "", "**Not used**: no `map=unused` in pg_hba.conf, so these lines have no effect.", "", page(18)].join("\n"));
    // Without the other files, only this one's lines.
    const { text, offset } = at("omic|ron bob postgres\n");
    expect(identHover(text, offset, { version: 18, filePath: IDENT, reader: null })?.markdown).toBe(["`omicron` — user name map, on line 1 of this file.", "", page(18)].join("\n"));
  });

  test("the system user: a name, or a regular expression whose group \\1 stands for", () => {
    expect(ident("omicron b|ob bob\n")).toBe(["`bob` — system user name: the name the method reports (the operating system user for peer and ident, the Kerberos principal for gss, the certificate's CN or DN for cert).", "", page(18)].join("\n"));
    expect(ident("omicron /^(.*)@|example\\.com$ \\1\n", 12)).toBe(
      ["`/^(.*)@example\\.com$` — a regular expression on the system user name: `^(.*)@example\\.com$` (anywhere in the name, unless anchored with ^ and $). `\\1` in the database user stands for what its first parenthesized group matched.", "", page(12)].join("\n"),
    );
  });

  test("the database user: \\1, and all, +group, /regex from 16", () => {
    expect(ident("omicron /^(.*)$ \\|1\n", 12)).toBe(["`\\1` — database user the system user may log in as. `\\1` is replaced by what the first parenthesized group of the system user's regular expression matched.", "", page(12)].join("\n"));
    expect(ident('omicron /^(.*)$ "\\|1"\n', 16)).toBe(['`"\\1"` — database user the system user may log in as. Quoted, `\\1` is kept as written.', "", page(16)].join("\n"));
    expect(ident("omicron bob \\|1\n")).toBe(["`\\1` — database user the system user may log in as. `\\1` is kept as written: the system user is not a regular expression.", "", page(18)].join("\n"));
    expect(ident("omicron bob a|ll\n", 16)).toBe(["**all** — any database user: the system user may log in as every role.", "", page(16)].join("\n"));
    expect(ident("omicron bob a|ll\n", 15)).toBe(["`all` — the database user named `all`: `all` means any user from PostgreSQL 16.", "", page(15)].join("\n"));
    expect(ident("omicron bob +adm|ins\n", 16)).toBe(["`+admins` — any database user that is a member of `admins`, directly or indirectly.", "", page(16)].join("\n"));
    expect(ident("omicron bob +adm|ins\n", 15)).toBe(["`+admins` — the database user named `+admins`: `+` means group membership from PostgreSQL 16.", "", page(15)].join("\n"));
    expect(ident("omicron bob /^app|_\n", 16)).toBe(["`/^app_` — a regular expression: any database user whose name matches `^app_`.", "", page(16)].join("\n"));
    expect(ident("omicron bob /^app|_\n", 15)).toBe(["`/^app_` — the database user named `/^app_`: `/` starts a regular expression from PostgreSQL 16.", "", page(15)].join("\n"));
    expect(ident("omicron bob bob ex|tra\n")).toBe("`extra` — ignored: a pg_ident.conf line has three fields (map, system user, database user).");
    expect(ident("omicron bob bob # b|ob\n")).toBeNull();
  });
});

describe("pg_hba.conf completion", () => {
  test("the start of a line: connection types, and include directives from 16", () => {
    const types = [...HBA_CONNECTION_TYPES];
    expect(hbaLabels("|", 15)).toEqual(types);
    expect(hbaLabels("|", 16)).toEqual([...types, "include", "include_if_exists", "include_dir"]);
    expect(hbaLabels("local all all peer\n|")).toEqual([...types, "include", "include_if_exists", "include_dir"]);
    const { text, offset } = at("local all all peer\nhos|t all all 10.0.0.0/8 md5\n");
    const host = hbaCompletions(text, offset, { version: 18, filePath: HBA, reader: null }).find((entry) => entry.label === "hostssl")!;
    expect(host).toMatchObject({ kind: "keyword", detail: "connection type", start: 19, end: 23, newText: "hostssl" });
    expect(host.documentation).toBe(["**hostssl** — connection type: TCP/IP connections that use SSL; it matches only with `ssl = on`. The `cert` method, `clientcert` and `clientname` need it.", "", docs(18, "auth-pg-hba-conf")].join("\n"));
  });

  test("methods valid for the version and the connection type", () => {
    expect(hbaLabels("host all all 10.0.0.0/8 |", 18)).toEqual(["scram-sha-256", "gss", "oauth", "ldap", "radius", "pam", "ident", "reject", "trust", "md5", "password"]);
    expect(hbaLabels("host all all 10.0.0.0/8 |", 17)).toEqual(["scram-sha-256", "gss", "ldap", "radius", "pam", "ident", "reject", "trust", "md5", "password"]);
    expect(hbaLabels("hostssl all all 10.0.0.0/8 |", 17)).toEqual(["scram-sha-256", "cert", "gss", "ldap", "radius", "pam", "ident", "reject", "trust", "md5", "password"]);
    expect(hbaLabels("local all all |", 17)).toEqual(["scram-sha-256", "peer", "ldap", "radius", "pam", "reject", "trust", "md5", "password"]);
    // After a separate netmask; nothing in the netmask field itself.
    expect(hbaLabels("host all all 10.0.0.1 255.255.255.255 s|", 17)[0]).toBe("scram-sha-256");
    expect(hbaLabels("host all all 10.0.0.1 |")).toEqual([]);
    const { text, offset } = at("host all all ::1/128 sc|ram-sha-256 # x");
    const items = hbaCompletions(text, offset, { version: 18, filePath: HBA, reader: null });
    expect(items.find((entry) => entry.label === "md5")).toMatchObject({ kind: "keyword", detail: "authentication method · considered insecure", start: 21, end: 34, newText: "md5" });
    expect(items.find((entry) => entry.label === "ldap")).toMatchObject({ detail: "authentication method · password in clear text" });
    expect(items.find((entry) => entry.label === "scram-sha-256")!.documentation).toMatch(/^\*\*scram-sha-256\*\* — authentication method: SCRAM-SHA-256 challenge-response password check/);
  });

  test("options of the method, with `=`, and their values", () => {
    expect(hbaLabels("local all all peer |")).toEqual(["map"]);
    expect(hbaLabels("host all all 0.0.0.0/0 scram-sha-256 |")).toEqual([]);
    expect(hbaLabels("hostssl all all 0.0.0.0/0 scram-sha-256 |", 13)).toEqual(["clientcert"]);
    expect(hbaLabels("hostssl all all 0.0.0.0/0 scram-sha-256 |", 14)).toEqual(["clientcert", "clientname"]);
    expect(hbaLabels("host all all 0.0.0.0/0 oauth |", 18)).toEqual(["map", "issuer", "scope", "validator", "delegate_ident_mapping"]);
    expect(hbaLabels("host all all 0.0.0.0/0 oauth |", 17)).toEqual([]);
    // Options already on the line are not offered again.
    expect(hbaLabels("host all all 0.0.0.0/0 radius radiusservers=a radiussecrets=b |")).toEqual(["radiusports", "radiusidentifiers"]);
    const { text, offset } = at("host all all 0.0.0.0/0 gss incl|");
    expect(hbaCompletions(text, offset, { version: 18, filePath: HBA, reader: null }).find((entry) => entry.label === "include_realm")).toMatchObject({
      kind: "parameter",
      detail: "option of gss",
      start: 27,
      end: 31,
      newText: "include_realm=",
      documentation: ["**include_realm** — `1` (the default): the realm stays in the name that `map=` sees (user@REALM); `0` strips it.", "", docs(18, "auth-gssapi")].join("\n"),
    });
    // Renaming an option: only the name is replaced.
    const rename = at("local all all peer ma|p=omicron");
    expect(hbaCompletions(rename.text, rename.offset, { version: 18, filePath: HBA, reader: null })).toMatchObject([{ label: "map", start: 19, end: 22, newText: "map" }]);
    // Values.
    expect(hbaLabels("hostssl all all 0.0.0.0/0 cert clientcert=|")).toEqual(["verify-full"]);
    expect(hbaLabels("hostssl all all 0.0.0.0/0 md5 clientcert=|")).toEqual(["verify-ca", "verify-full"]);
    expect(hbaLabels("hostssl all all 0.0.0.0/0 md5 clientcert=|", 13)).toEqual(["verify-ca", "verify-full", "1", "0", "no-verify"]);
    expect(hbaLabels("host all all 0.0.0.0/0 ldap ldaptls=|")).toEqual(["1", "0"]);
    const map = at("local all all peer map=om|");
    expect(hbaCompletions(map.text, map.offset, { version: 18, filePath: HBA, reader })).toEqual([
      { label: "omicron", kind: "value", detail: "user name map · pg_ident.conf lines 1, 2", newText: "omicron", start: 23, end: 25, sortText: "0000" },
      { label: "unused", kind: "value", detail: "user name map · pg_ident.conf line 3", newText: "unused", start: 23, end: 25, sortText: "0001" },
    ]);
  });

  test("keywords of the database, user and address fields", () => {
    expect(hbaLabels("host |")).toEqual(["all", "sameuser", "samerole", "replication"]);
    expect(hbaLabels("host sameuser,|")).toEqual(["all", "sameuser", "samerole", "replication"]);
    expect(hbaLabels("host all, rep|")).toEqual(["all", "sameuser", "samerole", "replication"]);
    expect(hbaLabels("host all |")).toEqual(["all"]);
    expect(hbaLabels("host all all |")).toEqual(["all", "samehost", "samenet", "127.0.0.1/32", "::1/128"]);
    expect(hbaLabels("host all all # |")).toEqual([]);
    expect(hbaLabels('host "al|')).toEqual([]);
  });
});

describe("pg_ident.conf completion", () => {
  test("map names: this file's, then those pg_hba.conf uses and no line defines", () => {
    const { text, offset } = at("omicron bob bob\nom|");
    expect(identCompletions(text, offset, { version: 18, filePath: IDENT, reader })).toEqual([
      { label: "omicron", kind: "value", detail: "user name map · line 1", newText: "omicron", start: 16, end: 18, sortText: "0000" },
      { label: "missing", kind: "value", detail: "used by pg_hba.conf line 2, not defined yet", newText: "missing", start: 16, end: 18, sortText: "0001" },
      expect.objectContaining({ label: "include" }),
      expect.objectContaining({ label: "include_if_exists" }),
      expect.objectContaining({ label: "include_dir" }),
    ]);
    expect(identLabels("omicron bob bob\n|", 15)).toEqual(["omicron", "missing"]);
  });

  test("the database user: all from 16, \\1 after a regular expression", () => {
    expect(identLabels("omicron bob |", 16)).toEqual(["all"]);
    expect(identLabels("omicron bob |", 15)).toEqual([]);
    expect(identLabels("omicron /^(.*)$ |", 16)).toEqual(["all", "\\1"]);
    expect(identLabels("omicron /^(.*)$ |", 15)).toEqual(["\\1"]);
    expect(identLabels("omicron |")).toEqual([]);
  });
});

test("the method table agrees with parseHba: same methods, same errors, every version and type", () => {
  const methodError = /^invalid authentication method|authentication is (only |not )supported/;
  for (const version of [12, 13, 14, 15, 16, 17, 18]) {
    for (const type of HBA_CONNECTION_TYPES) {
      for (const method of [...METHODS.map((m) => m.name), "scram", "kerberos"]) {
        const record = parseHba(`${type} all all ${type === "local" ? "" : "10.0.0.0/8 "}${method}\n`, { pgVersion: version }).records[0]!;
        const modelError = record.error !== null && methodError.test(record.error) ? record.error : null;
        expect([version, type, method, methodProblem(method, type, version)]).toEqual([version, type, method, modelError]);
      }
    }
  }
});
