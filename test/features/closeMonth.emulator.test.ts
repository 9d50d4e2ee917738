/**
 * Correcting a closed month, end to end in the emulated Apps Script: the month is closed through
 * the Close dialog's endpoint, a row of it changes, then Check data from the menu reports the
 * change and asks Yes/No in its own report dialog. Yes writes the correction rows (under the
 * document lock, in one write); No, or closing the dialog, writes nothing.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { checkData } from '../../src/apps-script/menu';
import { closeMonthFromDialog } from '../../src/apps-script/monthJobs';
import { t } from '../../src/i18n';
import { handMonth, monthTabs } from '../support/monthWorkbook';

// The menu function takes today from the clock: 3 December 2026 in Shanghai, so 2026-11 can be
// closed and the corrections go into the open month 2026-12. Only Date is faked.
const NOW = new Date('2026-12-03T02:00:00Z');
const CORRECTION = ['2026-12', 'R2', -1, '更正 2026-11（结账后数据有改动）', '2026-11'];
const CLOSER = { name: '王老师', confirmed: false };

let emulator: Emulator;
let uninstall: () => void;

function install(locale = 'zh_CN', lang: 'zh' | 'en' = 'zh'): void {
  emulator = createEmulator({ locale, htmlFiles: {}, now: () => new Date() });
  for (const [name, rows] of Object.entries(monthTabs(handMonth(), lang))) {
    emulator.seed(name, rows);
  }
  uninstall = emulator.install(globalThis);
}

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  install();
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

function closeNovember(): void {
  const closed = emulator.execution(() => closeMonthFromDialog('2026-11', CLOSER));
  expect(closed.ok).toBe(true);
}

/** R2's adjustment −3.00 becomes −4.00 after closing: R2 was paid 1.00 too much. */
function closeAndChange(): void {
  closeNovember();
  emulator.spreadsheet.getSheetByName('调整')?.getRange('C3').setValue(-4);
}

function check(): void {
  emulator.execution(() => checkData());
}

const adjustments = () => emulator.peek('调整');

it('reports nothing about closed months while none is closed or nothing changed', () => {
  check();
  closeNovember();
  check();
  expect(emulator.ui.alerts.map((a) => a.buttons)).toEqual(['OK', 'OK']);
  for (const alert of emulator.ui.alerts) expect(alert.message).not.toContain('已结账月份');
});

it('asks in the report dialog itself, and writes nothing on No', () => {
  closeAndChange();
  emulator.ui.answerNextAlert('NO');
  emulator.calls.reset();
  check();
  expect(emulator.ui.alerts).toHaveLength(1);
  const [alert] = emulator.ui.alerts;
  expect(alert?.title).toBe('检查数据');
  expect(alert?.buttons).toBe('YES_NO');
  // The check's own report, then the closed month, then the question.
  expect(alert?.message).toMatch(/^没有发现问题|^发现/);
  expect(alert?.message).toContain('2026-11（');
  expect(alert?.message).toContain(
    'R2 李桂兰：结账时 ¥14.55，现在 ¥13.55，已更正 ¥0.00，待更正 -¥1.00',
  );
  expect(alert?.message).toContain('可在 2026-12 的「调整」表中写入 1 行更正。');
  expect(alert?.message.endsWith(t('zh-CN', 'correctionsConfirm'))).toBe(true);
  expect(adjustments()).toHaveLength(4);
  // No lock for a check that writes no rows.
  expect(emulator.calls.byMethod()['LockService.getDocumentLock']).toBeUndefined();
});

it('writes the correction into the open month on Yes, in one write under the lock, once', () => {
  closeAndChange();
  emulator.ui.answerNextAlert('YES');
  emulator.calls.reset();
  check();
  const calls = emulator.calls.byMethod();
  expect(emulator.ui.alerts.map((a) => [a.buttons, a.message])).toEqual([
    ['YES_NO', expect.stringContaining('待更正 -¥1.00')],
    ['OK', '已在「调整」表写入 1 行更正。'],
  ]);
  expect(adjustments().at(-1)).toEqual(CORRECTION);
  expect(adjustments()).toHaveLength(5);
  expect(calls['Lock.tryLock']).toBe(1);
  expect(calls['Lock.releaseLock']).toBe(1);
  // The rows in one write; the first correction also writes the 更正月份 header (once).
  expect(calls['Range.setValues']).toBe(2);
  expect(emulator.peek('调整')[0]?.at(-1)).toBe('更正月份');
  // The month is settled: the next check reports no closed month and asks nothing.
  check();
  expect(emulator.ui.alerts.at(-1)?.buttons).toBe('OK');
  expect(emulator.ui.alerts.at(-1)?.message).not.toContain('已结账月份');
  expect(adjustments()).toHaveLength(5);
});

it('writes nothing when the dialog is closed instead of answered', () => {
  closeAndChange();
  emulator.ui.answerNextAlert('CLOSE');
  check();
  expect(emulator.ui.alerts.map((a) => a.buttons)).toEqual(['YES_NO']);
  expect(adjustments()).toHaveLength(4);
});

it('says so and writes nothing when a colleague holds the lock', () => {
  closeAndChange();
  const release = emulator.holdDocumentLock();
  emulator.ui.answerNextAlert('YES');
  check();
  release();
  expect(emulator.ui.alerts.at(-1)?.message).toBe(t('zh-CN', 'busy'));
  expect(adjustments()).toHaveLength(4);
});

it('writes nothing twice when a colleague wrote the rows between the question and the Yes', () => {
  closeAndChange();
  // The answer is given after a colleague's run added the same correction row.
  const answers = (emulator.ui as unknown as { alertAnswers: string[] }).alertAnswers;
  const shift = answers.shift.bind(answers);
  answers.shift = () => {
    answers.shift = shift;
    emulator.spreadsheet.getSheetByName('调整')?.appendRow(CORRECTION);
    return 'YES';
  };
  check();
  expect(emulator.ui.alerts.at(-1)?.message).toBe(t('zh-CN', 'correctionsNothingLeft'));
  expect(adjustments()).toHaveLength(5);
});

it('offers no correction while the closed month has rows with errors', () => {
  closeAndChange();
  // A count in the closed month becomes unreadable: R1's pay "now" would leave the row out.
  emulator.spreadsheet.getSheetByName('计件')?.getRange('D3').setValue('七');
  check();
  const alert = emulator.ui.alerts.at(-1);
  expect(alert?.buttons).toBe('OK');
  expect(alert?.message).toContain('2026-11 现有 1 行错误');
  expect(alert?.message).toContain('「计件」第 3 行');
  expect(alert?.message).not.toContain('可在 2026-12');
  expect(adjustments()).toHaveLength(4);
});

it('asks in English on an English sheet, and No closes it', () => {
  uninstall();
  install('en_US', 'en');
  const closed = emulator.execution(() => closeMonthFromDialog('2026-11', CLOSER));
  expect(closed.ok).toBe(true);
  emulator.spreadsheet.getSheetByName('Pieces')?.getRange('D3').setValue(8);
  emulator.ui.answerNextAlert('NO');
  check();
  const [alert] = emulator.ui.alerts;
  expect(alert?.title).toBe('Check data');
  expect(alert?.message).toContain('Closed months that changed');
  expect(alert?.message).toContain('1 correction row can be added to Adjustments for 2026-12.');
  expect(alert?.message).toContain(t('en', 'correctionsConfirm'));
  expect(emulator.peek('Adjustments')).toHaveLength(4);
});
