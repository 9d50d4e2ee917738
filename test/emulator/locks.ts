/**
 * LockService. A lock belongs to an execution and is released when it ends; tryLock does not
 * really wait (it answers at once), so tests stay fast.
 * https://developers.google.com/apps-script/reference/lock/lock
 */
import type { Env } from './env';

type LockKind = 'document' | 'script' | 'user';

/** Execution 0 is code run outside emulator.execution(); OTHER is another user's execution. */
export const OTHER_EXECUTION = -1;

export class LockTable {
  private readonly holders = new Map<LockKind, number>();
  currentExecution = 0;
  /** Called after a lock is released by a script (emulator.whenLockReleased). */
  onRelease: (() => void) | null = null;
  private nextExecution = 1;

  holder(kind: LockKind): number | undefined {
    return this.holders.get(kind);
  }
  take(kind: LockKind, execution: number): void {
    this.holders.set(kind, execution);
  }
  release(kind: LockKind, execution: number): void {
    if (this.holders.get(kind) === execution) this.holders.delete(kind);
  }
  releaseAll(execution: number): void {
    for (const [kind, holder] of [...this.holders])
      if (holder === execution) this.holders.delete(kind);
  }
  begin(): { execution: number; previous: number } {
    const previous = this.currentExecution;
    this.currentExecution = this.nextExecution++;
    return { execution: this.currentExecution, previous };
  }
  end(run: { execution: number; previous: number }): void {
    this.releaseAll(run.execution);
    this.currentExecution = run.previous;
  }
}

class LockImpl {
  constructor(
    private readonly table: LockTable,
    private readonly kind: LockKind,
    private readonly env: Env,
  ) {}

  private free(): boolean {
    const holder = this.table.holder(this.kind);
    return holder === undefined || holder === this.table.currentExecution;
  }
  tryLock(timeoutInMillis: number): boolean {
    void timeoutInMillis;
    if (!this.free()) return false;
    this.table.take(this.kind, this.table.currentExecution);
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw this.env.fail('Lock timeout: another process was holding the lock for too long.');
    }
  }
  releaseLock(): void {
    const held = this.hasLock();
    this.table.release(this.kind, this.table.currentExecution);
    if (held) this.table.onRelease?.();
  }
  hasLock(): boolean {
    return this.table.holder(this.kind) === this.table.currentExecution;
  }
}

export class LockServiceImpl {
  constructor(
    private readonly table: LockTable,
    private readonly env: Env,
  ) {}
  private lock(kind: LockKind): unknown {
    return this.env.counted(new LockImpl(this.table, kind, this.env), 'Lock');
  }
  getDocumentLock(): unknown {
    return this.lock('document');
  }
  getScriptLock(): unknown {
    return this.lock('script');
  }
  getUserLock(): unknown {
    return this.lock('user');
  }
}
