/**
 * The workbook as a file on disk: which files are workbooks we can read, where a write really
 * lands (through symbolic links), whether Excel, WPS or LibreOffice has the file open, and
 * writing it without ever leaving a half-written workbook, a world-readable copy of a private
 * one, or a temporary file behind. docs/files.md says what this does, for staff and developers.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OfficeProgram, PathKind } from '../i18n/messages/files';
import { Interrupted, committing } from './commitGate';
import { WorkbookFileError } from './fileError';
import { modifiedAt, namesIn, writerRunning } from './leftovers';
import type { HeldFiles } from './heldFiles';

// ---------------------------------------------------------------------------------------------
// File types

/** Formats staff may have, that are not .xlsx: read none of them, say how to save as .xlsx. */
const OTHER_FORMATS: Readonly<Record<string, string>> = {
  '.xls': '.xls (Excel 97–2003)',
  '.xlt': '.xlt (Excel 97–2003)',
  '.xlsb': '.xlsb (Excel Binary)',
  '.et': '.et (WPS)',
  '.ett': '.ett (WPS)',
  '.ods': '.ods (OpenDocument)',
  '.fods': '.fods (OpenDocument)',
  '.csv': '.csv',
  '.tsv': '.tsv',
  '.numbers': '.numbers (Apple Numbers)',
};

/** The package formats Gongfang reads and writes; .xlsm keeps its macros. */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'] as const;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: .xls, .et, and also an .xlsx encrypted with a password to open. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODF_MIMETYPE = 'application/vnd.oasis.opendocument';

function extensionOf(file: string): string {
  return path.extname(file).toLowerCase();
}

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Refuses, with a message saying how to save as .xlsx, a file that is not an .xlsx/.xlsm
 * package: by its name first (.xls, .et, .ods, .csv …), then by its first bytes, so a
 * renamed .xls or a text file called .xlsx is caught before the zip reader sees it.
 */
export function checkWorkbookFormat(file: string, label: string): void {
  const stat = statOrNull(file);
  if (!stat) throw new WorkbookFileError('cliFileMissing', { file: label });
  if (!stat.isFile()) throw notAFile(file, label, stat);
  const format = OTHER_FORMATS[extensionOf(file)];
  if (format !== undefined) throw new WorkbookFileError('fileOtherFormat', { file: label, format });
  let head: Buffer;
  try {
    head = readHead(file, 128);
  } catch (error) {
    if (errorCode(error) === 'EACCES')
      throw new WorkbookFileError('cliCannotRead', { file: label });
    throw error;
  }
  if (head.length === 0) throw new WorkbookFileError('fileEmpty', { file: label });
  if (head.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) {
    throw new WorkbookFileError('fileOldOrProtected', { file: label });
  }
  if (!head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    throw new WorkbookFileError('fileNotZip', { file: label });
  }
  // An OpenDocument package stores its uncompressed "mimetype" entry first.
  if (head.toString('latin1').includes(ODF_MIMETYPE)) {
    throw new WorkbookFileError('fileOtherFormat', { file: label, format: '.ods (OpenDocument)' });
  }
}

/**
 * A workbook named that is not a file. A folder (a workshop's folder named like its ledger:
 * `gongfang check 台账`) is said to be one, with a workbook in it to name: "not an .xlsx
 * workbook (save old .xls or .csv files as .xlsx)" sent staff looking for a format problem.
 */
export function notAFile(file: string, label: string, stat: fs.Stats): WorkbookFileError {
  if (!stat.isDirectory()) return new WorkbookFileError('cliNotAWorkbook', { file: label });
  let names: string[] = [];
  try {
    names = fs.readdirSync(file).sort();
  } catch {
    // An unreadable folder: said to be a folder all the same, without an example.
  }
  const workbook = names.find(
    (name) => /\.xls[xm]$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.'),
  );
  const example = workbook === undefined ? '' : path.join(label, workbook);
  return new WorkbookFileError('fileIsFolder', { file: label, example });
}

/**
 * Refuses to write a workbook under a name Excel would not open it by: another format's
 * extension, or .xlsx ↔ .xlsm swapped (the package's content type must match its name).
 * `source` is the workbook read, if any; a new workbook is always .xlsx.
 */
export function checkOutputName(file: string, label: string, source?: string): void {
  const extension = extensionOf(file);
  const sourceExtension = source === undefined ? '.xlsx' : extensionOf(source);
  const expected = sourceExtension === '.xlsm' ? '.xlsm' : '.xlsx';
  const workbookName = (WORKBOOK_EXTENSIONS as readonly string[]).includes(extension);
  if (OTHER_FORMATS[extension] !== undefined || (workbookName && extension !== expected)) {
    throw new WorkbookFileError('fileOutFormat', { file: label, expected });
  }
}

