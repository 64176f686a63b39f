// The built-in conf rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";

export const confRules: Record<string, RuleDefinition> = {};
