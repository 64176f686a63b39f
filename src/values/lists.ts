// How PostgreSQL splits list-valued parameters (varlena.c): SplitIdentifierString (unquoted
// elements downcased and truncated to 63 bytes), SplitDirectoriesString (unquoted elements may
// hold spaces; ends trimmed) and SplitGUCList (neither downcased nor truncated). All three take
// `"` quoted elements with `""` for a quote, separate by commas, skip spaces around elements,
// allow an empty string, and refuse an empty unquoted element or an unterminated quote.

export type ListStyle = "identifiers" | "directories" | "gucList";

export interface ListElement {
  /** The element as PostgreSQL sees it (quotes removed, `""` collapsed, downcased if identifier). */
  value: string;
  /** [start, end) of the element's text in the value, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

export type ListSplit =
  | { ok: true; elements: ListElement[] }
  | { ok: false; reason: "unterminated quote" | "empty element" | "junk after element"; offset: number };

// scanner_isspace(): space, tab, newline, carriage return, form feed (not vertical tab).
function isScannerSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f";
}

const NAMEDATALEN = 64;

/** downcase_truncate_identifier / truncate_identifier: ASCII downcase, at most 63 UTF-8 bytes. */
export function normalizeIdentifier(name: string, downcase: boolean): string {
  const cased = downcase ? name.replace(/[A-Z]/g, (c) => c.toLowerCase()) : name;
  let bytes = 0;
  let out = "";
  for (const ch of cased) {
    const size = Buffer.byteLength(ch, "utf8");
    if (bytes + size > NAMEDATALEN - 1) break;
    bytes += size;
    out += ch;
  }
  return out;
}

export function splitList(value: string, style: ListStyle, separator = ","): ListSplit {
  const elements: ListElement[] = [];
  let pos = 0;
  while (isScannerSpace(value[pos])) pos++;
  if (pos === value.length) return { ok: true, elements };

  for (;;) {
    const start = pos;
    let element: string;
    let quoted = false;
    if (value[pos] === '"') {
      quoted = true;
      element = "";
      pos++;
      for (;;) {
        const close = value.indexOf('"', pos);
        if (close < 0) return { ok: false, reason: "unterminated quote", offset: start };
        element += value.slice(pos, close);
        if (value[close + 1] !== '"') {
          pos = close + 1;
          break;
        }
        element += '"';
        pos = close + 2;
      }
      if (style === "identifiers") element = normalizeIdentifier(element, false);
    } else if (style === "directories") {
      // Runs to the separator; spaces inside stay, trailing spaces do not.
      let end = pos;
      while (pos < value.length && value[pos] !== separator) {
        if (!isScannerSpace(value[pos])) end = pos + 1;
        pos++;
      }
      if (end === start) return { ok: false, reason: "empty element", offset: start };
      element = value.slice(start, end);
      elements.push({ value: element, start, end, quoted });
      if (!advancePastSeparator()) return { ok: true, elements };
      continue;
    } else {
      while (pos < value.length && value[pos] !== separator && !isScannerSpace(value[pos])) pos++;
      if (pos === start) return { ok: false, reason: "empty element", offset: start };
      element = value.slice(start, pos);
      if (style === "identifiers") element = normalizeIdentifier(element, true);
    }
    const end = pos;
    while (isScannerSpace(value[pos])) pos++;
    if (pos < value.length && value[pos] !== separator) return { ok: false, reason: "junk after element", offset: pos };
    elements.push({ value: element, start, end, quoted });
    if (!advancePastSeparator()) return { ok: true, elements };
  }

  /** After an element: past the separator and the spaces after it; false at the end of the value. */
  function advancePastSeparator(): boolean {
    if (pos >= value.length) return false;
    pos++;
    while (isScannerSpace(value[pos])) pos++;
    return true;
  }
}

/**
 * Which splitter PostgreSQL applies to each list parameter (by its check hook or the code that
 * reads it); undefined for parameters that are not lists.
 */
const LIST_STYLES: Readonly<Record<string, ListStyle>> = {
  // SplitIdentifierString
  datestyle: "identifiers",
  log_destination: "identifiers",
  search_path: "identifiers",
  temp_tablespaces: "identifiers",
  wal_consistency_checking: "identifiers",
  createrole_self_grant: "identifiers",
  restrict_nonsystem_relation_kind: "identifiers",
  synchronized_standby_slots: "identifiers",
  "plpgsql.extra_warnings": "identifiers",
  "plpgsql.extra_errors": "identifiers",
  // SplitDirectoriesString
  shared_preload_libraries: "directories",
  session_preload_libraries: "directories",
  local_preload_libraries: "directories",
  unix_socket_directories: "directories",
  oauth_validator_libraries: "directories",
  // SplitGUCList
  listen_addresses: "gucList",
  debug_io_direct: "gucList",
};

/** The splitter of a list parameter, or undefined. log_connections is a list from 18 on (a bool before). */
export function listStyleOf(paramName: string, pgVersion = 18): ListStyle | undefined {
  const name = paramName.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (name === "log_connections") return pgVersion >= 18 ? "identifiers" : undefined;
  return LIST_STYLES[name];
}
