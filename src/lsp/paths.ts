// Documents as the linter sees them: a file path for each URI (untitled buffers get a stand-in
// path), the file kind from the name or the editor's language id, and offset <-> LSP position
// conversions through the linter's own line table.
import path = require("node:path");
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FileKind } from "../kinds";
import { kindFromFileName } from "../kinds";

/** The language ids of editors/vscode (and the README's Neovim / Helix recipes). */
export const LANGUAGE_KINDS: Readonly<Record<string, FileKind>> = { pgconf: "conf", pghba: "hba", pgident: "ident" };

const STOCK_NAMES: Readonly<Record<FileKind, string>> = { conf: "postgresql.conf", hba: "pg_hba.conf", ident: "pg_ident.conf" };

/** The kind of a document: its file name says it, else its language id, else postgresql.conf. */
export function documentKind(filePath: string, languageId: string | undefined): FileKind {
  return kindFromFileName(filePath) ?? (languageId !== undefined ? LANGUAGE_KINDS[languageId] : undefined) ?? "conf";
}

/**
 * The absolute path the linter uses for a document. A `file:` URI is its path; any other
 * (untitled:, a virtual file system) gets a path in a directory that does not exist under the
 * workspace root, so that the configuration lookup still finds the workspace's and no file on
 * disk is shadowed.
 */
export function uriToPath(uri: string, languageId: string | undefined, root: string): string {
  if (uri.startsWith("file:")) {
    try {
      return path.resolve(fileURLToPath(uri));
    } catch {
      // A file: URI Node cannot read (a UNC host on POSIX): treat it like a virtual document.
    }
  }
  let hash = 0;
  for (let i = 0; i < uri.length; i++) hash = (hash * 31 + uri.charCodeAt(i)) >>> 0;
  const kind = LANGUAGE_KINDS[languageId ?? ""] ?? "conf";
  return path.join(root, `.pgconf-lint-virtual-${hash.toString(16)}`, STOCK_NAMES[kind]);
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
