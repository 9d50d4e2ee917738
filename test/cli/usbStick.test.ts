/**
 * A workbook on a USB stick: a FAT file system, which keeps no owner or mode per file. Linux
 * refuses a mode change there (EPERM from the kernel's vfat, ENOSYS through FUSE), and
 * gongfang stopped with "Unexpected error: ENOSYS: function not implemented, fchmod" before
 * writing anything. Here a real FAT image (mkfs.vfat), mounted with fusefat, takes every
 * writing command; openpyxl reads the results back.
 *
 * Needs root, /dev/fuse, dosfstools and fusefat (.ci/run installs them); elsewhere the suite
 * is skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import { gongfang, tempFolder } from './helpers';

jest.setTimeout(300_000);

const PYTHON = '/usr/bin/python3';
const TODAY = '2026-12-05';

let outside = '';
let stick = '';

function have(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Makes a 32 MB FAT image and mounts it, or says why it cannot. */
function mountStick(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root, so no file system can be mounted';
  if (!fs.existsSync('/dev/fuse')) return 'there is no /dev/fuse';
  for (const command of ['mkfs.vfat', 'fusefat', 'fusermount']) {
    if (!have(command)) return `${command} is missing (apt-get install dosfstools fusefat)`;
  }
  if (spawnSync(PYTHON, ['-c', 'import openpyxl']).status !== 0) {
    return `openpyxl is not importable by ${PYTHON}`;
  }
  outside = tempFolder('gongfang-fat-');
  const image = path.join(outside, 'stick.img');
  fs.writeFileSync(image, Buffer.alloc(32 * 1024 * 1024));
  const made = spawnSync('mkfs.vfat', ['-n', 'STICK', image], { encoding: 'utf8' });
  if (made.status !== 0) return `mkfs.vfat failed: ${made.stderr.trim()}`;
  stick = path.join(outside, 'stick');
  fs.mkdirSync(stick);
  const mounted = spawnSync('fusefat', ['-o', 'rw+', image, stick], { encoding: 'utf8' });
  if (mounted.status === 0 && spawnSync('mountpoint', ['-q', stick]).status === 0) return null;
  const reason = `fusefat could not mount it: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  stick = '';
  return reason;
}

const skip = mountStick();
if (skip) console.log(`USB stick (FAT) tests skipped: ${skip}`);
const onStick = skip ? test.skip : test;

afterAll(() => {
  if (stick !== '') spawnSync('fusermount', ['-u', stick]);
  if (outside !== '') fs.rmSync(outside, { recursive: true, force: true });
});

function run(args: readonly string[]) {
  return gongfang([...args, '--today', TODAY], { cwd: stick });
}

function sheetNames(file: string): string[] {
  const script =
    'import openpyxl, sys, json; print(json.dumps(openpyxl.load_workbook(sys.argv[1]).sheetnames))';
  const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as string[];
}

/** What a run may leave beside the workbook: nothing of its own (copies, locks). */
function leftovers(): string[] {
  return fs.readdirSync(stick).filter((name) => name.includes('gongfang'));
}

onStick('every writing command works on a FAT stick, and leaves nothing of its own', async () => {
  // Made off the stick, copied on as staff would.
  await writeEnglishSerial(outside, 'english.xlsx');
  fs.writeFileSync(
    path.join(stick, 'ledger.xlsx'),
    fs.readFileSync(path.join(outside, 'english.xlsx')),
  );
  // FAT keeps one mode for every file: whatever gongfang sets, this is what it shows.
  const mode = fs.statSync(path.join(stick, 'ledger.xlsx')).mode & 0o777;

  const generated = run(['generate', 'ledger.xlsx', '--month', '2026-11']);
  expect(generated.stderr).toBe('');
  expect(generated.code).toBe(0);
  expect(sheetNames(path.join(stick, 'ledger.xlsx'))).toContain('Payout 2026-11');
  expect(fs.statSync(path.join(stick, 'ledger.xlsx')).mode & 0o777).toBe(mode);

  for (const args of [
    ['check', 'ledger.xlsx', '--mark'],
    ['close', 'ledger.xlsx', '--month', '2026-11', '--by', 'Li'],
    ['init', 'new.xlsx'],
    ['demo', '--out', 'demo.xlsx'],
    ['partners', 'demo.xlsx', '--month', '2026-11', '--out-dir', 'reports'],
  ]) {
    const result = run(args);
    expect({ args, stderr: result.stderr, code: result.code }).toEqual({
      args,
      stderr: '',
      code: 0,
    });
  }
  expect(sheetNames(path.join(stick, 'ledger.xlsx'))).toContain('Closings');
  expect(sheetNames(path.join(stick, 'new.xlsx'))).toContain('Pieces');
  expect(sheetNames(path.join(stick, 'demo.xlsx'))).toContain('Residents');
  expect(fs.readdirSync(path.join(stick, 'reports')).length).toBeGreaterThan(0);
  expect(leftovers()).toEqual([]);
});
