import {
  addMonths,
  asOfDate,
  daysBetween,
  defaultMonth,
  lastDayOf,
  monthsEndingWith,
} from '../../src/domain/months';

describe('months', () => {
  it('defaults to the previous month during the first 10 days, else the current one', () => {
    expect(defaultMonth('2026-12-01')).toBe('2026-11');
    expect(defaultMonth('2026-12-10')).toBe('2026-11');
    expect(defaultMonth('2026-12-11')).toBe('2026-12');
    expect(defaultMonth('2027-01-05')).toBe('2026-12');
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('knows month lengths and counts days', () => {
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(daysBetween('2026-11-28', '2026-12-05')).toBe(7);
    expect(asOfDate('2026-11', '2027-03-01')).toBe('2026-11-30');
    expect(asOfDate('2026-11', '2026-11-15')).toBe('2026-11-15');
  });
});
