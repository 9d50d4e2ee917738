/**
 * One gongfang command at a time on a workbook: exclusive lock files taken before the workbook
 * is read and released after it is written, so two commands on one file cannot both read the
 * old workbook and one of them lose the other's write. Two locks, always in this order:
 * - one per file, keyed by its device and inode, in a folder every user of this computer
 *   shares (/tmp/gongfang-locks): every name of the file — hard links, symbolic links, two
 *   paths to one folder — meets the same lock;
 * - one beside the workbook (`.NAME.gongfang-lock`), which colleagues on other computers
 *   using a shared folder see too (their inode lock is on their computer).
 * Each file says who holds it (user, computer, process, command, since), so a second command
 * that waited in vain can say so; a lock whose process is gone from this computer is stale
 * and taken over, and so is one whose process number now belongs to a process started after
 * it (leftovers.ts, writerRunning).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { WorkbookFileError } from './fileError';
import type { HeldFiles } from './heldFiles';
import { type ProcessProbe, SYSTEM_PROBE, writerRunning } from './leftovers';
import { errorCode, nameStem } from './workbookFile';

export const LockHolder = z.object({
  user: z.string(),
  host: z.string(),
  pid: z.number(),
  command: z.string(),
  since: z.string(),
  token: z.string(),
  /** The workbook as the holder named it (links followed); older records lack it. */
  workbook: z.optional(z.string()),
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
  /** The environment, for GONGFANG_LOCK_DIR. */
  readonly env?: Env;
  /** What tells whether a holder still runs (tests give their own). */
  readonly probe?: ProcessProbe;
}

export const DEFAULT_LOCK_WAIT_MS = 5000;
const POLL_MS = 100;
/** A lock held this long is said to be deletable if its command is surely gone. */
const LONG_HELD_MS = 60 * 60_000;
/** A lock file still unreadable after this long was left half-written by a dead process. */
const UNREADABLE_STALE_MS = 10_000;

