// Where an offset of a pg_hba.conf or pg_ident.conf text is, in the model's terms: its logical
// line, the token under it, the field it is in (or would start), and in pg_hba.conf what that
// field is (database, address, method...). The texts are parsed with the model (parseHba,
// parseIdent); the last parse is kept, as hover and completion ask about one text in turn.
import { parseHba } from "../model/hba";
import type { AuthInclude, AuthLine, AuthToken, HbaDocument, HbaRecord } from "../model/hba";
import { parseNumericHost } from "../model/hba-address";
import { isConnectionType } from "../model/hba-types";
import type { HbaConnectionType } from "../model/hba-types";
import { parseIdent } from "../model/ident";
import { lineAtOffset } from "./line-at";
import type { IdentDocument, IdentRecord } from "../model/ident";

let lastHba: { text: string; version: number; fileName: string; document: HbaDocument } | null = null;
let lastIdent: { text: string; version: number; fileName: string; document: IdentDocument } | null = null;

export function hbaDocument(text: string, version: number, fileName: string): HbaDocument {
  if (lastHba?.text !== text || lastHba.version !== version || lastHba.fileName !== fileName) lastHba = { text, version, fileName, document: parseHba(text, { pgVersion: version, fileName }) };
  return lastHba.document;
}

export function identDocument(text: string, version: number, fileName: string): IdentDocument {
  if (lastIdent?.text !== text || lastIdent.version !== version || lastIdent.fileName !== fileName) lastIdent = { text, version, fileName, document: parseIdent(text, { pgVersion: version, fileName }) };
  return lastIdent.document;
}

/** Where an offset is. */
export interface AuthPosition {
  /** The logical line; null past the last line feed (a new, empty line). */
  line: AuthLine | null;
  /** After the `#` of a comment. */
  inComment: boolean;
  /** The token the offset is in or at either end of. */
  token: AuthToken | null;
  /** The index of the field the offset is in, or the field typing there would start (a token
   *  after `word,` joins that word's field). */
  field: number;
  /** The offset is in a list (`a,b`): the field has other tokens before this one. */
  inList: boolean;
}

function isBlank(text: string): boolean {
  return /^[ \t\r]*$/.test(text);
}

/** The logical line of `offset` (lines tile the text; the end of the text belongs to the last
 *  line unless that line ends in a line feed). */
export function authLineAt(lines: readonly AuthLine[], text: string, offset: number): AuthLine | null {
  return lineAtOffset(lines, offset, !text.endsWith("\n")) ?? null;
}

export function positionIn(lines: readonly AuthLine[], text: string, offset: number): AuthPosition {
  const line = authLineAt(lines, text, offset);
  if (!line) return { line: null, inComment: false, token: null, field: 0, inList: false };
  const inComment = line.comment !== null && offset > line.comment.span.start;
  let before: { token: AuthToken; field: number; index: number } | null = null;
  for (let f = 0; f < line.fields.length; f++) {
    const tokens = line.fields[f]!.tokens;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (offset >= token.span.start && offset <= token.span.end) return { line, inComment, token, field: f, inList: t > 0 };
      if (token.span.end < offset) before = { token, field: f, index: t };
    }
  }
  if (!before) return { line, inComment, token: null, field: 0, inList: false };
  const end = before.token.span.end;
  const joined = text[end] === "," && isBlank(text.slice(end + 1, offset));
  return { line, inComment, token: null, field: joined ? before.field : before.field + 1, inList: joined };
}

export type HbaRole = "type" | "database" | "user" | "address" | "netmask" | "method" | "option" | "include-path" | "extra";

/** What a line of pg_hba.conf is, as far as it is written. */
export interface HbaLineInfo {
  line: AuthLine;
  /** The include directive (16+), if the line is one. */
  include: AuthInclude | null;
  /** The record, if the line is one. */
  record: HbaRecord | null;
  /** The connection type when the first field names one. */
  type: HbaConnectionType | null;
  /** The index of the method field. */
  methodField: number;
  /** The index of the netmask field, or -1. */
  netmaskField: number;
}

const INCLUDE_WORDS = new Set(["include", "include_if_exists", "include_dir"]);

export function hbaLineInfo(document: HbaDocument, line: AuthLine): HbaLineInfo {
  const include = document.includes.find((candidate) => candidate.line === line) ?? null;
  const record = include ? null : (document.records.find((candidate) => candidate.line === line) ?? null);
  const first = line.fields[0]?.tokens[0]?.value ?? "";
  const type = record?.connectionType ?? (isConnectionType(first) ? first : null);
  let netmaskField = -1;
  if (type !== "local") {
    const address = record?.address;
    if (address) {
      if (address.kind === "ip" && address.netmaskToken) netmaskField = 4;
    } else {
      // The record stopped at the address (a bare IP address wants a netmask field after it).
      const token = line.fields[3]?.tokens[0];
      if (token && line.fields[3]!.tokens.length === 1 && !token.value.includes("/") && parseNumericHost(token.value)) netmaskField = 4;
    }
  }
  const methodField = type === "local" ? 3 : netmaskField === 4 ? 5 : 4;
  return { line, include, record, type, methodField, netmaskField };
}

/** What field `field` of the line holds. */
export function hbaRole(info: HbaLineInfo, field: number, version: number): HbaRole {
  if (field === 0) return "type";
  const first = info.line.fields[0]?.tokens[0]?.value ?? "";
  if (info.include || (version >= 16 && INCLUDE_WORDS.has(first))) return field === 1 ? "include-path" : "extra";
  if (field === 1) return "database";
  if (field === 2) return "user";
  if (field === info.methodField) return "method";
  if (field > info.methodField) return "option";
  if (field === info.netmaskField) return "netmask";
  return "address";
}

/** The record of a pg_ident.conf line. */
export function identRecordOf(document: IdentDocument, line: AuthLine): IdentRecord | null {
  return document.records.find((candidate) => candidate.line === line) ?? null;
}

export function identIncludeOf(document: IdentDocument, line: AuthLine): AuthInclude | null {
  return document.includes.find((candidate) => candidate.line === line) ?? null;
}
