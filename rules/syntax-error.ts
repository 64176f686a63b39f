import { checkValue, defineRule } from "../src/rule-api";
import type { ClusterView, ConfDocument, ConfLine } from "../src/rule-api";

// A name written with spaces for underscores (`ssl ciphers = ...`, copied from prose): the
// first words of the line joined by `_`, when that is a parameter the target version knows.
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/y;
const MAX_WORDS = 4;

/** The value written after `=` (one simple token or a single-quoted string), or null. */
function valueAfterEquals(rest: string): string | null {
  const match = /^[ \t\r]*=[ \t\r]*(?:'((?:[^'\\\n]|'')*)'|([^\s'#]+))[ \t\r\n]*$/.exec(rest);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? null);
}

function spacedName(cluster: ClusterView, document: ConfDocument, line: ConfLine): { name: string; start: number; end: number; beforeEquals: boolean; value: string | null } | undefined {
  if (line.kind !== "invalid") return undefined;
  const text = document.source.text.slice(line.span.start, line.commentSpan?.start ?? line.span.end);
  const words: { text: string; start: number; end: number }[] = [];
  let at = /^[ \t\r]*/.exec(text)![0].length;
  while (words.length < MAX_WORDS) {
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    if (!word) break;
    words.push({ text: word[0], start: at, end: at + word[0].length });
    const spaces = /[ \t\r]*/y;
    spaces.lastIndex = WORD.lastIndex;
    const gap = spaces.exec(text)![0].length;
    if (gap === 0) break;
    at = WORD.lastIndex + gap;
  }
  for (let count = 2; count <= words.length; count++) {
    const candidate = words.slice(0, count).map((word) => word.text).join("_");
    if (cluster.isKnown(candidate)) {
      // `ssl ciphers = ...`: every word before the `=` is part of the name.
      const beforeEquals = /^[ \t\r]*=/.test(text.slice(words[count - 1]!.end));
      const rest = text.slice(words[count - 1]!.end);
      return { name: cluster.parameter(candidate)?.name ?? candidate.toLowerCase(), start: line.span.start + words[0]!.start, end: line.span.start + words[count - 1]!.end, beforeEquals, value: valueAfterEquals(rest) };
    }
  }
  return undefined;
}

/** A fix renames the parameter only when the server will then accept the line's value too. */
function valueAccepted(cluster: ClusterView, name: string, value: string | null, pgVersion: number): boolean {
  const parameter = cluster.parameter(name);
  if (!parameter || value === null) return false;
  return checkValue(parameter, value, pgVersion).ok;
}

export default defineRule({
  meta: {
    description: "Report lines PostgreSQL cannot parse: the server refuses to start on them.",
    category: "syntax",
    files: ["conf"],
    defaultSeverity: "error",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    alwaysOn: true,
    messages: {
      syntaxError: "{{message}}: PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed.",
      syntaxErrorDidYouMean: '{{message}}: PostgreSQL will refuse to start (or ignore the whole file on reload) until this line is fixed. Did you mean "{{name}}"?',
      useName: 'Write the name as "{{name}}".',
      includeProblem: "{{message}}: PostgreSQL will refuse to start (or ignore the whole file on reload) until this include is fixed.",
      hbaFileProblem: 'hba_file "{{target}}" {{problem}}: PostgreSQL refuses to start ("could not load {{target}}"). Correct the path or create the file.{{relativeNote}}',
      identFileProblem:
        'ident_file "{{target}}" {{problem}}: PostgreSQL starts without any user name map, so every login through a map= option fails ("no match in usermap"). Correct the path or create the file.{{relativeNote}}',
    },
    references: [
      { title: "PostgreSQL: Setting Parameters via the Configuration File", url: "https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-CONFIGURATION-FILE" },
      { title: "PostgreSQL: File Locations (hba_file, ident_file)", url: "https://www.postgresql.org/docs/current/runtime-config-file-locations.html" },
    ],
  },
  check(context) {
    for (const file of context.cluster.confFiles) {
      for (const line of file.document.syntaxErrors) {
        const spaced = spacedName(context.cluster, file.document, line);
        if (spaced) {
          const edits = [{ range: [spaced.start, spaced.end] as [number, number], text: spaced.name }];
          // Every word before `=` joined is a parameter: the line is `name = value` with the
          // name written as prose, and the fix is what was meant. Otherwise, only a suggestion.
          context.report({
            messageId: "syntaxErrorDidYouMean",
            data: { message: line.error.message, name: spaced.name },
            filePath: file.path,
            span: line.error.nearSpan,
            ...(spaced.beforeEquals && valueAccepted(context.cluster, spaced.name, spaced.value, context.pgVersion) ? { fix: edits } : { suggestions: [{ messageId: "useName", data: { name: spaced.name }, edits }] }),
          });
          continue;
        }
        context.report({ messageId: "syntaxError", data: { message: line.error.message }, filePath: file.path, span: line.error.nearSpan });
      }
    }
    for (const problem of context.cluster.includeProblems) {
      const span = problem.line?.valueSpan ?? problem.file.document.source.span(0, 0);
      context.report({ messageId: "includeProblem", data: { message: problem.message }, filePath: problem.file.path, span });
    }
    // hba_file / ident_file naming a file that cannot be read: at the setting that names it.
    for (const problem of context.cluster.authFileProblems) {
      const setting = problem.kind === "hba" ? "hba_file" : "ident_file";
      const relativeNote = problem.relative ? ` The path is relative: PostgreSQL resolves ${setting} against the directory the server is started in; this check assumed the directory of postgresql.conf.` : "";
      context.report({
        messageId: problem.kind === "hba" ? "hbaFileProblem" : "identFileProblem",
        data: { target: problem.target, problem: problem.problem, relativeNote },
        filePath: problem.entry.file.path,
        span: problem.entry.line.valueSpan,
      });
    }
  },
});
