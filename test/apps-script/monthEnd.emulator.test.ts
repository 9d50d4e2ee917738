/**
 * Issue 17 in the emulated Apps Script: the checks while typing forget their kept context when
 * a month is reopened or the workbook set up (finding 9); a hidden old 计件登记 tab beside 计件
 * is refused by Generate and reported by Check data (finding 3); the Reopen dialog says which
 * corrections it withdraws before anything is written; refusals name the menu item to use.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { EDIT_CONTEXT_KEY, onEdit } from '../../src/apps-script/onEdit';
import {
  closeMonthFromDialog,
  generateMonthFromDialog,
  monthDialogInfo,
  previewCloseFromDialog,
  showReopenMonthDialog,
} from '../../src/apps-script/monthJobs';
import { checkData, setUpWorkbook } from '../../src/apps-script/menu';
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';
import type { MonthSheets } from '../support/monthWorkbook';

// 3 December 2026 in Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');

let emulator: Emulator;
let uninstall: () => void;

function sheets(): MonthSheets {
  return {
    residents: [residentRow('R1', '王秀英'), residentRow('R2', '李桂兰')],
    orders: [orderRow('O1', '香囊', '刺绣', 4, { received: '2026-01-01' })],
    pieces: [
      pieceRow('2026-11-03', 'R1', 'O1', 10, 0, 'E1'),
      pieceRow('2026-11-05', 'R2', 'O1', 54, 0, 'E2'),
    ],
    adjustments: [adjustmentRow('2026-11', 'R2', 3, '全勤奖')],
  };
}

function install(tabs: Record<string, unknown[][]>, hidden: readonly string[] = []): void {
  emulator = createEmulator({ locale: 'zh_CN', htmlFiles: {} });
  for (const [name, rows] of Object.entries(tabs)) emulator.seed(name, rows);
  for (const name of hidden) emulator.spreadsheet.getSheetByName(name)?.hideSheet();
  uninstall = emulator.install(globalThis);
  emulator.simpleTriggers({ onEdit });
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

type Reply = { ok: boolean; message: string; details?: string[] };
const close = (month: string) =>
  emulator.execution(() =>
    closeMonthFromDialog(month, { name: '王老师', confirmed: true }),
  ) as Reply;
const generate = (month: string) =>
  emulator.execution(() => generateMonthFromDialog(month)) as Reply;
const keptContext = () =>
  emulator.execution(() => CacheService.getDocumentCache()?.get(EDIT_CONTEXT_KEY) ?? null);
const closedMark = (a1: string) => emulator.cell('计件', a1).note.includes('2026-11 已结账');

describe('finding 9: the checks while typing forget what they kept', () => {
  it('after Reopen month, a November row is no longer marked as in a closed month', () => {
    install(monthTabs(sheets()));
    expect(close('2026-11').ok).toBe(true);
    emulator.userEdit('计件', 'D2', '11');
    expect(closedMark('A2')).toBe(true);
    expect(keptContext()).not.toBeNull();
    emulator.ui.answerNextPrompt('R1 多登了一件', 'OK');
    emulator.execution(() => showReopenMonthDialog());
    expect(emulator.ui.alerts.at(-1)?.message).toContain('已撤销 2026-11 的结账');
    expect(keptContext()).toBeNull();
    emulator.userEdit('计件', 'D3', '55');
    expect(closedMark('A3')).toBe(false);
    expect(emulator.cell('计件', 'A3').note.startsWith(MARK_NOTE_PREFIX)).toBe(false);
  });

  it('after Set up, the kept context is built again at the next edit', () => {
    install(monthTabs(sheets()));
    emulator.userEdit('计件', 'D2', '11');
    expect(keptContext()).not.toBeNull();
    emulator.execution(() => setUpWorkbook());
    expect(keptContext()).toBeNull();
  });
});

describe('finding 3 in Sheets: a hidden 计件登记 beside 计件', () => {
  function withOldTab(): void {
    const tabs = monthTabs(sheets());
    const { 计件: pieces = [], ...rest } = tabs;
    const old = [pieces[0] ?? [], pieceRow('2026-11-05', 'R2', 'O1', 10)];
    const ordered: Record<string, unknown[][]> = {};
    for (const [name, rows] of Object.entries(rest)) {
      if (name === '调整') {
        ordered['计件登记'] = old;
        ordered['计件'] = pieces;
      }
      ordered[name] = rows;
    }
    install(ordered, ['计件登记']);
  }

  it('Generate refuses naming both tabs; Check data reports it as an error', () => {
    withOldTab();
    const refused = generate('2026-11');
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('「计件登记」「计件」都可当作「计件」表');
    expect(emulator.spreadsheet.getSheetByName('工资 2026-11')).toBeNull();
    expect(close('2026-11').ok).toBe(false);
    emulator.execution(() => checkData());
    expect(emulator.ui.alerts.at(-1)?.message).toContain('「计件登记」「计件」都可当作「计件」表');
  });
});

describe('Reopen month says what it withdraws before writing anything', () => {
  it('lists the corrections in later months, and Cancel writes nothing', () => {
    install(monthTabs(sheets()));
    expect(close('2026-11').ok).toBe(true);
    emulator.spreadsheet.getSheetByName('计件')?.getRange('D3').setValue(67);
    emulator.ui.answerNextAlert('YES');
    emulator.execution(() => checkData());
    const adjustments = () => emulator.peek('调整').length;
    const written = adjustments();
    expect(emulator.peek('调整').at(-1)?.slice(0, 3)).toEqual(['2026-12', 'R2', 52]);

    emulator.ui.answerNextPrompt('', 'CANCEL');
    emulator.execution(() => showReopenMonthDialog());
    const prompt = emulator.ui.prompts.at(-1)?.message ?? '';
    expect(prompt).toContain('撤销后，已为 2026-11 写入以后月份的 1 笔更正将被撤回');
    expect(prompt).toContain('2026-12 R2 李桂兰 ¥52.00（「调整」第 3 行）');
    expect(adjustments()).toBe(written);
    expect(emulator.peek('结账')).toHaveLength(2);

    emulator.ui.answerNextPrompt('R2 漏登', 'OK');
    emulator.execution(() => showReopenMonthDialog());
    expect(emulator.ui.alerts.at(-1)?.message).toContain(
      '已在「调整」表写入 1 行，撤回了这些更正。',
    );
    expect(emulator.peek('调整').at(-1)?.slice(0, 3)).toEqual(['2026-12', 'R2', -52]);
    // The Close dialog says what closing again hands out, before closing.
    const preview = emulator.execution(() => previewCloseFromDialog('2026-11')) as Reply;
    expect(preview.message).toContain('2026-11 曾经结账发放过：这次结账只发放还没发的 ¥52.00');
    expect(close('2026-11').message).toContain('这次结账只发放还没发的 ¥52.00');
  });

  it('refusals name the menu item to use next, and the default month skips a closed one', () => {
    install(monthTabs(sheets()));
    expect(close('2026-11').ok).toBe(true);
    const again = close('2026-11');
    expect(again.details).toContain('下一步：菜单「工坊」›「撤销结账…」，选择 2026-11。');
    const far = generate('2027-06');
    expect(far.message).toBe(
      '2027-06 没有任何计件或调整行，也不在账本的月份附近（2026-09 至 2027-02），没有可生成或结账的内容；请选这段时间里的月份。',
    );
    expect(far.details).toEqual(['下一步：菜单「工坊」›「生成月度工资与汇总…」，选择 2026-12。']);
    const info = emulator.execution(() => monthDialogInfo());
    expect(info.defaultMonth).toBe('2026-12');
    // The dialog offers a year back: a month there far from the ledger, picked, was no typo.
    const picked = generate(info.months.at(-1) ?? '');
    expect(picked.message).toContain('（2026-09 至 2027-02），没有可生成或结账的内容');
    expect(picked.message).not.toContain('输错');
  });
});

describe('a closed month whose rows changed without changing anyone’s pay', () => {
  it('a slip re-dated within November: Check data asks nothing, Generate rebuilds it', () => {
    install(monthTabs(sheets()));
    expect(close('2026-11').ok).toBe(true);
    emulator.userEdit('计件', 'A3', '2026-11-06');
    emulator.execution(() => checkData());
    const report = emulator.ui.alerts.at(-1);
    expect(report?.buttons).toBe('OK');
    expect(report?.message).toContain(
      '2026-11（2026-12-03 10:00 结账）此后有行改动，但没有要更正的金额。',
    );
    expect(report?.message).not.toContain('待更正');
    const generated = generate('2026-11');
    expect(generated.ok).toBe(true);
    expect(generated.message).toContain(
      '该月已结账；此后有行改动，但每人实发不变，已按现在的行重新生成，无需更正。',
    );
  });
});
