// The typed model of a pg_hba.conf: every logical line, the include directives (16+) and the
// records, each read as hba.c's `parse_hba_line` reads it, with PostgreSQL's own error text.

import type { SourceText } from "../source";
import { DEFAULT_PG_VERSION } from "../views/types";
import { formatIp, parseNumericHost, cidrMask } from "./hba-address";
import type { IpAddress } from "./hba-address";
import { includeDirective, isContentLine, readAuthFile, singleToken } from "./hba-auth-file";
import type { AuthField, AuthFile, AuthInclude, AuthLine, AuthToken } from "./hba-auth-file";
import { applyAuthOption, checkMethodSettings, defaultAuthSettings } from "./hba-options";
import type { HbaAuthSettings, OptionContext } from "./hba-options";
import { regexError } from "./hba-regex";
import { isConnectionType } from "./hba-types";
import type { HbaConnectionType } from "./hba-types";

export type { AuthField, AuthInclude, AuthLine, AuthToken } from "./hba-auth-file";
export type { HbaAuthSettings } from "./hba-options";
export type { HbaConnectionType } from "./hba-types";

export interface HbaParseOptions {
  /** Target major version, 12-18 (default 18). */
  pgVersion?: number;
  /** Path of the file, for messages and for resolving includes. */
  fileName?: string;
  /** The server's `ssl` setting: with it off, hostssl records get an error (default on). */
  sslEnabled?: boolean;
  /** The server's `oauth_validator_libraries` setting (18+; default empty). */
  oauthValidatorLibraries?: string;
}

/** The ADDRESS field (and NETMASK when given separately). */
export type HbaAddress =
  | { kind: "all" | "samehost" | "samenet"; token: AuthToken }
  | {
      kind: "ip";
      token: AuthToken;
      address: IpAddress;
      mask: IpAddress;
      /** The prefix length written after `/`, or null with a separate netmask field. */
      prefixLength: number | null;
      /** The separate NETMASK token, if any. */
      netmaskToken: AuthToken | null;
    }
  | {
      kind: "hostname";
      token: AuthToken;
      name: string;
      /** A leading dot matches every name ending in it. */
      suffixMatch: boolean;
    };

export interface HbaOption {
  name: string;
  value: string;
  token: AuthToken;
}

export interface HbaRecord {
  line: AuthLine;
  lineNumber: number;
  /** The fields as read (`@file` tokens not expanded). */
  fields: AuthField[];
  connectionType: HbaConnectionType | null;
  databases: AuthToken[] | null;
  users: AuthToken[] | null;
  address: HbaAddress | null;
  /** The METHOD token. */
  methodToken: AuthToken | null;
  /** The method as the server names it (`ident` on a local line is `peer`). */
  authMethod: string | null;
  options: HbaOption[];
  /** What the options set, as the view prints them (null until the method is known). */
  settings: HbaAuthSettings | null;
  /** PostgreSQL's error for this line: the `error` column of pg_hba_file_rules. */
  error: string | null;
  /** parse_hba_line returned a rule: the view fills this line's columns. A hostssl record on a
   *  server without SSL is accepted with an error; some failures are rejected with no error. */
  accepted: boolean;
  /** A failure the server only logs (the view shows a row of NULLs): e.g. a bad clientcert value. */
  logMessage: string | null;
}

export interface HbaDocument {
  source: SourceText;
  pgVersion: number;
  fileName: string | null;
  /** Every logical line, in order; their spans tile the text. */
  lines: AuthLine[];
  /** Include directives (16+). */
  includes: AuthInclude[];
  /** Every line that is neither blank, a comment nor an include directive. */
  records: HbaRecord[];
  /** The text, byte for byte. */
  toString(): string;
}

/** Which tokens of a DATABASE or USER field mean something special, per version. */
export function isRegexToken(token: AuthToken, pgVersion: number): boolean {
  return pgVersion >= 16 && token.value.startsWith("/");
}
export function isKeywordToken(token: AuthToken, keyword: string): boolean {
  return !token.quoted && token.value === keyword;
}
export function isGroupToken(token: AuthToken): boolean {
  return !token.quoted && token.value.startsWith("+");
}

const METHODS_ALL_VERSIONS = ["trust", "ident", "peer", "password", "gss", "sspi", "reject", "md5", "scram-sha-256", "pam", "bsd", "ldap", "cert", "radius"];
/** Methods a full Linux build lacks (SSPI is Windows-only, BSD auth OpenBSD-only). */
const METHODS_NOT_IN_BUILD = new Set(["sspi", "bsd"]);

interface RecordContext {
  pgVersion: number;
  sslEnabled: boolean;
  oauthValidatorLibraries: string;
}

class LineFailure {
  constructor(
    readonly error: string | null,
    readonly logMessage: string | null = null,
  ) {}
}

/**
 * Reads one record from its fields (the view passes fields with `@file` tokens expanded).
 * Follows parse_hba_line step by step; the first failure ends the reading.
 */
export function parseHbaRecord(line: AuthLine, fields: AuthField[], options: HbaParseOptions = {}): HbaRecord {
  return readRecordLine(line, fields, recordContext(options));
}

