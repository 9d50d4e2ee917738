/**
 * userEdit (a person typing), onEdit event objects, data validation that rejects input,
 * protections and charts.
 */
import { createEmulator } from '../index';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type OnEdit = GoogleAppsScript.Events.SheetsOnEdit;

function setUp() {
  const emu = createEmulator({ userEmail: 'wang@example.org' });
  const app = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = emu.spreadsheet.insertSheet('Pieces') as Sheet;
  return { emu, app, sheet };
}

describe('onEdit event object', () => {
  // https://developers.google.com/apps-script/guides/triggers/events#edit ; value/oldValue only
  // for single-cell edits (reported: https://gist.github.com/tanaikech/73edaed1268a6d07118aed538aa5608d)
  it('has value and oldValue for a single-cell edit', () => {
    const { emu, sheet } = setUp();
    sheet.getRange('B2').setValue('old');
    const events: OnEdit[] = [];
    emu.userEdit('Pieces', 'B2', '12', (e) => events.push(e));
    const [e] = events;
    expect(e?.value).toBe('12');
    expect(e?.oldValue).toBe('old');
    expect(e?.range.getA1Notation()).toBe('B2');
    expect(e?.source.getName()).toBe(emu.spreadsheet.getName());
    expect(e?.user.getEmail()).toBe('wang@example.org');
    expect(sheet.getRange('B2').getValue()).toBe(12);
  });

  it('has no oldValue when the cell was empty', () => {
    const { emu } = setUp();
    let event: OnEdit | undefined;
    emu.userEdit('Pieces', 'A1', 'x', (e) => (event = e));
    expect(event?.value).toBe('x');
    expect('oldValue' in (event ?? {})).toBe(false);
  });

  it('has neither value nor oldValue for a multi-cell edit', () => {
    const { emu } = setUp();
    let event: OnEdit | undefined;
    emu.userEdit(
      'Pieces',
      'A2',
      [
        ['2026-11-03', 'R001'],
        ['2026-11-04', 'R002'],
      ],
      (e) => (event = e),
    );
    expect(event?.range.getA1Notation()).toBe('A2:B3');
    expect(event && 'value' in event).toBe(false);
    expect(event && 'oldValue' in event).toBe(false);
    expect(emu.peek('Pieces')[2]?.[1]).toBe('R002');
  });

  // https://developers.google.com/apps-script/guides/triggers#restrictions ("Script executions
  // and API requests do not cause triggers to run")
  it('is not fired by script writes', () => {
    const { emu, sheet } = setUp();
    const onEdit = jest.fn();
    sheet.getRange('A1').setValue('by script');
    expect(onEdit).not.toHaveBeenCalled();
    emu.userEdit('Pieces', 'A1', 'by hand', onEdit);
    expect(onEdit).toHaveBeenCalledTimes(1);
  });

  // Apps Script calls the simple trigger by its name for every edit a person makes; an exception
  // in it is shown to the person and logged, and the edit stands.
  // https://developers.google.com/apps-script/guides/triggers#getting_started
  it('fires the installed onEdit simple trigger for user edits, never for script writes', () => {
    const { emu, sheet } = setUp();
    const onEdit = jest.fn();
    emu.simpleTriggers({ onEdit });
    sheet.getRange('A1:B2').setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(onEdit).not.toHaveBeenCalled();
    emu.userEdit('Pieces', 'C3', '7');
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect((onEdit.mock.calls[0]?.[0] as OnEdit).range.getA1Notation()).toBe('C3');
  });

  it('keeps what a simple trigger throws, and the edit stands', () => {
    const { emu, sheet } = setUp();
    emu.simpleTriggers({
      onEdit: () => {
        throw new Error('boom');
      },
    });
    expect(() => emu.userEdit('Pieces', 'A1', 'kept')).not.toThrow();
    expect(sheet.getRange('A1').getValue()).toBe('kept');
    expect(emu.triggerErrors.map((e) => e.message)).toEqual(['boom']);
  });

  it('runs onEdit as its own execution, so its locks are released', () => {
    const { emu } = setUp();
    const LockService = emu.globals.LockService as GoogleAppsScript.Lock.LockService;
    emu.userEdit('Pieces', 'A1', '1', () => LockService.getDocumentLock().waitLock(100));
    emu.execution(() => expect(LockService.getDocumentLock().tryLock(0)).toBe(true));
  });
});

