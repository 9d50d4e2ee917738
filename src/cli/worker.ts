/**
 * The worker thread the command's work runs in (src/cli/supervisor.ts): it tells the
 * supervisor of every temporary copy and lock it holds, and asks it, through the shared state,
 * before replacing a workbook (the commit gate), so that Ctrl-C can stop it at any other moment.
 */
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
  const stderr = Object.assign(process.stderr, setup.stderr);
  void runCli(setup.argv, {
    stdout: process.stdout,
    stderr,
    env: process.env,
    cwd: setup.cwd,
    now: () => new Date(),
  }).then((exitCode) => {
    stopEarlyRead();
    tell({ kind: 'done', exitCode });
    setup.port.close();
  });
}
