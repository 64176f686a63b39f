// Code actions: a quick fix for each fix and each suggestion of the findings under the cursor,
// "Disable RULE for this line", and "Fix all pgconf-lint problems" (also as the
// source.fixAll.pgconf-lint action editors run on save). Formatting applies the same safe fixes.
import { CodeActionKind } from "vscode-languageserver";
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintMessage } from "../engine/types";
import { applyEdits } from "../fix";
import { isLowSurrogate } from "../text";
import { messageOffsets, offsetsToRange } from "./diagnostics";
import type { DiagnosticData } from "./diagnostics";
import { disableRuleEdit } from "./disable-directive";
import type { TextChange } from "./disable-directive";
import type { DocumentLint } from "./linting";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.pgconf-lint`;
const MAX_FIX_PASSES = 10;

export interface ActionRequest {
  document: TextDocument;
  /** The lint of the document's current text. */
  lint: DocumentLint;
  range: Range;
  /** The diagnostics the editor sent with the request (they link actions to diagnostics). */
  diagnostics: Diagnostic[];
  only: string[] | undefined;
  /** Whether the client takes versioned edits (documentChanges). */
  versionedEdits: boolean;
  /** The fixed text of the whole document (all passes), computed on demand. */
  fixAll(): string;
  /** The client resolves code actions' edits lazily (codeAction/resolve): "Fix all" is then
   *  computed only when chosen. */
  resolveEdits: boolean;
  /** Rules that cannot be disabled (always on). */
  isAlwaysOn(ruleId: string): boolean;
}

function wants(kind: string, only: string[] | undefined): boolean {
  return only === undefined || only.length === 0 || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

export function workspaceEdit(document: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  return { changes: { [document.uri]: edits } };
}

function textEdit(document: TextDocument, change: TextChange): TextEdit {
  return { range: offsetsToRange(document, change.start, change.end), newText: change.text };
}

/** The one edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Do not split a surrogate pair or a CRLF.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === "\n" && before[start - 1] === "\r"))) start--;
  while (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

/** Every fix of the document applied, re-linting between passes as `--fix` does. */
export function fixAllText(text: string, firstLint: DocumentLint, relint: (text: string) => DocumentLint): string {
  let current = text;
  let lint = firstLint;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    if (lint.problem !== null) break;
    const fixes = lint.messages.flatMap((message) => (message.fix ? [[{ range: message.fix.range, text: message.fix.text }]] : []));
    if (fixes.length === 0) break;
    const { output } = applyEdits(current, fixes);
    if (output === current) break;
    current = output;
    lint = relint(current);
  }
  return current;
}

/** The formatting edits: the safe fixes of the whole document. */
export function formattingEdits(document: TextDocument, fixedText: string): TextEdit[] {
  const change = minimalEdit(document.getText(), fixedText);
  return change ? [textEdit(document, change)] : [];
}

function intersects(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The editor's diagnostic for a message: the one it sent back (same data), else a rebuilt one. */
function diagnosticFor(request: ActionRequest, index: number): Diagnostic[] {
  const sent = request.diagnostics.find((diagnostic) => {
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    return data?.index === index && data.version === request.lint.version;
  });
  return sent ? [sent] : [];
}

export function codeActions(request: ActionRequest): CodeAction[] {
  const { document, lint } = request;
  if (lint.problem !== null) return [];
  const actions: CodeAction[] = [];
  const wanted = { start: document.offsetAt(request.range.start), end: document.offsetAt(request.range.end) };
  const edit = (change: TextChange): WorkspaceEdit => workspaceEdit(document, [textEdit(document, change)], request.versionedEdits);

  if (wants(CodeActionKind.QuickFix, request.only)) {
    const disabled = new Set<string>();
    lint.messages.forEach((message: LintMessage, index) => {
      if (!intersects(messageOffsets(lint.source, message), wanted)) return;
      const diagnostics = diagnosticFor(request, index);
      const rule = message.ruleId ?? "pgconf-lint";
      if (message.fix) {
        actions.push({ title: `Fix this ${rule} problem`, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: true, edit: edit({ start: message.fix.range[0], end: message.fix.range[1], text: message.fix.text }) });
      }
      for (const suggestion of message.suggestions ?? []) {
        actions.push({ title: suggestion.desc, kind: CodeActionKind.QuickFix, diagnostics, edit: edit({ start: suggestion.fix.range[0], end: suggestion.fix.range[1], text: suggestion.fix.text }) });
      }
      const key = `${message.ruleId}:${message.line}`;
      if (message.ruleId !== null && !request.isAlwaysOn(message.ruleId) && !disabled.has(key)) {
        disabled.add(key);
        const change = disableRuleEdit(lint.source.text, lint.kind, lint.pgVersion, message.line, message.ruleId);
        actions.push({ title: `Disable ${message.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit(change) });
      }
    });
  }
  const fixable = lint.messages.some((message) => message.fix);
  const fixAllKinds = [...(wants(CodeActionKind.QuickFix, request.only) && actions.length > 0 ? [CodeActionKind.QuickFix] : []), ...(request.only !== undefined && wants(FIX_ALL_KIND, request.only) ? [FIX_ALL_KIND] : [])];
  if (fixable && fixAllKinds.length > 0) {
    if (request.resolveEdits) {
      const data: FixAllData = { fixAll: true, uri: document.uri, version: document.version };
      for (const kind of fixAllKinds) actions.push({ title: FIX_ALL_TITLE, kind, data });
    } else {
      const change = minimalEdit(document.getText(), request.fixAll());
      if (change) for (const kind of fixAllKinds) actions.push({ title: FIX_ALL_TITLE, kind, edit: edit(change) });
    }
  }
  return actions;
}

const FIX_ALL_TITLE = "Fix all pgconf-lint problems";

/** What a "Fix all" action without its edit carries to codeAction/resolve. */
export interface FixAllData {
  fixAll: true;
  uri: string;
  version: number;
}

export function isFixAllData(value: unknown): value is FixAllData {
  const data = value as Partial<FixAllData> | null | undefined;
  return data?.fixAll === true && typeof data.uri === "string" && typeof data.version === "number";
}

/** The edit of a "Fix all" action, for the document's current text. */
export function fixAllEdit(document: TextDocument, fixedText: string, versioned: boolean): WorkspaceEdit {
  const change = minimalEdit(document.getText(), fixedText);
  return workspaceEdit(document, change ? [textEdit(document, change)] : [], versioned);
}
