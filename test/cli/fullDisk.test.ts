/**
 * A full disk never damages a workbook (docs/files.md, "A full disk"): every write path of the
 * built command on a real small file system, a tmpfs mounted for the test. The workbook is
 * hard-linked, or owned by someone else, so it is written in place — the path where a full
 * disk once left a file that was no longer a zip. The command is paused after its complete
 * copy is written (GONGFANG_SLOW_DISK_MS), the disk is filled to the last byte, and then the
 * workbook must be refused with exit 2 and stay byte for byte what it was; with space freed,
 * the same command succeeds and openpyxl reads the change back through the other name.
 *
 * Mounting needs root (CAP_SYS_ADMIN); elsewhere the suite is skipped, saying so, and the
 * in-place logic is still tested with a fault-injecting layer in test/xlsx/workbookFile.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import { BUILT_CLI, cliEnv, copyBuiltCommand, fileHash, gongfang, tempFolder } from './helpers';

jest.setTimeout(600_000);

const PYTHON = '/usr/bin/python3';
const TODAY = '2026-12-05';
/** How long the command waits between its finished copy and replacing the workbook. */
const PAUSE_MS = 6000;

let disk = '';
let made = '';
let folder = '';

/** Mounts a 64 MB tmpfs, or says why it cannot. */
function mountSmallDisk(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root, so no file system can be mounted';
  if (spawnSync(PYTHON, ['-c', 'import openpyxl']).status !== 0) {
    return `openpyxl is not importable by ${PYTHON}`;
  }
  disk = tempFolder('gongfang-full-disk-');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0777', 'tmpfs', disk], {
    encoding: 'utf8',
  });
  if (mount.status === 0) return null;
  fs.rmSync(disk, { recursive: true, force: true });
  disk = '';
  return `mount -t tmpfs failed: ${(mount.stderr || mount.error?.message || '').trim()}`;
}

const skip = mountSmallDisk();
if (skip) console.log(`full-disk tests skipped: ${skip}`);
const withDisk = skip ? test.skip : test;

beforeAll(async () => {
  if (skip) return;
  made = tempFolder('gongfang-full-disk-made-');
  fs.chmodSync(made, 0o755);
  const demo = gongfang(['demo', '--today', '2026-11-28', '--out', 'demo.xlsx'], { cwd: made });
  expect(demo.code).toBe(0);
  await writeEnglishSerial(made, 'clean.xlsx');
  // A closed month (for reopen), and one whose rows changed since closing (for --correct).
  fs.copyFileSync(path.join(made, 'clean.xlsx'), path.join(made, 'closed.xlsx'));
  expect(run(made, ['close', 'closed.xlsx', '--month', '2026-11']).code).toBe(0);
  python(
    "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); wb['Pieces']['D3'] = 999; wb.save(sys.argv[2])",
    [path.join(made, 'closed.xlsx'), path.join(made, 'changed.xlsx')],
  );
  // A partner report gongfang wrote, to be written again.
  expect(
    run(made, ['partners', 'demo.xlsx', '--month', '2026-11', '--out-dir', 'reports']).code,
  ).toBe(0);
});

afterAll(() => {
  if (disk !== '') {
    spawnSync('umount', ['-l', disk]);
    fs.rmSync(disk, { recursive: true, force: true });
  }
  if (made !== '') fs.rmSync(made, { recursive: true, force: true });
});

beforeEach(() => {
  if (skip) return;
  folder = path.join(disk, 'work');
  fs.mkdirSync(folder, { mode: 0o777 });
  fs.chmodSync(folder, 0o777);
});
afterEach(() => {
  if (skip) return;
  fs.rmSync(folder, { recursive: true, force: true });
});

function python(script: string, args: readonly string[]): string {
  const result = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout;
}

function run(cwd: string, args: readonly string[]) {
  return gongfang([...args, '--today', TODAY], { cwd });
}

const at = (name: string) => path.join(folder, name);

/**
 * Copies a made workbook in, with a stored entry of padding so that it ends exactly at a page
 * boundary: any growth then needs a page the full disk does not have (tmpfs counts whole
 * pages), so the refusal is certain, not left to where the old file happened to end.
 */
function padded(source: string, name: string): string {
  const target = at(name);
  python(
    `
import sys, zipfile, shutil, os
source, target = sys.argv[1], sys.argv[2]
def pad(length):
    shutil.copyfile(source, target)
    with zipfile.ZipFile(target, 'a', zipfile.ZIP_STORED) as z:
        z.writestr('gongfang-test/pad.bin', b'x' * length)
pad(0)
pad((4096 - os.path.getsize(target) % 4096) % 4096)
`,
    [source, target],
  );
  expect(fs.statSync(target).size % 4096).toBe(0);
  return target;
}

/** A copy of the built command the other user can run (the repository may be private). */
function commandForOtherUser(): string {
  const cli = path.join(made, 'gongfang.js');
  if (!fs.existsSync(cli)) copyBuiltCommand(made);
  return cli;
}

