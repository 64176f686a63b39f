// Completion in pg_hba.conf and pg_ident.conf, by the field the cursor is in: connection types
// (and 16+ include directives) at the start of a line, keywords of the database, user and
// address fields, the methods the version allows on the line's connection type, the options of
// the line's method and their values; in pg_ident.conf the map names (this file's and those
// pg_hba.conf uses) and the database user's keywords.
import path = require("node:path");
import { HBA_CONNECTION_TYPES } from "../model/hba-types";
import { HBA_PAGE, IDENT_PAGE, METHODS, docsLink, methodProblem, optionDoc, serverMethod, validOptions, validValues } from "./auth-docs";
import type { IncludeKeyword } from "./auth-docs";
import { hbaDocument, hbaLineInfo, hbaRole, identDocument, positionIn } from "./auth-lines";
import type { AuthPosition, HbaLineInfo } from "./auth-lines";
import { ADDRESS_KEYWORDS, DATABASE_KEYWORDS, connectionTypeMarkdown, includeMarkdown, methodMarkdown, optionMarkdown } from "./auth-hover";
import type { AuthHoverContext } from "./auth-hover";
import { describeLines, hbaMapUses, identMaps } from "./auth-neighbours";
import type { CompletionEntry } from "./completion";

const INCLUDES: readonly IncludeKeyword[] = ["include", "include_if_exists", "include_dir"];

/** The range a completion replaces: the token under the cursor, or nothing at the cursor. */
function replaced(position: AuthPosition, offset: number): { start: number; end: number } {
  return position.token ? { start: position.token.span.start, end: position.token.span.end } : { start: offset, end: offset };
}

function entries(items: Omit<CompletionEntry, "start" | "end" | "sortText">[], range: { start: number; end: number }): CompletionEntry[] {
  return items.map((item, index) => ({ ...item, ...range, sortText: String(index).padStart(4, "0") }));
}

function keyword(label: string, detail: string, documentation: string[]): Omit<CompletionEntry, "start" | "end" | "sortText"> {
  return { label, kind: "keyword", detail, documentation: documentation.join("\n"), newText: label };
}

function includeEntries(version: number, page: string): Omit<CompletionEntry, "start" | "end" | "sortText">[] {
  return version >= 16 ? INCLUDES.map((kind) => keyword(kind, "include directive", includeMarkdown(kind, version, page))) : [];
}

