/**
 * Smaller Sheet, Spreadsheet and RangeList features Gongfang's generated tabs use.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */
import { createEmulator } from '../index';

function book() {
  const emu = createEmulator();
  const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { emu, ss: emu.spreadsheet, app };
}

describe('spreadsheet', () => {
  it('names unnamed sheets Sheet2…, renames, refuses a taken name on rename, and deletes', () => {
    const { ss } = book();
    const second = ss.insertSheet();
    expect(second.getName()).toBe('Sheet2');
    expect(() => second.setName('sheet1')).toThrow(
      'A sheet with the name "sheet1" already exists.',
    );
    second.setName('Payout 2026-11');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Payout 2026-11']);
    ss.deleteSheet(ss.getSheetByName('Sheet1')!);
    expect(ss.getNumSheets()).toBe(1);
    expect(() => ss.deleteSheet(second)).toThrow();
  });

  it('keeps locale, time zone, id and url', () => {
    const { ss } = book();
    expect(ss.getSpreadsheetLocale()).toBe('en_US');
    ss.setSpreadsheetLocale('zh_CN');
    expect(ss.getSpreadsheetLocale()).toBe('zh_CN');
    ss.setSpreadsheetTimeZone('Europe/Berlin');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Berlin');
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow();
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  it('getRange without a sheet name reads the active sheet; an unknown tab throws', () => {
    const { ss } = book();
    ss.insertSheet('Other');
    ss.setActiveSheet(ss.getSheetByName('Sheet1')!);
    expect(ss.getRange('B2').getSheet().getName()).toBe('Sheet1');
    expect(() => ss.getRange("'Nope'!A1")).toThrow('Range not found');
  });
});

describe('sheet layout', () => {
  it('freezes rows and columns, sets widths and tab colours, hides and shows', () => {
    const { ss } = book();
    const sheet = ss.insertSheet('Payslips');
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    sheet.setColumnWidths(1, 3, 140).setColumnWidth(2, 60);
    expect([1, 2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([140, 60, 140, 100]);
    sheet.getRange('A1').setValue('居民编号 Resident ID');
    sheet.autoResizeColumns(1, 1);
    expect(sheet.getColumnWidth(1)).toBeGreaterThan(100);
    sheet.setTabColor('#00aa00');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });

  it('grows columns and clears the sheet but keeps notes', () => {
    const { ss } = book();
    const sheet = ss.getSheets()[0]!;
    sheet.insertColumnsAfter(26, 4);
    expect(sheet.getMaxColumns()).toBe(30);
    sheet.getRange('AD1').setValue(1).setNote('kept').setBackground('#eeeeee');
    sheet.clear();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('AD1').getNote()).toBe('kept');
    expect(sheet.getRange('AD1').getBackground()).toBe('#ffffff');
  });
});

describe('ranges', () => {
  it('offset, geometry and merge', () => {
    const { ss } = book();
    const range = ss.getRange('B2:C4');
    expect([range.getRow(), range.getColumn(), range.getLastRow(), range.getLastColumn()]).toEqual([
      2, 2, 4, 3,
    ]);
    expect([range.getNumRows(), range.getNumColumns()]).toEqual([3, 2]);
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:D5');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    range.merge();
    expect(ss.getRange('C3').isPartOfMerge()).toBe(true);
    expect(ss.getRange('E3').isPartOfMerge()).toBe(false);
  });

  it('RangeList applies formats to every range', () => {
    const { ss } = book();
    const sheet = ss.getSheets()[0]!;
    const list = sheet.getRangeList(['A1:B1', 'D4']);
    list.setBackground('#fff2cc').setFontWeight('bold').setNumberFormat('0.00').setNote('n');
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B1', 'D4']);
    expect(sheet.getRange('D4').getBackground()).toBe('#fff2cc');
    expect(sheet.getRange('B1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('D4').getNumberFormat()).toBe('0.00');
    list.clear();
    // https://developers.google.com/apps-script/reference/spreadsheet/range-list#clear()
    // clears contents, formats and validation; notes stay (unconfirmed).
    expect(sheet.getRange('D4').getNumberFormat()).toBe('0.###############');
    expect(sheet.getRange('D4').getNote()).toBe('n');
  });

  it('writes formulas with setFormulas and text with setFormulas of plain strings', () => {
    const { ss } = book();
    const range = ss.getRange('A1:B1');
    range.setFormulas([['=SUM(C1:C9)', '']]);
    expect(range.getFormulas()).toEqual([['=SUM(C1:C9)', '']]);
    ss.getRange('A1').setValue(5);
    expect(ss.getRange('A1').getFormula()).toBe('');
    expect(ss.getRange('A1').getValue()).toBe(5);
  });
});
