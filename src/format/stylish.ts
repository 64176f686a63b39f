// ESLint's default "stylish" output, character for character (eslint/lib/cli-engine/formatters/
// stylish.js with its text-table), except that file paths are shown relative to the working
// directory.
import type { LintMessage, LintResult } from "../engine/types";
import { displayPath, isError } from "./locations";
import type { Formatter } from "./types";

type Style = "red" | "yellow" | "dim" | "underline" | "bold" | "reset";

// The SGR codes Node's util.styleText writes, spelled out so that the output depends neither on
// the Node version nor on whether stdout is a terminal: `color` alone decides.
const SGR: Record<Style, [open: number, close: number]> = {
  red: [31, 39],
  yellow: [33, 39],
  dim: [2, 22],
  underline: [4, 24],
  bold: [1, 22],
  reset: [0, 0],
};

type Styler = (style: Style, text: string) => string;

function styler(color: boolean): Styler {
  if (!color) return (_style, text) => text;
  return (style, text) => `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m`;
}

function pluralize(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/** ESLint drops a message's trailing period unless a space precedes it. */
function withoutTrailingPeriod(text: string): string {
  return text.length > 1 && text.endsWith(".") && text.at(-2) !== " " ? text.slice(0, -1) : text;
}

interface Cell {
  text: string;
  /** Characters shown: the text without its ANSI codes (ESLint's text-table widths). */
  width: number;
}

const plain = (text: string): Cell => ({ text, width: text.length });
const styled = (style: Styler, name: Style, text: string): Cell => ({ text: style(name, text), width: text.length });

/** ESLint's text-table: cells two spaces apart, padded to the widest in their column (the line
 *  number right-aligned, the rest left-aligned), each row's trailing blanks trimmed. */
const LINE_NUMBER_CELL = 1;

function textTable(rows: Cell[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.width)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const padding = " ".repeat((widths[i] ?? 0) - cell.width);
          return i === LINE_NUMBER_CELL ? padding + cell.text : cell.text + padding;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function messageTable(messages: LintMessage[], style: Styler): string {
  const rows = messages.map((message) => [
    plain(""),
    plain(String(message.line || 0)),
    plain(String(message.column || 0)),
    isError(message) ? styled(style, "red", "error") : styled(style, "yellow", "warning"),
    plain(withoutTrailingPeriod(message.message)),
    message.ruleId ? styled(style, "dim", message.ruleId) : plain(""),
  ]);
  // Then, as ESLint does on each line of the table, "line  column" becomes a dim "line:column".
  return textTable(rows)
    .split("\n")
    .map((line) => line.replace(/(\d+)\s+(\d+)/u, (_whole, row: string, column: string) => style("dim", `${row}:${column}`)))
    .join("\n");
}

export const formatStylish: Formatter = (results: LintResult[], context) => {
  const style = styler(context.color);
  let output = "\n";
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  let anyError = false;

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    fixableErrorCount += result.fixableErrorCount;
    fixableWarningCount += result.fixableWarningCount;
    anyError ||= result.messages.some(isError);
    output += `${style("underline", displayPath(result.filePath, context.cwd))}\n`;
    output += `${messageTable(result.messages, style)}\n\n`;
  }

  const total = errorCount + warningCount;
  if (total === 0) return "";

  const summaryColor: Style = anyError ? "red" : "yellow";
  const summary = (text: string) => `${style(summaryColor, style("bold", text))}\n`;
  output += summary(
    `\u2716 ${total}${pluralize(" problem", total)} (${errorCount}${pluralize(" error", errorCount)}, ` +
      `${warningCount}${pluralize(" warning", warningCount)})`,
  );
  if (fixableErrorCount > 0 || fixableWarningCount > 0) {
    output += summary(
      `  ${fixableErrorCount}${pluralize(" error", fixableErrorCount)} and ` +
        `${fixableWarningCount}${pluralize(" warning", fixableWarningCount)} potentially fixable with the \`--fix\` option.`,
    );
  }
  return style("reset", output);
};
