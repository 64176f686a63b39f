// The vocabulary of the rule engine: rules, findings, edits and the per-file results, the
// latter in the shape of ESLint's JSON results so that tools that read ESLint's read ours.
import type { FileKind } from "../kinds";
import type { Range, Span } from "../source";

export type Severity = "off" | "warn" | "error";
export type ReportedSeverity = 1 | 2;
export const SEVERITY_NUMBER: Record<Exclude<Severity, "off">, ReportedSeverity> = { warn: 1, error: 2 };

export type RuleCategory = "syntax" | "correctness" | "security" | "authentication" | "tls" | "logging" | "durability";
export type PresetName = "recommended" | "cis" | "all";

/** One text edit: replace [range[0], range[1]) of the file's text with `text` (ESLint's shape). */
export interface Edit {
  range: [number, number];
  text: string;
}

/** A JSON Schema (draft-07 subset) for a rule's options. */
export type OptionsSchema = Record<string, unknown>;

export interface RuleReference {
  title: string;
  url: string;
}

export interface RuleMeta<MessageId extends string = string> {
  /** One imperative sentence; the docs page and `pgconf-lint rules` use it verbatim. */
  description: string;
  category: RuleCategory;
  /** The file kinds the rule reads. */
  files: FileKind[];
  /** Severity when a preset turns the rule on. */
  defaultSeverity: Exclude<Severity, "off">;
  /** Presets (besides `all`) that turn the rule on. */
  presets: Exclude<PresetName, "all">[];
  /** Whether some findings carry a fix that `--fix` applies. */
  fixable: boolean;
  /** Whether some findings carry suggestions (shown, never applied by `--fix` alone). */
  hasSuggestions?: boolean;
  messages: Record<MessageId, string>;
  optionsSchema?: OptionsSchema;
  defaultOptions?: Record<string, unknown>;
  references: RuleReference[];
  /** Rules that are always on and cannot be disabled (syntax errors). */
  alwaysOn?: boolean;
}

/** A finding's location: a file and a range in it. */
export interface Location {
  filePath: string;
  range: Range;
}

export interface Suggestion {
  desc: string;
  filePath: string;
  edits: Edit[];
}

/** What a rule reports, before the engine resolves severity and directives. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  filePath: string;
  span: Span;
  /** Edits in `filePath` that fix the finding, applied by --fix. */
  fix?: Edit[];
  /** The fix edits a different file than the finding's own (e.g. postgresql.conf for an hba finding). */
  fixFilePath?: string;
  suggestions?: Suggestion[];
}

/** One message in a result, in ESLint's JSON shape. */
export interface LintMessage {
  ruleId: string | null;
  severity: ReportedSeverity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Fix as one merged edit on this file, ESLint's shape. */
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  fatal?: boolean;
}

/** The results for one file, in ESLint's JSON shape. */
export interface LintResult {
  filePath: string;
  kind: FileKind;
  messages: LintMessage[];
  suppressedMessages: (LintMessage & { suppressions: { kind: "directive"; justification: string }[] })[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, with --fix-dry-run (as ESLint does). */
  output?: string;
  source?: string;
}
