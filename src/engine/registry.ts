// Every rule the run knows: the built-in plugin and the configured ones, ids prefixed by their
// plugin's name, and the presets that turn them on.
import { createRequire } from "node:module";
import path = require("node:path");
import type { Plugin, RuleDefinition } from "./rule";
import type { PresetName, Severity } from "./types";
import { compareStrings } from "../order";

export const DOCS_BASE_URL = "https://github.com/pgconf-lint/pgconf-lint/blob/main/docs/rules/";
export const PRESET_NAMES: readonly PresetName[] = ["recommended", "cis", "all"];

export interface RegisteredRule {
  id: string;
  rule: RuleDefinition;
  plugin: string;
  docsUrl: string;
}

/** A configuration problem the user must fix (exit status 2). */
export class ConfigError extends Error {}

export class RuleRegistry {
  private readonly rules = new Map<string, RegisteredRule>();
  private readonly pluginPresets = new Map<string, Record<string, Severity>>();

  constructor(plugins: Plugin[]) {
    for (const plugin of plugins) this.add(plugin);
  }

  private add(plugin: Plugin): void {
    const prefix = plugin.name === "" ? "" : `${plugin.name}/`;
    for (const [localId, rule] of Object.entries(plugin.rules)) {
      const id = prefix + localId;
      const docsUrl = plugin.name === "" ? `${DOCS_BASE_URL}${localId}.md` : (rule.meta.references[0]?.url ?? "");
      this.rules.set(id, { id, rule, plugin: plugin.name, docsUrl });
    }
    for (const [presetName, severities] of Object.entries(plugin.presets ?? {})) {
      const prefixed = Object.fromEntries(Object.entries(severities).map(([id, severity]) => [prefix + id, severity]));
      this.pluginPresets.set(`plugin:${plugin.name}/${presetName}`, prefixed);
    }
  }

  get(id: string): RegisteredRule | undefined {
    return this.rules.get(id);
  }

  all(): RegisteredRule[] {
    return [...this.rules.values()].sort((a, b) => compareStrings(a.id, b.id));
  }

  /** The severities a preset sets: `recommended`, `cis` (recommended + CIS checks), `all`, or a plugin's `plugin:NAME/PRESET`. */
  preset(name: string): Map<string, Severity> {
    const result = new Map<string, Severity>();
    const pluginPreset = this.pluginPresets.get(name);
    if (pluginPreset) {
      for (const [id, severity] of Object.entries(pluginPreset)) result.set(id, severity);
      return result;
    }
    if (!(PRESET_NAMES as readonly string[]).includes(name)) {
      const known = [...PRESET_NAMES, ...this.pluginPresets.keys()].map((n) => `"${n}"`).join(", ");
      throw new ConfigError(`unknown preset "${name}" (known: ${known})`);
    }
    for (const { id, rule } of this.rules.values()) {
      const presets = rule.meta.presets;
      const on = name === "all" || presets.includes("recommended") || (name === "cis" && presets.includes("cis"));
      if (on || rule.meta.alwaysOn) result.set(id, rule.meta.defaultSeverity);
    }
    return result;
  }
}

/** Loads `pgconf-lint-plugin-NAME` (or a path to a plugin module), resolved from `fromDir`. */
export function loadPlugin(spec: string, fromDir: string): Plugin {
  const isPath = spec.startsWith(".") || path.isAbsolute(spec);
  const request = isPath ? path.resolve(fromDir, spec) : spec.startsWith("pgconf-lint-plugin-") ? spec : `pgconf-lint-plugin-${spec}`;
  const requireFrom = createRequire(path.join(fromDir, "noop.js"));
  let loaded: unknown;
  try {
    loaded = requireFrom(request);
  } catch (error) {
    throw new ConfigError(`cannot load plugin "${spec}" from ${fromDir}: ${(error as Error).message.split("\n")[0]}`);
  }
  const plugin = ((loaded as { default?: unknown }).default ?? loaded) as Partial<Plugin>;
  if (typeof plugin !== "object" || plugin === null || typeof plugin.rules !== "object" || plugin.rules === null) {
    throw new ConfigError(`plugin "${spec}" does not export { name, rules }`);
  }
  const derived = isPath ? path.basename(request).replace(/\.[cm]?js$/, "").replace(/^pgconf-lint-plugin-/, "") : request.replace(/^pgconf-lint-plugin-/, "");
  const name = typeof plugin.name === "string" && plugin.name !== "" ? plugin.name : derived;
  for (const [id, rule] of Object.entries(plugin.rules)) {
    if (typeof (rule as RuleDefinition | undefined)?.check !== "function" || typeof (rule as RuleDefinition).meta !== "object") {
      throw new ConfigError(`plugin "${name}": rule "${id}" has no meta and check()`);
    }
  }
  return { name, rules: plugin.rules, ...(plugin.presets ? { presets: plugin.presets } : {}) };
}
