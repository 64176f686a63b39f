// The built-in conf rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import duplicateSetting from "./duplicate-setting";
import extensionNotLoaded from "./extension-not-loaded";
import invalidValue from "./invalid-value";
import overriddenSetting from "./overridden-setting";
import typographicQuotes from "./typographic-quotes";
import unknownParameter from "./unknown-parameter";

export const confRules: Record<string, RuleDefinition> = {
  "duplicate-setting": duplicateSetting,
  "extension-not-loaded": extensionNotLoaded,
  "invalid-value": invalidValue,
  "overridden-setting": overriddenSetting,
  "typographic-quotes": typographicQuotes,
  "unknown-parameter": unknownParameter,
};
