// The language server as an editor drives it: the built `pgconf-lint lsp` over stdio.
import * as path from "node:path";
import * as fs from "node:fs";
import { CodeActionRequest, CodeActionResolveRequest, CompletionRequest, DefinitionRequest, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, DocumentFormattingRequest, FileChangeType, HoverRequest } from "vscode-languageserver/node";
import type { CodeAction, Diagnostic } from "vscode-languageserver/node";
import { applyTextEdits, buildOnce, editsFor, PLUGIN_CONFIG, TestClient, tree, uriOf } from "./client";

const RULE = "example/no-work-mem-over-1gb";
let clients: TestClient[] = [];

beforeAll(() => buildOnce(), 120_000);
afterEach(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  clients = [];
});

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)}`);
}

async function actionsAt(client: TestClient, uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}) } });
  return (result ?? []).filter((action): action is CodeAction => "title" in action && !("command" in action && typeof action.command === "string"));
}

describe("diagnostics", () => {
  test("initialize advertises the features; open → diagnostics; a fix applied → they clear", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const { client, result } = await TestClient.start({ root: dir });
    clients.push(client);
    expect(result.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, documentFormattingProvider: true, codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.pgconf-lint"] } });

    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4GB   # big\nshared_buffers = 128MB\n");
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(summary(diagnostics)).toEqual([`0:11-0:14 1 ${RULE}`]);
    expect(diagnostics[0]).toMatchObject({ source: "pgconf-lint", message: "work_mem = 4GB is over 1GB: every sort and hash may use that much. Set it to 1GB or less.", codeDescription: { href: "https://www.postgresql.org/docs/current/runtime-config-resource.html#GUC-WORK-MEM" } });

    const actions = await actionsAt(client, uri, diagnostics[0]!);
    expect(actions.map((action) => `${action.kind}: ${action.title}`)).toEqual([`quickfix: Fix this ${RULE} problem`, `quickfix: Disable ${RULE} for this line`, "quickfix: Fix all pgconf-lint problems"]);
    const version = await client.applyEdits(uri, editsFor(actions[0]!.edit, uri));
    expect(client.texts.get(uri)).toBe("work_mem = '1GB'   # big\nshared_buffers = 128MB\n");
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);
  });
});

async function start(root: string, options: { initializationOptions?: Record<string, unknown>; watch?: boolean; resolve?: boolean } = {}): Promise<TestClient> {
  const { client } = await TestClient.start({ root, ...options });
  clients.push(client);
  return client;
}

describe("code actions and formatting", () => {
  test("disable for this line: a trailing directive, or one on the line above when the line has a comment", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir);
    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4GB\n  work_mem = 2GB   # mine\n");
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics).toHaveLength(2);
    const first = (await actionsAt(client, uri, diagnostics[0]!)).find((action) => action.title === `Disable ${RULE} for this line`)!;
    expect(first.diagnostics).toEqual([diagnostics[0]]);
    let version = await client.applyEdits(uri, editsFor(first.edit, uri));
    expect(client.texts.get(uri)).toBe(`work_mem = 4GB  # pgconf-lint-disable-line ${RULE}\n  work_mem = 2GB   # mine\n`);
    const remaining = await client.diagnosticsFor(uri, version);
    expect(summary(remaining)).toEqual([`1:13-1:16 1 ${RULE}`]);
    const second = (await actionsAt(client, uri, remaining[0]!)).find((action) => action.title === `Disable ${RULE} for this line`)!;
    version = await client.applyEdits(uri, editsFor(second.edit, uri));
    expect(client.texts.get(uri)).toBe(`work_mem = 4GB  # pgconf-lint-disable-line ${RULE}\n  # pgconf-lint-disable-next-line ${RULE}\n  work_mem = 2GB   # mine\n`);
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);
  });

  test("syntax errors cannot be disabled; fix all (quick fix and source.fixAll) and formatting apply every fix", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir);
    // (PostgreSQL reads no further than a syntax error: it comes last.)
    const text = "work_mem = 4GB\r\nwork_mem = 8GB # again\r\nbad line here\r\n";
    const uri = await client.open(path.join(dir, "postgresql.conf"), text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(summary(diagnostics)).toEqual([`0:11-0:14 1 ${RULE}`, `1:11-1:14 1 ${RULE}`, "2:9-2:13 1 syntax-error"]);
    expect((await actionsAt(client, uri, diagnostics[2]!)).map((action) => action.title)).toEqual([]);

    const quick = (await actionsAt(client, uri, diagnostics[1]!)).find((action) => action.title === "Fix all pgconf-lint problems")!;
    expect(quick.kind).toBe("quickfix");
    const fixed = "work_mem = '1GB'\r\nwork_mem = '1GB' # again\r\nbad line here\r\n";
    expect(applyTextEdits(text, editsFor(quick.edit, uri))).toBe(fixed);
    const source = await actionsAt(client, uri, { ...diagnostics[0]!, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, ["source.fixAll"]);
    expect(source.map((action) => `${action.kind}: ${action.title}`)).toEqual(["source.fixAll.pgconf-lint: Fix all pgconf-lint problems"]);
    expect(applyTextEdits(text, editsFor(source[0]!.edit, uri))).toBe(fixed);

    const formatting = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    expect(applyTextEdits(text, formatting ?? [])).toBe(fixed);
    const version = await client.applyEdits(uri, formatting ?? []);
    expect(summary(await client.diagnosticsFor(uri, version))).toEqual(["2:9-2:13 1 syntax-error"]);
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })).toEqual([]);
  });

  test("a client that resolves code actions gets \"Fix all\" without its edit, then the edit on resolve", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir, { resolve: true });
    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4GB\nwork_mem = 2GB\n");
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const [fixAll] = await actionsAt(client, uri, diagnostics[0]!, ["source.fixAll.pgconf-lint"]);
    expect(fixAll).toMatchObject({ title: "Fix all pgconf-lint problems", kind: "source.fixAll.pgconf-lint", data: { fixAll: true, uri, version: 1 } });
    expect(fixAll!.edit).toBeUndefined();
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, fixAll!);
    expect(applyTextEdits(client.texts.get(uri)!, editsFor(resolved.edit, uri))).toBe("work_mem = '1GB'\nwork_mem = '1GB'\n");
  });

  test("pg_hba.conf: disable for this line, trailing or on the line above", async () => {
    const plugin = `module.exports = { name: "hba", rules: { "no-trust": {
      meta: { description: "d", category: "security", files: ["hba"], defaultSeverity: "error", presets: [], fixable: false, messages: { m: "trust" }, references: [] },
      check(context) {
        for (const file of context.cluster.hbaFiles) for (const record of file.document.records) if (record.authMethod === "trust") context.report({ messageId: "m", filePath: file.path, span: record.methodToken.span });
      } } } };`;
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: [], plugins: ["./plugin.js"], rules: { "hba/no-trust": "error" } }), "plugin.js": plugin });
    const client = await start(dir);
    const uri = await client.open(path.join(dir, "pg_hba.conf"), "local all all trust\n\thost all all 10.0.0.0/8 trust # lab\n", "pghba");
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(summary(diagnostics)).toEqual(["0:14-0:19 1 hba/no-trust", "1:25-1:30 1 hba/no-trust"]);
    for (const diagnostic of [...diagnostics].reverse()) {
      const action = (await actionsAt(client, uri, diagnostic)).find((candidate) => candidate.title === "Disable hba/no-trust for this line")!;
      await client.applyEdits(uri, editsFor(action.edit, uri));
    }
    expect(client.texts.get(uri)).toBe("local all all trust  # pgconf-lint-disable-line hba/no-trust\n\t# pgconf-lint-disable-next-line hba/no-trust\n\thost all all 10.0.0.0/8 trust # lab\n");
    expect(await client.diagnosticsFor(uri, client.version(uri))).toEqual([]);
  });
});

