/** Corrections of a closed month in the emulated Sheets: offered, and written only on Yes. */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { closeMonthFromDialog } from '../../src/apps-script/monthJobs';
import { offerClosedMonthCorrections } from '../../src/apps-script/closedMonthCorrections';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import { loadLedger } from '../../src/features/loadLedger';
import { handMonth, monthTabs } from '../support/monthWorkbook';

const today = '2026-12-03';
let emulator: Emulator;
let uninstall: () => void;

beforeEach(() => {
  emulator = createEmulator({ locale: 'zh_CN', htmlFiles: {} });
  for (const [name, rows] of Object.entries(monthTabs(handMonth()))) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
});
afterEach(() => uninstall());

function offer(): string {
  return emulator.execution(() => {
    const workbook = new SheetsWorkbook(emulator.spreadsheet);
    return offerClosedMonthCorrections(workbook, loadLedger(workbook, { today }), today);
  });
}

function closeAndChange(): void {
  const closed = emulator.execution(() => closeMonthFromDialog('2026-11'));
  expect(closed.ok).toBe(true);
  // R2's adjustment −3.00 becomes −4.00 after closing.
  emulator.spreadsheet.getSheetByName('调整')?.getRange('C3').setValue(-4);
}

it('says nothing while no month is closed or nothing changed', () => {
  expect(offer()).toBe('');
  emulator.execution(() => closeMonthFromDialog('2026-11'));
  expect(offer()).toBe('');
  expect(emulator.ui.alerts).toEqual([]);
});

it('asks before writing, and writes nothing on No', () => {
  closeAndChange();
  emulator.ui.answerNextAlert('NO');
  const text = offer();
  expect(emulator.ui.alerts.at(-1)?.message).toContain('R2 李桂兰：结账时 ¥14.55，现在 ¥13.55');
  expect(emulator.ui.alerts.at(-1)?.message).toContain('要现在把这些更正行写入「调整」表吗');
  expect(text).toContain('待更正 -¥1.00');
  expect(emulator.peek('调整')).toHaveLength(4);
});

it('writes the correction into the open month on Yes, once', () => {
  closeAndChange();
  emulator.ui.answerNextAlert('YES');
  expect(offer()).toContain('已在「调整」表写入 1 行更正');
  const rows = emulator.peek('调整');
  expect(rows.at(-1)).toEqual(['2026-12', 'R2', -1, '更正 2026-11（结账后数据有改动）']);
  // Settled: nothing more to offer.
  expect(offer()).toBe('');
});