describe('data validation on typed input', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
  it('rejects invalid input when allowInvalid is false, leaving the cell unchanged', () => {
    const { emu, app, sheet } = setUp();
    const rule = app
      .newDataValidation()
      .requireValueInList(['open', 'done'])
      .setAllowInvalid(false)
      .build();
    sheet.getRange('C2:C10').setDataValidation(rule);
    emu.userEdit('Pieces', 'C2', 'done');
    expect(() => emu.userEdit('Pieces', 'C3', 'maybe')).toThrow(/C3/);
    expect(sheet.getRange('C3').getValue()).toBe('');
    expect(sheet.getRange('C2').getValue()).toBe('done');
  });

  it('accepts invalid input with a warning rule (allowInvalid true, the default)', () => {
    const { emu, app, sheet } = setUp();
    sheet
      .getRange('D2')
      .setDataValidation(app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build());
    emu.userEdit('Pieces', 'D2', '-5');
    expect(sheet.getRange('D2').getValue()).toBe(-5);
  });

  it('checks numbers, dates, checkboxes and ranges', () => {
    const { emu, app, sheet } = setUp();
    const strict = (b: GoogleAppsScript.Spreadsheet.DataValidationBuilder) =>
      b.setAllowInvalid(false).build();
    sheet
      .getRange('A1')
      .setDataValidation(strict(app.newDataValidation().requireNumberBetween(1, 10)));
    sheet.getRange('A2').setDataValidation(strict(app.newDataValidation().requireDate()));
    sheet.getRange('A3').setDataValidation(strict(app.newDataValidation().requireCheckbox()));
    emu.seed('Residents', [['ID'], ['R001'], ['R002']]);
    const ids = emu.spreadsheet.getRange("'Residents'!A2:A");
    sheet
      .getRange('A4')
      .setDataValidation(strict(app.newDataValidation().requireValueInRange(ids)));
    expect(() => emu.userEdit('Pieces', 'A1', '11')).toThrow();
    emu.userEdit('Pieces', 'A1', '10');
    expect(() => emu.userEdit('Pieces', 'A2', 'soon')).toThrow();
    emu.userEdit('Pieces', 'A2', '2026-11-03');
    expect(() => emu.userEdit('Pieces', 'A3', 'yes')).toThrow();
    emu.userEdit('Pieces', 'A3', 'TRUE');
    expect(() => emu.userEdit('Pieces', 'A4', 'R003')).toThrow();
    emu.userEdit('Pieces', 'A4', 'R002');
    expect(emu.peek('Pieces').map((r) => r[0] instanceof Date || r[0])).toEqual([
      10,
      true,
      true,
      'R002',
    ]);
  });

  it('insertCheckboxes makes unchecked boxes', () => {
    const { emu, sheet } = setUp();
    sheet.getRange('E2:E3').insertCheckboxes();
    expect(sheet.getRange('E2:E3').getValues()).toEqual([[false], [false]]);
    expect(emu.cell('Pieces', 'E2').validation?.criteria).toBe('CHECKBOX');
  });
});

describe('protection', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/protection
  it('protects a sheet once, keeps description, warning-only and editors; the owner can edit', () => {
    const { app, sheet } = setUp();
    const protection = sheet.protect().setDescription('generated').setWarningOnly(true);
    expect(sheet.protect()).toBe(protection);
    expect(protection.isWarningOnly()).toBe(true);
    expect(protection.getDescription()).toBe('generated');
    protection.addEditor('li@example.org');
    expect(
      protection
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['li@example.org', 'wang@example.org']);
    protection.removeEditor('wang@example.org');
    expect(protection.getEditors().map((u) => u.getEmail())).toContain('wang@example.org');
    expect(protection.canEdit()).toBe(true);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([protection]);
    protection.remove();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
  });

  it('protects ranges separately', () => {
    const { app, sheet } = setUp();
    const protection = sheet.getRange('A1:H1').protect();
    expect(protection.getProtectionType()).toBe(app.ProtectionType.RANGE);
    expect(protection.getRange().getA1Notation()).toBe('A1:H1');
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
  });
});

describe('charts', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
  it('keeps the spec of an inserted chart', () => {
    const { emu, sheet } = setUp();
    const Charts = emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange('A1:B13'))
      .setPosition(2, 5, 0, 0)
      .setOption('title', 'Net pay')
      .build();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(stored?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B13']);
    expect(stored?.getOptions().get('title')).toBe('Net pay');
    expect(stored?.getContainerInfo().getAnchorRow()).toBe(2);
    expect(stored?.getChartId()).toBeTruthy();
    sheet.updateChart(stored!.modify().setOption('title', 'Pay').build());
    expect(sheet.getCharts()[0]?.getOptions().get('title')).toBe('Pay');
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});
