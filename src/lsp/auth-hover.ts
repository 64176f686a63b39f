// Hover in pg_hba.conf and pg_ident.conf: what the token under the cursor means on its line, for
// the document's target version (connection types, database and user keywords, addresses and
// the network they cover, methods, options; map names, system and database users).
import path = require("node:path");
import { editDistance } from "../catalog";
import { isGroupToken, isKeywordToken, isRegexToken } from "../model/hba";
import type { AuthInclude, AuthToken, HbaAddress } from "../model/hba";
import { formatIp } from "../model/hba-address";
import type { IpAddress } from "../model/hba-address";
import { readAuthFile } from "../model/hba-auth-file";
import { absoluteConfigLocation } from "../model/hba-expand";
import { HBA_CONNECTION_TYPES, isConnectionType } from "../model/hba-types";
import type { HbaConnectionType } from "../model/hba-types";
import { SourceText } from "../source";
import { groupDigits } from "../text";
import type { ConfFileReader } from "../views/file-settings";
import { CONNECTION_TYPE_TEXT, HBA_PAGE, IDENT_PAGE, INCLUDE_TEXT, METHODS, code, docsLink, methodDoc, methodLines, methodProblem, optionDoc, optionProblem, serverMethod, table, validOptions } from "./auth-docs";
import type { IncludeKeyword, OptionDoc } from "./auth-docs";
import { hbaDocument, hbaLineInfo, hbaRole, identDocument, identIncludeOf, identRecordOf, positionIn } from "./auth-lines";
import type { HbaLineInfo } from "./auth-lines";
import { describeLines, hbaMapUses, identMaps } from "./auth-neighbours";
import type { HoverResult } from "./hover";

/** What hover may read besides the document: the other files of its directory. */
export interface AuthHoverContext {
  version: number;
  /** Absolute path of the document. */
  filePath: string;
  /** Reads the directory's other files (open documents over the disk); null: none are read. */
  reader: ConfFileReader | null;
}

function result(lines: string[], start: number, end: number): HoverResult {
  return { markdown: lines.join("\n"), start, end };
}

const INCLUDE_WORDS: readonly IncludeKeyword[] = ["include", "include_if_exists", "include_dir"];

function isIncludeWord(value: string): value is IncludeKeyword {
  return (INCLUDE_WORDS as readonly string[]).includes(value);
}

/** The hover of an include directive's keyword or path (16+). */
function includeHover(include: AuthInclude, token: AuthToken, ctx: AuthHoverContext, page: string): HoverResult {
  if (token === include.path) {
    const target = path.resolve(path.dirname(ctx.filePath), include.path.value);
    return result([`${code(include.kind)} → ${code(target)}`], token.span.start, token.span.end);
  }
  return result(includeMarkdown(include.kind, ctx.version, page), token.span.start, token.span.end);
}

