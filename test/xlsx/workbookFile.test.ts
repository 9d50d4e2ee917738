/**
 * The pieces of src/xlsx/workbookFile.ts and workbookLock.ts in this process, on real files:
 * failures while writing, links, the lock between two holders, stale and damaged locks, and
 * reading Office lock files. test/cli/disk.test.ts runs the same through the built command.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkbookFileError } from '../../src/xlsx/fileError';
import { HeldFiles, releaseEverything } from '../../src/xlsx/heldFiles';
import {
  checkOutputName,
  findOfficeLock,
  libreOfficeUser,
  ownerFileUser,
  resolveWriteTarget,
  writeSafely,
} from '../../src/xlsx/workbookFile';
import type { WriteTarget } from '../../src/xlsx/workbookFile';
import { fileLockOf, lockFileOf, lockWorkbook } from '../../src/xlsx/workbookLock';
import type { LockOptions } from '../../src/xlsx/workbookLock';
import type { ProcessProbe } from '../../src/xlsx/leftovers';
import { rememberWritten, unchangedSinceWritten } from '../../src/xlsx/writtenFiles';
import { tempFolder } from '../cli/helpers';

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-file-');
});
afterEach(() => {
  releaseEverything();
  fs.rmSync(folder, { recursive: true, force: true });
});

const at = (name: string) => path.join(folder, name);

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<WorkbookFileError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as WorkbookFileError;
  }
  throw new Error('expected a failure');
}

describe('writeSafely', () => {
  test('a write that fails half-way leaves the workbook as it was, and nothing beside it', async () => {
    fs.writeFileSync(at('ledger.xlsx'), 'the old workbook');
    const held = new HeldFiles();
    const target = resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx');
    const error = await failure(
      writeSafely(target, held, async (temporary) => {
        fs.writeFileSync(temporary, 'half a');
        throw new Error('disk full');
      }),
    );
    expect(error.key).toBe('cliCannotWrite');
    expect(error.render('en')).toContain('disk full');
    expect(fs.readFileSync(at('ledger.xlsx'), 'utf8')).toBe('the old workbook');
    expect(fs.readdirSync(folder)).toEqual(['ledger.xlsx']);
    expect(held.writing).toBe(false);
  });

  test('a new file gets the mode new files get here; an existing one keeps its own', async () => {
    const held = new HeldFiles();
    const fresh = resolveWriteTarget(at('new.xlsx'), 'new.xlsx');
    await writeSafely(fresh, held, async (temporary) => fs.writeFileSync(temporary, 'new'));
    const probe = at('probe');
    fs.writeFileSync(probe, '');
    expect(fs.statSync(at('new.xlsx')).mode & 0o777).toBe(fs.statSync(probe).mode & 0o777);

    fs.writeFileSync(at('payroll.xlsx'), 'old');
    fs.chmodSync(at('payroll.xlsx'), 0o640);
    const payroll = resolveWriteTarget(at('payroll.xlsx'), 'payroll.xlsx');
    await writeSafely(payroll, held, async (temporary) => fs.writeFileSync(temporary, 'newer'));
    expect(fs.statSync(at('payroll.xlsx')).mode & 0o777).toBe(0o640);
    expect(fs.readFileSync(at('payroll.xlsx'), 'utf8')).toBe('newer');
  });

  test('a link to a link to a file not there yet: the file is created, the links stay', async () => {
    fs.mkdirSync(at('real'));
    fs.symlinkSync('real/ledger.xlsx', at('middle.xlsx'));
    fs.symlinkSync('middle.xlsx', at('ledger.xlsx'));
    const target = resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx');
    expect(target.real).toBe(path.join(fs.realpathSync(folder), 'real', 'ledger.xlsx'));
    await writeSafely(target, new HeldFiles(), async (temporary) =>
      fs.writeFileSync(temporary, 'made'),
    );
    expect(fs.lstatSync(at('ledger.xlsx')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(at('middle.xlsx')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(at('real/ledger.xlsx'), 'utf8')).toBe('made');
  });

  test('a file opened in Excel while the copy was written is not replaced', async () => {
    fs.writeFileSync(at('ledger.xlsx'), 'old');
    const target = resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx');
    const error = await failure(
      writeSafely(target, new HeldFiles(), async (temporary) => {
        fs.writeFileSync(temporary, 'new');
        fs.writeFileSync(at('~$ledger.xlsx'), Buffer.from([3, 0x41, 0x6e, 0x6e]));
      }),
    );
    expect(error.key).toBe('fileOpenInOffice');
    expect(error.render('en')).toContain('(Ann)');
    expect(fs.readFileSync(at('ledger.xlsx'), 'utf8')).toBe('old');
    expect(fs.readdirSync(folder).sort()).toEqual(['ledger.xlsx', '~$ledger.xlsx']);
  });
});

interface WriteCall {
  readonly position: number;
  readonly length: number;
  /** 1 for the first write into the file, 2 for the next… */
  readonly attempt: number;
}

