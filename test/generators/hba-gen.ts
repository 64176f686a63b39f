// Seeded generator of tricky pg_hba.conf files for the conformance suite: hba.c's tokenizer
// (quotes anywhere, comma lists, comments, continuation lines) and its record checks.
import type { Prng } from "./prng";

const TYPES = ["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc", "HOST", "hostx", "\"host\""];
const DATABASES = [
  "all", "sameuser", "samerole", "samegroup", "replication", "\"all\"", "\"replication\"", "db1", "db1,db2", "db1, db2",
  "db1 ,db2", ",db1", "\"my db\"", "a\"b c\"d", "+admins", "@dbs.txt", "/^db.*$", "\"/^quoted$\"", "\"\"", "db\"\"x",
  "ALL", "All", "db1,,db2",
];
const USERS = [
  "all", "\"all\"", "postgres", "alice,bob", "+staff", "\"+staff\"", "@users.txt", "/^u[0-9]+$", "\"with space\"",
  "samerole", "bob,+grp,/^x", "user#notcomment", "\"quoted#hash\"",
];
const ADDRESSES = [
  "127.0.0.1/32", "10.0.0.0/8", "10.1.0.0/8", "10.0.0.0/33", "0.0.0.0/0", "::1/128", "::/0", "fe80::1/64", "2001:db8::/129",
  "192.168.1.1 255.255.255.0", "192.168.1.1 255.255.0.255", "::1 ffff:ffff::", "all", "samehost", "samenet",
  "db.example.com", ".example.com", "\"samehost\"", "10.0.0.1", "256.1.1.1/32", "10.0.0.0/-1", "10.0.0.0/", "/24",
  "1.2.3.4/32,5.6.7.8/32", "localhost",
];
const METHODS = [
  "trust", "reject", "scram-sha-256", "md5", "password", "ident", "peer", "cert", "radius", "crypt", "krb5", "bogus",
  "MD5", "\"trust\"", "sspi", "bsd", "oauth",
];
// Host names in options are avoided: the servers would resolve them (no DNS here).
// ldap, gss and pam are judged only by a full build (the npm servers lack them).
export const FULL_BUILD_METHODS = ["ldap", "gss", "pam"];
const OPTIONS = [
  "", "", "", " map=mymap", " clientcert=verify-ca", " clientcert=verify-full", " clientcert=1", " clientcert=0",
  " clientcert=no-verify", " extra=1", " map", " map=", " =x", " include_realm=0", " krb_realm=EXAMPLE.COM",
  " radiusservers=127.0.0.1 radiussecrets=secret1", " radiusservers=127.0.0.1,127.0.0.2 radiussecrets=x",
  " radiusservers=127.0.0.1,127.0.0.2 radiussecrets=x,y radiusports=1812", " radiusserver=127.0.0.1",
  " clientname=DN", " clientname=CN", " pamservice=x", " ldapserver=ldap.example.com", " map=\"quoted map\"",
  " # trailing comment", "#nospace", " map=a,b", " clientcert=verify-full map=m",
];
const LDAP_OPTIONS = [
  " ldapserver=ldap.example.com ldapprefix=\"cn=\" ldapsuffix=\", dc=example, dc=net\"",
  " ldapserver=ldap.example.com ldapbasedn=\"dc=example, dc=net\" ldapsearchattribute=uid",
  " ldapurl=\"ldap://ldap.example.net/dc=example,dc=net?uid?sub\"", " ldapserver=ldap.example.com",
  " ldapserver=x ldapprefix=a ldapbasedn=b", " ldaptls=1 ldapserver=x ldapprefix=a", " ldapscheme=ldaps ldapserver=x ldapbasedn=b",
];

function recordLine(rng: Prng, fullBuild: boolean): string {
  const sep = () => rng.pick([" ", "  ", "\t", " \t "]);
  const type = rng.pick(TYPES);
  const fields = [type, rng.pick(DATABASES), rng.pick(USERS)];
  const isLocal = type === "local";
  if (!isLocal || rng.chance(0.1)) fields.push(rng.pick(ADDRESSES));
  const method = fullBuild && rng.chance(0.5) ? rng.pick(FULL_BUILD_METHODS) : rng.pick(METHODS);
  if (!rng.chance(0.05)) fields.push(method);
  let options = method === "ldap" ? rng.pick(LDAP_OPTIONS) : rng.pick(OPTIONS);
  if (rng.chance(0.05)) options += " \\"; // continuation (14+), or a bad option before 14
  return rng.pick(["", "", " ", "\t"]) + fields.join(sep()) + options;
}

function oddLine(rng: Prng): string {
  return rng.pick([
    "", "# comment", "   ", "local", "local all", "host all all", "host all all 10.0.0.0/8", "local all all peer \\",
    "    map=continued", "include missing.conf", "include_if_exists missing.conf", "include_dir missing_dir",
    "\"unterminated", "local all all trust \"", "local\tall\tall\ttrust # tabs", "local all all peer map=a \\",
    "local all all md5 extra", "host all all 127.0.0.1/32 md5 clientcert=verify-full",
  ]);
}

/** One generated pg_hba.conf: 1–6 lines. `fullBuild` adds ldap/gss/pam records. */
export function generateHbaFile(rng: Prng, fullBuild = false): string {
  const count = rng.int(1, 6);
  const eol = rng.chance(0.9) ? "\n" : "\r\n";
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(rng.chance(0.8) ? recordLine(rng, fullBuild) : oddLine(rng));
  return lines.join(eol) + (rng.chance(0.9) ? eol : "");
}

const MAPS = ["mymap", "\"quoted map\"", "m1", "MAP", "+notgroup", "all"];
const SYSTEM_USERS = ["alice", "/^(.*)@example\\.com$", "\"/^(.*)$\"", "/(", "\"bob smith\"", "root", "/^([a-z]+)$", "+grp", "all"];
const PG_USERS = ["alice", "\\1", "postgres", "+admins", "\"+admins\"", "all", "\"all\"", "/^db.*$", "x\\1y", "\"\""];

/** One generated pg_ident.conf: 1–6 lines. */
export function generateIdentFile(rng: Prng): string {
  const count = rng.int(1, 6);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.15)) {
      lines.push(rng.pick(["", "# comment", "onlymap", "map sysuser", "map a b c", "include missing.conf", "m a b \\", " b"]));
      continue;
    }
    const sep = rng.pick([" ", "\t", "   "]);
    lines.push([rng.pick(MAPS), rng.pick(SYSTEM_USERS), rng.pick(PG_USERS)].join(sep) + rng.pick(["", "", " # c", ",x", " extra"]));
  }
  return lines.join("\n") + (rng.chance(0.9) ? "\n" : "");
}
