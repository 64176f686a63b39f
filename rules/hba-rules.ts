// The built-in hba rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import hbaInvalidRecord from "./hba-invalid-record";
import hbaNoTrust from "./hba-no-trust";
import identInvalidRecord from "./ident-invalid-record";

export const hbaRules: Record<string, RuleDefinition> = {
  "hba-invalid-record": hbaInvalidRecord,
  "hba-no-trust": hbaNoTrust,
  "ident-invalid-record": identInvalidRecord,
};
