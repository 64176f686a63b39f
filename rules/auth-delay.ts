// auth-delay: auth_delay must be loaded (shared_preload_libraries) and auth_delay.milliseconds
// above 0 (its default, which makes the module wait for nothing), so that every failed
// authentication costs the client a pause and password guessing slows down. credcheck's own
// delay (credcheck.auth_delay_ms, with credcheck loaded) is accepted instead.
import { checkValue, defineRule, listStyleOf, parseIntWithUnits, quoteValue, resolveBaseUnit, safeSetParameterEdits, splitList } from "../src/rule-api";
import type { ClusterView } from "../src/rule-api";
import { remedy } from "./conf-helpers";

const LIBRARIES = "shared_preload_libraries";
const MILLISECONDS = "auth_delay.milliseconds";
// Curly quotes are letters to PostgreSQL's lexer: ‘auth_delay’ names a library called that.
const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f]/;

/** A preload list element as the library it loads: `$libdir/auth_delay.so` is auth_delay. */
function libraryName(element: string): string {
  return element.slice(element.lastIndexOf("/") + 1).replace(/\.(so|dll|dylib|sl)$/, "");
}

/** The libraries of the effective shared_preload_libraries, or undefined if PostgreSQL cannot split it. */
function preloaded(cluster: ClusterView, pgVersion: number): { value: string; names: string[]; quoted: boolean[] } | undefined {
  const value = cluster.effectiveValue(LIBRARIES) ?? "";
  const split = splitList(value, listStyleOf(LIBRARIES, pgVersion) ?? "directories");
  if (!split.ok) return undefined;
  return { value, names: split.elements.map((element) => libraryName(element.value)), quoted: split.elements.map((element) => element.quoted) };
}

/** The effective value of an integer parameter in its base unit, or undefined if invalid. A
 *  parameter the catalog does not know (credcheck is not a contrib module) is read in `unit`. */
function integerValue(cluster: ClusterView, name: string, pgVersion: number, unit: string): number | undefined {
  const parameter = cluster.parameter(name);
  const value = cluster.effectiveValue(name);
  if (value === undefined) return undefined;
  if (!parameter) {
    const parsed = parseIntWithUnits(value, resolveBaseUnit(unit));
    return parsed.ok ? parsed.value : undefined;
  }
  const checked = checkValue(parameter, value, pgVersion);
  return checked.ok && typeof checked.value === "number" ? checked.value : undefined;
}

export default defineRule({
  meta: {
    description: "Require auth_delay in shared_preload_libraries with auth_delay.milliseconds above 0, to slow down password guessing.",
    category: "authentication",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: true,
    messages: {
      notLoaded:
        "auth_delay is not in shared_preload_libraries ({{value}}): a failed authentication is answered at once, so passwords can be guessed as fast as the server answers. {{remedy}} ({{restart}}; auth_delay is one of PostgreSQL's contrib modules, which must be installed) and set auth_delay.milliseconds.",
      notLoadedUnset:
        "shared_preload_libraries is unset, so auth_delay is not loaded: a failed authentication is answered at once, so passwords can be guessed as fast as the server answers. {{remedy}} ({{restart}}; auth_delay is one of PostgreSQL's contrib modules, which must be installed) and set auth_delay.milliseconds.",
      typographicQuotes:
        "auth_delay is not loaded: shared_preload_libraries = {{value}} has typographic quotes, which PostgreSQL keeps as part of the library names (and then fails to start, finding no such library). Replace them with straight quotes and make sure auth_delay is in the list ({{restart}}).",
      noDelay:
        "auth_delay.milliseconds = {{value}}: auth_delay does not pause after a failed authentication, so it does not slow down password guessing. {{remedy}}.",
      noDelayUnset:
        "auth_delay.milliseconds is unset (default 0): auth_delay does not pause after a failed authentication, so it does not slow down password guessing. {{remedy}}.",
    },
    optionsSchema: {
      type: "object",
      properties: { milliseconds: { type: "integer", minimum: 1, maximum: 2147483647, description: "The auth_delay.milliseconds the fix sets." } },
      additionalProperties: false,
    },
    defaultOptions: { milliseconds: 500 },
    references: [
      { title: "PostgreSQL: auth_delay — pause on authentication failure", url: "https://www.postgresql.org/docs/current/auth-delay.html" },
      { title: "PostgreSQL: Shared Library Preloading, shared_preload_libraries", url: "https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SHARED-PRELOAD-LIBRARIES" },
    ],
  },
  check(context) {
    const { cluster, pgVersion } = context;
    const main = cluster.mainConf;
    if (!main) return;
    const libraries = preloaded(cluster, pgVersion);
    // A list PostgreSQL cannot split is the value checker's finding.
    if (!libraries) return;
    if (libraries.names.includes("credcheck") && (integerValue(cluster, "credcheck.auth_delay_ms", pgVersion, "ms") ?? 0) > 0) return;
    const restart = cluster.parameter(LIBRARIES)?.context === "postmaster" ? "takes effect after a restart" : "takes effect for new sessions";

    const librariesEntry = cluster.effective(LIBRARIES);
    const librariesPlace = { filePath: librariesEntry?.file.path ?? main.path, span: librariesEntry?.line.valueSpan ?? main.document.source.span(0, 0) };
    if (TYPOGRAPHIC_QUOTES.test(libraries.value)) {
      // No fix: the typographic-quotes rule straightens the quotes; this rule adds auth_delay on the next pass if still needed.
      context.report({ messageId: "typographicQuotes", data: { value: librariesEntry?.line.rawValue ?? "", restart }, ...librariesPlace });
    } else if (!libraries.names.includes("auth_delay")) {
      const separator = /,\s/.test(libraries.value) || libraries.names.length < 2 ? ", " : ",";
      const element = libraries.quoted.length > 0 && libraries.quoted.every(Boolean) ? '"auth_delay"' : "auth_delay";
      const list = libraries.names.length === 0 ? element : `${libraries.value.trimEnd()}${separator}${element}`;
      const raw = quoteValue(list);
      const fix = safeSetParameterEdits(cluster, LIBRARIES, raw);
      context.report({
        messageId: librariesEntry ? "notLoaded" : "notLoadedUnset",
        data: { value: librariesEntry?.line.rawValue ?? "", remedy: remedy(librariesEntry, `${LIBRARIES} = ${raw}`), restart },
        ...librariesPlace,
        ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
      });
    }

    const delay = integerValue(cluster, MILLISECONDS, pgVersion, "ms");
    if (delay === undefined || delay > 0) return;
    const entry = cluster.effective(MILLISECONDS);
    const raw = `${Number(context.options.milliseconds ?? 500)}ms`;
    const fix = safeSetParameterEdits(cluster, MILLISECONDS, raw);
    context.report({
      messageId: entry ? "noDelay" : "noDelayUnset",
      data: { value: entry?.line.rawValue ?? "", remedy: remedy(entry, `${MILLISECONDS} = ${raw}`) },
      filePath: entry?.file.path ?? main.path,
      span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
      ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
    });
  },
});
