/**
 * The SpreadsheetApp implementation of the Workbook port, against the emulator: what it reads
 * and writes, and how many service calls each method makes.
 */
import type { GeneratedTab } from '../../src/workbook/port';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX } from '../../src/workbook/port';
import {
  contiguousRuns,
  mergeColumnRuns,
  staffPartOf,
  markedNote,
} from '../../src/apps-script/sheetsWorkbook';
import { callsOf, installEmulator, type Installed } from './support';

let env: Installed;
beforeEach(() => {
  env = installEmulator({ locale: 'zh_CN' });
});
afterEach(() => env.uninstall());

describe('info', () => {
  it('reads the locale and the time zone once each, and only when asked', () => {
    const workbook = env.workbook();
    const calls = callsOf(env.emulator, () => {
      const info = workbook.info();
      expect(info.locale).toBe('zh_CN');
      expect(workbook.info().locale).toBe('zh_CN');
    });
    expect(calls.byMethod).toEqual({ 'Spreadsheet.getSpreadsheetLocale': 1 });
    expect(workbook.info().timeZone).toBe('Asia/Shanghai');
  });
});

describe('readTab', () => {
  it('reads a tab with one lookup, one data range and one getValues (and one getNotes)', () => {
    env.emulator.seed('计件', [
      ['日期', '居民编号'],
      ['2026-11-03', 'R1'],
    ]);
    env.emulator.spreadsheet.getSheetByName('计件')?.getRange('B2').setNote('staff');
    const workbook = env.workbook();
    void workbook.info().locale;
    let read: ReturnType<typeof workbook.readTab> = null;
    const calls = callsOf(
      env.emulator,
      () => (read = workbook.readTab(['计件', 'Pieces'], { withNotes: true })),
    );
    expect(read).toEqual({
      name: '计件',
      values: [
        ['日期', '居民编号'],
        ['2026-11-03', 'R1'],
      ],
      notes: [
        ['', ''],
        ['', 'staff'],
      ],
    });
    expect(calls.byMethod).toEqual({
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getDataRange': 1,
      'Range.getValues': 1,
      'Range.getNotes': 1,
    });
  });

  it('finds a tab whose name differs in case and spacing, or is an alias, by one scan', () => {
    env.emulator.seed(' pieces ', [['Date']]);
    env.emulator.seed('居民名单', [['编号']]);
    const workbook = env.workbook();
    expect(workbook.readTab(['计件', 'Pieces', '计件登记'])?.name).toBe(' pieces ');
    const calls = callsOf(env.emulator, () =>
      expect(workbook.readTab(['居民', 'Residents', '居民名单'])?.values).toEqual([['编号']]),
    );
    // The scan made for Pieces answers later lookups: no more getSheetByName or getSheets.
    expect(calls.byMethod['Spreadsheet.getSheetByName']).toBeUndefined();
    expect(calls.byMethod['Spreadsheet.getSheets']).toBeUndefined();
  });

  it('returns null for a missing tab and [] for an empty one', () => {
    const workbook = env.workbook();
    expect(workbook.readTab(['计件', 'Pieces'])).toBeNull();
    expect(workbook.readTab(['工作表1'], { withNotes: true })).toEqual({
      name: '工作表1',
      values: [],
      notes: [],
    });
    expect(env.workbook().readTab(['工作表1'])).toEqual({ name: '工作表1', values: [] });
  });

  it('reads without notes in one getSheetValues, the used grid only', () => {
    env.emulator.seed('计件', [
      ['日期', '居民编号', ''],
      ['2026-11-03', 'R1', ''],
    ]);
    const workbook = env.workbook();
    let read: ReturnType<typeof workbook.readTab> = null;
    const calls = callsOf(env.emulator, () => (read = workbook.readTab(['计件', 'Pieces'])));
    expect(read).toEqual({
      name: '计件',
      values: [
        ['日期', '居民编号'],
        ['2026-11-03', 'R1'],
      ],
    });
    expect(calls.byMethod).toEqual({
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getSheetValues': 1,
    });
  });

  it('answers a second read from the first until the run writes to the tab', () => {
    env.emulator.seed('调整', [['月份', '金额']]);
    const workbook = env.workbook();
    workbook.readTab(['调整']);
    const again = callsOf(env.emulator, () =>
      expect(workbook.readTab(['调整'])?.values).toEqual([['月份', '金额']]),
    );
    expect(again.total).toBe(0);
    // Notes were not read the first time: asking for them reads again.
    expect(workbook.readTab(['调整'], { withNotes: true })?.notes).toEqual([['', '']]);
    workbook.appendRows('调整', [['2026-11', 5]]);
    const afterWrite = callsOf(env.emulator, () =>
      expect(workbook.readTab(['调整'])?.values).toEqual([
        ['月份', '金额'],
        ['2026-11', 5],
      ]),
    );
    expect(afterWrite.byMethod).toEqual({ 'Sheet.getSheetValues': 1 });
  });

  it('looks a tab with an exact name up by its names only, without a scan', () => {
    const workbook = env.workbook();
    const calls = callsOf(env.emulator, () =>
      expect(workbook.readTab(['结账', 'Closings'], { exactName: true })).toBeNull(),
    );
    expect(calls.byMethod).toEqual({ 'Spreadsheet.getSheetByName': 2 });
    env.emulator.seed('Closings', [['Month']]);
    expect(env.workbook().readTab(['结账', 'Closings'], { exactName: true })?.values).toEqual([
      ['Month'],
    ]);
  });
});

