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
  return out;
}
