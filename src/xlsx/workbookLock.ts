/**
 * One gongfang command at a time on a workbook: an exclusive lock file beside it
 * (`.NAME.gongfang-lock`), taken before the workbook is read and released after it is written,
 * so two commands on one file cannot both read the old workbook and one of them lose the
 * other's write. The file says who holds the lock (user, computer, process, command, since),
 * so a second command that waited in vain can say so; a lock whose process is gone from this
 * computer is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { WorkbookFileError } from './fileError';
import type { HeldFiles } from './heldFiles';
import { errorCode, processAlive } from './workbookFile';

export const LockHolder = z.object({
  user: z.string(),
  host: z.string(),
  pid: z.number(),
  command: z.string(),
  since: z.string(),
  token: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export interface LockOptions {
  /** How long to wait for another command to finish before giving up. */
  readonly waitMs: number;
  /** The command line, as the other command's message will show it. */
  readonly command: string;
  /** Formats the holder's start time for the message (in the user's time zone). */
  readonly formatSince: (since: Date) => string;
  /** Label of the workbook in messages. */
  readonly label: string;
}

export const DEFAULT_LOCK_WAIT_MS = 5000;
const POLL_MS = 100;
/** A lock file still unreadable after this long was left half-written by a dead process. */
const UNREADABLE_STALE_MS = 10_000;

export function lockFileOf(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.gongfang-lock`);
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '?');
  }
}

interface LockContent {
  readonly text: string;
  /** null when the file is being written or damaged. */
  readonly holder: LockHolder | null;
}

/** The lock file's content; null when there is no lock file. */
function readLock(lockFile: string): LockContent | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    return { text: '', holder: null };
  }
  try {
    const parsed = LockHolder.safeParse(JSON.parse(text));
    return { text, holder: parsed.success ? parsed.data : null };
  } catch {
    return { text, holder: null };
  }
}

function isStale(lockFile: string, holder: LockHolder | null): boolean {
  if (holder === null) {
    const stat = fs.statSync(lockFile, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS;
  }
  // On another computer (a shared folder) whether the process runs cannot be known.
  return holder.host === os.hostname() && !processAlive(holder.pid);
}

/** Creates the lock file with our holder record in one step; false when it already exists. */
function tryCreate(lockFile: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock, unless someone else removed or replaced it first: takers-over agree
 * through a second, short-lived lock file, and the stale lock is removed only if it is still
 * the very one found stale.
 */
function takeOver(lockFile: string, staleText: string): void {
  const guard = `${lockFile}.takeover`;
  try {
    fs.closeSync(fs.openSync(guard, 'wx'));
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const stat = fs.statSync(guard, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS) fs.rmSync(guard, { force: true });
    return;
  }
  try {
    let current = '';
    try {
      current = fs.readFileSync(lockFile, 'utf8');
    } catch {
      return;
    }
    if (current === staleText) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function release(lockFile: string, token: string): void {
  if (readLock(lockFile)?.holder?.token === token) {
    fs.rmSync(lockFile, { force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock on the workbook at `real` (symbolic links already followed), waiting up to
 * `options.waitMs` for another command to finish. The lock is released by `held` on every
 * way out of the run.
 */
export async function lockWorkbook(
  real: string,
  held: HeldFiles,
  options: LockOptions,
): Promise<void> {
  const lockFile = lockFileOf(real);
  const holder: LockHolder = {
    user: userName(),
    host: os.hostname(),
    pid: process.pid,
    command: options.command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    let created: boolean;
    try {
      created = tryCreate(lockFile, holder);
    } catch (error) {
      if (errorCode(error) === 'EACCES' || errorCode(error) === 'EROFS') {
        throw new WorkbookFileError('cliReadOnly', { file: options.label });
      }
      throw error;
    }
    if (created) {
      held.addLock(lockFile, () => release(lockFile, holder.token));
      return;
    }
    const other = readLock(lockFile);
    if (other === null) continue;
    if (isStale(lockFile, other.holder)) {
      takeOver(lockFile, other.text);
      if (!fs.existsSync(lockFile)) continue;
    }
    if (Date.now() >= deadline) throw heldError(lockFile, other.holder, options);
    await sleep(POLL_MS);
  }
}

function heldError(
  lockFile: string,
  other: LockHolder | null,
  options: LockOptions,
): WorkbookFileError {
  const since = other ? new Date(other.since) : new Date(fs.statSync(lockFile).mtimeMs);
  return new WorkbookFileError('fileLockHeld', {
    file: options.label,
    user: other?.user ?? '?',
    host: other?.host ?? '?',
    pid: other?.pid ?? 0,
    command: other?.command ?? '?',
    since: Number.isNaN(since.getTime()) ? '?' : options.formatSince(since),
    lockFile,
    remote: other === null || other.host !== os.hostname(),
  });
}
