// guc.c's parse_bool_with_len, parse_int and parse_real: the value as the server converts it,
// before any range check. Same in 12–18.
import { isCSpace, rint, strtod, strtol } from "./c-number";
import type { BaseUnit } from "./units";
import { convertToBaseUnit, unitsHint } from "./units";

export type NumberParse =
  | {
      ok: true;
      /** In the parameter's base unit; whole for integers (rounded half to even, as rint). */
      value: number;
      /** The unit written after the number, or null. */
      unit: string | null;
    }
  | { ok: false; hint?: string };

export const INTEGER_RANGE_HINT = "Value exceeds integer range.";
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** `on off true false yes no 1 0`, any case; unique prefixes count ("t", "of"); nothing else. */
export function parseBool(value: string): boolean | null {
  const lower = value.toLowerCase();
  const isPrefixOf = (word: string, minLength = 1) => lower.length >= minLength && word.startsWith(lower);
  // pg_strncasecmp folds ASCII only: compare lowercased ASCII letters, keep others as they are.
  if (/[\u0080-\uffff]/.test(value)) return null;
  switch (lower[0]) {
    case "t":
      return isPrefixOf("true") ? true : null;
    case "f":
      return isPrefixOf("false") ? false : null;
    case "y":
      return isPrefixOf("yes") ? true : null;
    case "n":
      return isPrefixOf("no") ? false : null;
    case "o":
      // "o" alone is ambiguous: at least two characters.
      if (isPrefixOf("on", 2)) return true;
      if (isPrefixOf("off", 2)) return false;
      return null;
    case "1":
      return value.length === 1 ? true : null;
    case "0":
      return value.length === 1 ? false : null;
    default:
      return null;
  }
}

/**
 * parse_int: C strtol with base 0 (0x hex, leading-zero octal); a decimal point or exponent,
 * or a number beyond 64 bits, re-parses as strtod; spaces, then an optional unit (only when the
 * parameter has one); the result is rounded and must fit in 32 bits.
 */
export function parseIntWithUnits(value: string, base: BaseUnit | null): NumberParse {
  let parsed = strtol(value);
  const stop = value[parsed.end];
  if (stop === "." || stop === "e" || stop === "E" || parsed.outOfRange) parsed = strtod(value);
  if (parsed.end === 0 || parsed.outOfRange || Number.isNaN(parsed.value)) return { ok: false };
  const converted = applyUnit(parsed.value, value.slice(parsed.end), base);
  if (!converted.ok) return converted;
  const rounded = rint(converted.value);
  if (rounded > INT_MAX || rounded < INT_MIN) return { ok: false, hint: INTEGER_RANGE_HINT };
  // -0 from rounding a small negative fraction prints as 0, as the C int does.
  return { ok: true, value: rounded === 0 ? 0 : rounded, unit: converted.unit };
}

/** parse_real: C strtod (so also "inf", "0x1p3"), NaN and over/underflow refused; optional unit. */
export function parseRealWithUnits(value: string, base: BaseUnit | null): NumberParse {
  const parsed = strtod(value);
  if (parsed.end === 0 || parsed.outOfRange || Number.isNaN(parsed.value)) return { ok: false };
  return applyUnit(parsed.value, value.slice(parsed.end), base);
}

function applyUnit(value: number, after: string, base: BaseUnit | null): NumberParse {
  let pos = 0;
  while (isCSpace(after[pos])) pos++;
  if (pos === after.length) return { ok: true, value, unit: null };
  if (!base) return { ok: false };
  const unitText = after.slice(pos);
  const converted = convertToBaseUnit(value, unitText, base);
  if (converted === null) return { ok: false, hint: unitsHint(base) };
  return { ok: true, value: converted, unit: unitText.trimEnd() };
}
