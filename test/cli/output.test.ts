/** Terminal output: aligned tables with Chinese text, money, the progress bar, the locale. */
import { Writable } from 'node:stream';
import { envLang } from '../../src/cli/locale';
import { displayWidth, formatMoney, formatTable } from '../../src/cli/output';
import { createProgress, renderBar } from '../../src/cli/progress';

class Capture extends Writable {
  text = '';
  isTTY: boolean;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

test('Chinese characters take two columns, so tables line up', () => {
  expect(displayWidth('合格件数')).toBe(8);
  expect(displayWidth('Net pay')).toBe(7);
  const table = formatTable(
    [
      ['实发合计', '¥1.00'],
      ['Net pay', '¥22,941.25'],
    ],
    [1],
  );
  const lines = table.split('\n');
  expect(lines.map(displayWidth)).toEqual([20, 20]);
  expect(lines[0]?.endsWith('     ¥1.00')).toBe(true);
});

test('money is printed from fen exactly, with the sign before the currency', () => {
  expect(formatMoney(2294125, '¥')).toBe('¥22,941.25');
  expect(formatMoney(-5, '¥')).toBe('-¥0.05');
  expect(formatMoney(0, 'HK$')).toBe('HK$0.00');
});

test('the progress bar is drawn only on a terminal, and cleared at the end', () => {
  const pipe = new Capture(false);
  const silent = createProgress(pipe, true);
  silent.phase('reading', 0, 3);
  silent.finish();
  expect(pipe.text).toBe('');

  const terminal = new Capture(true);
  let clock = 0;
  const progress = createProgress(terminal, true, () => clock);
  progress.phase('读取', 0, 3);
  clock = 2500;
  progress.phase('写入', 2, 3);
  progress.finish();
  expect(terminal.text).toContain('1/3 读取 0.0s');
  expect(terminal.text).toContain('3/3 写入 0.0s');
  expect(terminal.text.endsWith('\r\u001b[2K')).toBe(true);
  expect(renderBar(1, 2, 'x', 1500)).toBe(`[${'█'.repeat(12)}${'░'.repeat(12)}] 2/2 x 1.5s`);
});

test('the bar fits the terminal: shorter in a narrow one, left out in a very narrow one', () => {
  // "2/3 计算 0.4s" is 13 columns wide (the label's two characters take two each).
  expect(renderBar(1, 3, '计算', 400, 80)).toBe(
    `[${'█'.repeat(8)}${'░'.repeat(16)}] 2/3 计算 0.4s`,
  );
  const narrow = renderBar(1, 3, '计算', 400, 30);
  expect(displayWidth(narrow)).toBeLessThanOrEqual(29);
  expect(narrow).toBe(`[${'█'.repeat(4)}${'░'.repeat(9)}] 2/3 计算 0.4s`);
  expect(renderBar(1, 3, '计算', 400, 20)).toBe('2/3 计算 0.4s');
});

test('text steps the bar out of its way: cleared before, drawn again after', () => {
  const terminal = new Capture(true);
  const progress = createProgress(terminal, true, () => 0);
  progress.around(() => terminal.write('before any phase\n'));
  expect(terminal.text).toBe('before any phase\n');
  terminal.text = '';
  progress.phase('reading', 0, 2);
  const bar = terminal.text;
  progress.around(() => terminal.write('a line\n'));
  expect(terminal.text).toBe(`${bar}\r\u001b[2Ka line\n${bar}`);
  progress.finish();
  terminal.text = '';
  progress.around(() => terminal.write('after\n'));
  progress.finish();
  expect(terminal.text).toBe('after\n');
});

test('the elapsed time is redrawn while a phase runs', () => {
  jest.useFakeTimers();
  try {
    const terminal = new Capture(true);
    let clock = 0;
    const progress = createProgress(terminal, true, () => clock);
    progress.phase('computing', 1, 3);
    clock = 2400;
    jest.advanceTimersByTime(100);
    expect(terminal.text).toContain('2/3 computing 2.4s');
    progress.finish();
  } finally {
    jest.useRealTimers();
  }
});

test('the environment’s language: LC_ALL, then LC_MESSAGES, then LANG, then the system', () => {
  const system = () => 'en-US';
  expect(envLang({ LANG: 'zh_CN.UTF-8' }, system)).toBe('zh-CN');
  expect(envLang({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, system)).toBe('en');
  expect(envLang({ LC_MESSAGES: 'zh_TW', LANG: 'en_US' }, system)).toBe('zh-CN');
  expect(envLang({}, () => 'zh-Hans-CN')).toBe('zh-CN');
  expect(envLang({ LANG: '' }, system)).toBe('en');
});

describe('the test run says why browser suites are skipped', () => {
  test('only outside CI and only when chromium is missing', async () => {
    const { browserSkipNotice } = await import('../support/globalSetup');
    expect(browserSkipNotice(false, false)).toContain('Browser suites skipped: /usr/bin/chromium');
    expect(browserSkipNotice(true, false)).toBeNull();
    expect(browserSkipNotice(false, true)).toBeNull();
  });
});
