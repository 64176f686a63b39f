// The configuration file: `.pgconf-lint.json` or the "pgconf-lint" key of package.json, the
// nearest one above each linted file (up to one with "root": true). Validated against
// schema/pgconf-lint.schema.json's rules, with the JSON path of each problem.
import fs = require("node:fs");
import path = require("node:path");
import type { LintConfig, RuleSetting } from "../engine/config";
import { SUPPORTED_PG_VERSIONS } from "../views/types";
import { matchesGlob } from "./glob";

export const CONFIG_FILE_NAME = ".pgconf-lint.json";

export interface ConfigOverride {
  files: string[];
  pgVersion?: number;
  rules?: Record<string, RuleSetting>;
}

export interface ConfigFile extends LintConfig {
  root?: boolean;
  ignores?: string[];
  /** Directories (relative to the config file) that include directives may read from. */
  includeRoots?: string[];
  overrides?: ConfigOverride[];
}

export interface LoadedConfigFile {
  /** Absolute path of the file (package.json for its key). */
  path: string;
  dir: string;
  config: ConfigFile;
}

/** A bad configuration file: exit status 2, with the file and JSON path in the message. */
export class ConfigFileError extends Error {}

const TOP_KEYS = new Set(["$schema", "root", "pgVersion", "extends", "plugins", "rules", "ignores", "includeRoots", "overrides"]);
const OVERRIDE_KEYS = new Set(["files", "pgVersion", "rules"]);
const SEVERITIES = new Set<unknown>(["off", "warn", "error", 0, 1, 2]);

function fail(file: string, where: string, problem: string): never {
  throw new ConfigFileError(`${file}: ${where}: ${problem}`);
}

function checkStringArray(file: string, where: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "")) fail(file, where, "must be an array of non-empty strings");
}

function checkPgVersion(file: string, where: string, value: unknown): void {
  if (!(SUPPORTED_PG_VERSIONS as readonly unknown[]).includes(value)) fail(file, where, `must be one of ${SUPPORTED_PG_VERSIONS.join(", ")}, not ${JSON.stringify(value)}`);
}

function checkRules(file: string, where: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(file, where, "must be an object of rule id to severity");
  for (const [id, setting] of Object.entries(value)) {
    const severity = Array.isArray(setting) ? setting[0] : setting;
    if (Array.isArray(setting) && (setting.length < 1 || setting.length > 2)) fail(file, `${where}["${id}"]`, "must be a severity or [severity, options]");
    if (!SEVERITIES.has(severity)) fail(file, `${where}["${id}"]`, `severity must be "off", "warn" or "error" (or 0, 1, 2), not ${JSON.stringify(severity)}`);
    if (Array.isArray(setting) && setting.length === 2 && (typeof setting[1] !== "object" || setting[1] === null || Array.isArray(setting[1]))) fail(file, `${where}["${id}"][1]`, "options must be an object");
  }
}

/** Validates a parsed configuration against the schema's rules. */
export function validateConfig(file: string, value: unknown): ConfigFile {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(file, "(top level)", "must be a JSON object");
  for (const [key, item] of Object.entries(value)) {
    if (!TOP_KEYS.has(key)) fail(file, key, `unknown key (known: ${[...TOP_KEYS].join(", ")})`);
    if (key === "root" && typeof item !== "boolean") fail(file, key, "must be true or false");
    if (key === "pgVersion") checkPgVersion(file, key, item);
    if (key === "extends" || key === "plugins" || key === "ignores" || key === "includeRoots") checkStringArray(file, key, item);
    if (key === "rules") checkRules(file, key, item);
    if (key === "overrides") {
      if (!Array.isArray(item)) fail(file, key, "must be an array");
      item.forEach((override: unknown, i) => {
        const where = `overrides[${i}]`;
        if (typeof override !== "object" || override === null || Array.isArray(override)) fail(file, where, "must be an object");
        if (!("files" in override)) fail(file, where, 'needs "files" (globs)');
        for (const [okey, ovalue] of Object.entries(override)) {
          if (!OVERRIDE_KEYS.has(okey)) fail(file, `${where}.${okey}`, `unknown key (known: ${[...OVERRIDE_KEYS].join(", ")})`);
          if (okey === "files") checkStringArray(file, `${where}.files`, ovalue);
          if (okey === "pgVersion") checkPgVersion(file, `${where}.pgVersion`, ovalue);
          if (okey === "rules") checkRules(file, `${where}.rules`, ovalue);
        }
      });
    }
  }
  return value as ConfigFile;
}

/** Reads and validates a configuration file (a .json file, or package.json's key). */
export function readConfigFile(file: string): LoadedConfigFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigFileError(`${file}: cannot read the configuration file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  if (path.basename(file) === "package.json") {
    const section = (parsed as Record<string, unknown> | null)?.["pgconf-lint"];
    if (section === undefined) return null;
    parsed = section;
  }
  return { path: file, dir: path.dirname(file), config: validateConfig(file, parsed) };
}

/** The nearest configuration above `dir` (inclusive), cached per directory. */
export class ConfigLookup {
  private readonly byDir = new Map<string, LoadedConfigFile | null>();

  find(dir: string): LoadedConfigFile | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let found: LoadedConfigFile | null = null;
    const own = path.join(dir, CONFIG_FILE_NAME);
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(own)) found = readConfigFile(own);
    else if (fs.existsSync(pkg)) found = readConfigFile(pkg);
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir ? null : this.find(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }
}

/** The configuration that applies to one file: the file's top level plus matching overrides. */
export function configForFile(loaded: LoadedConfigFile | null, filePath: string): { config: LintConfig; ignored: boolean; key: string; includeRoots: string[] } {
  if (!loaded) return { config: {}, ignored: false, key: "", includeRoots: [] };
  const relative = path.relative(loaded.dir, filePath).split(path.sep).join("/");
  const { config } = loaded;
  const ignored = (config.ignores ?? []).some((pattern) => matchesGlob(relative, pattern));
  const matching = (config.overrides ?? []).map((override, index) => ({ override, index })).filter(({ override }) => override.files.some((pattern) => matchesGlob(relative, pattern)));
  const merged: LintConfig = { ...(config.pgVersion !== undefined ? { pgVersion: config.pgVersion } : {}), ...(config.extends ? { extends: config.extends } : {}), ...(config.plugins ? { plugins: config.plugins } : {}), rules: { ...config.rules } };
  for (const { override } of matching) {
    if (override.pgVersion !== undefined) merged.pgVersion = override.pgVersion;
    merged.rules = { ...merged.rules, ...override.rules };
  }
  const includeRoots = (config.includeRoots ?? []).map((root) => path.resolve(loaded.dir, root));
  return { config: merged, ignored, key: `${loaded.path}#${matching.map((m) => m.index).join(",")}`, includeRoots };
}
