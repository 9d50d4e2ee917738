/**
 * Cell values, typing rules, shapes and sheet geometry (DESIGN.md section 7).
 * Each test cites the Apps Script reference page (or "reported" with its community source).
 */
import { createEmulator } from '../index';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function fresh(options = {}): { emu: ReturnType<typeof createEmulator>; sheet: Sheet } {
  const emu = createEmulator(options);
  return { emu, sheet: emu.spreadsheet.getSheets()[0] as Sheet };
}

describe('a new spreadsheet', () => {
  // https://support.google.com/docs/answer/6000292 (a new spreadsheet has one sheet); grid
  // size 1000 × 26 as Sheets creates it.
  it('holds one empty 1000 × 26 sheet named Sheet1, or 工作表1 for zh_CN', () => {
    const { sheet } = fresh();
    expect(sheet.getName()).toBe('Sheet1');
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    const zh = createEmulator({ locale: 'zh_CN' });
    expect(zh.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['工作表1']);
  });
});

describe('empty sheets', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()
  // (reported: 0 on an empty sheet; getDataRange() is A1 — https://stackoverflow.com/q/17632165)
  it('report 0 as last row and column, and a data range of A1 holding [[""]]', () => {
    const { sheet } = fresh();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    const range = sheet.getDataRange();
    expect(range.getA1Notation()).toBe('A1');
    expect(range.getValues()).toEqual([['']]);
  });

  it('count formatting alone as no data', () => {
    const { sheet } = fresh();
    sheet.getRange('C5').setBackground('#ff0000').setNote('just a note');
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('getRange', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
  it('is 1-based', () => {
    const { sheet } = fresh();
    sheet.getRange(2, 3).setValue('x');
    expect(sheet.getRange('C2').getValue()).toBe('x');
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
  });

  // reported wording: https://stackoverflow.com/q/28590981
  it('throws for 0 rows or 0 columns', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 0, 3)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1, 1, 3, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
  });

  // reported wording: https://stackoverflow.com/q/26207306
  it('throws outside the sheet and for row 0', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
  });

  it('reads A1 notation with open ends and a sheet prefix', () => {
    const { emu, sheet } = fresh();
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(sheet.getRange('B2:C').getA1Notation()).toBe('B2:C1000');
    emu.spreadsheet.insertSheet('计件 Pieces');
    const range = emu.spreadsheet.getRange("'计件 Pieces'!A1:B2");
    expect(range.getSheet().getName()).toBe('计件 Pieces');
    expect(range.getNumColumns()).toBe(2);
  });
});

describe('setValues', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
  // (reported wording: https://stackoverflow.com/q/52349306)
  it('throws when the data has a different shape from the range', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 7, 2).setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 7.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['a', 'b', 'c']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  it('round-trips numbers, strings, booleans and empty cells as getValues types them', () => {
    const { sheet } = fresh();
    sheet.getRange(1, 1, 1, 4).setValues([[1.5, 'text', true, '']]);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([[1.5, 'text', true, '', '']]);
    expect(sheet.getLastColumn()).toBe(3);
  });
});

