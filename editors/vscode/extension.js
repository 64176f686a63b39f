// The VS Code client of `pgconf-lint lsp`: starts the language server over stdio for the
// pgconf / pghba / pgident languages. Everything (diagnostics, quick fixes, "Fix all", format,
// hover, completion, go to definition on includes) comes from the server.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** A client with the current settings. */
function createClient() {
  const settings = vscode.workspace.getConfiguration("pgconf-lint");
  const pgVersion = settings.get("pgVersion");
  /** @type {import("vscode-languageclient/node").ServerOptions} */
  const serverOptions = {
    command: settings.get("path") || "pgconf-lint",
    args: ["lsp"],
    // TransportKind.stdio adds --stdio, which `pgconf-lint lsp` accepts.
    transport: TransportKind.stdio,
    // npm installs pgconf-lint as a .cmd shim on Windows: that needs a shell.
    options: { shell: process.platform === "win32" },
  };
  /** @type {import("vscode-languageclient/node").LanguageClientOptions} */
  const clientOptions = {
    documentSelector: ["pgconf", "pghba", "pgident"].flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    // The server watches .pgconf-lint.json, package.json and *.conf itself (dynamic registration).
    initializationOptions: {
      debounceMs: settings.get("debounceMs"),
      ...(typeof pgVersion === "number" ? { pgVersion } : {}),
    },
  };
  return new LanguageClient("pgconf-lint", "pgconf-lint", serverOptions, clientOptions);
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("pgconf-lint")) return;
      // The executable or the initialization options changed: a new server.
      if (client) await client.stop();
      client = createClient();
      await client.start();
    }),
  );
  client = createClient();
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
