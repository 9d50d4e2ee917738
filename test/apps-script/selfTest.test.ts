/**
 * 自检 / Self-test in the emulator: every item passes there (its expected answers are the
 * emulator's), the scratch tab is gone afterwards, and an emulator behaving differently makes
 * the matching item, and only it, differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSelfTest } from '../../src/apps-script/menu';
import { EXPECTED, selfTestResults } from '../../src/apps-script/selfTest';
import { t } from '../../src/i18n';
import { RangeImpl } from '../emulator/range';
import { SpreadsheetImpl } from '../emulator/spreadsheet';
import { SpreadsheetsResource } from '../emulator/sheetsApi';
import { installEmulator, type Installed } from './support';

let env: Installed;
afterEach(() => {
  env.uninstall();
  jest.restoreAllMocks();
});

function results() {
  return env.emulator.execution(() => selfTestResults(SpreadsheetApp.getActiveSpreadsheet()));
}

describe('the self-test', () => {
  it('passes every item in the emulator and removes its scratch tab', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const before = env.emulator.spreadsheet.getSheets().map((s) => s.getName());
    const all = results();
    expect(all.filter((r) => !r.passed)).toEqual([]);
    expect(all.map((r) => r.id)).toEqual(Object.keys(EXPECTED));
    expect(env.emulator.spreadsheet.getSheets().map((s) => s.getName())).toEqual(before);
  });

  it('shows its report from the menu, in the sheet language, with a block to copy', () => {
    env = installEmulator({ locale: 'en_US' });
    env.emulator.execution(() => runSelfTest());
    const alert = env.emulator.ui.alerts[0];
    expect(alert?.title).toBe(t('en', 'selfTestTitle'));
    expect(alert?.message).toContain(t('en', 'selfTestAllPassed'));
    expect(alert?.message).toContain(`Gongfang self-test: ${Object.keys(EXPECTED).length}/`);
  });

  it('finds a deliberately wrong emulator: getSheetByName ignoring case', () => {
    env = installEmulator();
    const exact = SpreadsheetImpl.prototype.getSheetByName;
    jest.spyOn(SpreadsheetImpl.prototype, 'getSheetByName').mockImplementation(function (
      this: SpreadsheetImpl,
      name: string,
    ) {
      const sheet = this.getSheets().find(
        (s) =>
          (s as GoogleAppsScript.Spreadsheet.Sheet).getName().toLowerCase() === name.toLowerCase(),
      );
      return sheet ?? exact.call(this, name);
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => r.id)).toEqual(['getSheetByName is case-sensitive']);
  });

  it('finds a deliberately wrong emulator: Range.clear() taking the notes', () => {
    env = installEmulator();
    const clear = RangeImpl.prototype.clear;
    jest.spyOn(RangeImpl.prototype, 'clear').mockImplementation(function (
      this: RangeImpl,
      ...args: unknown[]
    ) {
      const result = clear.apply(this, args as Parameters<typeof clear>);
      this.clearNote();
      return result;
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => r.id)).toEqual(['Range.clear() keeps notes']);
  });

  it('finds a deliberately wrong emulator: appendCells landing below formatted rows', () => {
    env = installEmulator();
    const batchUpdate = SpreadsheetsResource.prototype.batchUpdate;
    // As if formats and drop-downs down whole columns counted as data: below the grid's rows.
    jest.spyOn(SpreadsheetsResource.prototype, 'batchUpdate').mockImplementation(function (
      this: SpreadsheetsResource,
      body: Record<string, unknown>,
      id: string,
    ) {
      const requests = (body.requests as Record<string, Record<string, unknown>>[]).map((r) => {
        const append = r.appendCells;
        if (append === undefined) return r;
        return {
          updateCells: {
            start: { sheetId: append.sheetId, rowIndex: 1000, columnIndex: 0 },
            rows: append.rows,
            fields: append.fields,
          },
        };
      });
      return batchUpdate.call(this, { ...body, requests }, id);
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => [r.id, r.observed])).toEqual([
      ['appendCells lands below the last value, not below formats and drop-downs', '1001'],
    ]);
  });

  it('finds a deliberately wrong emulator: the apostrophe kept in a plain-text (@) cell', () => {
    env = installEmulator();
    const setValue = RangeImpl.prototype.setValue;
    jest.spyOn(RangeImpl.prototype, 'setValue').mockImplementation(function (
      this: RangeImpl,
      value: unknown,
    ) {
      const result = setValue.call(this, value);
      const { row, column } = this._rect;
      if (typeof value === 'string' && value.startsWith("'") && this.getNumberFormat() === '@') {
        this._sheet.cells.setValue(row, column, value);
      }
      return result;
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => r.id)).toEqual([
      'apostrophe text written into a plain-text (@) cell reads without it',
    ]);
  });

  it('finds the Sheets advanced service missing when the manifest does not enable it', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    env = installEmulator({ manifest: { oauthScopes: manifest.oauthScopes } });
    const differing = results().filter((r) => !r.passed);
    // The two probes of the API's writes need it too.
    expect(differing.map((r) => [r.id, r.observed])).toEqual([
      ['Sheets advanced service enabled: Spreadsheets.get of this spreadsheet', '"not enabled"'],
      ['appendCells lands below the last value, not below formats and drop-downs', '"not enabled"'],
      ['rows inserted right below the last row read land there', '"not enabled"'],
    ]);
  });

  it('finds a user who granted only this spreadsheet (spreadsheets.currentonly)', () => {
    env = installEmulator({
      grantedScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/userinfo.email',
      ],
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => r.id)).toEqual([
      'scope spreadsheets: this spreadsheet, and others by ID',
      'Sheets advanced service enabled: Spreadsheets.get of this spreadsheet',
      'scope script.scriptapp: this user’s triggers can be listed',
      'appendCells lands below the last value, not below formats and drop-downs',
      'rows inserted right below the last row read land there',
    ]);
    expect(differing[0]?.observed).toMatch(/^threw: .*permission.*auth\/spreadsheets$/);
  });

  it('finds a user who did not allow triggers (script.scriptapp)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    env = installEmulator({
      grantedScopes: manifest.oauthScopes.filter((scope) => !scope.endsWith('script.scriptapp')),
    });
    const differing = results().filter((r) => !r.passed);
    expect(differing.map((r) => r.id)).toEqual([
      'scope script.scriptapp: this user’s triggers can be listed',
    ]);
  });

  it('reports what Google gave for a differing item', () => {
    env = installEmulator();
    jest.spyOn(RangeImpl.prototype, 'getNumberFormat').mockReturnValue('General');
    const differing = results().filter((r) => !r.passed);
    expect(differing).toEqual([
      {
        id: 'number format of a never-formatted cell',
        passed: false,
        expected: '"0.###############"',
        observed: '"General"',
      },
    ]);
  });
});
