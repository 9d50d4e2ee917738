/**
 * Entry of dist/cli/gongfang-loader.js, the worker thread's first file (main.ts starts it): it
 * runs the program, dist/cli/gongfang-worker.js beside it (workerMain.ts), with V8's code
 * cache (codeCache.ts). A file of its own, so the worker parses neither the supervisor nor
 * anything else it does not run.
 */
import * as path from 'node:path';
import { workerData } from 'node:worker_threads';
import { runWithCodeCache } from './codeCache';
import type { WorkerSetup } from './startWorker';

const command = (workerData as WorkerSetup).argv[0] ?? '';
runWithCodeCache(path.join(__dirname, 'gongfang-worker.js'), command);
