/**
 * Output read by something that stops reading: `gongfang … | head -1`, a launcher that closes
 * the pipe, a script's `| grep -q`. The supervisor exited 0 at the first EPIPE, killing the
 * worker mid-work: a generate that had printed a line before writing wrote nothing and said
 * it had succeeded, and a check that found errors exited 0. Now the rest of the output is
 * dropped, the work goes on to its end, and the exit code is the command's.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import { BUILT_CLI, cliEnv, fileHash, gongfang, readBack, sheet, tempFolder } from './helpers';

jest.setTimeout(300_000);

const TODAY = '2026-12-05';
let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-closed-output-');
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly read: string;
}

/** Runs the command with a reader that takes `keep` bytes of its output, then closes it. */
function readThenClose(args: readonly string[], keep: number): Promise<Ended> {
  const child = spawn(process.execPath, [BUILT_CLI, ...args, '--today', TODAY], {
    cwd: folder,
    env: cliEnv('en'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let read = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const close = () => child.stdout.destroy();
  if (keep === 0) close();
  else
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString();
      if (read.length >= keep) close();
    });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, read }));
  });
}

test('a generate whose output is closed before it writes still writes the workbook, and says 0', async () => {
  const file = await writeEnglishSerial(folder);
  const closed = gongfang(['close', 'english.xlsx', '--month', '2026-11', '--today', TODAY], {
    cwd: folder,
  });
  expect(closed.code).toBe(0);
  // November is closed: generate says it takes December before it writes anything.
  fs.linkSync(file, path.join(folder, 'copy-for-office.xlsx'));
  const before = fileHash(file);
  const ended = await readThenClose(['generate', 'english.xlsx'], 0);
  expect(ended).toMatchObject({ code: 0, signal: null, stderr: '' });
  expect(fileHash(file)).not.toBe(before);
  // Written in place (a hard link): both names hold the new workbook, whole.
  const book = await readBack(path.join(folder, 'copy-for-office.xlsx'));
  expect(sheet(book, 'Payout 2026-12')).toBeDefined();
  expect(fs.readdirSync(folder).filter((name) => name.includes('gongfang'))).toEqual([]);
});

test('a check that finds errors says 1 even when its reader stops after the first line', async () => {
  await writeEnglishSerial(folder);
  const book = await readBack(path.join(folder, 'english.xlsx'));
  const pieces = sheet(book, 'Pieces');
  // Far more output than a pipe holds (64 KB): one error line for each row.
  for (let i = 0; i < 5000; i += 1) pieces.addRow(['2026-11-03', 'R999', 'O001', 5, 0]);
  await book.xlsx.writeFile(path.join(folder, 'errors.xlsx'));
  for (const args of [
    ['check', 'errors.xlsx'],
    ['check', 'errors.xlsx', '--json'],
  ]) {
    const ended = await readThenClose(args, 1);
    expect({ args, code: ended.code, signal: ended.signal, stderr: ended.stderr }).toEqual({
      args,
      code: 1,
      signal: null,
      stderr: '',
    });
    expect(ended.read.length).toBeLessThan(1_000_000);
  }
});

// stdout a file on a full disk (/dev/full: every write fails with ENOSPC). The supervisor's
// error handler threw: a stack trace, exit 1, the worker killed wherever it was.
const withDevFull = fs.existsSync('/dev/full') ? test : test.skip;
withDevFull(
  'output to a full disk: the work is done, the loss is said, and 0 becomes 2',
  async () => {
    const file = await writeEnglishSerial(folder);
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const [lang, said] of [
        ['en', "gongfang: The command's output could not be written (ENOSPC"],
        ['zh', 'gongfang: 命令的输出无法写出（ENOSPC'],
      ] as const) {
        const before = fileHash(file);
        const result = spawnSync(
          process.execPath,
          [BUILT_CLI, 'generate', 'english.xlsx', '--month', '2026-11', '--today', TODAY],
          { cwd: folder, env: cliEnv(lang), stdio: ['ignore', full, 'pipe'], encoding: 'utf8' },
        );
        expect({ lang, status: result.status }).toEqual({ lang, status: 2 });
        expect(result.stderr.startsWith(said)).toBe(true);
        expect(result.stderr).not.toContain('    at ');
        expect(fileHash(file)).not.toBe(before);
      }
      // A check that found errors keeps its 1.
      const book = await readBack(file);
      sheet(book, 'Pieces').addRow(['2026-11-03', 'R999', 'O001', 5, 0]);
      await book.xlsx.writeFile(path.join(folder, 'errors.xlsx'));
      const check = spawnSync(process.execPath, [BUILT_CLI, 'check', 'errors.xlsx'], {
        cwd: folder,
        env: cliEnv('en'),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(check.stderr).toContain("The command's output could not be written (ENOSPC");
      expect(check.status).toBe(1);
    } finally {
      fs.closeSync(full);
    }
    expect(sheet(await readBack(file), 'Payout 2026-11')).toBeDefined();
  },
);
