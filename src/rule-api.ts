// The API that rules (built-in and plugins') are written against: nothing else is imported by
// files in rules/. Re-exports only.
export { defineRule } from "./engine/rule";
export type { Plugin, ReportDescriptor, RuleContext, RuleDefinition } from "./engine/rule";
export type { ClusterView, ConfFile, HbaFile, IdentFile, SettingEntry } from "./engine/cluster";
export type { Edit, RuleMeta, RuleCategory } from "./engine/types";
export { commentedOutLine, insertSettingEdits, lineEnding, quoteValue, replaceValueEdit, safeSetParameterEdits, setParameterEdits } from "./engine/conf-edits";
export type { FileEdits } from "./engine/conf-edits";
export type { ConfDocument, ConfLine, ConfSettingLine, ConfIncludeLine } from "./model/conf";
export type { HbaDocument, HbaRecord, HbaAddress } from "./model/hba";
export { isKeywordToken, isGroupToken, isRegexToken } from "./model/hba";
export type { AuthToken, AuthLine } from "./model/hba";
export type { IdentDocument, IdentRecord } from "./model/ident";
export type { Span } from "./source";
export { asciiLowerCase } from "./ascii";
export { checkValue, parseBool, parseIntWithUnits, parseRealWithUnits, splitList, listStyleOf, lookupEnum, convertToBaseUnit, resolveBaseUnit } from "./values";
export { removedParameter, suggestParameterNames, addedInLaterVersion, isKnownParameter, lookupParameter } from "./catalog";
export type { CatalogParameter } from "./catalog";
