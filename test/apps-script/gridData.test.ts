/**
 * A GeneratedTab as Sheets API data (src/apps-script/gridData.ts): typed values, number formats
 * with their type, bold rows, alignment, borders, grid size and the requests that rewrite a tab.
 */
import {
  MIN_ROWS,
  freeSheetId,
  gridPropertiesOf,
  newSheetOf,
  numberFormatOf,
  rowDataOf,
  tabRequests,
  widthRuns,
} from '../../src/apps-script/gridData';
import type { GeneratedTab } from '../../src/workbook/port';

function tab(extra: Partial<GeneratedTab> = {}): GeneratedTab {
  return {
    name: '对账 2026-11',
    cells: [
      ['对账单', ''],
      ['=1+1', 3.5],
      ['', true],
    ],
    numberFormats: [
      ['@', 'General'],
      ['@', '"¥"#,##0.00'],
      ['0.0%', 'General'],
    ],
    boldRows: [0],
    frozenRows: 1,
    columnWidths: [120, 120],
    protectionDescription: '',
    charts: [],
    landscape: true,
    ...extra,
  };
}

describe('numberFormatOf', () => {
  it('gives each pattern the type the API requires, and General none', () => {
    expect(numberFormatOf('General')).toBeUndefined();
    expect(numberFormatOf('')).toBeUndefined();
    expect(numberFormatOf('@')).toEqual({ type: 'TEXT', pattern: '@' });
    expect(numberFormatOf('0.0%')).toEqual({ type: 'PERCENT', pattern: '0.0%' });
    expect(numberFormatOf('yyyy-mm-dd')).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' });
    expect(numberFormatOf('yyyy-mm-dd hh:mm')?.type).toBe('DATE_TIME');
    // A currency sign in quotes is not a date's d or y.
    expect(numberFormatOf('"¥"#,##0.00')).toEqual({ type: 'NUMBER', pattern: '"¥"#,##0.00' });
    expect(numberFormatOf('[$¥-804]#,##0.00')?.type).toBe('NUMBER');
  });
});

describe('rowDataOf', () => {
  it('writes strings as text that is never parsed, numbers and booleans as such', () => {
    const rows = rowDataOf(tab(), 'Asia/Shanghai');
    expect(rows[1]?.values?.[0]).toEqual({
      userEnteredValue: { stringValue: '=1+1' },
      userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } },
    });
    expect(rows[1]?.values?.[1]?.userEnteredValue).toEqual({ numberValue: 3.5 });
    expect(rows[1]?.values?.[1]?.userEnteredFormat?.numberFormat?.pattern).toBe('"¥"#,##0.00');
    expect(rows[2]?.values?.[1]).toEqual({ userEnteredValue: { boolValue: true } });
    // An empty cell has no value: updateCells clears whatever was there.
    expect(rows[2]?.values?.[0]?.userEnteredValue).toBeUndefined();
  });

  it('wraps the wrapped cells and outlines a box to sign in by its outer edges (issue 22)', () => {
    const rows = rowDataOf(
      tab({
        wraps: [
          [false, false],
          [false, true],
          [false, false],
        ],
        print: {
          boxes: [],
          outlines: [{ row: 1, column: 0, numRows: 2, numColumns: 2 }],
          cutLines: [],
          pageBreaks: [],
          repeatRows: 0,
          printColumns: null,
          width: 2,
        },
      }),
      'Asia/Shanghai',
    );
    expect(rows[1]?.values?.[1]?.userEnteredFormat?.wrapStrategy).toBe('WRAP');
    expect(rows[1]?.values?.[0]?.userEnteredFormat?.wrapStrategy).toBeUndefined();
    const edges = (r: number, c: number) =>
      Object.keys(rows[r]?.values?.[c]?.userEnteredFormat?.borders ?? {}).sort();
    expect(edges(1, 0)).toEqual(['left', 'top']);
    expect(edges(1, 1)).toEqual(['right', 'top']);
    expect(edges(2, 0)).toEqual(['bottom', 'left']);
    expect(edges(2, 1)).toEqual(['bottom', 'right']);
    expect(edges(0, 0)).toEqual([]);
  });

  it('makes bold rows bold, every row as wide as the tab', () => {
    const rows = rowDataOf(tab(), 'Asia/Shanghai');
    expect(rows.map((row) => row.values?.length)).toEqual([2, 2, 2]);
    expect(rows[0]?.values?.[0]?.userEnteredFormat?.textFormat).toEqual({ bold: true });
    expect(rows[1]?.values?.[0]?.userEnteredFormat?.textFormat).toBeUndefined();
  });

  it('writes a Date as the serial of its day in the spreadsheet zone', () => {
    const rows = rowDataOf(
      tab({ cells: [[new Date('2026-11-02T17:00:00Z')]], numberFormats: [['yyyy-mm-dd']] }),
      'Asia/Shanghai',
    );
    // 01:00 on 3 November in Shanghai: serial 46329.
    expect(rows[0]?.values?.[0]?.userEnteredValue).toEqual({ numberValue: 46329 });
  });

  it('carries alignments, boxes and cut lines', () => {
    const rows = rowDataOf(
      tab({
        alignments: [
          ['', 'right'],
          ['center', ''],
          ['', ''],
        ],
        print: {
          boxes: [{ row: 1, column: 0, numRows: 1, numColumns: 2 }],
          cutLines: [2],
          pageBreaks: [],
          repeatRows: 0,
          printColumns: null,
          width: 2,
        },
      }),
      'Asia/Shanghai',
    );
    expect(rows[0]?.values?.[1]?.userEnteredFormat?.horizontalAlignment).toBe('RIGHT');
    expect(rows[1]?.values?.[0]?.userEnteredFormat?.horizontalAlignment).toBe('CENTER');
    const boxed = rows[1]?.values?.[1]?.userEnteredFormat?.borders;
    expect([boxed?.top?.style, boxed?.left?.style]).toEqual(['SOLID', 'SOLID']);
    expect(rows[2]?.values?.[1]?.userEnteredFormat?.borders).toEqual({
      bottom: expect.objectContaining({ style: 'DASHED' }) as unknown,
    });
    expect(rows[0]?.values?.[0]?.userEnteredFormat?.borders).toBeUndefined();
  });
});

