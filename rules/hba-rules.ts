// The built-in hba rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";

export const hbaRules: Record<string, RuleDefinition> = {};
