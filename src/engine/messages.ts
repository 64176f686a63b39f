// Message templates: `{{name}}` placeholders filled from a finding's data (ESLint's syntax).

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
    out += String(data[key]) + parts[i + 1]!;
  }
  flatten(out);
  return out;
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