// ---------------------------------------------------------------------------------------------
// Where a write lands

export interface WriteTarget {
  /** The name the user gave, for messages. */
  readonly label: string;
  /**
   * The file a write really replaces: symbolic links followed (the link stays a link and
   * the workbook it points to is updated), and its folder with its own links resolved, so
   * every path to one workbook shares one lock.
   */
  readonly real: string;
  /** The file as it was when the target was resolved; null for a new file. */
  readonly before: fs.Stats | null;
}

const MAX_LINK_HOPS = 40;

function kindOf(stat: fs.Stats): PathKind {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

/** Follows symbolic links to the file they name, even when that file does not exist yet. */
function followLinks(file: string, label: string): string {
  let current = path.resolve(file);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop += 1) {
    const stat = lstatOrNull(current);
    if (!stat?.isSymbolicLink()) {
      let folder: string;
      try {
        folder = fs.realpathSync(path.dirname(current));
      } catch {
        throw new WorkbookFileError('cliFolderMissing', { file: label });
      }
      if (!statOrNull(folder)?.isDirectory()) {
        throw new WorkbookFileError('cliFolderMissing', { file: label });
      }
      return path.join(folder, path.basename(current));
    }
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw new WorkbookFileError('cliCannotWrite', { file: label, detail: 'ELOOP' });
}

/**
 * Where writing `file` lands, refused before any work when it is not a regular file or a
 * new name (a folder, FIFO, device or socket) or cannot be written.
 */
export function resolveWriteTarget(file: string, label: string): WriteTarget {
  const real = followLinks(file, label);
  const before = statOrNull(real);
  if (before && !before.isFile()) {
    throw new WorkbookFileError('fileNotRegular', { file: label, kind: kindOf(before) });
  }
  try {
    fs.accessSync(path.dirname(real), fs.constants.W_OK);
    if (before) fs.accessSync(real, fs.constants.W_OK);
  } catch {
    throw new WorkbookFileError('cliReadOnly', { file: label });
  }
  return { label, real, before };
}

// ---------------------------------------------------------------------------------------------
// Open in Excel, WPS or LibreOffice

export interface OfficeLock {
  readonly program: OfficeProgram;
  readonly user: string;
  readonly lockFile: string;
}

/**
 * Excel's and WPS's owner file: the display name's length in byte 0 and the name (ANSI) after
 * it, then from byte 54 the name again in UTF-16LE after a two-byte length. The UTF-16 copy is
 * preferred, since the ANSI one cannot hold Chinese names.
 */
export function ownerFileUser(content: Buffer): string {
  if (content.length >= 56) {
    const length = content.readUInt16LE(54);
    const end = 56 + length * 2;
    if (length > 0 && end <= content.length) {
      const name = content.subarray(56, end).toString('utf16le');
      if (isPrintable(name)) return name.trim();
    }
  }
  const length = content[0] ?? 0;
  if (length > 0 && 1 + length <= content.length) {
    const name = content.subarray(1, 1 + length).toString('latin1');
    if (isPrintable(name)) return name.trim();
  }
  return '';
}

/** LibreOffice's `.~lock.NAME#`: `author,system user,host,date,profile;` (author may be empty). */
export function libreOfficeUser(content: string): string {
  const [author = '', systemUser = '', host = ''] = content.split(',');
  const user = author.trim() !== '' ? author.trim() : systemUser.trim();
  return host.trim() !== '' && user !== '' ? `${user}@${host.trim()}` : user;
}

function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return text.trim() !== '' && !/[\u0000-\u001f\ufffd]/.test(text);
}

/** The lock file Excel, WPS or LibreOffice keeps beside `file` while it is open, if any. */
export function findOfficeLock(file: string): OfficeLock | null {
  const folder = path.dirname(file);
  const name = path.basename(file);
  // Word and (reported) Excel replace the first two characters of a long name instead. Not
  // when a workbook of that shorter name is beside it: "~$工坊台账.xlsx" is then the owner file
  // of 工坊台账.xlsx, open in Excel, and 备份工坊台账.xlsx was refused as open too.
  const shortened = name.length > 9 && !fs.existsSync(path.join(folder, name.slice(2)));
  const owners = [`~$${name}`, ...(shortened ? [`~$${name.slice(2)}`] : [])];
  for (const owner of owners) {
    const lockFile = path.join(folder, owner);
    const content = readIfFile(lockFile);
    if (content) return { program: 'excel', user: ownerFileUser(content), lockFile };
  }
  const lockFile = path.join(folder, `.~lock.${name}#`);
  const content = readIfFile(lockFile);
  if (content) {
    return { program: 'libreoffice', user: libreOfficeUser(content.toString('utf8')), lockFile };
  }
  return null;
}

