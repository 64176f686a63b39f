// Compile-time checks of the regular expressions in pg_hba.conf (16+) and pg_ident.conf, with
// the messages of PostgreSQL's regex library (regerror texts), so that a record gets the same
// `invalid regular expression "...": ...` error as the server's view shows.
//
// This is a checker for the common mistakes in Advanced Regular Expressions (unbalanced
// brackets, parentheses and braces, a quantifier with nothing to repeat, bad repetition
// counts, a trailing backslash, unknown character classes), not a full ARE compiler: a pattern
// it accepts may still be rejected by the server in rarer ways.

const MESSAGES = {
  paren: "parentheses () not balanced",
  bracket: "brackets [] not balanced",
  brace: "braces {} not balanced",
  badCount: "invalid repetition count(s)",
  badRepeat: "quantifier operand invalid",
  escape: "invalid escape \\ sequence",
  charClass: "invalid character class",
  range: "invalid character range",
  backref: "invalid backreference number",
} as const;

const CHARACTER_CLASSES = new Set(["alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit", "word"]);

/** The regerror text for the first problem found, or null when the pattern looks valid. */
export function regexError(pattern: string): string | null {
  let i = 0;
  let depth = 0;
  let groups = 0;
  // Whether the previous item can take a quantifier.
  let canRepeat = false;
  if (pattern.startsWith("***:")) i = 4;
  else if (pattern.startsWith("***=")) return null; // the rest is a literal string
  // Embedded options, only at the start: (?bceimnpqstwx)
  const options = /^\(\?([a-z]*)\)/.exec(pattern.slice(i));
  if (options) {
    if (/[^bceimnpqstwx]/.test(options[1]!)) return "invalid embedded option";
    i += options[0].length;
  }
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      if (i + 1 >= pattern.length) return MESSAGES.escape;
      const next = pattern[i + 1]!;
      if (/[1-9]/.test(next)) {
        if (Number(next) > groups) return MESSAGES.backref;
      }
      i += 2;
      canRepeat = true;
      continue;
    }
    if (c === "[") {
      const end = bracketEnd(pattern, i);
      if (typeof end === "string") return end;
      i = end;
      canRepeat = true;
      continue;
    }
    if (c === "(") {
      depth++;
      if (pattern.startsWith("(?", i)) {
        i += 2;
        if (/[:=!]/.test(pattern[i] ?? "")) i++;
        else if (pattern[i] === "<" && /[=!]/.test(pattern[i + 1] ?? "")) i += 2;
        else return "invalid embedded option";
      } else {
        groups++;
        i++;
      }
      canRepeat = false;
      continue;
    }
    if (c === ")") {
      if (depth === 0) return MESSAGES.paren;
      depth--;
      i++;
      canRepeat = true;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      if (!canRepeat) return MESSAGES.badRepeat;
      i++;
      if (pattern[i] === "?") i++; // non-greedy
      canRepeat = false;
      continue;
    }
    if (c === "{") {
      const close = pattern.indexOf("}", i);
      const body = close === -1 ? null : pattern.slice(i + 1, close);
      if (body === null || !/^[0-9]*(,[0-9]*)?$/.test(body) || body === "" || body.startsWith(",")) {
        if (body === null) return MESSAGES.brace;
        return MESSAGES.badCount;
      }
      if (!canRepeat) return MESSAGES.badRepeat;
      const [min, max] = body.split(",").map((n) => (n === "" ? Infinity : Number(n)));
      if (min! > 255 || (max !== undefined && max !== Infinity && (max > 255 || max < min!))) return MESSAGES.badCount;
      i = close + 1;
      if (pattern[i] === "?") i++;
      canRepeat = false;
      continue;
    }
    if (c === "|") {
      canRepeat = false;
      i++;
      continue;
    }
    if (c === "^" || c === "$") {
      canRepeat = false;
      i++;
      continue;
    }
    canRepeat = true;
    i++;
  }
  return depth > 0 ? MESSAGES.paren : null;
}

/** Index after the bracket expression starting at `start`, or the error message. */
function bracketEnd(pattern: string, start: number): number | string {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  let previous: string | null = null;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "]") return i + 1;
    if (c === "[" && (pattern[i + 1] === ":" || pattern[i + 1] === "." || pattern[i + 1] === "=")) {
      const kind = pattern[i + 1]!;
      const close = pattern.indexOf(kind + "]", i + 2);
      if (close === -1) return MESSAGES.bracket;
      const name = pattern.slice(i + 2, close);
      if (kind === ":" && !CHARACTER_CLASSES.has(name)) return MESSAGES.charClass;
      i = close + 2;
      previous = null;
      continue;
    }
    if (c === "-" && previous !== null && pattern[i + 1] !== undefined && pattern[i + 1] !== "]") {
      const to = pattern[i + 1] === "\\" ? pattern[i + 2] : pattern[i + 1];
      if (to !== undefined && to < previous) return MESSAGES.range;
      i += pattern[i + 1] === "\\" ? 3 : 2;
      previous = null;
      continue;
    }
    if (c === "\\") {
      previous = pattern[i + 1] ?? null;
      i += 2;
      continue;
    }
    previous = c;
    i++;
  }
  return MESSAGES.bracket;
}
