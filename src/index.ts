// The library API: the parsers, the views and the catalog (the lint API joins it as it lands).
export { parseConf } from "./model/conf";
export type { ConfDocument, ConfLine, ConfSettingLine, ConfIncludeLine, ConfSyntaxError } from "./model/conf";
export { parseHba } from "./model/hba";
export type { HbaDocument, HbaRecord } from "./model/hba";
export { parseIdent } from "./model/ident";
export type { IdentDocument, IdentRecord } from "./model/ident";
export { SourceText } from "./source";
export type { Span, Range, Position } from "./source";
export { readFileSettings } from "./views/file-settings";
export { diskReader, memoryReader } from "./files";
export type { FileReader, DirEntry, ReadError } from "./files";
export { hbaFileRules } from "./views/hba-rules";
export { identFileMappings } from "./views/ident-mappings";
export { settingJudge } from "./views/judge";
export { loadCatalog, lookupParameter, isKnownParameter, removedParameter, suggestParameterNames } from "./catalog";
export { checkValue } from "./values";
export { kindFromFileName } from "./kinds";
export type { FileKind } from "./kinds";
