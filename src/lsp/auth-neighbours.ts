// What pg_hba.conf and pg_ident.conf say about each other, for hover and completion: the maps
// a directory's pg_ident.conf defines, the map= options of its pg_hba.conf that use them. The
// files are read through a reader (the server's: open documents over the disk), with their
// include directives (16+) followed as the linter follows them.
import path = require("node:path");
import { readAuthTree } from "../engine/auth-files";
import { parseHba } from "../model/hba";
import type { HbaDocument, HbaRecord } from "../model/hba";
import { parseIdent } from "../model/ident";
import type { IdentDocument, IdentRecord } from "../model/ident";
import { SourceText } from "../source";
import { diskReader } from "../views/file-settings";
import type { ConfFileReader } from "../views/file-settings";
import { hbaLineInfo } from "./auth-lines";
import type { OpenDocument } from "./linting";

/** A line of another file (or of this one). */
export interface LineRef {
  /** Absolute path. */
  file: string;
  lineNumber: number;
}

export interface MapUse extends LineRef {
  /** The method of the record (as the server names it), if known. */
  method: string | null;
}

/** The disk, with the open documents' text in place of their files. */
export function openDocumentsReader(documents: Iterable<OpenDocument>): ConfFileReader {
  const open = new Map<string, OpenDocument>();
  for (const doc of documents) open.set(doc.path, doc);
  return {
    readFile: (absPath) => {
      const doc = open.get(absPath);
      return doc ? Buffer.from(doc.getText(), "utf8") : diskReader.readFile(absPath);
    },
    readDir: (absPath) => diskReader.readDir(absPath),
  };
}

function readTop<D>(reader: ConfFileReader, filePath: string, parse: (source: string | SourceText, filePath: string) => D): { path: string; document: D } | null {
  const bytes = reader.readFile(filePath);
  if (!(bytes instanceof Uint8Array)) return null;
  return { path: filePath, document: parse(SourceText.fromBytes(bytes), filePath) };
}

/** The map names of the pg_ident.conf in `dir` (and the files it includes), with their lines;
 *  null when there is no such file. */
export function identMaps(dir: string, version: number, reader: ConfFileReader): Map<string, LineRef[]> | null {
  const parse = (source: string | SourceText, filePath: string): IdentDocument => parseIdent(source, { pgVersion: version, fileName: filePath });
  const top = readTop(reader, path.join(dir, "pg_ident.conf"), parse);
  if (!top) return null;
  const tree = readAuthTree<IdentRecord, IdentDocument>([top], { kind: "ident", pgVersion: version, reader, parse });
  const maps = new Map<string, LineRef[]>();
  for (const { file, record } of tree.sequences[0]?.records ?? []) {
    if (!record.mapName) continue;
    const list = maps.get(record.mapName.value) ?? [];
    list.push({ file: file.path, lineNumber: record.lineNumber });
    maps.set(record.mapName.value, list);
  }
  return maps;
}

/** The map= options of the pg_hba.conf in `dir` (and the files it includes), by map name;
 *  null when there is no such file. */
export function hbaMapUses(dir: string, version: number, reader: ConfFileReader): Map<string, MapUse[]> | null {
  const parse = (source: string | SourceText, filePath: string): HbaDocument => parseHba(source, { pgVersion: version, fileName: filePath });
  const top = readTop(reader, path.join(dir, "pg_hba.conf"), parse);
  if (!top) return null;
  const tree = readAuthTree<HbaRecord, HbaDocument>([top], { kind: "hba", pgVersion: version, reader, parse });
  const uses = new Map<string, MapUse[]>();
  for (const { file, record } of tree.sequences[0]?.records ?? []) {
    // Every map= token of the line, also after an option the server rejects.
    for (const field of record.fields.slice(hbaLineInfo(file.document, record.line).methodField + 1)) {
      for (const token of field.tokens) {
        if (!token.value.startsWith("map=")) continue;
        const name = token.value.slice(4);
        const list = uses.get(name) ?? [];
        list.push({ file: file.path, lineNumber: record.lineNumber, method: record.authMethod });
        uses.set(name, list);
      }
    }
  }
  return uses;
}

/** `pg_hba.conf line 3`, `lines 3, 5`, with a file other than `self` named relative to `dir`. */
export function describeLines(refs: readonly LineRef[], dir: string): string {
  const byFile = new Map<string, number[]>();
  for (const ref of refs) byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref.lineNumber]);
  return [...byFile]
    .map(([file, numbers]) => {
      const unique = [...new Set(numbers)];
      return `${path.relative(dir, file) || path.basename(file)} line${unique.length === 1 ? "" : "s"} ${unique.join(", ")}`;
    })
    .join("; ");
}
