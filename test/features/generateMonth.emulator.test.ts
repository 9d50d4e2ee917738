/**
 * Generate and Close end to end in the emulated Apps Script: from the menu function to the
 * endpoint the dialog calls (through the google.script.run rules), down to the cells written.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { showCloseMonthDialog, showGenerateMonthDialog } from '../../src/apps-script/monthJobs';
import type { CellValue } from '../../src/workbook/cells';
import { handMonth, monthTabs, orderRow, pieceRow } from '../support/monthWorkbook';
import { loadBundle } from '../support/bundle';

/** Dates as Date cells, as Sheets holds them. */
function withDateCells(tabs: Record<string, CellValue[][]>): Record<string, CellValue[][]> {
  const pieces = tabs['计件'];
  // An English workbook has no 计件 tab: adding an empty one would leave two Pieces tabs.
  if (pieces === undefined) return tabs;
  return {
    ...tabs,
    计件: pieces.map((row, i) =>
      i === 0 || typeof row[0] !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(row[0])
        ? row
        : [new Date(`${row[0]}T00:00:00+08:00`), ...row.slice(1)],
    ),
  };
}

/** What the Close dialog sends with the month: the closer's name, warnings not confirmed. */
const CLOSER = { name: '王老师', confirmed: false };

const htmlFiles = { 'generate-month': '<p>generate</p>', 'close-month': '<p>close</p>' };

function seeded(tabs: Record<string, CellValue[][]>, dateCells = true, locale = 'zh_CN'): Emulator {
  const emulator = createEmulator({ locale, htmlFiles });
  const seededTabs = dateCells ? withDateCells(tabs) : tabs;
  for (const [name, rows] of Object.entries(seededTabs)) emulator.seed(name, rows);
  return emulator;
}

function call<T>(emulator: Emulator, name: string, args: unknown[] = []): T {
  const result = emulator.callServerFunction(endpoints as Record<string, unknown>, name, args);
  if (!result.ok) throw result.error;
  return result.value as T;
}

type Reply = { ok: boolean; message: string; busy?: boolean; details?: string[]; value?: any };

