// Authentication options of a pg_hba.conf record (`name=value` after the method), validated
// as hba.c's `parse_hba_auth_opt` and the end of `parse_hba_line` do, per major version, for
// a full Linux build (OpenSSL, GSSAPI, OpenLDAP, PAM; no SSPI or BSD auth).
//
// Some of hba.c's checks log a message without setting the line's error: the view then shows a
// row whose columns and error are all NULL. `OptionResult.silent` marks those.

import type { HbaConnectionType } from "./hba-types";

/** The HbaLine fields the options set, as pg_hba_file_rules prints them. */
export interface HbaAuthSettings {
  usermap: string | null;
  clientcert: "off" | "verify-ca" | "verify-full";
  clientname: "CN" | "DN" | null;
  pamservice: string | null;
  pamUseHostname: boolean;
  includeRealm: boolean;
  krbRealm: string | null;
  compatRealm: boolean;
  upnUsername: boolean;
  ldapServer: string | null;
  ldapPort: number;
  ldapScheme: string | null;
  ldapTls: boolean;
  ldapPrefix: string | null;
  ldapSuffix: string | null;
  ldapBaseDn: string | null;
  ldapBindDn: string | null;
  ldapBindPasswd: string | null;
  ldapSearchAttribute: string | null;
  ldapSearchFilter: string | null;
  ldapScope: number;
  radiusServers: string[] | null;
  radiusServersText: string | null;
  radiusSecrets: string[] | null;
  radiusSecretsText: string | null;
  radiusPorts: string[] | null;
  radiusPortsText: string | null;
  radiusIdentifiers: string[] | null;
  radiusIdentifiersText: string | null;
  oauthIssuer: string | null;
  oauthScope: string | null;
  oauthValidator: string | null;
  oauthSkipUsermap: boolean;
}

export function defaultAuthSettings(method: string): HbaAuthSettings {
  return {
    usermap: null,
    clientcert: "off",
    clientname: null,
    pamservice: null,
    pamUseHostname: false,
    // gss and sspi default to include_realm=1
    includeRealm: method === "gss" || method === "sspi",
    krbRealm: null,
    compatRealm: method === "sspi",
    upnUsername: false,
    ldapServer: null,
    ldapPort: 0,
    ldapScheme: null,
    ldapTls: false,
    ldapPrefix: null,
    ldapSuffix: null,
    ldapBaseDn: null,
    ldapBindDn: null,
    ldapBindPasswd: null,
    ldapSearchAttribute: null,
    ldapSearchFilter: null,
    ldapScope: 0,
    radiusServers: null,
    radiusServersText: null,
    radiusSecrets: null,
    radiusSecretsText: null,
    radiusPorts: null,
    radiusPortsText: null,
    radiusIdentifiers: null,
    radiusIdentifiersText: null,
    oauthIssuer: null,
    oauthScope: null,
    oauthValidator: null,
    oauthSkipUsermap: false,
  };
}

/** An option's outcome: `error` is the line's error (the view's column); `silent` is a server
 *  log message for a failure that leaves the view's error NULL. */
export interface OptionResult {
  error?: string;
  silent?: string;
}

export interface OptionContext {
  pgVersion: number;
  connectionType: HbaConnectionType;
  method: string;
}

const LDAP_SCOPE_SUBTREE = 2;

function invalidFor(option: string, methods: string): OptionResult {
  return { error: `authentication option "${option}" is only valid for authentication methods ${methods}` };
}

function requireMethod(ctx: OptionContext, method: string, option: string): OptionResult | null {
  return ctx.method === method ? null : invalidFor(option, method);
}

/** C atoi: optional whitespace and sign, then digits; anything else stops it (0 if none). */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(text);
  if (!match) return 0;
  const value = Number(match[1]);
  // atoi of an out-of-range value is undefined in C; glibc wraps through strtol to a long.
  return Number.isFinite(value) ? Math.trunc(value) : 0;
}

function isScannerSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
}

/** varlena.c SplitGUCList: comma-separated, optionally double-quoted, elements; null on a
 *  syntax error. An empty (or blank) string is an empty list. */
export function splitGucList(text: string, separator = ","): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (isScannerSpace(text[i])) i++;
  if (i >= text.length) return out;
  for (;;) {
    let name: string;
    if (text[i] === '"') {
      name = "";
      i++;
      for (;;) {
        const end = text.indexOf('"', i);
        if (end === -1) return null;
        name += text.slice(i, end);
        if (text[end + 1] === '"') {
          name += '"';
          i = end + 2;
          continue;
        }
        i = end + 1;
        break;
      }
    } else {
      const start = i;
      while (i < text.length && text[i] !== separator && !isScannerSpace(text[i])) i++;
      if (i === start) return null;
      name = text.slice(start, i);
    }
    while (isScannerSpace(text[i])) i++;
    out.push(name);
    if (text[i] === separator) {
      i++;
      while (isScannerSpace(text[i])) i++;
      continue;
    }
    if (i >= text.length) return out;
    return null;
  }
}

