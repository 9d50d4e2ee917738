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
  readonly state: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The supervisor's stderr, which a worker's own does not know to be a terminal. */
  readonly stderr: { readonly isTTY: boolean; readonly columns?: number };
}

export interface StartedWorker {
  readonly worker: Worker;
  readonly argv: readonly string[];
  readonly state: Int32Array;
  /** The supervisor's end of the channel the worker reports on. */
  readonly port: MessagePort;
}

/** Starts the program in a worker thread of `entry`; messages wait on the port until heard. */
export function startWorker(entry: string): StartedWorker {
  const argv = process.argv.slice(2);
  const state = new Int32Array(new SharedArrayBuffer(4));
  const channel = new MessageChannel();
  const setup: WorkerSetup = {
    argv,
    state: state.buffer as SharedArrayBuffer,
    port: channel.port2,
    stderr: {
      isTTY: process.stderr.isTTY === true,
      ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
    },
  };
  const worker = new Worker(entry, { workerData: setup, transferList: [channel.port2] });
  return { worker, argv, state, port: channel.port1 };
}
