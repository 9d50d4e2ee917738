/**
 * Entry of dist/cli/gongfang.js (launched by bin/gongfang.js): the main thread. It starts the
 * worker thread the program runs in at once (dist/cli/gongfang-loader.js beside it, which runs
 * gongfang-worker.js: loaderMain.ts, workerMain.ts), then loads the supervisor that watches
 * over it (its messages, its clean-up: supervisor.ts) while the worker starts. Kept small, so
 * the command starts fast.
 */
import * as path from 'node:path';
import { earlyReadTarget } from './earlyReadTarget';
import { startWorker } from './startWorker';

const argv = process.argv.slice(2);
const workbook = earlyReadTarget(argv, process.cwd());
const started = startWorker(path.join(__dirname, 'gongfang-loader.js'), argv, workbook !== null);
// The workbook read while the worker starts (earlyRead.ts), then the supervisor loaded.
const { earlyRead } = started;
if (workbook !== null && earlyRead) {
  void import('./earlyRead').then(({ readEarly }) => readEarly(workbook, earlyRead));
}
// Output piped into `head` and closed early is not an error of ours.
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
void import('./supervisor').then(({ supervise }) => supervise(started));
