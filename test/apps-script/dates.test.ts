/**
 * Dates through the Sheets adapter: a date cell's calendar date in the spreadsheet's zone. When
 * the runtime's Intl does not know the zone, Apps Script's documented
 * Utilities.formatDate(date, timeZone, 'yyyy-MM-dd') answers — never a silent UTC, which puts
 * every date of a UTC+8 sheet a day early.
 * https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 */
import { loadLedger } from '../../src/features/loadLedger';
import { dateInZone, useBackendCalendar } from '../../src/workbook/codecs';
import { installEmulator, seedWorkshop, type Installed } from './support';

let env: Installed;
afterEach(() => {
  env.uninstall();
  useBackendCalendar(null);
});

// Node's Intl knows no "GMT+8" (an offset zone Apps Script's formatDate accepts), so the
// adapter's calendar must answer. Midnight 3 November in UTC+8 is 2 November in UTC.
const MIDNIGHT = new Date('2026-11-03T00:00:00+08:00');

describe('dates in the spreadsheet zone', () => {
  it('are read by Utilities.formatDate when Intl lacks the zone', () => {
    expect(() => new Intl.DateTimeFormat('en', { timeZone: 'GMT+8' })).toThrow(RangeError);
    env = installEmulator({ locale: 'zh_CN', spreadsheetTimeZone: 'GMT+8' });
    seedWorkshop(env.emulator, [[MIDNIGHT, 'R1', 'O1', 5, 0, '王老师', '', 'E1']]);
    env.emulator.calls.reset();
    const ledger = loadLedger(env.workbook(), { today: '2026-11-20' });
    expect(ledger.pieces.map((piece) => piece.date)).toEqual(['2026-11-03']);
    expect(env.emulator.calls.byMethod()['Utilities.formatDate']).toBeGreaterThanOrEqual(1);
  });

  it('are unreadable, not read as UTC, without a calendar for the zone', () => {
    useBackendCalendar(null);
    expect(dateInZone(MIDNIGHT, 'GMT+8')).toBeNull();
    env = installEmulator();
  });

  it('cost no extra call in a zone Intl knows', () => {
    env = installEmulator({ locale: 'zh_CN', spreadsheetTimeZone: 'Asia/Shanghai' });
    seedWorkshop(env.emulator, [[MIDNIGHT, 'R1', 'O1', 5, 0, '王老师', '', 'E1']]);
    env.emulator.calls.reset();
    const ledger = loadLedger(env.workbook(), { today: '2026-11-20' });
    expect(ledger.pieces.map((piece) => piece.date)).toEqual(['2026-11-03']);
    expect(env.emulator.calls.byMethod()['Utilities.formatDate']).toBeUndefined();
  });
});
