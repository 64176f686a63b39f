// The built-in rules: one plugin (no prefix), registered exactly as a third-party plugin is.
import type { Plugin } from "../src/rule-api";
import { confRules } from "./conf-rules";
import { hbaRules } from "./hba-rules";
import { securityRules } from "./security-rules";
import includeOutsideTree from "./include-outside-tree";
import syntaxError from "./syntax-error";
import bom from "./bom";

export const builtinPlugin: Plugin = {
  name: "",
  rules: {
    "syntax-error": syntaxError,
    bom,
    "include-outside-tree": includeOutsideTree,
    ...confRules,
    ...securityRules,
    ...hbaRules,
  },
};
