// The CLI's configuration lookup (the nearest .pgconf-lint.json, or package.json with a
// "pgconf-lint" key, above a file), re-checked on every lint at the cost of a few stat calls:
// a configuration file is re-read only when its mtime or size changed, and the rule registry
// (plugins loaded, presets resolved) is rebuilt only when the configuration that applies did.
import fs = require("node:fs");
import path = require("node:path");
import { registryFor } from "../cli/lint-command";
import { CONFIG_FILE_NAME, configForFile, readConfigFile } from "../cli/config-file";
import type { LoadedConfigFile } from "../cli/config-file";
import { resolveRules } from "../engine/config";
import type { EnabledRule, LintConfig } from "../engine/config";
import type { RuleRegistry } from "../engine/registry";
import { DEFAULT_PG_VERSION, SUPPORTED_PG_VERSIONS } from "../views/types";
import type { PgVersion } from "../views/types";

/** What the linter needs for one file: its rules at its target version. */
export interface ResolvedConfig {
  /** Identifies the configuration (file, its version on disk, matching overrides). */
  key: string;
  ignored: boolean;
  pgVersion: PgVersion;
  registry: RuleRegistry;
  rules: EnabledRule[];
  knownRuleIds: ReadonlySet<string>;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  loaded: LoadedConfigFile | null;
}

export class ConfigCache {
  private readonly files = new Map<string, CachedFile>();
  private readonly resolved = new Map<string, Omit<ResolvedConfig, "ignored" | "key">>();

  /** @param defaultPgVersion the target version when the configuration names none. */
  constructor(private readonly defaultPgVersion: PgVersion = DEFAULT_PG_VERSION) {}

  /** Forgets everything (a watched configuration file changed). */
  clear(): void {
    this.files.clear();
    this.resolved.clear();
  }

  /** Reads (or reuses) one candidate file; undefined when it does not exist. */
  private read(file: string): CachedFile | undefined {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || !stat.isFile()) return undefined;
    const cached = this.files.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    // A broken file throws ConfigFileError every time until it is fixed (nothing is cached).
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, loaded: readConfigFile(file) };
    this.files.set(file, entry);
    return entry;
  }

  /** The nearest configuration above `dir`, exactly as the CLI's ConfigLookup finds it. */
  find(dir: string): { loaded: LoadedConfigFile; stamp: string } | null {
    for (let current = dir; ; ) {
      const own = this.read(path.join(current, CONFIG_FILE_NAME));
      const found = own ?? this.read(path.join(current, "package.json"));
      if (found?.loaded) return { loaded: found.loaded, stamp: `${found.mtimeMs}:${found.size}` };
      const parent = path.dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }

  /** The configuration for a file. Throws ConfigFileError / ConfigError for a broken one. */
  forFile(filePath: string): ResolvedConfig {
    const found = this.find(path.dirname(filePath));
    const { config, ignored, key: overrideKey } = configForFile(found?.loaded ?? null, filePath);
    const key = `${overrideKey}@${found?.stamp ?? ""}`;
    let resolved = this.resolved.get(key);
    if (!resolved) {
      resolved = this.resolve(config, found?.loaded.dir ?? path.dirname(filePath));
      this.resolved.set(key, resolved);
    }
    return { key, ignored, ...resolved };
  }

  private resolve(config: LintConfig, configDir: string): Omit<ResolvedConfig, "ignored" | "key"> {
    const pgVersion = (config.pgVersion ?? this.defaultPgVersion) as PgVersion;
    if (!(SUPPORTED_PG_VERSIONS as readonly number[]).includes(pgVersion)) throw new Error(`pgVersion ${pgVersion}: supported versions are ${SUPPORTED_PG_VERSIONS.join(", ")}`);
    const registry = registryFor(config, configDir);
    const rules = resolveRules(registry, config);
    return { pgVersion, registry, rules, knownRuleIds: new Set(registry.all().map((rule) => rule.id)) };
  }
}
