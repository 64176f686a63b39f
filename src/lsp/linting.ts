// Lints editor buffers as the CLI lints files: the same configuration lookup, the same engine,
// unsaved text of every open document laid over the disk. A document is linted with the tree
// it belongs to: an included file with the postgresql.conf that includes it (found by looking
// upwards), and a directory's pg_hba.conf / pg_ident.conf / postgresql.conf together, so that
// what one file means for another (ssl for hostssl, ident maps) is current.
import fs = require("node:fs");
import path = require("node:path");
import { readConfTree } from "../engine/cluster";
import { lint } from "../engine/linter";
import type { LintTarget } from "../engine/linter";
import type { RuleRegistry } from "../engine/registry";
import type { LintMessage } from "../engine/types";
import type { FileKind } from "../kinds";
import { SourceText } from "../source";
import { diskReader } from "../views/file-settings";
import type { ConfFileReader } from "../views/file-settings";
import { DEFAULT_PG_VERSION } from "../views/types";
import type { PgVersion } from "../views/types";
import type { ConfigCache, ResolvedConfig } from "./config-cache";

/** An open editor buffer. */
export interface OpenDocument {
  uri: string;
  /** The absolute path the linter uses (see uriToPath). */
  path: string;
  kind: FileKind;
  version: number;
  getText(): string;
}

/** What one lint says about one open document, for the text of one version. */
export interface DocumentLint {
  uri: string;
  version: number;
  path: string;
  kind: FileKind;
  /** The text that was linted; message offsets refer to it. */
  source: SourceText;
  messages: LintMessage[];
  pgVersion: PgVersion;
  registry: RuleRegistry | null;
  /** Why the document was not linted (bad configuration, too large, an internal error). */
  problem: string | null;
}

export interface LintServiceOptions {
  documents(): Iterable<OpenDocument>;
  configs: ConfigCache;
  /** Documents larger than this (UTF-16 code units) are not linted. */
  maxDocumentLength: number;
  log(message: string): void;
}

/** How far above an included file its postgresql.conf is looked for. */
const MAIN_SEARCH_LEVELS = 3;
const STOCK_CONF = "postgresql.conf";

export class LintService {
  /** Included conf file -> the postgresql.conf whose tree holds it (null: none found). */
  private readonly mainOf = new Map<string, { main: string | null; generation: number }>();
  private generation = 0;
  private readonly encoded = new WeakMap<object, { version: number; text: string; bytes: Uint8Array }>();

  constructor(private readonly options: LintServiceOptions) {}

  /** Files changed on disk or a main file changed: forget where included files belong. */
  invalidateTrees(): void {
    this.generation++;
  }

  private openByPath(): Map<string, OpenDocument> {
    const byPath = new Map<string, OpenDocument>();
    for (const doc of this.options.documents()) byPath.set(doc.path, doc);
    return byPath;
  }

  private bytesOf(doc: OpenDocument, text: string): Uint8Array {
    const cached = this.encoded.get(doc);
    if (cached && cached.version === doc.version && cached.text === text) return cached.bytes;
    const bytes = Buffer.from(text, "utf8");
    this.encoded.set(doc, { version: doc.version, text, bytes });
    return bytes;
  }

  /**
   * Lints `doc` (with `text` instead of its buffer, for fix passes) and every open document
   * linted with it. Never throws: a failure is the `problem` of the document's result.
   */
  lintDocument(doc: OpenDocument, text: string = doc.getText()): Map<string, DocumentLint> {
    const out = new Map<string, DocumentLint>();
    const problem = (message: string, config: ResolvedConfig | null): Map<string, DocumentLint> => {
      out.set(doc.uri, { uri: doc.uri, version: doc.version, path: doc.path, kind: doc.kind, source: new SourceText(text), messages: [], pgVersion: config?.pgVersion ?? DEFAULT_PG_VERSION, registry: config?.registry ?? null, problem: message });
      return out;
    };
    if (text.length > this.options.maxDocumentLength) {
      return problem(`pgconf-lint: this document is too large to lint as you type (${(text.length / 1048576).toFixed(1)} M characters; the limit is ${(this.options.maxDocumentLength / 1048576).toFixed(1)} M). Run pgconf-lint on the file instead.`, null);
    }
    let config: ResolvedConfig;
    try {
      config = this.options.configs.forFile(doc.path);
    } catch (error) {
      return problem(`pgconf-lint configuration: ${(error as Error).message}`, null);
    }
    if (config.ignored) {
      out.set(doc.uri, { uri: doc.uri, version: doc.version, path: doc.path, kind: doc.kind, source: new SourceText(text), messages: [], pgVersion: config.pgVersion, registry: config.registry, problem: null });
      return out;
    }
    try {
      const open = this.openByPath();
      const overrides = new Map<string, Uint8Array>();
      for (const other of open.values()) {
        if (other.uri === doc.uri) continue;
        const otherText = other.getText();
        if (otherText.length <= this.options.maxDocumentLength) overrides.set(other.path, this.bytesOf(other, otherText));
      }
      overrides.set(doc.path, this.bytesOf(doc, text));
      const reader = overlayReader(overrides);

      let main = doc.kind === "conf" ? this.findMain(doc.path, config.pgVersion, reader) : null;
      for (let attempt = 0; attempt < 2; attempt++) {
        const targets = this.targets(doc, main, config, open, overrides);
        const run = lint(targets, { pgVersion: config.pgVersion, rules: config.rules, overrides, knownRuleIds: config.knownRuleIds });
        if (main !== null) {
          for (const result of run.results) if (result.kind === "conf" && result.filePath !== main) this.mainOf.set(result.filePath, { main, generation: this.generation });
        }
        const own = run.results.find((result) => result.filePath === doc.path);
        if (!own && main !== null && main !== doc.path) {
          // No longer included: lint it on its own.
          this.mainOf.set(doc.path, { main: null, generation: this.generation });
          main = null;
          continue;
        }
        for (const result of run.results) {
          const target = result.filePath === doc.path ? doc : open.get(result.filePath);
          const source = run.sources.get(result.filePath);
          if (!target || !source) continue;
          out.set(target.uri, { uri: target.uri, version: target.version, path: target.path, kind: target.kind, source, messages: result.messages, pgVersion: config.pgVersion, registry: config.registry, problem: null });
        }
        break;
      }
      if (!out.has(doc.uri)) return problem("pgconf-lint: the document was not linted (its kind could not be told from its name)", config);
      return out;
    } catch (error) {
      this.options.log(`pgconf-lint: linting ${doc.path} failed: ${(error as Error).stack ?? String(error)}`);
      return problem(`pgconf-lint failed on this file: ${(error as Error).message}`, config);
    }
  }

