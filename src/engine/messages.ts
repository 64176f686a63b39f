// Message templates: `{{name}}` placeholders filled from a finding's data (ESLint's syntax).

export type MessageData = Record<string, string | number | boolean>;

/** Fills `{{name}}` placeholders; an unknown placeholder is a developer error. */
export function formatMessage(template: string, data: MessageData = {}, ruleId = "?"): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_whole, key: string) => {
    if (!(key in data)) throw new Error(`Rule "${ruleId}": message placeholder "{{${key}}}" has no value in the reported data.`);
    return String(data[key]);
  });
}