/** The candidate a misspelt word most likely means: one it begins, else one at most 2 edits away. */
function closest(value: string, candidates: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  if (lower.length >= 3) {
    const extended = candidates.find((candidate) => candidate.startsWith(lower));
    if (extended) return extended;
  }
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function connectionTypeMarkdown(type: HbaConnectionType, version: number): string[] {
  return [`**${type}** — connection type: ${CONNECTION_TYPE_TEXT[type]}`, "", docsLink(HBA_PAGE, version)];
}

export function includeMarkdown(kind: IncludeKeyword, version: number, page: string): string[] {
  return [`**${kind}** — ${INCLUDE_TEXT[kind]}`, "", docsLink(page, version)];
}

function typeMarkdown(token: AuthToken, version: number): string[] {
  const value = token.value;
  if (!token.quoted && isConnectionType(value)) return connectionTypeMarkdown(value, version);
  if (isIncludeWord(value)) {
    if (version < 16) return [`${code(token.text)} — not a connection type: include directives in pg_hba.conf are PostgreSQL 16+.`];
    return [`**${value}** — ${INCLUDE_TEXT[value]} The line must be \`${value} PATH\`.`, "", docsLink(HBA_PAGE, version)];
  }
  const guess = closest(value, HBA_CONNECTION_TYPES);
  return [`${code(token.text)} — not a connection type${guess ? `; did you mean **${guess}**?` : ` (${HBA_CONNECTION_TYPES.join(", ")}).`}`];
}

/** `@file`: the names the file lists. */
function fileRefMarkdown(token: AuthToken, ctx: AuthHoverContext): string[] {
  const target = absoluteConfigLocation(token.fileRef!, ctx.filePath);
  let names = "";
  if (ctx.reader) {
    const bytes = ctx.reader.readFile(target);
    if (bytes instanceof Uint8Array) {
      const values = readAuthFile(SourceText.fromBytes(bytes), { pgVersion: ctx.version }).lines.flatMap((line) => line.fields.flatMap((field) => field.tokens.map((t) => t.value)));
      const shown = values.slice(0, 8).map(code).join(", ");
      names = values.length === 0 ? " (none: the file lists no names)" : `: ${shown}${values.length > 8 ? `, … (${values.length} in all)` : ""}`;
    } else names = bytes.error === "ENOENT" ? " (the file does not exist)" : ` (the file cannot be read: ${bytes.error})`;
  }
  return [`${code(token.text)} — the names listed in ${code(target)}${names}`];
}

function regexMarkdown(token: AuthToken, what: string): string[] {
  return [`${code(token.text)} — a regular expression: every ${what} whose name matches ${code(token.value.slice(1))} (anywhere in the name, unless anchored with ^ and $).`];
}

export const DATABASE_KEYWORDS: Record<string, string> = {
  all: "every database; physical replication connections match only `replication`.",
  sameuser: "the database with the same name as the requested user.",
  samerole: "a database named like a role the requested user is a member of (a superuser only by explicit membership).",
  samegroup: "an obsolete spelling of `samerole`: a database named like a role the requested user is a member of.",
  replication: "physical replication connections (which name no database). Logical replication connections name a database and match like any other.",
};

function databaseMarkdown(token: AuthToken, ctx: AuthHoverContext): string[] | null {
  if (token.fileRef !== null) return fileRefMarkdown(token, ctx);
  if (isRegexToken(token, ctx.version)) return regexMarkdown(token, "database");
  const keyword = DATABASE_KEYWORDS[token.value];
  if (keyword !== undefined) {
    if (token.quoted) return [`${code(token.text)} — the database named ${code(token.value)}: quoted, it is not the keyword.`];
    return [`**${token.value}** — ${keyword}`, "", docsLink(HBA_PAGE, ctx.version)];
  }
  if (token.value.startsWith("/") && !token.quoted) return [`${code(token.text)} — the database named ${code(token.value)}: regular expressions are PostgreSQL 16+.`];
  return null;
}

function userMarkdown(token: AuthToken, ctx: AuthHoverContext): string[] | null {
  if (token.fileRef !== null) return fileRefMarkdown(token, ctx);
  if (isRegexToken(token, ctx.version)) return regexMarkdown(token, "user");
  if (isKeywordToken(token, "all")) return ["**all** — every user.", "", docsLink(HBA_PAGE, ctx.version)];
  if (isGroupToken(token)) return [`${code(token.text)} — every role that is a member of ${code(token.value.slice(1))}, directly or indirectly (a superuser only by explicit membership).`, "", docsLink(HBA_PAGE, ctx.version)];
  if (token.quoted && (token.value === "all" || token.value.startsWith("+"))) return [`${code(token.text)} — the role named ${code(token.value)}: quoted, it is ${token.value === "all" ? "not the keyword" : "not a group"}.`];
  if (!token.quoted && DATABASE_KEYWORDS[token.value] !== undefined) return [`${code(token.value)} — the role named ${code(token.value)}: \`${token.value}\` is a keyword in the database field only.`];
  if (token.value.startsWith("/") && !token.quoted) return [`${code(token.text)} — the role named ${code(token.value)}: regular expressions are PostgreSQL 16+.`];
  return null;
}

export const ADDRESS_KEYWORDS: Record<string, string> = {
  all: "any IP address.",
  samehost: "any of the server's own IP addresses.",
  samenet: "any address of a subnet the server is directly connected to.",
};

function popCount(byte: number): number {
  let count = 0;
  for (let b = byte; b; b >>= 1) count += b & 1;
  return count;
}

/** The addresses an address and mask match (`written`: the address as written). */
export function networkText(address: IpAddress, mask: IpAddress, written = ""): string {
  const family = address.family === 4 ? "IPv4" : "IPv6";
  // An address makes its byte array when asked: ask once.
  const bytes = address.bytes;
  const maskBytes = mask.bytes;
  const first: IpAddress = { family: address.family, bytes: bytes.map((byte, i) => byte & maskBytes[i]!) };
  const last: IpAddress = { family: address.family, bytes: bytes.map((byte, i) => (byte & maskBytes[i]!) | (~maskBytes[i]! & 0xff)) };
  const ones = maskBytes.reduce((sum, byte) => sum + popCount(byte), 0);
  const zeros = maskBytes.length * 8 - ones;
  const count = zeros > 64 ? `2^${zeros}` : groupDigits(2n ** BigInt(zeros));
  const contiguous = /^1*0*$/.test(maskBytes.map((byte) => byte.toString(2).padStart(8, "0")).join(""));
  const ignored = first.bytes.some((byte, i) => byte !== bytes[i]) ? `; the host bits of ${formatIp(address)} are ignored` : "";
  if (!contiguous) return `the ${family} addresses whose bits under the mask ${formatIp(mask)} are those of ${formatIp(first)}: ${count} addresses, not one range (the mask is not contiguous)`;
  if (zeros === 0) return `the single ${family} address ${formatIp(first)}`;
  if (ones === 0) return `every ${family} address (${count} addresses)`;
  const network = written === `${formatIp(first)}/${ones}` ? "" : ` ${formatIp(first)}/${ones}:`;
  return `the ${family} network${network} ${formatIp(first)} – ${formatIp(last)} (${count} addresses)${ignored}`;
}

function addressHover(address: HbaAddress, version: number): HoverResult {
  const token = address.token;
  if (address.kind !== "ip" && address.kind !== "hostname") {
    return result([`**${address.kind}** — ${ADDRESS_KEYWORDS[address.kind]}`, "", docsLink(HBA_PAGE, version)], token.span.start, token.span.end);
  }
  if (address.kind === "hostname") {
    const what = address.suffixMatch
      ? `any client whose host name ends in ${code(address.name)}`
      : `a client whose IP address has the host name ${code(address.name)}`;
    return result([`${code(token.text)} — host name: ${what} (reverse DNS lookup, confirmed by a forward lookup, on every connection).`, "", docsLink(HBA_PAGE, version)], token.span.start, token.span.end);
  }
  const end = address.netmaskToken ?? token;
  const written = address.netmaskToken ? `${token.text} ${address.netmaskToken.text}` : token.text;
  return result([`${code(written)} — ${networkText(address.address, address.mask, written)}.`], token.span.start, end.span.end);
}

/** The hover text of a method written on a line of this type (null: a type not known yet). */
export function methodMarkdown(written: string, type: HbaConnectionType | null, version: number): string[] {
  const doc = methodDoc(written);
  if (!doc || (doc.since !== undefined && version < doc.since)) {
    const later = doc?.since !== undefined ? ` (added in PostgreSQL ${doc.since})` : "";
    const guess = later ? undefined : closest(written, METHODS.filter((method) => !method.notInBuild && (method.since ?? 0) <= version).map((method) => method.name));
    return [`${code(written)} — not an authentication method of PostgreSQL ${version}${later}${guess ? `; did you mean **${guess}**?` : "."}`];
  }
  const method = serverMethod(written, type);
  const shown = methodDoc(method)!;
  const summary = method !== written ? `on a local line this is **${method}**: ${shown.summary}` : doc.summary;
  const rows: [string, string][] = [];
  if (shown.password !== null) rows.push(["Password", shown.password]);
  if (shown.security) rows.push(["Security", shown.security(version)]);
  const lines = methodLines(method);
  if (lines) rows.push(["Lines", lines]);
  const problem = methodProblem(written, type, version);
  if (problem) rows.push(["Not allowed here", problem]);
  else if (type) {
    const options = validOptions(method, type, version);
    if (options.length > 0) rows.push(["Options", options.map((option) => `\`${option.name}\``).join(", ")]);
  }
  return [`**${written}** — authentication method: ${summary}`, ...table(rows), "", docsLink(shown.page, version)];
}

function methodHover(token: AuthToken, info: HbaLineInfo, ctx: AuthHoverContext): HoverResult {
  const lines = token.quoted ? [`${code(token.text)} — not an authentication method: a quoted method is never recognised.`] : methodMarkdown(token.value, info.type, ctx.version);
  return result(lines, token.span.start, token.span.end);
}

/** The hover text of an option for a method (without the line's value). */
export function optionMarkdown(doc: OptionDoc, method: string, version: number, rows: [string, string][] = []): string[] {
  return [`**${doc.name}** — ${doc.summary(method)}`, ...table(rows), "", docsLink(doc.page(method), version)];
}

function optionHover(token: AuthToken, info: HbaLineInfo, ctx: AuthHoverContext): HoverResult | null {
  const equals = token.value.indexOf("=");
  if (equals === -1) return result([`${code(token.text)} — not an option: options are written \`name=value\`.`], token.span.start, token.span.end);
  const name = token.value.slice(0, equals);
  const value = token.value.slice(equals + 1);
  const doc = optionDoc(name);
  const method = info.record?.authMethod ?? (info.line.fields[info.methodField]?.tokens[0]?.value ?? null);
  if (!doc) return result([`${code(name)} — not an authentication option${method ? ` of ${method}` : ""}.`], token.span.start, token.span.end);
  const rows: [string, string][] = [["Value", value === "" ? "(empty)" : code(value)]];
  const problem = method && info.type && methodDoc(method) ? optionProblem(name, value, method, info.type, ctx.version) : null;
  if (problem) rows.push(["Not accepted", problem]);
  if (name === "map" && ctx.reader && !problem) {
    const dir = path.dirname(ctx.filePath);
    const maps = identMaps(dir, ctx.version, ctx.reader);
    if (maps) {
      const lines = maps.get(value);
      rows.push(["Map", lines ? `defined on ${describeLines(lines, dir)}` : "**not defined** in pg_ident.conf: every login through this line fails"]);
    }
  }
  return result(optionMarkdown(doc, method ?? "", ctx.version, rows), token.span.start, token.span.end);
}

/** The hover of a pg_hba.conf text at `offset`, or null. */
export function hbaHover(text: string, offset: number, ctx: AuthHoverContext): HoverResult | null {
  const document = hbaDocument(text, ctx.version, ctx.filePath);
  const position = positionIn(document.lines, text, offset);
  const { line, token } = position;
  if (!line || !token || position.inComment) return null;
  const info = hbaLineInfo(document, line);
  if (info.include) return includeHover(info.include, token, ctx, HBA_PAGE);
  const span = (lines: string[] | null): HoverResult | null => (lines ? result(lines, token.span.start, token.span.end) : null);
  switch (hbaRole(info, position.field, ctx.version)) {
    case "type":
      return span(typeMarkdown(token, ctx.version));
    case "database":
      return span(databaseMarkdown(token, ctx));
    case "user":
      return span(userMarkdown(token, ctx));
    case "address":
    case "netmask":
      return info.record?.address ? addressHover(info.record.address, ctx.version) : null;
    case "method":
      return methodHover(token, info, ctx);
    case "option":
      return optionHover(token, info, ctx);
    default:
      return null;
  }
}

/** The map name of a pg_ident.conf line: its lines here, its uses in pg_hba.conf. */
function mapNameHover(token: AuthToken, ctx: AuthHoverContext, lineNumbers: number[]): string[] {
  const out = [`${code(token.value)} — user name map, on line${lineNumbers.length === 1 ? "" : "s"} ${lineNumbers.join(", ")} of this file.`];
  if (ctx.reader) {
    const dir = path.dirname(ctx.filePath);
    const uses = hbaMapUses(dir, ctx.version, ctx.reader);
    if (uses) {
      const found = uses.get(token.value);
      out.push("", found ? `Used by \`map=${token.value}\` on ${describeLines(found, dir)}.` : `**Not used**: no \`map=${token.value}\` in pg_hba.conf, so these lines have no effect.`);
    }
  }
  out.push("", docsLink(IDENT_PAGE, ctx.version));
  return out;
}

function systemUserMarkdown(token: AuthToken, version: number): string[] {
  if (token.value.startsWith("/")) {
    return [
      `${code(token.text)} — a regular expression on the system user name: ${code(token.value.slice(1))} (anywhere in the name, unless anchored with ^ and $). \`\\1\` in the database user stands for what its first parenthesized group matched.`,
      "",
      docsLink(IDENT_PAGE, version),
    ];
  }
  return [`${code(token.text)} — system user name: the name the method reports (the operating system user for peer and ident, the Kerberos principal for gss, the certificate's CN or DN for cert).`, "", docsLink(IDENT_PAGE, version)];
}

function databaseUserMarkdown(token: AuthToken, systemUser: AuthToken | null, version: number): string[] {
  const link = ["", docsLink(IDENT_PAGE, version)];
  const special = !token.quoted && (token.value === "all" || token.value.startsWith("+") || token.value.startsWith("/"));
  if (version >= 16) {
    if (isKeywordToken(token, "all")) return ["**all** — any database user: the system user may log in as every role.", ...link];
    if (isGroupToken(token)) return [`${code(token.text)} — any database user that is a member of ${code(token.value.slice(1))}, directly or indirectly.`, ...link];
    if (token.value.startsWith("/")) return [`${code(token.text)} — a regular expression: any database user whose name matches ${code(token.value.slice(1))}.`, ...link];
  } else if (special) {
    const what = token.value === "all" ? "`all` means any user" : token.value.startsWith("+") ? "`+` means group membership" : "`/` starts a regular expression";
    return [`${code(token.text)} — the database user named ${code(token.value)}: ${what} from PostgreSQL 16.`, ...link];
  }
  const base = `${code(token.text)} — database user the system user may log in as.`;
  if (!token.value.includes("\\1")) return [base, ...link];
  if (!systemUser?.value.startsWith("/")) return [`${base} \`\\1\` is kept as written: the system user is not a regular expression.`, ...link];
  if (version >= 16 && token.quoted) return [`${base} Quoted, \`\\1\` is kept as written.`, ...link];
  return [`${base} \`\\1\` is replaced by what the first parenthesized group of the system user's regular expression matched.`, ...link];
}

/** The hover of a pg_ident.conf text at `offset`, or null. */
export function identHover(text: string, offset: number, ctx: AuthHoverContext): HoverResult | null {
  const document = identDocument(text, ctx.version, ctx.filePath);
  const position = positionIn(document.lines, text, offset);
  const { line, token } = position;
  if (!line || !token || position.inComment) return null;
  const include = identIncludeOf(document, line);
  if (include) return includeHover(include, token, ctx, IDENT_PAGE);
  const record = identRecordOf(document, line);
  const span = (lines: string[]): HoverResult => result(lines, token.span.start, token.span.end);
  switch (position.field) {
    case 0: {
      if (ctx.version < 16 && isIncludeWord(token.value)) return span([`${code(token.text)} — a map named ${code(token.value)}: include directives in pg_ident.conf are PostgreSQL 16+.`]);
      const lineNumbers = document.records.filter((candidate) => candidate.mapName?.value === token.value).map((candidate) => candidate.lineNumber);
      return span(mapNameHover(token, ctx, lineNumbers.length > 0 ? lineNumbers : [line.lineNumber]));
    }
    case 1:
      return span(systemUserMarkdown(token, ctx.version));
    case 2:
      return span(databaseUserMarkdown(token, record?.systemUser ?? line.fields[1]?.tokens[0] ?? null, ctx.version));
    default:
      return span([`${code(token.text)} — ignored: a pg_ident.conf line has three fields (map, system user, database user).`]);
  }
}
