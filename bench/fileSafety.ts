/**
 * The .xlsx file under faults (issue 23), measured with the built command on a workbook of
 * 10,000 and 100,000 Pieces rows, half of them bad (more rejected than completed), so that
 * Check marks one cell in two:
 * - `check --mark` run twice: the second run replaces every mark the first made, and must
 *   take at most 1.5× the first (it was quadratic in the marks already there);
 * - Ctrl-C during a long step: SIGINT is sent once the command reports the step (progress
 *   lines, GONGFANG_PROGRESS=lines), and the command must be gone within 1 s, exit 130,
 *   nothing written.
 * Side by side in one run, with the load average beside the figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeMarkedLedger } from '../test/support/markedLedger';

const SIZES = [10_000, 100_000];
const TODAY = '2026-11-28';
const TARGET_RATIO = 1.5;
const TARGET_INTERRUPT_MS = 1000;

const CLI = path.resolve('dist', 'cli', 'gongfang.js');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function load(): string {
  return `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`;
}

function timedCheck(file: string): { ms: number; code: number | null; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'check', file, '--mark', '--today', TODAY], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  });
  return { ms: performance.now() - started, code: run.status, stdout: run.stdout };
}

function marksTwice(file: string, rows: number): void {
  const first = timedCheck(file);
  const second = timedCheck(file);
  const marked = /Marked (\d+) cells/.exec(second.stdout)?.[1] ?? '?';
  const ratio = second.ms / first.ms;
  console.log(
    `check --mark at ${rows.toLocaleString('en-US')} rows (${marked} cells marked): first ${seconds(first.ms)}, second ${seconds(second.ms)} = ${ratio.toFixed(2)}× the first; target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO && first.code === 1 && second.code === 1 ? 'met' : 'NOT met'}; ${load()}`,
  );
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Sends SIGINT when the command reports `phase`, and measures how long it takes to go. */
async function interrupted(file: string, args: readonly string[], phase: string) {
  const before = sha256(file);
  const child = spawn(process.execPath, [CLI, ...args, '--today', TODAY], {
    env: { ...process.env, LANG: 'en_US.UTF-8', GONGFANG_PROGRESS: 'lines' },
  });
  let stderr = '';
  let sentAt = 0;
  const done = new Promise<{ code: number | null; goneAt: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, goneAt: performance.now() })),
  );
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (sentAt === 0 && stderr.includes(phase)) {
      sentAt = performance.now();
      child.kill('SIGINT');
    }
  });
  const { code, goneAt } = await done;
  const latency = sentAt === 0 ? NaN : goneAt - sentAt;
  const unchanged = sha256(file) === before;
  const met = code === 130 && unchanged && latency <= TARGET_INTERRUPT_MS;
  console.log(
    `SIGINT during "${args[0]}" at ${phase}: exit ${code}, gone ${latency.toFixed(0)} ms after the signal, workbook ${unchanged ? 'unchanged' : 'CHANGED'}; target exit 130 within ${TARGET_INTERRUPT_MS} ms, nothing written: ${met ? 'met' : 'NOT met'}; ${load()}`,
  );
}

export async function run(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-bench-faults-'));
  try {
    for (const rows of SIZES) {
      const file = path.join(folder, `marks-${rows}.xlsx`);
      await writeMarkedLedger(file, rows);
      marksTwice(file, rows);
      if (rows === 100_000) {
        const copy = path.join(folder, 'interrupt.xlsx');
        fs.copyFileSync(file, copy);
        await interrupted(copy, ['check', copy, '--mark'], '[2/3]');
        await interrupted(copy, ['close', copy, '--month', '2026-10', '--force'], '[2/3]');
        await interrupted(copy, ['generate', copy, '--month', '2026-11'], '[1/3]');
      }
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
