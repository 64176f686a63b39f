// config_enum_lookup_by_name: an enum value matches a listed value or a hidden alias
// (hidden-enum-values.json), ASCII case-insensitively, and is reported under the name SHOW
// prints for it (the first row of the array with the same number).
import { asciiLowerCase } from "../ascii";
import hiddenEnumData from "./hidden-enum-values.json";

type AliasMap = Record<string, Record<string, string>>;
interface HiddenEnumFile {
  versions: Record<string, { hidden: AliasMap; visibleAliases: AliasMap }>;
}

const data = hiddenEnumData as HiddenEnumFile;

export type EnumLookup = { ok: true; value: string; hidden: boolean } | { ok: false; hint: string };

/** Hidden values of one parameter in one major version, each with the name SHOW reports. */
export function hiddenEnumValues(paramName: string, pgVersion: number): Readonly<Record<string, string>> {
  return data.versions[String(pgVersion)]?.hidden[asciiLowerCase(paramName)] ?? {};
}

/**
 * `enumvals` are the values pg_settings lists, in the server's order. The hint on failure is
 * PostgreSQL's: `Available values: a, b, c.`
 */
export function lookupEnum(paramName: string, enumvals: readonly string[], value: string, pgVersion: number): EnumLookup {
  const wanted = asciiLowerCase(value);
  const name = asciiLowerCase(paramName);
  const versionData = data.versions[String(pgVersion)];
  const visible = enumvals.find((v) => asciiLowerCase(v) === wanted);
  if (visible !== undefined) {
    return { ok: true, value: versionData?.visibleAliases[name]?.[visible] ?? visible, hidden: false };
  }
  const hidden = Object.entries(hiddenEnumValues(paramName, pgVersion)).find(([alias]) => asciiLowerCase(alias) === wanted);
  if (hidden) return { ok: true, value: hidden[1], hidden: true };
  return { ok: false, hint: `Available values: ${enumvals.join(", ")}.` };
}
