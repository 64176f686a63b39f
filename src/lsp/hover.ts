// Hover on a parameter name in a postgresql.conf (a setting, or a commented-out one as in the
// stock sample): what the target version's catalog says about it, and where its documentation is.
import path = require("node:path");
import type { CatalogParameter, ParamContext } from "../catalog";
import { addedInLaterVersion, loadCatalog, lookupParameter, removedParameter, suggestParameterNames } from "../catalog";
import { parseConf } from "../model/conf";
import type { ConfLine } from "../model/conf";
import { lineAtOffset } from "./line-at";

/** A name in a conf text, and what it is. */
export interface NameAt {
  name: string;
  start: number;
  end: number;
  /** A real setting, or a commented-out one (`#work_mem = 4MB`). */
  commented: boolean;
}

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

const COMMENTED_SETTING = /^#[ \t]*([A-Za-z_][A-Za-z0-9_.$]*)[ \t]*=/;

let lastParsed: { text: string; lines: readonly ConfLine[] } | null = null;

/** The lines of a postgresql.conf text; the last text's are kept (hover, then definition, on one version). */
export function confLines(text: string): readonly ConfLine[] {
  if (lastParsed?.text !== text) lastParsed = { text, lines: parseConf(text).lines };
  return lastParsed.lines;
}

/** The physical line holding `offset`; the end of the text is on the last line (a cursor after
 *  its newline still hovers it). */
export function lineAt(lines: readonly ConfLine[], offset: number): ConfLine | undefined {
  return lineAtOffset(lines, offset, true);
}

/** The parameter name under `offset`, in a setting line or a commented-out setting. */
export function parameterNameAt(lines: readonly ConfLine[], offset: number): NameAt | null {
  const line = lineAt(lines, offset);
  if (!line) return null;
  if (line.kind === "setting") {
    if (offset >= line.nameSpan.start && offset <= line.nameSpan.end) return { name: line.name.replace(/^\uFEFF/, ""), start: line.nameSpan.start, end: line.nameSpan.end, commented: false };
    return null;
  }
  if (line.kind === "comment" && line.commentSpan.start === line.span.start + (/^[ \t]*/.exec(line.comment)?.[0].length ?? 0)) {
    const match = COMMENTED_SETTING.exec(line.comment);
    if (!match) return null;
    const start = line.commentSpan.start + match[0].indexOf(match[1]!);
    const end = start + match[1]!.length;
    if (offset >= start && offset <= end) return { name: match[1]!, start, end, commented: true };
  }
  return null;
}

const CONTEXT_TEXT: Record<ParamContext, string> = {
  internal: "internal: read-only, fixed when the server was built or initialised (cannot be set here)",
  postmaster: "postmaster: **restart** the server to change it",
  sighup: "sighup: **reload** the configuration to change it (`pg_ctl reload` or `SELECT pg_reload_conf()`)",
  "superuser-backend": "superuser-backend: **reload**; applies to sessions started afterwards (a superuser can also set it at connection start)",
  backend: "backend: **reload**; applies to sessions started afterwards (any user can also set it at connection start)",
  superuser: "superuser: **reload**; a superuser can also `SET` it in a session",
  user: "user: **reload**; any user can also `SET` it in a session",
};

/** Documentation pages of the categories (the first part of pg_settings.category). */
const CATEGORY_PAGES: Record<string, string> = {
  "File Locations": "runtime-config-file-locations",
  "Connections and Authentication": "runtime-config-connection",
  "Resource Usage": "runtime-config-resource",
  "Write-Ahead Log": "runtime-config-wal",
  Replication: "runtime-config-replication",
  "Query Tuning": "runtime-config-query",
  "Reporting and Logging": "runtime-config-logging",
  "Process Title": "runtime-config-logging",
  Statistics: "runtime-config-statistics",
  Autovacuum: "runtime-config-autovacuum",
  Vacuuming: "runtime-config-vacuum",
  "Client Connection Defaults": "runtime-config-client",
  "Lock Management": "runtime-config-locks",
  "Version and Platform Compatibility": "runtime-config-compatible",
  "Error Handling": "runtime-config-error-handling",
  "Preset Options": "runtime-config-preset",
  "Customized Options": "runtime-config-custom",
  "Developer Options": "runtime-config-developer",
};

/** Documentation pages of the contrib modules that define parameters. */
const MODULE_PAGES: Record<string, string> = {
  auth_delay: "auth-delay",
  auto_explain: "auto-explain",
  basic_archive: "basic-archive",
  passwordcheck: "passwordcheck",
  pg_prewarm: "pgprewarm",
  pg_stat_statements: "pgstatstatements",
  pg_trgm: "pgtrgm",
  pgcrypto: "pgcrypto",
  plpgsql: "plpgsql-implementation",
  pltcl: "pltcl-config",
  postgres_fdw: "postgres-fdw",
  sepgsql: "sepgsql",
};

/** The parameter's entry in the documentation of `version`. */
export function docsUrl(parameter: CatalogParameter, version: number): string {
  const base = `https://www.postgresql.org/docs/${version}/`;
  if (parameter.module) {
    const page = MODULE_PAGES[parameter.module] ?? parameter.module.replace(/_/g, "-");
    return `${base}${page}.html`;
  }
  const page = CATEGORY_PAGES[parameter.category.split(" / ")[0] ?? ""] ?? "runtime-config";
  return `${base}${page}.html#GUC-${parameter.name.toUpperCase().replace(/_/g, "-")}`;
}

