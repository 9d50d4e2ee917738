/**
 * runOperation commits its writes before releasing the document lock, so a colleague who was
 * waiting for it reads them (the emulator hides unflushed writes from other executions).
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
import { setUpWorkbook } from '../../src/apps-script/menu';
import { generateMonthFromDialog } from '../../src/apps-script/monthJobs';
import { handMonth, monthTabs } from '../support/monthWorkbook';
import { installEmulator, type Installed } from './support';

let env: Installed;
afterEach(() => env.uninstall());

describe('runOperation', () => {
  it('flushes before releasing the lock: a waiting colleague sees the tabs Set up made', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const colleague = env.emulator.whenLockReleased(() =>
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()
        .map((sheet) => [sheet.getName(), sheet.getLastColumn()]),
    );
    env.emulator.execution(() => setUpWorkbook());
    expect(colleague.ran).toBe(true);
    expect(colleague.result).toEqual(
      expect.arrayContaining([
        ['居民', 8],
        ['计件', 8],
      ]),
    );
    expect(env.emulator.calls.byMethod()['SpreadsheetApp.flush']).toBe(1);
  });
});

describe('the tab the user was on', () => {
  it('is shown again after the first Generate inserts the month tabs', () => {
    env = installEmulator({ locale: 'zh_CN' });
    for (const [name, rows] of Object.entries(monthTabs(handMonth(), 'zh')))
      env.emulator.seed(name, rows);
    const pieces = env.emulator.spreadsheet.getSheetByName('计件');
    if (pieces === null) throw new Error('no 计件 tab');
    env.emulator.spreadsheet.setActiveSheet(pieces);
    const reply = env.emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply.ok).toBe(true);
    expect(env.emulator.spreadsheet.getSheetByName('工资 2026-11')).not.toBeNull();
    expect(env.emulator.spreadsheet.getActiveSheet().getName()).toBe('计件');
  });
});
