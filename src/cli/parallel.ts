// Linting many clusters on several cores: the clusters (a directory's configuration files) are
// cut into batches that this thread and worker threads take from one queue; the results are
// merged in path order, as one thread would produce them.
//
// The lint command is synchronous, so this thread talks to the workers synchronously: each
// worker answers on its own MessagePort and bumps a shared counter; between its own batches this
// thread reads the answers with receiveMessageOnPort (and refills the workers' queues), and at
// the end it sleeps on the counter (Atomics.wait). The workers run the bundle
// dist/lint-worker.js (src/cli/lint-worker.ts), which starts runWorker below. Threads are used only when PGCONF_LINT_WORKERS asks for them;
// without the bundle (running from the sources) or with fewer than two clusters per thread, the
// caller lints alone.
import fs = require("node:fs");
import path = require("node:path");
import type { MessagePort, Worker } from "node:worker_threads";
import { builtinPlugin } from "../../rules";
import { resolveRules } from "../engine/config";
import type { LintConfig } from "../engine/config";
import { InputFileError, lint } from "../engine/linter";
import type { FileFix, LintOptions, LintRun, LintTarget } from "../engine/linter";
import { ConfigError, loadPlugin, RuleRegistry } from "../engine/registry";
import type { LintResult } from "../engine/types";
import { SourceText } from "../source";
import type { Encoding } from "../source";
import { compareStrings } from "../order";
import { timingEnabled } from "../engine/timing";
import { workerThreads } from "../on-demand";

/** The bundle the workers run (next to dist/cli.js). */
const WORKER_FILE = path.join(__dirname, "lint-worker.js");
const WORKER_TAG = "pgconf-lint-worker";
/** Batches per thread: enough that a slow batch does not leave the other threads idle long. */
const BATCHES_PER_THREAD = 16;
/** Batches sent ahead to each worker. */
const IN_FLIGHT = 2;

/** What a worker needs to rebuild the rules and the options (functions do not cross threads). */
export interface WorkerSetup {
  [WORKER_TAG]: true;
  port: MessagePort;
  signal: Int32Array;
  config: LintConfig;
  configDir: string;
  options: Omit<LintOptions, "rules">;
}

type ToWorker = { type: "batch"; index: number; targets: LintTarget[] } | { type: "stop" };

type FromWorker =
  | { type: "result"; index: number; results: LintResult[]; fixes: FileFix[]; sources: [string, string, Encoding][] }
  | { type: "error"; index: number; name: string; message: string; filePath?: string };

/** PGCONF_LINT_WORKERS: the number of threads that lint (this one included; 0 or 1: this one
 *  alone), whatever the input's size. Unset: one. Since the line scanners made linting cheap,
 *  a second thread (its own bundle load, JIT warm-up and heap, the results copied back) made the
 *  benchmark's trees slower on both cores of the benchmark machine (2,000 files 1.8 s on one
 *  thread, 2.0 s on two; 100 MB 3.4 s and 4.0 s): threads are there for those who measure a gain. */
export function workerCount(): number {
  const configured = process.env.PGCONF_LINT_WORKERS;
  if (configured !== undefined && configured !== "" && Number.isInteger(Number(configured))) return Math.max(0, Number(configured));
  return 1;
}

/** The targets by directory (a cluster each), in the order of their first target. */
function clustersOf(targets: LintTarget[]): LintTarget[][] {
  const byDir = new Map<string, LintTarget[]>();
  for (const target of targets) {
    const dir = path.dirname(target.path);
    let cluster = byDir.get(dir);
    if (!cluster) byDir.set(dir, (cluster = []));
    cluster.push(target);
  }
  return [...byDir.values()];
}

type Outcome = { type: "local"; run: LintRun } | { type: "local-error"; error: unknown } | FromWorker;

/**
 * Lints the targets on several threads when PGCONF_LINT_WORKERS asks for them (and there are
 * enough clusters and the worker bundle is present): this thread and `threads - 1` workers take batches of clusters from one queue.
 * Null when the caller should lint on its own thread. `config` and `configDir` are what
 * `options.rules` was resolved from: each worker resolves them again.
 */
