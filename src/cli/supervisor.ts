/**
 * Ctrl-C takes effect at once, even in the middle of a long step (reading, computing,
 * writing 100,000 rows): the command's work runs in a worker thread, and this thread — idle,
 * so its signal handlers run when the signal comes — stops the worker on SIGINT, SIGTERM or
 * SIGHUP, removes the temporary copy and the locks the worker held (it is told of each as it
 * is taken), says so, and exits with 128 + the signal's number. Only while a workbook is
 * being replaced (milliseconds, src/xlsx/commitGate.ts) does the signal wait for that to end,
 * so a workbook is always either the old one or the new one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import type { HeldEvent } from '../xlsx/heldFiles';
import { releaseLockFile } from '../xlsx/workbookLock';
import { envLang } from './locale';

/** The worker's state, shared: working, inside the commit gate, or interrupted. */
export const WORKING = 0;
export const COMMITTING = 1;
export const INTERRUPTED = 2;

export type ToSupervisor =
  | HeldEvent
  | { readonly kind: 'committed'; readonly file: string }
  | { readonly kind: 'done'; readonly exitCode: number };

export interface WorkerSetup {
  readonly argv: readonly string[];
  readonly state: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The supervisor's stderr, which a worker's own does not know to be a terminal. */
  readonly stderr: { readonly isTTY: boolean; readonly columns?: number };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The language of a message printed here: --lang if given, else the environment's. */
function interruptLang(argv: readonly string[]): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const arg = argv[index] ?? '';
  const value = (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1]) ?? '';
  if (index >= 0 && /^(zh|en)/i.test(value)) {
    return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
  return envLang(process.env);
}

/** Runs the program in a worker thread of `entry` (this same bundle) and watches over it. */
export function supervise(entry: string): void {
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
  const temporaries = new Set<string>();
  const locks = new Map<string, string>();
  const written: string[] = [];
  let exitCode: number | null = null;
  let pending: NodeJS.Signals | null = null;
  let stopping = false;

  const apply = (message: ToSupervisor) => {
    if (message.kind === 'temporary') {
      if (message.held) temporaries.add(message.file);
      else temporaries.delete(message.file);
    } else if (message.kind === 'lock') {
      if (message.held) locks.set(message.file, message.token);
      else locks.delete(message.file);
    } else if (message.kind === 'committed') {
      written.push(message.file);
      if (pending !== null) interrupt(pending);
    } else {
      exitCode = message.exitCode;
    }
  };
  const drain = () => {
    for (let next = receiveMessageOnPort(channel.port1); next;) {
      apply(next.message as ToSupervisor);
      next = receiveMessageOnPort(channel.port1);
    }
  };
  const cleanUp = () => {
    drain();
    for (const folder of temporaries) {
      fs.rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    }
    temporaries.clear();
    for (const [file, token] of locks) {
      try {
        releaseLockFile(file, token);
      } catch {
        // A lock left behind is taken over once this process is gone.
      }
    }
    locks.clear();
  };
  const exitAfter = (signal: NodeJS.Signals) => {
    cleanUp();
    const lang = interruptLang(argv);
    const text =
      written.length === 0
        ? t(lang, 'fileInterrupted')
        : t(lang, 'fileInterruptedAfterWriting', { files: written.join(', ') });
    process.stderr.write(`\ngongfang: ${text}\n`);
    process.exit(128 + os.constants.signals[signal]);
  };
  function interrupt(signal: NodeJS.Signals): void {
    if (stopping) return;
    const previous = Atomics.compareExchange(state, 0, WORKING, INTERRUPTED);
    if (previous === COMMITTING) {
      // A workbook is being replaced: stop right after (the worker says when).
      pending = signal;
      return;
    }
    stopping = true;
    void worker.terminate().finally(() => exitAfter(signal));
  }

  channel.port1.on('message', apply);
  channel.port1.unref();
  for (const signal of SIGNALS) process.on(signal, () => interrupt(signal));
  worker.on('error', (error) => {
    cleanUp();
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gongfang: ${t(interruptLang(argv), 'cliUnexpected', { detail })}\n`);
    exitCode = 2;
  });
  worker.on('exit', (code) => {
    if (stopping) return;
    if (pending !== null) {
      exitAfter(pending);
      return;
    }
    cleanUp();
    channel.port1.close();
    process.exitCode = exitCode ?? (code === 0 ? 0 : 2);
  });
  // Any other way out of this process.
  process.on('exit', cleanUp);
}
