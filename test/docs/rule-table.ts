// The README's rule table, generated from the rules' metadata.
import { builtinPlugin } from "../../rules";
import { RuleRegistry } from "../../src/engine/registry";

export const README_MARKERS = { start: "<!-- rules:start -->", end: "<!-- rules:end -->" };

export function ruleTableMarkdown(): string {
  const lines = ["| rule | what it checks | presets | severity | fix |", "|---|---|---|---|---|"];
  for (const { id, rule } of new RuleRegistry([builtinPlugin]).all()) {
    const presets = rule.meta.alwaysOn ? "always on" : [...new Set([...rule.meta.presets, ...(rule.meta.presets.includes("recommended") ? ["cis"] : []), "all"])].join(", ");
    const fix = rule.meta.fixable ? "yes" : rule.meta.hasSuggestions ? "suggestion" : "";
    lines.push(`| [\`${id}\`](docs/rules/${id}.md) | ${rule.meta.description.replace(/\|/g, "\\|")} | ${presets} | ${rule.meta.defaultSeverity} | ${fix} |`);
  }
  return `${lines.join("\n")}\n`;
}