export function refuseIfOpenInOffice(target: WriteTarget): void {
  const lock = findOfficeLock(target.real);
  if (lock) {
    throw new WorkbookFileError('fileOpenInOffice', {
      file: target.label,
      program: lock.program,
      user: lock.user,
      lockFile: lock.lockFile,
    });
  }
}

function readIfFile(file: string): Buffer | null {
  try {
    return lstatOrNull(file)?.isFile() ? fs.readFileSync(file) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const TEMPORARY_SUFFIX = '.gongfang-tmp';
/** Room left in a 255-byte file name for what Gongfang puts around the workbook's name. */
const STEM_BYTES = 200;

/**
 * The workbook's name as it appears in the names of its temporary folder and lock files:
 * itself, or — for a name near the 255-byte limit of most file systems — its start (never
 * cutting a character) and a short hash of the whole, so those names still fit.
 */
export function nameStem(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= STEM_BYTES) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let stem = '';
  for (const character of name) {
    if (Buffer.byteLength(stem + character, 'utf8') > STEM_BYTES - 9) break;
    stem += character;
  }
  return `${stem}~${hash}`;
}

/**
 * A private folder beside the workbook (same file system, so the final rename is atomic),
 * holding the copy being written. A folder rather than a file because a write still queued
 * when Ctrl-C arrives can re-create a removed file, but not a file in a removed folder.
 */
function temporaryFolderFor(real: string): string {
  const random = randomBytes(4).toString('hex');
  return path.join(
    path.dirname(real),
    `.${nameStem(path.basename(real))}.${process.pid}.${random}${TEMPORARY_SUFFIX}`,
  );
}

/**
 * Removes temporary copies of `real` left by runs that were killed outright (SIGKILL, power
 * loss), which no handler could remove: those whose process is gone on this computer, or
 * whose process number another process started since has taken (leftovers.ts).
 */
export function removeLeftoverTemporaries(real: string): void {
  const prefix = `.${nameStem(path.basename(real))}.`;
  const folder = path.dirname(real);
  for (const name of namesIn(folder)) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMPORARY_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    const temporary = path.join(folder, name);
    if (Number.isInteger(pid) && pid > 0 && !writerRunning(pid, modifiedAt(temporary))) {
      try {
        removeTemporary(temporary);
      } catch {
        // Another user's, in a folder shared with them (private to its owner, as every copy
        // is): left for their next command, which removes it; this one writes all the same.
      }
    }
  }
}

