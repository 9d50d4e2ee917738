/**
 * The moment a workbook is replaced (renamed over, or written in place) must not be cut short
 * by Ctrl-C: before it, an interrupted command has written nothing; after it, the workbook is
 * whole and new. The command line runs its work in a worker thread that it can stop at once on
 * a signal (src/cli/main.ts), except while the worker is inside this gate; the gate also
 * refuses to open once an interruption was asked for. Without a supervisor (tests, other
 * callers) the gate is always open.
 */
export interface CommitGate {
  /** False when the run was interrupted: nothing may be replaced any more. */
  enter(file: string): boolean;
  leave(file: string): void;
}

const ALWAYS_OPEN: CommitGate = { enter: () => true, leave: () => undefined };
let gate: CommitGate = ALWAYS_OPEN;

export function setCommitGate(next: CommitGate | null): void {
  gate = next ?? ALWAYS_OPEN;
}

/** Thrown instead of replacing a workbook once the run was interrupted. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Runs `replace` (synchronous: nothing else runs meanwhile) inside the gate. */
export function committing<T>(file: string, replace: () => T): T {
  if (!gate.enter(file)) throw new Interrupted();
  try {
    return replace();
  } finally {
    gate.leave(file);
  }
}
