/**
 * Issue 7 in the emulated Apps Script: who closed (the typed name, remembered per user, and the
 * verified account), Closings protected warning-only, the Close dialog's confirm step, and
 * 撤销结账 / Reopen month from the menu with its prompt.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import {
  closeMonthFromDialog,
  previewCloseFromDialog,
  showReopenMonthDialog,
} from '../../src/apps-script/monthJobs';
import { onOpen } from '../../src/apps-script/menu';
import { handMonth, monthTabs } from '../support/monthWorkbook';

// 3 December 2026 in Shanghai: 2026-11 is over, 2026-12 is the current month.
const NOW = new Date('2026-12-03T02:00:00Z');

let emulator: Emulator;
let uninstall: () => void;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  emulator = createEmulator({ locale: 'zh_CN', htmlFiles: {}, userEmail: 'wang@example.org' });
  for (const [name, rows] of Object.entries(monthTabs(handMonth()))) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

type Reply = { ok: boolean; message: string; details?: string[]; value?: any };
const close = (month: string, name: string, confirmed = false) =>
  emulator.execution(() => closeMonthFromDialog(month, { name, confirmed })) as Reply;
const preview = (month: string) => emulator.execution(() => previewCloseFromDialog(month)) as Reply;

describe('who closed', () => {
  it('records the typed name and the verified account, and remembers the name', () => {
    expect(preview('2026-11').value.closerName).toBe('');
    expect(close('2026-11', '  王老师 ').ok).toBe(true);
    const [header, row] = emulator.peek('结账');
    const at = (text: string) => header?.indexOf(text) ?? -1;
    expect(row?.[at('结账人')]).toBe('王老师');
    expect(row?.[at('结账账号')]).toBe('wang@example.org');
    expect(preview('2026-10').value.closerName).toBe('王老师');
  });

  it('refuses to close without a name', () => {
    const reply = close('2026-11', '  ');
    expect(reply.ok).toBe(false);
    expect(reply.message).toBe('请填写结账人姓名。');
    expect(emulator.spreadsheet.getSheetByName('结账')).toBeNull();
  });
});

it('protects 结账 / Closings warning-only, as the generated tabs', () => {
  close('2026-11', '王老师');
  const sheet = emulator.spreadsheet.getSheetByName('结账');
  const protections = sheet?.getProtections(SpreadsheetApp.ProtectionType.SHEET) ?? [];
  expect(protections).toHaveLength(1);
  expect(protections[0]?.isWarningOnly()).toBe(true);
});

it('asks for confirmation of the current month before its last day, then closes on confirm', () => {
  const checked = preview('2026-12');
  expect(checked.ok).toBe(true);
  expect(checked.value.warnings).toEqual([
    '2026-12 还没有结束（最后一天是 2026-12-31），之后登记的计件将成为对已结账月份的更正。',
    '2026-12 没有任何计件或调整行。',
  ]);
  const refused = close('2026-12', '王老师');
  expect(refused.ok).toBe(false);
  expect(refused.details).toEqual(checked.value.warnings);
  expect(close('2026-12', '王老师', true).ok).toBe(true);
  expect(preview('2027-01').message).toBe('2027-01 还没有到（今天是 2026-12-03），不能结账。');
});

describe('撤销结账 / Reopen month', () => {
  it('is in the menu', () => {
    emulator.execution(() => onOpen());
    const items = (emulator.ui.menus.at(-1)?.items ?? []).map((item) =>
      item === 'separator' ? item : item.caption,
    );
    expect(items).toContain('撤销结账…');
  });

  it('names the month, its closing date and closer, and records the reason on OK', () => {
    close('2026-11', '王老师');
    emulator.ui.answerNextPrompt('漏登了 R2 的计件', 'OK');
    emulator.execution(() => showReopenMonthDialog());
    const [prompt] = emulator.ui.prompts;
    expect(prompt?.title).toBe('撤销结账');
    expect(prompt?.message).toContain(
      '撤销 2026-11 的结账（2026-12-03 10:00 由 王老师 wang@example.org 结账）',
    );
    const rows = emulator.peek('结账');
    const header = rows[0] ?? [];
    const last = rows.at(-1) ?? [];
    expect(last[header.indexOf('撤销原因')]).toBe('漏登了 R2 的计件');
    expect(last[header.indexOf('撤销人')]).toBe('王老师 wang@example.org');
    expect(emulator.ui.alerts.at(-1)?.message).toContain('已撤销 2026-11 的结账');
    expect(close('2026-11', '王老师').ok).toBe(true);
  });

  it('changes nothing on Cancel, and says when no month is closed', () => {
    emulator.execution(() => showReopenMonthDialog());
    expect(emulator.ui.alerts.at(-1)?.message).toBe('没有已结账的月份可以撤销。');
    close('2026-11', '王老师');
    emulator.ui.answerNextPrompt('x', 'CANCEL');
    emulator.execution(() => showReopenMonthDialog());
    expect(emulator.ui.alerts.at(-1)?.message).toBe('已取消，未作改动。');
    expect(emulator.peek('结账')).toHaveLength(2);
  });
});

it('finds 结账 renamed with a trailing space, and refuses months when it is gone', () => {
  close('2026-11', '王老师');
  emulator.spreadsheet.getSheetByName('调整')?.getRange('C2').setValue(6);
  emulator.spreadsheet.getSheetByName('结账')?.setName('结账 ');
  expect(close('2026-11', '王老师').message).toContain('已于');
  const sheet = emulator.spreadsheet.getSheetByName('结账 ');
  if (sheet) emulator.spreadsheet.deleteSheet(sheet);
  const refused = close('2026-10', '王老师', true);
  expect(refused.ok).toBe(false);
  expect(refused.message).toContain('结账记录读不到了');
});
