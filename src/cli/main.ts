/**
 * Entry of dist/cli/gongfang.js (launched by bin/gongfang.js): the main thread, which watches
 * over the program (signals, clean-up: supervisor.ts) run in a worker thread from
 * dist/cli/gongfang-worker.js beside it (workerMain.ts). Kept small, so the command starts fast.
 */
import * as path from 'node:path';
import { supervise } from './supervisor';

// Output piped into `head` and closed early is not an error of ours.
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
supervise(path.join(__dirname, 'gongfang-worker.js'));
