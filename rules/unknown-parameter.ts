// Names the target version does not know: guc.c refuses to start on an unknown plain name
// ("unrecognized configuration parameter"); a dotted name under the prefix of a loaded module
// that the module does not define is dropped (15+ with a warning, before silently).
import { addedInLaterVersion, checkValue, defineRule, parseIntWithUnits, quoteValue, suggestParameterNames } from "../src/rule-api";
import type { ClusterView, ConfSettingLine, Edit, RuleContext } from "../src/rule-api";

const BOM = "\uFEFF";

/**
 * Renames after which the old value means the same under the new name (a judgement, checked
 * against the catalogs: force_parallel_mode and debug_parallel_query have the same enum values,
 * ssl_groups takes a list of which one curve is an element). Each gives the new raw value, or
 * null when there is no safe conversion.
 */
const EXACT_RENAMES: Readonly<Record<string, { to: string; value: (line: ConfSettingLine, cluster: ClusterView) => { raw: string; why?: string } | null }>> = {
  force_parallel_mode: { to: "debug_parallel_query", value: (line) => ({ raw: line.rawValue }) },
  ssl_ecdh_curve: { to: "ssl_groups", value: (line) => ({ raw: line.rawValue }) },
  // N segments of wal_segment_size (16MB unless initdb --wal-segsize chose another size).
  wal_keep_segments: {
    to: "wal_keep_size",
    value: (line, cluster) => {
      const segments = parseIntWithUnits(line.value, null);
      const segmentBytes = Number(cluster.parameter("wal_segment_size")?.bootVal ?? 16777216);
      if (!segments.ok || segments.value < 0 || segmentBytes % (1024 * 1024) !== 0) return null;
      const segmentMB = segmentBytes / (1024 * 1024);
      const mb = segments.value * segmentMB;
      return { raw: mb === 0 ? "0" : quoteValue(megabytes(mb)), why: `${segments.value} × ${segmentMB}MB segments` };
    },
  },
};

/**
 * Removed parameters whose line can simply go: the server now does by itself what they asked
 * for, or what they governed no longer exists, and nothing is needed in their place (a
 * judgement on each release note). Removals that ask for something else instead (silent_mode,
 * promote_trigger_file, vacuum_defer_cleanup_age, trace_recovery_messages, sql_inheritance) or
 * that took away a feature someone may rely on (db_user_namespace, old_snapshot_threshold) are
 * left to the author.
 */
const OBSOLETE = new Set([
  "custom_variable_classes", // dotted names need no declaration since 9.2
  "add_missing_from", // the behaviour it enabled no longer exists (9.0)
  "regex_flavor", // regular expressions are always the advanced flavor (9.0)
  "ssl_renegotiation_limit", // SSL renegotiation is no longer supported (9.5)
  "replacement_sort_tuples", // sorts no longer use replacement selection (11)
  "operator_precedence_warning", // the pre-9.5 precedence it warned about is gone (14)
  "vacuum_cleanup_index_scale_factor", // B-tree index cleanup no longer uses it (14)
  "stats_temp_directory", // statistics live in shared memory (15)
]);

/** Deletes a setting's whole line, its line ending included. */
function deleteLineEdits(line: ConfSettingLine): Edit[] {
  return [{ range: [line.span.start, line.span.end], text: "" }];
}

