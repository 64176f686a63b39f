// `npm run docs`: regenerates the README's rule table (between its marker comments) from the
// rules' metadata. test/docs/rules-docs.test.ts fails when the README is out of date.
import * as fs from "node:fs";
import * as path from "node:path";
import { ruleTableMarkdown, README_MARKERS } from "../test/docs/rule-table";

const readme = path.join(__dirname, "..", "README.md");
const text = fs.readFileSync(readme, "utf8");
const start = text.indexOf(README_MARKERS.start);
const end = text.indexOf(README_MARKERS.end);
if (start === -1 || end === -1) {
  console.error(`docs: README.md lacks the markers ${README_MARKERS.start} ... ${README_MARKERS.end}`);
  process.exit(1);
}
const updated = `${text.slice(0, start + README_MARKERS.start.length)}\n${ruleTableMarkdown()}${text.slice(end)}`;
if (updated !== text) fs.writeFileSync(readme, updated);
console.log(`docs: README.md rule table ${updated === text ? "already up to date" : "updated"}`);
