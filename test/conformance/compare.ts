// Row comparison for the conformance suites, with a report of the figures per version.
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { REPO_ROOT } from "./inputs";
import type { ConformanceInput } from "./inputs";

export interface Mismatch {
  label: string;
  content: string;
  ours: unknown;
  server: unknown;
}

export interface Tally {
  files: number;
  rows: number;
  /** Errors that depend on the server (its build or running state), compared without that part. */
  serverStateErrors: string[];
  mismatches: Mismatch[];
}

export function newTally(): Tally {
  return { files: 0, rows: 0, serverStateErrors: [], mismatches: [] };
}

/** Compares one input's rows; records a mismatch with both sides. */
export function compareRows(tally: Tally, input: ConformanceInput, ours: unknown[], server: unknown[]): void {
  tally.files++;
  tally.rows += server.length;
  if (!isDeepStrictEqual(ours, server)) {
    tally.mismatches.push({ label: input.label, content: input.content.toString("latin1"), ours, server });
  }
}

/** A readable account of the first mismatches, for the failure message. */
export function describeMismatches(tally: Tally, limit = 5): string {
  return tally.mismatches
    .slice(0, limit)
    .map((m) => `--- ${m.label}\n${JSON.stringify(m.content)}\nours:   ${JSON.stringify(m.ours)}\nserver: ${JSON.stringify(m.server)}`)
    .join("\n\n");
}

/** Writes the figures to .conformance/<name>.json (not committed) for the notes. */
export function writeReport(name: string, figures: Record<string, unknown>): void {
  const dir = path.join(REPO_ROOT, ".conformance");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(figures, null, 2) + "\n");
}