describe('writes are read as if typed', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
  // ("the value is interpreted as if typed", reported: https://stackoverflow.com/q/13758913)
  it.each([
    ['007', 7],
    ['1,000', 1000],
    ['12.5%', 0.125],
    ['TRUE', true],
    ['false', false],
    ['-3.25', -3.25],
    ['abc', 'abc'],
    [' 42 ', 42],
    ['1e3', 1000],
    ['$12.50', 12.5],
    ['R001', 'R001'],
    ['13800138000', 13800138000],
    ['+86 138 0013 8000', '+86 138 0013 8000'],
    ['-abc', '-abc'],
    ['１２３', '１２３'],
  ])('%j becomes %j', (typed, stored) => {
    const { sheet } = fresh();
    sheet.getRange('A1').setValue(typed);
    expect(sheet.getRange('A1').getValue()).toEqual(stored);
  });

  it('keeps text in a plain-text (@) cell and after an apostrophe', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A2').setNumberFormat('@');
    sheet.getRange('A1:A3').setValues([['007'], ["'=1+1"], ["'007"]]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['007'], ['=1+1'], ['007']]);
    expect(sheet.getRange('A1:A3').getFormulas()).toEqual([[''], [''], ['']]);
  });

  it('turns a leading = into a formula, which the emulator does not evaluate', () => {
    const { sheet } = fresh();
    sheet.getRange('A1').setValue('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getLastRow()).toBe(1);
  });

  it('reads ISO, slashed and (en_US) month-first dates as dates', () => {
    const { emu, sheet } = fresh({ spreadsheetTimeZone: 'UTC', scriptTimeZone: 'UTC' });
    sheet.getRange('A1:A3').setValues([['2026-11-03'], ['2026/11/3'], ['11/3/2026']]);
    for (const row of sheet.getRange('A1:A3').getValues()) {
      expect(row[0]).toBeInstanceOf(Date);
      expect((row[0] as Date).toISOString()).toBe('2026-11-03T00:00:00.000Z');
    }
    expect(emu.cell(sheet.getName(), 'A1').numberFormat).toBe('yyyy-mm-dd');
  });

  it('reads a year and month as the first of that month, and a time as a time of 1899-12-30', () => {
    const { emu, sheet } = fresh({ spreadsheetTimeZone: 'UTC' });
    sheet.getRange('A1:A2').setValues([['2026-11'], ['9:30']]);
    const [[month], [time]] = sheet.getRange('A1:A2').getValues() as [[Date], [Date]];
    expect(month.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(time.toISOString()).toBe('1899-12-30T09:30:00.000Z');
    expect(emu.cell('Sheet1', 'A2').displayValue).toBe('9:30');
  });

  it('reads the locale’s currency sign: ¥ in zh_CN', () => {
    const { emu, sheet } = fresh({ locale: 'zh_CN' });
    sheet.getRange('A1').setValue('¥1,234.5');
    expect(sheet.getRange('A1').getValue()).toBe(1234.5);
    expect(emu.cell('工作表1', 'A1').displayValue).toBe('¥1,234.50');
  });

  it('reads d/m/yyyy in a day-first locale', () => {
    const { sheet } = fresh({ locale: 'en_GB', spreadsheetTimeZone: 'UTC' });
    sheet.getRange('A1').setValue('3/11/2026');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-11-03T00:00:00.000Z',
    );
  });

  it('stores JS numbers, booleans and Dates as such', () => {
    const { sheet } = fresh();
    const when = new Date('2026-11-03T02:00:00Z');
    sheet.getRange(1, 1, 1, 3).setValues([[7, false, when]]);
    const [[n, b, d]] = sheet.getRange(1, 1, 1, 3).getValues() as [[unknown, unknown, Date]];
    expect(n).toBe(7);
    expect(b).toBe(false);
    expect(d.getTime()).toBe(when.getTime());
  });

  it('clears a cell written with null', () => {
    const { sheet } = fresh();
    sheet.getRange('A1').setValue('x');
    sheet.getRange('A1').setValue(null);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('dates and time zones', () => {
  // https://developers.google.com/apps-script/guides/sheets#dates_and_times ; date serials from
  // 1899-12-30 in the spreadsheet's time zone: https://developers.google.com/sheets/api/guides/formats
  it('stores a date as a serial day in the spreadsheet zone', () => {
    const { emu, sheet } = fresh({ spreadsheetTimeZone: 'Asia/Shanghai' });
    sheet.getRange('A1').setValue('2026-11-03');
    sheet.getRange('A1').setNumberFormat('0.00');
    expect(sheet.getRange('A1').getValue()).toBe(46329);
    expect(emu.cell(sheet.getName(), 'A1').displayValue).toBe('46329.00');
  });

  it('gives a Date at the cell’s midnight in the spreadsheet zone, so naive code in another zone is a day off', () => {
    const { emu, sheet } = fresh({
      spreadsheetTimeZone: 'Asia/Shanghai',
      scriptTimeZone: 'America/New_York',
    });
    const utilities = emu.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    const session = emu.globals.Session as GoogleAppsScript.Base.Session;
    sheet.getRange('A1').setValue('2026-11-03');
    const date = sheet.getRange('A1').getValue() as Date;
    expect(date.toISOString()).toBe('2026-11-02T16:00:00.000Z');
    const naive = utilities.formatDate(date, session.getScriptTimeZone(), 'yyyy-MM-dd');
    expect(naive).toBe('2026-11-02');
    const right = utilities.formatDate(
      date,
      emu.spreadsheet.getSpreadsheetTimeZone(),
      'yyyy-MM-dd',
    );
    expect(right).toBe('2026-11-03');
  });

  it('writes a Date as the wall-clock time in the spreadsheet zone', () => {
    const { emu, sheet } = fresh({ spreadsheetTimeZone: 'Asia/Shanghai' });
    sheet.getRange('A1').setValue(new Date('2026-11-02T16:00:00Z'));
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd hh:mm');
    expect(emu.cell(sheet.getName(), 'A1').displayValue).toBe('2026-11-03 00:00');
  });
});

describe('sheets', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetByName(String)
  it('getSheetByName returns null for a missing tab', () => {
    const { emu } = fresh();
    expect(emu.spreadsheet.getSheetByName('Nope')).toBeNull();
  });

  // reported wording: https://stackoverflow.com/q/54440779
  it('insertSheet with a taken name throws', () => {
    const { emu } = fresh();
    emu.spreadsheet.insertSheet('Residents');
    expect(() => emu.spreadsheet.insertSheet('Residents')).toThrow(
      'A sheet with the name "Residents" already exists. Please enter another name.',
    );
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
  it('insertSheet places and activates the new sheet', () => {
    const { emu } = fresh();
    const sheet = emu.spreadsheet.insertSheet('First', 0);
    expect(sheet.getIndex()).toBe(1);
    expect(emu.spreadsheet.getActiveSheet().getName()).toBe('First');
    expect(emu.spreadsheet.getSheetByName('First')).toBe(sheet);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
  it('appendRow writes after the last row and grows the sheet', () => {
    const { emu, sheet } = fresh();
    emu.seed(
      sheet.getName(),
      Array.from({ length: 1000 }, (_, i) => [i]),
    );
    sheet.appendRow(['007', 'x']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([[7, 'x']]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)
  it('getSheetValues with -1 reads to the last row and column', () => {
    const { emu, sheet } = fresh();
    emu.seed(sheet.getName(), [
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(sheet.getSheetValues(2, 1, -1, -1)).toEqual([
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)
  it('insertRowsAfter and deleteRows move data', () => {
    const { emu, sheet } = fresh();
    emu.seed(sheet.getName(), [['a'], ['b']]);
    sheet.getRange('A2').setNote('note on b');
    sheet.insertRowsAfter(1, 2);
    expect(emu.peek(sheet.getName())).toEqual([['a'], [''], [''], ['b']]);
    expect(sheet.getRange('A4').getNote()).toBe('note on b');
    sheet.deleteRows(2, 2);
    expect(emu.peek(sheet.getName())).toEqual([['a'], ['b']]);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  it('refuses to delete every row', () => {
    const { sheet } = fresh();
    expect(() => sheet.deleteRows(1, 1000)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });
});

describe('formats, notes, colours and validation', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
  it('setBackground(null) and setFontWeight(null) reset to the defaults', () => {
    const { sheet } = fresh();
    const range = sheet.getRange('A1:B2');
    range.setBackground('#FF0000').setFontWeight('bold');
    expect(range.getBackgrounds()).toEqual([
      ['#ff0000', '#ff0000'],
      ['#ff0000', '#ff0000'],
    ]);
    expect(range.getFontWeight()).toBe('bold');
    range.setBackground(null).setFontWeight(null);
    expect(range.getBackground()).toBe('#ffffff');
    expect(range.getFontWeights()).toEqual([
      ['normal', 'normal'],
      ['normal', 'normal'],
    ]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setNotes(Object)
  it('keeps notes per cell', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:B1').setNotes([['one', '']]);
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['one', '']]);
    sheet.getRange('A1').clearNote();
    expect(sheet.getRange('A1').getNote()).toBe('');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
  it('builds validation rules, allowing invalid data unless told otherwise', () => {
    const emu = createEmulator();
    const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const list = app
      .newDataValidation()
      .requireValueInList(['a', 'b'])
      .setHelpText('pick one')
      .build();
    expect(list.getAllowInvalid()).toBe(true);
    expect(list.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(list.getCriteriaValues()).toEqual([['a', 'b'], true]);
    const target = emu.spreadsheet.getSheets()[0] as Sheet;
    target.getRange('A2:A3').setDataValidation(list);
    expect(target.getRange('A3').getDataValidation()?.getHelpText()).toBe('pick one');
    target.getRange('A2').setDataValidation(null);
    expect(
      target
        .getRange('A2:A3')
        .getDataValidations()
        .map((r) => r[0] === null),
    ).toEqual([true, false]);
  });
});
