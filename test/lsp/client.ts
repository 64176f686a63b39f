// An editor, for the tests: spawns the built `pgconf-lint lsp` and talks to it through
// vscode-languageserver's own protocol connection (vscode-jsonrpc over the child's stdio).
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from "vscode-languageserver/node";
import type { Diagnostic, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/pgconf-lint.js");
export const PLUGIN_PATH = path.join(REPO, "fixtures/plugins/node_modules/pgconf-lint-plugin-example");
/** Only syntax-error and the fixture plugin's rule: independent of the built-in rule set. */
export const PLUGIN_CONFIG = JSON.stringify({ extends: [], plugins: [PLUGIN_PATH], rules: { "example/no-work-mem-over-1gb": "error" } });

let built = false;
/** Builds dist/cli.js once per test file (a lone `jest test/lsp` must not run a stale bundle). */
export function buildOnce(): void {
  if (built) return;
  const build = spawnSync(process.execPath, [path.join(REPO, "scripts/build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  built = true;
}

export function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-lsp-")));
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Applies LSP text edits to a text (edits of one request do not overlap). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "pgconf", 0, text), edits);
}

/** The edits of a workspace edit for one document (changes or documentChanges). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) => ("textDocument" in change && change.textDocument.uri === uri ? change.edits.filter((e): e is TextEdit => "range" in e) : []));
  return [...fromChanges, ...fromDocumentChanges];
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: { uri: string; predicate: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString("utf8")));
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, [...(this.diagnostics.get(params.uri) ?? []), params]);
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.predicate(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  /** Starts the server and initializes it. */
  static async start(options: { root: string; initializationOptions?: Record<string, unknown>; watch?: boolean; resolve?: boolean }): Promise<{ client: TestClient; result: InitializeResult }> {
    const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: options.root, stdio: ["pipe", "pipe", "pipe"] });
    const client = new TestClient(child);
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: "root" }],
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: options.watch === true } },
        ...(options.resolve ? { textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ["edit"] } } } } : {}),
      },
      initializationOptions: { debounceMs: 0, ...options.initializationOptions },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  /** The next diagnostics published for `uri` that satisfy `predicate`. */
  nextDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.diagnostics.get(uri) ?? [])}; stderr: ${this.stderr.join("")}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  /** Diagnostics for the given version of a document. */
  diagnosticsFor(uri: string, version: number = this.versions.get(uri) ?? 0): Promise<Diagnostic[]> {
    return this.nextDiagnostics(uri, (params) => params.version === version).then((params) => params.diagnostics);
  }

  async open(filePath: string, text: string = fs.readFileSync(filePath, "utf8"), languageId = "pgconf"): Promise<string> {
    const uri = uriOf(filePath);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full-document change). */
  async change(uri: string, text: string): Promise<number> {
    const { version, params } = this.changeParams(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, params);
    return version;
  }

  /** The params of a full-document change (the next version), for sending by hand. */
  changeParams(uri: string, text: string): { version: number; params: { textDocument: { uri: string; version: number }; contentChanges: { text: string }[] } } {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    return { version, params: { textDocument: { uri, version }, contentChanges: [{ text }] } };
  }

  /** Writes bytes to the server's stdin as they are. */
  writeRaw(bytes: string): Promise<void> {
    return new Promise((resolve, reject) => this.child.stdin.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Applies edits as an editor does: an incremental change per edit, last first. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    this.texts.set(uri, applyTextEdits(this.texts.get(uri) ?? "", edits));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: sorted.map((edit) => ({ range: edit.range, text: edit.newText })) });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        this.child.kill();
      }
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}
