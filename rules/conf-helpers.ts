// What several postgresql.conf rules share (not a rule itself).
import { lookupEnum, parseBool, quoteValue, safeSetParameterEdits } from "../src/rule-api";
import type { RuleContext, SettingEntry } from "../src/rule-api";

/** How to change a setting: by hand, or with ALTER SYSTEM when postgresql.auto.conf sets it. */
export function remedy(entry: SettingEntry | undefined, assignment: string, restart = false): string {
  const when = restart ? " (takes effect after a restart)" : "";
  return entry?.file.isAutoConf ? `Change it with ALTER SYSTEM SET ${assignment}${when} (postgresql.auto.conf sets it)` : `Set ${assignment}${when}`;
}

/**
 * A boolean parameter that must be on: reports `off` on the line that turns it off (the last one
 * read), or `unset` at the top of postgresql.conf when its default is off, with the fix that sets
 * it on (in the quoting the line used). An invalid value is the value checker's finding.
 */
export function checkBooleanOn(context: RuleContext, name: string): void {
  const { cluster } = context;
  const main = cluster.mainConf;
  const value = cluster.effectiveValue(name);
  if (!main || value === undefined || parseBool(value) !== false) return;
  const entry = cluster.effective(name);
  const raw = entry?.line.quoted ? quoteValue("on") : "on";
  const fix = safeSetParameterEdits(cluster, name, raw);
  context.report({
    messageId: entry ? "off" : "unset",
    data: { value: entry?.line.rawValue ?? "", remedy: remedy(entry, `${name} = ${raw}`, cluster.parameter(name)?.context === "postmaster") },
    filePath: entry?.file.path ?? main.path,
    span: entry?.line.valueSpan ?? main.document.source.span(0, 0),
    ...(fix ? { fix: fix.edits, fixFilePath: fix.filePath } : {}),
  });
}

/**
 * A log level parameter (log_min_messages, log_min_error_statement) must be `level` or more
 * detailed. The levels' order is the catalog's enum order; unset means the default, which
 * passes; a version where the parameter is no enum is not judged. Reports `tooHigh` with the
 * dropped levels, and the `suggestionId` suggestion that sets `level`.
 */
export function checkMinLogLevel(context: RuleContext, name: string, level: string, suggestionId: string): void {
  const { cluster, pgVersion } = context;
  const parameter = cluster.parameter(name);
  const entry = cluster.effective(name);
  if (!cluster.mainConf || !entry || parameter?.vartype !== "enum" || !parameter.enumvals) return;
  const levels = parameter.enumvals;
  const found = lookupEnum(name, levels, entry.line.value, pgVersion);
  if (!found.ok) return;
  const at = levels.indexOf(found.value);
  const wanted = levels.indexOf(level);
  if (at <= wanted || wanted < 0) return;
  const suggestion = safeSetParameterEdits(cluster, name, level);
  const dropped = levels.slice(wanted, at).map((each) => each.toUpperCase());
  context.report({
    messageId: "tooHigh",
    data: { value: entry.line.rawValue, dropped: dropped.length > 1 ? `${dropped.slice(0, -1).join(", ")} and ${dropped.at(-1)}` : dropped[0]! },
    filePath: entry.file.path,
    span: entry.line.valueSpan,
    ...(suggestion ? { suggestions: [{ messageId: suggestionId, filePath: suggestion.filePath, edits: suggestion.edits }] } : {}),
  });
}
