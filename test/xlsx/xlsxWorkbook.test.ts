/**
 * The exceljs implementation of the Workbook port, in-process: what it reads from cells real
 * files hold, what it writes, and that saving never damages the original.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook, ValueType } from 'exceljs';
import JSZip from 'jszip';
import { WorkbookFileError } from '../../src/xlsx/fileError';
import { GENERATED_TAB_MARK, XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { XlsxOptions } from '../../src/xlsx/xlsxWorkbook';
import { isoDateIn } from '../../src/xlsx/zonedDates';
import { setUpWorkbook } from '../../src/features/setUp';
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import type { GeneratedTab } from '../../src/workbook/port';
import { SheetEditor } from '../../src/xlsx/package/sheetEditor';
import { readZip } from '../../src/xlsx/package/zip';
import { fileHash, readBack, sheet, tempFolder } from '../cli/helpers';

const SHANGHAI: XlsxOptions = { timeZone: 'Asia/Shanghai', envLang: 'en' };

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

async function writeFixture(build: (book: ExcelWorkbook) => void, name = 'in.xlsx') {
  const book = new ExcelWorkbook();
  build(book);
  const file = path.join(folder, name);
  await book.xlsx.writeFile(file);
  return file;
}

function errorKey(error: unknown): string {
  return error instanceof WorkbookFileError
    ? String(error.key)
    : `not a WorkbookFileError: ${String(error)}`;
}

describe('reading cells', () => {
  async function readOdd(options: XlsxOptions = SHANGHAI) {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('计件');
      ws.getCell('A1').value = { formula: '1+1', result: 2 };
      ws.getCell('B1').value = {
        richText: [{ text: '王' }, { font: { bold: true }, text: '秀英' }],
      };
      ws.getCell('C1').value = { text: 'report', hyperlink: 'https://example.com' };
      ws.getCell('D1').value = { error: '#N/A' };
      ws.getCell('E1').value = new Date(Date.UTC(2026, 10, 3));
      ws.getCell('F1').value = '007';
      ws.getCell('G1').value = true;
      ws.getCell('A2').value = 10;
      ws.getCell('A3').value = { sharedFormula: 'A1', result: 4 } as never;
      ws.getCell('A4').value = 'merged';
      ws.mergeCells('A4:C4');
      ws.getCell('B5').value = 'noted';
      ws.getCell('B5').note = 'staff note';
    });
    const workbook = await XlsxWorkbook.open(file, options);
    return workbook.readTab(['计件'], { withNotes: true });
  }

  test('formulas as cached results, rich text and links as text, errors as their text', async () => {
    const tab = await readOdd();
    const [first] = tab?.values ?? [];
    expect(first?.slice(0, 4)).toEqual([2, '王秀英', 'report', '#N/A']);
    expect(first?.slice(5)).toEqual(['007', true]);
  });

  test('a formula with no cached result (never calculated) refuses the tab, naming the cell', async () => {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('计件');
      ws.getCell('A1').value = { formula: '1+1', result: 2 };
      ws.getCell('A2').value = { formula: '""', result: '' };
      ws.getCell('H3').value = { formula: 'A1*2' } as never;
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    let refused: unknown = null;
    try {
      workbook.readTab(['计件']);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(WorkbookFileError);
    expect((refused as WorkbookFileError).params).toEqual([{ file, tab: '计件', cell: 'H3' }]);
  });

  test('a date cell reads as the instant its calendar day starts in the workbook zone', async () => {
    for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'UTC', 'Pacific/Kiritimati']) {
      const tab = await readOdd({ timeZone, envLang: 'en' });
      const date = tab?.values[0]?.[4];
      expect(date).toBeInstanceOf(Date);
      expect(isoDateIn(date as Date, timeZone)).toBe('2026-11-03');
    }
  });

  test('only the top-left cell of a merge holds its value; the table is rectangular', async () => {
    const tab = await readOdd();
    expect(tab?.values[3]?.slice(0, 3)).toEqual(['merged', '', '']);
    expect(tab?.values.every((row) => row.length === 7)).toBe(true);
    expect(tab?.values).toHaveLength(5);
    expect(tab?.notes?.[4]?.[1]).toBe('staff note');
  });

  test('tabs are found by any of their names, ignoring case and spaces; missing → null', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet(' Pieces ').getCell('A1').value = 'Date';
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    expect(workbook.readTab(['计件', 'pieces'])?.name).toBe(' Pieces ');
    expect(workbook.readTab(['居民', 'Residents'])).toBeNull();
  });

  test('an empty tab reads as no rows', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents');
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    expect(workbook.readTab(['Residents'])?.values).toEqual([]);
  });
});

describe('opening files', () => {
  test('a missing file, a folder and a non-workbook are refused with their own messages', async () => {
    const text = path.join(folder, 'notes.xlsx');
    fs.writeFileSync(text, 'date,resident\n2026-11-03,R001\n');
    const attempts: [string, string][] = [
      [path.join(folder, 'nope.xlsx'), 'cliFileMissing'],
      [folder, 'fileIsFolder'],
      [text, 'cliNotAWorkbook'],
    ];
    for (const [file, key] of attempts) {
      const error = await XlsxWorkbook.open(file, SHANGHAI).catch((e: unknown) => e);
      expect(errorKey(error)).toBe(key);
      expect(error).toBeInstanceOf(WorkbookFileError);
    }
  });
});

describe('the workbook language', () => {
  test('Settings Language wins, then --lang, then the tab names, then the environment', async () => {
    const withSetting = await writeFixture((book) => {
      book.addWorksheet('Residents');
      const settings = book.addWorksheet('Settings');
      settings.addRow(['Setting', 'Value']);
      settings.addRow(['语言', '中文']);
    }, 'a.xlsx');
    const zhTabs = await writeFixture((book) => {
      book.addWorksheet('居民');
      book.addWorksheet('计件');
    }, 'b.xlsx');
    const open = (file: string, options: Partial<XlsxOptions>) =>
      XlsxWorkbook.open(file, { ...SHANGHAI, ...options }).then((w) => w.info().locale);
    expect(await open(withSetting, { lang: 'en' })).toBe('zh_CN');
    expect(await open(zhTabs, { lang: 'en' })).toBe('en_US');
    expect(await open(zhTabs, {})).toBe('zh_CN');
    expect(XlsxWorkbook.create({ ...SHANGHAI, envLang: 'zh-CN' }).info()).toEqual({
      locale: 'zh_CN',
      timeZone: 'Asia/Shanghai',
    });
  });
});

describe('writing', () => {
  test('user text stays text: formulas, leading zeros and + signs are not parsed', async () => {
    const workbook = XlsxWorkbook.create(SHANGHAI);
    workbook.setUpTabs([
      {
        name: 'Residents',
        create: true,
        newHeaders: [{ column: 1, text: 'Name' }],
        headerWidth: 1,
        columns: [],
      },
    ]);
    const tricky = ['=HYPERLINK("http://x","y")', '007', '+86 138 0000 0000', '@home', '1,000'];
    workbook.appendRows(
      'Residents',
      tricky.map((text) => [text]),
    );
    const file = path.join(folder, 'out.xlsx');
    await workbook.save(file);
    const back = sheet(await readBack(file), 'Residents');
    tricky.forEach((text, index) => {
      const cell = back.getCell(index + 2, 1);
      expect(cell.type).toBe(ValueType.String);
      expect(cell.value).toBe(text);
    });
  });

  test('appendRows writes below the last used row, dates as the zone’s calendar day', async () => {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('Adjustments');
      ws.addRow(['Month', 'Resident', 'Amount']);
      ws.addRow(['2026-10', 'R001', 5]);
      ws.getRow(3).getCell(5).style = { font: { bold: true } }; // formatted but empty
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    const instant = new Date('2026-11-02T16:30:00Z'); // 2026-11-03 00:30 in Shanghai
    workbook.appendRows(
      'adjustments',
      [['2026-11', 'R002', -8.2, '', instant]],
      ['@', '@', '0.00'],
    );
    await workbook.save(file);
    const back = sheet(await readBack(file), 'Adjustments');
    expect(back.getRow(3).getCell(2).value).toBe('R002');
    expect(back.getRow(3).getCell(3).value).toBe(-8.2);
    expect(back.getRow(3).getCell(3).numFmt).toBe('0.00');
    expect(back.getRow(3).getCell(5).value).toEqual(new Date('2026-11-03T00:30:00Z'));
  });

  const tab: GeneratedTab = {
    name: 'Payout 2026-11',
    cells: [
      ['Payout 2026-11', '', ''],
      ['ID', 'Name', 'Net pay'],
      ['007', '=cmd', 12.5],
    ],
    numberFormats: [
      ['@', '@', '@'],
      ['@', '@', '@'],
      ['@', '@', '"¥"#,##0.00'],
    ],
    boldRows: [0, 1],
    frozenRows: 2,
    columnWidths: [70, 140, 105],
    protectionDescription: 'Rebuilt by Gongfang',
    charts: [],
    landscape: true,
  };

  test('a generated tab is replaced whole, in place, with formats, bold rows, frozen rows, widths, A4', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
      const old = book.addWorksheet('Payout 2026-11');
      old.getCell('Z99').value = 'stale';
      book.addWorksheet('Summary 2026-11');
    });
    // The fixture's Payout tab is not one Gongfang made: replaced only when asked (--force).
    const refused = await XlsxWorkbook.open(file, SHANGHAI, 'ledger.xlsx');
    expect(() => refused.replaceGeneratedTab(tab)).toThrow(
      expect.objectContaining({ key: 'fileForeignTab' }),
    );
    const workbook = await XlsxWorkbook.open(file, { ...SHANGHAI, replaceForeignTabs: true });
    workbook.replaceGeneratedTab(tab);
    workbook.replaceGeneratedTab({ ...tab, name: 'Payslips 2026-11' });
    await workbook.save(file);
    const book = await readBack(file);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Residents',
      'Payout 2026-11',
      'Summary 2026-11',
      'Payslips 2026-11',
    ]);
    const payout = sheet(book, 'Payout 2026-11');
    expect(payout.getCell('Z99').value).toBeNull();
    expect(payout.getCell('A3').value).toBe('007');
    expect(payout.getCell('B3').value).toBe('=cmd');
    expect(payout.getCell('B3').type).toBe(ValueType.String);
    expect(payout.getCell('C3').value).toBe(12.5);
    expect(payout.getCell('C3').numFmt).toBe('"¥"#,##0.00');
    expect(payout.getCell('A2').font?.bold).toBe(true);
    expect(payout.getCell('A3').font?.bold).toBeFalsy();
    expect(payout.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(payout.getColumn(2).width).toBeCloseTo(20, 0);
    expect(payout.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  test('a printed tab stores every row’s height, portrait A4, a footer and the box to sign in (issue 22)', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    workbook.replaceGeneratedTab({
      ...tab,
      landscape: false,
      rowHeights: [20, 42, 20],
      print: {
        boxes: [],
        outlines: [{ row: 1, column: 1, numRows: 2, numColumns: 2 }],
        cutLines: [],
        pageBreaks: [2],
        repeatRows: 1,
        printColumns: null,
        width: 3,
        footer: { left: 'Mo & Co', page: 'Page {page}' },
      },
    });
    await workbook.save(file);
    const payout = sheet(await readBack(file), 'Payout 2026-11');
    // Pixels × 0.75: points, as Excel stores them; custom, so readers print rows at them.
    expect([1, 2, 3].map((r) => payout.getRow(r).height)).toEqual([15, 31.5, 15]);
    expect(payout.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
    // "&" in the workshop's name is doubled, so it is not read as a code.
    expect(payout.headerFooter.oddFooter).toBe('&LMo && Co&C&A&RPage &P');
    expect(payout.getCell('B2').border?.top?.style).toBe('thin');
    expect(payout.getCell('B2').border?.bottom).toBeUndefined();
    expect(payout.getCell('C3').border).toMatchObject({
      right: { style: 'thin' },
      bottom: { style: 'thin' },
    });
  });

  test('a workshop name too long to print beside the tab’s name and page number is cut with an ellipsis', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    const long =
      'Xihu District Neighbourhood Committee Employment Support & Traditional Crafts, Branch 2';
    const footed = (name: string, left: string, landscape: boolean): GeneratedTab => ({
      ...tab,
      name,
      landscape,
      print: {
        boxes: [],
        cutLines: [],
        pageBreaks: [],
        repeatRows: 0,
        printColumns: null,
        width: 3,
        footer: { left, page: 'Page {page}', tabBesidePage: true },
      },
    });
    workbook.replaceGeneratedTab(footed('Payslips 2026-11', long, false));
    workbook.replaceGeneratedTab(footed('Payout 2026-11', long, true));
    workbook.replaceGeneratedTab(footed('Summary 2026-11', 'Dongpo Road Workshop', false));
    await workbook.save(file);
    const book = await readBack(file);
    const left = (name: string) =>
      /^&L(.*)&R&A · Page &P$/.exec(sheet(book, name).headerFooter.oddFooter ?? '')?.[1] ?? '';
    // Portrait: cut where the tab's name and page number begin, "&" still doubled.
    const cut = left('Payslips 2026-11');
    expect(cut).toMatch(/^Xihu District Neighbourhood Committee Employment Support && .*…$/);
    expect(cut.length).toBeLessThan(long.length);
    // Landscape has the room; a short name is never cut.
    expect(left('Payout 2026-11')).toBe(long.replace('&', '&&'));
    expect(left('Summary 2026-11')).toBe('Dongpo Road Workshop');
  });

  test('a generated tab carries a hidden sheet-local mark; a marked tab, or one in the generated layout, is replaced', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
      // As an earlier version wrote it, without the mark: its title, then its labels.
      const earlier = book.addWorksheet('Payout 2026-10');
      for (const [row, label] of [
        'Payout 2026-10',
        'Organization',
        'Month',
        'Generated at',
      ].entries())
        earlier.getCell(row + 1, 1).value = label;
      // Staff's own, with the same title but nothing else of the layout.
      book.addWorksheet('Summary 2026-10').getCell('A1').value = 'Summary 2026-10';
    });
    const headed = (name: string): GeneratedTab => ({
      ...tab,
      name,
      cells: [
        [name, '', ''],
        ['Organization', 'X', ''],
        ['Month', '2026-10', ''],
        ['Generated at', 'now', ''],
      ],
      numberFormats: Array.from({ length: 4 }, () => ['@', '@', '@']),
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    workbook.replaceGeneratedTab(headed('Payout 2026-10'));
    expect(() => workbook.replaceGeneratedTab(headed('Summary 2026-10'))).toThrow(
      expect.objectContaining({ key: 'fileForeignTab' }),
    );
    workbook.replaceGeneratedTab(headed('Payslips 2026-10'));
    await workbook.save(file);
    const xml = await zipText(file, 'xl/workbook.xml');
    expect(xml).toContain(
      `<definedName name="${GENERATED_TAB_MARK}" localSheetId="1" hidden="1">'Payout 2026-10'!$A$1</definedName>`,
    );
    expect(xml).toContain(`localSheetId="3" hidden="1">'Payslips 2026-10'!$A$1</definedName>`);
    expect(xml).not.toContain(`localSheetId="2" hidden="1"`);
    // Marked now, it is replaced whatever its cells hold; the rows it prints on every page
    // (issue 22's print titles) are a defined name beside the mark, each written once.
    const again = await XlsxWorkbook.open(file, SHANGHAI);
    const titled: GeneratedTab = {
      ...tab,
      name: 'Payslips 2026-10',
      print: {
        boxes: [],
        cutLines: [],
        pageBreaks: [],
        repeatRows: 1,
        printColumns: null,
        width: 3,
      },
    };
    again.replaceGeneratedTab(titled);
    again.replaceGeneratedTab(titled);
    await again.save(file);
    const names = await zipText(file, 'xl/workbook.xml');
    const count = (text: string) => names.split(text).length - 1;
    expect(count(`localSheetId="3" hidden="1">'Payslips 2026-10'!$A$1</definedName>`)).toBe(1);
    expect(
      count(
        `<definedName name="_xlnm.Print_Titles" localSheetId="3">'Payslips 2026-10'!$1:$1</definedName>`,
      ),
    ).toBe(1);
    const reopened = await XlsxWorkbook.open(file, SHANGHAI);
    reopened.replaceGeneratedTab({ ...titled, cells: [['not the layout', '', '']] });
  });

  async function zipText(file: string, part: string): Promise<string> {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    return (await zip.file(part)?.async('string')) ?? '';
  }

  test('marks bad cells and clears only Gongfang’s own marks', async () => {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('Pieces');
      ws.addRow(['Date', 'Resident', 'Order']);
      ws.addRow(['x', 'R1', 'O1']);
      ws.getCell('C2').note = 'staff: call her';
      ws.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    workbook.markCells({
      tab: 'Pieces',
      marks: [{ row: 2, column: 1, note: 'date unreadable' }],
      clear: [],
    });
    await workbook.save(file);
    let ws = sheet(await readBack(file), 'Pieces');
    expect(ws.getCell('A2').note).toBe(`${MARK_NOTE_PREFIX}date unreadable`);
    expect(ws.getCell('A2').fill).toMatchObject({ fgColor: { argb: 'FFFDE2E1' } });
    expect(ws.getCell('B2').fill).toBeUndefined();

    const again = await XlsxWorkbook.open(file, SHANGHAI);
    again.markCells({
      tab: 'Pieces',
      marks: [],
      clear: [
        { row: 2, column: 1 },
        { row: 2, column: 3 },
      ],
    });
    await again.save(file);
    ws = sheet(await readBack(file), 'Pieces');
    expect(ws.getCell('A2').note).toBeUndefined();
    expect(ws.getCell('A2').fill).toBeUndefined();
    expect(ws.getCell('C2').note).toBe('staff: call her');
    expect(ws.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
  });
});

describe('check --mark on a tab too big to hold again (prepareMarks)', () => {
  test('writes the marks a whole-part edit writes, byte for byte, reading only the rows marked', async () => {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('Pieces');
      ws.addRow(['Date', 'Resident', 'Order', 'Completed']);
      for (let row = 2; row <= 20_000; row += 1) {
        ws.addRow([
          `2026-11-${String(1 + (row % 28)).padStart(2, '0')}`,
          `R${row % 97}`,
          '订单-1',
          row % 50,
        ]);
      }
      ws.getCell('C7001').note = `${MARK_NOTE_PREFIX}old mark`;
      ws.getCell('C7001').fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFDE2E1' },
      };
    });
    const update = {
      tab: 'Pieces',
      // Rows at the start, across the part (its chunks are a megabyte), at the end, and past it.
      marks: [2, 3, 4000, 9999, 10_000, 15_432, 20_000, 20_003].map((row, index) => ({
        row,
        column: 1 + (index % 4),
        note: `problem ${index}`,
      })),
      clear: [{ row: 7001, column: 3 }],
    };
    const written = async (streamMarksAbove?: number) => {
      const options = {
        ...SHANGHAI,
        ...(streamMarksAbove === undefined ? {} : { streamMarksAbove }),
      };
      const workbook = await XlsxWorkbook.open(file, { ...options, editsSourceSheets: true });
      workbook.readTab(['Pieces'], { withNotes: true });
      await workbook.prepareMarks([update]);
      workbook.markCells(update);
      const out = path.join(folder, `out-${streamMarksAbove ?? 'whole'}.xlsx`);
      await workbook.writeTo(out);
      return readZip(fs.readFileSync(out));
    };
    const streamed = jest.spyOn(SheetEditor, 'streamed');
    const whole = await written();
    expect(streamed).not.toHaveBeenCalled();
    const inChunks = await written(0);
    expect(streamed).toHaveBeenCalledTimes(1);
    expect(await streamed.mock.results[0]?.value).not.toBeNull();
    streamed.mockRestore();
    // The same parts, deflated into the same bytes (the times in the headers aside).
    expect(inChunks.map((entry) => entry.name)).toEqual(whole.map((entry) => entry.name));
    whole.forEach((entry, index) => {
      const other = inChunks[index];
      const data = (e: typeof entry) =>
        e.local.subarray(e.dataStart, e.dataStart + e.compressedSize);
      expect({
        name: entry.name,
        same: other !== undefined && data(other).equals(data(entry)),
      }).toEqual({
        name: entry.name,
        same: true,
      });
    });
    const marked = sheet(await readBack(path.join(folder, 'out-0.xlsx')), 'Pieces');
    expect(marked.getCell('A2').note).toBe(`${MARK_NOTE_PREFIX}problem 0`);
    expect(marked.getCell('C20000').fill).toMatchObject({ fgColor: { argb: 'FFFDE2E1' } });
    expect(marked.getCell('C7001').note).toBeUndefined();
  });
});

describe('Set up on .xlsx', () => {
  test('creates the tabs with bold frozen headers, formats and drop-downs; twice is the same', async () => {
    const workbook = XlsxWorkbook.create({ ...SHANGHAI, envLang: 'zh-CN' });
    setUpWorkbook(workbook);
    const file = path.join(folder, 'new.xlsx');
    await workbook.save(file);
    const first = await readBack(file);
    expect(first.worksheets.map((s) => s.name)).toEqual([
      '居民',
      '合作单位',
      '订单',
      '计件',
      '调整',
      '设置',
    ]);
    const pieces = sheet(first, '计件');
    expect(pieces.getCell('A1').value).toBe('日期');
    expect(pieces.getCell('A1').font?.bold).toBe(true);
    expect(pieces.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const validations = (
      pieces as unknown as { dataValidations: { model: Record<string, unknown> } }
    ).dataValidations.model;
    expect(Object.keys(validations).length).toBeGreaterThan(0);
    expect(validations.B2).toMatchObject({ type: 'list' });

    const again = await XlsxWorkbook.open(file, SHANGHAI);
    setUpWorkbook(again);
    await again.save(file);
    const second = await readBack(file);
    for (const ws of first.worksheets) {
      const other = sheet(second, ws.name);
      expect(other.getRow(1).values).toEqual(ws.getRow(1).values);
      expect(other.rowCount).toBe(ws.rowCount);
    }
  });

  test('a source tab it creates prints fitted to the width, its header on every page; one it finds is left alone', async () => {
    // Staff's own Residents tab, with no page set-up: Set up adds columns, never print settings.
    const file = await writeFixture((book) => {
      book.addWorksheet('居民').addRow(['编号', '姓名']);
    });
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    setUpWorkbook(workbook);
    await workbook.save(file);
    // Read by exceljs, which we did not write.
    const back = await readBack(file);
    const printing = (name: string) => {
      const setup = sheet(back, name).pageSetup;
      return {
        fitToPage: setup.fitToPage === true,
        fitToWidth: setup.fitToWidth,
        fitToHeight: setup.fitToHeight,
        orientation: setup.orientation,
        titles: setup.printTitlesRow,
      };
    };
    const fitted = { fitToPage: true, fitToWidth: 1, fitToHeight: 0, titles: '1:1' };
    // Pieces keeps 80 % of its columns' width on a portrait page; Orders would keep 55 %.
    expect(printing('计件')).toEqual({ ...fitted, orientation: 'portrait' });
    expect(printing('订单')).toEqual({ ...fitted, orientation: 'landscape' });
    expect(printing('合作单位')).toEqual({ ...fitted, orientation: 'landscape' });
    expect(printing('居民')).toMatchObject({ fitToPage: false, titles: undefined });
    expect(printing('居民').orientation).not.toBe('landscape');
  });
});

describe('saving', () => {
  test('a read-only target is refused and left as it was', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
    });
    const before = fileHash(file);
    fs.chmodSync(file, 0o444);
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    workbook.appendRows('Residents', [['R001']]);
    const error = await workbook.save(file).catch((e: unknown) => e);
    fs.chmodSync(file, 0o644);
    // root may write anyway; then the write must at least have succeeded whole.
    if (process.getuid?.() !== 0) {
      expect(errorKey(error)).toBe('cliReadOnly');
      expect(fileHash(file)).toBe(before);
    }
  });

  test('a failure while writing leaves the original untouched and no temporary file', async () => {
    const file = await writeFixture((book) => {
      book.addWorksheet('Residents').getCell('A1').value = 'ID';
    });
    const before = fileHash(file);
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    workbook.appendRows('Residents', [['R001']]);
    jest.spyOn(workbook, 'writeTo').mockImplementation(async (target: string) => {
      fs.writeFileSync(target, 'half a file');
      throw new Error('disk full');
    });
    const error = await workbook.save(file).catch((e: unknown) => e);
    expect(errorKey(error)).toBe('cliCannotWrite');
    expect(fileHash(file)).toBe(before);
    expect(fs.readdirSync(folder)).toEqual(['in.xlsx']);
  });

  test('a missing folder is refused', async () => {
    const workbook = XlsxWorkbook.create(SHANGHAI);
    const error = await workbook.save(path.join(folder, 'no', 'such', 'x.xlsx')).catch((e) => e);
    expect(errorKey(error)).toBe('cliFolderMissing');
  });

  describe('round trip', () => {
    test('keeps staff’s extra columns, styles, merges, notes, widths, validations and formulas', async () => {
      const file = await writeFixture((book) => {
        const ws = book.addWorksheet('居民');
        ws.addRow(['编号', '姓名', '我的备注列', '合计']);
        ws.addRow(['R001', '王秀英', '住 3 号楼', { formula: 'LEN(B2)', result: 3 }]);
        ws.addRow(['R002', '李桂兰', '', { sharedFormula: 'D2', result: 3 }]);
        ws.getCell('C2').font = { bold: true, color: { argb: 'FFFF0000' } };
        ws.getCell('C2').fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: 'FFCCFFCC' },
        };
        ws.getCell('B3').note = '电话已换';
        ws.getColumn(3).width = 31;
        ws.getRow(2).height = 28;
        ws.mergeCells('A5:C5');
        book.definedNames.add("'居民'!$A$1:$D$3", 'roster');
        ws.getCell('A5').value = '以下为新登记';
        (
          ws as unknown as { dataValidations: { add: (a: string, v: unknown) => void } }
        ).dataValidations.add('B2:B20', {
          type: 'textLength',
          operator: 'lessThan',
          formulae: [20],
          allowBlank: true,
        });
      });
      const workbook = await XlsxWorkbook.open(file, SHANGHAI);
      workbook.replaceGeneratedTab({
        name: '工资 2026-11',
        cells: [['x']],
        numberFormats: [['@']],
        boldRows: [],
        frozenRows: 0,
        columnWidths: [80],
        protectionDescription: '',
        charts: [],
        landscape: false,
      });
      await workbook.save(file);
      const book = await readBack(file);
      expect(book.definedNames.model).toContainEqual(expect.objectContaining({ name: 'roster' }));
      const ws = sheet(book, '居民');
      expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['R001', '王秀英', '住 3 号楼']));
      expect(ws.getCell('D2').result).toBe(3);
      expect(ws.getCell('D3').formula).toBe('LEN(B3)');
      expect(ws.getCell('D3').result).toBe(3);
      expect(ws.getCell('C2').font).toMatchObject({ bold: true, color: { argb: 'FFFF0000' } });
      expect(ws.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFCCFFCC' } });
      expect(ws.getCell('B3').note).toBe('电话已换');
      expect(ws.getColumn(3).width).toBe(31);
      expect(ws.getRow(2).height).toBe(28);
      expect(ws.getCell('B5').isMerged).toBe(true);
      expect(ws.getCell('A5').value).toBe('以下为新登记');
      const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
        .dataValidations.model;
      expect(model.B7).toMatchObject({ type: 'textLength' });
    });
  });
});

describe('data validations read back and written again', () => {
  test('are joined into ranges that do not overlap', async () => {
    const file = await writeFixture((book) => {
      const ws = book.addWorksheet('Pieces');
      ws.addRow(['Date', 'Resident']);
      const validations = (
        ws as unknown as { dataValidations: { add: (a: string, v: object) => void } }
      ).dataValidations;
      validations.add('B2:B40', { type: 'list', allowBlank: true, formulae: ['"R1,R2"'] });
      validations.add('A2:A40', { type: 'date', operator: 'greaterThan', formulae: [new Date(0)] });
      validations.add('A45', { type: 'whole', operator: 'greaterThan', formulae: [0] });
    });
    for (let round = 0; round < 2; round += 1) {
      const workbook = await XlsxWorkbook.open(file, SHANGHAI);
      workbook.appendRows('Pieces', [['x', 'R1']]);
      await workbook.save(file);
    }
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    const sqrefs = [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(sqrefs).toEqual(['A2:A40', 'A45', 'B2:B40']);
  });
});

test('Set up creates a missing tab only when asked to', () => {
  const workbook = XlsxWorkbook.create(SHANGHAI);
  const setup = { newHeaders: [{ column: 1, text: 'ID' }], headerWidth: 1, columns: [] };
  workbook.setUpTabs([
    { name: 'Residents', create: true, ...setup },
    { name: 'Partners', create: false, ...setup },
  ]);
  expect(workbook.tabNames()).toEqual(['Residents']);
  expect(workbook.readTab(['Residents'])?.values).toEqual([['ID']]);
});
