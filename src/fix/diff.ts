// The unified diff that --fix-dry-run style output prints: one git-style section per changed
// file, which `git apply` and `patch -p1` both accept.
import path = require("node:path");
import { jsdiff } from "../on-demand";

export interface FileChange {
  /** The file's path, absolute or relative to `cwd`. */
  path: string;
  before: string;
  after: string;
}

const CONTEXT_LINES = 3;

const C_ESCAPES: Record<string, string> = { "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", '"': '"', "\\": "\\" };

/** A path as git writes it in a diff header: as is, or, when it holds a quote, a backslash, a
 *  control character or non-ASCII, in double quotes with C escapes and UTF-8 bytes in octal (git's
 *  core.quotePath). The quoting keeps headers ASCII, so that the diff of a Latin-1 file, written
 *  in Latin-1, still names a UTF-8 path correctly. */
function quotePath(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is quoted
  if (!/[\x00-\x1f"\\\x7f-\uffff]/.test(name)) return name;
  let quoted = "";
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (C_ESCAPES[char] !== undefined) quoted += "\\" + C_ESCAPES[char];
    else if (code < 0x20 || code >= 0x7f) {
      for (const byte of Buffer.from(char, "utf8")) quoted += "\\" + byte.toString(8).padStart(3, "0");
    } else quoted += char;
  }
  return `"${quoted}"`;
}

function fileSection(relativePath: string, before: string, after: string): string {
  const oldName = quotePath(`a/${relativePath}`);
  const newName = quotePath(`b/${relativePath}`);
  // Like git: a name with a space gets a trailing tab so that `patch` reads all of it.
  const nameEnd = relativePath.includes(" ") ? "\t" : "";
  const lines = [`diff --git ${oldName} ${newName}`, `--- ${oldName}${nameEnd}`, `+++ ${newName}${nameEnd}`];
  // jsdiff keeps a CR before each LF in the line's content, so CRLF lines come out with their CR.
  const { hunks } = jsdiff().structuredPatch(relativePath, relativePath, before, after, undefined, undefined, { context: CONTEXT_LINES });
  for (const hunk of hunks) {
    // A hunk that is empty on one side starts at the line before it (the unified format's quirk).
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return lines.join("\n") + "\n";
}

/**
 * A unified diff (3 lines of context) of the files whose text changed, in the given order; ""
 * when none did. Paths in the headers are relative to `cwd`, with forward slashes, so the diff
 * applies with `git apply` or `patch -p1` run in `cwd`. A file outside `cwd` gets a path with
 * `..` segments, which `patch` refuses and `git apply` takes only with `--unsafe-paths`.
 *
 * The texts are the files' decoded strings and the diff is meant to be written in the files'
 * encoding (a Latin-1 file's section encoded as Latin-1) so that it applies to their bytes; for
 * files of different encodings, diff each file separately and concatenate the encoded sections.
 */
export function unifiedDiff(files: FileChange[], cwd: string): string {
  return files
    .filter((file) => file.before !== file.after)
    .map((file) => {
      const relativePath = path.relative(cwd, path.resolve(cwd, file.path)).split(path.sep).join("/");
      return fileSection(relativePath, file.before, file.after);
    })
    .join("");
}
