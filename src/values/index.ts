// Parameter values as PostgreSQL parses and validates them when it reads postgresql.conf.
export { checkValue } from "./check";
export type { CheckOptions, CheckResult } from "./check";
export { parseBool, parseIntWithUnits, parseRealWithUnits, INTEGER_RANGE_HINT } from "./parse";
export type { NumberParse } from "./parse";
export { lookupEnum, hiddenEnumValues } from "./enums";
export type { EnumLookup } from "./enums";
export { splitList, listStyleOf, normalizeIdentifier } from "./lists";
export type { ListElement, ListSplit, ListStyle } from "./lists";
export { resolveBaseUnit, convertToBaseUnit, MEMORY_UNITS_HINT, TIME_UNITS_HINT } from "./units";
export type { BaseUnit, UnitKind } from "./units";
export { formatG } from "./c-number";
