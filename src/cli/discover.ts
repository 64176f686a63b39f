// Which files to lint: the paths, directories and globs on the command line, or (with none)
// every configuration file under the working directory. Files reached by include directives
// are found by the linter itself.
import fs = require("node:fs");
import path = require("node:path");
import type { FileKind } from "../kinds";
import { kindFromFileName } from "../kinds";
import { InputError, UsageError } from "./errors";
import { matchesGlob } from "./glob";
import { compareStrings } from "../order";
import { fastGlob } from "../on-demand";

export const CONFIG_FILE_PATTERNS = ["**/postgresql*.conf", "**/pg_hba*.conf", "**/pg_ident*.conf"];
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];

export interface DiscoveredFile {
  path: string;
  kind: FileKind;
  /** Named on the command line (an error if it cannot be read) rather than found by a search. */
  explicit: boolean;
}

function isGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** Patterns of the .gitignore in `dir` (comments, blank lines and negations skipped). */
function gitignorePatterns(dir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, ".gitignore"), "utf8");
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("!"))
    .map((line) => line.replace(/^\//, ""));
}

function search(cwd: string, patterns: string[]): string[] {
  const ignored = gitignorePatterns(cwd);
  return fastGlob()
    .sync(patterns, { cwd, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_IGNORED, suppressErrors: true })
    .filter((file) => {
      const relative = path.relative(cwd, file).split(path.sep).join("/");
      return !ignored.some((pattern) => matchesGlob(relative, pattern));
    });
}

/** `a symbolic link to "T", which does not exist` for a dangling link, else null. */
function danglingTarget(absolute: string): string | null {
  try {
    return fs.lstatSync(absolute).isSymbolicLink() ? `a symbolic link to "${fs.readlinkSync(absolute)}", which does not exist` : null;
  } catch {
    return null;
  }
}

export function discoverFiles(args: string[], options: { cwd: string; kind?: FileKind }): DiscoveredFile[] {
  const found = new Map<string, DiscoveredFile>();
  const add = (file: string, explicit: boolean) => {
    const kind = options.kind ?? kindFromFileName(file);
    if (!kind) {
      if (explicit) throw new UsageError(`cannot tell the kind of "${path.relative(options.cwd, file) || file}" from its name; name it postgresql*.conf, pg_hba*.conf or pg_ident*.conf, or pass --kind conf|hba|ident`);
      return;
    }
    if (!found.has(file)) found.set(file, { path: file, kind, explicit });
  };
  if (args.length === 0) {
    for (const file of search(options.cwd, CONFIG_FILE_PATTERNS)) add(file, false);
  }
  for (const arg of args) {
    const absolute = path.resolve(options.cwd, arg);
    if (isGlob(arg)) {
      const matches = search(options.cwd, [arg.split(path.sep).join("/")]);
      if (matches.length === 0) throw new InputError(`no files match "${arg}"`);
      for (const file of matches) add(file, true);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(code === "ENOENT" ? `"${arg}": ${danglingTarget(absolute) ?? "no such file or directory"}` : `"${arg}": cannot read: ${code}`);
    }
    if (stat.isDirectory()) {
      const inside = search(absolute, CONFIG_FILE_PATTERNS);
      // A directory named on purpose that holds nothing to lint is most likely a wrong path.
      if (inside.length === 0) throw new InputError(`"${arg}": a directory without configuration files (postgresql*.conf, pg_hba*.conf, pg_ident*.conf)`);
      for (const file of inside) add(file, false);
    } else if (!stat.isFile()) {
      throw new InputError(`"${arg}" is not a regular file (a FIFO, socket or device): not linted`);
    } else add(absolute, true);
  }
  return [...found.values()].sort((a, b) => compareStrings(a.path, b.path));
}