describe('appendRows', () => {
  it('keeps text as typed: formulas, phone numbers, leading zeros, date-like text', () => {
    env.emulator.seed('居民', [['编号', '姓名', '电话', '加入日期', '在册']]);
    const workbook = env.workbook();
    const joined = new Date(Date.UTC(2026, 10, 2, 16)); // 2026-11-03 00:00 in Shanghai
    workbook.appendRows('居民', [
      ['007', '=HYPERLINK("http://x","x")', '+86 138 0000 0000', joined, true],
      ['1,000', '-张', '2026-11-03', '', false],
    ]);
    const values = env.emulator.peek('居民');
    expect(values[1]?.slice(0, 3)).toEqual([
      '007',
      '=HYPERLINK("http://x","x")',
      '+86 138 0000 0000',
    ]);
    expect(values[2]?.slice(0, 3)).toEqual(['1,000', '-张', '2026-11-03']);
    expect(env.emulator.cell('居民', 'B2').formula).toBe('');
    expect(values[1]?.[3]).toBeInstanceOf(Date);
    expect(values[1]?.[4]).toBe(true);
  });

  it('makes the same calls for 1 row and for 5,000, growing the sheet when full', () => {
    env.emulator.seed('计件', [['日期', '备注']]);
    const count = (n: number) => {
      const workbook = env.workbook();
      const rows = Array.from({ length: n }, (_, i) => [`2026-11-0${1 + (i % 9)}`, `note ${i}`]);
      return callsOf(env.emulator, () => workbook.appendRows('计件', rows)).byMethod;
    };
    const one = count(1);
    const many = count(5_000);
    expect(env.emulator.peek('计件')).toHaveLength(5_002);
    expect(env.emulator.peek('计件')[5_001]).toEqual(['2026-11-05', 'note 4999']);
    // One row costs one getRange and one setValues; growing a full sheet adds a fixed four.
    expect(one['Sheet.getRange']).toBe(1);
    expect(one['Range.setValues']).toBe(1);
    expect(many).toEqual({
      ...one,
      'Sheet.getRange': 2,
      'Sheet.getMaxRows': 1,
      'Sheet.getMaxColumns': 1,
      'Sheet.insertRowsAfter': 1,
    });
    expect(one['Sheet.getRangeList'] ?? 0).toBe(0);
  });

  it('uses the given number formats and writes nothing for no rows', () => {
    env.emulator.seed('调整', [['月份', '金额']]);
    const workbook = env.workbook();
    expect(callsOf(env.emulator, () => workbook.appendRows('调整', [])).total).toBe(0);
    workbook.appendRows('调整', [['2026-11', 12.5]], ['@', '"¥"#,##0.00']);
    expect(env.emulator.cell('调整', 'A2').value).toBe('2026-11');
    expect(env.emulator.cell('调整', 'B2').displayValue).toBe('¥12.50');
  });
});