/** A size in MB with the largest unit that divides it: 1024 → 1GB, 1040 → 1040MB. */
function megabytes(mb: number): string {
  if (mb % (1024 * 1024) === 0) return `${mb / (1024 * 1024)}TB`;
  if (mb % 1024 === 0) return `${mb / 1024}GB`;
  return `${mb}MB`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** "a", "a" or "b", "a", "b" or "c" */
function orList(names: string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}


type MessageId =
  | "unknown"
  | "didYouMean"
  | "removed"
  | "removedReplaced"
  | "laterVersion"
  | "renamedAlias"
  | "byteOrderMark"
  | "moduleParameter"
  | "moduleParameterSilent"
  | "moduleLaterVersion";

export default defineRule({
  meta: {
    description: "Report parameter names the target PostgreSQL version does not know: misspelt, removed, renamed or newer names, and unknown names under a contrib module's prefix.",
    category: "correctness",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      unknown: 'unknown parameter "{{name}}": PostgreSQL {{version}} refuses to start with it ("unrecognized configuration parameter"). Check the name in the documentation, or remove the line.',
      didYouMean: 'unknown parameter "{{name}}": PostgreSQL {{version}} refuses to start with it ("unrecognized configuration parameter"). Did you mean {{suggestions}}?',
      removed: 'unknown parameter "{{name}}": removed in PostgreSQL {{removedIn}}: {{note}}. PostgreSQL {{version}} refuses to start with it ("unrecognized configuration parameter"). Remove the line.',
      removedReplaced:
        'unknown parameter "{{name}}": removed in PostgreSQL {{removedIn}} and replaced by {{replacement}}: {{note}}. PostgreSQL {{version}} refuses to start with it ("unrecognized configuration parameter").{{advice}}',
      laterVersion:
        'unknown parameter "{{name}}": it exists only from PostgreSQL {{since}} on; you target {{version}}, which refuses to start with it ("unrecognized configuration parameter").{{oldName}} Remove the line, or target PostgreSQL {{since}} or later.',
      renamedAlias:
        '"{{name}}" was renamed to {{replacement}} in PostgreSQL {{removedIn}}: the old name still works as a hidden alias, but pg_settings and the documentation know only {{replacement}}, and a later release may drop the alias.{{advice}}',
      byteOrderMark:
        'unknown parameter "{{written}}": the file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first name, so PostgreSQL {{version}} refuses to start ("unrecognized configuration parameter"). Save the file without a BOM.',
      moduleParameter:
        'unknown parameter "{{name}}": the {{module}} module defines no such parameter.{{didYouMean}} Once {{module}} is loaded, PostgreSQL {{version}} warns "invalid configuration parameter name" and drops the line ("{{module}}" is a reserved prefix), so the setting does nothing.',
      moduleParameterSilent:
        'unknown parameter "{{name}}": the {{module}} module defines no such parameter.{{didYouMean}} PostgreSQL {{version}} keeps it as a placeholder without a warning, so the setting does nothing.',
      moduleLaterVersion:
        'unknown parameter "{{name}}": the {{module}} module has it only from PostgreSQL {{since}} on; with PostgreSQL {{version}} the setting does nothing. Remove the line, or target PostgreSQL {{since}} or later.',
    },
    references: [
      { title: "PostgreSQL: Server Configuration", url: "https://www.postgresql.org/docs/current/runtime-config.html" },
      { title: "PostgreSQL: Setting Parameters", url: "https://www.postgresql.org/docs/current/config-setting.html" },
      { title: "PostgreSQL: Customized Options", url: "https://www.postgresql.org/docs/current/runtime-config-custom.html" },
      { title: "PostgreSQL: Appendix E. Release Notes", url: "https://www.postgresql.org/docs/release/" },
    ],
  },
  check(context) {
    const cluster = context.cluster;
    // How many lines set each name: only a rename's fix asks.
    let setAnywhere: Map<string, number> | undefined;
    const settingCounts = () => (setAnywhere ??= countSettings(cluster));
    const modules = modulesOf(cluster.catalog);

    for (const file of cluster.confFiles) {
      for (const line of file.document.settings) {
        const report = (messageId: MessageId, data: Record<string, string | number>, fix?: Edit[]) =>
          context.report({ messageId, data: { name: line.name, version: context.pgVersion, ...data }, filePath: file.path, span: line.nameSpan, ...(fix ? { fix } : {}) });
        const name = line.name;
        if (name.includes(".")) {
          checkDotted(context, line, modules, report);
          continue;
        }
        if (name.startsWith(BOM) && line.nameSpan.start === 0) {
          const bare = name.slice(1);
          if (cluster.isKnown(bare)) {
            report("byteOrderMark", { written: `\\uFEFF${bare}` }, [{ range: [line.nameSpan.start, line.nameSpan.start + 1], text: "" }]);
            continue;
          }
        }
        const removed = cluster.removed(name);
        if (cluster.isKnown(name)) {
          // A hidden alias of a renamed parameter (ssl_ecdh_curve on 18).
          if (removed?.replacement) {
            const rename = renameFix(cluster, line, removed.replacement, settingCounts());
            report("renamedAlias", { removedIn: removed.removedIn, replacement: removed.replacement, advice: rename?.advice ?? ` Write ${removed.replacement} instead.` }, nonEmpty(rename?.edits));
          }
          continue;
        }
        if (removed) {
          if (removed.replacement) {
            const rename = cluster.isKnown(removed.replacement) ? renameFix(cluster, line, removed.replacement, settingCounts()) : undefined;
            report("removedReplaced", { removedIn: removed.removedIn, replacement: removed.replacement, note: removed.note, advice: rename?.advice ?? "" }, nonEmpty(rename?.edits));
          } else {
            // ALTER SYSTEM owns postgresql.auto.conf: it is not edited by hand.
            const obsolete = OBSOLETE.has(name.toLowerCase()) && !file.isAutoConf;
            report("removed", { removedIn: removed.removedIn, note: removed.note }, obsolete ? deleteLineEdits(line) : undefined);
          }
          continue;
        }
        const since = addedInLaterVersion(name, context.pgVersion);
        if (since !== undefined) {
          // The name an exact rename replaced, if the target version still has it.
          const old = Object.entries(EXACT_RENAMES).find(([from, rename]) => rename.to === name.toLowerCase() && cluster.isKnown(from));
          report("laterVersion", { since, oldName: old ? ` PostgreSQL ${context.pgVersion} has ${old[0]} instead.` : "" });
          continue;
        }
        const suggestions = suggestParameterNames(cluster.catalog, name);
        if (suggestions.length > 0) report("didYouMean", { suggestions: orList(suggestions) });
        else report("unknown", {});
      }
    }
  },
});