describe("suggestions, debounce, untitled documents", () => {
  test("each suggestion is a quick fix; edits are debounced; an untitled buffer is linted by its language id", async () => {
    const plugin = `module.exports = { name: "s", rules: { "quote-it": {
      meta: { description: "d", category: "correctness", files: ["conf", "hba"], defaultSeverity: "warn", presets: [], fixable: false, hasSuggestions: true, messages: { m: "unquoted {{name}}", q: "Quote it", d: "Use 1GB" }, references: [] },
      check(context) {
        for (const entry of context.cluster.settings) if (!entry.line.quoted) context.report({ messageId: "m", data: { name: entry.key }, filePath: entry.file.path, span: entry.line.valueSpan,
          suggestions: [{ messageId: "q", edits: [{ range: [entry.line.valueSpan.start, entry.line.valueSpan.end], text: "'" + entry.line.value + "'" }] }, { messageId: "d", edits: [{ range: [entry.line.valueSpan.start, entry.line.valueSpan.end], text: "'1GB'" }] }] });
        for (const file of context.cluster.hbaFiles) for (const record of file.document.records) context.report({ messageId: "m", data: { name: "record" }, filePath: file.path, span: record.line.span });
      } } } };`;
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ extends: [], plugins: ["./plugin.js"], rules: { "s/quote-it": "warn" } }), "plugin.js": plugin });
    const client = await start(dir, { initializationOptions: { debounceMs: 1000 } });
    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4MB\n");
    const [diagnostic] = await client.diagnosticsFor(uri, 1);
    expect(diagnostic).toMatchObject({ severity: 2, code: "s/quote-it", message: "unquoted work_mem" });
    const actions = await actionsAt(client, uri, diagnostic!);
    expect(actions.map((action) => action.title)).toEqual(["Quote it", "Use 1GB", "Disable s/quote-it for this line"]);
    expect(editsFor(actions[1]!.edit, uri)).toEqual([{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 14 } }, newText: "'1GB'" }]);

    // Three quick edits: one lint, of the last.
    const published: number[] = [];
    const last = client.nextDiagnostics(uri, (params) => {
      published.push(params.version ?? -1);
      return params.version === 4;
    });
    await client.change(uri, "work_mem = 4MB\nx = 1\n");
    await client.change(uri, "work_mem = 4MB\nx = 1\ny = 2\n");
    await client.change(uri, "work_mem = '4MB'\n");
    expect((await last).diagnostics).toEqual([]);
    expect(published).toEqual([4]);

    const untitled = "untitled:Untitled-1";
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: untitled, languageId: "pghba", version: 1, text: "local all all peer\n" } });
    const hba = await client.diagnosticsFor(untitled, 1);
    expect(hba.map((d) => d.message)).toEqual(["unquoted record"]);
  });
});