function recordContext(options: HbaParseOptions): RecordContext {
  return {
    pgVersion: options.pgVersion ?? DEFAULT_PG_VERSION,
    sslEnabled: options.sslEnabled ?? true,
    oauthValidatorLibraries: options.oauthValidatorLibraries ?? "",
  };
}

/** No options: one frozen array for every record without any (read only). */
const NO_OPTIONS: HbaOption[] = Object.freeze([]) as unknown as HbaOption[];

/**
 * A record as read. What follows from the line is asked of it instead of kept: the line number,
 * the fields (the line's own unless the view expanded `@file` tokens), and the DATABASE and USER
 * tokens (the fields' tokens, a new array when the field has one token: see ScannedToken). A
 * lint keeps every record to its end; this one keeps 11 fields and no arrays of its own.
 */
class ReadRecord implements HbaRecord {
  connectionType: HbaConnectionType | null = null;
  address: HbaAddress | null = null;
  methodToken: AuthToken | null = null;
  authMethod: string | null = null;
  options: HbaOption[] = NO_OPTIONS;
  settings: HbaAuthSettings | null = null;
  error: string | null = null;
  accepted = false;
  logMessage: string | null = null;
  /** How far the reading got: 1 once the DATABASE field is taken, 2 once the USER field is. */
  fieldsTaken = 0;
  /** The fields, when they are not the line's (expanded by the view). */
  private readonly otherFields: AuthField[] | null;

  constructor(
    readonly line: AuthLine,
    fields: AuthField[],
  ) {
    this.otherFields = fields === line.fields ? null : fields;
  }

  get lineNumber(): number {
    return this.line.lineNumber;
  }

  get fields(): AuthField[] {
    return this.otherFields ?? this.line.fields;
  }

  get databases(): AuthToken[] | null {
    return this.fieldsTaken >= 1 ? this.fields[1]!.tokens : null;
  }

  get users(): AuthToken[] | null {
    return this.fieldsTaken >= 2 ? this.fields[2]!.tokens : null;
  }
}

function readRecordLine(line: AuthLine, fields: AuthField[], ctx: RecordContext): HbaRecord {
  const record = new ReadRecord(line, fields);
  if (line.tokenizerError) {
    record.error = line.tokenizerError;
    return record;
  }
  try {
    readRecord(record, fields, ctx);
    record.accepted = true;
  } catch (failure) {
    if (!(failure instanceof LineFailure)) throw failure;
    if (failure.error !== null) record.error = failure.error;
    record.logMessage = failure.logMessage;
  }
  return record;
}

function fail(error: string): never {
  throw new LineFailure(error);
}

function failSilently(logMessage: string): never {
  throw new LineFailure(null, logMessage);
}

function readRecord(record: ReadRecord, fields: AuthField[], ctx: RecordContext): void {
  let index = 0;
  const typeToken = singleToken(fields[index]!);
  if (!typeToken) fail("multiple values specified for connection type");
  const typeName = typeToken.value;
  if (!isConnectionType(typeName)) fail(`invalid connection type "${typeName}"`);
  record.connectionType = typeName;
  // Not a failure: the rule is kept, with the error shown.
  if (typeName === "hostssl" && !ctx.sslEnabled) record.error = "hostssl record cannot match because SSL is disabled";

  const databases = fields[++index];
  if (!databases) fail("end-of-line before database specification");
  checkRegexes(databases.tokens, ctx.pgVersion);
  record.fieldsTaken = 1;

  const users = fields[++index];
  if (!users) fail("end-of-line before role specification");
  checkRegexes(users.tokens, ctx.pgVersion);
  record.fieldsTaken = 2;

  if (typeName !== "local") {
    const addressField = fields[++index];
    if (!addressField) fail("end-of-line before IP address specification");
    const addressToken = singleToken(addressField);
    if (!addressToken) fail("multiple values specified for host address");
    const address = readAddress(addressToken, fields[index + 1]);
    record.address = address;
    if (address.kind === "ip" && address.netmaskToken !== null) index++;
  }

  const methodField = fields[++index];
  if (!methodField) fail("end-of-line before authentication method");
  const methodToken = singleToken(methodField);
  if (!methodToken) fail("multiple values specified for authentication type");
  record.methodToken = methodToken;
  const method = methodToken.value;
  if (!METHODS_ALL_VERSIONS.includes(method) && !(ctx.pgVersion >= 18 && method === "oauth")) fail(`invalid authentication method "${method}"`);
  if (METHODS_NOT_IN_BUILD.has(method)) fail(`invalid authentication method "${method}": not supported by this build`);
  const authMethod = typeName === "local" && method === "ident" ? "peer" : method;
  record.authMethod = authMethod;
  if (typeName === "local" && authMethod === "gss") fail("gssapi authentication is not supported on local sockets");
  if (typeName !== "local" && authMethod === "peer") fail("peer authentication is only supported on local sockets");
  if (typeName !== "hostssl" && authMethod === "cert") fail("cert authentication is only supported on hostssl connections");

  // Options and the cert method write to the settings; every other record reads the defaults.
  const settings = index + 1 < fields.length || authMethod === "cert" ? defaultAuthSettings(authMethod) : sharedDefaultSettings(authMethod);
  record.settings = settings;
  const optionContext: OptionContext = { pgVersion: ctx.pgVersion, connectionType: typeName, method: authMethod };
  for (let f = index + 1; f < fields.length; f++) {
    for (const token of fields[f]!.tokens) {
      const equals = token.value.indexOf("=");
      if (equals === -1) fail(`authentication option not in name=value format: ${token.value}`);
      const option = { name: token.value.slice(0, equals), value: token.value.slice(equals + 1), token };
      if (record.options === NO_OPTIONS) record.options = [option];
      else record.options.push(option);
      const result = applyAuthOption(settings, option.name, option.value, optionContext);
      if (result?.error !== undefined) fail(result.error);
      if (result?.silent !== undefined) failSilently(result.silent);
    }
  }
  const result = checkMethodSettings(settings, optionContext, ctx.oauthValidatorLibraries);
  if (result?.error !== undefined) fail(result.error);
  if (result?.silent !== undefined) failSilently(result.silent);
}