/**
 * The workbook's own file, written in place (a hard link), on a disk that behaves as `disk`
 * says: how many bytes of a write go through (a short write), or an error. A fault-injecting
 * layer over fs.writeSync for that file only, so the test runs wherever the suite does
 * (test/cli/fullDisk.test.ts fills a real small disk).
 */
function failingWrites(file: string, disk: (call: WriteCall) => number | NodeJS.ErrnoException) {
  const inode = fs.statSync(file).ino;
  // The module object itself (the import above is a read-only view of it).
  const nodeFs = jest.requireActual<typeof fs>('node:fs');
  const realWrite = nodeFs.writeSync.bind(nodeFs) as (...args: unknown[]) => number;
  let attempt = 0;
  return jest.spyOn(nodeFs, 'writeSync').mockImplementation(((...args: unknown[]) => {
    const [fd, data, offset, length, position] = args as [number, Buffer, number, number, number];
    if (fs.fstatSync(fd).ino !== inode) return realWrite(...args);
    attempt += 1;
    const allowed = disk({ position, length, attempt });
    if (typeof allowed !== 'number') throw allowed;
    return realWrite(fd, data, offset, Math.min(length, allowed), position);
  }) as typeof fs.writeSync);
}

/** A disk on which the file cannot grow past `capacity` bytes. */
function fullAt(capacity: number) {
  return ({ position, length }: WriteCall) =>
    position >= capacity ? diskError('ENOSPC') : Math.min(length, capacity - position);
}

