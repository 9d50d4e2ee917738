/**
 * Entry of dist/cli/gongfang-main.js: what the main thread does once the worker is started
 * (main.ts): read the workbook early for it (earlyRead.ts), then watch over it (supervisor.ts).
 */
import { readEarly } from './earlyRead';
import type { StartedWorker } from './startWorker';
import { supervise } from './supervisor';

export function afterStart(started: StartedWorker, workbook: string | null): void {
  // Output piped into `head` and closed early is not an error of ours, nor a reason to stop:
  // the rest of it is dropped, the work goes on to its end (a workbook being written is
  // written), and the exit code is the command's. Exiting here said 0 and wrote nothing.
  for (const output of [process.stdout, process.stderr]) {
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
  const reading =
    workbook !== null && started.earlyRead ? readEarly(workbook, started.earlyRead) : undefined;
  supervise(started, reading);
}
