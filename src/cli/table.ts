// Plain-text tables in the shape psql prints them, for `show`.

type Cell = string | number | boolean | null | undefined | string[];

function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return `{${value.join(",")}}`;
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

/** Renders rows as an aligned table with a header, like psql's aligned format. */
export function renderTable<Row extends object>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const texts = rows.map((row) => columns.map((c) => cellText(row[c] as Cell).replace(/\n/g, "\\n")));
  const widths = columns.map((c, i) => Math.max(c.length, ...texts.map((t) => [...t[i]!].length)));
  const pad = (s: string, w: number) => s + " ".repeat(w - [...s].length);
  const header = columns.map((c, i) => pad(c, widths[i]!)).join(" | ");
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  const body = texts.map((t) => t.map((s, i) => pad(s, widths[i]!)).join(" | ").trimEnd());
  const count = `(${rows.length} ${rows.length === 1 ? "row" : "rows"})`;
  return [header.trimEnd(), rule, ...body, count].join("\n") + "\n";
}