export function lockFileOf(real: string): string {
  return path.join(path.dirname(real), `.${nameStem(path.basename(real))}.gongfang-lock`);
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The folder of the per-file locks: GONGFANG_LOCK_DIR, else /tmp/gongfang-locks, shared by
 * every user of the computer like /tmp itself (os.tmpdir() may be a user's own, e.g. on
 * Windows or under a private TMPDIR).
 */
export function fileLockFolder(env: Env): string {
  if (env.GONGFANG_LOCK_DIR) return path.resolve(env.GONGFANG_LOCK_DIR);
  const shared = process.platform === 'win32' ? os.tmpdir() : '/tmp';
  return path.join(shared, 'gongfang-locks');
}

/** The lock every name of the file at `real` shares; null for a file not there yet. */
export function fileLockOf(real: string, env: Env): string | null {
  let stat: fs.BigIntStats;
  try {
    stat = fs.statSync(real, { bigint: true });
  } catch {
    return null;
  }
  return path.join(fileLockFolder(env), `${stat.dev}-${stat.ino}.lock`);
}

/**
 * Makes the shared folder: world-writable with the sticky bit, as /tmp (each user removes only
 * their own locks there). A symbolic link or a file in its place is refused.
 */
function ensureLockFolder(folder: string, label: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o1777 });
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory()) throw new Error('not a folder');
    // mkdir's mode passes through the umask; only the folder's owner may set it.
    if ((stat.mode & 0o1777) !== 0o1777 && stat.uid === process.getuid?.()) {
      fs.chmodSync(folder, 0o1777);
    }
  } catch (error) {
    throw new WorkbookFileError('fileLockFolder', {
      file: label,
      folder,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
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

function isStale(lockFile: string, holder: LockHolder | null, probe: ProcessProbe): boolean {
  if (holder === null) {
    const stat = fs.statSync(lockFile, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS;
  }
  // On another computer (a shared folder) whether the process runs cannot be known.
  return (
    holder.host === os.hostname() && !writerRunning(holder.pid, Date.parse(holder.since), probe)
  );
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
  } catch (error) {
    // A full disk: no half-made lock is left for others to wait on.
    fs.closeSync(fd);
    fs.rmSync(lockFile, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return true;
}

/**
 * Removes a stale lock, unless someone else removed or replaced it first: takers-over agree
 * through a second, short-lived lock file, and the stale lock is removed only if it is still
 * the very one found stale.
 */
function takeOver(lockFile: string, stale: LockContent, label: string): void {
  const guard = `${lockFile}.takeover`;
  try {
    fs.closeSync(fs.openSync(guard, 'wx'));
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const stat = fs.statSync(guard, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > UNREADABLE_STALE_MS) removeLeftLock(guard, label, null);
    return;
  }
  try {
    let current = '';
    try {
      current = fs.readFileSync(lockFile, 'utf8');
    } catch {
      return;
    }
    if (current === stale.text) removeLeftLock(lockFile, label, stale.holder);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/**
 * Removes a lock file whose run is gone. In the shared lock folder (sticky, as /tmp) only its
 * owner may: another user's is reported with whom to ask, not crashed on.
 */
function removeLeftLock(file: string, label: string, holder: LockHolder | null): void {
  try {
    fs.unlinkSync(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return;
    if (code !== 'EPERM' && code !== 'EACCES') throw error;
    const owner = fs.statSync(file, { throwIfNoEntry: false })?.uid;
    throw new WorkbookFileError('fileLockLeftByOther', {
      file: label,
      user: holder?.user ?? `uid ${owner ?? '?'}`,
      lockFile: file,
    });
  }
}

/** Removes `lockFile` if it is still the one holding `token` (a run's own lock). */
export function releaseLockFile(lockFile: string, token: string): void {
  if (readLock(lockFile)?.holder?.token === token) {
    fs.rmSync(lockFile, { force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the locks on the workbook at `real` (symbolic links already followed): the file's own
 * (by device and inode), then the one beside it, waiting up to `options.waitMs` in all for
 * another command to finish. Both are released by `held` on every way out of the run.
 */
export async function lockWorkbook(
  real: string,
  held: HeldFiles,
  options: LockOptions,
): Promise<() => void> {
  const env = options.env ?? process.env;
  const holder: LockHolder = {
    user: userName(),
    host: os.hostname(),
    pid: process.pid,
    command: options.command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    workbook: real,
  };
  const deadline = Date.now() + options.waitMs;
  let fileLock = fileLockOf(real, env);
  if (fileLock !== null) {
    ensureLockFolder(path.dirname(fileLock), options.label);
    await acquire(fileLock, holder, held, deadline, options);
  }
  const nameLock = lockFileOf(real);
  await acquire(nameLock, holder, held, deadline, options, false);
  // A command we waited for may have replaced the file by renaming a new one over it: the new
  // file's own lock then stands for it (no other name can reach a file just made).
  for (let current = fileLockOf(real, env); current !== fileLock; current = fileLockOf(real, env)) {
    if (fileLock !== null) held.releaseLock(fileLock);
    fileLock = current;
    if (fileLock !== null) await acquire(fileLock, holder, held, deadline, options);
  }
  const taken = fileLock;
  return () => {
    held.releaseLock(nameLock);
    if (taken !== null) held.releaseLock(taken);
  };
}

/** Creates `lockFile` for `holder`, waiting until `deadline` while another holds it. */
async function acquire(
  lockFile: string,
  holder: LockHolder,
  held: HeldFiles,
  deadline: number,
  options: LockOptions,
  shared = true,
): Promise<void> {
  for (;;) {
    let created: boolean;
    try {
      created = tryCreate(lockFile, holder);
    } catch (error) {
      throw cannotLock(error, lockFile, options.label, shared);
    }
    if (created) {
      held.addLock(lockFile, () => releaseLockFile(lockFile, holder.token), holder.token);
      return;
    }
    const other = readLock(lockFile);
    if (other === null) continue;
    if (isStale(lockFile, other.holder, options.probe ?? SYSTEM_PROBE)) {
      takeOver(lockFile, other, options.label);
      if (!fs.existsSync(lockFile)) continue;
    }
    if (Date.now() >= deadline)
      throw heldError(lockFile, holder.workbook ?? '', other.holder, options);
    await sleep(POLL_MS);
  }
}

/**
 * Why a lock file could not be made. One in the shared lock folder says so: the workbook and
 * its folder may be writable all the same (--out would not help).
 */
function cannotLock(
  error: unknown,
  lockFile: string,
  label: string,
  shared: boolean,
): WorkbookFileError {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new WorkbookFileError('fileDiskFull', { file: label, detail });
  }
  if (shared) {
    return new WorkbookFileError('fileLockFolder', {
      file: label,
      folder: path.dirname(lockFile),
      detail,
    });
  }
  if (code === 'EACCES' || code === 'EROFS')
    return new WorkbookFileError('cliReadOnly', { file: label });
  return new WorkbookFileError('cliCannotWrite', { file: label, detail });
}

function heldError(
  lockFile: string,
  real: string,
  other: LockHolder | null,
  options: LockOptions,
): WorkbookFileError {
  const since = other ? new Date(other.since) : new Date(fs.statSync(lockFile).mtimeMs);
  const workbook = other?.workbook;
  return new WorkbookFileError('fileLockHeld', {
    file: options.label,
    otherName: workbook !== undefined && workbook !== real ? workbook : '',
    user: other?.user ?? '?',
    host: other?.host ?? '?',
    pid: other?.pid ?? 0,
    command: other?.command ?? '?',
    since: Number.isNaN(since.getTime()) ? '?' : options.formatSince(since),
    lockFile,
    // No command holds a workbook for an hour: a lock that old is most likely a killed run's
    // whose process number another program has now, where its start time is not known
    // (Windows, macOS) and the computer was not restarted since.
    mayBeGone:
      other === null || other.host !== os.hostname() || Date.now() - since.getTime() > LONG_HELD_MS,
  });
}
