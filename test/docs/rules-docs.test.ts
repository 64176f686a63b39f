// Every rule has its docs page and every page its rule; pages have the sections users rely
// on; the README's rule table matches the metadata (regenerate with `npm run docs`).
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinPlugin } from "../../rules";
import { RuleRegistry } from "../../src/engine/registry";
import { README_MARKERS, ruleTableMarkdown } from "./rule-table";

const REPO = path.resolve(__dirname, "../..");
const DOCS = path.join(REPO, "docs/rules");
const rules = new RuleRegistry([builtinPlugin]).all();

test("every rule has a page and every page a rule", () => {
  const pages = fs.readdirSync(DOCS).filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3)).sort();
  expect(pages).toEqual(rules.map((rule) => rule.id).sort());
});

test.each(rules.map((rule) => [rule.id, rule] as const))("%s: metadata and page", (id, { rule }) => {
  const page = fs.readFileSync(path.join(DOCS, `${id}.md`), "utf8");
  expect(page.startsWith(`# ${id}\n`)).toBe(true);
  for (const heading of ["## Bad", "## Good", "## Fix", "## References"]) expect(page).toContain(`\n${heading}\n`);
  if (rule.meta.optionsSchema) expect(page).toContain("\n## Options\n");
  expect(rule.meta.references.length).toBeGreaterThan(0);
  expect(rule.meta.description).toMatch(/^[A-Z].*\.$/);
  expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test("the README's rule table is up to date (npm run docs)", () => {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  expect(start).toBeGreaterThan(-1);
  expect(readme.slice(start + README_MARKERS.start.length, end)).toBe(`\n${ruleTableMarkdown()}`);
});
