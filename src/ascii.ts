// PostgreSQL folds the case of names and keywords in configuration files for ASCII letters only
// (guc_name_compare, pg_strcasecmp): `toLowerCase()` would also fold non-ASCII letters, some of
// them into ASCII ones (the Kelvin sign U+212A becomes "k").

/** `text` with A-Z lowered, nothing else changed; the same string when it has no A-Z. */
export function asciiLowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  }
  return text;
}
