// log-line-prefix: every log line should say when (%m, %t or %n), which process (%p or %c), which
// user (%u), which database (%d) and which client (%h or %r), as CIS asks. Only the destinations
// that use the prefix count: csvlog and jsonlog write all those fields by themselves.
import { defineRule, listStyleOf, quoteValue, safeSetParameterEdits, splitList } from "../src/rule-api";

const NAME = "log_line_prefix";
const PREFIXED_DESTINATIONS = ["stderr", "syslog", "eventlog"];

// Judgement (CIS 3.1.24): what each line must carry, the escapes that carry it, and what the
// suggestion adds when it is missing.
const NEEDS: { what: string; escapes: string; add: string; front: boolean }[] = [
  { what: "a timestamp (%m)", escapes: "mtn", add: "%m ", front: true },
  { what: "the process ID (%p)", escapes: "pc", add: "[%p] ", front: true },
  { what: "the user (%u)", escapes: "u", add: "user=%u", front: false },
  { what: "the database (%d)", escapes: "d", add: "db=%d", front: false },
  { what: "the client address (%h)", escapes: "hr", add: "client=%h", front: false },
];

/** The escape letters of a prefix: `%u`, `%-10u` (padded), not `%%`. */
function escapesOf(prefix: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== "%") continue;
    let j = i + 1;
    if (prefix[j] === "-") j++;
    while (prefix[j] !== undefined && prefix[j]! >= "0" && prefix[j]! <= "9") j++;
    const letter = prefix[j];
    if (letter !== undefined && letter !== "%") found.add(letter);
    i = j;
  }
  return found;
}

/** The prefix with what is missing added: the time and process in front, the rest at the end. */
function completed(prefix: string, missing: typeof NEEDS): string {
  const front = missing.filter((need) => need.front).map((need) => need.add).join("");
  const identity = missing.filter((need) => !need.front).map((need) => need.add);
  let result = front + prefix;
  if (identity.length > 0) result += `${result === "" || result.endsWith(" ") ? "" : " "}${identity.join(",")} `;
  return result;
}

export default defineRule({
  meta: {
    description: "Require log_line_prefix to record the time, process, user, database and client of every log line.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    hasSuggestions: true,
    messages: {
      incomplete: "log_line_prefix = {{value}} lacks {{missing}}: log lines cannot be tied to who did what, from where. CIS asks for all of them, for example log_line_prefix = {{example}}.",
      incompleteDefault:
        "log_line_prefix is unset and its default {{value}} lacks {{missing}}: log lines cannot be tied to who did what, from where. CIS asks for all of them, for example log_line_prefix = {{example}}.",
      complete: "Set log_line_prefix = {{example}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_line_prefix", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-LINE-PREFIX" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.24 Ensure 'log_line_prefix' is set correctly", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    const prefix = cluster.effectiveValue(NAME);
    if (!main || prefix === undefined) return;
    const destinations = splitList(cluster.effectiveValue("log_destination") ?? "stderr", listStyleOf("log_destination", pgVersion) ?? "identifiers");
    if (!destinations.ok || !destinations.elements.some((element) => PREFIXED_DESTINATIONS.includes(element.value))) return;
    const escapes = escapesOf(prefix);
    const missing = NEEDS.filter((need) => ![...need.escapes].some((letter) => escapes.has(letter)));
    if (missing.length === 0) return;

    const entry = cluster.effective(NAME);
    const example = quoteValue(completed(prefix, missing));
    const what = missing.map((need) => need.what);
    const suggestion = safeSetParameterEdits(cluster, NAME, example);
    context.report({
      messageId: entry ? "incomplete" : "incompleteDefault",
      data: { value: entry?.line.rawValue ?? quoteValue(prefix), missing: what.length > 1 ? `${what.slice(0, -1).join(", ")} and ${what.at(-1)}` : what[0]!, example },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(suggestion ? { suggestions: [{ messageId: "complete", data: { example }, filePath: suggestion.filePath, edits: suggestion.edits }] } : {}),
    });
  },
});
