// Latency of the language server's diagnostics: spawns the built server (`npm run build`
// first), opens the stock postgresql.conf sample as an unsaved postgresql.conf, sends 50
// edits (debounce off: initializationOptions.debounceMs = 0) one after the other, and times
// each from `didChange` to the `publishDiagnostics` of that version. Prints JSON:
//   { file, lines, diagnostics, changes, warmup, medianMs, p95Ms, minMs, maxMs, meanMs,
//     serverCpuMsPerChange, cpus, loadAverage }
// serverCpuMsPerChange is the server's CPU time (user + system, from /proc; null elsewhere) per
// change: with the machine's CPU count and 1-minute load average it tells the work done from the
// waiting for a CPU on a busy machine.
// Usage: node scripts/bench-lsp.mjs [--changes N] [--warmup N] [--file PATH]
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification } = require("vscode-languageserver/node");

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] !== undefined ? argv[index + 1] : fallback;
};
const changes = Number(option("changes", "50"));
const warmup = Number(option("warmup", "10"));
const sample = [path.join(repo, "oracle/node_modules/pg18/native/share/postgresql/postgresql.conf.sample"), path.join(repo, "examples/cluster/postgresql.conf")].find((file) => fs.existsSync(file));
const file = option("file", sample);
const bin = path.join(repo, "bin/pgconf-lint.js");
if (!fs.existsSync(path.join(repo, "dist/cli.js"))) {
  console.error("bench-lsp: dist/cli.js is missing: run `npm run build` first");
  process.exit(2);
}

// The document lives in an empty temp directory: no configuration file (the recommended preset).
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "pgconf-lint-bench-lsp-")));
const uri = pathToFileURL(path.join(dir, "postgresql.conf")).href;
const text = fs.readFileSync(file, "utf8");
const lines = text.split("\n");
// The edited line: work_mem's (commented out in the sample), else a line appended at the end.
let editLine = lines.findIndex((line) => /^#?work_mem\b/.test(line));
if (editLine < 0) editLine = lines.length - 1;
const originalLine = lines[editLine];

const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
  const resolve = waiting.get(params.version);
  if (params.uri === uri && resolve) {
    waiting.delete(params.version);
    resolve(params);
  }
});
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await connection.sendNotification(InitializedNotification.type, {});
let version = 1;
const opened = published(version);
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "pgconf", version, text } });
const first = await opened;

/** The server's CPU time so far in ms (Linux), or null. */
function serverCpuMs() {
  try {
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), in clock ticks (100 Hz).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const timings = [];
let cpuStart = null;
for (let i = 0; i < warmup + changes; i++) {
  if (i === warmup) cpuStart = serverCpuMs();
  version++;
  const newLine = i % 2 === 0 ? `work_mem = ${(i % 64) + 1}MB` : originalLine;
  const current = i % 2 === 0 ? originalLine : `work_mem = ${((i - 1) % 64) + 1}MB`;
  const done = published(version);
  const start = process.hrtime.bigint();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: current.length } }, text: newLine }],
  });
  await done;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (i >= warmup) timings.push(ms);
}

const cpuEnd = serverCpuMs();
await connection.sendRequest(ShutdownRequest.type);
await connection.sendNotification(ExitNotification.type);
connection.dispose();
fs.rmSync(dir, { recursive: true, force: true });

const sorted = [...timings].sort((a, b) => a - b);
const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (ms) => Math.round(ms * 100) / 100;
console.log(
  JSON.stringify({
    file: path.relative(repo, file),
    lines: lines.length,
    diagnostics: first.diagnostics.length,
    changes,
    warmup,
    medianMs: round(sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2),
    p95Ms: round(quantile(0.95)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
    meanMs: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
    serverCpuMsPerChange: cpuStart !== null && cpuEnd !== null ? round((cpuEnd - cpuStart) / changes) : null,
    cpus: os.cpus().length,
    loadAverage: round(os.loadavg()[0]),
  }),
);
