// Glob patterns of the configuration file (`overrides[].files`, `ignores`), matched against
// paths relative to the config file's directory: `*`, `?`, `**`, `{a,b}`, `[...]`.

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  let cached = cache.get(pattern);
  if (cached) return cached;
  let out = "";
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        const slash = pattern[i + 2] === "/";
        out += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) out += "\\[";
      else {
        out += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  // A pattern without a slash matches the base name anywhere (as .gitignore and ESLint do).
  const anchored = pattern.includes("/") ? `^${out.replace(/^\\?\//, "")}$` : `^(?:.*/)?${out}$`;
  cached = new RegExp(anchored);
  cache.set(pattern, cached);
  return cached;
}

/** True when the relative path (forward slashes) matches a pattern, or lies under a matched directory. */
export function matchesGlob(relativePath: string, pattern: string): boolean {
  const re = globToRegExp(pattern.replace(/\/$/, ""));
  if (re.test(relativePath)) return true;
  const parts = relativePath.split("/");
  for (let i = 1; i < parts.length; i++) if (re.test(parts.slice(0, i).join("/"))) return true;
  return false;
}