/** The number of lines setting each name (in lower case) in the tree. */
function countSettings(cluster: ClusterView): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of cluster.confFiles) {
    for (const line of file.document.settings) {
      const lower = line.name.toLowerCase();
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  }
  return counts;
}

const modulesByCatalog = new WeakMap<object, Set<string>>();

/** The modules (contrib extensions) that define parameters of a catalog: computed once per catalog. */
function modulesOf(catalog: { parameters: readonly { module?: string | null }[] }): Set<string> {
  let modules = modulesByCatalog.get(catalog);
  if (!modules) {
    modules = new Set(catalog.parameters.flatMap((parameter) => (parameter.module ? [parameter.module] : [])));
    modulesByCatalog.set(catalog, modules);
  }
  return modules;
}

function checkDotted(context: RuleContext<MessageId>, line: ConfSettingLine, modules: Set<string>, report: (messageId: MessageId, data: Record<string, string | number>) => void): void {
  const cluster = context.cluster;
  const module = line.name.slice(0, line.name.indexOf(".")).toLowerCase();
  if (!modules.has(module) || cluster.isKnown(line.name)) return;
  const since = addedInLaterVersion(line.name, context.pgVersion);
  if (since !== undefined) {
    report("moduleLaterVersion", { module, since });
    return;
  }
  // Among the module's own names, by the part after the prefix (the shared prefix would make
  // every name of the module look close).
  const suffix = line.name.slice(module.length + 1).toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(suffix.length / 4)));
  const suggestions = cluster.catalog.parameters
    .filter((parameter) => parameter.module === module)
    .map((parameter) => ({ name: parameter.name, distance: editDistance(suffix, parameter.name.slice(module.length + 1).toLowerCase()) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((candidate) => candidate.name);
  const didYouMean = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : "";
  // MarkGUCPrefixReserved (15+) removes unknown names under a loaded module's prefix with a
  // WARNING; before 15 they stay placeholders nobody reads.
  report(context.pgVersion >= 15 ? "moduleParameter" : "moduleParameterSilent", { module, didYouMean });
}

/**
 * Renames the name token (and converts the value) when the rename is exact, the new name is set
 * nowhere in the tree and the old one only on this line: one line in, one line out.
 */
function renameFix(cluster: ClusterView, line: ConfSettingLine, replacement: string, setAnywhere: Map<string, number>): { edits: Edit[]; advice: string } | undefined {
  const rename = EXACT_RENAMES[line.name.toLowerCase()];
  const target = cluster.parameter(replacement);
  if (!rename || rename.to !== replacement || !target) return undefined;
  const converted = rename.value(line, cluster);
  if (!converted) return undefined;
  const restart = target.context === "postmaster" ? " (takes effect after a restart)" : "";
  const why = converted.why ? ` (${converted.why})` : "";
  const advice = ` Write ${replacement} = ${converted.raw}${why} instead${restart}.`;
  if ((setAnywhere.get(replacement) ?? 0) > 0) return { edits: [], advice: ` ${replacement} is set as well: remove this line.` };
  if ((setAnywhere.get(line.name.toLowerCase()) ?? 0) > 1) return { edits: [], advice };
  const newValue = converted.raw === line.rawValue ? line.value : unquote(converted.raw);
  if (!checkValue(target, newValue, cluster.pgVersion).ok) return undefined;
  return { edits: renameEdits(line, replacement, converted.raw), advice };
}

function nonEmpty(edits: Edit[] | undefined): Edit[] | undefined {
  return edits && edits.length > 0 ? edits : undefined;
}

function unquote(raw: string): string {
  return raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, "\\") : raw;
}

/** The new name and value; a trailing comment keeps its column when the spaces before it allow. */
function renameEdits(line: ConfSettingLine, newName: string, newRaw: string): Edit[] {
  const edits: Edit[] = [{ range: [line.nameSpan.start, line.nameSpan.end], text: newName }];
  const delta = newName.length - line.name.length + newRaw.length - line.rawValue.length;
  const { valueSpan, commentSpan } = line;
  if (commentSpan !== null && commentSpan.line === valueSpan.endLine) {
    const gap = Math.max(1, commentSpan.start - valueSpan.end - delta);
    edits.push({ range: [valueSpan.start, commentSpan.start], text: newRaw + " ".repeat(gap) });
  } else if (newRaw !== line.rawValue) {
    edits.push({ range: [valueSpan.start, valueSpan.end], text: newRaw });
  }
  return edits;
}
