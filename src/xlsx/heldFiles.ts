/**
 * What a run holds on disk — temporary copies of a workbook (with residents' personal data)
 * and workbook locks — so that every way out of the run lets go of them: the normal end and
 * failures (program.ts), Ctrl-C and kill (main.ts's signal handlers), and process exit.
 * Release is synchronous, because a signal handler or an 'exit' listener cannot wait.
 */
import * as fs from 'node:fs';

const live = new Set<HeldFiles>();

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
  private readonly locks = new Map<string, () => void>();

  constructor() {
    live.add(this);
  }

  addTemporary(file: string): void {
    this.temporaries.add(file);
  }

  /** Removes `file` (a temporary file or folder) now, if it is still there, and forgets it. */
  removeTemporary(file: string): void {
    removeQuietly(file);
    this.temporaries.delete(file);
  }

  addLock(lockFile: string, release: () => void): void {
    this.locks.set(lockFile, release);
  }

  releaseLock(lockFile: string): void {
    this.locks.get(lockFile)?.();
    this.locks.delete(lockFile);
  }

  /** Whether a temporary copy is being written right now. */
  get writing(): boolean {
    return this.temporaries.size > 0;
  }

  /** Removes every temporary file and releases every lock; safe to call more than once. */
  releaseAll(): void {
    for (const file of this.temporaries) removeQuietly(file);
    this.temporaries.clear();
    for (const release of this.locks.values()) {
      try {
        release();
      } catch {
        // As above: a lock left behind is taken over once its process is gone.
      }
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
