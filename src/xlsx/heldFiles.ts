/**
 * What a run holds on disk — temporary copies of a workbook (with residents' personal data)
 * and workbook locks — so that every way out of the run lets go of them: the normal end and
 * failures (program.ts), Ctrl-C and kill (main.ts's signal handlers), and process exit.
 * Release is synchronous, because a signal handler or an 'exit' listener cannot wait.
 */
import * as fs from 'node:fs';

const live = new Set<HeldFiles>();

/** What a run takes hold of and lets go, for a supervisor that cleans up after it. */
export type HeldEvent =
  | { readonly kind: 'temporary'; readonly file: string; readonly held: boolean }
  | {
      readonly kind: 'lock';
      readonly file: string;
      readonly token: string;
      readonly held: boolean;
    };

let observer: ((event: HeldEvent) => void) | null = null;

/**
 * Tells `watch` of every temporary file and lock taken or let go, as it happens: the command
 * line's supervisor thread (src/cli/main.ts) keeps the list, so that when it stops the worker
 * on Ctrl-C it can remove what the worker held.
 */
export function observeHeldFiles(watch: ((event: HeldEvent) => void) | null): void {
  observer = watch;
}

function removeQuietly(file: string): void {
  try {
    // Retries: a write still queued when a signal arrives may land in the folder meanwhile.
    fs.rmSync(file, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // Nothing more can be done on the way out; the next run removes what is left.
  }
}

export class HeldFiles {
  private readonly temporaries = new Set<string>();
  private readonly locks = new Map<string, { release: () => void; token: string }>();

  constructor() {
    live.add(this);
  }

  addTemporary(file: string): void {
    this.temporaries.add(file);
    observer?.({ kind: 'temporary', file, held: true });
  }

  /** Removes `file` (a temporary file or folder) now, if it is still there, and forgets it. */
  removeTemporary(file: string): void {
    removeQuietly(file);
    this.temporaries.delete(file);
    observer?.({ kind: 'temporary', file, held: false });
  }

  /** `token` is what the lock file holds for this run (only a lock still holding it is ours). */
  addLock(lockFile: string, release: () => void, token = ''): void {
    this.locks.set(lockFile, { release, token });
    observer?.({ kind: 'lock', file: lockFile, token, held: true });
  }

  releaseLock(lockFile: string): void {
    const lock = this.locks.get(lockFile);
    lock?.release();
    this.locks.delete(lockFile);
    if (lock) observer?.({ kind: 'lock', file: lockFile, token: lock.token, held: false });
  }

  /** Whether a temporary copy is being written right now. */
  get writing(): boolean {
    return this.temporaries.size > 0;
  }

  /** Removes every temporary file and releases every lock; safe to call more than once. */
  releaseAll(): void {
    for (const file of this.temporaries) {
      removeQuietly(file);
      observer?.({ kind: 'temporary', file, held: false });
    }
    this.temporaries.clear();
    for (const [file, { release, token }] of this.locks) {
      try {
        release();
      } catch {
        // As above: a lock left behind is taken over once its process is gone.
      }
      observer?.({ kind: 'lock', file, token, held: false });
    }
    this.locks.clear();
    live.delete(this);
  }
}

/** Releases what every run of this process holds; true when one was writing a workbook. */
export function releaseEverything(): boolean {
  let writing = false;
  for (const held of [...live]) {
    writing ||= held.writing;
    held.releaseAll();
  }
  return writing;
}
