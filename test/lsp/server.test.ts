// The language server as an editor drives it: the built `pgconf-lint lsp` over stdio.
import * as path from "node:path";
import { CodeActionRequest } from "vscode-languageserver/node";
import type { CodeAction, Diagnostic } from "vscode-languageserver/node";
import { editsFor, PLUGIN_CONFIG, TestClient, tree, buildOnce } from "./client";

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
