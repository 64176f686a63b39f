// The parameter catalog of a target version, loaded lazily from src/catalog/data (written by
// `npm run catalog` from real servers): which names exist, their types, units, ranges and
// contexts, the names that were removed or renamed, and did-you-mean suggestions.
import fs = require("node:fs");
import path = require("node:path");
import { asciiLowerCase } from "../ascii";
import { REMOVAL_NOTES, REMOVED_BEFORE_10 } from "./history";
import type { RemovedParameter } from "./history";
import type { Catalog, CatalogParameter } from "./types";

export type { Catalog, CatalogParameter, ParamContext, VarType } from "./types";
export type { RemovedParameter } from "./history";

/** Majors with a data file: every oracle version, so removals can be derived from 10 on. */
export const CATALOG_VERSIONS = [10, 11, 12, 13, 14, 15, 16, 17, 18] as const;

/** A catalog with its index by lower-case name. */
export interface LoadedCatalog extends Catalog {
  byName: Map<string, CatalogParameter>;
  hidden: Set<string>;
}

const loaded = new Map<number, LoadedCatalog>();
const REMOVED_BEFORE_10_BY_NAME = new Map(REMOVED_BEFORE_10.map((entry) => [entry.name, entry]));

/** src/catalog/data from the sources (tests, scripts), or beside the bundle in dist/. */
function dataDir(): string {
  const candidates = [path.join(__dirname, "data"), path.join(__dirname, "..", "src", "catalog", "data")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "pg18.json"))) ?? candidates[0]!;
}

/** The catalog of one major version (10-18), read on first use. */
export function loadCatalog(version: number): LoadedCatalog {
  let catalog = loaded.get(version);
  if (!catalog) {
    if (!(CATALOG_VERSIONS as readonly number[]).includes(version)) throw new Error(`no parameter catalog for PostgreSQL ${version} (have ${CATALOG_VERSIONS.join(", ")})`);
    const data = JSON.parse(fs.readFileSync(path.join(dataDir(), `pg${version}.json`), "utf8")) as Catalog;
    catalog = { ...data, byName: new Map(data.parameters.map((parameter) => [asciiLowerCase(parameter.name), parameter])), hidden: new Set(data.hiddenNames.map((name) => asciiLowerCase(name))) };
    loaded.set(version, catalog);
  }
  return catalog;
}

// The index's keys are in lower case, and so are most names as written: a name found as it is
// needs no case folding (which costs more than the lookup).

/** The parameter a name sets (names compare case-insensitively, as guc.c does). */
export function lookupParameter(catalog: LoadedCatalog, name: string): CatalogParameter | undefined {
  return catalog.byName.get(name) ?? catalog.byName.get(asciiLowerCase(name));
}

/** True when the server knows the name: listed in pg_settings, or hidden (aliases, NO_SHOW_ALL). */
export function isKnownParameter(catalog: LoadedCatalog, name: string): boolean {
  if (catalog.byName.has(name)) return true;
  const lower = asciiLowerCase(name);
  return catalog.byName.has(lower) || catalog.hidden.has(lower);
}

/** If `name` left pg_settings at or before `version`: when, and what replaced it. The server
 *  may still accept such a name as a hidden alias (`ssl_ecdh_curve` on 18): see isKnownParameter. */
export function removedParameter(name: string, version: number): RemovedParameter | undefined {
  // A name of the target version, as it is: in lower case already.
  if (loadCatalog(version).byName.has(name)) return REMOVED_BEFORE_10_BY_NAME.get(name);
  const lower = asciiLowerCase(name);
  const early = REMOVED_BEFORE_10_BY_NAME.get(lower);
  if (early) return early;
  if (loadCatalog(version).byName.has(lower)) return undefined;
  for (let major: number = CATALOG_VERSIONS[0] + 1; major <= version; major++) {
    if (loadCatalog(major - 1).byName.has(lower) && !loadCatalog(major).byName.has(lower)) {
      return { name: lower, removedIn: String(major), ...(REMOVAL_NOTES[lower] ?? { note: `removed in PostgreSQL ${major}` }) };
    }
  }
  return undefined;
}

/** For a name unknown to `version`: the first later major (up to 18) that has it. */
export function addedInLaterVersion(name: string, version: number): number | undefined {
  const lower = asciiLowerCase(name);
  if (isKnownParameter(loadCatalog(version), lower)) return undefined;
  for (const major of CATALOG_VERSIONS) if (major > version && loadCatalog(major).byName.has(lower)) return major;
  return undefined;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** Names of the target version close to a misspelt one, best first (at most 3). */
export function suggestParameterNames(catalog: LoadedCatalog, name: string): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(lower.length / 4)));
  const scored: { name: string; distance: number }[] = [];
  for (const [candidate, parameter] of catalog.byName) {
    if (Math.abs(candidate.length - lower.length) > limit) continue;
    const distance = editDistance(lower, candidate);
    if (distance <= limit) scored.push({ name: parameter.name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return scored.slice(0, 3).map((entry) => entry.name);
}
