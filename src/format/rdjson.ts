// reviewdog's Diagnostic Format, rdjson (proto/rdf/reviewdog.proto, DiagnosticResult): one JSON
// object whose diagnostics reviewdog posts as review comments, with the fix and suggestions as
// GitHub "suggested changes". reviewdog's lines and columns are 1-based, the end exclusive, and a
// column counts UTF-8 bytes.
import type { LintMessage } from "../engine/types";
import { isError, portablePath, SourcePositions } from "./locations";
import type { Formatter } from "./types";

interface RdfPosition {
  line: number;
  column: number;
}

interface RdfRange {
  start: RdfPosition;
  end?: RdfPosition;
}

interface RdfSuggestion {
  range: RdfRange;
  text: string;
}

interface RdfDiagnostic {
  message: string;
  location: { path: string; range?: RdfRange };
  severity: "ERROR" | "WARNING";
  code?: { value: string; url?: string };
  suggestions?: RdfSuggestion[];
}

interface RdfDiagnosticResult {
  source: { name: string; url?: string };
  diagnostics: RdfDiagnostic[];
}

function messageRange(message: LintMessage, filePath: string, positions: SourcePositions): RdfRange | undefined {
  if (message.line < 1) return undefined;
  const start = { line: message.line, column: positions.utf8Column(filePath, message.line, Math.max(message.column, 1)) };
  if (message.endLine < 1) return { start };
  const end = { line: message.endLine, column: positions.utf8Column(filePath, message.endLine, Math.max(message.endColumn, 1)) };
  return { start, end };
}

/** The fix first (reviewdog anchors a comment on the first suggestion's lines), then the
 *  suggestions; none when the source is unknown, as offsets cannot be placed without it. */
function suggestionsOf(message: LintMessage, filePath: string, positions: SourcePositions): RdfSuggestion[] {
  const source = positions.source(filePath);
  if (source === undefined) return [];
  const at = (offset: number): RdfPosition => {
    const { line, column } = source.positionAt(offset);
    return { line, column: positions.utf8Column(filePath, line, column) };
  };
  const edits = [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)];
  return edits.map((edit) => ({ range: { start: at(edit.range[0]), end: at(edit.range[1]) }, text: edit.text }));
}

export const formatRdjson: Formatter = (results, context) => {
  const positions = new SourcePositions((filePath) => context.sourceOf(filePath));
  const diagnostics: RdfDiagnostic[] = [];
  for (const result of results) {
    const path = portablePath(result.filePath, context.cwd);
    for (const message of result.messages) {
      const range = messageRange(message, result.filePath, positions);
      const diagnostic: RdfDiagnostic = {
        message: message.message,
        location: range ? { path, range } : { path },
        severity: isError(message) ? "ERROR" : "WARNING",
      };
      if (message.ruleId !== null) {
        const docsUrl = context.rulesMeta[message.ruleId]?.docsUrl;
        diagnostic.code = docsUrl ? { value: message.ruleId, url: docsUrl } : { value: message.ruleId };
      }
      const suggestions = suggestionsOf(message, result.filePath, positions);
      if (suggestions.length > 0) diagnostic.suggestions = suggestions;
      diagnostics.push(diagnostic);
    }
  }
  const output: RdfDiagnosticResult = {
    source: context.toolUri ? { name: "pgconf-lint", url: context.toolUri } : { name: "pgconf-lint" },
    diagnostics,
  };
  return JSON.stringify(output);
};