  /** The files linted together with `doc`. */
  private targets(doc: OpenDocument, main: string | null, config: ResolvedConfig, open: Map<string, OpenDocument>, overrides: Map<string, Uint8Array>): LintTarget[] {
    const targets = new Map<string, LintTarget>();
    const add = (filePath: string, kind: FileKind): void => {
      if (targets.has(filePath)) return;
      if (filePath !== doc.path) {
        // Only files under the same configuration, and only if they exist.
        if (!overrides.has(filePath) && !isFile(filePath)) return;
        try {
          const other = this.options.configs.forFile(filePath);
          if (other.key !== config.key || other.ignored) return;
        } catch {
          return;
        }
      }
      targets.set(filePath, { path: filePath, kind });
    };
    const dir = path.dirname(main ?? doc.path);
    add(main ?? doc.path, doc.kind);
    if (doc.kind !== "conf") add(doc.path, doc.kind);
    // The directory's cluster: its pg_hba.conf and pg_ident.conf (as `pgconf-lint DIR` lints
    // them), the open ones of any name, and an open postgresql.conf (its findings may depend on them).
    add(path.join(dir, "pg_hba.conf"), "hba");
    add(path.join(dir, "pg_ident.conf"), "ident");
    for (const other of open.values()) {
      if (path.dirname(other.path) !== dir) continue;
      if (other.kind !== "conf") add(other.path, other.kind);
      else if (doc.kind !== "conf" && path.basename(other.path) === STOCK_CONF) add(other.path, "conf");
    }
    return [...targets.values()];
  }

  /** The postgresql.conf whose include tree holds `filePath` (itself for a postgresql.conf). */
  private findMain(filePath: string, pgVersion: PgVersion, reader: ConfFileReader): string {
    if (path.basename(filePath) === STOCK_CONF) return filePath;
    const known = this.mainOf.get(filePath);
    if (known && (known.main !== null || known.generation === this.generation)) return known.main ?? filePath;
    let found: string | null = null;
    let dir = path.dirname(filePath);
    for (let level = 0; level <= MAIN_SEARCH_LEVELS && found === null; level++) {
      const candidate = path.join(dir, STOCK_CONF);
      if (reader.readFile(candidate) instanceof Uint8Array) {
        const auto = path.join(dir, "postgresql.auto.conf");
        const autoConfPath = reader.readFile(auto) instanceof Uint8Array ? auto : undefined;
        try {
          const tree = readConfTree(candidate, { pgVersion, reader, ...(autoConfPath ? { autoConfPath } : {}) });
          if (tree.files.some((file) => file.path === filePath)) found = candidate;
        } catch (error) {
          this.options.log(`pgconf-lint: reading the include tree of ${candidate} failed: ${(error as Error).message}`);
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    this.mainOf.set(filePath, { main: found, generation: this.generation });
    return found ?? filePath;
  }
}

/** The disk, with the open documents' text in place of their files. */
function overlayReader(overrides: Map<string, Uint8Array>): ConfFileReader {
  return {
    readFile: (absPath) => overrides.get(absPath) ?? diskReader.readFile(absPath),
    readDir: (absPath) => diskReader.readDir(absPath),
  };
}

/** Whether a path exists as a regular file (for include targets). */
export function isFile(filePath: string): boolean {
  return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
}
