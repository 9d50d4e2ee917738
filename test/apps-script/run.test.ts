/**
 * runOperation commits its writes before releasing the document lock, so a colleague who was
 * waiting for it reads them (the emulator hides unflushed writes from other executions).
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
import { setUpWorkbook } from '../../src/apps-script/menu';
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
