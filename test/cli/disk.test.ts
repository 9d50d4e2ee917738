/**
 * The workbook on disk (docs/files.md), with the built command in real processes on real
 * files: mode and owner kept (we run as root in CI, so chown to another uid is real), symbolic
 * and hard links, --out onto a FIFO/device/folder, the lock between two commands (a live
 * holder, a stale one, two commands at once), a command killed mid-write, files open in Excel,
 * WPS or LibreOffice, other formats, and the demo that must not overwrite a real ledger.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program';
import { localTime } from '../../src/cli/session';
import { t } from '../../src/i18n';
import {
  BUILT_CLI,
  cliEnv,
  copyBuiltCommand,
  fileHash,
  gongfang,
  readBack,
  sheet,
  tempFolder,
} from './helpers';

// Every test runs the built command several times, some on a large workbook; on a shared,
// loaded machine one run can take tens of seconds.
jest.setTimeout(300_000);

const TODAY = '2026-11-28';
const isRoot = process.getuid?.() === 0;
/** LibreOffice headless, to save real .xls files; its test is skipped (and says so) without it. */
const hasSoffice = spawnSync('which', ['soffice']).status === 0;
const withSoffice = hasSoffice ? test : test.skip;
let folder: string;
/** The demo ledger and the big ledger, made once for the file and copied into each test. */
let made: string;
let bigMade: string | null = null;

