// The entry of dist/lint-worker.js, the bundle that the worker threads of src/cli/parallel.ts run.
import { isMainThread, workerData } from "node:worker_threads";
import { isWorkerSetup, runWorker } from "./parallel";

if (!isMainThread && isWorkerSetup(workerData)) runWorker(workerData);
