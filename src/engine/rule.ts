// What a rule is and what it sees: metadata plus a check over the cluster view that reports
// findings through its context. Built-in rules and plugins' rules use exactly this API.
import type { ClusterView } from "./cluster";
import type { MessageData } from "./messages";
import type { Edit, RuleMeta } from "./types";
import type { Span } from "../source";

export interface ReportDescriptor<MessageId extends string = string> {
  messageId: MessageId;
  data?: MessageData;
  /** The file the finding is in, and where. */
  filePath: string;
  span: Span;
  /** Edits that fix it, applied by --fix; in `filePath` unless `fixFilePath` names another file. */
  fix?: Edit[];
  fixFilePath?: string;
  /** Alternative changes shown to the user (editors, review bots), never applied by --fix alone. */
  suggestions?: { messageId: MessageId; data?: MessageData; filePath?: string; edits: Edit[] }[];
}

export interface RuleContext<MessageId extends string = string> {
  readonly ruleId: string;
  readonly pgVersion: number;
  /** The rule's options: its defaults overlaid with the configured ones. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly cluster: ClusterView;
  /** Only findings in these files are kept (the files being linted and what they include). */
  isLinted(filePath: string): boolean;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface RuleDefinition<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  check(context: RuleContext<MessageId>): void;
}

/** Identity, for type inference of message ids in a rule file. */
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): RuleDefinition<MessageId> {
  return rule;
}

/** A plugin: rules (ids without the prefix) and presets; the built-in rules are one too. */
export interface Plugin {
  /** For `pgconf-lint-plugin-foo`, "foo": its rule ids become "foo/RULE". Empty for the built-ins. */
  name: string;
  rules: Record<string, RuleDefinition>;
  /** Extra presets, by name (ids without the prefix), each mapping rule ids to severities. */
  presets?: Record<string, Record<string, "off" | "warn" | "error">>;
}