describe('sizes and requests', () => {
  it('keeps a grid of at least a new sheet’s size, and grows it for a longer tab', () => {
    expect(gridPropertiesOf(tab())).toEqual({
      rowCount: MIN_ROWS,
      columnCount: 26,
      frozenRowCount: 1,
    });
    const long = tab({ cells: Array.from({ length: 1500 }, () => ['x']), numberFormats: [] });
    expect(gridPropertiesOf(long)?.rowCount).toBe(1500);
  });

  it('groups equal widths into one request each', () => {
    expect(widthRuns([100, 100, 80, 100])).toEqual([
      [0, 2, 100],
      [2, 3, 80],
      [3, 4, 100],
    ]);
    expect(widthRuns([])).toEqual([]);
  });

  it('rewrites a tab from A1 to the end of its grid, or adds it first at its place', () => {
    const update = tabRequests(tab(), 7, 'Asia/Shanghai');
    expect(Object.keys(update[0] ?? {})).toEqual(['updateSheetProperties']);
    expect(update[1]?.updateCells?.range).toEqual({
      sheetId: 7,
      startRowIndex: 0,
      startColumnIndex: 0,
    });
    expect(update[1]?.updateCells?.fields).toBe('userEnteredValue,userEnteredFormat');
    expect(update.slice(2)).toEqual([
      {
        updateDimensionProperties: {
          range: { sheetId: 7, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 },
          properties: { pixelSize: 120 },
          fields: 'pixelSize',
        },
      },
    ]);
    const add = tabRequests(tab(), 7, 'Asia/Shanghai', 1);
    expect(add[0]?.addSheet?.properties).toMatchObject({ sheetId: 7, index: 1 });
  });

  it('puts the whole tab in a create body', () => {
    const sheet = newSheetOf(tab(), 'Asia/Shanghai');
    expect(sheet.properties?.title).toBe('对账 2026-11');
    expect(sheet.data?.[0]?.rowData).toHaveLength(3);
    expect(sheet.data?.[0]?.columnMetadata).toEqual([{ pixelSize: 120 }, { pixelSize: 120 }]);
  });

  it('chooses sheet IDs from the name, past those taken', () => {
    const id = freeSheetId('对账 2026-11', new Set());
    expect(id).toBe(freeSheetId('对账 2026-11', new Set()));
    expect(id).toBeGreaterThan(0);
    expect(id).toBeLessThan(2 ** 31);
    expect(freeSheetId('对账 2026-11', new Set([id]))).not.toBe(id);
    expect(freeSheetId('对账 2026-12', new Set())).not.toBe(id);
  });
});