function payout(overrides: Partial<GeneratedTab> = {}): GeneratedTab {
  return {
    name: '工资 2026-11',
    cells: [
      ['工资 2026-11', '', ''],
      ['编号', '姓名', '实发'],
      ['007', '=1+1', 12.5],
      ['合计', '', 12.5],
    ],
    numberFormats: [
      ['', '', ''],
      ['', '', ''],
      ['@', '@', '"¥"#,##0.00'],
      ['', '', '"¥"#,##0.00'],
    ],
    boldRows: [0, 3],
    frozenRows: 2,
    columnWidths: [80, 120, 120],
    protectionDescription: '由工坊生成，手工修改会被覆盖',
    charts: [
      {
        kind: 'column',
        title: '实发',
        range: { row: 2, column: 2, numRows: 3, numColumns: 2 },
        anchor: { row: 1, column: 5 },
        width: 400,
        height: 300,
      },
    ],
    landscape: true,
    ...overrides,
  };
}

describe('replaceGeneratedTab', () => {
  it('writes a new tab whole: values as written, formats, bold rows, frozen rows, widths, protection, charts', () => {
    env.workbook().replaceGeneratedTab(payout());
    expect(env.emulator.peek('工资 2026-11')).toEqual([
      ['工资 2026-11', '', ''],
      ['编号', '姓名', '实发'],
      ['007', '=1+1', 12.5],
      ['合计', '', 12.5],
    ]);
    expect(env.emulator.cell('工资 2026-11', 'B3').formula).toBe('');
    expect(env.emulator.cell('工资 2026-11', 'C3').displayValue).toBe('¥12.50');
    expect(env.emulator.cell('工资 2026-11', 'A1').fontWeight).toBe('bold');
    expect(env.emulator.cell('工资 2026-11', 'A3').fontWeight).toBe('normal');
    expect(env.emulator.cell('工资 2026-11', 'C4').fontWeight).toBe('bold');
    const sheet = env.emulator.spreadsheet.getSheetByName(
      '工资 2026-11',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    expect(sheet.getFrozenRows()).toBe(2);
    expect([1, 2, 3].map((c) => sheet.getColumnWidth(c))).toEqual([80, 120, 120]);
    const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    expect(protection?.isWarningOnly()).toBe(true);
    expect(protection?.getDescription()).toBe('由工坊生成，手工修改会被覆盖');
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getRanges()[0]?.getA1Notation()).toBe('B2:C4');
    expect(env.emulator.spreadsheet.getSheets().map((s) => s.getName())).toEqual([
      '工作表1',
      '工资 2026-11',
    ]);
  });

  it('rebuilds an existing tab: old content gone, the same charts kept', () => {
    env.workbook().replaceGeneratedTab(
      payout({
        cells: [...payout().cells, ['extra', 'row', 1]],
        numberFormats: [...payout().numberFormats, ['', '', '']],
      }),
    );
    const sheet = env.emulator.spreadsheet.getSheetByName(
      '工资 2026-11',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    const chartId = sheet.getCharts()[0]?.getChartId();
    const calls = callsOf(env.emulator, () => env.workbook().replaceGeneratedTab(payout()));
    expect(env.emulator.peek('工资 2026-11')).toHaveLength(4);
    expect(sheet.getCharts()[0]?.getChartId()).toBe(chartId);
    expect(calls.byMethod['Sheet.insertChart']).toBeUndefined();
    expect(calls.total).toBeLessThanOrEqual(11);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
  });

  it('keeps the charts of a rebuilt tab by their count and the first one’s rows: three calls', () => {
    env.workbook().replaceGeneratedTab(payout());
    const calls = callsOf(env.emulator, () => env.workbook().replaceGeneratedTab(payout()));
    expect(calls.byMethod['Sheet.getCharts']).toBe(1);
    expect(calls.byMethod['EmbeddedChart.getRanges']).toBe(1);
    expect(calls.byMethod['Range.getA1Notation']).toBe(1);
    expect(calls.byMethod['Sheet.removeChart']).toBeUndefined();
  });

  it('builds the charts again when the trend they cover got longer (issue 22, finding 7)', () => {
    env.workbook().replaceGeneratedTab(payout());
    const chart = payout().charts[0]!;
    const longer = payout({
      charts: [{ ...chart, range: { ...chart.range, numRows: chart.range.numRows + 1 } }],
    });
    const calls = callsOf(env.emulator, () => env.workbook().replaceGeneratedTab(longer));
    expect(calls.byMethod['Sheet.removeChart']).toBe(1);
    expect(calls.byMethod['Sheet.insertChart']).toBe(1);
    const sheet = env.emulator.spreadsheet.getSheetByName('工资 2026-11');
    expect(sheet?.getCharts()[0]?.getRanges()[0]?.getA1Notation()).toBe('B2:C5');
  });

  it('builds the charts again when their number differs (one removed by hand)', () => {
    const two = payout({
      charts: [
        payout().charts[0]!,
        { ...payout().charts[0]!, range: { row: 2, column: 1, numRows: 3, numColumns: 3 } },
      ],
    });
    env.workbook().replaceGeneratedTab(two);
    const sheet = env.emulator.spreadsheet.getSheetByName(
      '工资 2026-11',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    sheet.removeChart(sheet.getCharts()[0]!);
    env.workbook().replaceGeneratedTab(two);
    expect(sheet.getCharts().map((c) => c.getRanges()[0]?.getA1Notation())).toEqual([
      'B2:C4',
      'A2:C4',
    ]);
  });

  it('leaves frozen rows and charts alone on a tab that wants none', () => {
    const plain = payout({ name: '工资条 2026-11', frozenRows: 0, charts: [] });
    const first = callsOf(env.emulator, () => env.workbook().replaceGeneratedTab(plain));
    const again = callsOf(env.emulator, () => env.workbook().replaceGeneratedTab(plain));
    for (const calls of [first, again]) {
      expect(calls.byMethod['Sheet.setFrozenRows']).toBeUndefined();
      expect(calls.byMethod['Sheet.getCharts']).toBeUndefined();
    }
    const sheet = env.emulator.spreadsheet.getSheetByName('工资条 2026-11');
    expect(sheet?.getFrozenRows()).toBe(0);
    expect(env.emulator.peek('工资条 2026-11')).toHaveLength(4);
  });

  it('creates the next tab without looking it up once one had to be created', () => {
    const workbook = env.workbook();
    workbook.replaceGeneratedTab(payout());
    const calls = callsOf(env.emulator, () =>
      workbook.replaceGeneratedTab(payout({ name: '汇总 2026-11', charts: [] })),
    );
    expect(calls.byMethod['Spreadsheet.getSheetByName']).toBeUndefined();
    expect(calls.byMethod['Spreadsheet.insertSheet']).toBe(1);
    expect(env.emulator.peek('汇总 2026-11')).toHaveLength(4);
  });

  it('rebuilds the next tab when that guess is wrong and it exists', () => {
    env.workbook().replaceGeneratedTab(
      payout({
        name: '汇总 2026-11',
        cells: [...payout().cells, ['old', 'row', 1]],
        numberFormats: [...payout().numberFormats, ['', '', '']],
      }),
    );
    const workbook = env.workbook();
    workbook.replaceGeneratedTab(payout());
    workbook.replaceGeneratedTab(payout({ name: '汇总 2026-11' }));
    expect(env.emulator.peek('汇总 2026-11')).toHaveLength(4);
    const sheet = env.emulator.spreadsheet.getSheetByName('汇总 2026-11');
    expect(sheet?.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(sheet?.getCharts()).toHaveLength(1);
    expect(env.emulator.spreadsheet.getSheets()).toHaveLength(3);
  });

  it('grows the sheet for a grid bigger than a new sheet', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`R${i}`, i]);
    env.workbook().replaceGeneratedTab(
      payout({
        cells: rows,
        numberFormats: rows.map(() => ['@', '0']),
        boldRows: [],
        charts: [],
        columnWidths: [80, 80],
      }),
    );
    expect(env.emulator.peek('工资 2026-11')).toHaveLength(1500);
  });
});

