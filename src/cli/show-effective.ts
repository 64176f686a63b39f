// `pgconf-lint show --effective`: one row per parameter whose effective value differs from the
// built-in default: the value, its value in the base unit, where it is set, and whether a
// change needs a restart.
import path = require("node:path");
import { buildCluster } from "../engine/cluster";
import type { SettingEntry } from "../engine/cluster";
import { checkValue, parseBool } from "../values";
import { diskReader } from "../views/file-settings";
import type { PgVersion } from "../views/types";

export interface EffectiveRow {
  name: string;
  setting: string;
  base_value: string | null;
  unit: string | null;
  source: string;
  context: string;
  restart: boolean;
}

export const EFFECTIVE_COLUMNS: (keyof EffectiveRow)[] = ["name", "setting", "base_value", "unit", "source", "context", "restart"];

function differsFromDefault(entry: SettingEntry, pgVersion: number): { differs: boolean; baseValue: string | null } {
  const parameter = entry.parameter!;
  const checked = checkValue(parameter, entry.line.value, pgVersion, { writtenName: entry.line.name });
  if (!checked.ok) return { differs: true, baseValue: null };
  const boot = parameter.bootVal ?? "";
  switch (parameter.vartype) {
    case "bool":
      return { differs: checked.value !== parseBool(boot), baseValue: String(checked.value ? "on" : "off") };
    case "integer":
    case "real":
      return { differs: checked.baseValue !== Number(boot), baseValue: checked.baseValue === undefined ? null : String(checked.baseValue) };
    case "enum":
      return { differs: String(checked.value).toLowerCase() !== boot.toLowerCase(), baseValue: String(checked.value) };
    default:
      return { differs: entry.line.value !== boot, baseValue: null };
  }
}

export function effectiveRows(confPath: string, pgVersion: PgVersion, cwd: string): EffectiveRow[] {
  const auto = path.join(path.dirname(confPath), "postgresql.auto.conf");
  const isAuto = path.basename(confPath) === "postgresql.auto.conf";
  const cluster = buildCluster(pgVersion, { mainPath: confPath, reader: diskReader, ...(isAuto ? {} : { autoConfPath: auto }) }, [], []);
  const rows: EffectiveRow[] = [];
  const seen = new Set<string>();
  for (const entry of [...cluster.settings].reverse()) {
    if (seen.has(entry.key) || !entry.parameter) continue;
    seen.add(entry.key);
    const { differs, baseValue } = differsFromDefault(entry, pgVersion);
    if (!differs) continue;
    rows.push({
      name: entry.parameter.name,
      setting: entry.line.value,
      base_value: baseValue,
      unit: entry.parameter.unit,
      source: `${path.relative(cwd, entry.file.path) || entry.file.path}:${entry.line.nameSpan.line}`,
      context: entry.parameter.context,
      restart: entry.parameter.context === "postmaster",
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
