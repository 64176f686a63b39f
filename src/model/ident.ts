// The typed model of a pg_ident.conf: MAPNAME SYSTEM-USERNAME DATABASE-USERNAME per line, read
// as hba.c's `parse_ident_line` reads it, with PostgreSQL's own error text.

import type { SourceText } from "../source";
import { DEFAULT_PG_VERSION } from "../views/types";
import { includeDirective, isContentLine, readAuthFile, singleToken } from "./hba-auth-file";
import type { AuthField, AuthInclude, AuthLine, AuthToken } from "./hba-auth-file";
import { regexError } from "./hba-regex";

export interface IdentParseOptions {
  /** Target major version, 12-18 (default 18). */
  pgVersion?: number;
  /** Path of the file, for messages and for resolving includes. */
  fileName?: string;
}

export interface IdentRecord {
  line: AuthLine;
  lineNumber: number;
  /** The fields as read (`@file` tokens not expanded). */
  fields: AuthField[];
  mapName: AuthToken | null;
  systemUser: AuthToken | null;
  databaseUser: AuthToken | null;
  /** The pattern (without the leading `/`) when the system user is a regular expression. */
  systemUserRegex: string | null;
  /** 16+: the pattern when the database user is a regular expression. */
  databaseUserRegex: string | null;
  /** PostgreSQL's error for this line: the `error` column of pg_ident_file_mappings. */
  error: string | null;
}

export interface IdentDocument {
  source: SourceText;
  pgVersion: number;
  fileName: string | null;
  /** Every logical line, in order; their spans tile the text. */
  lines: AuthLine[];
  /** Include directives (16+). */
  includes: AuthInclude[];
  /** Every line that is neither blank, a comment nor an include directive. */
  records: IdentRecord[];
  /** The text, byte for byte. */
  toString(): string;
}

/** Reads one mapping from its fields (the view passes fields with `@file` tokens expanded).
 *  Fields after the third are ignored, as the server ignores them. */
export function parseIdentRecord(line: AuthLine, fields: AuthField[], options: IdentParseOptions = {}): IdentRecord {
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const record: IdentRecord = {
    line,
    lineNumber: line.lineNumber,
    fields,
    mapName: null,
    systemUser: null,
    databaseUser: null,
    systemUserRegex: null,
    databaseUserRegex: null,
    error: line.tokenizerError,
  };
  if (record.error) return record;
  const single = (field: AuthField | undefined): AuthToken | string => {
    if (!field) return "missing entry at end of line";
    return singleToken(field) ?? "multiple values in ident field";
  };
  const parts = [single(fields[0]), single(fields[1]), single(fields[2])];
  for (const part of parts) {
    if (typeof part === "string") {
      record.error = part;
      return record;
    }
  }
  const [mapName, systemUser, databaseUser] = parts as AuthToken[];
  record.mapName = mapName!;
  record.systemUser = systemUser!;
  record.databaseUser = databaseUser!;
  const regexOf = (token: AuthToken): string | null => (token.value.startsWith("/") ? token.value.slice(1) : null);
  record.systemUserRegex = regexOf(systemUser!);
  record.databaseUserRegex = pgVersion >= 16 ? regexOf(databaseUser!) : null;
  for (const pattern of [record.systemUserRegex, record.databaseUserRegex]) {
    if (pattern === null) continue;
    const problem = regexError(pattern);
    if (problem) {
      record.error = `invalid regular expression "${pattern}": ${problem}`;
      break;
    }
  }
  return record;
}

/** Builds the model of one pg_ident.conf text. */
export function parseIdent(input: string | SourceText, options: IdentParseOptions = {}): IdentDocument {
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const file = readAuthFile(input, { pgVersion, fileName: options.fileName });
  const includes: AuthInclude[] = [];
  const records: IdentRecord[] = [];
  for (const line of file.lines) {
    if (!isContentLine(line)) continue;
    const include = includeDirective(line, pgVersion);
    if (include) includes.push(include);
    else records.push(parseIdentRecord(line, line.fields, { ...options, pgVersion }));
  }
  const source = file.source;
  return { source, pgVersion, fileName: file.fileName, lines: file.lines, includes, records, toString: () => source.text };
}
