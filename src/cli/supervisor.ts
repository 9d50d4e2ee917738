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
import { receiveMessageOnPort } from 'node:worker_threads';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import type { HeldEvent } from '../xlsx/heldFiles';
import { releaseLockFile } from '../xlsx/workbookLock';
import { envLang } from './locale';
import { COMMITTING, INTERRUPTED, WORKING } from './startWorker';
import type { StartedWorker } from './startWorker';
import { createProgress } from './progress';
import type { ProgressEvent } from './progress';

export { COMMITTING, INTERRUPTED, WORKING } from './startWorker';
export type { WorkerSetup } from './startWorker';

export type ToSupervisor =
  | HeldEvent
  | ProgressEvent
  | { readonly kind: 'out'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'committed'; readonly file: string }
  | { readonly kind: 'done'; readonly exitCode: number };

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The language of a message printed here: --lang if given, else the environment's. */
export function interruptLang(argv: readonly string[]): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const arg = argv[index] ?? '';
  const value = (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1]) ?? '';
  if (index >= 0 && /^(zh|en)/i.test(value)) {
    return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
  return envLang(process.env);
}

/**
 * Watches over the program started in a worker thread (startWorker.ts). `earlyRead`: this
 * thread reading the workbook for the worker (earlyRead.ts), stopped once the worker is gone
 * (a command that ended without opening it, a mistyped option, does not wait for it).
 */
export function supervise(started: StartedWorker, earlyRead?: { stop(): void }): void {
  const { worker, argv, state, port } = started;
  const temporaries = new Set<string>();
  const locks = new Map<string, string>();
  const written: string[] = [];
  let exitCode: number | null = null;
  let pending: NodeJS.Signals | null = null;
  let stopping = false;
  /** Whether the program printed on stdout: under --json, its one document. */
  let printed = false;
  const bar = createProgress(process.stderr, true);

  const apply = (message: ToSupervisor) => {
    if (message.kind === 'out') {
      printed ||= message.stream === 'stdout';
      const stream = message.stream === 'stdout' ? process.stdout : process.stderr;
      bar.around(() => stream.write(message.text));
    } else if (message.kind === 'phase') {
      bar.phase(message.label, message.index, message.total);
    } else if (message.kind === 'progressEnd') {
      bar.finish();
    } else if (message.kind === 'temporary') {
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
    for (let next = receiveMessageOnPort(port); next;) {
      apply(next.message as ToSupervisor);
      next = receiveMessageOnPort(port);
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
    bar.finish();
  };
  const exitAfter = (signal: NodeJS.Signals) => {
    cleanUp();
    const lang = interruptLang(argv);
    const code = written.length === 0 ? 'fileInterrupted' : 'fileInterruptedAfterWriting';
    const text =
      written.length === 0
        ? t(lang, 'fileInterrupted')
        : t(lang, 'fileInterruptedAfterWriting', { files: written.join(', ') });
    if (!printed) jsonFailure(argv, code, text);
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

  port.on('message', apply);
  port.unref();
  for (const signal of SIGNALS) process.on(signal, () => interrupt(signal));
  worker.on('error', (error) => {
    cleanUp();
    const detail = error instanceof Error ? error.message : String(error);
    const text = t(interruptLang(argv), 'cliUnexpected', { detail });
    if (!printed) jsonFailure(argv, 'unexpected', text);
    process.stderr.write(`gongfang: ${text}\n`);
    exitCode = 2;
  });
  worker.on('exit', (code) => {
    earlyRead?.stop();
    if (stopping) return;
    if (pending !== null) {
      exitAfter(pending);
      return;
    }
    cleanUp();
    port.close();
    process.exitCode = exitCode ?? (code === 0 ? 0 : 2);
  });
  // Any other way out of this process.
  process.on('exit', cleanUp);
  warmUpIntl();
}

/**
 * Under --json a run that ends here (stopped by a signal, its worker lost) still prints the
 * one JSON document scripts read: stdout was left empty, which no JSON reader takes.
 */
function jsonFailure(argv: readonly string[], code: string, message: string): void {
  if (!argv.includes('--json')) return;
  process.stdout.write(`${JSON.stringify({ ok: false, error: { code, message } }, null, 2)}\n`);
}

/**
 * ICU loads its data (time zones, calendars, locales) for the whole process at the first date
 * format, 15 to 30 ms, which the program makes early on (--tz is checked with one). Made here,
 * it overlaps the worker's own start (loading and compiling the program) instead of delaying
 * the work.
 */
function warmUpIntl(): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', day: 'numeric' }).format(0);
  } catch {
    // A Node built without ICU's time zones: the program says so itself.
  }
}
