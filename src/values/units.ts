// Units of integer and real parameters, as guc.c's memory_unit_conversion_table and
// time_unit_conversion_table (12+) define them: unit names are case-sensitive, at most three
// characters, and a fractional value is rounded to a whole number of the next smaller unit.
import { isCSpace, rint } from "./c-number";

export type UnitKind = "memory" | "time";

/** A parameter's base unit (pg_settings.unit), resolved. */
export interface BaseUnit {
  kind: UnitKind;
  /** As pg_settings shows it and as range messages print it: "kB", "8kB", "ms", ... */
  name: string;
  /** Size of one base unit in bytes (memory) or microseconds (time). */
  size: number;
}

export const MEMORY_UNITS_HINT = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';
export const TIME_UNITS_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".';

// Largest first, as in guc.c: the entry after a match is "the next smaller unit".
const MEMORY_UNITS: readonly { unit: string; bytes: number }[] = [
  { unit: "TB", bytes: 1024 * 1024 * 1024 * 1024 },
  { unit: "GB", bytes: 1024 * 1024 * 1024 },
  { unit: "MB", bytes: 1024 * 1024 },
  { unit: "kB", bytes: 1024 },
  { unit: "B", bytes: 1 },
];
// In microseconds, so that every size is a whole number and the multipliers below come out as
// the same doubles as guc.c's (1.0 / 1000, 1.0 / 60, ...).
const TIME_UNITS: readonly { unit: string; us: number }[] = [
  { unit: "d", us: 1e6 * 60 * 60 * 24 },
  { unit: "h", us: 1e6 * 60 * 60 },
  { unit: "min", us: 1e6 * 60 },
  { unit: "s", us: 1e6 },
  { unit: "ms", us: 1000 },
  { unit: "us", us: 1 },
];

const MAX_UNIT_LEN = 3;

/**
 * Resolves pg_settings.unit. Block units show as "<N>kB" (8kB for BLCKSZ and XLOG_BLCKSZ of
 * 8192). Returns null for a parameter without units, and for a unit this module does not know.
 */
export function resolveBaseUnit(unit: string | null): BaseUnit | null {
  if (unit === null || unit === "") return null;
  const simpleMemory = MEMORY_UNITS.find((u) => u.unit === unit && (unit === "B" || unit === "kB" || unit === "MB"));
  if (simpleMemory) return { kind: "memory", name: unit, size: simpleMemory.bytes };
  const blocks = /^([1-9][0-9]*)kB$/.exec(unit);
  if (blocks) return { kind: "memory", name: unit, size: Number(blocks[1]) * 1024 };
  if (unit === "ms" || unit === "s" || unit === "min") {
    const time = TIME_UNITS.find((u) => u.unit === unit);
    if (time) return { kind: "time", name: unit, size: time.us };
  }
  return null;
}

export function unitsHint(base: BaseUnit): string {
  return base.kind === "memory" ? MEMORY_UNITS_HINT : TIME_UNITS_HINT;
}

/**
 * convert_to_base_unit: `unitText` is what follows the number and its spaces. Returns the value
 * in the base unit, or null for an unknown unit or anything after the unit but spaces.
 */
export function convertToBaseUnit(value: number, unitText: string, base: BaseUnit): number | null {
  let pos = 0;
  while (pos < unitText.length && !isCSpace(unitText[pos]) && pos < MAX_UNIT_LEN) pos++;
  const unit = unitText.slice(0, pos);
  while (isCSpace(unitText[pos])) pos++;
  if (pos < unitText.length) return null;

  const table = base.kind === "memory" ? MEMORY_UNITS.map((u) => ({ unit: u.unit, size: u.bytes })) : TIME_UNITS.map((u) => ({ unit: u.unit, size: u.us }));
  const index = table.findIndex((u) => u.unit === unit);
  const entry = table[index];
  if (!entry) return null;
  const converted = value * multiplier(entry.size, base);
  const smaller = table[index + 1];
  return smaller ? rint(converted / multiplier(smaller.size, base)) * multiplier(smaller.size, base) : converted;
}

// guc.c writes the multipliers as constant expressions in the base unit, e.g.
// (1024.0 * 1024.0) / (BLCKSZ / 1024) for GB in blocks; this reproduces the same doubles.
function multiplier(unitSize: number, base: BaseUnit): number {
  if (base.kind === "memory" && base.size >= 1024 && unitSize >= 1024) return unitSize / 1024 / (base.size / 1024);
  if (unitSize >= base.size) return unitSize / base.size;
  return 1 / (base.size / unitSize);
}
