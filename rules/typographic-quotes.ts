// Typographic quotes around a value (text pasted from a web page or a word processor): every
// byte >= 0x80 is a letter to guc-file.l, so ‘on’ is an identifier whose value keeps the quotes,
// and ‘server.crt’ lexes as a qualified name, which is a syntax error as a value.
import { defineRule, quoteValue, splitList } from "../src/rule-api";
import type { ConfDocument, ConfLine, Edit, Span } from "../src/rule-api";

/** ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ */
const TYPOGRAPHIC = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033";
/** The same quotes in Windows-1252 bytes (0x82, 0x84, 0x91-0x94), as a file that is not UTF-8
 *  decodes them (one char per byte). */
const CP1252 = "\u0082\u0084\u0091\u0092\u0093\u0094";

// guc-file.l: ID is LETTER LETTER_OR_DIGIT*, LETTER = [A-Za-z_\200-\377]; a name is an ID or a
// QUALIFIED_ID (ID.ID).
const ID = "[A-Za-z_\\u0080-\\uffff][A-Za-z0-9_\\u0080-\\uffff]*";
const NAME = new RegExp(`^${ID}(?:\\.${ID})?$`);
// A quoted STRING token, to skip when looking for stray quotes in a line.
const ASCII_STRING = /'(?:[^'\\\n]|\\.|'')*'/g;
// Library lists: the quotes become part of a library's file name.
const LIBRARY_LISTS: Readonly<Record<string, string>> = {
  shared_preload_libraries: "refuses to start",
  session_preload_libraries: "every new session fails",
  local_preload_libraries: "every new session fails",
};

interface Quoted {
  name: string;
  nameIsValid: boolean;
  open: string;
  close: string;
  /** The text between the quotes: what the author meant as the value. */
  inner: string;
  /** Offsets of the opening quote and just after the closing one. */
  start: number;
  end: number;
  /** The spaces after the closing quote, when a comment follows them on the line. */
  gapBeforeComment: number | null;
}

function hasNonAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 0x80) return true;
  return false;
}

function quoteClass(document: ConfDocument): string {
  const chars = document.source.encoding === "latin1" ? TYPOGRAPHIC + CP1252 : TYPOGRAPHIC;
  return `[${chars}]`;
}

/** The line's text without its line ending. */
function lineText(document: ConfDocument, line: ConfLine): string {
  return document.source.text.slice(line.span.start, line.span.end).replace(/\r?\n$/, "");
}

/** `name [=] <q>value<q> [# comment]` with typographic quotes <q>: the first closing quote after
 *  which only spaces and a comment follow ends the value (a `#` inside the quotes is the value's). */
function matchQuotedValue(document: ConfDocument, line: ConfLine): Quoted | null {
  const q = quoteClass(document);
  const pattern = new RegExp(`^([ \\t\\r]*)(.+?)([ \\t\\r]*=[ \\t\\r]*|[ \\t\\r]+)(${q})(.*?)(${q})([ \\t\\r]*)((?:#.*)?)$`);
  const match = pattern.exec(lineText(document, line));
  if (!match) return null;
  const [, lead, name, sep, open, inner, close, spaces, comment] = match as unknown as string[];
  const start = line.span.start + lead!.length + name!.length + sep!.length;
  const end = start + open!.length + inner!.length + close!.length;
  return {
    name: name!,
    nameIsValid: NAME.test(name!),
    open: open!,
    close: close!,
    inner: inner!,
    start,
    end,
    gapBeforeComment: comment ? spaces!.length : null,
  };
}

/** Typographic quotes outside ASCII-quoted strings and outside the comment, for a line that
 *  does not have the `name = <q>value<q>` shape. */
