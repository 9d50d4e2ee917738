/**
 * Ctrl-C and kill take effect during a long step (docs/files.md, "Ctrl-C"): on a workbook of
 * 100,000 Pieces rows the signal is sent as soon as the command reports its computing step
 * (GONGFANG_PROGRESS=lines), and the command must stop there — exit 128 + the signal, the
 * interruption said, no writing step reached, the workbook byte for byte as it was, no
 * temporary copy or lock left. Before, the signal waited for the step to end: the month was
 * closed and "Marked … cells" printed after Ctrl-C. How fast it stops is measured in
 * `npm run bench -- fileSafety` (target 1 s); the time-out here is only a hang guard.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../../src/i18n';
import { fileLockOf } from '../../src/xlsx/workbookLock';
import { writeMarkedLedger } from '../support/markedLedger';
import { BUILT_CLI, cliEnv, fileHash, tempFolder } from './helpers';

jest.setTimeout(600_000);

let made: string;
let folder: string;
beforeAll(async () => {
  made = tempFolder('gongfang-signals-made-');
  await writeMarkedLedger(path.join(made, 'big.xlsx'), 100_000);
});
afterAll(() => fs.rmSync(made, { recursive: true, force: true }));
beforeEach(() => {
  folder = tempFolder('gongfang-signals-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Runs the built command and sends `signal` once its stderr shows `when`. */
function interruptAt(args: readonly string[], when: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BUILT_CLI, ...args, '--today', '2026-12-05'], {
    cwd: folder,
    env: cliEnv('en', { GONGFANG_PROGRESS: 'lines' }),
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!sent && stderr.includes(when)) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }>(
    (resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, sent })),
  );
}

function leftovers(): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.gongfang-tmp') || name.includes('gongfang-lock'));
}

describe('a signal stops a long step at once, and nothing is written', () => {
  test.each([
    {
      name: 'close',
      args: ['close', 'ledger.xlsx', '--month', '2026-11', '--force'],
      signal: 'SIGINT',
    },
    { name: 'check --mark', args: ['check', 'ledger.xlsx', '--mark'], signal: 'SIGTERM' },
  ] as const)('$name on 100,000 rows, $signal while computing', async ({ args, signal }) => {
    const file = path.join(folder, 'ledger.xlsx');
    fs.copyFileSync(path.join(made, 'big.xlsx'), file);
    const before = fileHash(file);
    const lock = fileLockOf(file, process.env);
    const result = await interruptAt(args, '[2/3]', signal);
    expect(result.sent).toBe(true);
    expect(result.code).toBe(128 + os.constants.signals[signal]);
    expect(result.stderr).toContain(t('en', 'fileInterrupted'));
    // Stopped in the computing step: the writing step never began.
    expect(result.stderr).not.toContain('[3/3]');
    expect(result.stdout).not.toContain('Marked');
    expect(result.stdout).not.toContain('Closed');
    expect(fileHash(file)).toBe(before);
    expect(leftovers()).toEqual([]);
    expect(lock !== null && fs.existsSync(lock)).toBe(false);
  });
});

// Under --json a stopped run printed nothing on stdout, which no JSON reader takes: a script
// (or a scheduler's time-out sending SIGTERM) got no document saying what happened.
test('under --json a signal still prints one JSON document saying so', async () => {
  const file = path.join(folder, 'ledger.xlsx');
  fs.copyFileSync(path.join(made, 'big.xlsx'), file);
  const before = fileHash(file);
  const args = ['close', 'ledger.xlsx', '--month', '2026-11', '--force', '--json'];
  const result = await interruptAt(args, '[2/3]', 'SIGTERM');
  expect(result.sent).toBe(true);
  expect(result.code).toBe(143);
  expect(JSON.parse(result.stdout)).toEqual({
    ok: false,
    error: { code: 'fileInterrupted', message: t('en', 'fileInterrupted') },
  });
  expect(fileHash(file)).toBe(before);
  expect(leftovers()).toEqual([]);
});
