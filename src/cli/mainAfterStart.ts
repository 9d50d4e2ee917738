/**
 * Entry of dist/cli/gongfang-main.js: what the main thread does once the worker is started
 * (main.ts): read the workbook early for it (earlyRead.ts), then watch over it (supervisor.ts).
 */
import { readEarly } from './earlyRead';
import { keepOnWithoutOutput } from './lostOutput';
import type { StartedWorker } from './startWorker';
import { supervise } from './supervisor';

export function afterStart(started: StartedWorker, workbook: string | null): void {
  keepOnWithoutOutput(started.argv);
  const reading =
    workbook !== null && started.earlyRead ? readEarly(workbook, started.earlyRead) : undefined;
  supervise(started, reading);
}
