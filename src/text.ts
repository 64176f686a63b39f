// Small facts about JavaScript strings that messages, hovers and edits need alike.

/** A number with its thousands grouped by commas: 10485760 → "10,485,760". */
export function groupDigits(value: number | bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The first half of a UTF-16 surrogate pair (a character outside the BMP). */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The second half of a UTF-16 surrogate pair. */
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
