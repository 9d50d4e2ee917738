/**
 * Check data over the emulated SpreadsheetApp: marks bad cells, clears fixed ones, keeps
 * staff's notes, reports in the user's language, and holds its service-call budget.
 */
import { checkData, describeCheck, type CheckReport } from '../../src/features/checkData';
import { closeMonth } from '../../src/features/closeMonth';
import { setUpWorkbook } from '../../src/features/setUp';
import { t } from '../../src/i18n';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { handMonth, monthTabs } from '../support/monthWorkbook';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX } from '../../src/workbook/port';
import {
  callsOf,
  installEmulator,
  pieceRows,
  seedWorkshop,
  type Installed,
} from '../apps-script/support';

const TODAY = '2026-11-20';
let env: Installed;
afterEach(() => env.uninstall());

function check(): CheckReport {
  return checkData(env.workbook(), { today: TODAY });
}

const UNKNOWN_RESIDENT = ['2026-11-03', 'R9', 'O1', 10, 0, '', '', 'X1'];
const TOO_MANY_REJECTED = ['2026-11-04', 'R1', 'O1', 10, 12, '', '', 'X2'];

describe('Check data', () => {
  beforeEach(() => {
    env = installEmulator({ locale: 'zh_CN' });
  });

  it('finds nothing in a clean workbook and writes nothing', () => {
    seedWorkshop(env.emulator, pieceRows(20));
    let report: CheckReport | undefined;
    const calls = callsOf(env.emulator, () => (report = check()));
    expect(report?.errors).toBe(0);
    expect(report?.warnings).toBe(0);
    expect(Object.keys(calls.byMethod).filter((m) => /\.set|RangeList/.test(m))).toEqual([]);
    expect(describeCheck(report as CheckReport)).toBe('没有发现问题，所有数据都可以用于计算工资。');
  });

  it('marks each bad cell with a background and a note saying why', () => {
    seedWorkshop(env.emulator, pieceRows(5, [UNKNOWN_RESIDENT, TOO_MANY_REJECTED]));
    const report = check();
    expect(report.errors).toBe(2);
    const resident = env.emulator.cell('计件', 'B2');
    expect(resident.background).toBe(MARK_BACKGROUND);
    expect(resident.note.startsWith(MARK_NOTE_PREFIX)).toBe(true);
    expect(resident.note).toContain('R9');
    expect(env.emulator.cell('计件', 'E3').background).toBe(MARK_BACKGROUND);
    expect(env.emulator.cell('计件', 'E3').note).toContain('不合格数（12）大于完成数（10）');
    expect(env.emulator.cell('计件', 'B3').note).toBe('');
    expect(env.emulator.cell('计件', 'B3').background).toBe('#ffffff');
  });

  it('clears the marks of cells fixed since, and leaves unchanged marks unwritten', () => {
    seedWorkshop(env.emulator, pieceRows(5, [UNKNOWN_RESIDENT, TOO_MANY_REJECTED]));
    check();
    env.emulator.spreadsheet.getSheetByName('计件')?.getRange('B2').setValue('R2');
    const calls = callsOf(env.emulator, () => check());
    expect(env.emulator.cell('计件', 'B2').note).toBe('');
    expect(env.emulator.cell('计件', 'B2').background).toBe('#ffffff');
    expect(env.emulator.cell('计件', 'E3').background).toBe(MARK_BACKGROUND);
    // Only the cleared cell is repainted; E3 keeps its mark without being written again.
    expect(calls.byMethod['RangeList.setBackground']).toBe(1);
    const again = callsOf(env.emulator, () => check());
    expect(Object.keys(again.byMethod).filter((m) => /\.set|RangeList/.test(m))).toEqual([]);
  });

  it("keeps staff's own notes: beside a mark, and back alone once the cell is fixed", () => {
    seedWorkshop(env.emulator, pieceRows(5, [UNKNOWN_RESIDENT]));
    const sheet = env.emulator.spreadsheet.getSheetByName('计件');
    sheet?.getRange('B2').setNote('居民说下周补登');
    sheet?.getRange('F4').setNote('王老师的字迹');
    check();
    const marked = env.emulator.cell('计件', 'B2').note;
    expect(marked.startsWith(MARK_NOTE_PREFIX)).toBe(true);
    expect(marked).toContain('居民说下周补登');
    sheet?.getRange('B2').setValue('R1');
    check();
    expect(env.emulator.cell('计件', 'B2').note).toBe('居民说下周补登');
    expect(env.emulator.cell('计件', 'F4').note).toBe('王老师的字迹');
  });

  it('marks the first cell of the row for a problem about the whole row', () => {
    const row = ['2026-11-05', 'R1', 'O1', 3, 0, '', '', 'E1'];
    seedWorkshop(env.emulator, [row, [...row.slice(0, 7), 'E2']]);
    const report = check();
    // The second row looks like a copy of the first: a warning about the row, not one cell.
    expect(report.warnings).toBe(1);
    expect(env.emulator.cell('计件', 'A3').note).toContain('[提醒]');
    expect(env.emulator.cell('计件', 'A3').background).toBe(MARK_BACKGROUND);
    expect(env.emulator.cell('计件', 'A2').note).toBe('');
  });

  it('reports counts by kind and the first problems, in Chinese and in English', () => {
    seedWorkshop(
      env.emulator,
      pieceRows(5, [
        UNKNOWN_RESIDENT,
        TOO_MANY_REJECTED,
        UNKNOWN_RESIDENT.map((v, i) => (i === 7 ? 'X3' : v)),
      ]),
    );
    const report = check();
    expect(report.kinds.map((k) => [k.severity, k.count])).toEqual([
      ['error', 2],
      ['error', 1],
    ]);
    const text = describeCheck(report);
    expect(text).toContain('发现 3 个错误、0 个提醒');
    expect(text).toContain('「计件」第 2 行「居民编号」');
    expect(text).toContain('错误 2 处');
    const english = describeCheck({ ...report, lang: 'en' });
    expect(english).toContain('Found 3 errors and 0 warnings');
  });

  it('lists only the first problems and counts the rest', () => {
    const bad = Array.from({ length: 30 }, (_, i) => [
      '2026-11-03',
      'R9',
      'O1',
      10 + i,
      0,
      '',
      '',
      `B${i}`,
    ]);
    seedWorkshop(env.emulator, pieceRows(3, bad));
    const report = checkData(env.workbook(), { today: TODAY, listed: 10 });
    expect(report.listed).toHaveLength(10);
    expect(describeCheck(report)).toContain('还有 20 个问题没有列出');
  });
});