interface Started {
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(args: readonly string[], user?: { uid: number; gid: number }): Started {
  const cli = user ? commandForOtherUser() : BUILT_CLI;
  const child = spawn(process.execPath, [cli, ...args, '--today', TODAY], {
    cwd: folder,
    env: cliEnv('en', { GONGFANG_SLOW_DISK_MS: String(PAUSE_MS), HOME: folder }),
    ...(user ?? {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))),
  };
}

/** Resolves once a complete temporary copy (ending with the zip's end record) is on disk. */
async function completeCopy(): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    for (const temporary of findTemporaries(folder)) {
      for (const name of fs.readdirSync(temporary)) {
        const file = path.join(temporary, name);
        const data = fs.readFileSync(file);
        if (data.length >= 22 && data.readUInt32LE(data.length - 22) === 0x06054b50) return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no complete temporary copy appeared');
}

function findTemporaries(root: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory() && entry.name.endsWith('.gongfang-tmp')) found.push(full);
    else if (entry.isDirectory()) found.push(...findTemporaries(full));
  }
  return found;
}

/** Fills the disk to its last byte; returns the filler, to remove afterwards. */
function fillDisk(): string {
  const filler = path.join(disk, 'filler');
  const fd = fs.openSync(filler, 'a');
  try {
    for (const size of [1024 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  expect(fs.statfsSync(disk).bavail).toBe(0);
  return filler;
}

function leftovers(): string[] {
  return findTemporaries(folder).concat(
    fs.readdirSync(folder).filter((name) => name.includes('gongfang-lock')),
  );
}

/** Tabs, and the values of one tab's rows, as openpyxl reads them. */
function inspect(
  file: string,
  tab?: string,
): { tabs: string[]; rows: unknown[][]; comments: number } {
  const out = python(
    `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
tab = sys.argv[2]
rows, comments = [], 0
if tab:
    ws = wb[tab]
    rows = [[c if isinstance(c, (str, int, float)) or c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
    comments = sum(1 for row in ws.iter_rows() for cell in row if cell.comment)
print(json.dumps({'tabs': wb.sheetnames, 'rows': rows, 'comments': comments}))
`,
    [file, tab ?? ''],
  );
  return JSON.parse(out) as { tabs: string[]; rows: unknown[][]; comments: number };
}

interface WritePath {
  /** Makes the workbook (in place: hard-linked) and returns the command's arguments. */
  readonly prepare: () => { args: string[]; file: string; otherName: string };
  /** What openpyxl must find through the other name once the command has succeeded. */
  readonly expectWritten: (otherName: string) => void;
  /** Whether the command adds to the workbook, so a full disk must refuse it. */
  readonly grows: boolean;
}

function hardLinked(source: string, name = 'ledger.xlsx'): { file: string; otherName: string } {
  const file = padded(source, name);
  fs.mkdirSync(at('office'));
  const otherName = path.join('office', name);
  fs.linkSync(file, at(otherName));
  return { file, otherName };
}

const PATHS: Record<string, WritePath> = {
  generate: {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'demo.xlsx'));
      return { ...linked, args: ['generate', 'ledger.xlsx', '--month', '2026-10'] };
    },
    expectWritten: (other) => expect(inspect(at(other)).tabs).toContain('Payout 2026-10'),
    grows: true,
  },
  'generate --out': {
    prepare: () => {
      fs.copyFileSync(path.join(made, 'demo.xlsx'), at('source.xlsx'));
      expect(run(folder, ['init', 'report.xlsx']).code).toBe(0);
      fs.copyFileSync(at('report.xlsx'), path.join(made, 'blank.xlsx'));
      fs.rmSync(at('report.xlsx'));
      const linked = hardLinked(path.join(made, 'blank.xlsx'), 'report.xlsx');
      return {
        ...linked,
        args: ['generate', 'source.xlsx', '--month', '2026-11', '--out', 'report.xlsx', '--force'],
      };
    },
    expectWritten: (other) => expect(inspect(at(other)).tabs).toContain('Payout 2026-11'),
    grows: true,
  },
  close: {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'clean.xlsx'));
      return { ...linked, args: ['close', 'ledger.xlsx', '--month', '2026-11'] };
    },
    expectWritten: (other) =>
      expect(inspect(at(other), 'Closings').rows.map((row) => row[0])).toContain('2026-11'),
    grows: true,
  },
  reopen: {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'closed.xlsx'));
      return {
        ...linked,
        args: ['reopen', 'ledger.xlsx', '--month', '2026-11', '--reason', 'Wrong count on R001'],
      };
    },
    expectWritten: (other) =>
      expect(JSON.stringify(inspect(at(other), 'Closings').rows)).toContain('Wrong count on R001'),
    grows: true,
  },
  'check --correct': {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'changed.xlsx'));
      return { ...linked, args: ['check', 'ledger.xlsx', '--correct'] };
    },
    expectWritten: (other) =>
      expect(inspect(at(other), 'Adjustments').rows.some((row) => row[4] === '2026-11')).toBe(true),
    grows: true,
  },
  'check --mark': {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'demo.xlsx'));
      return { ...linked, args: ['check', 'ledger.xlsx', '--mark'] };
    },
    expectWritten: (other) => expect(inspect(at(other), 'Pieces').comments).toBeGreaterThan(0),
    grows: true,
  },
  'init --force': {
    prepare: () => {
      const linked = hardLinked(path.join(made, 'clean.xlsx'));
      return { ...linked, args: ['init', 'ledger.xlsx', '--force'] };
    },
    expectWritten: (other) =>
      expect(inspect(at(other), 'Settings').rows.map((row) => row[0])).toContain('Language'),
    grows: true,
  },
  partners: {
    prepare: () => {
      fs.copyFileSync(path.join(made, 'demo.xlsx'), at('demo.xlsx'));
      fs.cpSync(path.join(made, 'reports'), at('reports'), { recursive: true });
      const [report = ''] = fs.readdirSync(at('reports')).sort();
      fs.mkdirSync(at('office'));
      fs.linkSync(at(path.join('reports', report)), at(path.join('office', report)));
      return {
        file: at(path.join('reports', report)),
        otherName: path.join('office', report),
        args: ['partners', 'demo.xlsx', '--month', '2026-11', '--out-dir', 'reports'],
      };
    },
    expectWritten: (other) =>
      expect(inspect(at(other)).tabs).toEqual(['Progress', 'Statement 2026-11']),
    // A report written again is about as long as before: it may fit where the old one was.
    grows: false,
  },
  demo: {
    prepare: () => {
      expect(
        gongfang(['demo', '--today', '2026-11-28', '--out', 'demo.xlsx'], { cwd: folder }).code,
      ).toBe(0);
      fs.mkdirSync(at('office'));
      fs.linkSync(at('demo.xlsx'), at('office/demo.xlsx'));
      return {
        file: at('demo.xlsx'),
        otherName: 'office/demo.xlsx',
        args: ['demo', '--out', 'demo.xlsx'],
      };
    },
    expectWritten: (other) => expect(inspect(at(other)).tabs).toContain('Payout 2026-11'),
    grows: false,
  },
};