describe('Generate from the menu, in the emulator', () => {
  let emulator: Emulator;
  let uninstall: () => void;
  beforeEach(() => {
    emulator = seeded(monthTabs(handMonth()));
    uninstall = emulator.install(globalThis);
  });
  afterEach(() => uninstall());

  it('opens the dialog, then writes the three tabs through the endpoint', () => {
    emulator.execution(() => showGenerateMonthDialog());
    expect(emulator.ui.dialogs.at(-1)).toMatchObject({
      kind: 'modal',
      title: '生成月度工资与汇总',
    });
    const info = call<{ lang: string; months: string[] }>(emulator, 'monthDialogInfo');
    expect(info.lang).toBe('zh-CN');
    expect(info.months).toContain('2026-11');
    const reply = emulator.execution(() =>
      call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
    );
    expect(reply.ok).toBe(true);
    expect(reply.message).toContain('¥64.23');
    const payout = emulator.peek('工资 2026-11');
    const r1 = payout.find((row) => row[0] === 'R1');
    expect(r1?.slice(0, 8)).toEqual(['R1', '王秀英', '困难户', 997, 10, 17.18, 5, 22.18]);
    expect(emulator.peek('工资条 2026-11').length).toBeGreaterThan(10);
    expect(emulator.peek('汇总 2026-11').length).toBeGreaterThan(20);
    expect(emulator.ui.toasts.length).toBeGreaterThan(0);
  });

  it('writes user text as text: formulas, phone numbers and 007 stay as typed', () => {
    emulator.execution(() => call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']));
    const payout = emulator.peek('工资 2026-11');
    const index = payout.findIndex((row) => row[0] === '007');
    expect(index).toBeGreaterThan(0);
    const id = emulator.cell('工资 2026-11', `A${index + 1}`);
    const name = emulator.cell('工资 2026-11', `B${index + 1}`);
    expect(id.value).toBe('007');
    expect(name.value).toBe('=HYPERLINK("http://x","y")');
    expect(name.formula).toBe('');
    const phone = payout.find((row) => row[0] === 'R5');
    expect(phone?.[1]).toBe('+86 138 0000 0000');
    const money = emulator.cell('工资 2026-11', `H${index + 1}`);
    expect(money.displayValue).toBe('¥5.00');
  });

  it('says busy and writes nothing while a colleague holds the lock', () => {
    const release = emulator.holdDocumentLock();
    const reply = emulator.execution(() =>
      call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
    );
    release();
    expect(reply).toMatchObject({ ok: false, busy: true });
    expect(reply.message).toContain('另一个操作正在运行');
    expect(emulator.spreadsheet.getSheetByName('工资 2026-11')).toBeNull();
  });

  it('closes the month from its dialog, then refuses to rebuild it after tampering', () => {
    emulator.execution(() => showCloseMonthDialog());
    expect(emulator.ui.dialogs.at(-1)?.title).toBe('结账');
    const preview = call<Reply>(emulator, 'previewCloseFromDialog', ['2026-11']);
    expect(preview.value.blocking).toEqual([]);
    const closed = emulator.execution(() =>
      call<Reply>(emulator, 'closeMonthFromDialog', ['2026-11', CLOSER]),
    );
    expect(closed.ok).toBe(true);
    const closings = emulator.peek('结账');
    const [month, closedAt, closedBy, residents, netPay] = closings[1] ?? [];
    expect([month, closedBy, residents, netPay]).toEqual(['2026-11', '王老师', 5, 64.23]);
    expect(closedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const status = emulator.peek('工资 2026-11').find((row) => row[0] === '状态');
    expect(String(status?.[1])).toContain('CLOSED');
    // Tamper: change a count in the closed month.
    emulator.spreadsheet.getSheetByName('计件')?.getRange('D2').setValue(1200);
    const refused = emulator.execution(() =>
      call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
    );
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(`2026-11 已于 ${String(closedAt)} 结账`);
    const again = emulator.execution(() =>
      call<Reply>(emulator, 'previewCloseFromDialog', ['2026-11']),
    );
    expect(again.value.closed).not.toBeNull();
  });

  it('lists the rows that block closing', () => {
    emulator.spreadsheet.getSheetByName('计件')?.appendRow(pieceRow('2026-11-15', 'R1', 'A', 2, 5));
    const preview = call<Reply>(emulator, 'previewCloseFromDialog', ['2026-11']);
    expect(preview.value.blocking).toHaveLength(1);
    expect(preview.value.blocking[0].where).toContain('第 10 行');
    const refused = emulator.execution(() =>
      call<Reply>(emulator, 'closeMonthFromDialog', ['2026-11', CLOSER]),
    );
    expect(refused).toMatchObject({ ok: false, busy: false });
    expect(refused.details?.[0]).toContain('第 10 行');
    expect(emulator.spreadsheet.getSheetByName('结账')).toBeNull();
  });
});

describe('the built Code.js, as deployed', () => {
  it('generates and closes from the menu functions with only the Apps Script services', () => {
    const emulator = seeded(monthTabs(handMonth()));
    const context = loadBundle(emulator);
    emulator.execution(() => context.showGenerateMonthDialog());
    expect(emulator.ui.dialogs.at(-1)?.title).toBe('生成月度工资与汇总');
    const run = (name: string, month: string) => {
      const args = name === 'closeMonthFromDialog' ? [month, CLOSER] : [month];
      const result = emulator.execution(() => emulator.callServerFunction(context, name, args));
      if (!result.ok) throw result.error;
      return result.value as Reply;
    };
    expect(run('generateMonthFromDialog', '2026-11').message).toContain('¥64.23');
    expect(run('closeMonthFromDialog', '2026-11').ok).toBe(true);
    const [closingsHeader = [], closed = []] = emulator.peek('结账');
    expect(String(closed[closingsHeader.indexOf('指纹')])).toMatch(/^[0-9a-f]{64}$/);
    expect(run('generateMonthFromDialog', '2026-11').ok).toBe(true);
    emulator.spreadsheet.getSheetByName('调整')?.getRange('C2').setValue(6);
    const refused = run('generateMonthFromDialog', '2026-11');
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('不重新生成');
  });
});

describe('an English spreadsheet', () => {
  it('gets an English dialog, English tabs and English messages', () => {
    const emulator = seeded(monthTabs(handMonth(), 'en'), true, 'en_US');
    const uninstall = emulator.install(globalThis);
    try {
      emulator.execution(() => showGenerateMonthDialog());
      expect(emulator.ui.dialogs.at(-1)?.title).toBe('Generate month');
      const reply = emulator.execution(() =>
        call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
      );
      expect(reply.message).toContain('2026-11 generated: 5 residents paid, total net pay ¥64.23');
      expect(emulator.peek('Payout 2026-11').some((row) => row[0] === 'Total')).toBe(true);
      const bad = emulator.execution(() =>
        call<Reply>(emulator, 'generateMonthFromDialog', ['11/2026']),
      );
      expect(bad).toMatchObject({ ok: false, busy: false });
      expect(bad.message).toContain('"11/2026" is not a month');
    } finally {
      uninstall();
    }
  });
});

describe('the service-call budget', () => {
  function piecesOf(count: number): CellValue[][] {
    const sheets = handMonth();
    const rows: CellValue[][] = [];
    for (let i = 0; i < count; i += 1) {
      const day = String((i % 28) + 1).padStart(2, '0');
      rows.push(
        pieceRow(
          `2026-11-${day}`,
          ['R1', 'R2', 'R3'][i % 3] as string,
          'A',
          10,
          i % 7 === 0 ? 1 : 0,
        ),
      );
    }
    return [...sheets.pieces.slice(0, 0), ...rows];
  }

  type Calls = { total: number; byMethod: Record<string, number> };

  interface Workshop {
    /** A 语言 row in Settings, as Set up writes it. */
    language?: boolean;
    /** A 结账 tab (headers only: no month closed yet). */
    closings?: boolean;
  }

  function callsFor(count: number, workshop: Workshop = {}): { first: Calls; again: Calls } {
    const sheets = handMonth();
    sheets.pieces = piecesOf(count);
    if (workshop.language) {
      sheets.settings = [
        ['机构名称', '幸福社区工坊'],
        ['货币', '¥'],
        ['语言', 'zh-CN'],
      ];
    }
    // Dates typed as text: the emulator's Date cells are slow to copy under jest at 100,000 rows.
    const emulator = seeded(monthTabs(sheets), false);
    if (workshop.closings) {
      emulator.seed('结账', [['月份', '结账时间', '结账人', '人数', '实发合计', '指纹', '明细']]);
    }
    const uninstall = emulator.install(globalThis);
    try {
      const generate = () => {
        emulator.calls.reset();
        const reply = emulator.execution(() =>
          call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
        );
        expect(reply.ok).toBe(true);
        return { total: emulator.calls.total(), byMethod: emulator.calls.byMethod() };
      };
      // The first run of a month creates its three tabs: the usual monthly case.
      const first = generate();
      // Running it again rebuilds the tabs that now exist.
      const again = generate();
      return { first, again };
    } finally {
      uninstall();
    }
  }

  function print(label: string, calls: { first: Calls; again: Calls }): void {
    process.stdout.write(
      `Generate service calls, ${label}: first run ${calls.first.total}, again ${calls.again.total}\n` +
        `  first: ${JSON.stringify(calls.first.byMethod)}\n  again: ${JSON.stringify(calls.again.byMethod)}\n`,
    );
  }

  it('is the same for 1,000 and 100,000 Pieces rows', () => {
    const small = callsFor(1_000);
    const large = callsFor(100_000);
    print('100,000 rows, no Language setting, no 结账 tab', large);
    // Widths fit the content, so how many runs of equal width a first generation sets may
    // differ with the figures (larger totals, wider columns); every other call is the same.
    const withoutWidths = ({ byMethod }: Calls) => ({
      ...byMethod,
      'Sheet.setColumnWidths': undefined,
    });
    expect(withoutWidths(large.first)).toEqual(withoutWidths(small.first));
    expect(large.again).toEqual(small.again);
    // docs/month.md says where each call goes. Without a Language setting the locale is read
    // (1); a missing 结账 tab costs two exact lookups and one scan of the tab names (a tab
    // renamed "结账 " must still be found: issue 7). Widths fit the content in at most three
    // runs of equal width a tab, one setColumnWidths each (7 in all here: 61 calls): 57 with
    // one run a tab, at most 63. Printing adds 11 (issue 13): header alignments (one
    // setHorizontalAlignments a tab), the tables' borders (one getRangeList + setBorder a tab)
    // and the payslips' dashed cut lines (one more pair). Two more put the user back on their
    // own tab after the inserts (getActiveSheet, setActiveSheet). The Summary's wrapped text
    // (long products, wrapped headers: issue 13) adds one setWrapStrategies on its grid: 12.
    // Issue 22: the payout's and the payslips' text wraps too (long names, products and
    // reasons, headers: one setWrapStrategies each, +2), and each payslip's box to sign in is
    // outlined (one getRangeList + setBorder for all of them, +2): 16, whatever the rows.
    const BACK_TO_TAB = 2;
    const PRINTING = 16;
    // A regeneration keeps the Summary's charts only while they cover the trend, whose length
    // follows the ledger's first month (issue 22): the first chart's range, getRanges and
    // getA1Notation.
    const CHART_ROWS = 2;
    // Each run also forgets the context the checks while typing keep (apps-script/onEdit.ts):
    // CacheService.getDocumentCache and Cache.removeAll (with the audit's context), 2 calls, so
    // an edit right after generating marks the month out of date.
    const TYPING = 2;
    // Generate logs itself in the audit's inbox (issue 20), found by its exact name: one
    // getSheetByName, and nothing more while the audit is off (no inbox).
    const AUDIT = 1;
    // Every tab's name, to refuse two tabs for one role (issue 17): getId and one
    // Spreadsheets.get through the Sheets advanced service, however many tabs; a tab that list
    // does not hold (no 结账 yet) is then no tab without its two exact lookups: +2 − 2.
    const TAB_ROLES = 2 - 2;
    for (const calls of [small.first, large.first]) {
      expect(calls.total).toBeLessThanOrEqual(
        63 + PRINTING + TYPING + BACK_TO_TAB + TAB_ROLES + AUDIT,
      );
      expect(calls.byMethod['Spreadsheet.setActiveSheet']).toBe(1);
      expect(calls.byMethod['Sheet.setColumnWidths']).toBeLessThanOrEqual(3 * 3);
    }
    expect(large.again.byMethod['Sheet.setColumnWidths']).toBeUndefined();
    expect(large.again.total).toBeLessThanOrEqual(
      40 + PRINTING + TYPING + CHART_ROWS + TAB_ROLES + AUDIT,
    );
    expect(large.again.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    for (const calls of [large.first, large.again]) {
      expect(calls.byMethod['Spreadsheet.getSheets']).toBeUndefined();
      expect(calls.byMethod['Sheet.getName']).toBeUndefined();
    }
  });

  it('reads each tab in one call and skips the locale once Settings has a language', () => {
    const calls = callsFor(1_000, { language: true, closings: true });
    print('1,000 rows, Language set, 结账 tab present', calls);
    // Issue 3's budget, 40, holds for every regeneration, plus the 11 calls of the printed
    // tables (borders, cut lines, header alignment: issue 13); a first generation also creates
    // the three tabs with their widths, protection and charts.
    // (+2: forgetting the kept context of the checks while typing, as above; +1: the Summary's
    // wrapped text, one setWrapStrategies on its grid, issue 13; issue 22: +2 the payout's and
    // payslips' wrapped text, +2 the boxes to sign in, +2 checking the kept charts' rows; +2:
    // every tab's name, in one Spreadsheets.get with getId, to refuse two tabs for one role,
    // issue 17; +1: looking for the audit's inbox, issue 20.)
    expect(calls.again.total).toBeLessThanOrEqual(51 + 2 + 1 + 6 + 2 + 1);
    expect(calls.again.byMethod['Range.setWrapStrategies']).toBe(3);
    // 55 with one column width a tab; widths that fit take at most two more calls a tab.
    // Two more put the user back on their own tab after the inserts, first time only.
    expect(calls.first.total).toBeLessThanOrEqual(72 + 2 + 2 + 1 + 4 + 2 + 1);
    expect(calls.again.byMethod['Spreadsheet.setActiveSheet']).toBeUndefined();
    expect(calls.first.byMethod['Sheet.setColumnWidths']).toBeLessThanOrEqual(3 * 3);
    for (const { byMethod } of [calls.first, calls.again]) {
      // Settings, four source tabs and 结账: one getSheetValues each, Settings read once;
      // 合作单位 / Partners is not read (pay does not use it).
      expect(byMethod['Sheet.getSheetValues']).toBe(6);
      expect(byMethod['Sheet.getDataRange']).toBeUndefined();
      expect(byMethod['Range.getValues']).toBeUndefined();
      expect(byMethod['Spreadsheet.getSpreadsheetLocale']).toBeUndefined();
      expect(byMethod['Spreadsheet.toast']).toBe(2);
      // Payslips have no frozen rows: only payout and summary are frozen.
      expect(byMethod['Sheet.setFrozenRows']).toBe(2);
    }
    // Only the summary has charts; the other two tabs are not asked for theirs, and the
    // summary's are kept by their count and the first one's rows.
    expect(calls.again.byMethod['Sheet.getCharts']).toBe(1);
    expect(calls.again.byMethod['EmbeddedChart.getRanges']).toBe(1);
    expect(calls.again.byMethod['Sheet.insertChart']).toBeUndefined();
    // Six tabs read; the month tabs, not in the list of every tab's name (issue 17), are
    // created without a lookup; on a regeneration the three month tabs are each looked up once.
    // The audit's inbox (issue 20) is looked for once after the tabs were created; on a
    // regeneration the list of every tab's name already says there is none: no lookup.
    expect(calls.first.byMethod['Spreadsheet.getSheetByName']).toBe(6 + 1);
    expect(calls.again.byMethod['Spreadsheet.getSheetByName']).toBe(9);
  });
});

describe('the summary charts, regenerated', () => {
  it('are kept, on the trend, when more categories, crafts and orders push the tables down', () => {
    const emulator = seeded(monthTabs(handMonth()));
    const uninstall = emulator.install(globalThis);
    try {
      const generate = () => {
        const reply = emulator.execution(() =>
          call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']),
        );
        expect(reply.ok).toBe(true);
      };
      generate();
      const sheet = emulator.spreadsheet.getSheetByName('汇总 2026-11');
      const chartsOf = () =>
        (sheet?.getCharts() ?? []).map((c) => ({
          id: c.getChartId(),
          range: c.getRanges()[0]?.getA1Notation(),
        }));
      const before = chartsOf();
      // The trend from the ledger's first month (2026-10) to 2026-11, under its header.
      expect(before.map((c) => c.range)).toEqual(['E8:F10', 'G8:H10']);
      const lengthBefore = emulator.peek('汇总 2026-11').length;
      // A new order with a new craft, worked this month: the tables under the charts grow.
      emulator.spreadsheet.getSheetByName('订单')?.appendRow(orderRow('Z9', '新产品', '新工艺', 1));
      emulator.spreadsheet.getSheetByName('计件')?.appendRow(pieceRow('2026-11-20', 'R1', 'Z9', 4));
      generate();
      expect(emulator.peek('汇总 2026-11').length).toBeGreaterThan(lengthBefore);
      expect(chartsOf()).toEqual(before);
      // The charts' ranges hold the trend: its header and the months from the ledger's first.
      const trend = emulator.peek('汇总 2026-11').slice(7, 10);
      expect(trend[0]?.slice(4, 8)).toEqual(['月份', '实发', '月份', '合格件数']);
      expect(trend.slice(1).map((row) => row[4])).toEqual(['2026-10', '2026-11']);
      expect(trend[2]?.[7]).toBe(1010);
      // A row in an earlier month lengthens the trend: the charts are drawn again over it
      // (issue 22, finding 7), not kept on rows that no longer hold it all.
      emulator.spreadsheet.getSheetByName('计件')?.appendRow(pieceRow('2026-08-20', 'R1', 'A', 4));
      generate();
      expect(chartsOf().map((c) => c.range)).toEqual(['E8:F12', 'G8:H12']);
    } finally {
      uninstall();
    }
  });

  it('are built again when one was removed by hand', () => {
    const emulator = seeded(monthTabs(handMonth()));
    const uninstall = emulator.install(globalThis);
    try {
      const generate = () =>
        emulator.execution(() => call<Reply>(emulator, 'generateMonthFromDialog', ['2026-11']));
      generate();
      const sheet = emulator.spreadsheet.getSheetByName('汇总 2026-11');
      const first = sheet?.getCharts()[0];
      if (first) sheet?.removeChart(first);
      expect(sheet?.getCharts()).toHaveLength(1);
      generate();
      expect(sheet?.getCharts().map((c) => c.getRanges()[0]?.getA1Notation())).toEqual([
        'E8:F10',
        'G8:H10',
      ]);
    } finally {
      uninstall();
    }
  });
});
