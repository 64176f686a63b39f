// Which of the three file kinds a path holds, from its name, as PostgreSQL's own names go.
import path = require("node:path");

export type FileKind = "conf" | "hba" | "ident";
export const FILE_KINDS: readonly FileKind[] = ["conf", "hba", "ident"];

/** The kind of a configuration file from its base name, or null when the name does not say. */
export function kindFromFileName(fileName: string): FileKind | null {
  const base = path.basename(fileName).toLowerCase();
  if (!base.endsWith(".conf")) return null;
  if (base.startsWith("pg_hba")) return "hba";
  if (base.startsWith("pg_ident")) return "ident";
  if (base.startsWith("postgresql") || base.startsWith("postgres.")) return "conf";
  return null;
}