/** A value as one token of an auth file: quoted when it would not read as one. */
function asToken(value: string): string {
  return /^[^\s,#"]+$/.test(value) ? value : `"${value.replace(/"/g, '""')}"`;
}

function methodDetail(name: string): string {
  const doc = METHODS.find((method) => method.name === name)!;
  if (doc.security && name !== "ident") return "authentication method · considered insecure";
  if (doc.password?.startsWith("**sent in clear text**")) return "authentication method · password in clear text";
  return "authentication method";
}

function optionCompletions(offset: number, position: AuthPosition, info: HbaLineInfo, ctx: AuthHoverContext): CompletionEntry[] {
  const type = info.type;
  const written = info.line.fields[info.methodField]?.tokens[0];
  if (!type || !written || written.quoted || methodProblem(written.value, type, ctx.version) !== null) return [];
  const method = info.record?.authMethod ?? serverMethod(written.value, type);
  const token = position.token;
  const equals = token ? token.value.indexOf("=") : -1;
  if (token && equals !== -1 && offset > token.span.start + equals) {
    // The value of `name=`.
    const name = token.value.slice(0, equals);
    const option = optionDoc(name);
    if (!option || token.quoted) return [];
    const range = { start: token.span.start + equals + 1, end: token.span.end };
    if (name === "map") {
      if (!ctx.reader) return [];
      const dir = path.dirname(ctx.filePath);
      const maps = identMaps(dir, ctx.version, ctx.reader);
      return entries([...(maps ?? [])].map(([map, lines]) => ({ label: map, kind: "value", detail: `user name map · ${describeLines(lines, dir)}`, newText: asToken(map) })), range);
    }
    return entries(validValues(option, method, type, ctx.version).map((value) => ({ label: value, kind: "value", detail: name, newText: value })), range);
  }
  const present = new Set(info.line.fields.slice(info.methodField + 1).flatMap((field) => field.tokens.filter((other) => other !== token).map((other) => other.value.split("=")[0]!)));
  // Before an existing `=`, only the name is replaced.
  const range = token && equals !== -1 ? { start: token.span.start, end: token.span.start + equals } : replaced(position, offset);
  return entries(
    validOptions(method, type, ctx.version)
      .filter((option) => !present.has(option.name))
      .map((option) => ({ label: option.name, kind: "parameter", detail: `option of ${method}`, documentation: optionMarkdown(option, method, ctx.version).join("\n"), newText: equals === -1 ? `${option.name}=` : option.name })),
    range,
  );
}

/** The completions at `offset` of a pg_hba.conf text. */
export function hbaCompletions(text: string, offset: number, ctx: AuthHoverContext): CompletionEntry[] {
  const document = hbaDocument(text, ctx.version, ctx.filePath);
  const position = positionIn(document.lines, text, offset);
  if (position.inComment || position.token?.quoted) return [];
  const range = replaced(position, offset);
  const { version } = ctx;
  if (!position.line || position.field === 0) {
    if (position.inList) return [];
    return entries([...HBA_CONNECTION_TYPES.map((type) => keyword(type, "connection type", connectionTypeMarkdown(type, version))), ...includeEntries(version, HBA_PAGE)], range);
  }
  const info = hbaLineInfo(document, position.line);
  switch (hbaRole(info, position.field, version)) {
    case "database":
      return entries(
        ["all", "sameuser", "samerole", "replication"].map((name) => keyword(name, "database keyword", [`**${name}** — ${DATABASE_KEYWORDS[name]}`, "", docsLink(HBA_PAGE, version)])),
        range,
      );
    case "user":
      return entries([keyword("all", "user keyword", ["**all** — every user.", "", docsLink(HBA_PAGE, version)])], range);
    case "address":
      if (position.inList) return [];
      return entries(
        [
          ...["all", "samehost", "samenet"].map((name) => keyword(name, "address keyword", [`**${name}** — ${ADDRESS_KEYWORDS[name]}`, "", docsLink(HBA_PAGE, version)])),
          { label: "127.0.0.1/32", kind: "value", detail: "the IPv4 loopback address", newText: "127.0.0.1/32" },
          { label: "::1/128", kind: "value", detail: "the IPv6 loopback address", newText: "::1/128" },
        ],
        range,
      );
    case "method":
      if (position.inList) return [];
      return entries(
        METHODS.filter((method) => methodProblem(method.name, info.type, version) === null && !(info.type === "local" && method.name === "ident")).map((method) => ({
          label: method.name,
          kind: "keyword",
          detail: methodDetail(method.name),
          documentation: methodMarkdown(method.name, info.type, version).join("\n"),
          newText: method.name,
        })),
        range,
      );
    case "option":
      return optionCompletions(offset, position, info, ctx);
    default:
      return [];
  }
}

/** The completions at `offset` of a pg_ident.conf text. */
export function identCompletions(text: string, offset: number, ctx: AuthHoverContext): CompletionEntry[] {
  const document = identDocument(text, ctx.version, ctx.filePath);
  const position = positionIn(document.lines, text, offset);
  if (position.inComment || position.token?.quoted || position.inList) return [];
  const range = replaced(position, offset);
  const { version } = ctx;
  const link = docsLink(IDENT_PAGE, version);
  if (!position.line || position.field === 0) {
    const dir = path.dirname(ctx.filePath);
    // This file's maps (not the word being typed, where it is the only one) ...
    const defined = new Map<string, number[]>();
    for (const record of document.records) {
      if (!record.mapName || record.mapName === position.token) continue;
      defined.set(record.mapName.value, [...(defined.get(record.mapName.value) ?? []), record.lineNumber]);
    }
    const items: Omit<CompletionEntry, "start" | "end" | "sortText">[] = [...defined].map(([map, lines]) => ({ label: map, kind: "value", detail: `user name map · line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}`, newText: asToken(map) }));
    // ... then those pg_hba.conf uses and no line defines yet.
    const uses = ctx.reader ? hbaMapUses(dir, version, ctx.reader) : null;
    for (const [map, lines] of uses ?? []) {
      if (defined.has(map) || map === "") continue;
      items.push({ label: map, kind: "value", detail: `used by ${describeLines(lines, dir)}, not defined yet`, newText: asToken(map) });
    }
    return entries([...items, ...includeEntries(version, IDENT_PAGE)], range);
  }
  if (position.field !== 2) return [];
  const items: Omit<CompletionEntry, "start" | "end" | "sortText">[] = [];
  if (version >= 16) items.push(keyword("all", "any database user", ["**all** — any database user: the system user may log in as every role.", "", link]));
  const systemUser = position.line.fields[1]?.tokens[0];
  if (systemUser?.value.startsWith("/")) items.push({ label: "\\1", kind: "value", detail: `what the first parenthesized group of ${systemUser.value} matched`, newText: "\\1" });
  return entries(items, range);
}