const sharedDefaults = new Map<string, HbaAuthSettings>();

/** The defaults of a method, one frozen object for every record that sets nothing: 34 fields a
 *  record are a tenth of the model, which a lint keeps to its end. */
function sharedDefaultSettings(method: string): HbaAuthSettings {
  let settings = sharedDefaults.get(method);
  if (!settings) sharedDefaults.set(method, (settings = Object.freeze(defaultAuthSettings(method))));
  return settings;
}

function checkRegexes(tokens: AuthToken[], pgVersion: number): void {
  for (const token of tokens) {
    if (!isRegexToken(token, pgVersion)) continue;
    const pattern = token.value.slice(1);
    const problem = regexError(pattern);
    if (problem) fail(`invalid regular expression "${pattern}": ${problem}`);
  }
}

/** The ADDRESS field's token (and the NETMASK field, which an IP address without a CIDR mask
 *  takes: then the result has a netmaskToken). */
function readAddress(token: AuthToken, netmaskField: AuthField | undefined): HbaAddress {
  if (!token.quoted && (token.value === "all" || token.value === "samehost" || token.value === "samenet")) return { kind: token.value, token };
  const text = token.value;
  const slash = text.indexOf("/");
  const hostText = slash === -1 ? text : text.slice(0, slash);
  const ip = parseNumericHost(hostText);
  if (!ip) {
    if (slash !== -1) fail(`specifying both host name and CIDR mask is invalid: "${text}"`);
    return { kind: "hostname", token, name: hostText, suffixMatch: hostText.startsWith(".") };
  }
  if (slash !== -1) {
    const mask = cidrMask(text.slice(slash + 1), ip.family);
    if (!mask) fail(`invalid CIDR mask in address "${text}"`);
    const prefixLength = mask.bytes.reduce((bits, byte) => bits + popCount(byte), 0);
    return { kind: "ip", token, address: ip, mask, prefixLength, netmaskToken: null };
  }
  if (!netmaskField) fail("end-of-line before netmask specification");
  const netmaskToken = singleToken(netmaskField);
  if (!netmaskToken) fail("multiple values specified for netmask");
  const mask = parseNumericHost(netmaskToken.value);
  if (!mask) fail(`invalid IP mask "${netmaskToken.value}": Name or service not known`);
  if (mask.family !== ip.family) fail("IP address and mask do not match");
  return { kind: "ip", token, address: ip, mask, prefixLength: null, netmaskToken };
}

function popCount(byte: number): number {
  let count = 0;
  for (let b = byte; b; b >>= 1) count += b & 1;
  return count;
}

/** The address and netmask columns of pg_hba_file_rules for a record's address. */
export function addressColumns(address: HbaAddress | null): { address: string | null; netmask: string | null } {
  if (!address) return { address: null, netmask: null };
  switch (address.kind) {
    case "all":
    case "samehost":
    case "samenet":
      return { address: address.kind, netmask: null };
    case "hostname":
      return { address: address.name, netmask: null };
    case "ip":
      return { address: formatIp(address.address), netmask: formatIp(address.mask) };
  }
}

/** Builds the model of one pg_hba.conf text. */
export function parseHba(input: string | SourceText, options: HbaParseOptions = {}): HbaDocument {
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const file = readAuthFile(input, { pgVersion, fileName: options.fileName });
  return buildDocument(file, { ...options, pgVersion });
}

function buildDocument(file: AuthFile, options: HbaParseOptions): HbaDocument {
  const includes: AuthInclude[] = [];
  const records: HbaRecord[] = [];
  const ctx = recordContext(options);
  for (const line of file.lines) {
    if (!isContentLine(line)) continue;
    const include = includeDirective(line, file.pgVersion);
    if (include) includes.push(include);
    else records.push(readRecordLine(line, line.fields, ctx));
  }
  const source = file.source;
  return {
    source,
    pgVersion: file.pgVersion,
    fileName: file.fileName,
    lines: file.lines,
    includes,
    records,
    toString: () => source.text,
  };
}
