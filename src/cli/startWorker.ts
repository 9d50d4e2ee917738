/**
 * The first thing the command does: start the worker thread the program runs in. Kept apart
 * from the supervisor (its messages, its clean-up) so that the worker starts before those load:
 * main.ts loads them while the worker is starting on another core.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/** The worker's state, shared: working, inside the commit gate, or interrupted. */
export const WORKING = 0;
export const COMMITTING = 1;
export const INTERRUPTED = 2;

export interface WorkerSetup {
  readonly argv: readonly string[];
  /** The working folder; '' when it no longer exists (the program then says so). */
  readonly cwd: string;
  readonly state: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The supervisor's stderr, which a worker's own does not know to be a terminal. */
  readonly stderr: { readonly isTTY: boolean; readonly columns?: number };
  /** Where the main thread hands over the workbook it read early (earlyRead.ts), if it does. */
  readonly earlyRead?: MessagePort;
}

export interface StartedWorker {
  readonly worker: Worker;
  readonly argv: readonly string[];
  readonly state: Int32Array;
  /** The supervisor's end of the channel the worker reports on. */
  readonly port: MessagePort;
  /** The main thread's end of the early read's channel, when asked for. */
  readonly earlyRead?: MessagePort;
}

/**
 * Starts the program in a worker thread of `entry`, in `cwd` ('' when the working folder is
 * gone); messages wait on the port until heard. `earlyRead`: a channel is opened for the
 * workbook the main thread will read meanwhile.
 */
export function startWorker(
  entry: string,
  argv: readonly string[],
  cwd: string,
  earlyRead = false,
): StartedWorker {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const channel = new MessageChannel();
  const early = earlyRead ? new MessageChannel() : null;
  // Node asks for the working folder as a worker starts: one that no longer exists would stop
  // it with ENOENT. It starts from the root instead, told the folder is gone.
  if (cwd === '') process.chdir('/');
  const setup: WorkerSetup = {
    argv,
    cwd,
    state: state.buffer as SharedArrayBuffer,
    port: channel.port2,
    stderr: {
      isTTY: process.stderr.isTTY === true,
      ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
    },
    ...(early ? { earlyRead: early.port2 } : {}),
  };
  const transferList = early ? [channel.port2, early.port2] : [channel.port2];
  const worker = new Worker(entry, { workerData: setup, transferList });
  return { worker, argv, state, port: channel.port1, ...(early ? { earlyRead: early.port1 } : {}) };
}