function strayQuotes(document: ConfDocument, line: ConfLine): { chars: string; start: number; end: number } | null {
  const q = new RegExp(quoteClass(document), "g");
  const lineEnd = line.kind !== "blank" && line.commentSpan ? line.commentSpan.start : line.span.start + lineText(document, line).length;
  const text = document.source.text.slice(line.span.start, lineEnd).replace(ASCII_STRING, (s) => " ".repeat(s.length));
  // Only quotes at either end of a word: an apostrophe inside one (O’Brien) may be meant.
  const isEdge = (ch: string | undefined) => ch === undefined || /[\s=#]/.test(ch);
  const found = [...text.matchAll(q)].filter((m) => isEdge(text[m.index - 1]) || isEdge(text[m.index + 1]));
  if (found.length === 0) return null;
  const first = found[0]!.index;
  const last = found[found.length - 1]!.index + 1;
  return { chars: [...new Set(found.map((m) => m[0]))].join(" "), start: line.span.start + first, end: line.span.start + last };
}

/** The edit that writes the value with ASCII quotes; a comment after it keeps its column when the
 *  spaces before it allow. */
function fixEdit(quoted: Quoted, replacement: string): Edit {
  if (quoted.gapBeforeComment === null) return { range: [quoted.start, quoted.end], text: replacement };
  const width = replacement.length - (quoted.end - quoted.start);
  const gap = Math.max(1, quoted.gapBeforeComment - width);
  return { range: [quoted.start, quoted.end + quoted.gapBeforeComment], text: replacement + " ".repeat(gap) };
}

export default defineRule({
  meta: {
    description: "Report values quoted with typographic quotes (‘ ’ “ ” …) instead of ASCII single quotes, and rewrite them with ASCII quotes.",
    category: "syntax",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    messages: {
      readWithQuotes:
        '{{name}} = {{written}}: {{open}} and {{close}} are typographic quotes, not quote characters, so PostgreSQL reads them as part of the value and sets {{name}} to "{{read}}", quotes included. Write the value with ASCII single quotes: {{fixed}}.',
      libraryWithQuotes:
        '{{name}} = {{written}}: {{open}} and {{close}} are typographic quotes, not quote characters, so PostgreSQL looks for a library named "{{library}}", quotes included, and {{consequence}} ("could not access file"). Write the value with ASCII single quotes: {{fixed}}.',
      syntaxError:
        "{{name}} = {{written}}: {{open}} and {{close}} are typographic quotes, not quote characters, so PostgreSQL cannot parse this line and refuses to start. Write the value with ASCII single quotes: {{fixed}}.",
      otherwiseInvalid:
        "{{written}}: {{open}} and {{close}} are typographic quotes, not quote characters, and PostgreSQL does not take them as quotes. Write the value with ASCII single quotes ({{fixed}}); the line has another syntax problem as well, so it is not rewritten automatically.",
      stray:
        "typographic quotes ({{chars}}) in a value: PostgreSQL does not take them as quote characters (text pasted from a web page or a word processor?). Quote values with ASCII single quotes ('...').",
    },
    references: [
      { title: "PostgreSQL: Setting Parameters via the Configuration File", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE" },
      { title: "PostgreSQL: Parameter Names and Values", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES" },
    ],
  },
  check(context) {
    for (const file of context.cluster.confFiles) {
      const document = file.document;
      // Every typographic quote is a char >= 0x80: most files have none at all.
      if (document.source.isAscii) continue;
      for (const line of document.lines) {
        if (line.kind === "blank" || line.kind === "comment") continue;
        // A value in ASCII quotes may hold typographic quotes on purpose ('“%m”').
        if (line.kind !== "invalid" && line.quoted) continue;
        // Every typographic quote is a char >= 0x80: most lines have none, and need no more work.
        if (!hasNonAscii(document.source.text, line.span.start, line.span.end)) continue;
        const quoted = matchQuotedValue(document, line);
        if (quoted) {
          const fixed = quoteValue(quoted.inner);
          const written = quoted.open + quoted.inner + quoted.close;
          const span: Span = document.source.span(quoted.start, quoted.end);
          const read = line.kind === "invalid" ? written : line.value;
          const data = { name: quoted.name, written, read, open: quoted.open, close: quoted.close, fixed };
          if (!quoted.nameIsValid) {
            context.report({ messageId: "otherwiseInvalid", data, filePath: file.path, span });
            continue;
          }
          const fix = [fixEdit(quoted, fixed)];
          const consequence = line.kind === "setting" ? LIBRARY_LISTS[line.name.toLowerCase()] : undefined;
          const split = line.kind === "setting" ? splitList(line.value, "directories") : undefined;
          if (consequence && split?.ok && split.elements[0]) {
            context.report({ messageId: "libraryWithQuotes", data: { ...data, library: split.elements[0].value, consequence }, filePath: file.path, span, fix });
            continue;
          }
          context.report({ messageId: line.kind === "invalid" ? "syntaxError" : "readWithQuotes", data, filePath: file.path, span, fix });
          continue;
        }
        // In a valid line, a typographic quote inside a word (O’Brien) may be meant; one at an end
        // of the value is a pasted quote.
        if (line.kind !== "invalid" && !new RegExp(`^${quoteClass(document)}|${quoteClass(document)}$`).test(line.rawValue)) continue;
        const stray = strayQuotes(document, line);
        if (stray) context.report({ messageId: "stray", data: { chars: stray.chars }, filePath: file.path, span: document.source.span(stray.start, stray.end) });
      }
    }
  },
});