function diskError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write`), { code });
}

describe('writing in place (hard links, another owner) never leaves a damaged workbook', () => {
  const OLD = 'the old workbook '.repeat(100);
  const NEW = 'the new, longer workbook '.repeat(400);

  function hardLinked(): WriteTarget {
    fs.writeFileSync(at('ledger.xlsx'), OLD);
    fs.linkSync(at('ledger.xlsx'), at('copy.xlsx'));
    return resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx');
  }

  const write = async (temporary: string) => fs.writeFileSync(temporary, NEW);

  afterEach(() => jest.restoreAllMocks());

  test('no room for the longer workbook: refused before its bytes are touched', async () => {
    const target = hardLinked();
    // The disk takes 100 bytes past the old end, then is full.
    failingWrites(target.real, fullAt(OLD.length + 100));
    const error = await failure(writeSafely(target, new HeldFiles(), write));
    expect(error.key).toBe('fileDiskFull');
    expect(error.render('en')).toContain('The workbook is unchanged. Free some space');
    expect(error.render('zh-CN')).toContain('工作簿保持不变');
    expect(fs.readFileSync(at('copy.xlsx'), 'utf8')).toBe(OLD);
    expect(fs.statSync(at('ledger.xlsx')).nlink).toBe(2);
    expect(fs.readdirSync(folder).sort()).toEqual(['copy.xlsx', 'ledger.xlsx']);
    jest.restoreAllMocks();
    // Run again (a new command: the refused attempt's reserving left a new modification time).
    await writeSafely(resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx'), new HeldFiles(), write);
    expect(fs.readFileSync(at('copy.xlsx'), 'utf8')).toBe(NEW);
  });

  test('an overwrite failing half-way all the same: the old workbook is written back', async () => {
    const target = hardLinked();
    // Reserving works (one write past the old end); the overwrite from byte 0 stops after 500
    // bytes; writing the old workbook back works.
    failingWrites(target.real, ({ attempt, length }) =>
      attempt === 2 ? 500 : attempt === 3 ? diskError('EIO') : length,
    );
    const error = await failure(writeSafely(target, new HeldFiles(), write));
    expect(error.key).toBe('cliCannotWrite');
    expect(error.render('en')).toContain('the original is unchanged: EIO');
    expect(fs.readFileSync(at('copy.xlsx'), 'utf8')).toBe(OLD);
    expect(fs.readdirSync(folder).sort()).toEqual(['copy.xlsx', 'ledger.xlsx']);
  });

  test('when even that fails, the complete new workbook is kept beside it and named', async () => {
    const target = hardLinked();
    // Writing the old workbook back stops half-way too.
    failingWrites(target.real, ({ attempt, length }) =>
      attempt === 2 || attempt === 4 ? 500 : attempt >= 3 ? diskError('EIO') : length,
    );
    const error = await failure(writeSafely(target, new HeldFiles(), write));
    expect(error.key).toBe('fileInPlaceFailed');
    const kept = fs.readdirSync(folder).filter((name) => name.includes('(gongfang copy '));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(at(kept[0] ?? ''), 'utf8')).toBe(NEW);
    expect(error.render('en')).toContain(
      `The complete new workbook is saved as "${at(kept[0] ?? '')}"`,
    );
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.gongfang-tmp'))).toEqual([]);
  });

  test('a sparse workbook: filling its holes fails without changing a byte', async () => {
    fs.truncateSync(hardLinked().real, 1024 * 1024);
    const target = resolveWriteTarget(at('ledger.xlsx'), 'ledger.xlsx');
    const before = fs.readFileSync(target.real);
    failingWrites(target.real, fullAt(0));
    const error = await failure(writeSafely(target, new HeldFiles(), write));
    expect(error.key).toBe('fileDiskFull');
    expect(fs.readFileSync(at('copy.xlsx')).equals(before)).toBe(true);
  });
});

describe('checkOutputName', () => {
  test.each([
    ['out.xlsx', undefined, null],
    ['out.XLSX', 'in.xlsx', null],
    ['out.xlsm', 'in.xlsm', null],
    ['out.bak', 'in.xlsx', null],
    ['out.xls', undefined, '.xlsx'],
    ['out.csv', 'in.xlsx', '.xlsx'],
    ['out.xlsm', 'in.xlsx', '.xlsx'],
    ['out.xlsx', 'in.xlsm', '.xlsm'],
  ])('%s from %s', async (out, source, expected) => {
    const run = () => checkOutputName(out, out, source);
    if (expected === null) {
      expect(run).not.toThrow();
    } else {
      const error = await failure(run);
      expect(error.key).toBe('fileOutFormat');
      expect(error.render('en')).toContain(`saved as a ${expected} file`);
    }
  });
});

describe('Office lock files', () => {
  test('an Excel owner file names its user from the UTF-16 copy (Chinese names) or the ANSI one', () => {
    const chinese = Buffer.alloc(162, 0x20);
    chinese[0] = 2;
    chinese.write('??', 1, 'latin1');
    chinese.writeUInt16LE(2, 54);
    chinese.write('李四', 56, 'utf16le');
    expect(ownerFileUser(chinese)).toBe('李四');
    expect(ownerFileUser(Buffer.from([5, ...Buffer.from('Alice')]))).toBe('Alice');
    expect(ownerFileUser(Buffer.alloc(0))).toBe('');
  });

  test('a LibreOffice lock names the author, else the system user, with the computer', () => {
    expect(libreOfficeUser('Wang Fang,wf,office-pc,01.12.2026 10:00,file:///x;')).toBe(
      'Wang Fang@office-pc',
    );
    expect(libreOfficeUser(',wf,office-pc,01.12.2026 10:00,file:///x;')).toBe('wf@office-pc');
  });

  test('long names: Office may shorten the owner file by the first two characters', () => {
    fs.writeFileSync(at('~$nthly-ledger.xlsx'), Buffer.from([2, 0x4a, 0x6f]));
    expect(findOfficeLock(at('monthly-ledger.xlsx'))).toMatchObject({
      program: 'excel',
      user: 'Jo',
    });
    expect(findOfficeLock(at('other.xlsx'))).toBeNull();
  });

  test('the owner file of a workbook whose name ends this one is that workbook’s', () => {
    // 工坊台账.xlsx open in Excel; its backup 备份工坊台账.xlsx is not.
    fs.writeFileSync(at('工坊台账.xlsx'), '');
    fs.writeFileSync(at('备份工坊台账.xlsx'), '');
    fs.writeFileSync(at('~$工坊台账.xlsx'), Buffer.from([2, 0x4a, 0x6f]));
    expect(findOfficeLock(at('工坊台账.xlsx'))).toMatchObject({ program: 'excel', user: 'Jo' });
    expect(findOfficeLock(at('备份工坊台账.xlsx'))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

function lockOptions(waitMs: number, command = 'gongfang test'): LockOptions {
  return {
    waitMs,
    command,
    formatSince: (since) => since.toISOString(),
    label: 'ledger.xlsx',
  };
}

describe('lockWorkbook', () => {
  test('a second holder waits for the first to let go', async () => {
    const file = at('ledger.xlsx');
    const first = new HeldFiles();
    await lockWorkbook(file, first, lockOptions(0));
    const second = new HeldFiles();
    let secondHasIt = false;
    const waiting = lockWorkbook(file, second, lockOptions(10_000)).then(() => {
      secondHasIt = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondHasIt).toBe(false);
    first.releaseAll();
    await waiting;
    expect(secondHasIt).toBe(true);
    second.releaseAll();
    expect(fs.existsSync(lockFileOf(file))).toBe(false);
  });

  test('after the wait, the message names the holder; the holder keeps its lock', async () => {
    const file = at('ledger.xlsx');
    const first = new HeldFiles();
    await lockWorkbook(file, first, lockOptions(0, 'gongfang close ledger.xlsx'));
    const error = await failure(lockWorkbook(file, new HeldFiles(), lockOptions(200)));
    expect(error.key).toBe('fileLockHeld');
    const text = error.render('en');
    expect(text).toContain(`user ${os.userInfo().username}`);
    expect(text).toContain(`process ${process.pid} (gongfang close ledger.xlsx)`);
    expect(text).not.toContain('delete the lock file');
    expect(fs.existsSync(lockFileOf(file))).toBe(true);
    first.releaseAll();
  });

  test('a lock left by a dead process, and a damaged old one, are taken over', async () => {
    const file = at('ledger.xlsx');
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout,
    );
    const record = {
      user: 'x',
      host: os.hostname(),
      pid: dead,
      command: 'c',
      since: '',
      token: 't',
    };
    fs.writeFileSync(lockFileOf(file), JSON.stringify(record));
    const held = new HeldFiles();
    await lockWorkbook(file, held, lockOptions(0));
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    held.releaseAll();

    fs.writeFileSync(lockFileOf(file), '{"user":');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFileOf(file), old, old);
    await lockWorkbook(file, held, lockOptions(0));
    held.releaseAll();
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  // The holder's process number is alive in every case: whether it is the holder's own
  // process is what the probe's start and boot times say (src/xlsx/leftovers.ts).
  const HOUR = 3600_000;
  const holderAt = (since: number) => ({
    user: 'wang.fang',
    host: os.hostname(),
    pid: 4242,
    command: 'gongfang close ledger.xlsx',
    since: new Date(since).toISOString(),
    token: 'someone-else',
  });
  const probe = (started: number | null, boot: number | null): ProcessProbe => ({
    alive: () => true,
    startTime: () => started,
    bootTime: () => boot,
  });

  test.each([
    ['a process started after the lock was taken', Date.now() - 10 * 60_000, null],
    ['any process, after a restart since the lock was taken', null, Date.now() - 10 * 60_000],
  ])('a live process number is not the holder: %s: taken over', async (_case, started, boot) => {
    const file = at('ledger.xlsx');
    fs.writeFileSync(lockFileOf(file), JSON.stringify(holderAt(Date.now() - 2 * HOUR)));
    const held = new HeldFiles();
    await lockWorkbook(file, held, { ...lockOptions(0), probe: probe(started, boot) });
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    held.releaseAll();
  });

  test('a holder that started before its lock, after the restart, holds it', async () => {
    const file = at('ledger.xlsx');
    const since = Date.now() - 60_000;
    fs.writeFileSync(lockFileOf(file), JSON.stringify(holderAt(since)));
    const options = { ...lockOptions(0), probe: probe(since - 200, since - HOUR) };
    const held = new HeldFiles();
    const error = await failure(lockWorkbook(file, held, options));
    held.releaseAll();
    expect(error.key).toBe('fileLockHeld');
    // A minute is a command's time: its lock is not to be deleted.
    expect(error.render('en')).not.toContain('delete the lock file');
    expect(JSON.parse(fs.readFileSync(lockFileOf(file), 'utf8'))).toMatchObject({ pid: 4242 });
  });

  test('a lock held over an hour, whose holder cannot be told apart, may be deleted', async () => {
    const file = at('ledger.xlsx');
    fs.writeFileSync(lockFileOf(file), JSON.stringify(holderAt(Date.now() - 2 * HOUR)));
    // No start time (Windows, macOS) and no restart since: the lock is kept, and the message
    // says the lock file may be deleted if that command is surely gone.
    const options = { ...lockOptions(0), probe: probe(null, null) };
    const held = new HeldFiles();
    const error = await failure(lockWorkbook(file, held, options));
    held.releaseAll();
    expect(error.render('en')).toContain(`delete the lock file "${lockFileOf(file)}"`);
    expect(error.render('zh-CN')).toContain(`可删除锁文件「${lockFileOf(file)}」`);
    expect(fs.existsSync(lockFileOf(file))).toBe(true);
  });

  test('one lock per file: a holder on one name keeps a holder on its hard link waiting', async () => {
    const env = { GONGFANG_LOCK_DIR: at('locks') };
    fs.writeFileSync(at('ledger.xlsx'), 'workbook');
    fs.mkdirSync(at('office'));
    fs.linkSync(at('ledger.xlsx'), at('office/ledger.xlsx'));
    const first = new HeldFiles();
    await lockWorkbook(at('ledger.xlsx'), first, { ...lockOptions(0), env });
    const lock = fileLockOf(at('office/ledger.xlsx'), env);
    expect(lock).toBe(fileLockOf(at('ledger.xlsx'), env));
    expect(JSON.parse(fs.readFileSync(lock ?? '', 'utf8'))).toMatchObject({
      pid: process.pid,
      workbook: at('ledger.xlsx'),
    });
    // The folder is shared by every user, as /tmp.
    expect(fs.statSync(at('locks')).mode & 0o7777).toBe(0o1777);
    const error = await failure(
      lockWorkbook(at('office/ledger.xlsx'), new HeldFiles(), { ...lockOptions(150), env }),
    );
    expect(error.key).toBe('fileLockHeld');
    expect(error.render('en')).toContain(`(through "${at('ledger.xlsx')}", another name`);
    const second = new HeldFiles();
    const waiting = lockWorkbook(at('office/ledger.xlsx'), second, {
      ...lockOptions(10_000),
      env,
    });
    first.releaseAll();
    await waiting;
    second.releaseAll();
    expect(fs.readdirSync(at('locks'))).toEqual([]);
  });

  test('a lock folder that is a symbolic link is refused, saying what to do', async () => {
    fs.writeFileSync(at('ledger.xlsx'), 'workbook');
    fs.mkdirSync(at('elsewhere'));
    fs.symlinkSync('elsewhere', at('locks'));
    const env = { GONGFANG_LOCK_DIR: at('locks') };
    const error = await failure(
      lockWorkbook(at('ledger.xlsx'), new HeldFiles(), { ...lockOptions(0), env }),
    );
    expect(error.key).toBe('fileLockFolder');
    expect(error.render('en')).toContain('GONGFANG_LOCK_DIR');
    expect(fs.readdirSync(at('elsewhere'))).toEqual([]);
  });

  test('a damaged but fresh lock is being written by someone: wait, do not take it', async () => {
    const file = at('ledger.xlsx');
    fs.writeFileSync(lockFileOf(file), '');
    const error = await failure(lockWorkbook(file, new HeldFiles(), lockOptions(150)));
    expect(error.key).toBe('fileLockHeld');
    expect(fs.readFileSync(lockFileOf(file), 'utf8')).toBe('');
  });
});

describe('writtenFiles', () => {
  test('a file is unchanged until a byte changes; an unknown file counts as changed', () => {
    const env = { XDG_STATE_HOME: at('state') };
    fs.writeFileSync(at('demo.xlsx'), 'demo');
    expect(unchangedSinceWritten(env, at('demo.xlsx'))).toBe(false);
    rememberWritten(env, at('demo.xlsx'), new Date());
    expect(unchangedSinceWritten(env, at('demo.xlsx'))).toBe(true);
    fs.writeFileSync(at('demo.xlsx'), 'dema');
    expect(unchangedSinceWritten(env, at('demo.xlsx'))).toBe(false);
  });
});
