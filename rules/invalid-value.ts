// Values PostgreSQL rejects (guc.c's parse_and_validate_value): at start-up every line of the
// tree is checked and one bad value stops the server; a contrib module's parameter with a bad
// value is only warned about when the module loads, and keeps its default.
import { checkValue, defineRule, parseIntWithUnits, quoteValue, resolveBaseUnit } from "../src/rule-api";
import type { CatalogParameter, ConfSettingLine } from "../src/rule-api";

// Left to typographic-quotes: a value that starts or ends with a typographic quote.
const TYPOGRAPHIC_END = /^[\u2018-\u201f\u2032\u2033]|[\u2018-\u201f\u2032\u2033]$/;

// guc.c's unit tables; unit names are case-sensitive.
const MEMORY_UNITS: readonly [string, number][] = [
  ["TB", 1024 ** 4],
  ["GB", 1024 ** 3],
  ["MB", 1024 ** 2],
  ["kB", 1024],
  ["B", 1],
];
const TIME_UNITS: readonly [string, number][] = [
  ["d", 86400e6],
  ["h", 3600e6],
  ["min", 60e6],
  ["s", 1e6],
  ["ms", 1000],
  ["us", 1],
];


function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The value written as the line writes it (quoted if it was). */
function asWritten(line: ConfSettingLine, value: string): string {
  return line.quoted ? quoteValue(value) : value;
}

/** A value whose only fault is the case of its unit (`4mb`, `1 Gb`, `10S`): the same with the unit as guc.c spells it. */
function unitCaseFix(parameter: CatalogParameter, value: string): string | undefined {
  const base = resolveBaseUnit(parameter.unit);
  if (!base) return undefined;
  const match = /^(\s*[-+]?[0-9.]+\s*)([A-Za-z]+)(\s*)$/.exec(value);
  if (!match) return undefined;
  const units = base.kind === "memory" ? MEMORY_UNITS : TIME_UNITS;
  const unit = units.find(([name]) => name.toLowerCase() === match[2]!.toLowerCase())?.[0];
  if (!unit || unit === match[2]) return undefined;
  return `${match[1]}${unit}${match[3]}`;
}

/** An enum value one or two typos away from exactly one listed value (`warnings`, `replcia`). */
function enumTypoFix(parameter: CatalogParameter, value: string): string | undefined {
  if (parameter.vartype !== "enum" || value.length < 3) return undefined;
  const near = (parameter.enumvals ?? []).filter((candidate) => editDistance(candidate.toLowerCase(), value.toLowerCase()) <= Math.min(2, Math.floor(value.length / 3)));
  return near.length === 1 ? near[0] : undefined;
}

/** The value in the largest unit that expresses it exactly: 16 blocks of 8kB → 128kB. */
function inBestUnit(parameter: CatalogParameter, baseValue: number): string {
  const base = resolveBaseUnit(parameter.unit);
  if (!base || baseValue === 0) return String(baseValue);
  const amount = baseValue * base.size;
  const units = base.kind === "memory" ? MEMORY_UNITS : TIME_UNITS;
  const unit = units.find(([, size]) => size <= amount && amount % size === 0);
  return unit ? `${amount / unit[1]}${unit[0]}` : String(baseValue);
}

/** An integer just outside its range (within a factor of two of the bound): the bound. */
function boundFix(parameter: CatalogParameter, value: string): string | undefined {
  if (parameter.vartype !== "integer" || parameter.min === null || parameter.max === null) return undefined;
  const parsed = parseIntWithUnits(value, resolveBaseUnit(parameter.unit));
  if (!parsed.ok) return undefined;
  if (parsed.value < parameter.min && parameter.min > 0 && parsed.value * 2 >= parameter.min) return inBestUnit(parameter, parameter.min);
  if (parsed.value > parameter.max && parameter.max > 0 && parsed.value <= parameter.max * 2) return inBestUnit(parameter, parameter.max);
  return undefined;
}

/** The built-in default as a value one could write. */
function defaultOf(parameter: CatalogParameter): string {
  if (parameter.bootVal === null || parameter.bootVal === "") return "empty";
  const numeric = parameter.vartype === "integer" && /^-?[0-9]+$/.test(parameter.bootVal);
  return numeric && Number(parameter.bootVal) > 0 ? inBestUnit(parameter, Number(parameter.bootVal)) : parameter.bootVal;
}

export default defineRule({
  meta: {
    description: "Report values PostgreSQL rejects: not a number or a Boolean, a unit it does not know, out of range, or not one of the allowed values.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      invalid: "{{problem}} PostgreSQL {{version}} refuses to start with it (a reload logs the error and keeps the current value).",
      invalidModuleValue: "{{problem}} When {{module}} is loaded, PostgreSQL {{version}} warns and ignores the value, so {{name}} keeps its default ({{default}}).",
      useValue: "Write {{name}} = {{value}}{{restart}}.",
    },
    references: [
      { title: "PostgreSQL: Parameter Names and Values", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES" },
      { title: "PostgreSQL: Server Configuration", url: "https://www.postgresql.org/docs/current/runtime-config.html" },
    ],
  },
  check(context) {
    const cluster = context.cluster;
    // The server checks every line at start-up, not only the one that wins.
    for (const file of cluster.confFiles) {
      for (const line of file.document.settings) {
        const parameter = cluster.parameterOf(line);
        if (!parameter) continue;
        if (TYPOGRAPHIC_END.test(line.value)) continue;
        const result = checkValue(parameter, line.value, context.pgVersion, { writtenName: line.name });
        if (result.ok) continue;
        // PostgreSQL's message, then its DETAIL and HINT lines.
        const detail = (result as { detail?: string }).detail;
        const problem = `${result.message}.${detail ? ` ${detail}` : ""}${result.hint ? ` ${result.hint}` : ""}`;
        const better = unitCaseFix(parameter, line.value) ?? enumTypoFix(parameter, line.value) ?? boundFix(parameter, line.value);
        const valid = better !== undefined && checkValue(parameter, better, context.pgVersion).ok;
        const restart = parameter.context === "postmaster" ? " (takes effect after a restart)" : "";
        const suggestions = valid ? [{ messageId: "useValue" as const, data: { name: line.name, value: asWritten(line, better), restart }, edits: [{ range: [line.valueSpan.start, line.valueSpan.end] as [number, number], text: asWritten(line, better) }] }] : [];
        const data: Record<string, string | number> = { problem, version: context.pgVersion };
        if (parameter.module) Object.assign(data, { module: parameter.module, name: line.name, default: defaultOf(parameter) });
        context.report({ messageId: parameter.module ? "invalidModuleValue" : "invalid", data, filePath: file.path, span: line.valueSpan, suggestions });
      }
    }
  },
});
