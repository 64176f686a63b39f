// A contrib module's parameter does something only once the module is loaded: its _PG_init
// defines the parameter and installs the hooks. Set in postgresql.conf without the module in the
// right preload list, the line is a placeholder nobody reads.
import { defineRule, splitList } from "../src/rule-api";
import type { ClusterView } from "../src/rule-api";

const PRELOAD_LISTS = ["shared_preload_libraries", "session_preload_libraries", "local_preload_libraries"] as const;

/**
 * How each contrib module of the catalog gets loaded (a judgement, from each module's
 * documentation). Modules loaded on demand (plpgsql, pg_trgm, pltcl, postgres_fdw, pgcrypto:
 * when a function of theirs first runs) are not listed: their parameters need no preloading.
 */
const LOADED_BY: Readonly<Record<string, { lists: readonly string[]; why: string }>> = {
  auth_delay: { lists: ["shared_preload_libraries"], why: "it hooks into client authentication, which only a library preloaded into the postmaster can do" },
  pg_stat_statements: { lists: ["shared_preload_libraries"], why: "it needs shared memory, which only a library preloaded at server start can get" },
  pg_prewarm: { lists: ["shared_preload_libraries"], why: "its parameters drive the autoprewarm worker, which only starts when the library is preloaded at server start" },
  passwordcheck: { lists: ["shared_preload_libraries"], why: "it checks passwords through a hook that only a library preloaded at server start installs" },
  auto_explain: { lists: PRELOAD_LISTS, why: "it logs plans only in sessions that loaded it" },
  basic_archive: { lists: ["archive_library"], why: "the archiver loads it only when archive_library names it" },
};

const TYPOGRAPHIC = /[\u2018-\u201f\u2032\u2033]/g;

/** A library as listed (`$libdir/auth_delay`, `auth_delay.so`) reduced to the module name. */
function moduleName(library: string): string {
  const file = library.slice(library.lastIndexOf("/") + 1);
  return file.replace(/\.(so|dylib|dll|sl)$/, "");
}

/** Modules the lists load, and those named only inside typographic quotes (‘auth_delay’), which
 *  the typographic-quotes rule reports. */
function loadedModules(cluster: ClusterView, lists: readonly string[]): { loaded: Set<string>; quoted: Set<string>; judged: boolean } {
  const loaded = new Set<string>();
  const quoted = new Set<string>();
  let judged = true;
  for (const list of lists) {
    const value = cluster.effectiveValue(list) ?? "";
    const split = splitList(value, "directories");
    if (!split.ok) {
      judged = false;
      continue;
    }
    for (const element of split.elements) {
      loaded.add(moduleName(element.value));
      const bare = element.value.replace(TYPOGRAPHIC, "");
      if (bare !== element.value) quoted.add(moduleName(bare));
    }
  }
  return { loaded, quoted, judged };
}

function listNames(lists: readonly string[]): string {
  return lists.length === 1 ? lists[0]! : `${lists.slice(0, -1).join(", ")} or ${lists[lists.length - 1]}`;
}

export default defineRule({
  meta: {
    description: "Report settings of a contrib module (auth_delay.*, pg_stat_statements.*, ...) whose module is not preloaded: they do nothing.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "warn",
    presets: ["recommended"],
    fixable: false,
    messages: {
      notPreloaded:
        "{{name}} is set, but {{module}} is not in {{lists}}: the module is never loaded ({{why}}), so this setting does nothing. Add {{module}} to {{first}}{{restart}}, or remove the line.",
      notArchiveLibrary: "{{name}} is set, but archive_library is not {{module}}: {{why}}, so this setting does nothing. Set archive_library = '{{module}}', or remove the line.",
    },
    references: [
      { title: "PostgreSQL: Shared Library Preloading", url: "https://www.postgresql.org/docs/current/runtime-config-client.html#RUNTIME-CONFIG-CLIENT-PRELOAD" },
      { title: "PostgreSQL: Customized Options", url: "https://www.postgresql.org/docs/current/runtime-config-custom.html" },
      { title: "PostgreSQL: Additional Supplied Modules and Extensions", url: "https://www.postgresql.org/docs/current/contrib.html" },
    ],
  },
  check(context) {
    const cluster = context.cluster;
    for (const file of cluster.confFiles) {
      for (const line of file.document.settings) {
        const module = cluster.parameterOf(line)?.module;
        const loading = module === undefined ? undefined : LOADED_BY[module];
        if (module === undefined || !loading) continue;
        const { loaded, quoted, judged } = loadedModules(cluster, loading.lists);
        if (!judged || loaded.has(module) || quoted.has(module)) continue;
        const first = loading.lists[0]!;
        const restart = cluster.parameter(first)?.context === "postmaster" ? " (takes effect after a restart)" : "";
        const data = { name: line.name, module, lists: listNames(loading.lists), first, why: loading.why, restart };
        context.report({ messageId: first === "archive_library" ? "notArchiveLibrary" : "notPreloaded", data, filePath: file.path, span: line.nameSpan });
      }
    }
  },
});
