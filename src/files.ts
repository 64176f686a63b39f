// How the files that configuration files name are reached: one reader for postgresql.conf's
// include directives (pg_file_settings, the linter's cluster) and for pg_hba.conf /
// pg_ident.conf's includes and `@file` tokens (`show`, the linter). The disk (`diskReader`),
// a tree in memory (`memoryReader`: tests, the library), or a layer over either (the linter's
// overrides); and the texts of the errno codes a reader returns, in one place.

import fs = require("node:fs");
import path = require("node:path");

/** A directory entry, typed as get_dirent_type(..., look_through_symlinks = true) types it: a
 *  symbolic link by what it points to, "unstatable" when that cannot be stat()ed (a dangling
 *  link). */
export interface DirEntry {
  name: string;
  kind: "file" | "directory" | "unstatable";
}

/** A file system failure: the errno code, e.g. "ENOENT", "EACCES", "EISDIR", or NOT_REGULAR. */
export interface ReadError {
  error: string;
}

/** How files are reached. */
export interface FileReader {
  readFile(absPath: string): Uint8Array | ReadError;
  readDir(absPath: string): DirEntry[] | ReadError;
}

/** The error of `diskReader.readFile` for a FIFO, socket or device: reading one could block
 *  forever (a FIFO without a writer) or never end (/dev/zero). */
export const NOT_REGULAR = "ENOTREG";

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "EIO";
}

/** The real file system. */
export const diskReader: FileReader = {
  readFile(absPath) {
    try {
      // A missing file is the common failure (postgresql.auto.conf, include_if_exists): asked
      // not to throw, stat skips making an exception with its stack.
      const stat = fs.statSync(absPath, { throwIfNoEntry: false });
      if (stat === undefined) return { error: "ENOENT" };
      // A directory is left to the read, which fails with EISDIR (what fopen + read do).
      if (!stat.isFile() && !stat.isDirectory()) return { error: NOT_REGULAR };
      return fs.readFileSync(absPath);
    } catch (error) {
      return { error: errorCode(error) };
    }
  },
  readDir(absPath) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absPath, { withFileTypes: true });
    } catch (error) {
      return { error: errorCode(error) };
    }
    return entries.map((entry): DirEntry => ({ name: entry.name, kind: direntKind(absPath, entry) }));
  },
};

// get_dirent_type: the type readdir gives, but a symbolic link is followed (stat).
function direntKind(directory: string, entry: fs.Dirent): DirEntry["kind"] {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? "directory" : "file";
  try {
    return fs.statSync(path.join(directory, entry.name)).isDirectory() ? "directory" : "file";
  } catch {
    return "unstatable";
  }
}

/** A read-only tree in memory: absolute file path -> content (a string is written as UTF-8);
 *  a path ending in "/" (content ignored) is an empty directory. */
export function memoryReader(files: Record<string, string | Uint8Array>): FileReader {
  const contents = new Map<string, Uint8Array>();
  const directories = new Set<string>(["/"]);
  for (const [key, content] of Object.entries(files)) {
    const file = path.posix.normalize(key).replace(/(.)\/$/, "$1");
    if (!key.endsWith("/")) contents.set(file, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    else directories.add(file);
    for (let dir = path.posix.dirname(file); !directories.has(dir); dir = path.posix.dirname(dir)) directories.add(dir);
  }
  return {
    readFile(absPath) {
      const file = path.posix.normalize(absPath);
      const content = contents.get(file);
      if (content) return content;
      return { error: directories.has(file.replace(/(.)\/$/, "$1")) ? "EISDIR" : "ENOENT" };
    },
    readDir(absPath) {
      const dir = path.posix.normalize(absPath).replace(/(.)\/$/, "$1");
      if (contents.has(dir)) return { error: "ENOTDIR" };
      if (!directories.has(dir)) return { error: "ENOENT" };
      const prefix = dir === "/" ? "/" : `${dir}/`;
      const entries: DirEntry[] = [];
      for (const file of contents.keys()) {
        if (path.posix.dirname(file) === dir) entries.push({ name: file.slice(prefix.length), kind: "file" });
      }
      for (const sub of directories) {
        if (sub !== dir && path.posix.dirname(sub) === dir) entries.push({ name: sub.slice(prefix.length), kind: "directory" });
      }
      return entries;
    },
  };
}

/** strerror texts (glibc), as the server's %m prints them, for the codes a reader returns. */
const STRERROR: Record<string, string> = {
  [NOT_REGULAR]: "not a regular file (a FIFO, socket or device is not read)",
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
  EMFILE: "Too many open files",
  EIO: "Input/output error",
};

/** A reader's error code as PostgreSQL's messages print it (%m); an unknown code as it is. */
export function strerror(code: string): string {
  return STRERROR[code] ?? code;
}

/** The linter's own wording of a reader's error code, for files it cannot read. */
const PLAIN_TEXT: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "is a directory, not a file",
  ELOOP: "too many levels of symbolic links",
  ENOTDIR: "a component of the path is not a directory",
};

/** A reader's error code in the linter's words; an unknown code as it is. */
export function readErrorText(code: string): string {
  return PLAIN_TEXT[code] ?? code;
}
