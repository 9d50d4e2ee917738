/**
 * Entry of dist/cli/gongfang-main.js: what the main thread does once the worker is started
 * (main.ts): read the workbook early for it (earlyRead.ts), then watch over it (supervisor.ts).
 */
import { readEarly } from './earlyRead';
import type { StartedWorker } from './startWorker';
import { supervise } from './supervisor';

export function afterStart(started: StartedWorker, workbook: string | null): void {
  // Output piped into `head` and closed early is not an error of ours.
  for (const output of [process.stdout, process.stderr]) {
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  const reading =
    workbook !== null && started.earlyRead ? readEarly(workbook, started.earlyRead) : undefined;
  supervise(started, reading);
}
