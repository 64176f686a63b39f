// The cluster's pg_hba.conf and pg_ident.conf as the server reads them: each top file and, from
// PostgreSQL 16 on, the files its `include`, `include_if_exists` and `include_dir` lines name,
// each read and parsed once, with every record in the server's reading order (an included
// file's records where its directive stands). Includes resolving outside the include roots are
// not read; a cycle is reported where it closes instead of being followed ten files deep.
import type { FileKind } from "../kinds";
import { strerror } from "../files";
import type { FileReader } from "../files";
import { absoluteConfigLocation, includeDirFiles, MAX_DEPTH } from "../model/hba-expand";
import type { AuthInclude, AuthLine } from "../model/hba-auth-file";
import { SourceText } from "../source";
import type { Span } from "../source";

/** What the walk needs of a parsed pg_hba.conf or pg_ident.conf. */
export interface AuthDocumentLike<R extends { line: AuthLine }> {
  includes: AuthInclude[];
  records: R[];
}

/** One file of the tree. */
export interface AuthTreeFile<D> {
  path: string;
  document: D;
  /** The file whose include directive first reached this one; null for a top file. */
  includedFrom: string | null;
}

/** A record as the server reads it, with the file it is in. */
export interface AuthRecordAt<F, R> {
  file: F;
  record: R;
}

/** An include directive the server could not follow: its message is PostgreSQL's error for
 *  the line (pg_hba_file_rules / pg_ident_file_mappings), or says why it never ends. */
export interface AuthIncludeProblem {
  kind: Extract<FileKind, "hba" | "ident">;
  filePath: string;
  include: AuthInclude;
  message: string;
}

/** An include whose target lies outside the include roots: deliberately not read. */
export interface AuthBlockedInclude {
  filePath: string;
  include: AuthInclude;
  /** The absolute path it names (a directory for include_dir, or a file in it). */
  target: string;
  span: Span;
}

export interface AuthTreeOptions<D> {
  kind: Extract<FileKind, "hba" | "ident">;
  pgVersion: number;
  /** Reads included files (the linter's reader: content overrides applied). */
  reader: FileReader;
  /** True for a path outside the include roots: not read. */
  isOutside?: (absPath: string) => boolean;
  parse(source: SourceText, filePath: string): D;
}

export interface AuthTree<D, R> {
  /** Every file read, each once: the top files first, then the files includes reached. */
  files: AuthTreeFile<D>[];
  /** Per top file, its records in the server's order (a file included twice appears twice). */
  sequences: { top: AuthTreeFile<D>; records: AuthRecordAt<AuthTreeFile<D>, R>[] }[];
  problems: AuthIncludeProblem[];
  blocked: AuthBlockedInclude[];
}

/**
 * Reads the trees of the given top files (already read by the caller). A top file reached by
 * another top file's include is read once, as part of the first tree that reaches it.
 */
export function readAuthTree<R extends { line: AuthLine }, D extends AuthDocumentLike<R>>(tops: { path: string; document: D }[], options: AuthTreeOptions<D>): AuthTree<D, R> {
  const files = new Map<string, AuthTreeFile<D>>();
  const tree: AuthTree<D, R> = { files: [], sequences: [], problems: [], blocked: [] };
  const reported = new Set<string>();
  const problem = (file: AuthTreeFile<D>, include: AuthInclude, message: string) => {
    const key = `${file.path}\0${include.line.span.start}\0${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    tree.problems.push({ kind: options.kind, filePath: file.path, include, message });
  };
  const block = (file: AuthTreeFile<D>, include: AuthInclude, target: string) => {
    const key = `${file.path}\0${include.line.span.start}\0blocked ${target}`;
    if (reported.has(key)) return;
    reported.add(key);
    tree.blocked.push({ filePath: file.path, include, target, span: include.path.span });
  };
  const isOutside = options.isOutside ?? (() => false);

  const visit = (file: AuthTreeFile<D>, depth: number, stack: string[], out: AuthRecordAt<AuthTreeFile<D>, R>[]) => {
    if (file.document.includes.length === 0) {
      for (const record of file.document.records) out.push({ file, record });
      return;
    }
    // Records and include lines in the file's order: an include's lines stand where it is.
    const items: ({ at: number; record: R } | { at: number; include: AuthInclude })[] = [...file.document.records.map((record) => ({ at: record.line.span.start, record })), ...file.document.includes.map((include) => ({ at: include.line.span.start, include }))];
    items.sort((a, b) => a.at - b.at);
    for (const item of items) {
      if ("record" in item) out.push({ file, record: item.record });
      else follow(file, item.include, depth, stack, out);
    }
  };

  const follow = (file: AuthTreeFile<D>, include: AuthInclude, depth: number, stack: string[], out: AuthRecordAt<AuthTreeFile<D>, R>[]) => {
    const target = include.path.value;
    let paths: string[];
    if (include.kind === "include_dir") {
      if (/^[ \t\r\n]*$/.test(target)) return problem(file, include, "empty configuration directory name");
      const directory = absoluteConfigLocation(target, file.path);
      if (isOutside(directory)) return block(file, include, directory);
      const entries = options.reader.readDir(directory);
      if (!Array.isArray(entries)) return problem(file, include, `could not open directory "${directory}"`);
      paths = includeDirFiles(directory, entries);
    } else paths = [absoluteConfigLocation(target, file.path)];
    for (const fullName of paths) {
      if (isOutside(fullName)) {
        block(file, include, fullName);
        continue;
      }
      if (stack.includes(fullName)) {
        // PostgreSQL has no cycle check: it reads the files again and again until they nest
        // deeper than CONF_FILE_MAX_DEPTH, then fails on that line. Said here, where it closes.
        const cycle = [...stack.slice(stack.indexOf(fullName)), fullName].map((p) => `"${p}"`).join(" includes ");
        problem(file, include, `could not open file "${fullName}": maximum nesting depth exceeded (the includes form a cycle: ${cycle}, which PostgreSQL follows until they are nested ${MAX_DEPTH} deep)`);
        continue;
      }
      if (depth + 1 > MAX_DEPTH) {
        problem(file, include, `could not open file "${fullName}": maximum nesting depth exceeded`);
        continue;
      }
      let child = files.get(fullName);
      if (!child) {
        const bytes = options.reader.readFile(fullName);
        if (!(bytes instanceof Uint8Array)) {
          // fopen() opens a directory and 16+ drops the failed read: no lines, no error.
          if (bytes.error === "EISDIR") continue;
          if (include.kind === "include_if_exists" && bytes.error === "ENOENT") continue;
          problem(file, include, `could not open file "${fullName}": ${strerror(bytes.error)}`);
          continue;
        }
        child = { path: fullName, document: options.parse(SourceText.fromBytes(bytes), fullName), includedFrom: file.path };
        files.set(fullName, child);
        tree.files.push(child);
      }
      visit(child, depth + 1, [...stack, fullName], out);
    }
  };

  for (const top of tops) {
    if (files.has(top.path)) continue;
    const file: AuthTreeFile<D> = { path: top.path, document: top.document, includedFrom: null };
    files.set(top.path, file);
    tree.files.push(file);
    const records: AuthRecordAt<AuthTreeFile<D>, R>[] = [];
    visit(file, 0, [top.path], records);
    tree.sequences.push({ top: file, records });
  }
  // Top files first, in the order given; included files in the order they were reached.
  tree.files.sort((a, b) => Number(a.includedFrom !== null) - Number(b.includedFrom !== null));
  return tree;
}
