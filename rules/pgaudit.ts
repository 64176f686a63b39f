// pgaudit: CIS 3.2 asks for the pgAudit extension (not a contrib module, so the catalog does not
// know its parameters: their names and classes below are a judgement list) loaded through
// shared_preload_libraries, with pgaudit.log covering at least ddl and write. No fix: loading a
// library that is not installed stops the server from starting.
import { defineRule, listStyleOf, splitList } from "../src/rule-api";
import type { ClusterView } from "../src/rule-api";

const LIBRARIES = "shared_preload_libraries";
const LOG = "pgaudit.log";
// pgAudit's statement classes (check_pgaudit_log); `all` is all of them, `none` none, `-x` removes.
const CLASSES = ["read", "write", "function", "role", "ddl", "misc", "misc_set"];
const REQUIRED = ["ddl", "write"];
const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f]/;

/** The effective classes of pgaudit.log, or undefined if pgAudit would refuse the value. */
function auditClasses(value: string): Set<string> | undefined {
  const split = splitList(value, "identifiers");
  if (!split.ok) return undefined;
  const classes = new Set<string>();
  for (const element of split.elements) {
    const subtract = element.value.startsWith("-");
    const name = subtract ? element.value.slice(1) : element.value;
    const members = name === "all" ? CLASSES : name === "none" ? [] : CLASSES.includes(name) ? [name] : undefined;
    if (!members) return undefined;
    for (const member of members) {
      if (subtract) classes.delete(member);
      else classes.add(member);
    }
  }
  return classes;
}

function loadedLibraries(cluster: ClusterView, pgVersion: number): string[] | undefined {
  const split = splitList(cluster.effectiveValue(LIBRARIES) ?? "", listStyleOf(LIBRARIES, pgVersion) ?? "directories");
  if (!split.ok) return undefined;
  return split.elements.map((element) => element.value.slice(element.value.lastIndexOf("/") + 1).replace(/\.(so|dll|dylib|sl)$/, ""));
}

export default defineRule({
  meta: {
    description: "Require the pgAudit extension in shared_preload_libraries with pgaudit.log covering at least ddl and write.",
    category: "logging",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["cis"],
    fixable: false,
    messages: {
      notLoaded:
        "pgaudit is not in shared_preload_libraries ({{value}}): there is no audit log of who read or changed which objects, statement by statement, which CIS requires. Install the pgAudit extension, add pgaudit to shared_preload_libraries (takes effect after a restart), run CREATE EXTENSION pgaudit and set pgaudit.log = 'ddl,write'.",
      notLoadedUnset:
        "shared_preload_libraries is unset, so pgAudit is not loaded: there is no audit log of who read or changed which objects, statement by statement, which CIS requires. Install the pgAudit extension, add pgaudit to shared_preload_libraries (takes effect after a restart), run CREATE EXTENSION pgaudit and set pgaudit.log = 'ddl,write'.",
      typographicQuotes:
        "pgAudit is not loaded: shared_preload_libraries = {{value}} has typographic quotes, which PostgreSQL keeps as part of the library names (and then fails to start, finding no such library). Replace them with straight quotes and make sure pgaudit is in the list (takes effect after a restart).",
      noLog: "pgaudit.log = {{value}}: pgAudit is loaded but logs no statement class. Set pgaudit.log = 'ddl,write', the minimum CIS asks for (add read, role, function or misc as your policy needs).",
      noLogUnset: "pgaudit.log is unset (default none): pgAudit is loaded but logs no statement class. Set pgaudit.log = 'ddl,write', the minimum CIS asks for (add read, role, function or misc as your policy needs).",
      partial: "pgaudit.log = {{value}} leaves out {{missing}}: CIS asks for at least ddl and write, so that schema changes and data changes are audited. Add {{missing}} to pgaudit.log.",
    },
    references: [
      { title: "pgAudit: PostgreSQL Audit Extension, settings", url: "https://github.com/pgaudit/pgaudit#settings" },
      { title: "CIS PostgreSQL 16 Benchmark v1.0.0, 3.2 Ensure the PostgreSQL Audit Extension (pgAudit) is enabled", url: "https://www.cisecurity.org/benchmark/postgresql" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    if (!main) return;
    const librariesEntry = cluster.effective(LIBRARIES);
    const top = main.document.source.span(0, 0);
    const rawLibraries = cluster.effectiveValue(LIBRARIES) ?? "";
    if (TYPOGRAPHIC_QUOTES.test(rawLibraries) && librariesEntry) {
      context.report({ messageId: "typographicQuotes", data: { value: librariesEntry.line.rawValue }, filePath: librariesEntry.file.path, span: librariesEntry.line.valueSpan });
      return;
    }
    const libraries = loadedLibraries(cluster, pgVersion);
    // A list PostgreSQL cannot split is the value checker's finding.
    if (!libraries) return;
    if (!libraries.includes("pgaudit")) {
      context.report({
        messageId: librariesEntry ? "notLoaded" : "notLoadedUnset",
        data: { value: librariesEntry?.line.rawValue ?? "" },
        filePath: librariesEntry?.file.path ?? main.path,
        span: librariesEntry?.line.valueSpan ?? top,
      });
      return;
    }

    const entry = cluster.effective(LOG);
    const classes = auditClasses(entry?.line.value ?? "none");
    // A value pgAudit refuses is reported by the server; not judged here.
    if (!classes) return;
    const where = { filePath: entry?.file.path ?? main.path, span: entry?.line.valueSpan ?? top };
    if (classes.size === 0) {
      context.report({ messageId: entry ? "noLog" : "noLogUnset", data: { value: entry?.line.rawValue ?? "" }, ...where });
      return;
    }
    const missing = REQUIRED.filter((name) => !classes.has(name));
    if (missing.length > 0) context.report({ messageId: "partial", data: { value: entry!.line.rawValue, missing: missing.join(" and ") }, ...where });
  },
});
