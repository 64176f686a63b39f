// The linter's configuration, resolved: which rules run, at which severity, with which options.
import { ConfigError } from "./registry";
import type { RuleRegistry, RegisteredRule } from "./registry";
import type { Severity } from "./types";

export type RuleSetting = Severity | 0 | 1 | 2 | [Severity | 0 | 1 | 2, Record<string, unknown>?];

export interface LintConfig {
  pgVersion?: number;
  /** Presets, applied in order: "recommended", "cis", "all", or "plugin:NAME/PRESET". */
  extends?: string[];
  plugins?: string[];
  rules?: Record<string, RuleSetting>;
}

export interface EnabledRule {
  registered: RegisteredRule;
  severity: Exclude<Severity, "off">;
  options: Record<string, unknown>;
}

const NUMERIC: Record<number, Severity> = { 0: "off", 1: "warn", 2: "error" };

function severityOf(value: unknown, where: string): Severity {
  if (value === "off" || value === "warn" || value === "error") return value;
  if (typeof value === "number" && NUMERIC[value]) return NUMERIC[value]!;
  throw new ConfigError(`${where}: severity must be "off", "warn" or "error" (or 0, 1, 2), not ${JSON.stringify(value)}`);
}

/** The rules to run: presets first (default: recommended), then the `rules` entries. */
export function resolveRules(registry: RuleRegistry, config: LintConfig): EnabledRule[] {
  const severities = new Map<string, Severity>();
  const options = new Map<string, Record<string, unknown>>();
  for (const preset of config.extends ?? ["recommended"]) {
    for (const [id, severity] of registry.preset(preset)) severities.set(id, severity);
  }
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const registered = registry.get(id);
    if (!registered) throw new ConfigError(`rules: unknown rule "${id}"${suggestRule(registry, id)}`);
    const [severity, ruleOptions] = Array.isArray(setting) ? setting : [setting, undefined];
    severities.set(id, severityOf(severity, `rules["${id}"]`));
    if (ruleOptions !== undefined) options.set(id, validateOptions(registered, ruleOptions));
  }
  const enabled: EnabledRule[] = [];
  for (const registered of registry.all()) {
    const severity = registered.rule.meta.alwaysOn ? registered.rule.meta.defaultSeverity : (severities.get(registered.id) ?? "off");
    if (severity === "off") continue;
    enabled.push({ registered, severity, options: { ...registered.rule.meta.defaultOptions, ...options.get(registered.id) } });
  }
  return enabled;
}

function suggestRule(registry: RuleRegistry, id: string): string {
  const close = registry.all().find((rule) => rule.id.includes(id) || id.includes(rule.id));
  return close ? ` (did you mean "${close.id}"?)` : "";
}

/** Checks options against the rule's schema: known keys only, and their JSON types. */
function validateOptions(registered: RegisteredRule, value: Record<string, unknown>): Record<string, unknown> {
  const schema = registered.rule.meta.optionsSchema as { properties?: Record<string, { type?: string; enum?: unknown[] }> } | undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`rules["${registered.id}"]: options must be an object`);
  const properties = schema?.properties ?? {};
  for (const [key, option] of Object.entries(value)) {
    const property = properties[key];
    if (!property) {
      const known = Object.keys(properties);
      throw new ConfigError(`rules["${registered.id}"]: unknown option "${key}"${known.length ? ` (options: ${known.join(", ")})` : " (the rule has no options)"}`);
    }
    const type = Array.isArray(option) ? "array" : option === null ? "null" : typeof option === "number" && Number.isInteger(option) && property.type === "integer" ? "integer" : typeof option;
    if (property.type && property.type !== type) throw new ConfigError(`rules["${registered.id}"].${key}: must be ${property.type}, not ${JSON.stringify(option)}`);
    if (property.enum && !property.enum.includes(option)) throw new ConfigError(`rules["${registered.id}"].${key}: must be one of ${property.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  return value;
}