beforeAll(() => {
  made = tempFolder('gongfang-disk-made-');
  const result = gongfang(['demo', '--today', TODAY, '--out', 'ledger.xlsx'], { cwd: made });
  expect(result.stderr).toBe('');
});
afterAll(() => {
  fs.rmSync(made, { recursive: true, force: true });
});
beforeEach(() => {
  folder = tempFolder('gongfang-disk-');
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function at(name: string): string {
  return path.join(folder, name);
}

/** The demo workbook (English) at `name`, as a ledger to work on. */
function demo(name = 'ledger.xlsx'): string {
  fs.copyFileSync(path.join(made, 'ledger.xlsx'), at(name));
  return at(name);
}

/** Runs the program in this process (for messages, where a process adds nothing but time). */
async function inProcess(args: readonly string[], lang: 'en' | 'zh' = 'en') {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const code = await runCli(args, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: cliEnv(lang),
    cwd: folder,
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

async function tabNames(file: string): Promise<string[]> {
  return (await readBack(file)).worksheets.map((sheet) => sheet.name);
}

/** Files gongfang leaves only while it runs: temporary copies and its lock. */
function leftovers(): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.gongfang-tmp') || name.includes('gongfang-lock'));
}

/**
 * The built command as another user can run it: a copy in the test folder (world-readable,
 * unlike a clone inside a 0700 home folder), or the reason it cannot (node itself, or the
 * temporary folder, out of that user's reach).
 */
function commandForOtherUser(uid: number, gid: number): { cli: string } | { skip: string } {
  const cli = at('gongfang.js');
  copyBuiltCommand(folder);
  const probe = spawnSync(process.execPath, [cli, '--version'], {
    cwd: folder,
    uid,
    gid,
    env: cliEnv('en', { HOME: folder }),
    encoding: 'utf8',
  });
  if (probe.status === 0) return { cli };
  const reason = probe.error?.message ?? probe.stderr.trim();
  return { skip: `user ${uid} cannot run ${process.execPath} ${cli}: ${reason}` };
}

/**
 * A colleague's generate of shared.xlsx: user 4242 of the workbook's group 4300, running a copy
 * of the command they can reach (the repository may be cloned inside a private, 0700, folder).
 */
function colleagueGenerates(
  command: { cli: string },
  lang: 'en' | 'zh' = 'en',
  env: Record<string, string> = {},
) {
  return spawnSync(
    process.execPath,
    [command.cli, 'generate', 'shared.xlsx', '--month', '2026-10'],
    {
      cwd: folder,
      uid: 4242,
      gid: 4300,
      env: cliEnv(lang, { HOME: folder, ...env }),
      encoding: 'utf8',
    },
  );
}

describe('replacing the workbook keeps what the file was', () => {
  test('a 0600 workbook stays 0600 and keeps its owner and group', async () => {
    const file = demo();
    fs.chmodSync(file, 0o600);
    if (isRoot) fs.chownSync(file, 4242, 4343);
    const before = fs.statSync(file);
    const result = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(result.code).toBe(0);
    const after = fs.statSync(file);
    expect(after.mode & 0o7777).toBe(0o600);
    expect({ uid: after.uid, gid: after.gid }).toEqual({ uid: before.uid, gid: before.gid });
    if (isRoot) expect({ uid: after.uid, gid: after.gid }).toEqual({ uid: 4242, gid: 4343 });
    expect(await tabNames(file)).toContain('Payout 2026-10');
    expect(leftovers()).toEqual([]);
  });

  (isRoot ? test : test.skip)(
    'a shared workbook written by a colleague (not its owner) keeps its owner: written in place',
    async () => {
      const file = demo('shared.xlsx');
      fs.chmodSync(folder, 0o777);
      fs.chownSync(file, 0, 4300);
      fs.chmodSync(file, 0o660);
      const inode = fs.statSync(file).ino;
      // A real process of another user, in the workbook's group, running a copy of the command
      // it can reach: the repository may be cloned inside a private (0700) folder.
      const command = commandForOtherUser(4242, 4300);
      if ('skip' in command) {
        console.log(`shared-workbook test skipped: ${command.skip}`);
        return;
      }
      const result = colleagueGenerates(command);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const after = fs.statSync(file);
      expect({ uid: after.uid, gid: after.gid, mode: after.mode & 0o777, ino: after.ino }).toEqual({
        uid: 0,
        gid: 4300,
        mode: 0o660,
        ino: inode,
      });
      expect(await tabNames(file)).toContain('Payout 2026-10');
      expect(leftovers()).toEqual([]);
    },
  );

  // The shared lock folder is sticky, as /tmp: a killed run's lock there can be removed by its
  // own user only. Another user's command said "Unexpected error: ENOTDIR" (rmSync's fallback
  // after EPERM); it now says whom to ask.
  (isRoot ? test : test.skip)(
    "another user's lock, left in the shared lock folder by a killed run: refused, saying whom to ask",
    () => {
      const file = demo('shared.xlsx');
      fs.chmodSync(folder, 0o777);
      fs.chownSync(file, 4242, 4300);
      const locks = at('locks');
      fs.mkdirSync(locks);
      fs.chmodSync(locks, 0o1777);
      const stat = fs.statSync(file, { bigint: true });
      const lock = path.join(locks, `${stat.dev}-${stat.ino}.lock`);
      fs.writeFileSync(lock, JSON.stringify({ ...holderRecord(deadPid()), user: 'li.ming' }));
      fs.chownSync(lock, 4300, 4300);
      const command = commandForOtherUser(4242, 4300);
      if ('skip' in command) {
        console.log(`shared lock folder test skipped: ${command.skip}`);
        return;
      }
      const before = fileHash(file);
      const said = {
        en: `a gongfang command of user li.ming stopped without removing its lock file, and only li.ming (or whoever looks after the computer) may delete another user's lock in the shared folder. Ask them to delete "${lock}"`,
        zh: `用户 li.ming 的一个 gongfang 命令中途停止，留下了锁文件，而共用文件夹里别人的锁文件只有 li.ming 本人（或电脑管理员）能删除。请让他们删除「${lock}」`,
      };
      for (const lang of ['en', 'zh'] as const) {
        const result = colleagueGenerates(command, lang, { GONGFANG_LOCK_DIR: locks });
        expect({ lang, status: result.status }).toEqual({ lang, status: 2 });
        expect(result.stderr).toContain(said[lang]);
      }
      expect(fileHash(file)).toBe(before);
      expect(fs.readdirSync(locks)).toEqual([path.basename(lock)]);
      // Whoever may remove it (here the computer's administrator) takes it over.
      const admin = gongfang(['generate', 'shared.xlsx', '--month', '2026-10'], {
        cwd: folder,
        env: { GONGFANG_LOCK_DIR: locks },
      });
      expect(admin.stderr).toBe('');
      expect(admin.code).toBe(0);
      expect(fs.readdirSync(locks)).toEqual([]);
      expect(leftovers()).toEqual([]);
    },
  );

  // A folder shared by two users: one's killed run left its private copy (0700), which the
  // other cannot remove. Their command said "Unexpected error: EACCES"; it now writes.
  (isRoot ? test : test.skip)(
    "another user's temporary copy left by a killed run does not stop a command",
    async () => {
      const file = demo('shared.xlsx');
      fs.chmodSync(folder, 0o777);
      fs.chownSync(file, 4242, 4300);
      const leftover = at(`.shared.xlsx.${deadPid()}.0ther000.gongfang-tmp`);
      fs.mkdirSync(leftover, { mode: 0o700 });
      fs.copyFileSync(file, path.join(leftover, 'shared.xlsx'));
      fs.chownSync(path.join(leftover, 'shared.xlsx'), 4300, 4300);
      fs.chownSync(leftover, 4300, 4300);
      const command = commandForOtherUser(4242, 4300);
      if ('skip' in command) {
        console.log(`other user's leftover test skipped: ${command.skip}`);
        return;
      }
      const result = colleagueGenerates(command);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(await tabNames(file)).toContain('Payout 2026-10');
      // Left for its owner's next command, private as it was.
      expect(fs.readdirSync(leftover)).toEqual(['shared.xlsx']);
      // Its owner's next command (here the administrator's) removes it.
      expect(
        gongfang(['generate', 'shared.xlsx', '--month', '2026-09'], { cwd: folder }).code,
      ).toBe(0);
      expect(leftovers()).toEqual([]);
    },
  );

  // The shared lock folder made unwritable for this user (made by hand, or GONGFANG_LOCK_DIR
  // naming a folder of someone else's): the command said the workbook was read-only and to
  // use --out, which needs the same lock.
  (isRoot ? test : test.skip)(
    'a lock folder this user may not write to is named, not the workbook called read-only',
    () => {
      const file = demo('shared.xlsx');
      fs.chmodSync(folder, 0o777);
      fs.chownSync(file, 4242, 4300);
      const locks = at('locks');
      fs.mkdirSync(locks, { mode: 0o755 });
      const command = commandForOtherUser(4242, 4300);
      if ('skip' in command) {
        console.log(`lock folder test skipped: ${command.skip}`);
        return;
      }
      const before = fileHash(file);
      const said = {
        en: `"shared.xlsx" was not written: gongfang cannot use its lock folder "${locks}" (EACCES`,
        zh: `没有写入「shared.xlsx」：无法使用 gongfang 的锁文件夹「${locks}」（EACCES`,
      };
      for (const lang of ['en', 'zh'] as const) {
        const result = colleagueGenerates(command, lang, { GONGFANG_LOCK_DIR: locks });
        expect({ lang, status: result.status }).toEqual({ lang, status: 2 });
        expect(result.stderr).toContain(said[lang]);
        expect(result.stderr).not.toContain('--out');
      }
      expect(fileHash(file)).toBe(before);
      expect(leftovers()).toEqual([]);
    },
  );

  test('through a symbolic link the workbook it names is written; the link stays a link', async () => {
    const file = demo('real.xlsx');
    fs.mkdirSync(at('shortcuts'));
    fs.symlinkSync('../real.xlsx', at('shortcuts/ledger.xlsx'));
    const result = gongfang(['generate', 'shortcuts/ledger.xlsx', '--month', '2026-10'], {
      cwd: folder,
    });
    expect(result.code).toBe(0);
    expect(fs.lstatSync(at('shortcuts/ledger.xlsx')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(at('shortcuts/ledger.xlsx'))).toBe('../real.xlsx');
    expect(await tabNames(file)).toContain('Payout 2026-10');
    expect(fs.readdirSync(at('shortcuts'))).toEqual(['ledger.xlsx']);
    expect(leftovers()).toEqual([]);
  });

  test('a hard-linked workbook is written in place: every name sees the new workbook', async () => {
    const file = demo();
    fs.linkSync(file, at('copy-for-office.xlsx'));
    const inode = fs.statSync(file).ino;
    const result = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(result.code).toBe(0);
    expect(fs.statSync(file).ino).toBe(inode);
    expect(fs.statSync(file).nlink).toBe(2);
    expect(await tabNames(at('copy-for-office.xlsx'))).toContain('Payout 2026-10');
    expect(leftovers()).toEqual([]);
  });

  test('--out onto a FIFO, a device or a folder is refused before anything is done', () => {
    demo();
    spawnSync('mkfifo', [at('pipe.xlsx')]);
    fs.mkdirSync(at('folder.xlsx'));
    const cases: [string, string, string][] = [
      ['pipe.xlsx', 'a named pipe (FIFO)', '命名管道'],
      ['/dev/null', 'a device', '设备文件'],
      ['folder.xlsx', 'a folder', '文件夹'],
    ];
    for (const [out, en, zh] of cases) {
      const english = gongfang(['generate', 'ledger.xlsx', '--out', out], { cwd: folder });
      expect({ out, code: english.code }).toEqual({ out, code: 2 });
      expect(english.stderr).toContain(`it is ${en}, not a regular file`);
      const chinese = gongfang(['generate', 'ledger.xlsx', '--out', out], {
        cwd: folder,
        lang: 'zh',
      });
      expect(chinese.stderr).toContain(zh);
    }
    expect(fs.lstatSync(at('pipe.xlsx')).isFIFO()).toBe(true);
    expect(fs.lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(at('folder.xlsx'))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  // A ledger in a folder this user may only read. close, reopen, check --mark / --correct,
  // init and archive write the workbook itself and have no --out, yet were told "or write
  // elsewhere with --out" (gongfang close has no option --out); partners was told --out too,
  // where its option is --out-dir. Only generate and year, whose --out does help, say it.
  test('a read-only workbook: the message suggests only an option the command has', () => {
    fs.mkdirSync(at('ro'));
    fs.copyFileSync(path.join(made, 'ledger.xlsx'), at('ro/ledger.xlsx'));
    fs.mkdirSync(at('ro/reports'));
    const run = readOnlyRunner();
    if ('skip' in run) {
      console.log(`read-only workbook test skipped: ${run.skip}`);
      return;
    }
    const before = fileHash(at('ro/ledger.xlsx'));
    const inPlace = {
      en: 'This command writes the workbook itself: make the file and its folder writable',
      zh: '这个命令要直接写入这个工作簿：请先让您能写入这个文件和它所在的文件夹',
    };
    const cases: [string[], 'en' | 'zh', string][] = [
      [['close', 'ro/ledger.xlsx', '--month', '2026-10', '--force'], 'en', inPlace.en],
      [['reopen', 'ro/ledger.xlsx', '--month', '2026-10', '--reason', 'x'], 'zh', inPlace.zh],
      [['check', 'ro/ledger.xlsx', '--mark'], 'en', inPlace.en],
      [['check', 'ro/ledger.xlsx', '--correct'], 'zh', inPlace.zh],
      [['init', 'ro/ledger.xlsx', '--force'], 'en', inPlace.en],
      [['archive', 'ro/ledger.xlsx', '--year', '2026', '--out', 'archive.xlsx'], 'en', inPlace.en],
      [
        ['partners', 'ro/ledger.xlsx', '--month', '2026-10', '--out-dir', 'ro/reports'],
        'en',
        'or write the reports to another folder with --out-dir.',
      ],
      [['generate', 'ro/ledger.xlsx', '--month', '2026-10'], 'en', 'write elsewhere with --out.'],
      [['year', 'ro/ledger.xlsx', '--year', '2026'], 'zh', '或用 --out 写到另一个文件。'],
    ];
    for (const [args, lang, said] of cases) {
      const result = run(args, lang);
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toContain(said);
      if (!said.includes('--out')) expect(result.stderr).not.toContain('--out');
    }
    expect(fileHash(at('ro/ledger.xlsx'))).toBe(before);
    expect(fs.readdirSync(at('ro/reports'))).toEqual([]);
    expect(fs.existsSync(at('archive.xlsx'))).toBe(false);
  });
});

/**
 * Runs the command as someone who may read the folder `ro` but not write in it: user 4242,
 * running a copy of the command it can reach, when we are root (whom no mode stops); else
 * ourselves, with the folders made read-only.
 */
function readOnlyRunner():
  | ((args: readonly string[], lang: 'en' | 'zh') => { status: number | null; stderr: string })
  | { skip: string } {
  if (!isRoot) {
    fs.chmodSync(at('ro/reports'), 0o555);
    fs.chmodSync(at('ro'), 0o555);
    return (args, lang) => {
      const result = gongfang([...args, '--today', TODAY], { cwd: folder, lang });
      return { status: result.code, stderr: result.stderr };
    };
  }
  // The test folder (0700 from mkdtemp) becomes writable for that user, `ro` only readable.
  fs.chmodSync(folder, 0o777);
  const command = commandForOtherUser(4242, 4300);
  if ('skip' in command) return command;
  return (args, lang) =>
    spawnSync(process.execPath, [command.cli, ...args, '--today', TODAY], {
      cwd: folder,
      uid: 4242,
      gid: 4300,
      env: cliEnv(lang, { HOME: folder }),
      encoding: 'utf8',
    });
}

// ---------------------------------------------------------------------------------------------

function holderRecord(pid: number, host = os.hostname(), since = '2026-12-01T02:03:04.000Z') {
  return {
    user: 'wang.fang',
    host,
    pid,
    command: 'gongfang close ledger.xlsx --month 2026-10',
    since,
    token: 'someone-else',
  };
}

/** Now, to the second (as a lock's time is shown): a live process's lock taken after it started. */
function secondsNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** A process that is alive for the whole test, to stand for another command. */
function liveProcess() {
  return spawn('sleep', ['60'], { stdio: 'ignore' });
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: folder,
    env: cliEnv('en', env),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

describe('one command at a time on a workbook', () => {
  test('a lock held by a running command: wait, then say who holds it, in either language', () => {
    const file = demo();
    const before = fileHash(file);
    const other = liveProcess();
    const since = secondsNow();
    try {
      const lockFile = at('.ledger.xlsx.gongfang-lock');
      fs.writeFileSync(
        lockFile,
        JSON.stringify(holderRecord(other.pid ?? 0, os.hostname(), since.toISOString())),
      );
      const env = { GONGFANG_LOCK_WAIT_SECONDS: '0.5' };
      const started = Date.now();
      const english = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], {
        cwd: folder,
        env,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(english.code).toBe(2);
      for (const part of [
        'in use by another gongfang command',
        'user wang.fang',
        `computer ${os.hostname()}`,
        `process ${other.pid}`,
        'gongfang close ledger.xlsx --month 2026-10',
        `since ${localTime(since, 'Asia/Shanghai')}`,
      ]) {
        expect(english.stderr).toContain(part);
      }
      // Held a moment ago by a process that runs: not to be deleted.
      expect(english.stderr).not.toContain('delete the lock file');
      const chinese = gongfang(['close', 'ledger.xlsx', '--month', '2026-10'], {
        cwd: folder,
        env,
        lang: 'zh',
      });
      expect(chinese.code).toBe(2);
      expect(chinese.stderr).toContain('正被另一个 gongfang 命令使用：用户 wang.fang');
      expect(chinese.stderr).toContain(`进程 ${other.pid}`);
      // The holder's lock is its own: left alone. A plain check does not wait for it.
      expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: other.pid });
      expect(fileHash(file)).toBe(before);
      const check = gongfang(['check', 'ledger.xlsx'], { cwd: folder, env });
      expect(check.stderr).toBe('');
    } finally {
      other.kill();
    }
  });

  test('a lock on another computer says the lock file may be deleted if that command is gone', () => {
    demo();
    fs.writeFileSync(
      at('.ledger.xlsx.gongfang-lock'),
      JSON.stringify(holderRecord(1, 'office-pc')),
    );
    const result = gongfang(['check', 'ledger.xlsx', '--mark'], {
      cwd: folder,
      env: { GONGFANG_LOCK_WAIT_SECONDS: '0' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('computer office-pc');
    expect(result.stderr).toContain('delete the lock file');
  });

  test('a stale lock, whose process is gone, is taken over', async () => {
    demo();
    fs.writeFileSync(at('.ledger.xlsx.gongfang-lock'), JSON.stringify(holderRecord(deadPid())));
    const result = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await tabNames(at('ledger.xlsx'))).toContain('Payout 2026-10');
    expect(leftovers()).toEqual([]);
  });

  // A run killed outright (a power cut, the OOM killer) leaves its locks; its process number
  // goes to another program, at once after a restart. That program is not the lock's holder:
  // it started after the lock was taken (Linux's /proc says when).
  const onLinux = process.platform === 'linux' ? test : test.skip;
  onLinux(
    'a lock whose process number now belongs to a process started after it is taken over',
    async () => {
      demo();
      const other = liveProcess();
      try {
        const lockFile = at('.ledger.xlsx.gongfang-lock');
        fs.writeFileSync(lockFile, JSON.stringify(holderRecord(other.pid ?? 0)));
        const result = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], {
          cwd: folder,
          env: { GONGFANG_LOCK_WAIT_SECONDS: '0' },
        });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(await tabNames(at('ledger.xlsx'))).toContain('Payout 2026-10');
        expect(fs.existsSync(lockFile)).toBe(false);
      } finally {
        other.kill();
      }
    },
  );

  onLinux(
    "a killed run's temporary copy is removed even when its process number is in use again",
    () => {
      const file = demo();
      const other = liveProcess();
      try {
        const leftover = at(`.ledger.xlsx.${other.pid}.k1ll3d.gongfang-tmp`);
        fs.mkdirSync(leftover);
        fs.copyFileSync(file, path.join(leftover, 'ledger.xlsx'));
        const dayAgo = new Date(Date.now() - 24 * 3600_000);
        fs.utimesSync(leftover, dayAgo, dayAgo);
        // A live run's copy, written after its process started, stays.
        const running = at(`.ledger.xlsx.${other.pid}.runn1n.gongfang-tmp`);
        fs.mkdirSync(running);
        const result = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(fs.existsSync(leftover)).toBe(false);
        expect(fs.existsSync(running)).toBe(true);
      } finally {
        other.kill();
      }
    },
  );

  test('two commands at once on one workbook: the second waits, and neither write is lost', async () => {
    demo();
    const env = { GONGFANG_LOCK_WAIT_SECONDS: '120' };
    const first = start(['generate', 'ledger.xlsx', '--month', '2026-09'], env);
    const second = start(['generate', 'ledger.xlsx', '--month', '2026-10'], env);
    const results = await Promise.all([first.done, second.done]);
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const tabs = await tabNames(at('ledger.xlsx'));
    expect(tabs).toEqual(expect.arrayContaining(['Payout 2026-09', 'Payout 2026-10']));
    expect(leftovers()).toEqual([]);
  });

  // One lock per file, not per name: the second command starts while the first holds the
  // workbook (its copy is written, a slow disk keeps it from replacing the file yet), through
  // another name of the same file. Locked by name, both read the old workbook and the first
  // to finish lost its month.
  test.each([
    [
      'a hard link beside it',
      'copy-for-office.xlsx',
      (file: string) => fs.linkSync(file, at('copy-for-office.xlsx')),
    ],
    [
      'a hard link in another folder',
      'office/ledger.xlsx',
      (file: string) => {
        fs.mkdirSync(at('office'));
        fs.linkSync(file, at('office/ledger.xlsx'));
      },
    ],
    ['a symbolic link to it', 'link.xlsx', () => fs.symlinkSync('ledger.xlsx', at('link.xlsx'))],
    ['a path through a linked folder', 'alias/ledger.xlsx', () => fs.symlinkSync('.', at('alias'))],
  ])(
    'two commands at once through %s: the second waits for the first, and both months are there',
    async (_kind, otherName, makeName) => {
      const file = demo();
      makeName(file);
      const first = start(['generate', 'ledger.xlsx', '--month', '2026-09'], {
        GONGFANG_SLOW_DISK_MS: '3000',
        GONGFANG_LOCK_WAIT_SECONDS: '120',
      });
      expect(await temporaryAppears(120_000)).toBe(true);
      const second = start(['generate', otherName, '--month', '2026-10'], {
        GONGFANG_LOCK_WAIT_SECONDS: '120',
      });
      const [one, two] = await Promise.all([first.done, second.done]);
      expect([one.stderr, two.stderr]).toEqual(['', '']);
      expect([one.code, two.code]).toEqual([0, 0]);
      for (const name of ['ledger.xlsx', otherName]) {
        expect(await tabNames(at(name))).toEqual(
          expect.arrayContaining(['Payout 2026-09', 'Payout 2026-10']),
        );
      }
      expect(leftovers()).toEqual([]);
    },
  );

  test('a command waiting in vain on another name of the file says which name the holder used', () => {
    const file = demo();
    fs.linkSync(file, at('copy-for-office.xlsx'));
    const other = liveProcess();
    try {
      const stat = fs.statSync(file, { bigint: true });
      const lockFolder = at('locks');
      fs.mkdirSync(lockFolder);
      fs.writeFileSync(
        path.join(lockFolder, `${stat.dev}-${stat.ino}.lock`),
        JSON.stringify({
          ...holderRecord(other.pid ?? 0, os.hostname(), secondsNow().toISOString()),
          workbook: file,
        }),
      );
      const env = { GONGFANG_LOCK_WAIT_SECONDS: '0.2', GONGFANG_LOCK_DIR: lockFolder };
      const english = gongfang(['generate', 'copy-for-office.xlsx'], { cwd: folder, env });
      expect(english.code).toBe(2);
      expect(english.stderr).toContain(
        `"copy-for-office.xlsx" is in use by another gongfang command (through "${file}", another name of the same file): user wang.fang`,
      );
      const chinese = gongfang(['close', 'copy-for-office.xlsx', '--month', '2026-10'], {
        cwd: folder,
        env,
        lang: 'zh',
      });
      expect(chinese.stderr).toContain(`（通过同一文件的另一个名字「${file}」）`);
    } finally {
      other.kill();
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** The demo with a large tab of staff's own, so that writing it takes a while. */
async function bigLedger(): Promise<string> {
  if (bigMade === null) {
    const book = await readBack(path.join(made, 'ledger.xlsx'));
    const own = book.addWorksheet('Visits');
    for (let row = 1; row <= 40_000; row += 1) {
      own.addRow([
        row,
        `Visit ${row}`,
        'Home visit about the embroidery order',
        row * 3,
        '2026-11',
      ]);
    }
    bigMade = path.join(made, 'big.xlsx');
    await book.xlsx.writeFile(bigMade);
  }
  fs.copyFileSync(bigMade, at('ledger.xlsx'));
  return at('ledger.xlsx');
}

/** Resolves once a temporary copy of the workbook is being written (polling the folder). */
async function temporaryAppears(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.readdirSync(folder).some((name) => name.endsWith('.gongfang-tmp'))) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

// Our lock keeps other gongfang commands out, not Excel or WPS on another computer, nor a sync
// program bringing a colleague's version: a save that lands while the command works was lost
// when the command replaced the workbook with its own copy.
describe("someone else's save while the command works is kept", () => {
  test.each([
    ['renamed over it (as Excel, WPS and sync programs save)', 'rename'],
    ['written into it, keeping its inode', 'overwrite'],
  ] as const)('a new version %s: refused, theirs kept', async (_how, how) => {
    const file = demo();
    const theirs = fs.readFileSync(file);
    // Their version: the same workbook with a cell changed, as a save would leave it.
    const book = await readBack(file);
    sheet(book, 'Pieces').getCell('G2').value = 'saved by a colleague';
    const theirVersion = at('theirs.xlsx');
    await book.xlsx.writeFile(theirVersion);
    expect(fileHash(theirVersion)).not.toBe(createHash('sha256').update(theirs).digest('hex'));
    const run = start(['generate', 'ledger.xlsx', '--month', '2026-10'], {
      GONGFANG_SLOW_DISK_MS: '3000',
    });
    // The command holds the workbook and writes its copy (then waits 3 s before replacing it).
    expect(await temporaryAppears(120_000)).toBe(true);
    if (how === 'rename') fs.renameSync(theirVersion, file);
    else {
      fs.writeFileSync(file, fs.readFileSync(theirVersion));
      fs.rmSync(theirVersion);
    }
    const saved = fileHash(file);
    const result = await run.done;
    expect(result).toMatchObject({ code: 2, signal: null });
    expect(result.stderr).toContain(
      '"ledger.xlsx" was changed or saved by someone else while gongfang was working on it',
    );
    expect(result.stderr).toContain('Nothing was written, so that change is kept.');
    expect(fileHash(file)).toBe(saved);
    expect(leftovers()).toEqual([]);
    // Run again, it works on their version.
    const again = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(again.code).toBe(0);
    const after = await readBack(file);
    expect(sheet(after, 'Pieces').getCell('G2').value).toBe('saved by a colleague');
    expect(after.worksheets.map((sheet) => sheet.name)).toContain('Payout 2026-10');
  });
});

describe('no temporary copy of a private workbook is left behind', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    'a command killed with %s mid-write removes its temporary file and lock; the workbook is untouched',
    async (signal) => {
      const file = await bigLedger();
      const before = fileHash(file);
      // The copy is written in milliseconds; a slow disk keeps it there long enough to kill.
      const run = start(['generate', 'ledger.xlsx', '--month', '2026-10'], {
        GONGFANG_SLOW_DISK_MS: '20000',
      });
      expect(await temporaryAppears(120_000)).toBe(true);
      // The temporary copy is private while it is written.
      const temporary = fs.readdirSync(folder).find((name) => name.endsWith('.gongfang-tmp'));
      const inside = at(path.join(temporary ?? '', 'ledger.xlsx'));
      // The file is made, then narrowed to 0600 before anything is written into it (inside a
      // 0700 folder all along): look once the copy has content.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !(fs.existsSync(inside) && fs.statSync(inside).size > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(fs.statSync(at(temporary ?? '')).mode & 0o777).toBe(0o700);
      expect(fs.statSync(inside).mode & 0o777).toBe(0o600);
      run.child.kill(signal);
      const result = await run.done;
      // The whole result on failure (signal, stderr): a run that ended otherwise says how.
      expect(result).toMatchObject({ code: 128 + os.constants.signals[signal], signal: null });
      expect(result.stderr).toContain(t('en', 'fileInterrupted'));
      expect(leftovers()).toEqual([]);
      expect(fileHash(file)).toBe(before);
    },
  );

  test('after a SIGKILL, which no handler sees, the next command cleans up and takes over', async () => {
    const file = await bigLedger();
    const before = fileHash(file);
    const run = start(['generate', 'ledger.xlsx', '--month', '2026-10']);
    expect(await temporaryAppears(120_000)).toBe(true);
    run.child.kill('SIGKILL');
    await run.done;
    expect(leftovers().length).toBe(2);
    expect(fileHash(file)).toBe(before);
    const again = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(again.code).toBe(0);
    expect(leftovers()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

/** An Excel owner file as Excel writes it: ANSI name with its length, then UTF-16LE again. */
function ownerFile(user: string): Buffer {
  const buffer = Buffer.alloc(162, 0x20);
  const ansi = Buffer.from(user, 'latin1');
  buffer[0] = ansi.length;
  ansi.copy(buffer, 1);
  buffer.writeUInt16LE(user.length, 54);
  Buffer.from(user, 'utf16le').copy(buffer, 56);
  return buffer;
}

describe('a workbook open in Excel, WPS or LibreOffice is not written', () => {
  test('Excel / WPS owner file: refused, naming who has it open; reading still works', () => {
    const file = demo();
    const before = fileHash(file);
    fs.writeFileSync(at('~$ledger.xlsx'), ownerFile('张三'));
    const english = gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('"ledger.xlsx" is open in Excel or WPS (张三)');
    expect(english.stderr).toContain('close it in Excel or WPS first');
    const chinese = gongfang(['check', 'ledger.xlsx', '--mark'], { cwd: folder, lang: 'zh' });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain('「ledger.xlsx」正在 Excel 或 WPS 中打开（张三）');
    expect(chinese.stderr).toContain('请先在 Excel 或 WPS 中保存并关闭它');
    expect(fileHash(file)).toBe(before);
    expect(gongfang(['check', 'ledger.xlsx'], { cwd: folder }).stderr).toBe('');
    fs.rmSync(at('~$ledger.xlsx'));
    expect(gongfang(['generate', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder }).code).toBe(
      0,
    );
  });

  test('LibreOffice lock file: refused, naming LibreOffice and the user', () => {
    demo();
    fs.writeFileSync(
      at('.~lock.ledger.xlsx#'),
      ',Li Si,office-pc,01.12.2026 10:00,file:///home/lisi/.config/libreoffice/4;',
    );
    const result = gongfang(['close', 'ledger.xlsx', '--month', '2026-10'], { cwd: folder });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is open in LibreOffice (Li Si@office-pc)');
  });
});

// ---------------------------------------------------------------------------------------------

describe('other formats get a message saying how to save as .xlsx', () => {
  test('by name: .xls, .et, .ods, .csv; by content: text, an OLE2 file, OpenDocument, empty', async () => {
    const ledger = demo();
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', {
      compression: 'STORE',
    });
    ods.file('content.xml', '<office:document-content/>');
    const files: [string, Buffer | string, string][] = [
      ['old.xls', ole2, '"old.xls" is a .xls (Excel 97–2003) file'],
      ['wps.et', ole2, '"wps.et" is a .et (WPS) file'],
      ['calc.ods', await ods.generateAsync({ type: 'nodebuffer' }), '.ods (OpenDocument) file'],
      ['export.csv', 'ID,Name\nR001,Wang\n', '"export.csv" is a .csv file'],
      ['renamed.xlsx', ole2, 'old .xls / .et workbook, or one with a password'],
      ['notes.xlsx', 'not a workbook', 'its contents are not in the .xlsx format'],
      ['calc.xlsx', await ods.generateAsync({ type: 'nodebuffer' }), '.ods (OpenDocument)'],
      ['empty.xlsx', '', 'is an empty file'],
    ];
    for (const [name, content, message] of files) {
      fs.writeFileSync(at(name), content);
      const result = await inProcess(['check', name]);
      expect({ name, code: result.code }).toEqual({ name, code: 2 });
      expect(result.stderr).toContain(message);
      if (name !== 'empty.xlsx') expect(result.stderr).toContain('File › Save As');
    }
    const chinese = await inProcess(['generate', 'export.csv'], 'zh');
    expect(chinese.stderr).toContain('另存为');
    expect(chinese.stderr).toContain('Excel 工作簿 (*.xlsx)');
    expect(chinese.stderr).toContain('LibreOffice');
    // --out must name a workbook Excel will open.
    const out = await inProcess(['generate', 'ledger.xlsx', '--out', 'payroll.xls']);
    expect(out.stderr).toContain('can only be saved as a .xlsx file');
    expect(fs.existsSync(at('payroll.xls'))).toBe(false);
    expect(fs.existsSync(ledger)).toBe(true);
  });

  test('.xlsm is read and written as .xlsm', async () => {
    demo();
    fs.renameSync(at('ledger.xlsx'), at('macros.xlsm'));
    const result = gongfang(['generate', 'macros.xlsm', '--month', '2026-10'], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(await tabNames(at('macros.xlsm'))).toContain('Payout 2026-10');
    const wrongName = gongfang(['generate', 'macros.xlsm', '--out', 'plain.xlsx'], {
      cwd: folder,
    });
    expect(wrongName.stderr).toContain('can only be saved as a .xlsm file');
  });

  withSoffice('what LibreOffice saves as .xls is refused with the same advice', () => {
    demo();
    const converted = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${at('profile')}`,
        '--headless',
        '--convert-to',
        'xls',
        '--outdir',
        at('out'),
        at('ledger.xlsx'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(converted.status).toBe(0);
    fs.copyFileSync(at('out/ledger.xls'), at('saved-as.xlsx'));
    expect(gongfang(['check', 'out/ledger.xls'], { cwd: folder }).stderr).toContain(
      '.xls (Excel 97–2003)',
    );
    expect(gongfang(['check', 'saved-as.xlsx'], { cwd: folder }).stderr).toContain(
      'old .xls / .et workbook',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('never overwrite a workbook that is not an untouched demo', () => {
  test('npm start again refreshes an untouched demo, but not one staff worked in', () => {
    const first = gongfang(['demo', '--today', TODAY], { cwd: folder });
    expect(first.code).toBe(0);
    const again = gongfang(['demo', '--today', '2026-11-29'], { cwd: folder });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    // Staff record something (here: marks), then run npm start again.
    expect(gongfang(['check', 'gongfang-demo.xlsx', '--mark'], { cwd: folder }).code).toBe(1);
    const edited = fileHash(at('gongfang-demo.xlsx'));
    const refused = gongfang(['demo', '--today', TODAY], { cwd: folder });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"gongfang-demo.xlsx" already exists and is not a file');
    expect(refused.stderr).toContain('--force');
    expect(fileHash(at('gongfang-demo.xlsx'))).toBe(edited);
    const chinese = gongfang(['demo', '--today', TODAY], { cwd: folder, lang: 'zh' });
    expect(chinese.stderr).toContain('没有覆盖它');
    const forced = gongfang(['demo', '--today', TODAY, '--force'], { cwd: folder });
    expect(forced.code).toBe(0);
    expect(fileHash(at('gongfang-demo.xlsx'))).not.toBe(edited);
  });

  test('demo --out and generate --out onto a real ledger are refused without --force', async () => {
    const init = gongfang(['init', 'ledger.xlsx'], { cwd: folder });
    expect(init.code).toBe(0);
    const ledger = fileHash(at('ledger.xlsx'));
    const demoOut = gongfang(['demo', '--today', TODAY, '--out', 'ledger.xlsx'], { cwd: folder });
    expect(demoOut.code).toBe(2);
    expect(fileHash(at('ledger.xlsx'))).toBe(ledger);

    demo('source.xlsx');
    const first = gongfang(['generate', 'source.xlsx', '--out', 'report.xlsx'], { cwd: folder });
    expect(first.code).toBe(0);
    // Its own earlier output, unchanged, may be replaced; a real ledger may not.
    const second = gongfang(['generate', 'source.xlsx', '--out', 'report.xlsx'], { cwd: folder });
    expect(second.code).toBe(0);
    const onLedger = gongfang(['generate', 'source.xlsx', '--out', 'ledger.xlsx'], {
      cwd: folder,
    });
    expect(onLedger.code).toBe(2);
    expect(fileHash(at('ledger.xlsx'))).toBe(ledger);
    const forced = gongfang(['generate', 'source.xlsx', '--out', 'ledger.xlsx', '--force'], {
      cwd: folder,
    });
    expect(forced.code).toBe(0);
    expect(await tabNames(at('ledger.xlsx'))).toContain('Payout 2026-11');
    // --out naming the input through a link is the input itself: written without --force.
    fs.symlinkSync('source.xlsx', at('same.xlsx'));
    const same = await inProcess(['generate', 'source.xlsx', '--out', 'same.xlsx']);
    expect(same.stderr).toBe('');
    expect(fs.lstatSync(at('same.xlsx')).isSymbolicLink()).toBe(true);
  });
});
