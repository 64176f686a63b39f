// GitHub Actions workflow commands, one line per message:
//   ::error file=REL,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
// which the runner turns into annotations on the run and on the pull request's diff.
import type { LintMessage } from "../engine/types";
import { isError, portablePath } from "./locations";
import type { Formatter } from "./types";

// The escaping of @actions/core's command.ts: the runner unescapes exactly these sequences.
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotationProperties(message: LintMessage, file: string): [string, string | number | null][] {
  const hasLine = message.line >= 1;
  // GitHub's annotations take columns only within one line ("Omit this parameter if start_line
  // and end_line have different values"), so a multi-line range is given by its lines alone.
  const oneLine = hasLine && (message.endLine < 1 || message.endLine === message.line);
  return [
    ["file", file],
    ["line", hasLine ? message.line : null],
    ["col", oneLine && message.column >= 1 ? message.column : null],
    ["endLine", hasLine && message.endLine >= 1 ? message.endLine : null],
    ["endColumn", oneLine && message.endColumn >= 1 ? message.endColumn : null],
    ["title", message.ruleId],
  ];
}

export const formatGithub: Formatter = (results, context) => {
  let output = "";
  for (const result of results) {
    const file = portablePath(result.filePath, context.cwd);
    for (const message of result.messages) {
      const properties = annotationProperties(message, file)
        .filter((entry): entry is [string, string | number] => entry[1] !== null)
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(",");
      output += `::${isError(message) ? "error" : "warning"} ${properties}::${escapeData(message.message)}\n`;
    }
  }
  return output;
};
