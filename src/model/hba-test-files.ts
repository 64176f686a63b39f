// Test inputs that live outside the repository: the shared corpus and the stock samples of
// the installed PostgreSQL servers. Each list is empty when its directory is absent.

import fs = require("node:fs");
import path = require("node:path");

const repoRoot = path.resolve(__dirname, "../..");

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".conf"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Corpus files of one kind ("hba" or "ident"). */
export function corpusFiles(kind: "hba" | "ident"): string[] {
  return listFiles(path.join(repoRoot, "..", "shared", "corpus", kind));
}

/** [version, path] of each installed server's stock pg_hba.conf.sample / pg_ident.conf.sample. */
export function stockSamples(kind: "hba" | "ident"): [number, string][] {
  const out: [number, string][] = [];
  for (let version = 10; version <= 18; version++) {
    const file = path.join(repoRoot, "oracle", "node_modules", `pg${version}`, "native", "share", "postgresql", `pg_${kind}.conf.sample`);
    if (fs.existsSync(file)) out.push([version, file]);
  }
  return out;
}
