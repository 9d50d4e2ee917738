/**
 * Pending writes: another execution sees what a script wrote only once it was flushed or the
 * script ended. "call SpreadsheetApp.flush() to commit all pending changes to the spreadsheet
 * while you still have exclusive access to it"
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
import { createEmulator } from '../index';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Locks = GoogleAppsScript.Lock.LockService;

function writeThenRelease(flush: boolean): unknown {
  const emulator = createEmulator();
  emulator.seed('T', [['before']]);
  const app = emulator.globals.SpreadsheetApp as App;
  const colleague = emulator.whenLockReleased(() =>
    app.getActiveSpreadsheet().getSheetByName('T')?.getRange('A1').getValue(),
  );
  emulator.execution(() => {
    const lock = (emulator.globals.LockService as Locks).getDocumentLock();
    lock.tryLock(1000);
    app.getActiveSpreadsheet().getSheetByName('T')?.getRange('A1').setValue('after');
    if (flush) app.flush();
    lock.releaseLock();
  });
  expect(colleague.ran).toBe(true);
  expect(emulator.peek('T')).toEqual([['after']]);
  return colleague.result;
}

describe('pending writes', () => {
  it('are invisible to a colleague who takes the lock before they are flushed', () => {
    expect(writeThenRelease(false)).toBe('before');
  });

  it('are visible once flushed', () => {
    expect(writeThenRelease(true)).toBe('after');
  });

  it('include new tabs', () => {
    const emulator = createEmulator();
    const app = emulator.globals.SpreadsheetApp as App;
    const colleague = emulator.whenLockReleased(() =>
      app
        .getActiveSpreadsheet()
        .getSheets()
        .map((s) => s.getName()),
    );
    emulator.execution(() => {
      const lock = (emulator.globals.LockService as Locks).getDocumentLock();
      lock.tryLock(1000);
      app.getActiveSpreadsheet().insertSheet('New');
      lock.releaseLock();
    });
    expect(colleague.result).toEqual(['Sheet1']);
    expect(emulator.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'New']);
  });
});
