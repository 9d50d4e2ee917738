/**
 * The built command in a real (pseudo-)terminal, 40 columns wide, through util-linux's
 * `script`: the progress bar and the lines the command prints share stderr's and stdout's
 * terminal. The bar was drawn by the worker, which is busy for whole phases: a line printed
 * mid-run went on the end of the bar ("2/3 computing 0.0s2026-11 is closed; …"), the time
 * never moved from 0.0s, and a bar wider than the terminal wrapped into a new line at every
 * redraw. Now the supervisor draws it, steps it out of each line's way and fits it to the width.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { writeEnglishSerial } from './fixtures';
import { BUILT_CLI, cliEnv, gongfang, tempFolder } from './helpers';
import { displayWidth } from '../../src/cli/output';

jest.setTimeout(300_000);

const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
if (!hasScript) console.log('terminal tests skipped: util-linux script is missing');
const inTerminal = hasScript ? test : test.skip;

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-terminal-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** What the terminal received, running the command in one `columns` wide. */
function inPseudoTerminal(args: readonly string[], columns: number): string {
  const command = [process.execPath, BUILT_CLI, ...args].map((word) => `'${word}'`).join(' ');
  const result = spawnSync(
    'script',
    ['-qec', `stty cols ${columns}; exec ${command}`, '/dev/null'],
    {
      cwd: folder,
      env: cliEnv('en'),
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(0);
  return result.stdout;
}

const ESC = '\u001b';
const CLEAR = `\r${ESC}[2K`;

inTerminal(
  'a line printed mid-run never lands on the bar, and the bar fits the terminal',
  async () => {
    await writeEnglishSerial(folder);
    const closed = gongfang(
      ['close', 'english.xlsx', '--month', '2026-11', '--today', '2026-12-03'],
      {
        cwd: folder,
      },
    );
    expect(closed.code).toBe(0);
    // November is closed: generate says it takes December while its bar is up.
    const seen = inPseudoTerminal(['generate', 'english.xlsx', '--today', '2026-12-05'], 40);
    expect(seen).toContain('2026-11 is closed; taking the next month not closed, 2026-12.');
    // Each line the command prints starts on a cleared line, never after a bar's time.
    expect(seen).not.toMatch(new RegExp(`\\d\\.\\ds[^\\s${ESC}]`));
    for (const text of ['2026-11 is closed', 'Wrote english.xlsx']) {
      expect(seen).toContain(`${CLEAR}${text}`);
    }
    // Every drawing of the bar fits in 39 columns, so it is redrawn in place, never wrapped.
    const bars = seen.split(/[\r\n]/).filter((segment) => segment.includes('/3 '));
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) expect(displayWidth(bar.split(`${ESC}[2K`).join(''))).toBeLessThan(40);
  },
);
