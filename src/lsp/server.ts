// `pgconf-lint lsp`: the language server (vscode-languageserver over stdio). Diagnostics as you
// type (debounced; initializationOptions.debounceMs), code actions for fixes, suggestions and
// disable directives, formatting (= the safe fixes), hover and completion (postgresql.conf: from
// the parameter catalog; pg_hba.conf and pg_ident.conf: from their model), go to definition on
// includes. Nothing here runs until startServer is called.
import path = require("node:path");
import { CodeActionKind, CompletionItemKind, DidChangeWatchedFilesNotification, ErrorCodes, MarkupKind, ProposedFeatures, ResponseError, TextDocumentSyncKind, TextDocuments, createConnection } from "vscode-languageserver/node";
import type { CompletionItem, Connection, Diagnostic, InitializeParams, InitializeResult, Location, Position, Range } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { SUPPORTED_PG_VERSIONS } from "../views/types";
import type { PgVersion } from "../views/types";
import { codeActions, fixAllEdit, fixAllText, formattingEdits, FIX_ALL_KIND, isFixAllData } from "./actions";
import { hbaCompletions, identCompletions } from "./auth-completion";
import { hbaHover, identHover } from "./auth-hover";
import type { AuthHoverContext } from "./auth-hover";
import { openDocumentsReader } from "./auth-neighbours";
import { confCompletions } from "./completion";
import { ConfigCache } from "./config-cache";
import { definitionAt } from "./definition";
import { offsetsToRange, toDiagnostics } from "./diagnostics";
import { FramingFilter } from "./framing";
import { confHover } from "./hover";
import { LintService } from "./linting";
import type { DocumentLint, OpenDocument } from "./linting";
import { documentKind, pathToUri, uriToPath } from "./paths";

/** What an editor can pass in initializationOptions. */
export interface ServerSettings {
  /** Delay between the last change and the lint (default 150 ms; 0 lints on every change at once). */
  debounceMs: number;
  /** Target version when the configuration file names none (default: the newest). */
  pgVersion: PgVersion | undefined;
  /** Documents larger than this many characters are not linted as you type (default 1 Mi: the
   *  parser reads about a megabyte a second, and a postgresql.conf is rarely over 50 kB). */
  maxDocumentLength: number;
}

const DEFAULTS: ServerSettings = { debounceMs: 150, pgVersion: undefined, maxDocumentLength: 1024 * 1024 };

function readSettings(options: unknown): ServerSettings {
  const given = (typeof options === "object" && options !== null ? options : {}) as Record<string, unknown>;
  const number = (value: unknown, fallback: number): number => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback);
  const pgVersion = (SUPPORTED_PG_VERSIONS as readonly unknown[]).includes(given.pgVersion) ? (given.pgVersion as PgVersion) : undefined;
  return { debounceMs: number(given.debounceMs, DEFAULTS.debounceMs), pgVersion, maxDocumentLength: number(given.maxDocumentLength, DEFAULTS.maxDocumentLength) };
}

function isPosition(value: unknown): value is Position {
  const position = value as Partial<Position> | null | undefined;
  return typeof position?.line === "number" && typeof position.character === "number";
}

/** Requests with params that are not what the method takes get InvalidParams, not an exception. */
function checkParams(params: unknown, needs: { position?: boolean; range?: boolean }): void {
  const given = params as { textDocument?: { uri?: unknown }; position?: unknown; range?: Partial<Range> | null; context?: unknown } | null | undefined;
  const ok =
    typeof given?.textDocument?.uri === "string" &&
    (!needs.position || isPosition(given.position)) &&
    (!needs.range || (isPosition(given.range?.start) && isPosition(given.range?.end) && typeof given.context === "object" && given.context !== null));
  if (!ok) throw new ResponseError(ErrorCodes.InvalidParams, "invalid params");
}