/** ldap_err2string of OpenLDAP's LDAP_URL_ERR_* codes (hba.c passes them to it as if they were
 *  result codes, hence the odd texts the server prints). */
const LDAP_URL_ERROR_TEXT: Record<number, string> = {
  3: "Time limit exceeded", // LDAP_URL_ERR_BADSCHEME
  4: "Size limit exceeded", // LDAP_URL_ERR_BADENCLOSURE
  5: "Compare False", // LDAP_URL_ERR_BADURL
  6: "Compare True", // LDAP_URL_ERR_BADHOST
  7: "Authentication method not supported", // LDAP_URL_ERR_BADATTRS
  8: "Strong(er) authentication required", // LDAP_URL_ERR_BADSCOPE
  9: "Partial results and referral received", // LDAP_URL_ERR_BADFILTER
  10: "Referral", // LDAP_URL_ERR_BADEXTS
};

interface LdapUrl {
  scheme: string;
  host: string | null;
  port: number;
  dn: string | null;
  attrs: string[] | null;
  scope: number;
  filter: string | null;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** OpenLDAP ldap_url_parse, for what hba.c takes from it. Returns an LDAP_URL_ERR_* code on
 *  failure. */
function parseLdapUrl(input: string): LdapUrl | number {
  let url = input.trim();
  if (url.startsWith("<")) {
    if (!url.endsWith(">")) return 4;
    url = url.slice(1, -1);
  }
  if (/^url:/i.test(url)) url = url.slice(4);
  const schemeMatch = /^(ldaps?|ldapi):\/\//i.exec(url);
  if (!schemeMatch) return 3;
  const scheme = schemeMatch[1]!.toLowerCase();
  let rest = url.slice(schemeMatch[0].length);
  const slash = rest.indexOf("/");
  const hostPart = slash === -1 ? rest.replace(/\?.*$/, "") : rest.slice(0, slash);
  rest = slash === -1 ? "" : rest.slice(slash + 1);
  if (/[ ]/.test(hostPart)) return 5;
  let host: string | null = null;
  let port = 0;
  if (hostPart !== "") {
    let hostText = hostPart;
    let portText: string | null = null;
    if (hostText.startsWith("[")) {
      const close = hostText.indexOf("]");
      if (close === -1) return 6;
      portText = hostText[close + 1] === ":" ? hostText.slice(close + 2) : null;
      hostText = hostText.slice(1, close);
    } else {
      const colon = hostText.lastIndexOf(":");
      if (colon !== -1) {
        portText = hostText.slice(colon + 1);
        hostText = hostText.slice(0, colon);
      }
    }
    if (portText !== null && portText !== "") {
      if (!/^[0-9]+$/.test(portText)) return 5;
      port = Number(portText);
    }
    host = hostText === "" ? null : percentDecode(hostText);
  }
  if (port === 0) port = scheme === "ldaps" ? 636 : 389;
  const parts = slash === -1 ? [] : rest.split("?");
  const dn = slash === -1 ? null : percentDecode(parts[0] ?? "");
  const attrsText = parts[1];
  const attrs = attrsText ? attrsText.split(",").map(percentDecode) : null;
  const scopeText = (parts[2] ?? "").toLowerCase();
  const scopes: Record<string, number> = { "": 0, base: 0, one: 1, onelevel: 1, sub: 2, subtree: 2, children: 3, subord: 3, subordinate: 3 };
  const scope = scopes[scopeText];
  if (scope === undefined) return 8;
  const filter = parts[3] ? percentDecode(parts[3]) : null;
  return { scheme, host, port, dn, attrs, scope, filter };
}

/**
 * Applies one `name=value` option to the settings, as parse_hba_auth_opt does. Returns the
 * failure, or null when the option is accepted.
 */
export function applyAuthOption(settings: HbaAuthSettings, name: string, value: string, ctx: OptionContext): OptionResult | null {
  const { pgVersion, method } = ctx;
  // Every option resets the LDAP scope to subtree (a quirk of parse_hba_auth_opt).
  settings.ldapScope = LDAP_SCOPE_SUBTREE;
  switch (name) {
    case "map": {
      const methods = pgVersion >= 18 ? ["ident", "peer", "gss", "sspi", "cert", "oauth"] : ["ident", "peer", "gss", "sspi", "cert"];
      if (!methods.includes(method)) {
        return invalidFor("map", pgVersion >= 18 ? "ident, peer, gssapi, sspi, cert, and oauth" : "ident, peer, gssapi, sspi, and cert");
      }
      settings.usermap = value;
      return null;
    }
    case "clientcert":
      return applyClientcert(settings, value, ctx);
    case "clientname":
      if (pgVersion < 14) break;
      if (ctx.connectionType !== "hostssl") return { error: 'clientname can only be configured for "hostssl" rows' };
      if (value !== "CN" && value !== "DN") return { silent: `invalid value for clientname: "${value}"` };
      settings.clientname = value;
      return null;
    case "pamservice":
      return requireMethod(ctx, "pam", name) ?? ((settings.pamservice = value), null);
    case "pam_use_hostname":
      return requireMethod(ctx, "pam", name) ?? ((settings.pamUseHostname = value === "1"), null);
    case "ldapurl":
      return requireMethod(ctx, "ldap", name) ?? applyLdapUrl(settings, value);
    case "ldaptls":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapTls = value === "1"), null);
    case "ldapscheme":
      // An unknown scheme is only logged; the value is kept.
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapScheme = value), null);
    case "ldapserver":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapServer = value), null);
    case "ldapport": {
      const failure = requireMethod(ctx, "ldap", name);
      if (failure) return failure;
      settings.ldapPort = atoi(value);
      return settings.ldapPort === 0 ? { error: `invalid LDAP port number: "${value}"` } : null;
    }
    case "ldapbinddn":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapBindDn = value), null);
    case "ldapbindpasswd":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapBindPasswd = value), null);
    case "ldapsearchattribute":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapSearchAttribute = value), null);
    case "ldapsearchfilter":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapSearchFilter = value), null);
    case "ldapbasedn":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapBaseDn = value), null);
    case "ldapprefix":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapPrefix = value), null);
    case "ldapsuffix":
      return requireMethod(ctx, "ldap", name) ?? ((settings.ldapSuffix = value), null);
    case "krb_realm":
      if (method !== "gss" && method !== "sspi") return invalidFor(name, "gssapi and sspi");
      settings.krbRealm = value;
      return null;
    case "include_realm":
      if (method !== "gss" && method !== "sspi") return invalidFor(name, "gssapi and sspi");
      settings.includeRealm = value === "1";
      return null;
    case "compat_realm":
      if (method !== "sspi") return invalidFor(name, "sspi");
      settings.compatRealm = value === "1";
      return null;
    case "upn_username":
      if (method !== "sspi") return invalidFor(name, "sspi");
      settings.upnUsername = value === "1";
      return null;
    case "radiusservers": {
      const failure = requireMethod(ctx, "radius", name);
      if (failure) return failure;
      const servers = splitGucList(value);
      if (!servers) return { silent: `could not parse RADIUS server list "${value}"` };
      // hba.c resolves each name here; a static check cannot, so every name is taken as valid.
      settings.radiusServers = servers;
      settings.radiusServersText = value;
      return null;
    }
    case "radiusports": {
      const failure = requireMethod(ctx, "radius", name);
      if (failure) return failure;
      const ports = splitGucList(value);
      if (!ports) return { error: `invalid RADIUS port number: "${value}"` };
      if (ports.some((port) => atoi(port) === 0)) return { silent: `invalid RADIUS port number: "${value}"` };
      settings.radiusPorts = ports;
      settings.radiusPortsText = value;
      return null;
    }
    case "radiussecrets": {
      const failure = requireMethod(ctx, "radius", name);
      if (failure) return failure;
      const secrets = splitGucList(value);
      if (!secrets) return { silent: `could not parse RADIUS secret list "${value}"` };
      settings.radiusSecrets = secrets;
      settings.radiusSecretsText = value;
      return null;
    }
    case "radiusidentifiers": {
      const failure = requireMethod(ctx, "radius", name);
      if (failure) return failure;
      const identifiers = splitGucList(value);
      if (!identifiers) return { silent: `could not parse RADIUS identifiers list "${value}"` };
      settings.radiusIdentifiers = identifiers;
      settings.radiusIdentifiersText = value;
      return null;
    }
    case "issuer":
    case "scope":
    case "validator":
    case "delegate_ident_mapping": {
      if (pgVersion < 18) break;
      const failure = requireMethod(ctx, "oauth", name);
      if (failure) return failure;
      if (name === "issuer") settings.oauthIssuer = value;
      else if (name === "scope") settings.oauthScope = value;
      else if (name === "validator") settings.oauthValidator = value;
      else settings.oauthSkipUsermap = value === "1";
      return null;
    }
  }
  return { error: `unrecognized authentication option name: "${name}"` };
}

