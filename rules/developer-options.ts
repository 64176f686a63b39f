// developer-options: parameters of the catalog's "Developer Options" category (per version) must
// keep their default (the catalog's boot value); values are compared parsed, so `0`, `off` and
// `false` are all the default of a boolean that is off.
import { checkValue, defineRule, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import type { CatalogParameter, SettingEntry } from "../src/rule-api";

const CATEGORY = "Developer Options";

// Judgement: why the known dangerous ones matter; every other developer option gets GENERIC.
const WHY: Record<string, string> = {
  zero_damaged_pages: "the server then silently zeroes damaged pages, destroying their rows, instead of reporting the corruption",
  ignore_checksum_failure: "the server then reads pages whose checksum fails, passing corrupt data on instead of reporting it",
  ignore_invalid_pages: "recovery then goes on past WAL records that point to invalid pages, hiding corruption",
  ignore_system_indexes: "every session then reads the system catalogs without their indexes, which is much slower and only meant to recover from damaged catalog indexes",
  allow_system_table_mods: "superusers can then change the structure of the system catalogs and break the cluster beyond repair",
  allow_in_place_tablespaces: "tablespaces are then created inside the data directory, which only PostgreSQL's own tests need",
  pre_auth_delay: "every new connection then waits before authenticating (a pause for attaching a debugger), delaying every login and holding its connection slot",
  post_auth_delay: "every new connection then waits after authenticating (a pause for attaching a debugger), delaying every login and holding its connection slot",
  wal_consistency_checking: "WAL records then carry full page images that replay checks, which multiplies the WAL volume and slows recovery",
  remove_temp_files_after_crash: "temporary files are then kept after a crash, and pile up on disk",
  send_abort_for_crash: "child processes are then stopped with SIGABRT after a crash, each writing a core dump",
  send_abort_for_kill: "stuck child processes are then stopped with SIGABRT, each writing a core dump",
};
const GENERIC = "it is meant for developing and debugging PostgreSQL itself: it can flood the log, slow the server down or change how it behaves";

function remedy(entry: SettingEntry, assignment: string, restart: boolean): string {
  if (entry.file.isAutoConf) return `Change it with ALTER SYSTEM RESET ${entry.key} (postgresql.auto.conf sets it)`;
  return `Set ${assignment}${restart ? " (takes effect after a restart)" : ""}, or remove the line`;
}

/** The value as PostgreSQL holds it, for comparison; undefined if PostgreSQL refuses it. */
function parsed(parameter: CatalogParameter, value: string, pgVersion: number): string | number | boolean | undefined {
  const checked = checkValue(parameter, value, pgVersion);
  if (!checked.ok) return undefined;
  return typeof checked.value === "string" && parameter.vartype === "enum" ? checked.value.toLowerCase() : checked.value;
}

/** The boot value as a postgresql.conf value token: numbers in the base unit, words bare, strings quoted. */
function bootRaw(parameter: CatalogParameter, entry: SettingEntry): string {
  const boot = parameter.bootVal ?? "";
  const bare = parameter.vartype !== "string" && /^(-?[0-9]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(boot);
  return bare && !entry.line.quoted ? boot : quoteValue(boot);
}

export default defineRule({
  meta: {
    description: "Keep PostgreSQL's developer options (zero_damaged_pages, ignore_system_indexes, trace_*, debug_*, ...) at their defaults.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: true,
    messages: {
      developerOption: "{{name}} = {{value}} is a developer option (default {{default}}): {{why}}. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Developer Options", url: "https://www.postgresql.org/docs/current/runtime-config-developer.html" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.2 Ensure 'backend' runtime parameters are configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 6.5 Ensure 'Superuser' runtime parameters are configured correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    if (!cluster.mainConf) return;
    const keys = new Set(cluster.settings.filter((entry) => entry.parameter?.category === CATEGORY).map((entry) => entry.key));
    for (const key of keys) {
      const entry = cluster.effective(key)!;
      const parameter = entry.parameter!;
      const value = parsed(parameter, entry.line.value, pgVersion);
      const boot = parsed(parameter, parameter.bootVal ?? "", pgVersion);
      // An invalid value is the value checker's finding.
      if (value === undefined || value === boot) continue;
      const raw = bootRaw(parameter, entry);
      const fix = safeSetParameterEdits(cluster, key, raw);
      context.report({
        messageId: "developerOption",
        data: {
          name: entry.line.name,
          value: entry.line.rawValue,
          default: parameter.bootVal === "" ? "''" : (parameter.bootVal ?? ""),
          why: WHY[parameter.name] ?? GENERIC,
          remedy: remedy(entry, `${entry.line.name} = ${raw}`, parameter.context === "postmaster"),
        },
        filePath: entry.file.path,
        span: entry.line.valueSpan,
        ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
      });
    }
  },
});
