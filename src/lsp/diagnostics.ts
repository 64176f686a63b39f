// Lint messages as LSP diagnostics. Positions go through offsets: the linter counts lines at
// LF only (as PostgreSQL does), the editor also at a lone CR, and both agree on offsets.
import { DiagnosticSeverity } from "vscode-languageserver";
import type { Diagnostic, Range } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintMessage } from "../engine/types";
import type { SourceText } from "../source";
import type { DocumentLint } from "./linting";

export const DIAGNOSTIC_SOURCE = "pgconf-lint";

/** What a diagnostic carries back in a code action request. */
export interface DiagnosticData {
  /** Index of the message in the DocumentLint it came from. */
  index: number;
  version: number;
}

/** The [start, end) offsets of a message in the text it was reported on. */
export function messageOffsets(source: SourceText, message: LintMessage): { start: number; end: number } {
  if (message.line < 1) return { start: 0, end: 0 };
  const start = source.offsetAt({ line: message.line, column: message.column });
  const end = Math.max(start, source.offsetAt({ line: message.endLine, column: message.endColumn }));
  return { start, end };
}

export function offsetsToRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toDiagnostics(lint: DocumentLint, document: TextDocument, docsUrlOf: (ruleId: string) => string | undefined): Diagnostic[] {
  if (lint.problem !== null) {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, message: lint.problem }];
  }
  return lint.messages.map((message, index) => {
    const { start, end } = messageOffsets(lint.source, message);
    const diagnostic: Diagnostic = {
      range: offsetsToRange(document, start, end),
      severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: message.message,
      data: { index, version: lint.version } satisfies DiagnosticData,
    };
    if (message.ruleId !== null) {
      diagnostic.code = message.ruleId;
      const href = docsUrlOf(message.ruleId);
      if (href) diagnostic.codeDescription = { href };
    }
    return diagnostic;
  });
}
