/** Wall-clock dates of .xlsx cells and instants in the workbook's zone, both ways. */
import fc from 'fast-check';
import { fromSheetDate, isoDateIn, toSheetDate, zoneOffsetMs } from '../../src/xlsx/zonedDates';

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];

test('Shanghai is 8 hours ahead; New York changes with daylight saving', () => {
  expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * 3_600_000);
  expect(zoneOffsetMs(Date.UTC(2026, 11, 1), 'America/New_York')).toBe(-5 * 3_600_000);
});

test('a cell date keeps its calendar day and wall clock through the zone, both ways', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }),
      fc.constantFrom(...ZONES),
      (minutes, zone) => {
        const cell = new Date(minutes * 60_000);
        const instant = fromSheetDate(cell, zone);
        const back = toSheetDate(instant, zone);
        // A wall clock skipped by a daylight-saving jump has no instant; all others round-trip.
        if (back.getTime() !== cell.getTime()) {
          return Math.abs(back.getTime() - cell.getTime()) <= 3_600_000;
        }
        return isoDateIn(instant, zone) === cell.toISOString().slice(0, 10);
      },
    ),
    { numRuns: 2000 },
  );
});

test('invalid dates pass through untouched', () => {
  const invalid = new Date(Number.NaN);
  expect(fromSheetDate(invalid, 'Asia/Shanghai')).toBe(invalid);
  expect(toSheetDate(invalid, 'Asia/Shanghai')).toBe(invalid);
});