describe('markCells', () => {
  it('makes no call when there is nothing to mark or clear', () => {
    const workbook = env.workbook();
    expect(
      callsOf(env.emulator, () => workbook.markCells({ tab: '工作表1', marks: [], clear: [] }))
        .total,
    ).toBe(0);
  });

  it('marks, then clears, in one setNotes and one RangeList per colour', () => {
    env.emulator.seed('计件', [
      ['a', 'b'],
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const workbook = env.workbook();
    workbook.readTab(['计件'], { withNotes: true });
    const note = `${MARK_NOTE_PREFIX}bad`;
    const marks = [
      { row: 2, column: 2, note },
      { row: 3, column: 2, note },
      { row: 4, column: 1, note },
    ];
    const calls = callsOf(env.emulator, () =>
      workbook.markCells({ tab: '计件', marks, clear: [] }),
    );
    // setNotes on the rows whose marks change only (Sheet.getRange for them), not the data range.
    expect(calls.byMethod).toEqual({
      'Sheet.getRange': 1,
      'Range.setNotes': 1,
      'Sheet.getRangeList': 1,
      'RangeList.setBackground': 1,
    });
    expect(env.emulator.cell('计件', 'B3').background).toBe(MARK_BACKGROUND);
    workbook.markCells({
      tab: '计件',
      marks: [],
      clear: [
        { row: 2, column: 2 },
        { row: 4, column: 1 },
      ],
    });
    expect(env.emulator.cell('计件', 'B2').note).toBe('');
    expect(env.emulator.cell('计件', 'A4').background).toBe('#ffffff');
    expect(env.emulator.cell('计件', 'B3').note).toBe(note);
  });

  it('never clears a note that is not Gongfang’s', () => {
    env.emulator.seed('计件', [['a'], [1]]);
    env.emulator.spreadsheet.getSheetByName('计件')?.getRange('A2').setNote('mine');
    const workbook = env.workbook();
    workbook.markCells({ tab: '计件', marks: [], clear: [{ row: 2, column: 1 }] });
    expect(env.emulator.cell('计件', 'A2').note).toBe('mine');
  });
});

describe('helpers', () => {
  it('groups numbers and cells into runs', () => {
    expect(contiguousRuns([5, 1, 2, 3, 9, 2])).toEqual([[1, 2, 3], [5], [9]]);
    expect(mergeColumnRuns(['D5', 'D6', 'D7', 'F2', 'D9'])).toEqual(['D5:D7', 'D9', 'F2']);
  });

  it('keeps the staff part of a note through marking and clearing', () => {
    const marked = markedNote(`${MARK_NOTE_PREFIX}x`, 'staff');
    expect(staffPartOf(marked)).toBe('staff');
    expect(staffPartOf(`${MARK_NOTE_PREFIX}x`)).toBe('');
    expect(staffPartOf('staff')).toBe('staff');
  });
});