/** Removes a temporary folder, retrying while a last queued write lands in it. */
export function removeTemporary(temporary: string): void {
  fs.rmSync(temporary, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

/**
 * Writes the workbook to `target` safely. `write` writes the whole workbook to the path it is
 * given: a new file in a new folder beside the target, both readable by their owner only, so
 * a private ledger is never exposed, even half-written. Once it is complete and on disk:
 * - normally it is given the workbook's mode and owner and renamed over the workbook (atomic:
 *   readers see the old file or the new one, never a mix);
 * - when the workbook has other hard links, or its owner cannot be kept (we are not root and
 *   not its owner), the complete copy is written into the workbook's own file instead, which
 *   keeps the links, owner and mode; this is not atomic, but takes milliseconds from a
 *   finished copy, and a failure is reported.
 * The temporary folder is removed on every path out (held.releaseAll covers signals).
 */
export async function writeSafely(
  target: WriteTarget,
  held: HeldFiles,
  write: (temporary: string) => Promise<void>,
): Promise<void> {
  removeLeftoverTemporaries(target.real);
  const folder = temporaryFolderFor(target.real);
  const temporary = path.join(folder, path.basename(target.real));
  const newFileMode = createPrivate(folder, temporary, target, held);
  try {
    await write(temporary);
    syncFile(temporary);
    // A Ctrl-C that came while the copy was written (synchronously) is handled here, before
    // the workbook is touched: the handler removes the copy and exits.
    await new Promise((resolve) => setTimeout(resolve, slowDiskMs(process.env)));
    refuseIfOpenInOffice(target);
    const before = statOrNull(target.real);
    if (before && !before.isFile()) {
      throw new WorkbookFileError('fileNotRegular', { file: target.label, kind: kindOf(before) });
    }
    refuseIfChangedMeanwhile(target, before);
    // From here to the end of the replacing, Ctrl-C waits (milliseconds): the workbook is
    // either the old one or the new one, never cut off in between.
    committing(target.label, () => {
      if (before && (before.nlink > 1 || !takeOwnership(temporary, before))) {
        replaceInPlace(temporary, target);
      } else {
        if (!before) withModes(() => fs.chmodSync(temporary, newFileMode));
        fs.renameSync(temporary, target.real);
        syncFolder(path.dirname(target.real));
      }
    });
  } catch (error) {
    throw writeFailure(error, target.label);
  } finally {
    held.removeTemporary(folder);
  }
}

/**
 * Someone else's save while the command worked (Excel or WPS on another computer, a sync
 * program bringing a colleague's version, a file made where a new one goes): replacing the
 * file now would lose it. The lock keeps other gongfang commands out, not them. The file's
 * content is judged by its device, inode, size and modification time: a change of mode or a
 * new hard link (ctime) is not a change of the workbook.
 */
function refuseIfChangedMeanwhile(target: WriteTarget, now: fs.Stats | null): void {
  const was = target.before;
  const same =
    was === null
      ? now === null
      : now !== null &&
        was.dev === now.dev &&
        was.ino === now.ino &&
        was.size === now.size &&
        was.mtimeMs === now.mtimeMs;
  if (!same) throw new WorkbookFileError('fileChangedMeanwhile', { file: target.label });
}

/** A full disk (or quota, or file size limit) is worded as such; other failures as they are. */
function writeFailure(error: unknown, label: string): Error {
  if (error instanceof WorkbookFileError || error instanceof Interrupted) return error;
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new WorkbookFileError('fileDiskFull', { file: label, detail: errorDetail(error) });
  }
  return new WorkbookFileError('cliCannotWrite', { file: label, detail: errorDetail(error) });
}

/**
 * GONGFANG_SLOW_DISK_MS: a pause between the finished copy and the replacing, as a slow or
 * network disk would make. The tests use it to interrupt a command at that moment, which a
 * fast local disk makes a matter of microseconds.
 */
function slowDiskMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.GONGFANG_SLOW_DISK_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

/**
 * Creates the temporary folder (0700) and file (0600), owner-only until the copy is complete;
 * returns the mode a new file would normally get here.
 */
function createPrivate(
  folder: string,
  temporary: string,
  target: WriteTarget,
  held: HeldFiles,
): number {
  let fd: number;
  try {
    fs.mkdirSync(folder, { mode: 0o700 });
    held.addTemporary(folder);
    fd = fs.openSync(temporary, 'wx', 0o666);
  } catch (error) {
    if (errorCode(error) === 'EACCES' || errorCode(error) === 'EROFS') {
      throw new WorkbookFileError('cliReadOnly', { file: target.label });
    }
    throw new WorkbookFileError('cliCannotWrite', {
      file: target.label,
      detail: errorDetail(error),
    });
  }
  try {
    // Created 0666 so the umask shows what a new workbook would get; private until complete.
    const umasked = fs.fstatSync(fd).mode & 0o777;
    withModes(() => fs.fchmodSync(fd, 0o600));
    return umasked;
  } finally {
    fs.closeSync(fd);
  }
}

/** Gives the temporary file the workbook's owner, group and mode; false when not allowed. */
function takeOwnership(temporary: string, before: fs.Stats): boolean {
  const mine = fs.statSync(temporary);
  if (mine.uid !== before.uid || mine.gid !== before.gid) {
    try {
      fs.chownSync(temporary, before.uid, before.gid);
    } catch {
      return false;
    }
  }
  // After chown, which clears set-id bits.
  withModes(() => fs.chmodSync(temporary, before.mode & 0o7777));
  return true;
}

/**
 * Sets a mode on our own temporary file, where the file system keeps modes. A USB stick's FAT
 * or exFAT has none: Linux refuses a change there (EPERM, or ENOSYS through FUSE), and every
 * file shows the mount's one mode, so there is nothing to keep or protect.
 */
function withModes(setMode: () => void): void {
  try {
    setMode();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOSYS' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') {
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing in place, without ever leaving a damaged workbook

/** Linux f_type of copy-on-write file systems, where even an overwrite takes new space. */
const COPY_ON_WRITE_FILE_SYSTEMS = new Set([
  0x9123683e, // btrfs
  0x2fc12fc1, // zfs
  0xca451a4e, // bcachefs
  0x3434, // nilfs
]);

/**
 * Writes the finished copy over the workbook's own file (kept for hard links and another
 * owner) so that a failure at any point leaves a whole workbook, old or new:
 * 1. the space the new workbook needs beyond the old one is reserved first, by writing the new
 *    workbook's tail past the old end (and the holes of a sparse file with the zeros they
 *    hold), then flushed; if the disk cannot take it, the file is cut back to its old length,
 *    which is the old workbook, and the message says the disk is full;
 * 2. on a copy-on-write file system, where even an overwrite takes new space, free space for a
 *    whole copy is required first;
 * 3. only then is the new workbook written over the old one, in space already the file's,
 *    trimmed, flushed and read back;
 * 4. should that fail all the same, the old workbook (read in step 1) is written back; should
 *    that fail too, the complete copy is kept beside the workbook and the message says where.
 */
function replaceInPlace(copy: string, target: WriteTarget): void {
  const workbook = fs.readFileSync(copy);
  const fd = fs.openSync(target.real, 'r+');
  try {
    const original = readWhole(fd);
    reserveSpace(fd, copy, target, original, workbook);
    try {
      writeAt(fd, workbook, 0);
      fs.ftruncateSync(fd, workbook.length);
      fs.fsyncSync(fd);
      if (!readWhole(fd).equals(workbook)) throw new Error('the workbook read back differs');
    } catch (error) {
      putBack(fd, original, copy, target, error);
      throw writeFailure(error, target.label);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes room for `workbook` in the file holding `original`, or leaves it exactly as it was. */
function reserveSpace(
  fd: number,
  copy: string,
  target: WriteTarget,
  original: Buffer,
  workbook: Buffer,
): void {
  const growth = Math.max(0, workbook.length - original.length);
  const stat = fs.fstatSync(fd);
  const sparse =
    typeof stat.blocks === 'number' && stat.blocks > 0 && stat.blocks * 512 < stat.size;
  const copyOnWrite = fileSystemType(target.real);
  if (copyOnWrite !== null && COPY_ON_WRITE_FILE_SYSTEMS.has(copyOnWrite)) {
    const free = freeBytes(target.real);
    if (free !== null && free < workbook.length + growth) {
      throw new WorkbookFileError('fileDiskFull', {
        file: target.label,
        detail: `${Math.ceil((workbook.length + growth - free) / 1024)} KB more needed`,
      });
    }
  }
  try {
    // The same bytes again: holes get their blocks, the content stays what it was.
    if (sparse) writeAt(fd, original, 0);
    if (growth > 0) writeAt(fd, workbook.subarray(original.length), original.length);
    fs.fsyncSync(fd);
  } catch (error) {
    try {
      fs.ftruncateSync(fd, original.length);
      fs.fsyncSync(fd);
    } catch {
      // Cutting a file shorter takes no space; should it fail, the read-back below says so.
    }
    if (!readWhole(fd).equals(original)) putBack(fd, original, copy, target, error);
    throw writeFailure(error, target.label);
  }
}

/** After a failed overwrite: the old workbook back, or the complete copy kept, named. */
function putBack(
  fd: number,
  original: Buffer,
  copy: string,
  target: WriteTarget,
  failure: unknown,
): void {
  try {
    writeAt(fd, original, 0);
    fs.ftruncateSync(fd, original.length);
    fs.fsyncSync(fd);
    if (readWhole(fd).equals(original)) return;
  } catch {
    // The copy is kept below.
  }
  const kept = keptCopyName(target.real);
  fs.renameSync(copy, kept);
  throw new WorkbookFileError('fileInPlaceFailed', {
    file: target.label,
    copy: kept,
    detail: errorDetail(failure),
  });
}

/** "ledger (gongfang copy 20261201-100304).xlsx" beside the workbook. */
function keptCopyName(real: string): string {
  const extension = path.extname(real);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(
    path.dirname(real),
    `${nameStem(path.basename(real, extension))} (gongfang copy ${stamp})${extension}`,
  );
}

function readWhole(fd: number): Buffer {
  const size = fs.fstatSync(fd).size;
  const buffer = Buffer.alloc(size);
  let done = 0;
  while (done < size) {
    const read = fs.readSync(fd, buffer, done, size - done, done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

function writeAt(fd: number, data: Buffer, position: number): void {
  let written = 0;
  while (written < data.length) {
    written += fs.writeSync(fd, data, written, data.length - written, position + written);
  }
}

function fileSystemType(file: string): number | null {
  try {
    return fs.statfsSync(file).type;
  } catch {
    return null;
  }
}

function freeBytes(file: string): number | null {
  try {
    const stat = fs.statfsSync(file);
    return stat.bavail * stat.bsize;
  } catch {
    return null;
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename durable; folders cannot be opened for syncing on every system. */
function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows: the rename is durable enough once the file itself is synced.
  }
}

// ---------------------------------------------------------------------------------------------

export function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

export function errorCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
