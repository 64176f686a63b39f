// The built-in security rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";

export const securityRules: Record<string, RuleDefinition> = {};
