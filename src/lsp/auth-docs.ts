// What the hover and completion of pg_hba.conf and pg_ident.conf say: the connection types,
// authentication methods and options, with their documentation pages. Which method and option
// is valid where is the model's knowledge (src/model/hba.ts, src/model/hba-options.ts); the
// method table here mirrors parse_hba_line, and a test holds it against parseHba.
import { applyAuthOption, defaultAuthSettings } from "../model/hba-options";
import type { HbaConnectionType } from "../model/hba-types";

export const DOCS_BASE = "https://www.postgresql.org/docs/";

/** A page of the documentation of `version`, as the conf hover links it. */
export function docsLink(page: string, version: number): string {
  return `[PostgreSQL ${version} documentation](${DOCS_BASE}${version}/${page}.html)`;
}

/** Inline code for any text (a fence longer than any run of backticks in it). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A two-column table of the conf hover's style. */
export function table(rows: [string, string][]): string[] {
  if (rows.length === 0) return [];
  return ["", "| | |", "|---|---|", ...rows.map(([key, value]) => `| ${key} | ${value.replace(/\|/g, "\\|")} |`)];
}

export const HBA_PAGE = "auth-pg-hba-conf";
export const IDENT_PAGE = "auth-username-maps";

export const CONNECTION_TYPE_TEXT: Record<HbaConnectionType, string> = {
  local: "connections over the Unix-domain socket (the line has no address field).",
  host: "TCP/IP connections, with or without SSL or GSSAPI encryption.",
  hostssl: "TCP/IP connections that use SSL; it matches only with `ssl = on`. The `cert` method, `clientcert` and `clientname` need it.",
  hostnossl: "TCP/IP connections that do not use SSL.",
  hostgssenc: "TCP/IP connections that use GSSAPI encryption.",
  hostnogssenc: "TCP/IP connections that do not use GSSAPI encryption.",
};

export type IncludeKeyword = "include" | "include_if_exists" | "include_dir";
export const INCLUDE_TEXT: Record<IncludeKeyword, string> = {
  include: "reads the lines of another file here (a path relative to this file's directory); an error if it cannot be read.",
  include_if_exists: "reads the lines of another file here, if it exists (a path relative to this file's directory).",
  include_dir: "reads every `.conf` file of a directory here, in file name order (a path relative to this file's directory).",
};

export interface MethodDoc {
  name: string;
  /** What it does, one sentence. */
  summary: string;
  page: string;
  /** What the client sends: null when nothing is asked (reject). */
  password: string | null;
  /** Why it is weak, when it is (rendered in the Security row). */
  security?: (version: number) => string;
  /** The first version that has it. */
  since?: number;
  /** Windows or OpenBSD only: the model, for a Linux build, rejects it. */
  notInBuild?: boolean;
}

const CLEAR_TEXT = "**sent in clear text** by the client: use it on hostssl lines only";

/** In the order completion offers them: the strong ones first, the weak ones last. */
export const METHODS: readonly MethodDoc[] = [
  { name: "scram-sha-256", summary: "SCRAM-SHA-256 challenge-response password check, the strongest password method.", page: "auth-password", password: "never sent (challenge-response); the role needs a SCRAM password (`password_encryption = scram-sha-256`)" },
  { name: "peer", summary: "takes the client's operating system user name from the kernel; it must be the database user, or map to it with `map=`.", page: "auth-peer", password: "none" },
  { name: "cert", summary: "authenticates with the client's SSL certificate: its CN (or DN, with `clientname=DN`) must be the database user, or map to it with `map=`.", page: "auth-cert", password: "none (client certificate)" },
  { name: "gss", summary: "GSSAPI (Kerberos) single sign-on: the client's Kerberos ticket proves who it is.", page: "auth-gssapi", password: "none (Kerberos ticket)" },
  { name: "oauth", summary: "OAuth 2.0: the client presents a bearer token, which a validator module of `oauth_validator_libraries` checks; `issuer` and `scope` are required.", page: "auth-oauth", password: "none (bearer token)", since: 18 },
  { name: "ldap", summary: "checks the user name and password against an LDAP server (simple bind with `ldapprefix`/`ldapsuffix`, or search+bind with `ldapbasedn`).", page: "auth-ldap", password: `${CLEAR_TEXT}; to the LDAP server encrypted only with \`ldaptls=1\` or ldaps` },
  { name: "radius", summary: "checks the user name and password with a RADIUS server.", page: "auth-radius", password: CLEAR_TEXT },
  { name: "pam", summary: "checks the user name and password with PAM (service `pamservice`, default postgresql).", page: "auth-pam", password: CLEAR_TEXT },
  {
    name: "ident",
    summary: "asks the ident server (RFC 1413) on the client host which operating system user opened the connection; on a local line it means peer.",
    page: "auth-ident",
    password: "none",
    security: () => "weak: the answer comes from the client host; trust it only where you control every client host",
  },
  { name: "reject", summary: "refuses the connection; later lines are not tried.", page: HBA_PAGE, password: null },
  { name: "trust", summary: "lets the client in without any check, as any user the line matches.", page: "auth-trust", password: "none asked", security: () => "**insecure**: no authentication at all; whoever can connect this way logs in" },
  {
    name: "md5",
    summary: "MD5 challenge-response password check (the SCRAM exchange instead when the role's password is stored as SCRAM).",
    page: "auth-password",
    password: "never sent (challenge-response)",
    security: (version) => `**considered insecure**: MD5 is weak, and a stolen MD5 hash is enough to log in${version >= 18 ? "; MD5 passwords are deprecated in PostgreSQL 18" : ""}. Use scram-sha-256`,
  },
  { name: "password", summary: "asks for the password and compares it with the stored one.", page: "auth-password", password: "**sent in clear text**", security: () => "**considered insecure**: whoever reads the traffic gets the password. Use scram-sha-256" },
  { name: "sspi", summary: "SSPI (Kerberos or NTLM) single sign-on; Windows servers only.", page: "auth-sspi", password: "none", notInBuild: true },
  { name: "bsd", summary: "checks the user name and password with BSD Authentication; OpenBSD servers only.", page: "auth-bsd", password: "**sent in clear text**", notInBuild: true },
];

