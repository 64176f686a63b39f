// The rows of pg_ident_file_mappings (15+) for a pg_ident.conf, as the server fills them
// (`fill_ident_line`), includes and `@file`s followed.

import { diskReader } from "../files";
import type { FileReader } from "../files";
import { expandAuthFile } from "../model/hba-expand";
import { parseIdentRecord } from "../model/ident";
import type { SourceText } from "../source";
import { DEFAULT_PG_VERSION } from "./types";
import type { IdentFileMappingRow } from "./types";

export interface IdentMappingsOptions {
  /** Target major version (default 18). The view exists from 15 on; for 12-14 the rows show
   *  what the 15 view would, with that version's reading of the file. */
  pgVersion?: number;
  /** Where included and `@` files come from (default: the local file system). */
  reader?: FileReader;
  /** The top file's content; read through the reader when omitted. */
  text?: string | SourceText;
}

/** pg_ident_file_mappings for the pg_ident.conf at `identPath` (absolute). */
export function identFileMappings(identPath: string, options: IdentMappingsOptions = {}): IdentFileMappingRow[] {
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const lines = expandAuthFile(identPath, options.text ?? null, { pgVersion, reader: options.reader ?? diskReader });
  const rows: IdentFileMappingRow[] = [];
  let mapNumber = 0;
  for (const expanded of lines) {
    const record = expanded.error === null ? parseIdentRecord(expanded.line, expanded.fields, { pgVersion, fileName: expanded.fileName }) : null;
    const error = expanded.error ?? record!.error;
    if (error === null) mapNumber++;
    const columns =
      record && error === null
        ? { map_name: record.mapName!.value, sys_name: record.systemUser!.value, pg_username: record.databaseUser!.value }
        : { map_name: null, sys_name: null, pg_username: null };
    rows.push(
      pgVersion >= 16
        ? { map_number: error === null ? mapNumber : null, file_name: expanded.fileName, line_number: expanded.line.lineNumber, ...columns, error }
        : { line_number: expanded.line.lineNumber, ...columns, error },
    );
  }
  return rows;
}
