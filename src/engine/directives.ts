// Inline directives in the linted files' comments, as ESLint has them:
//   # pgconf-lint-disable-next-line RULE[, RULE] -- reason
//   # pgconf-lint-disable-line RULE
//   # pgconf-lint-disable RULE ... # pgconf-lint-enable RULE   (no rule: every rule)
import type { Span } from "../source";

export type DirectiveKind = "disable" | "enable" | "disable-line" | "disable-next-line";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  ruleIds: string[];
  justification: string;
  /** The comment holding it. */
  span: Span;
  /** The line the comment is on. */
  line: number;
}

const DIRECTIVE = /^#\s*pgconf-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;

/** The directive in a comment (`#` included), or null. */
export function parseDirective(comment: string, span: Span): Directive | null {
  const match = DIRECTIVE.exec(comment.trimEnd());
  if (!match) return null;
  const [body = "", justification = ""] = (match[2] ?? "").split(/\s--\s?/, 2);
  const ruleIds = body.split(",").map((id) => id.trim()).filter((id) => id !== "");
  return { kind: match[1] as DirectiveKind, ruleIds, justification: justification.trim(), span, line: span.line };
}

/** Which directive (if any) silences a finding of `ruleId` that starts on `line`. */
export class DirectiveIndex {
  private readonly used = new Set<Directive>();

  constructor(readonly directives: Directive[]) {}

  suppressing(ruleId: string, line: number): Directive | null {
    let blockMatch: Directive | null = null;
    for (const directive of this.directives) {
      const names = directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
      if (!names) continue;
      if (directive.kind === "disable-line" && directive.line === line) return this.use(directive);
      if (directive.kind === "disable-next-line" && directive.line + 1 === line) return this.use(directive);
      if (directive.line > line) continue;
      // Block directives: the last disable/enable before the line decides.
      if (directive.kind === "disable") blockMatch = directive;
      else if (directive.kind === "enable") blockMatch = null;
    }
    return blockMatch ? this.use(blockMatch) : null;
  }

  /** Directives that silenced nothing (enable directives are never "unused"). */
  unused(): Directive[] {
    return this.directives.filter((directive) => directive.kind !== "enable" && !this.used.has(directive));
  }

  private use(directive: Directive): Directive {
    this.used.add(directive);
    return directive;
  }
}