function applyClientcert(settings: HbaAuthSettings, value: string, ctx: OptionContext): OptionResult | null {
  if (ctx.connectionType !== "hostssl") return { error: 'clientcert can only be configured for "hostssl" rows' };
  const invalid = { silent: `invalid value for clientcert: "${value}"` };
  if (ctx.pgVersion >= 14) {
    if (value === "verify-full") settings.clientcert = "verify-full";
    else if (value === "verify-ca") {
      if (ctx.method === "cert") return { error: 'clientcert can only be set to "verify-full" when using "cert" authentication' };
      settings.clientcert = "verify-ca";
    } else return invalid;
    return null;
  }
  // 12-13: 1/0 and no-verify are still accepted.
  if (value === "1" || value === "verify-ca") settings.clientcert = "verify-ca";
  else if (value === "verify-full") settings.clientcert = "verify-full";
  else if (value === "0" || value === "no-verify") {
    if (ctx.method === "cert") {
      const cannot = ctx.pgVersion >= 13 ? "cannot" : "can not";
      return { error: `clientcert ${cannot} be set to "no-verify" when using "cert" authentication` };
    }
    settings.clientcert = "off";
  } else return invalid;
  return null;
}

function applyLdapUrl(settings: HbaAuthSettings, value: string): OptionResult | null {
  const url = parseLdapUrl(value);
  if (typeof url === "number") return { error: `could not parse LDAP URL "${value}": ${LDAP_URL_ERROR_TEXT[url] ?? "Unknown error"}` };
  if (url.scheme !== "ldap" && url.scheme !== "ldaps") return { error: `unsupported LDAP URL scheme: ${url.scheme}` };
  settings.ldapScheme = url.scheme;
  if (url.host !== null) settings.ldapServer = url.host;
  settings.ldapPort = url.port;
  if (url.dn !== null) settings.ldapBaseDn = url.dn;
  if (url.attrs) settings.ldapSearchAttribute = url.attrs[0] ?? null;
  settings.ldapScope = url.scope;
  if (url.filter !== null) settings.ldapSearchFilter = url.filter;
  return null;
}

