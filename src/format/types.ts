// What an output format is given: the per-file results (ESLint's JSON shape) and the context a
// format may need besides them. Every format is a pure function of the two.
import type { LintResult } from "../engine/types";

/** The part of a rule's metadata that formats show or link to. */
export interface FormatterRuleMeta {
  description: string;
  docsUrl: string;
  fixable: boolean;
  category: string;
  defaultSeverity: "warn" | "error";
}

export interface FormatterContext {
  /** Paths are shown relative to it. */
  cwd: string;
  /** ANSI colours (stylish only). */
  color: boolean;
  rulesMeta: Record<string, FormatterRuleMeta>;
  /** e.g. "0.1.0" */
  toolVersion: string;
  /** The tool's home page; SARIF (informationUri) and rdjson (source.url) link it when given. */
  toolUri?: string;
  /** Source text per filePath, when a format needs it (rdjson/sarif fixes need line/column of fix ranges). */
  sourceOf(filePath: string): string | undefined;
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string;
