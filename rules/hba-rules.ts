// The built-in hba rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import hbaBroadAddress from "./hba-broad-address";
import hbaHostsslWithoutSsl from "./hba-hostssl-without-ssl";
import hbaIdentOverTcp from "./hba-ident-over-tcp";
import hbaInvalidAddress from "./hba-invalid-address";
import hbaInvalidRecord from "./hba-invalid-record";
import hbaLdapCleartext from "./hba-ldap-cleartext";
import hbaNoMd5 from "./hba-no-md5";
import hbaNoPassword from "./hba-no-password";
import hbaNoTrust from "./hba-no-trust";
import hbaRequireSsl from "./hba-require-ssl";
import hbaScramWithMd5Encryption from "./hba-scram-with-md5-encryption";
import hbaUnknownIdentMap from "./hba-unknown-ident-map";
import hbaUnreachable from "./hba-unreachable";
import identInvalidRecord from "./ident-invalid-record";
import identUnusedMap from "./ident-unused-map";

export const hbaRules: Record<string, RuleDefinition> = {
  "hba-broad-address": hbaBroadAddress,
  "hba-hostssl-without-ssl": hbaHostsslWithoutSsl,
  "hba-ident-over-tcp": hbaIdentOverTcp,
  "hba-invalid-record": hbaInvalidRecord,
  "hba-invalid-address": hbaInvalidAddress,
  "hba-ldap-cleartext": hbaLdapCleartext,
  "hba-no-md5": hbaNoMd5,
  "hba-no-password": hbaNoPassword,
  "hba-no-trust": hbaNoTrust,
  "hba-require-ssl": hbaRequireSsl,
  "hba-scram-with-md5-encryption": hbaScramWithMd5Encryption,
  "hba-unknown-ident-map": hbaUnknownIdentMap,
  "hba-unreachable": hbaUnreachable,
  "ident-invalid-record": identInvalidRecord,
  "ident-unused-map": identUnusedMap,
};