export function methodDoc(name: string): MethodDoc | undefined {
  return METHODS.find((method) => method.name === name);
}

/** The method as the server names it: `ident` on a local line is `peer`. */
export function serverMethod(method: string, type: HbaConnectionType | null): string {
  return type === "local" && method === "ident" ? "peer" : method;
}

/** Why parse_hba_line rejects `method` on a line of this type and version (its own error
 *  text), or null when it accepts it. */
export function methodProblem(method: string, type: HbaConnectionType | null, version: number): string | null {
  const doc = methodDoc(method);
  if (!doc || (doc.since !== undefined && version < doc.since)) return `invalid authentication method "${method}"`;
  if (doc.notInBuild) return `invalid authentication method "${method}": not supported by this build`;
  const actual = serverMethod(method, type);
  if (type === "local" && actual === "gss") return "gssapi authentication is not supported on local sockets";
  if (type !== null && type !== "local" && actual === "peer") return "peer authentication is only supported on local sockets";
  if (type !== null && type !== "hostssl" && actual === "cert") return "cert authentication is only supported on hostssl connections";
  return null;
}

/** Where a method is allowed, when not everywhere. */
export function methodLines(method: string): string | null {
  if (method === "peer") return "local lines only";
  if (method === "cert") return "hostssl lines only";
  if (method === "gss" || method === "sspi") return "TCP/IP lines only (not local)";
  return null;
}

/** What an option does, for the method of its line. */
export interface OptionDoc {
  name: string;
  summary: (method: string) => string;
  /** The values completion offers (the model decides which the version and method accept). */
  values?: readonly string[];
  /** A value the model accepts, to ask it whether the name is valid for a method. */
  sample: string;
  page: (method: string) => string;
}

const MAP_SUBJECT: Record<string, string> = {
  ident: "the user name the client's ident server reports",
  peer: "the operating system user name",
  gss: "the Kerberos principal (with its realm unless `include_realm=0`)",
  sspi: "the Windows user name (with its realm unless `include_realm=0`)",
  cert: "the certificate's CN (or DN, with `clientname=DN`)",
  oauth: "the identity the validator module returns",
};

const BOOL = ["1", "0"] as const;
const same = (page: string) => () => page;
const ofMethod = (method: string): string => methodDoc(method)?.page ?? HBA_PAGE;

