// The informational subcommands: `rules`, `print-config FILE`, `init`.
import fs = require("node:fs");
import path = require("node:path");
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../engine/config";
import { RuleRegistry } from "../engine/registry";
import { DEFAULT_PG_VERSION } from "../views/types";
import { CONFIG_FILE_NAME, ConfigLookup, configForFile, readConfigFile } from "./config-file";
import { InputError } from "./errors";
import { registryFor } from "./lint-command";
import { renderTable } from "./table";

function presetsOf(presets: string[]): string {
  const list = new Set(presets.includes("recommended") ? ["recommended", "cis", ...presets] : presets);
  return [...list, "all"].join(", ");
}

export function runRules(options: { format: "table" | "json" | "markdown"; stdout: (text: string) => void }): number {
  const registry = new RuleRegistry([builtinPlugin]);
  const rows = registry.all().map(({ id, rule, docsUrl }) => ({
    id,
    description: rule.meta.description,
    category: rule.meta.category,
    severity: rule.meta.defaultSeverity,
    presets: presetsOf(rule.meta.presets),
    fixable: rule.meta.fixable ? "yes" : "",
    docs: docsUrl,
  }));
  if (options.format === "json") options.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (options.format === "markdown") {
    const lines = ["| rule | description | presets | severity | fixable |", "|---|---|---|---|---|"];
    for (const row of rows) lines.push(`| [\`${row.id}\`](docs/rules/${row.id}.md) | ${row.description} | ${row.presets} | ${row.severity} | ${row.fixable || "no"} |`);
    options.stdout(`${lines.join("\n")}\n`);
  } else {
    const columns = ["id", "severity", "presets", "fixable", "description"] as const;
    options.stdout(renderTable(columns, rows));
  }
  return 0;
}

export function runPrintConfig(options: { file: string; cwd: string; configPath?: string; configLookup: boolean; stdout: (text: string) => void }): number {
  const filePath = path.resolve(options.cwd, options.file);
  const loaded = options.configPath ? readConfigFile(path.resolve(options.cwd, options.configPath)) : options.configLookup ? new ConfigLookup().find(path.dirname(filePath)) : null;
  const { config, ignored } = configForFile(loaded, filePath);
  const registry = registryFor(config, loaded?.dir ?? options.cwd);
  const rules = Object.fromEntries(resolveRules(registry, config).map((rule) => [rule.registered.id, Object.keys(rule.options).length ? [rule.severity, rule.options] : rule.severity]));
  const printed = { configFile: loaded?.path ?? null, ignored, pgVersion: config.pgVersion ?? DEFAULT_PG_VERSION, extends: config.extends ?? ["recommended"], plugins: config.plugins ?? [], rules };
  options.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  return 0;
}

export function runInit(options: { cwd: string; pgVersion: number; preset: string; stdout: (text: string) => void }): number {
  const file = path.join(options.cwd, CONFIG_FILE_NAME);
  if (fs.existsSync(file)) throw new InputError(`${file} already exists; edit it, or remove it first`);
  const config = {
    $schema: "./node_modules/pgconf-lint/schema/pgconf-lint.schema.json",
    pgVersion: options.pgVersion,
    extends: [options.preset],
    rules: {},
    ignores: [] as string[],
  };
  // Validate the preset before writing anything.
  new RuleRegistry([builtinPlugin]).preset(options.preset);
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { flag: "wx" });
  options.stdout(`Wrote ${path.relative(options.cwd, file) || file}: PostgreSQL ${options.pgVersion}, preset ${options.preset}.\n`);
  return 0;
}