describe("configuration and include trees", () => {
  test("a changed .pgconf-lint.json applies on the next change, and at once with a watched-files notification", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir, { watch: true });
    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4GB\n");
    expect(await client.diagnosticsFor(uri, 1)).toHaveLength(1);
    const config = JSON.parse(PLUGIN_CONFIG) as { rules: Record<string, string> };
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ ...config, rules: { [RULE]: "off" } }));
    const version = await client.change(uri, "work_mem = 4GB\n\n");
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);

    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), JSON.stringify({ ...config, rules: { [RULE]: "warn" } }));
    const republished = client.nextDiagnostics(uri, (params) => params.diagnostics.length === 1);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(dir, ".pgconf-lint.json")), type: FileChangeType.Changed }] });
    expect((await republished).diagnostics[0]).toMatchObject({ severity: 2, code: RULE });

    // A broken configuration is a diagnostic, not a crash.
    fs.writeFileSync(path.join(dir, ".pgconf-lint.json"), "{ nope");
    const broken = await client.diagnosticsFor(uri, await client.change(uri, "work_mem = 4GB\n"));
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/^pgconf-lint configuration: .*\.pgconf-lint\.json: invalid JSON/);
  });

  test("an included file is linted with the postgresql.conf that includes it, unsaved buffers included", async () => {
    // A plugin rule that needs the whole tree: a setting overridden later in reading order.
    const plugin = `module.exports = { name: "tree", rules: { overridden: {
      meta: { description: "d", category: "correctness", files: ["conf"], defaultSeverity: "warn", presets: [], fixable: false, messages: { m: "{{name}} is set again later" }, references: [] },
      check(context) {
        for (const entry of context.cluster.settings) if (context.cluster.effective(entry.key) !== entry) context.report({ messageId: "m", data: { name: entry.key }, filePath: entry.file.path, span: entry.line.nameSpan });
      } } } };`;
    const dir = tree({
      ".pgconf-lint.json": JSON.stringify({ extends: [], plugins: ["./plugin.js"], rules: { "tree/overridden": "warn" } }),
      "plugin.js": plugin,
      "postgresql.conf": "include_dir 'conf.d'\nwork_mem = 64MB\n",
      "conf.d/memory.conf": "work_mem = 32MB\n",
    });
    const client = await start(dir);
    const included = await client.open(path.join(dir, "conf.d/memory.conf"));
    expect(summary(await client.diagnosticsFor(included, 1))).toEqual(["0:0-0:8 2 tree/overridden"]);
    // Editing the main file (unsaved) re-lints the open included file.
    const cleared = client.nextDiagnostics(included, (params) => params.diagnostics.length === 0);
    const main = await client.open(path.join(dir, "postgresql.conf"), "include_dir 'conf.d'\n");
    await cleared;
    expect(await client.diagnosticsFor(main, 1)).toEqual([]);
    const back = client.nextDiagnostics(included, (params) => params.diagnostics.length === 1);
    await client.change(main, "include_dir 'conf.d'\nwork_mem = 1MB\n");
    await back;
  });
});

