// Completion in a postgresql.conf: parameter names (and the include directives) where a name
// goes, the values of an enum or bool parameter after `name =`.
import type { CatalogParameter } from "../catalog";
import { loadCatalog, lookupParameter } from "../catalog";
import { parameterMarkdown } from "./hover";

export interface CompletionEntry {
  label: string;
  kind: "parameter" | "keyword" | "value";
  detail: string;
  documentation?: string;
  /** Replace [start, end) with newText. */
  start: number;
  end: number;
  newText: string;
  sortText?: string;
}

const NAME_PREFIX = /^[ \t]*([A-Za-z_][A-Za-z0-9_.$]*)?$/;
const VALUE_PREFIX = /^[ \t]*([A-Za-z_][A-Za-z0-9_.$]*)(?:[ \t]*=[ \t]*|[ \t]+)(['"]?)([A-Za-z0-9_.:/+-]*)$/;
const INCLUDES: readonly [string, string][] = [
  ["include", "Read another configuration file here (relative to this file's directory); an error if it is missing."],
  ["include_if_exists", "Read another configuration file here, if it exists."],
  ["include_dir", "Read every *.conf file of a directory here, in file name order."],
];
const BOOL_VALUES = ["on", "off", "true", "false"];

function detailOf(parameter: CatalogParameter): string {
  return `${parameter.vartype}${parameter.unit ? ` (${parameter.unit})` : ""} · ${parameter.context}`;
}

/** The completions at `offset` of a postgresql.conf text. */
export function confCompletions(text: string, offset: number, version: number): CompletionEntry[] {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEndIndex = text.indexOf("\n", offset);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, "");
  const catalog = loadCatalog(version);

  const nameMatch = NAME_PREFIX.exec(before);
  if (nameMatch) {
    const partial = nameMatch[1] ?? "";
    const start = offset - partial.length;
    // The rest of the word under the cursor is replaced too; `name = ` only on an empty line.
    const wordRest = /^[A-Za-z0-9_.$]*/.exec(after)![0];
    const end = offset + wordRest.length;
    const bare = after.slice(wordRest.length).trim() === "";
    const entries: CompletionEntry[] = catalog.parameters.map((parameter) => ({
      label: parameter.name,
      kind: "parameter",
      detail: detailOf(parameter),
      documentation: parameterMarkdown(parameter, version),
      start,
      end,
      newText: bare ? `${parameter.name} = ` : parameter.name,
    }));
    for (const [name, documentation] of INCLUDES) entries.push({ label: name, kind: "keyword", detail: "include directive", documentation, start, end, newText: bare ? `${name} = ''` : name, sortText: `~${name}` });
    return entries;
  }

  const valueMatch = VALUE_PREFIX.exec(before);
  if (valueMatch) {
    const parameter = lookupParameter(catalog, valueMatch[1]!);
    if (!parameter) return [];
    const values = parameter.vartype === "enum" ? (parameter.enumvals ?? []) : parameter.vartype === "bool" ? BOOL_VALUES : [];
    const partial = valueMatch[3] ?? "";
    const start = offset - partial.length;
    const end = offset + /^[A-Za-z0-9_.:/+-]*/.exec(after)![0].length;
    return values
      .filter((value) => value !== "")
      .map((value, index) => ({
        label: value,
        kind: "value",
        detail: `${parameter.name}${parameter.bootVal === value ? " (default)" : ""}`,
        start,
        end,
        // Unquoted, a value must read as one token: quote anything else.
        newText: valueMatch[2] !== "" || /^[A-Za-z_][A-Za-z0-9_.:/-]*$|^-?\d+$/.test(value) ? value : `'${value}'`,
        sortText: String(index).padStart(4, "0"),
      }));
  }
  return [];
}
