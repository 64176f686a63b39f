// parse_and_validate_value for a value read from postgresql.conf: the verdict, the typed value
// and PostgreSQL's message, per major version. Of the check hooks only those that judge the
// value alone are run (list syntax, synchronous_standby_names): those that consult the server
// or the machine (locale names, time zones, tablespaces, files) are not.
import type { CatalogParameter } from "../catalog/types";
import { formatG } from "./c-number";
import { lookupEnum } from "./enums";
import { parseBool, parseIntWithUnits, parseRealWithUnits } from "./parse";
import { checkStringHook } from "./string-hooks";
import type { BaseUnit } from "./units";
import { resolveBaseUnit } from "./units";

export type CheckResult =
  | {
      ok: true;
      /** bool for bool, the number in the base unit for integer and real, the SHOW name for enum, the text for string. */
      value: boolean | number | string;
      /** For integer and real: the value in the parameter's base unit (pg_settings.unit). */
      baseValue?: number;
      /** For integer and real: the unit written after the number, or null. */
      unit?: string | null;
    }
  | { ok: false; message: string; hint?: string; detail?: string };

export interface CheckOptions {
  /**
   * The name as written in the file. PostgreSQL 12–17 quote it in their messages
   * (`parameter "WORK_MEM"`); 18 quotes the parameter's own name.
   */
  writtenName?: string;
}

// pg_settings prints real bounds with %g, so DBL_MAX arrives as 1.79769e+308 (smaller than the
// server's bound); take it back to the double it stands for.
const SHOWN_DBL_MAX = 1.79769e308;
function realBound(bound: number | null, fallback: number): number {
  if (bound === null) return fallback;
  if (bound === SHOWN_DBL_MAX) return Number.MAX_VALUE;
  if (bound === -SHOWN_DBL_MAX) return -Number.MAX_VALUE;
  return bound;
}

export function checkValue(param: CatalogParameter, rawValue: string, pgVersion: number, options: CheckOptions = {}): CheckResult {
  // The server works on a C string: an escaped NUL (`'\0'`) ends the value.
  const nul = rawValue.indexOf("\0");
  const value = nul === -1 ? rawValue : rawValue.slice(0, nul);
  const name = pgVersion >= 18 ? param.name : (options.writtenName ?? param.name);
  const invalid = (hint?: string): CheckResult => ({
    ok: false,
    message: `invalid value for parameter "${name}": "${value}"`,
    ...(hint === undefined ? {} : { hint }),
  });

  switch (param.vartype) {
    case "bool": {
      const parsed = parseBool(value);
      if (parsed === null) return { ok: false, message: `parameter "${name}" requires a Boolean value` };
      return { ok: true, value: parsed };
    }
    case "integer":
    case "real": {
      const base = resolveBaseUnit(param.unit);
      const isInteger = param.vartype === "integer";
      const parsed = isInteger ? parseIntWithUnits(value, base) : parseRealWithUnits(value, base);
      if (!parsed.ok) return invalid(parsed.hint);
      const min = isInteger ? (param.min ?? -2147483648) : realBound(param.min, -Number.MAX_VALUE);
      const max = isInteger ? (param.max ?? 2147483647) : realBound(param.max, Number.MAX_VALUE);
      if (parsed.value < min || parsed.value > max) {
        return { ok: false, message: rangeMessage(name, parsed.value, min, max, isInteger, base, param.unit, pgVersion) };
      }
      return { ok: true, value: parsed.value, baseValue: parsed.value, unit: parsed.unit };
    }
    case "enum": {
      const found = lookupEnum(param.name, param.enumvals ?? [], value, pgVersion);
      if (!found.ok) return invalid(found.hint);
      return { ok: true, value: found.value };
    }
    case "string": {
      const hook = checkStringHook(param.name, value, pgVersion);
      if (hook) return hook.message !== undefined ? { ok: false, message: hook.message } : { ok: false, message: `invalid value for parameter "${name}": "${value}"`, detail: hook.detail };
      return { ok: true, value };
    }
  }
}

/** `10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)`; 17 (as of its
 *  17.10 minor release: the oracle says so) and 18 add the unit to the bounds. */
function rangeMessage(
  name: string,
  value: number,
  min: number,
  max: number,
  isInteger: boolean,
  base: BaseUnit | null,
  catalogUnit: string | null,
  pgVersion: number,
): string {
  const unitName = base?.name ?? (catalogUnit || null);
  const suffix = unitName ? ` ${unitName}` : "";
  const show = (n: number) => (isInteger ? String(n) : formatG(n));
  const bounds = pgVersion >= 17 ? `${show(min)}${suffix} .. ${show(max)}${suffix}` : `${show(min)} .. ${show(max)}`;
  return `${show(value)}${suffix} is outside the valid range for parameter "${name}" (${bounds})`;
}
