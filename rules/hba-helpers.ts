// What the pg_hba.conf / pg_ident.conf rules share: how a record reads (network or local,
// loopback-only, open to every address), what the cluster's postgresql.conf says about ssl and
// password_encryption, and one edit: replace a field and keep the next field's column.
import type { AuthLine, AuthToken, ClusterView, Edit, HbaAddress, HbaRecord, Span } from "../src/rule-api";
import { isGroupToken, lookupEnum, parseBool } from "../src/rule-api";

/** Connection types for TCP/IP connections (everything but `local`). */
export function isNetworkRecord(record: HbaRecord): boolean {
  return record.connectionType !== null && record.connectionType !== "local";
}

/** A record the server loads (parse_hba_line returned a rule). A hostssl record while ssl is
 *  off is loaded, with an error, and never matches: the rules about its method still apply
 *  (ssl will be turned on), the ordering analysis treats it as absent. */
export function isLoaded(record: HbaRecord): boolean {
  return record.accepted;
}

/** A loaded record that can match connections. */
export function canMatch(record: HbaRecord): boolean {
  return record.accepted && record.error === null;
}

function maskedEquals(a: number[], b: number[], mask: number[]): boolean {
  return a.every((byte, i) => (byte & mask[i]!) === (b[i]! & mask[i]!));
}

/** Whether every address `inner` (address + mask) matches also matches `outer`: hba.c's
 *  check_ip compares (client & mask) with (address & mask), byte by byte, same family only. */
export function ipNetworkCovers(outer: { address: { family: number; bytes: number[] }; mask: { bytes: number[] } }, inner: { address: { family: number; bytes: number[] }; mask: { bytes: number[] } }): boolean {
  if (outer.address.family !== inner.address.family) return false;
  // Every bit the outer mask tests must be fixed by the inner mask too.
  // An address makes its bytes when asked: once each.
  const outerMask = outer.mask.bytes;
  const innerMask = inner.mask.bytes;
  if (outerMask.some((byte, i) => (byte & ~innerMask[i]!) !== 0)) return false;
  return maskedEquals(inner.address.bytes, outer.address.bytes, outerMask);
}

const LOOPBACK_V4 = { address: { family: 4, bytes: [127, 0, 0, 0] }, mask: { bytes: [255, 0, 0, 0] } };
const LOOPBACK_V6 = { address: { family: 6, bytes: [...Array(15).fill(0), 1] as number[] }, mask: { bytes: Array(16).fill(255) as number[] } };

/** Loopback only: inside 127.0.0.0/8, exactly ::1, `samehost` (the server's own addresses) or
 *  the host name `localhost`. */
export function isLoopbackAddress(address: HbaAddress | null): boolean {
  if (!address) return false;
  switch (address.kind) {
    case "samehost":
      return true;
    case "hostname":
      return address.name.toLowerCase() === "localhost";
    case "ip":
      return ipNetworkCovers(LOOPBACK_V4, address) || ipNetworkCovers(LOOPBACK_V6, address);
    default:
      return false;
  }
}

/** `all`, or an IP address with an all-zero mask (0.0.0.0/0, ::/0, 0.0.0.0 0.0.0.0). */
export function matchesEveryAddress(address: HbaAddress | null): boolean {
  if (!address) return false;
  if (address.kind === "all") return true;
  return address.kind === "ip" && address.mask.bytes.every((byte) => byte === 0);
}

/** The ADDRESS (and separate NETMASK) as written. */
export function addressText(address: HbaAddress): string {
  return address.kind === "ip" && address.netmaskToken ? `${address.token.text} ${address.netmaskToken.text}` : address.token.text;
}

/** The span of the ADDRESS field, through the NETMASK field when there is one. */
export function addressSpan(address: HbaAddress): Span {
  if (address.kind !== "ip" || !address.netmaskToken) return address.token.span;
  const from = address.token.span;
  const to = address.netmaskToken.span;
  return { start: from.start, end: to.end, line: from.line, column: from.column, endLine: to.endLine, endColumn: to.endColumn };
}

