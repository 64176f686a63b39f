// Message templates: `{{name}}` placeholders filled from a finding's data (ESLint's syntax).

import { groupDigits, isHighSurrogate, isLowSurrogate } from "../text";

export type MessageData = Record<string, string | number | boolean>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A template split once into its literal text (even indexes) and placeholder names (odd). */
const compiled = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    compiled.set(template, parts);
  }
  return parts;
}

/** Fills `{{name}}` placeholders; an unknown placeholder is a developer error. (Every finding is
 *  formatted: the template is parsed once, not on each call.) */
export function formatMessage(template: string, data: MessageData = {}, ruleId = "?"): string {
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    if (!Object.prototype.hasOwnProperty.call(data, key)) throw new Error(`Rule "${ruleId}": message placeholder "{{${key}}}" has no value in the reported data.`);
    out += placeholderText(data[key]!) + parts[i + 1]!;
  }
  flatten(out);
  return out;
}

/** The most characters of a value a message quotes in full. A value of megabytes (a damaged or
 *  generated file) would make a message of megabytes that no one can read and every formatter
 *  copies (a 10 MB work_mem: the stylish output took a second). Real values (a long ssl_ciphers
 *  list) stay whole; a longer one keeps its start and its end (where a quote a rule put around the
 *  value closes, when the data is a whole sentence of PostgreSQL's) and says what was left out. */
export const MAX_QUOTED_CHARS = 500;
const KEPT_HEAD = 400;
const KEPT_TAIL = 100;

function placeholderText(value: string | number | boolean): string {
  const text = String(value);
  if (text.length <= MAX_QUOTED_CHARS) return text;
  // Neither cut falls between the two halves of a character outside the BMP.
  const headEnd = isHighSurrogate(text.charCodeAt(KEPT_HEAD - 1)) ? KEPT_HEAD - 1 : KEPT_HEAD;
  const tailStart = isLowSurrogate(text.charCodeAt(text.length - KEPT_TAIL)) ? text.length - KEPT_TAIL + 1 : text.length - KEPT_TAIL;
  return `${text.slice(0, headEnd)}…(${groupDigits(codePointsBetween(text, headEnd, tailStart))} characters left out)…${text.slice(tailStart)}`;
}

/** Characters (code points, as an editor counts them) in [start, end). */
function codePointsBetween(text: string, start: number, end: number): number {
  let count = end - start;
  for (let i = start + 1; i < end; i++) if (isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1))) count--;
  return count;
}

/** Makes V8 store a string built with `+=` as one flat string. Until something reads it whole, it
 *  is a tree of cons strings holding every piece (and, through the data, slices of the file's
 *  text), and a lint keeps one message per finding until its end: the tree's nodes are what every
 *  scavenge then copies (results of 100,000 findings: 64 → 50 MB). V8 flattens a cons string to
 *  index into it; test/robustness/retention.test.ts notices if it stops doing so. The copy is made
 *  once either way: a formatter reads every message whole. */
function flatten(text: string): void {
  text.charCodeAt(0);
}
