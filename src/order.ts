// Output order: by UTF-16 code units, the same on every machine whatever its locale
// (`localeCompare` depends on it, and its first call starts ICU's collator, a cost every run of
// the CLI would pay at start-up).

/** Compares two strings by code units: for `sort`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
