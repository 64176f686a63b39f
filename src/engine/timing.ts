// Per-rule timing, as ESLint's TIMING environment variable gives it: `TIMING=1 pgconf-lint ...`
// prints the ten rules that took longest (`TIMING=all`: every rule) on stderr after the report,
// so that a slow rule (a plugin's, or one of ours on an unusual file) can be found.

const totals = new Map<string, number>();

/** How many rules to list: 0 when TIMING is unset. */
export function timingListLength(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.TIMING;
  if (value === undefined || value === "") return 0;
  if (value.toLowerCase() === "all") return Number.POSITIVE_INFINITY;
  const count = Number(value);
  return Number.isInteger(count) && count > 0 ? Math.max(count, 10) : 10;
}

export const timingEnabled = timingListLength() > 0;

/** Adds one rule's time (milliseconds). */
export function recordRuleTime(ruleId: string, ms: number): void {
  totals.set(ruleId, (totals.get(ruleId) ?? 0) + ms);
}

/** The table ESLint prints: rule, time in ms, share of all rules' time, slowest first. */
export function timingTable(limit: number, times: ReadonlyMap<string, number> = totals): string {
  const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, limit);
  if (rows.length === 0) return "";
  const all = [...times.values()].reduce((sum, ms) => sum + ms, 0);
  const cells = rows.map(([id, ms]) => [id, ms.toFixed(3), `${all > 0 ? ((100 * ms) / all).toFixed(1) : "0.0"}%`]);
  const header = ["Rule", "Time (ms)", "Relative"];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ");
  // ESLint's separator: a colon on the side each column is aligned to.
  const separator = widths.map((w, i) => (i === 0 ? ":".padEnd(w + 1, "-") : ":".padStart(w + (i === widths.length - 1 ? 1 : 2), "-"))).join("|");
  return [line(header), separator, ...cells.map(line)].join("\n") + "\n";
}
