// log-connections: connection attempts and logins must be logged. log_connections is a boolean
// up to PostgreSQL 17; from 18 on it is a list of aspects (the catalog's vartype says which), where
// the old boolean spellings still work and `on` means receipt, authentication and authorization.
// On 18 the rule asks for authentication and authorization (who logged in, and as which role):
// receipt (a line per connection received) and setup_durations are extra.
import { defineRule, listStyleOf, parseBool, quoteValue, safeSetParameterEdits, splitList } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const NAME = "log_connections";
const REQUIRED = ["authentication", "authorization"];
// PostgreSQL 18's options (check_log_connections); the boolean words are matched whole.
const OPTIONS = ["receipt", "authentication", "authorization", "setup_durations", "all"];
const TRUE_WORDS = ["on", "true", "yes", "1"];
const FALSE_WORDS = ["off", "false", "no", "0"];

/** What is missing from the effective value: "all" (nothing logged), the list options, or null if fine or invalid. */
function missing(value: string, isList: boolean, pgVersion: number): { all: boolean; options: string[] } | null {
  if (!isList) {
    const on = parseBool(value);
    return on === false ? { all: true, options: [] } : null;
  }
  const lower = value.toLowerCase();
  if (TRUE_WORDS.includes(lower)) return null;
  if (FALSE_WORDS.includes(lower)) return { all: true, options: [] };
  const split = splitList(value, listStyleOf(NAME, pgVersion) ?? "identifiers");
  // A list PostgreSQL refuses is the value checker's finding.
  if (!split.ok || split.elements.some((element) => !OPTIONS.includes(element.value))) return null;
  const options = split.elements.map((element) => element.value);
  if (options.includes("all")) return null;
  if (options.length === 0) return { all: true, options: [] };
  const absent = REQUIRED.filter((option) => !options.includes(option));
  return absent.length === 0 ? null : { all: false, options: absent };
}

export default defineRule({
  meta: {
    description: "Require log_connections, so that connection attempts and logins are logged.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: true,
    messages: {
      off: "log_connections = {{value}}: logins are not logged, so the log cannot tell who connected, as which role and from where, nor show password guessing. {{remedy}}.",
      unset: "log_connections is unset (default {{default}}): logins are not logged, so the log cannot tell who connected, as which role and from where, nor show password guessing. {{remedy}}.",
      partial: "log_connections = {{value}} leaves out {{options}}: the log cannot tell who connected and as which role. {{remedy}}.",
    },
    references: [
      { title: "PostgreSQL: Error Reporting and Logging, log_connections", url: "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-CONNECTIONS" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.1.20 Ensure 'log_connections' is enabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    const parameter = cluster.parameter(NAME);
    const value = cluster.effectiveValue(NAME);
    if (!main || !parameter || value === undefined) return;
    const isList = parameter.vartype === "string";
    const gap = missing(value, isList, pgVersion);
    if (!gap) return;

    const entry = cluster.effective(NAME);
    let raw = entry?.line.quoted ? quoteValue("on") : "on";
    if (!gap.all) {
      const separator = /,\s/.test(value) ? ", " : ",";
      raw = quoteValue(`${value.trimEnd()}${separator}${gap.options.join(separator)}`);
    }
    const fix = safeSetParameterEdits(cluster, NAME, raw);
    context.report({
      messageId: gap.all ? (entry ? "off" : "unset") : "partial",
      data: {
        value: entry?.line.rawValue ?? "",
        default: parameter.bootVal === "" ? "'', nothing logged" : (parameter.bootVal ?? ""),
        options: gap.options.join(" and "),
        remedy: remedy(entry, `${NAME} = ${raw}`),
      },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
