// The built-in conf rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import typographicQuotes from "./typographic-quotes";
import unknownParameter from "./unknown-parameter";

export const confRules: Record<string, RuleDefinition> = {
  "typographic-quotes": typographicQuotes,
  "unknown-parameter": unknownParameter,
};
