/**
 * The worker thread the command's work runs in (src/cli/supervisor.ts): it tells the
 * supervisor of every temporary copy and lock it holds, and asks it, through the shared state,
 * before replacing a workbook (the commit gate), so that Ctrl-C can stop it at any other moment.
 */
import { Writable } from 'node:stream';
import { workerData } from 'node:worker_threads';
import { setCommitGate } from '../xlsx/commitGate';
import { observeHeldFiles } from '../xlsx/heldFiles';
import { runCli } from './program';
import { receiveEarlyRead } from './receiveEarlyRead';
import { COMMITTING, WORKING } from './startWorker';
import type { WorkerSetup } from './startWorker';
import type { ToSupervisor } from './supervisor';

export function workInThread(): void {
  const setup = workerData as WorkerSetup;
  const state = new Int32Array(setup.state);
  const tell = (message: ToSupervisor) => setup.port.postMessage(message);
  observeHeldFiles(tell);
  setCommitGate({
    enter: () => Atomics.compareExchange(state, 0, WORKING, COMMITTING) === WORKING,
    leave: (file) => {
      Atomics.store(state, 0, WORKING);
      tell({ kind: 'committed', file });
    },
  });
  const stopEarlyRead = setup.earlyRead ? receiveEarlyRead(setup.earlyRead) : () => undefined;
  // Output goes to the supervisor on the same port as the progress, in order: it draws the bar
  // and steps it out of the way of each line (progress.ts).
  const stdout = toSupervisor((text) => tell({ kind: 'out', stream: 'stdout', text }));
  const stderr = Object.assign(
    toSupervisor((text) => tell({ kind: 'out', stream: 'stderr', text })),
    setup.stderr,
  );
  void runCli(setup.argv, {
    stdout,
    stderr,
    env: process.env,
    cwd: setup.cwd,
    now: () => new Date(),
    ...(setup.stderr.isTTY ? { progress: tell } : {}),
  }).then((exitCode) => {
    stopEarlyRead();
    tell({ kind: 'done', exitCode });
    setup.port.close();
  });
}

/** A stream whose text is handed to `send` as it is written. */
function toSupervisor(send: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      send(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
    decodeStrings: false,
  });
}