/** The span of a record's fields (first field through the last), without comment or newline. */
export function recordSpan(record: { line: AuthLine }): Span {
  const fields = record.line.fields;
  if (fields.length === 0) return record.line.span;
  const first = fields[0]!.span;
  const last = fields[fields.length - 1]!.span;
  return { start: first.start, end: last.end, line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}

/** The record up to its METHOD, tokens as written, fields one space apart:
 *  `host all all 0.0.0.0/0`. */
export function recordHead(record: HbaRecord): string {
  const methodIndex = record.methodToken ? record.fields.findIndex((field) => field.tokens.includes(record.methodToken!)) : -1;
  const fields = methodIndex === -1 ? record.fields : record.fields.slice(0, methodIndex);
  return fields.map((field) => field.tokens.map((token) => token.text).join(",")).join(" ");
}

/** "any user" for `all`, else the USER field as written ("+g" read as "members of g"). */
export function describeUsers(record: HbaRecord): string {
  const users = record.users ?? [];
  if (users.some((token) => !token.quoted && token.value === "all")) return "any user";
  const parts = users.map((token) => (isGroupToken(token) ? `members of ${token.value.slice(1)}` : token.text));
  if (users.length === 1) return isGroupToken(users[0]!) ? parts[0]! : `user ${parts[0]}`;
  return `users ${parts.join(", ")}`;
}

/** Where the effective value of a parameter comes from, for messages: "postgresql.conf line 12"
 *  or "default". */
export function settingOrigin(cluster: ClusterView, name: string): string {
  const entry = cluster.effective(name);
  if (!entry) return "default";
  const base = entry.file.path.split(/[\\/]/).pop() ?? entry.file.path;
  return `${base} line ${entry.line.nameSpan.line}`;
}

/** The cluster's effective `ssl`, or null when no postgresql.conf is known (or its value is not
 *  a boolean): then nothing is assumed. */
export function clusterSsl(cluster: ClusterView): boolean | null {
  if (!cluster.mainConf) return null;
  const value = cluster.effectiveValue("ssl");
  return value === undefined ? null : parseBool(value);
}

/** The cluster's effective `password_encryption` as SHOW prints it ("md5" or "scram-sha-256";
 *  12-13 also read `on` as md5), or null when no postgresql.conf is known or the value is bad. */
export function clusterPasswordEncryption(cluster: ClusterView): string | null {
  if (!cluster.mainConf) return null;
  const parameter = cluster.parameter("password_encryption");
  const value = cluster.effectiveValue("password_encryption");
  if (!parameter || value === undefined) return null;
  const found = lookupEnum(parameter.name, parameter.enumvals ?? [], value, cluster.pgVersion);
  return found.ok ? found.value : null;
}

const TAB_WIDTH = 8;

function nextTabStop(column: number): number {
  return (Math.floor(column / TAB_WIDTH) + 1) * TAB_WIDTH;
}

/** The display column after `text`, starting at `column` (tabs to the next stop of 8). */
function advance(column: number, text: string): number {
  for (const c of text) column = c === "\t" ? nextTabStop(column) : column + 1;
  return column;
}

/**
 * Replaces one whitespace-separated field (a token) with `replacement`. When a field or comment
 * follows on the line, the whitespace after the token is re-padded so that it keeps its column
 * (spaces, or tabs to the same tab stop) when there is room, else shrinks to one character; at
 * the end of a line nothing but the token changes. Only the bytes that change are replaced.
 */
export function replaceFieldEdit(text: string, start: number, end: number, replacement: string): Edit {
  let gapEnd = end;
  while (text[gapEnd] === " " || text[gapEnd] === "\t") gapEnd++;
  let after = gapEnd;
  while (text[after] === "\r") after++;
  const atLineEnd = after >= text.length || text[after] === "\n";
  if (atLineEnd || gapEnd === end) return { range: [start, end], text: replacement };
  const gap = text.slice(end, gapEnd);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const tokenColumn = advance(0, text.slice(lineStart, start));
  const target = advance(tokenColumn, text.slice(start, gapEnd));
  const newEnd = advance(tokenColumn, replacement);
  let padding: string;
  if (!gap.includes("\t")) {
    padding = " ".repeat(Math.max(1, target - newEnd));
  } else {
    if (advance(newEnd, gap) === target) return { range: [start, end], text: replacement };
    if (newEnd >= target) padding = "\t";
    else {
      padding = "";
      let column = newEnd;
      while (nextTabStop(column) <= target) {
        padding += "\t";
        column = nextTabStop(column);
      }
      padding += " ".repeat(target - column);
    }
  }
  if (padding === gap) return { range: [start, end], text: replacement };
  return { range: [start, gapEnd], text: replacement + padding };
}

/** A token is safe to replace when it is on one physical line. */
export function isSingleLineToken(token: AuthToken): boolean {
  return !token.text.includes("\n");
}

/** Switching a record's METHOD to scram-sha-256: the edit, whether it is safe to apply (the
 *  cluster's password_encryption is scram-sha-256, so new and reset passwords get SCRAM
 *  secrets), and the advice for the message. */
export function scramSwitch(cluster: ClusterView, text: string, record: HbaRecord): { edits: Edit[]; safe: boolean; remedy: string } {
  const method = record.methodToken!;
  const edits = isSingleLineToken(method) ? [replaceFieldEdit(text, method.span.start, method.span.end, "scram-sha-256")] : [];
  const encryption = clusterPasswordEncryption(cluster);
  if (encryption === "scram-sha-256") {
    return { edits, safe: edits.length > 0, remedy: " (password_encryption is scram-sha-256: users whose password is still stored as an MD5 hash must set it again)" };
  }
  if (encryption === "md5") {
    return {
      edits,
      safe: false,
      remedy: ` once password_encryption is scram-sha-256 (it is md5: ${settingOrigin(cluster, "password_encryption")}) and users have set their passwords again: an MD5-hashed password cannot log in with scram-sha-256`,
    };
  }
  return { edits, safe: false, remedy: " once password_encryption is scram-sha-256 and users have set their passwords again: an MD5-hashed password cannot log in with scram-sha-256" };
}

/** Levenshtein distance, for did-you-mean on names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** A token as pg_hba.conf must write it: bare when it has no space, comma, quote or `#`, else
 *  double-quoted with `"` doubled. */
export function authTokenText(value: string): string {
  return /^[^\s,"#]+$/.test(value) ? value : `"${value.replace(/"/g, '""')}"`;
}

/** The `map=NAME` options of a record, read from its tokens: a record PostgreSQL rejects before
 *  its options (an unsupported method) still names its map. Options follow the first three
 *  fields. */
export function mapOptions(record: HbaRecord): { name: string; token: AuthToken }[] {
  const out: { name: string; token: AuthToken }[] = [];
  for (const field of record.fields.slice(3)) {
    for (const token of field.tokens) if (token.value.startsWith("map=")) out.push({ name: token.value.slice(4), token });
  }
  return out;
}