/** The checks at the end of parse_hba_line that need all options (ldap, radius, oauth). */
export function checkMethodSettings(settings: HbaAuthSettings, ctx: OptionContext, oauthValidatorLibraries: string): OptionResult | null {
  const { method, pgVersion } = ctx;
  if (method === "ldap") {
    if (settings.ldapPrefix !== null || settings.ldapSuffix !== null) {
      if (settings.ldapBaseDn !== null || settings.ldapBindDn !== null || settings.ldapBindPasswd !== null || settings.ldapSearchAttribute !== null || settings.ldapSearchFilter !== null) {
        return {
          error:
            pgVersion >= 18
              ? "cannot mix options for simple bind and search+bind modes"
              : "cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, ldapsearchfilter, or ldapurl together with ldapprefix",
        };
      }
    } else if (settings.ldapBaseDn === null) {
      return { error: 'authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set' };
    }
    if (settings.ldapSearchAttribute !== null && settings.ldapSearchFilter !== null) {
      return { error: "cannot use ldapsearchattribute together with ldapsearchfilter" };
    }
  }
  if (method === "radius") {
    // An empty list is NIL in C, the same as never set.
    if (!settings.radiusServers?.length) return { error: 'authentication method "radius" requires argument "radiusservers" to be set' };
    if (!settings.radiusSecrets?.length) return { error: 'authentication method "radius" requires argument "radiussecrets" to be set' };
    const servers = settings.radiusServers.length;
    const lists: [string, string[] | null][] = [
      ["secrets", settings.radiusSecrets],
      ["ports", settings.radiusPorts],
      ["identifiers", settings.radiusIdentifiers],
    ];
    for (const [what, list] of lists) {
      const n = list?.length ?? 0;
      if (n > 1 && n !== servers) {
        const message = `the number of RADIUS ${what} (${n}) must be 1 or the same as the number of RADIUS servers (${servers})`;
        // Before 15 this was only logged.
        return pgVersion >= 15 ? { error: message } : { silent: message };
      }
    }
  }
  if (method === "cert") settings.clientcert = "verify-full";
  if (method === "oauth" && pgVersion >= 18) {
    if (settings.oauthScope === null) return { error: 'authentication method "oauth" requires argument "scope" to be set' };
    if (settings.oauthIssuer === null) return { error: 'authentication method "oauth" requires argument "issuer" to be set' };
    const libraries = splitGucList(oauthValidatorLibraries) ?? [];
    if (libraries.length === 0) return { error: "oauth_validator_libraries must be set for authentication method oauth" };
    if (settings.oauthValidator === null) {
      if (libraries.length > 1) {
        return { error: 'authentication method "oauth" requires argument "validator" to be set when oauth_validator_libraries contains multiple options' };
      }
    } else if (!libraries.includes(settings.oauthValidator)) {
      return { error: `validator "${settings.oauthValidator}" is not permitted by oauth_validator_libraries` };
    }
    if (settings.oauthSkipUsermap && settings.usermap !== null) return { error: "map cannot be used in combination with delegate_ident_mapping" };
  }
  return null;
}