describe("hover, completion, definition", () => {
  test("over the protocol, with the configuration's target version", async () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ pgVersion: 15, extends: [] }), "conf.d/x.conf": "" });
    const client = await start(dir);
    const uri = await client.open(path.join(dir, "postgresql.conf"), "wal_level = replica\ninclude_dir 'conf.d'\nwal_\n");
    await client.diagnosticsFor(uri, 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    expect(hover).toMatchObject({ contents: { kind: "markdown" }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } } });
    expect(JSON.stringify(hover)).toContain("https://www.postgresql.org/docs/15/runtime-config-wal.html#GUC-WAL-LEVEL");
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 15 } })).toBeNull();

    const names = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 4 } });
    const items = Array.isArray(names) ? names : (names?.items ?? []);
    expect(items.find((item) => item.label === "wal_level")).toMatchObject({ kind: 10, textEdit: { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } }, newText: "wal_level = " } });
    const values = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 } });
    expect((Array.isArray(values) ? values : (values?.items ?? [])).map((item) => item.label)).toEqual(["minimal", "replica", "logical"]);

    const definition = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 1, character: 14 } });
    expect(definition).toEqual([{ uri: uriOf(path.join(dir, "conf.d/x.conf")), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });
});

describe("pg_hba.conf and pg_ident.conf hover and completion", () => {
  test("over the protocol, with the configuration's target version and the other file's unsaved text", async () => {
    const dir = tree({ ".pgconf-lint.json": JSON.stringify({ pgVersion: 17, extends: [] }) });
    const client = await start(dir);
    // Neither file exists on disk: each is read from the other's buffer.
    const hba = await client.open(path.join(dir, "pg_hba.conf"), "local all all peer map=omicron\nhost all all 10.0.0.0/8 oauth\n", "pghba");
    await client.diagnosticsFor(hba, 1);
    const address = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: hba }, position: { line: 1, character: 15 } });
    expect(address).toEqual({
      contents: { kind: "markdown", value: "`10.0.0.0/8` — the IPv4 network 10.0.0.0 – 10.255.255.255 (16,777,216 addresses)." },
      range: { start: { line: 1, character: 13 }, end: { line: 1, character: 23 } },
    });
    const oauth = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: hba }, position: { line: 1, character: 26 } });
    expect(oauth).toMatchObject({ contents: { kind: "markdown", value: "`oauth` — not an authentication method of PostgreSQL 17 (added in PostgreSQL 18)." } });
    const methods = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: hba }, position: { line: 1, character: 26 } });
    const items = Array.isArray(methods) ? methods : (methods?.items ?? []);
    expect(items.map((item) => item.label)).toEqual(["scram-sha-256", "gss", "ldap", "radius", "pam", "ident", "reject", "trust", "md5", "password"]);
    expect(items.find((item) => item.label === "md5")).toMatchObject({ kind: 14, detail: "authentication method · considered insecure", textEdit: { range: { start: { line: 1, character: 24 }, end: { line: 1, character: 29 } }, newText: "md5" } });

    const ident = await client.open(path.join(dir, "pg_ident.conf"), "omicron bob postgres\n", "pgident");
    await client.diagnosticsFor(ident, 1);
    const map = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ident }, position: { line: 0, character: 3 } });
    expect(map).toEqual({
      contents: { kind: "markdown", value: "`omicron` — user name map, on line 1 of this file.\n\nUsed by `map=omicron` on pg_hba.conf line 1.\n\n[PostgreSQL 17 documentation](https://www.postgresql.org/docs/17/auth-username-maps.html)" },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } },
    });
    // The map hover in pg_hba.conf reads the pg_ident.conf buffer.
    const option = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: hba }, position: { line: 0, character: 20 } });
    expect(JSON.stringify(option)).toContain("| Map | defined on pg_ident.conf line 1 |");
    await client.change(hba, "local all all peer map=omicron\nlocal all all peer map=ops\n");
    const names = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: ident }, position: { line: 1, character: 0 } });
    const nameItems = Array.isArray(names) ? names : (names?.items ?? []);
    expect(nameItems.map((item) => [item.label, item.detail])).toEqual([
      ["omicron", "user name map · line 1"],
      ["ops", "used by pg_hba.conf line 2, not defined yet"],
      ["include", "include directive"],
      ["include_if_exists", "include directive"],
      ["include_dir", "include directive"],
    ]);
  });
});

