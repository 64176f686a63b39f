// The SettingJudge of the views: the target version's catalog says which names exist, and the
// value parser says what PostgreSQL would refuse, as the server judges pg_file_settings (at a
// reload: set_config_option in the SIGHUP context).
import { isKnownParameter, loadCatalog, lookupParameter } from "../catalog";
import { checkValue } from "../values";
import type { SettingJudge } from "./file-settings";

/** The judge of a given major version. Dotted names are placeholders: never checked here. */
export function settingJudge(pgVersion: number): SettingJudge {
  const catalog = loadCatalog(pgVersion);
  return {
    isKnown: (name) => isKnownParameter(catalog, name),
    checkValue: (name, value) => {
      const param = lookupParameter(catalog, name);
      if (!param || name.includes(".")) return null;
      // An internal parameter cannot be set from a file, whatever the value.
      if (param.context === "internal") return `parameter "${param.name}" cannot be changed`;
      const result = checkValue(param, value, pgVersion, { writtenName: name });
      return result.ok ? null : result.message;
    },
  };
}
