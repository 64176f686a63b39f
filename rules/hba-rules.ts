// The built-in hba rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import hbaInvalidRecord from "./hba-invalid-record";
import hbaNoMd5 from "./hba-no-md5";
import hbaNoPassword from "./hba-no-password";
import hbaNoTrust from "./hba-no-trust";
import hbaRequireSsl from "./hba-require-ssl";
import identInvalidRecord from "./ident-invalid-record";

export const hbaRules: Record<string, RuleDefinition> = {
  "hba-invalid-record": hbaInvalidRecord,
  "hba-no-md5": hbaNoMd5,
  "hba-no-password": hbaNoPassword,
  "hba-no-trust": hbaNoTrust,
  "hba-require-ssl": hbaRequireSsl,
  "ident-invalid-record": identInvalidRecord,
};
