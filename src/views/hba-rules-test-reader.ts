// An in-memory AuthFileReader for tests: absolute path -> content (a directory is any path
// that prefixes other entries).

import type { AuthFileReader } from "./hba-rules";

export function memoryReader(files: Record<string, string>): AuthFileReader {
  return {
    readFile(absPath) {
      if (absPath in files) return Buffer.from(files[absPath]!, "utf8");
      const isDirectory = Object.keys(files).some((p) => p.startsWith(absPath + "/"));
      return isDirectory ? "EISDIR" : "ENOENT";
    },
    readDir(absPath) {
      const prefix = absPath + "/";
      const names = new Map<string, boolean>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf("/");
        names.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
      }
      if (names.size === 0) return "ENOENT";
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