const MEMORY = [
  { unit: "TB", size: 1024 ** 4 },
  { unit: "GB", size: 1024 ** 3 },
  { unit: "MB", size: 1024 ** 2 },
  { unit: "kB", size: 1024 },
  { unit: "B", size: 1 },
];
const TIME = [
  { unit: "d", size: 86_400_000 },
  { unit: "h", size: 3_600_000 },
  { unit: "min", size: 60_000 },
  { unit: "s", size: 1000 },
  { unit: "ms", size: 1 },
];
const BASE_SIZES: Record<string, { table: typeof MEMORY; size: number }> = {
  B: { table: MEMORY, size: 1 },
  kB: { table: MEMORY, size: 1024 },
  "8kB": { table: MEMORY, size: 8192 },
  MB: { table: MEMORY, size: 1024 ** 2 },
  ms: { table: TIME, size: 1 },
  s: { table: TIME, size: 1000 },
  min: { table: TIME, size: 60_000 },
};

/** A number in the parameter's base unit, with the largest whole unit too: `16384 (128MB)`. */
export function withUnit(value: number, unit: string | null): string {
  const text = String(value);
  if (unit === null) return text;
  const base = BASE_SIZES[unit];
  const raw = /^\d/.test(unit) ? `${text} × ${unit}` : `${text}${unit}`;
  if (!base || value <= 0 || !Number.isInteger(value)) return raw;
  const total = value * base.size;
  const best = base.table.find((candidate) => total % candidate.size === 0 && total / candidate.size >= 1);
  if (!best || !Number.isSafeInteger(total)) return raw;
  const pretty = `${total / best.size}${best.unit}`;
  return pretty === `${text}${unit}` ? pretty : `${raw} (${pretty})`;
}

function rangeText(parameter: CatalogParameter): string | null {
  if (parameter.vartype === "enum") return parameter.enumvals ? parameter.enumvals.map((value) => `\`${value}\``).join(", ") : null;
  if (parameter.vartype === "bool") return "`on`, `off` (also `true`/`false`, `yes`/`no`, `1`/`0`)";
  if (parameter.min === null || parameter.max === null) return null;
  return `${withUnit(parameter.min, parameter.unit)} … ${withUnit(parameter.max, parameter.unit)}`;
}

function defaultText(parameter: CatalogParameter): string {
  if (parameter.bootVal === null) return "(none)";
  if (parameter.bootVal === "") return "`''` (empty)";
  const number = Number(parameter.bootVal);
  if ((parameter.vartype === "integer" || parameter.vartype === "real") && Number.isFinite(number)) return withUnit(number, parameter.unit);
  return `\`${parameter.bootVal}\``;
}

/** The hover text for a parameter of the target version's catalog. */
export function parameterMarkdown(parameter: CatalogParameter, version: number): string {
  const rows: [string, string][] = [["Type", parameter.vartype + (parameter.unit ? ` (unit: ${parameter.unit})` : "")]];
  const range = rangeText(parameter);
  if (range) rows.push([parameter.vartype === "enum" || parameter.vartype === "bool" ? "Values" : "Range", range]);
  rows.push(["Default", defaultText(parameter)]);
  rows.push(["Context", CONTEXT_TEXT[parameter.context] ?? parameter.context]);
  rows.push(["Category", parameter.category + (parameter.module ? ` (module ${parameter.module}: load it with shared_preload_libraries)` : "")]);
  return [`**${parameter.name}** — ${parameter.shortDesc}`, "", "| | |", "|---|---|", ...rows.map(([key, value]) => `| ${key} | ${value.replace(/\|/g, "\\|")} |`), "", `[PostgreSQL ${version} documentation](${docsUrl(parameter, version)})`].join("\n");
}

/** For a name the target version does not list: removed, added later, or a typo. */
function unknownMarkdown(name: string, version: number): string | null {
  const removed = removedParameter(name, version);
  if (removed) return `**${name}** — removed in PostgreSQL ${removed.removedIn}${removed.replacement ? ` (replaced by \`${removed.replacement}\`)` : ""}. ${removed.note}`;
  const later = addedInLaterVersion(name, version);
  if (later !== undefined) return `**${name}** — not a parameter of PostgreSQL ${version} (added in PostgreSQL ${later})`;
  if (name.includes(".")) return `**${name}** — a custom (extension) parameter: PostgreSQL accepts any name with a dot and checks it when the extension loads`;
  const suggestions = suggestParameterNames(loadCatalog(version), name);
  return `**${name}** — not a parameter of PostgreSQL ${version}${suggestions.length ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(", ")}?` : ""}`;
}

/** The hover of a postgresql.conf text at `offset`, or null. */
export function confHover(text: string, offset: number, version: number, filePath: string): HoverResult | null {
  const lines = confLines(text);
  const name = parameterNameAt(lines, offset);
  if (name) {
    const parameter = lookupParameter(loadCatalog(version), name.name);
    const markdown = parameter ? parameterMarkdown(parameter, version) : unknownMarkdown(name.name, version);
    return markdown === null ? null : { markdown, start: name.start, end: name.end };
  }
  const line = lineAt(lines, offset);
  if (line?.kind === "include" && offset >= line.valueSpan.start && offset <= line.valueSpan.end && line.path.trim() !== "") {
    const target = path.resolve(path.dirname(filePath), line.path);
    return { markdown: `\`${line.directive}\` → \`${target}\``, start: line.valueSpan.start, end: line.valueSpan.end };
  }
  return null;
}