export const OPTIONS: readonly OptionDoc[] = [
  { name: "map", summary: (method) => `the user name map (pg_ident.conf) from ${MAP_SUBJECT[method] ?? "the authenticated name"} to the database users it may log in as.`, sample: "m", page: same(IDENT_PAGE) },
  {
    name: "clientcert",
    summary: (method) =>
      method === "cert"
        ? "cert always checks the certificate fully: `verify-full` is the only value allowed."
        : "also require a client certificate: `verify-ca` checks that a trusted CA (`ssl_ca_file`) signed it, `verify-full` also that its CN (or DN, `clientname`) is the database user or maps to it.",
    values: ["verify-ca", "verify-full", "1", "0", "no-verify"],
    sample: "verify-full",
    page: same("auth-cert"),
  },
  { name: "clientname", summary: () => "the certificate field compared with the user name: `CN` (the default) or `DN`.", values: ["CN", "DN"], sample: "CN", page: same("auth-cert") },
  { name: "pamservice", summary: () => "the PAM service name (default postgresql).", sample: "x", page: ofMethod },
  { name: "pam_use_hostname", summary: () => "`1`: give PAM the client's host name (PAM_RHOST) instead of its IP address (default `0`).", values: BOOL, sample: "1", page: ofMethod },
  { name: "ldapserver", summary: () => "the LDAP servers (names or IP addresses, separated by spaces).", sample: "x", page: ofMethod },
  { name: "ldapport", summary: () => "the LDAP server's port (default 389, 636 with ldaps).", sample: "389", page: ofMethod },
  { name: "ldapscheme", summary: () => "`ldaps`: LDAP over TLS to the LDAP server (the other value is `ldap`).", values: ["ldaps", "ldap"], sample: "ldaps", page: ofMethod },
  { name: "ldaptls", summary: () => "`1`: StartTLS on the connection to the LDAP server (the password travels to it in clear text otherwise).", values: BOOL, sample: "1", page: ofMethod },
  { name: "ldapprefix", summary: () => "simple bind: what comes before the user name in the DN to bind as.", sample: "x", page: ofMethod },
  { name: "ldapsuffix", summary: () => "simple bind: what comes after the user name in the DN to bind as.", sample: "x", page: ofMethod },
  { name: "ldapbasedn", summary: () => "search+bind: the DN where the search for the user starts.", sample: "x", page: ofMethod },
  { name: "ldapbinddn", summary: () => "search+bind: the DN to bind as for the search (default: an anonymous bind).", sample: "x", page: ofMethod },
  { name: "ldapbindpasswd", summary: () => "search+bind: the password of `ldapbinddn` (kept in clear text in this file).", sample: "x", page: ofMethod },
  { name: "ldapsearchattribute", summary: () => "search+bind: the attribute matched with the user name (default uid).", sample: "x", page: ofMethod },
  { name: "ldapsearchfilter", summary: () => "search+bind: the search filter; `$username` stands for the user name.", sample: "x", page: ofMethod },
  { name: "ldapurl", summary: () => "an RFC 4516 LDAP URL: server, port, base DN, attribute, scope and filter in one.", sample: "ldap://x/", page: ofMethod },
  { name: "krb_realm", summary: () => "accept only users of this Kerberos realm.", sample: "x", page: ofMethod },
  { name: "include_realm", summary: () => "`1` (the default): the realm stays in the name that `map=` sees (user@REALM); `0` strips it.", values: BOOL, sample: "1", page: ofMethod },
  { name: "compat_realm", summary: () => "`1` (the default): the realm is the domain's SAM-compatible (NetBIOS) name; `0`: the Kerberos realm.", values: BOOL, sample: "1", page: ofMethod },
  { name: "upn_username", summary: () => "`1`: the user name is the user principal name (UPN) instead of the SAM account name.", values: BOOL, sample: "1", page: ofMethod },
  { name: "radiusservers", summary: () => "the RADIUS servers, comma-separated.", sample: "x", page: ofMethod },
  { name: "radiussecrets", summary: () => "the shared secrets of the RADIUS servers (one, or one per server).", sample: "x", page: ofMethod },
  { name: "radiusports", summary: () => "the RADIUS servers' ports (default 1812; one, or one per server).", sample: "1812", page: ofMethod },
  { name: "radiusidentifiers", summary: () => "the NAS-Identifier of the requests (default postgresql; one, or one per server).", sample: "x", page: ofMethod },
  { name: "issuer", summary: () => "the OAuth authorization server's issuer identifier (an HTTPS URL), which clients use for discovery.", sample: "https://x", page: ofMethod },
  { name: "scope", summary: () => "the OAuth scopes (space-separated) the client asks for and the validator checks.", sample: "x", page: ofMethod },
  { name: "validator", summary: () => "the validator library (one of `oauth_validator_libraries`) that checks the tokens; needed when there are several.", sample: "x", page: ofMethod },
  { name: "delegate_ident_mapping", summary: () => "`1`: the validator module decides which database users the token may log in as, instead of `map=` (not both).", values: BOOL, sample: "1", page: ofMethod },
];

export function optionDoc(name: string): OptionDoc | undefined {
  return OPTIONS.find((option) => option.name === name);
}

/** Why the model rejects `name=value` on a line of this method, type and version, or null. */
export function optionProblem(name: string, value: string, method: string, type: HbaConnectionType, version: number): string | null {
  const result = applyAuthOption(defaultAuthSettings(method), name, value, { pgVersion: version, connectionType: type, method });
  return result?.error ?? result?.silent ?? null;
}

/** The options the model accepts for a method on a line of this type and version. */
export function validOptions(method: string, type: HbaConnectionType, version: number): OptionDoc[] {
  return OPTIONS.filter((option) => optionProblem(option.name, option.sample, method, type, version) === null);
}

/** The values of an option that the model accepts for this method, type and version. */
export function validValues(option: OptionDoc, method: string, type: HbaConnectionType, version: number): string[] {
  return (option.values ?? []).filter((value) => optionProblem(option.name, value, method, type, version) === null);
}