describe('a full disk never damages the workbook', () => {
  withDisk.each(Object.keys(PATHS))(
    '%s on a hard-linked workbook: refused with the workbook unchanged, then written once there is room',
    async (name) => {
      const writePath = PATHS[name] as WritePath;
      const { args, file, otherName } = writePath.prepare();
      const before = fileHash(file);
      const running = start(args);
      await completeCopy();
      const filler = fillDisk();
      const result = await running.done;
      fs.rmSync(filler);
      if (result.code === 0) {
        // Only a workbook that did not grow past the space it had may be written then.
        expect(writePath.grows).toBe(false);
      } else {
        expect(result.stderr).toContain('there is not enough space on the disk');
        expect(result.stderr).toContain('The workbook is unchanged');
        expect(result.code).toBe(2);
        expect(fileHash(at(otherName))).toBe(fileHash(file));
        // Partner reports are written one after another: this one may have fitted where the
        // old one was before the next found the disk full; then it is whole and new.
        if (writePath.grows || fileHash(file) === before) {
          expect(fileHash(file)).toBe(before);
        } else {
          writePath.expectWritten(otherName);
        }
      }
      expect(fs.statSync(file).nlink).toBe(2);
      expect(leftovers()).toEqual([]);
      const again = run(folder, args);
      expect(again.stderr).toBe('');
      writePath.expectWritten(otherName);
      expect(fs.statSync(file).ino).toBe(fs.statSync(at(otherName)).ino);
    },
  );

  withDisk(
    'a shared workbook written by a colleague (not its owner) in place, on a full disk',
    async () => {
      const file = padded(path.join(made, 'demo.xlsx'), 'shared.xlsx');
      fs.chownSync(file, 0, 4300);
      fs.chmodSync(file, 0o664);
      const before = fileHash(file);
      const running = start(['generate', 'shared.xlsx', '--month', '2026-10'], {
        uid: 4242,
        gid: 4300,
      });
      await completeCopy();
      const filler = fillDisk();
      const result = await running.done;
      fs.rmSync(filler);
      expect(result.stderr).toContain('there is not enough space on the disk');
      expect(result.code).toBe(2);
      expect(fileHash(file)).toBe(before);
      const after = fs.statSync(file);
      expect({ uid: after.uid, gid: after.gid }).toEqual({ uid: 0, gid: 4300 });
      expect(leftovers()).toEqual([]);
    },
  );

  withDisk('a new workbook on a full disk: nothing is created, nothing left behind', () => {
    const filler = fillDisk();
    try {
      const result = run(folder, ['init', 'new.xlsx']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('there is not enough space on the disk');
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      fs.rmSync(filler);
    }
  });
});
