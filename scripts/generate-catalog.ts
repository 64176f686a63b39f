// `npm run catalog`: reads pg_settings from a real server of each major version 10-18 (the
// oracles under oracle/, `npm run oracle:install`) with the contrib modules that define
// parameters loaded, and writes src/catalog/data/pgNN.json, one parameter per line. The
// linter's facts about parameters come from here, never from a hand-written list.
import fs from "node:fs";
import path from "node:path";
import { installedVersions, ORACLE_MAJORS, OracleServer } from "../test/oracle/server";
import type { Catalog, CatalogParameter, ParamContext, VarType } from "../src/catalog/types";

const DATA_DIR = path.join(__dirname, "..", "src", "catalog", "data");

// Modules whose _PG_init defines parameters only when preloaded (they return early otherwise).
const PRELOADED_MODULES = ["auth_delay", "auto_explain", "pg_stat_statements", "passwordcheck", "pg_prewarm"];
// Modules whose parameters appear once the library is loaded into the session (LOAD).
const LOADED_MODULES = ["plpgsql", "pg_trgm", "postgres_fdw", "pgcrypto", "basic_archive", "plperl", "pltcl", "sepgsql", "pg_overexplain"];

// Names a server may know without listing them in pg_settings (GUC_NO_SHOW_ALL, old-name
// aliases): probed with current_setting(name, true), with every name of every version's data.
const HIDDEN_CANDIDATES = [
  "is_superuser", "role", "session_authorization", "seed", "default_with_oids", "lc_collate", "lc_ctype",
  "sort_mem", "vacuum_mem", "ssl_ecdh_curve", "custom_variable_classes", "checkpoint_segments", "wal_keep_segments",
];

function namesInDataFiles(): string[] {
  if (!fs.existsSync(DATA_DIR)) return [];
  return fs.readdirSync(DATA_DIR).flatMap((file) => {
    const catalog = JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), "utf8")) as Catalog;
    return catalog.parameters.map((parameter) => parameter.name);
  });
}

interface PgSettingsRow {
  name: string;
  vartype: VarType;
  unit: string | null;
  min_val: string | null;
  max_val: string | null;
  enumvals: string[] | null;
  boot_val: string | null;
  context: ParamContext;
  category: string;
  short_desc: string;
}

async function libraryDir(server: OracleServer): Promise<string> {
  const rows = await server.query<{ setting: string }>("SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'");
  const dir = rows[0]?.setting;
  if (!dir) throw new Error(`PostgreSQL ${server.serverVersion}: pg_config has no PKGLIBDIR`);
  return dir;
}

/** For each parameter of the stock postgresql.conf.sample, the section header above its
 *  commented-out line ("# - SSL -", else "# CONNECTIONS AND AUTHENTICATION"). */
function sampleSections(shareDir: string): Map<string, string> {
  const sections = new Map<string, string>();
  const file = path.join(shareDir, "postgresql.conf.sample");
  if (!fs.existsSync(file)) return sections;
  let section: string | null = null;
  let subsection: string | null = null;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (/^# [A-Z][A-Z0-9 ,()/-]+$/.test(line.trimEnd())) {
      section = line.trimEnd();
      subsection = null;
    } else if (/^# - .+ -$/.test(line.trimEnd())) subsection = line.trimEnd();
    const match = /^#([a-z_][a-z0-9_.]*)\s*=/.exec(line);
    const header = subsection ?? section;
    if (match && header && !sections.has(match[1]!)) sections.set(match[1]!, header);
  }
  return sections;
}

function toNumber(text: string | null): number | null {
  return text === null ? null : Number(text);
}

async function readCatalog(version: number): Promise<Catalog> {
  const probe = await OracleServer.start(version);
  const libDir = await libraryDir(probe).finally(() => probe.stop());
  const exists = (module: string) => fs.existsSync(path.join(libDir, `${module}.so`));
  const preload = PRELOADED_MODULES.filter(exists);
  const loadable = LOADED_MODULES.filter(exists);

  const server = await OracleServer.start(version, { settings: { shared_preload_libraries: preload.join(",") } });
  try {
    const loaded: string[] = [...preload];
    for (const module of loadable) {
      try {
        await server.query(`LOAD '${module}'`);
        loaded.push(module);
      } catch {
        // A PL whose language runtime is missing from this build: its parameters stay unknown.
      }
    }
    const share = (await server.query<{ setting: string }>("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'"))[0]?.setting ?? "";
    const sections = sampleSections(share);
    const rows = await server.query<PgSettingsRow>(
      "SELECT name, vartype, unit, min_val, max_val, enumvals, boot_val, context, category, short_desc FROM pg_settings ORDER BY name",
    );
    const parameters: CatalogParameter[] = rows.map((row) => {
      const parameter: CatalogParameter = {
        name: row.name,
        vartype: row.vartype,
        unit: row.unit,
        min: row.vartype === "integer" || row.vartype === "real" ? toNumber(row.min_val) : null,
        max: row.vartype === "integer" || row.vartype === "real" ? toNumber(row.max_val) : null,
        enumvals: row.enumvals,
        bootVal: row.boot_val,
        context: row.context,
        category: row.category,
        shortDesc: row.short_desc,
      };
      const prefix = row.name.includes(".") ? row.name.slice(0, row.name.indexOf(".")) : null;
      if (prefix !== null && loaded.includes(prefix)) parameter.module = prefix;
      const section = sections.get(row.name);
      if (section) parameter.sampleSection = section;
      return parameter;
    });
    const listed = new Set(parameters.map((parameter) => parameter.name));
    const candidates = [...new Set([...HIDDEN_CANDIDATES, ...namesInDataFiles()])].filter((name) => !listed.has(name));
    const hidden = await server.query<{ name: string }>("SELECT name FROM unnest($1::text[]) AS name WHERE current_setting(name, true) IS NOT NULL ORDER BY name", [candidates]);
    return { version, serverVersion: server.serverVersion, parameters, hiddenNames: hidden.map((row) => row.name) };
  } finally {
    await server.stop();
  }
}

/** One parameter per line: readable diffs when a server version moves. */
function serialize(catalog: Catalog): string {
  const lines = catalog.parameters.map((parameter) => `    ${JSON.stringify(parameter)}`);
  return `{\n  "version": ${catalog.version},\n  "serverVersion": ${JSON.stringify(catalog.serverVersion)},\n  "hiddenNames": ${JSON.stringify(catalog.hiddenNames)},\n  "parameters": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).map(Number);
  const versions = wanted.length > 0 ? wanted : [...ORACLE_MAJORS];
  const installed = installedVersions();
  const missing = versions.filter((version) => !installed.includes(version));
  if (missing.length > 0) {
    console.error(`catalog: PostgreSQL ${missing.join(", ")} not installed: run \`npm run oracle:install\``);
    process.exit(2);
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const version of versions) {
    const catalog = await readCatalog(version);
    const file = path.join(DATA_DIR, `pg${version}.json`);
    fs.writeFileSync(file, serialize(catalog));
    const modules = new Set(catalog.parameters.flatMap((parameter) => (parameter.module ? [parameter.module] : [])));
    console.log(`catalog: ${path.relative(process.cwd(), file)}: PostgreSQL ${catalog.serverVersion}, ${catalog.parameters.length} parameters (modules: ${[...modules].join(", ")})`);
  }
}

main().catch((error: unknown) => {
  console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
