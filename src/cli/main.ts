/**
 * Entry of dist/cli/gongfang.js (launched by bin/gongfang.js): the main thread. It starts the
 * worker thread the program runs in at once (dist/cli/gongfang-loader.js beside it, which runs
 * gongfang-worker.js: loaderMain.ts, workerMain.ts), then loads the rest of its own work from
 * gongfang-main.js (mainAfterStart.ts: the early read of the workbook, the supervisor) while
 * the worker starts. Kept small, so the worker starts before that is even parsed (5 ms).
 */
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { currentFolder, earlyReadTarget } from './earlyReadTarget';
import { startWorker } from './startWorker';

const argv = process.argv.slice(2);
const cwd = currentFolder();
const workbook = cwd === '' ? null : earlyReadTarget(argv, cwd);
const started = startWorker(
  path.join(__dirname, 'gongfang-loader.js'),
  argv,
  cwd,
  workbook !== null,
);
const rest = createRequire(__filename)(path.join(__dirname, 'gongfang-main.js')) as {
  afterStart: typeof import('./mainAfterStart').afterStart;
};
rest.afterStart(started, workbook);
