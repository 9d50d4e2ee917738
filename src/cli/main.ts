/**
 * Entry of dist/cli/gongfang.js (launched by bin/gongfang.js), in both threads. In the main
 * thread it starts a worker thread of this same file at once, then loads the supervisor (its
 * messages, its clean-up: supervisor.ts) while the worker starts; in the worker it runs the
 * program, dist/cli/gongfang-worker.js beside it (workerMain.ts), with V8's code cache
 * (codeCache.ts). Kept small, so the command starts fast.
 */
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { runWithCodeCache } from './codeCache';
import { startWorker } from './startWorker';
import type { WorkerSetup } from './startWorker';

if (isMainThread) {
  const started = startWorker(__filename);
  // Output piped into `head` and closed early is not an error of ours.
  for (const output of [process.stdout, process.stderr]) {
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  void import('./supervisor').then(({ supervise }) => supervise(started));
} else {
  const command = (workerData as WorkerSetup).argv[0] ?? '';
  runWithCodeCache(path.join(__dirname, 'gongfang-worker.js'), command);
}
