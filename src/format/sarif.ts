// SARIF 2.1.0, laid out as GitHub code scanning reads it: one run, the rules that appear in the
// results (as ESLint's SARIF formatter does), artifacts relative to %SRCROOT% (the working
// directory), and each message's fix and suggestions as SARIF fixes.
import type { LintMessage, LintResult } from "../engine/types";
import { directoryUri, isError, relativeFileUri, SourcePositions } from "./locations";
import type { Formatter, FormatterContext } from "./types";

const SOURCE_ROOT = "%SRCROOT%";

/** Code scanning requires a rule for every result; a fatal message has no ruleId of its own. */
export const FATAL_RULE_ID = "fatal-error";
const FATAL_RULE_DESCRIPTION = "The file could not be linted (it could not be read or parsed).";
/** A fix has no description of its own; a suggestion's `desc` describes it. */
const AUTOFIX_DESCRIPTION = "The fix that `pgconf-lint --fix` applies.";

type Level = "error" | "warning";

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index: number;
}

/** A text region: by line and column (1-based, end column exclusive, UTF-16 code units), or by
 *  character offset when the source is unknown. */
type Region = { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } | { charOffset: number; charLength: number };

interface Fix {
  description: { text: string };
  artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[];
}

interface ReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration?: { level: Level };
  properties?: { category: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region?: Region } }[];
  fixes?: Fix[];
}

function ruleDescriptor(ruleId: string, context: FormatterContext): ReportingDescriptor {
  if (ruleId === FATAL_RULE_ID) {
    return { id: ruleId, shortDescription: { text: FATAL_RULE_DESCRIPTION }, defaultConfiguration: { level: "error" } };
  }
  const meta = context.rulesMeta[ruleId];
  if (!meta) return { id: ruleId };
  return {
    id: ruleId,
    shortDescription: { text: meta.description },
    // GitHub code scanning shows fullDescription and help on the alert page.
    fullDescription: { text: meta.description },
    help: meta.docsUrl ? { text: `${meta.description} See ${meta.docsUrl}`, markdown: `${meta.description} [Rule documentation](${meta.docsUrl})` } : { text: meta.description },
    ...(meta.docsUrl ? { helpUri: meta.docsUrl } : {}),
    defaultConfiguration: { level: meta.defaultSeverity === "error" ? "error" : "warning" },
    properties: { category: meta.category },
  };
}

function messageRegion(message: LintMessage): Region | undefined {
  // Code scanning needs a start line; a message without one is placed on the file alone.
  if (message.line < 1) return undefined;
  return {
    startLine: message.line,
    ...(message.column >= 1 ? { startColumn: message.column } : {}),
    ...(message.endLine >= 1 ? { endLine: message.endLine } : {}),
    ...(message.endColumn >= 1 ? { endColumn: message.endColumn } : {}),
  };
}

function editRegion(range: [number, number], filePath: string, positions: SourcePositions): Region {
  const start = positions.positionAt(filePath, range[0]);
  const end = positions.positionAt(filePath, range[1]);
  if (start === undefined || end === undefined) return { charOffset: range[0], charLength: range[1] - range[0] };
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function fixesOf(message: LintMessage, filePath: string, artifactLocation: ArtifactLocation, positions: SourcePositions): Fix[] {
  const proposals = [
    ...(message.fix ? [{ description: AUTOFIX_DESCRIPTION, edit: message.fix }] : []),
    ...(message.suggestions ?? []).map((suggestion) => ({ description: suggestion.desc, edit: suggestion.fix })),
  ];
  return proposals.map(({ description, edit }) => ({
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation,
        replacements: [{ deletedRegion: editRegion(edit.range, filePath, positions), insertedContent: { text: edit.text } }],
      },
    ],
  }));
}

export const formatSarif: Formatter = (results: LintResult[], context) => {
  const positions = new SourcePositions((filePath) => context.sourceOf(filePath));
  const artifacts: { location: Omit<ArtifactLocation, "index"> }[] = [];
  const artifactIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: SarifResult[] = [];

  const indexOfRule = (ruleId: string): number => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      index = rules.push(ruleDescriptor(ruleId, context)) - 1;
      ruleIndex.set(ruleId, index);
    }
    return index;
  };

  for (const result of results) {
    // Every linted file is an artifact, as in ESLint's SARIF output, with or without messages.
    let index = artifactIndex.get(result.filePath);
    if (index === undefined) {
      const { uri, relative } = relativeFileUri(result.filePath, context.cwd);
      index = artifacts.push({ location: relative ? { uri, uriBaseId: SOURCE_ROOT } : { uri } }) - 1;
      artifactIndex.set(result.filePath, index);
    }
    const artifactLocation: ArtifactLocation = { ...artifacts[index]!.location, index };

    // Suppressed messages are left out: code scanning ignores SARIF's `suppressions` and would
    // open an alert for each of them.
    for (const message of result.messages) {
      const ruleId = message.ruleId ?? FATAL_RULE_ID;
      const region = messageRegion(message);
      const sarifResult: SarifResult = {
        ruleId,
        ruleIndex: indexOfRule(ruleId),
        level: isError(message) ? "error" : "warning",
        message: { text: message.message },
        locations: [{ physicalLocation: region ? { artifactLocation, region } : { artifactLocation } }],
      };
      const fixes = fixesOf(message, result.filePath, artifactLocation, positions);
      if (fixes.length > 0) sarifResult.fixes = fixes;
      sarifResults.push(sarifResult);
    }
  }

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pgconf-lint",
            ...(context.toolUri ? { informationUri: context.toolUri } : {}),
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        artifacts,
        results: sarifResults,
        // Columns and character offsets are those of the engine: UTF-16 code units.
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
