// The rows of pg_hba_file_rules for a pg_hba.conf, column by column as the server fills them
// (hbafuncs.c / hba.c `fill_hba_line`, `get_hba_options`), includes and `@file`s followed.

import { addressColumns, parseHbaRecord } from "../model/hba";
import type { HbaAuthSettings, HbaParseOptions, HbaRecord } from "../model/hba";
import { diskReader } from "../files";
import type { FileReader } from "../files";
import { expandAuthFile } from "../model/hba-expand";
import type { SourceText } from "../source";
import { DEFAULT_PG_VERSION } from "./types";
import type { HbaFileRuleRow } from "./types";

export interface HbaRulesOptions extends Omit<HbaParseOptions, "fileName"> {
  /** Where included and `@` files come from (default: the local file system). */
  reader?: FileReader;
  /** The top file's content; read through the reader when omitted. */
  text?: string | SourceText;
}

/**
 * pg_hba_file_rules for the pg_hba.conf at `hbaPath` (absolute: included files resolve against
 * its directory). One row per content line; 16+ rows carry rule_number and file_name.
 */
export function hbaFileRules(hbaPath: string, options: HbaRulesOptions = {}): HbaFileRuleRow[] {
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION;
  const lines = expandAuthFile(hbaPath, options.text ?? null, { pgVersion, reader: options.reader ?? diskReader });
  const rows: HbaFileRuleRow[] = [];
  let ruleNumber = 0;
  for (const expanded of lines) {
    const record = expanded.error === null ? parseHbaRecord(expanded.line, expanded.fields, { ...options, pgVersion, fileName: expanded.fileName }) : null;
    const error = expanded.error ?? record!.error;
    if (error === null) ruleNumber++;
    const columns = record?.accepted ? recordColumns(record) : nullColumns();
    const row: HbaFileRuleRow = pgVersion >= 16 ? { rule_number: error === null ? ruleNumber : null, file_name: expanded.fileName, line_number: expanded.line.lineNumber, ...columns, error } : { line_number: expanded.line.lineNumber, ...columns, error };
    rows.push(row);
  }
  return rows;
}

type RuleColumns = Omit<HbaFileRuleRow, "rule_number" | "file_name" | "line_number" | "error">;

function nullColumns(): RuleColumns {
  return { type: null, database: null, user_name: null, address: null, netmask: null, auth_method: null, options: null };
}

function recordColumns(record: HbaRecord): RuleColumns {
  const { address, netmask } = addressColumns(record.address);
  const options = record.settings ? optionsColumn(record.authMethod!, record.settings) : [];
  return {
    type: record.connectionType,
    // Tokens print unquoted: "all" and all look the same here (hbafuncs.c says so on purpose).
    database: record.databases!.map((token) => token.value),
    user_name: record.users!.map((token) => token.value),
    address,
    netmask,
    auth_method: record.authMethod,
    options: options.length > 0 ? options : null,
  };
}

/** get_hba_options: the options column, in the server's order, not the file's. */
export function optionsColumn(method: string, s: HbaAuthSettings): string[] {
  const out: string[] = [];
  if (method === "gss" || method === "sspi") {
    if (s.includeRealm) out.push("include_realm=true");
    if (s.krbRealm !== null) out.push(`krb_realm=${s.krbRealm}`);
  }
  if (s.usermap !== null) out.push(`map=${s.usermap}`);
  if (s.clientcert !== "off") out.push(`clientcert=${s.clientcert}`);
  if (s.pamservice !== null) out.push(`pamservice=${s.pamservice}`);
  if (method === "ldap") {
    if (s.ldapServer !== null) out.push(`ldapserver=${s.ldapServer}`);
    if (s.ldapPort !== 0) out.push(`ldapport=${s.ldapPort}`);
    if (s.ldapScheme !== null) out.push(`ldapscheme=${s.ldapScheme}`);
    if (s.ldapTls) out.push("ldaptls=true");
    if (s.ldapPrefix !== null) out.push(`ldapprefix=${s.ldapPrefix}`);
    if (s.ldapSuffix !== null) out.push(`ldapsuffix=${s.ldapSuffix}`);
    if (s.ldapBaseDn !== null) out.push(`ldapbasedn=${s.ldapBaseDn}`);
    if (s.ldapBindDn !== null) out.push(`ldapbinddn=${s.ldapBindDn}`);
    if (s.ldapBindPasswd !== null) out.push(`ldapbindpasswd=${s.ldapBindPasswd}`);
    if (s.ldapSearchAttribute !== null) out.push(`ldapsearchattribute=${s.ldapSearchAttribute}`);
    if (s.ldapSearchFilter !== null) out.push(`ldapsearchfilter=${s.ldapSearchFilter}`);
    if (s.ldapScope !== 0) out.push(`ldapscope=${s.ldapScope}`);
  }
  if (method === "radius") {
    if (s.radiusServersText !== null) out.push(`radiusservers=${s.radiusServersText}`);
    if (s.radiusSecretsText !== null) out.push(`radiussecrets=${s.radiusSecretsText}`);
    if (s.radiusIdentifiersText !== null) out.push(`radiusidentifiers=${s.radiusIdentifiersText}`);
    if (s.radiusPortsText !== null) out.push(`radiusports=${s.radiusPortsText}`);
  }
  if (method === "oauth") {
    if (s.oauthIssuer !== null) out.push(`issuer=${s.oauthIssuer}`);
    if (s.oauthScope !== null) out.push(`scope=${s.oauthScope}`);
    if (s.oauthValidator !== null) out.push(`validator=${s.oauthValidator}`);
    if (s.oauthSkipUsermap) out.push("delegate_ident_mapping=true");
  }
  return out;
}