export interface ServerStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Starts the server on the given streams (default: stdin/stdout); it runs until the client exits. */
export function startServer(streams: ServerStreams = { input: process.stdin, output: process.stdout }): Connection {
  const framed = streams.input.pipe(new FramingFilter((problem) => connection.console.error(problem)));
  const connection: Connection = createConnection(ProposedFeatures.all, framed, streams.output);
  // stdout is the protocol: anything a plugin logs goes to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(" "));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(" "));
  console.debug = console.log;

  const documents = new TextDocuments(TextDocument);
  let settings = DEFAULTS;
  let root = process.cwd();
  let versionedEdits = false;
  let resolveEdits = false;
  let configs = new ConfigCache();
  let watchFiles = false;
  const meta = new WeakMap<TextDocument, OpenDocument>();
  const openDocument = (document: TextDocument): OpenDocument => {
    let known = meta.get(document);
    if (!known) {
      const filePath = uriToPath(document.uri, document.languageId, root);
      known = { uri: document.uri, path: filePath, kind: documentKind(filePath, document.languageId), version: document.version, getText: () => document.getText() };
      meta.set(document, known);
    }
    known.version = document.version;
    return known;
  };
  const service = (): LintService => lintService;
  let lintService = new LintService({ documents: () => documents.all().map(openDocument), configs, maxDocumentLength: settings.maxDocumentLength, log: (message) => connection.console.error(message) });
  const lints = new Map<string, DocumentLint>();
  const timers = new Map<string, NodeJS.Timeout>();

  const publish = (lint: DocumentLint): void => {
    const document = documents.get(lint.uri);
    if (!document || document.version !== lint.version) return;
    lints.set(lint.uri, lint);
    const diagnostics: Diagnostic[] = toDiagnostics(lint, document, (ruleId) => lint.registry?.get(ruleId)?.docsUrl || undefined);
    void connection.sendDiagnostics({ uri: lint.uri, version: lint.version, diagnostics });
  };

  /** Lints a document now and publishes for it and every open document linted with it. */
  const lintNow = (uri: string): DocumentLint | undefined => {
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document) return undefined;
    const results = service().lintDocument(openDocument(document));
    for (const lint of results.values()) publish(lint);
    return results.get(uri);
  };

  const schedule = (uri: string): void => {
    if (settings.debounceMs === 0) {
      lintNow(uri);
      return;
    }
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(
      uri,
      setTimeout(() => lintNow(uri), settings.debounceMs),
    );
  };

  const relintAll = (): void => {
    for (const document of documents.all()) schedule(document.uri);
  };

  /** The lint of the document's current version (linting now if the last one is older). */
  const currentLint = (uri: string): { document: TextDocument; lint: DocumentLint } | undefined => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const cached = lints.get(uri);
    const lint = cached && cached.version === document.version ? cached : lintNow(uri);
    return lint ? { document, lint } : undefined;
  };

  const fixedText = (document: TextDocument, lint: DocumentLint): string => {
    const doc = openDocument(document);
    return fixAllText(document.getText(), lint, (text) => service().lintDocument(doc, text).get(document.uri) ?? { ...lint, problem: "not linted" });
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    if (folder?.startsWith("file:")) root = uriToPath(folder, undefined, root);
    else if (params.rootPath) root = path.resolve(params.rootPath);
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes("edit") === true;
    configs = new ConfigCache(settings.pgVersion);
    lintService = new LintService({ documents: () => documents.all().map(openDocument), configs, maxDocumentLength: settings.maxDocumentLength, log: (message) => connection.console.error(message) });
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        documentFormattingProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["=", "'"] },
        definitionProvider: true,
      },
      serverInfo: { name: "pgconf-lint" },
    };
  });

  connection.onInitialized(() => {
    if (!watchFiles) return;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/.pgconf-lint.json" }, { globPattern: "**/package.json" }, { globPattern: "**/*.conf" }],
      })
      .catch((error: unknown) => connection.console.warn(`pgconf-lint: could not watch configuration files: ${String(error)}`));
  });

  // Configuration or included files changed on disk: re-read, re-lint.
  connection.onDidChangeWatchedFiles(() => {
    configs.clear();
    service().invalidateTrees();
    relintAll();
  });

  // (TextDocuments fires onDidChangeContent after onDidOpen too: the lint is scheduled there.)
  documents.onDidOpen(() => service().invalidateTrees());
  documents.onDidChangeContent((event) => {
    const doc = openDocument(event.document);
    if (doc.kind === "conf" && path.basename(doc.path) === "postgresql.conf") service().invalidateTrees();
    schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const timer = timers.get(event.document.uri);
    if (timer) clearTimeout(timer);
    timers.delete(event.document.uri);
    lints.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // The file on disk replaces the buffer for the documents linted with it.
    service().invalidateTrees();
    relintAll();
  });

  connection.onCodeAction((params) => {
    checkParams(params, { range: true });
    const current = currentLint(params.textDocument.uri);
    if (!current) return [];
    const { document, lint } = current;
    return codeActions({
      document,
      lint,
      range: params.range,
      diagnostics: params.context.diagnostics,
      only: params.context.only,
      versionedEdits,
      fixAll: () => fixedText(document, lint),
      resolveEdits,
      isAlwaysOn: (ruleId) => lint.registry?.get(ruleId)?.rule.meta.alwaysOn === true,
    });
  });

  // "Fix all" without its edit (the client resolves lazily): the edit for the current text.
  connection.onCodeActionResolve((action) => {
    if (!isFixAllData(action.data) || action.edit) return action;
    const current = currentLint(action.data.uri);
    if (!current || current.lint.problem !== null || current.document.version !== action.data.version) return action;
    return { ...action, edit: fixAllEdit(current.document, fixedText(current.document, current.lint), versionedEdits) };
  });

  connection.onDocumentFormatting((params) => {
    checkParams(params, {});
    const current = currentLint(params.textDocument.uri);
    if (!current || current.lint.problem !== null) return [];
    return formattingEdits(current.document, fixedText(current.document, current.lint));
  });

  connection.onHover((params) => {
    checkParams(params, { position: true });
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const doc = openDocument(document);
    const text = document.getText();
    if (text.length > settings.maxDocumentLength) return null;
    const offset = document.offsetAt(params.position);
    const hover = doc.kind === "conf" ? confHover(text, offset, pgVersionFor(doc), doc.path) : doc.kind === "hba" ? hbaHover(text, offset, authContext(doc)) : identHover(text, offset, authContext(doc));
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: offsetsToRange(document, hover.start, hover.end) };
  });

  connection.onCompletion((params) => {
    checkParams(params, { position: true });
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const doc = openDocument(document);
    const text = document.getText();
    const offset = document.offsetAt(params.position);
    // postgresql.conf completion reads the current line only: any size will do. pg_hba.conf and
    // pg_ident.conf are parsed whole.
    if (doc.kind !== "conf" && text.length > settings.maxDocumentLength) return [];
    const found = doc.kind === "conf" ? confCompletions(text, offset, pgVersionFor(doc)) : doc.kind === "hba" ? hbaCompletions(text, offset, authContext(doc)) : identCompletions(text, offset, authContext(doc));
    return found.map(
      (entry): CompletionItem => ({
        label: entry.label,
        kind: entry.kind === "parameter" ? CompletionItemKind.Property : entry.kind === "keyword" ? CompletionItemKind.Keyword : CompletionItemKind.EnumMember,
        detail: entry.detail,
        ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
        ...(entry.sortText ? { sortText: entry.sortText } : {}),
        textEdit: { range: offsetsToRange(document, entry.start, entry.end), newText: entry.newText },
      }),
    );
  });

  connection.onDefinition((params) => {
    checkParams(params, { position: true });
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const doc = openDocument(document);
    const text = document.getText();
    if (text.length > settings.maxDocumentLength) return null;
    const target = definitionAt(text, document.offsetAt(params.position), doc.path, doc.kind, pgVersionFor(doc));
    if (!target || target.files.length === 0) return null;
    const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return target.files.map((file): Location => ({ uri: pathToUri(file), range: origin }));
  });

  /** What pg_hba.conf / pg_ident.conf hover and completion read: the version, and the
   *  directory's other files (open documents over the disk). */
  const authContext = (doc: OpenDocument): AuthHoverContext => ({ version: pgVersionFor(doc), filePath: doc.path, reader: openDocumentsReader(documents.all().map(openDocument)) });

  /** The target version of a document: its configuration's, else the default. */
  const pgVersionFor = (doc: OpenDocument): PgVersion => {
    const cached = lints.get(doc.uri);
    if (cached) return cached.pgVersion;
    try {
      return configs.forFile(doc.path).pgVersion;
    } catch {
      return settings.pgVersion ?? SUPPORTED_PG_VERSIONS[SUPPORTED_PG_VERSIONS.length - 1]!;
    }
  };

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** The `lsp` command: serve on stdio until the client says exit (or closes the pipe). */
export function runLanguageServer(): Promise<void> {
  // An exception in a handler is answered as a JSON-RPC error; anything else must not kill the
  // server and lose the editor's state: report it on stderr (the client's output channel).
  process.on("uncaughtException", (error) => process.stderr.write(`pgconf-lint lsp: ${error.stack ?? String(error)}\n`));
  startServer();
  return new Promise<void>(() => {
    // Resolved never: the connection exits the process on `exit` or when stdin closes.
  });
}
