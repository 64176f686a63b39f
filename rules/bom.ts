// A byte-order mark (EF BB BF) at the start of a file, as some Windows editors save UTF-8.
// PostgreSQL reads bytes, and every byte >= 0x80 is a letter to its lexers: the BOM becomes part
// of the first token of the file (the first name of postgresql.conf, the connection type of
// pg_hba.conf, the map name of pg_ident.conf). Checked on servers 12, 15 and 18.
import { defineRule } from "../src/rule-api";
import type { ClusterView, ConfDocument, Span } from "../src/rule-api";

/** The BOM as the source text holds it: one char in a UTF-8 file, three in any other (Latin-1). */
function bomLength(text: string, encoding: "utf8" | "latin1"): number {
  if (encoding === "utf8") return text.startsWith("\uFEFF") ? 1 : 0;
  return text.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
}

const BOM_SHOWN = "\\uFEFF";

/** What the server makes of the first line of a postgresql.conf that starts with a BOM. */
function confConsequence(cluster: ClusterView, document: ConfDocument, length: number): { messageId: "confName" | "confCustomName" | "confLine"; name?: string } {
  const first = document.lines[0];
  if (first && (first.kind === "setting" || first.kind === "include") && first.nameSpan.start === 0) {
    const name = first.name.slice(length);
    // A dotted name is a custom placeholder: accepted unchecked, under another name.
    if (name.includes(".") && !cluster.isKnown(name)) return { messageId: "confCustomName", name };
    return { messageId: "confName", name };
  }
  // A comment or blank first line: the BOM alone is a name without a value.
  return { messageId: "confLine" };
}

export default defineRule({
  meta: {
    description: "Report a byte-order mark (BOM) at the start of a file: PostgreSQL reads it as part of the first name.",
    category: "syntax",
    files: ["conf", "hba", "ident"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      confName: `The file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first name: "${BOM_SHOWN}{{name}}" is an unrecognized configuration parameter, so the server refuses to start. Save the file without a BOM.`,
      confCustomName: `The file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first name: it sets "${BOM_SHOWN}{{name}}", not "{{name}}", so {{name}} keeps its default. Save the file without a BOM.`,
      confLine: `The file starts with a byte-order mark (BOM), which PostgreSQL reads as a name without a value: a syntax error on line 1, so the server refuses to start. Save the file without a BOM.`,
      hba: `The file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first line's connection type: an invalid record, so the server refuses to start (a reload keeps the old rules). Save the file without a BOM.`,
      ident: `The file starts with a byte-order mark (BOM), which PostgreSQL reads as part of the first line's map name: that line maps "${BOM_SHOWN}…", which no map= option names (or is malformed). Save the file without a BOM.`,
    },
    references: [
      { title: "PostgreSQL: Setting Parameters via the Configuration File", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE" },
      { title: "Unicode FAQ: UTF-8, UTF-16, UTF-32 & BOM", url: "https://www.unicode.org/faq/utf_bom.html#bom1" },
    ],
  },
  check(context) {
    const report = (filePath: string, source: { text: string; encoding: "utf8" | "latin1"; span(start: number, end: number): Span }, messageId: "confName" | "confCustomName" | "confLine" | "hba" | "ident", name?: string) => {
      const length = bomLength(source.text, source.encoding);
      context.report({ messageId, ...(name !== undefined ? { data: { name } } : {}), filePath, span: source.span(0, length), fix: [{ range: [0, length], text: "" }] });
    };
    for (const file of context.cluster.confFiles) {
      const source = file.document.source;
      const length = bomLength(source.text, source.encoding);
      if (length === 0) continue;
      const { messageId, name } = confConsequence(context.cluster, file.document, length);
      report(file.path, source, messageId, name);
    }
    for (const file of context.cluster.hbaFiles) {
      if (bomLength(file.document.source.text, file.document.source.encoding) > 0) report(file.path, file.document.source, "hba");
    }
    for (const file of context.cluster.identFiles) {
      if (bomLength(file.document.source.text, file.document.source.encoding) > 0) report(file.path, file.document.source, "ident");
    }
  },
});