describe("robustness", () => {
  test("malformed messages are answered or skipped; the server keeps serving", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir);
    const uri = await client.open(path.join(dir, "postgresql.conf"), "work_mem = 4GB\n");
    await client.diagnosticsFor(uri, 1);
    const frame = (message: unknown): string => {
      const body = JSON.stringify(message);
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    // Each malformed message arrives with a change in the same write: the change must still be read.
    const malformed = [
      "Content-Length: 17\r\n\r\n{ not json at all",
      "X-No-Length: 1\r\n\r\n",
      "Content-Length: nope\r\n\r\n",
      frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { nothing: true } }),
      frame({ jsonrpc: "2.0", method: "textDocument/didChange", params: { textDocument: { uri: "file:///nowhere.conf", version: 3 }, contentChanges: [{ text: "x" }] } }),
      frame({ hello: "world" }),
      frame({ jsonrpc: "2.0", id: "no-method" }),
    ];
    for (const [index, bytes] of malformed.entries()) {
      const { version, params } = client.changeParams(uri, `work_mem = ${index + 2}GB\n`);
      const published = client.diagnosticsFor(uri, version);
      await client.writeRaw(bytes + frame({ jsonrpc: "2.0", method: "textDocument/didChange", params }));
      expect((await published).map((d) => d.message)).toEqual([`work_mem = ${index + 2}GB is over 1GB: every sort and hash may use that much. Set it to 1GB or less.`]);
    }
    await expect(client.connection.sendRequest("pgconf/unknownMethod", {})).rejects.toMatchObject({ code: -32601 });
    await expect(client.connection.sendRequest(HoverRequest.type, {} as never)).rejects.toMatchObject({ code: -32602 });
    await expect(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: null, context: null } as never)).rejects.toMatchObject({ code: -32602 });
    await expect(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: "file:///not/open.conf" }, position: { line: 0, character: 0 } })).resolves.toBeNull();
    await expect(client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 99, character: -5 } })).resolves.toBeDefined();
    // Still linting.
    expect(await client.diagnosticsFor(uri, await client.change(uri, "work_mem = 8GB\n"))).toHaveLength(1);
    expect(client.child.exitCode).toBeNull();
  }, 60_000);

  test("a 10 MB document is not linted as you type, and does not stop the server", async () => {
    const dir = tree({ ".pgconf-lint.json": PLUGIN_CONFIG });
    const client = await start(dir);
    const line = "work_mem = 4GB   # a comment\n";
    const huge = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const uri = await client.open(path.join(dir, "postgresql.conf"), huge);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/too large to lint as you type \(10\.0 M characters; the limit is 1\.0 M\)/);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 2 } })).toBeNull();
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics } });
    expect(actions).toEqual([]);
    // Back to a normal size: linted again.
    expect(summary(await client.diagnosticsFor(uri, await client.change(uri, line)))).toEqual([`0:11-0:14 1 ${RULE}`]);
  }, 60_000);

  test("exit: the server leaves with 0 after shutdown", async () => {
    const dir = tree({});
    const { client } = await TestClient.start({ root: dir });
    expect(await client.stop()).toBe(0);
  });
});
