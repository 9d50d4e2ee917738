import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  isRealDate,
  isoDateToSerial,
  monthOf,
  serialToIsoDate,
} from '../../src/domain/dates';

describe('calendar dates', () => {
  it('converts spreadsheet serial numbers from 1899-12-30', () => {
    expect(serialToIsoDate(0)).toBe('1899-12-30');
    expect(serialToIsoDate(1)).toBe('1899-12-31');
    expect(serialToIsoDate(46329)).toBe('2026-11-03');
    expect(serialToIsoDate(46329.999)).toBe('2026-11-03');
    expect(isoDateToSerial('2026-11-03')).toBe(46329);
  });

  it('knows which days exist', () => {
    expect(isRealDate(2026, 2, 28)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2028, 2, 29)).toBe(true);
    expect(isRealDate(2100, 2, 29)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 0, 1)).toBe(false);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('adds days across months and years, and names the month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(monthOf('2026-11-03')).toBe('2026-11');
  });

  it('round-trips every serial of the accepted range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18264, max: 73415 }), (serial) => {
        expect(isoDateToSerial(serialToIsoDate(serial))).toBe(serial);
      }),
    );
  });
});
