// `pgconf-lint show`: what PostgreSQL reads from each file, as its own views show it.
import fs = require("node:fs");
import path = require("node:path");
import { kindFromFileName } from "../kinds";
import type { FileKind } from "../kinds";
import { readFileSettings } from "../views/file-settings";
import { hbaFileRules } from "../views/hba-rules";
import { identFileMappings } from "../views/ident-mappings";
import { fileSettingsColumns, hbaRuleColumns, identMappingColumns } from "../views/types";
import type { PgVersion } from "../views/types";
import { settingJudge } from "../views/judge";
import { renderTable } from "./table";
import { EFFECTIVE_COLUMNS, effectiveRows } from "./show-effective";
import { InputError, UsageError } from "./errors";

export interface ShowOptions {
  files: string[];
  kind?: FileKind;
  pgVersion: number;
  format: "table" | "json";
  sslEnabled: boolean;
  /** postgresql.conf only: the effective value of each parameter that differs from its default. */
  effective?: boolean;
  stdout: (text: string) => void;
}

/** Prints the view rows of each file; returns the exit status. */
export function runShow(options: ShowOptions): number {
  const pgVersion = options.pgVersion as PgVersion;
  const outputs: { file: string; kind: FileKind; rows: object[]; columns: string[] }[] = [];
  for (const file of options.files) {
    const kind = options.kind ?? kindFromFileName(file);
    if (!kind) throw new UsageError(`cannot tell the kind of "${file}" from its name; name it postgresql*.conf, pg_hba*.conf or pg_ident*.conf, or pass --kind conf|hba|ident`);
    const absolute = path.resolve(file);
    assertReadableFile(file, absolute);
    if (kind === "conf" && options.effective) {
      outputs.push({ file, kind, rows: effectiveRows(absolute, pgVersion, process.cwd()), columns: EFFECTIVE_COLUMNS });
    } else if (options.effective) {
      throw new UsageError(`--effective applies to postgresql.conf files; "${file}" is a ${kind} file`);
    } else if (kind === "conf") {
      const autoConf = path.join(path.dirname(absolute), "postgresql.auto.conf");
      const isAutoConf = path.basename(absolute) === "postgresql.auto.conf";
      const { rows } = readFileSettings(absolute, { pgVersion, judge: settingJudge(pgVersion), autoConfPath: isAutoConf ? undefined : autoConf });
      outputs.push({ file, kind, rows, columns: fileSettingsColumns() });
    } else if (kind === "hba") {
      outputs.push({ file, kind, rows: hbaFileRules(absolute, { pgVersion, sslEnabled: options.sslEnabled }), columns: hbaRuleColumns(pgVersion) });
    } else {
      outputs.push({ file, kind, rows: identFileMappings(absolute, { pgVersion }), columns: identMappingColumns(pgVersion) });
    }
  }
  if (options.format === "json") {
    // One file: the view's rows as they are. Several: one array of rows per file, in order.
    const projected = outputs.map((o) => o.rows.map((row) => project(row, o.columns)));
    options.stdout(JSON.stringify(projected.length === 1 ? projected[0] : projected, null, 2) + "\n");
  } else {
    const parts = outputs.map((o) => (outputs.length > 1 ? `${o.file} (${viewName(o.kind)})\n` : "") + renderTable(o.columns as never[], o.rows as never[]));
    options.stdout(parts.join("\n"));
  }
  return 0;
}

function viewName(kind: FileKind): string {
  return kind === "conf" ? "pg_file_settings" : kind === "hba" ? "pg_hba_file_rules" : "pg_ident_file_mappings";
}

/** The row with exactly the view's columns, in the view's order. */
function project(row: object, columns: string[]): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(columns.map((c) => [c, record[c] ?? null]));
}

function assertReadableFile(shown: string, absolute: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    throw new InputError(`${shown}: ${describeFsError(error)}`);
  }
  if (stat.isDirectory()) throw new InputError(`${shown}: is a directory, not a configuration file`);
  try {
    fs.accessSync(absolute, fs.constants.R_OK);
  } catch (error) {
    throw new InputError(`${shown}: ${describeFsError(error)}`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