export function lintInParallel(targets: LintTarget[], options: LintOptions, config: LintConfig, configDir: string): LintRun | null {
  const threads = workerCount();
  // Rule timings (TIMING) are taken on this thread: lint everything here.
  if (threads < 2 || timingEnabled) return null;
  const clusters = clustersOf(targets);
  if (clusters.length < 2 * threads || !fs.existsSync(WORKER_FILE)) return null;
  const { rules: _rules, ...transferable } = options;
  void _rules;

  // Contiguous batches, so that merging them in order keeps the single thread's order.
  const batchCount = Math.min(clusters.length, threads * BATCHES_PER_THREAD);
  const batches: LintTarget[][] = [];
  for (let i = 0; i < batchCount; i++) {
    batches.push(clusters.slice(Math.floor((i * clusters.length) / batchCount), Math.floor(((i + 1) * clusters.length) / batchCount)).flat());
  }

  const { MessageChannel, receiveMessageOnPort, Worker } = workerThreads();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pool: { worker: Worker; port: MessagePort; inFlight: number }[] = [];
  try {
    for (let i = 1; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = { [WORKER_TAG]: true, port: port2, signal, config, configDir, options: transferable };
      const worker = new Worker(WORKER_FILE, { workerData: setup, transferList: [port2] });
      worker.unref();
      // Its failures arrive as messages; the event would come too late for this thread anyway.
      worker.on("error", () => undefined);
      pool.push({ worker, port: port1, inFlight: 0 });
    }
  } catch {
    // Options that cannot cross threads, or no threads: lint here.
    for (const { worker } of pool) void worker.terminate();
    return null;
  }

  const outcomes: (Outcome | undefined)[] = new Array(batches.length);
  let next = 0;
  let failed = false;
  const send = (member: (typeof pool)[number]) => {
    if (failed || next >= batches.length) return;
    const message: ToWorker = { type: "batch", index: next, targets: batches[next]! };
    member.port.postMessage(message);
    next++;
    member.inFlight++;
  };
  // A worker has the next batches queued while it lints one: it never waits for this thread.
  for (const member of pool) for (let i = 0; i < IN_FLIGHT; i++) send(member);
  const drain = () => {
    for (const member of pool) {
      for (let received = receiveMessageOnPort(member.port); received; received = receiveMessageOnPort(member.port)) {
        const answer = received.message as FromWorker;
        outcomes[answer.index] = answer;
        member.inFlight--;
        if (answer.type === "error") failed = true;
        send(member);
      }
    }
  };
  for (;;) {
    const seen = Atomics.load(signal, 0);
    drain();
    if (!failed && next < batches.length) {
      // This thread takes the next batch itself.
      const index = next++;
      try {
        outcomes[index] = { type: "local", run: lint(batches[index]!, options) };
      } catch (error) {
        outcomes[index] = { type: "local-error", error };
        failed = true;
      }
      continue;
    }
    if (pool.every((member) => member.inFlight === 0)) break;
    Atomics.wait(signal, 0, seen);
  }
  // Each worker closes its end (and so ours) when it reads this; unreferenced, none holds the
  // process open meanwhile.
  for (const { port } of pool) {
    const stop: ToWorker = { type: "stop" };
    port.postMessage(stop);
  }

  // The first failure in path order is the one a single thread would have met.
  for (const outcome of outcomes) {
    if (outcome?.type === "local-error") throw outcome.error;
    if (outcome?.type === "error") {
      if (outcome.name === "InputFileError") throw new InputFileError(outcome.filePath ?? "", outcome.message);
      if (outcome.name === "ConfigError") throw new ConfigError(outcome.message);
      throw new Error(outcome.message);
    }
  }
  const results: LintResult[] = [];
  const fixes: FileFix[] = [];
  const sources = new Map<string, SourceText>();
  const reported = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome?.type !== "local" && outcome?.type !== "result") continue;
    // A file two clusters read (one includes the other's) is reported once, from the first.
    for (const result of outcome.type === "local" ? outcome.run.results : outcome.results) {
      if (reported.has(result.filePath)) continue;
      reported.add(result.filePath);
      results.push(result);
    }
    if (outcome.type === "local") {
      fixes.push(...outcome.run.fixes);
      for (const [filePath, source] of outcome.run.sources) if (!sources.has(filePath)) sources.set(filePath, source);
    } else {
      fixes.push(...outcome.fixes);
      for (const [filePath, text, encoding] of outcome.sources) if (!sources.has(filePath)) sources.set(filePath, new SourceText(text, encoding));
    }
  }
  results.sort((a, b) => compareStrings(a.filePath, b.filePath));
  return { results, fixes, sources };
}

/** Whether a worker thread's data is the setup lintInParallel sends. */
export function isWorkerSetup(data: unknown): data is WorkerSetup {
  return (data as Partial<WorkerSetup> | null)?.[WORKER_TAG] === true;
}

/** The worker side: lint each batch it is sent, answer with plain data. */
export function runWorker(setup: WorkerSetup): void {
  const { port, signal } = setup;
  const answer = (message: FromWorker) => {
    port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let options: LintOptions | null = null;
  let setupError: Error | null = null;
  try {
    const registry = new RuleRegistry([builtinPlugin, ...(setup.config.plugins ?? []).map((spec) => loadPlugin(spec, setup.configDir))]);
    options = { ...setup.options, rules: resolveRules(registry, setup.config) };
  } catch (error) {
    setupError = error as Error;
  }
  port.on("message", (message: ToWorker) => {
    if (message.type === "stop") {
      port.close();
      return;
    }
    try {
      if (!options) throw setupError ?? new Error("worker setup failed");
      const run = lint(message.targets, options);
      answer({ type: "result", index: message.index, results: run.results, fixes: run.fixes, sources: [...run.sources].map(([filePath, source]) => [filePath, source.text, source.encoding]) });
    } catch (error) {
      const failure = error as Error;
      answer({ type: "error", index: message.index, name: failure instanceof InputFileError ? "InputFileError" : failure instanceof ConfigError ? "ConfigError" : failure.name, message: failure.message, ...(failure instanceof InputFileError ? { filePath: failure.filePath } : {}) });
    }
  });
}