describe('Check data on bad input', () => {
  beforeEach(() => {
    env = installEmulator({ locale: 'en_US' });
  });

  it('reports #N/A, huge text and booleans in number columns without crashing or changing values', () => {
    const huge = 'x'.repeat(50_000);
    seedWorkshop(env.emulator, [
      ['2026-11-03', 'R1', 'O1', '#N/A', 0, '', '', 'A1'],
      ['2026-11-03', huge, 'O1', 4, 0, '', '', 'A2'],
      ['2026-11-03', 'R1', 'O1', true, 0, '', '', 'A3'],
    ]);
    const before = env.emulator.peek('计件');
    const report = check();
    expect(env.emulator.peek('计件')).toEqual(before);
    expect(report.errors).toBeGreaterThanOrEqual(3);
    expect(env.emulator.cell('计件', 'D2').note).toContain('#N/A');
    expect(env.emulator.cell('计件', 'B3').note.length).toBeLessThan(500);
    expect(env.emulator.cell('计件', 'D4').background).toBe(MARK_BACKGROUND);
    // The Settings tab says zh-CN, so the report is in Chinese although the locale is English.
    expect(report.lang).toBe('zh-CN');
  });

  it('works on an English workbook made by Set up, reporting in English', () => {
    setUpWorkbook(env.workbook());
    env.workbook().appendRows('Residents', [['R1', 'Wang', '', 'retired', '', '', 'yes', '']]);
    env.workbook().appendRows('Pieces', [['2026-11-03', 'R1', 'O7', 5, 0, '', '', 'E1']]);
    const report = check();
    expect(report.lang).toBe('en');
    expect(env.emulator.cell('Pieces', 'C2').background).toBe(MARK_BACKGROUND);
    expect(describeCheck(report)).toContain('Pieces, row 2, Order');
  });

  it('says which tab is missing and which has no header row', () => {
    seedWorkshop(env.emulator, pieceRows(2));
    env.emulator.spreadsheet.deleteSheet(
      env.emulator.spreadsheet.getSheetByName('调整') as GoogleAppsScript.Spreadsheet.Sheet,
    );
    env.emulator.seed('计件', [['2026-11-03', 'R1', 'O1', 1, 0, '', '', 'A1']]);
    const report = check();
    const text = describeCheck(report);
    expect(text).toContain('调整');
    expect(text).toContain('计件');
    // A Pieces tab without its header row is an error; a missing Adjustments tab a warning.
    expect(report.kinds.map((k) => [k.severity, k.code])).toEqual([
      ['error', 'noHeaderRow'],
      ['warning', 'missingTab'],
    ]);
    expect(env.emulator.cell('计件', 'A1').note).toBe('');
  });

  it('reports an empty spreadsheet as missing tabs, in the locale language', () => {
    const report = check();
    expect(report.lang).toBe('en');
    expect(report.errors + report.warnings).toBe(6);
    expect(describeCheck(report)).toContain('Residents');
    expect(env.emulator.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });
});

describe('Check data and closed months that changed', () => {
  const today = '2026-12-03';
  const closeMonthUnknown = (lang: 'en' | 'zh-CN', message: string) =>
    t(lang, 'closeMonthUnknownRow', { message });

  /** The hand-computed November, closed, then R2's adjustment −3.00 made −4.00. */
  function changedAfterClosing(): MemoryWorkbook {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    closeMonth(book, {
      month: '2026-11',
      now: new Date('2026-12-03T02:00:00Z'),
      today,
      closedBy: '王',
    });
    const adjustments = book.tab('调整')?.values ?? [];
    (adjustments[2] as unknown[])[2] = -4;
    return book;
  }

  it('reports the changed month and its corrections from the one ledger load', () => {
    const book = changedAfterClosing();
    book.calls.length = 0;
    const report = checkData(book, { today });
    // Six source tabs and 结账 / Closings, each read once.
    expect(book.count('readTab')).toBe(7);
    expect(report.closedMonths.map((c) => [c.month, c.netPayAtClosing, c.netPayNow])).toEqual([
      ['2026-11', 6423, 6323],
    ]);
    expect(report.corrections).toEqual([
      { month: '2026-12', residentId: 'R2', amount: -100, closedMonth: '2026-11' },
    ]);
    const text = describeCheck(report);
    expect(text).toContain('已结账月份的改动');
    expect(text).toContain(
      'R2 李桂兰：结账时 ¥14.55，现在 ¥13.55，已更正 ¥0.00，待更正 -¥1.00（相关行：计件 4, 5, 6；调整 3）',
    );
    expect(text).toContain('可在 2026-12 的「调整」表中写入 1 行更正。');
    // The check writes no adjustment row: that waits for staff to confirm.
    expect(book.count('appendRows')).toBe(0);
    expect(book.tab('调整')?.values).toHaveLength(4);
  });

  it('says nothing about closed months when none changed, in either language', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    closeMonth(book, {
      month: '2026-11',
      now: new Date('2026-12-03T02:00:00Z'),
      today,
      closedBy: '王',
    });
    const report = checkData(book, { today });
    expect(report.closedMonths).toEqual([]);
    expect(report.corrections).toEqual([]);
    expect(describeCheck(report)).not.toContain('已结账');
    const changed = checkData(changedAfterClosing(), { today });
    expect(describeCheck({ ...changed, lang: 'en' })).toContain('Closed months that changed');
  });

  it('no longer warns about an inactive resident on rows of a month once it is closed', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    const inactive = (report: CheckReport) =>
      report.kinds.filter((k) => k.code === 'residentInactive').map((k) => k.count);
    // R5 has left the register and has a row on 2026-11-09.
    expect(inactive(checkData(book, { today }))).toEqual([1]);
    closeMonth(book, {
      month: '2026-11',
      now: new Date('2026-12-03T02:00:00Z'),
      today,
      closedBy: '王',
    });
    book.calls.length = 0;
    expect(inactive(checkData(book, { today }))).toEqual([]);
    // Closings is read once, first, and gives both the quiet months and the changed ones.
    expect(book.count('readTab')).toBe(7);
  });

  it('offers no corrections while the changed month has rows with errors', () => {
    const book = changedAfterClosing();
    (book.tab('计件')?.values[2] as unknown[])[3] = '七';
    const report = checkData(book, { today });
    expect(report.closedMonths[0]?.blocking.map((b) => b.row)).toEqual([3]);
    expect(report.corrections).toEqual([]);
    expect(describeCheck(report)).toContain('2026-11 现有 1 行错误');
  });

  it('says once why a row whose date cannot be read blocks the closed month', () => {
    const book = changedAfterClosing();
    (book.tab('计件')?.values[1] as unknown[])[0] = '2026-02-30';
    const [change] = checkData(book, { today }).closedMonths;
    const message = change?.blocking[0]?.message ?? '';
    expect(message).toMatch(/（此行日期或月份无法识别，可能属于该月）$/);
    expect(message).not.toMatch(/[)）][)）]$/);
    const english = closeMonthUnknown('en', 'X is not a real date');
    expect(english).toBe(
      'X is not a real date (this row may belong to this month: its date or month cannot be read)',
    );
  });

  it('reads the Closings tab in the emulator within the same budget, found at once', () => {
    env = installEmulator({ locale: 'zh_CN' });
    seedWorkshop(env.emulator, pieceRows(10, [UNKNOWN_RESIDENT]));
    env.emulator.seed('结账', [['月份', '结账时间', '结账人', '人数', '实发合计', '指纹', '明细']]);
    const calls = callsOf(env.emulator, () => check());
    expect(calls.byMethod['Spreadsheet.getSheetByName']).toBe(7);
    // 28, and one getRange so that setNotes covers only the rows whose marks change; +2: every
    // tab's name (getId, Spreadsheets.get) to report two tabs for one role (issue 17).
    expect(calls.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(calls.total).toBeLessThanOrEqual(29 + 2);
  });
});

describe('Check data service calls', () => {
  afterEach(() => undefined);

  function callsFor(rows: number): { total: number; byMethod: Record<string, number> } {
    env = installEmulator({ locale: 'zh_CN' });
    seedWorkshop(env.emulator, pieceRows(rows, [UNKNOWN_RESIDENT, TOO_MANY_REJECTED]));
    return callsOf(env.emulator, () => check());
  }

  it('makes the same number of calls on 1,000 and 100,000 Pieces rows, at most 32', () => {
    const small = callsFor(1_000);
    env.uninstall();
    const big = callsFor(100_000);
    expect(big.byMethod).toEqual(small.byMethod);
    // 30, +2 for every tab's name (getId, Spreadsheets.get): two tabs for one role (issue 17).
    expect(small.total).toBeLessThanOrEqual(30 + 2);
  });
});
