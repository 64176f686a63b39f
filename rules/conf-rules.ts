// The built-in conf rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import invalidValue from "./invalid-value";
import typographicQuotes from "./typographic-quotes";
import unknownParameter from "./unknown-parameter";

export const confRules: Record<string, RuleDefinition> = {
  "invalid-value": invalidValue,
  "typographic-quotes": typographicQuotes,
  "unknown-parameter": unknownParameter,
};
