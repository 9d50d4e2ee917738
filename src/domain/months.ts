/**
 * Calendar months as YYYY-MM strings. A month is counted in the spreadsheet's time zone; by the
 * time dates reach the domain they are already YYYY-MM-DD strings in that zone, so plain string
 * arithmetic is exact here.
 */
import type { IsoDate, MonthKey } from './records';
import { monthKey, monthOf } from './dates';

export { monthOf };

/** The days of a month during which staff are still paying the previous month. */
export const PAYDAY_WINDOW_DAYS = 10;

function parts(month: MonthKey): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** The month `count` months after `month` (negative counts go back). */
export function addMonths(month: MonthKey, count: number): MonthKey {
  const p = parts(month);
  const index = p.year * 12 + (p.month - 1) + count;
  return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

/** The previous month during the first 10 days of a month (payday work), else the current one. */
export function defaultMonth(today: IsoDate): MonthKey {
  const day = Number(today.slice(8, 10));
  const current = monthOf(today);
  return day <= PAYDAY_WINDOW_DAYS ? addMonths(current, -1) : current;
}

/** `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: MonthKey, count: number): MonthKey[] {
  const months: MonthKey[] = [];
  for (let back = count - 1; back >= 0; back -= 1) months.push(addMonths(month, -back));
  return months;
}

export function lastDayOf(month: MonthKey): IsoDate {
  const p = parts(month);
  // Day 0 of the next month is the last day of this one; UTC keeps it free of any zone.
  const day = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (d: IsoDate): number =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The date a month's report is judged at: its last day, or today while the month is running. */
export function asOfDate(month: MonthKey, today: IsoDate): IsoDate {
  const last = lastDayOf(month);
  return today < last ? today : last;
}

/**
 * The month a command picks when none is given: the default month (defaultMonth), or the first
 * month after it that is not closed, so a plain Generate never lands on a month already paid.
 */
export function defaultOpenMonth(today: IsoDate, closedMonths: ReadonlySet<MonthKey>): MonthKey {
  let month = defaultMonth(today);
  while (closedMonths.has(month)) month = addMonths(month, 1);
  return month;
}

/** No month before this year is anyone's pay in a ledger kept with Gongfang. */
export const FIRST_YEAR = 2000;
/** How far from the ledger's months (and today's) a month with no rows may be. */
export const NEAR_MONTHS = 2;

/** Why a month is not one to generate or close, or null when it may be. */
export type MonthOutOfReach =
  | { readonly reason: 'beforeFirstYear'; readonly firstYear: number }
  | { readonly reason: 'afterNextYear'; readonly lastYear: number }
  /** No rows, and further than NEAR_MONTHS from the months with rows and from today's. */
  | { readonly reason: 'farFromRows'; readonly from: MonthKey; readonly to: MonthKey };

/**
 * A month typed by mistake (1899-01, 9999-12, 2027-03 in a ledger that ends in 2026-12) would
 * otherwise give three empty tabs: years before FIRST_YEAR or after next year are refused, and
 * so is a month with no rows far from every month that has some.
 */
export function monthOutOfReach(
  month: MonthKey,
  today: IsoDate,
  monthsWithRows: Iterable<MonthKey>,
): MonthOutOfReach | null {
  const year = Number(month.slice(0, 4));
  const lastYear = Number(today.slice(0, 4)) + 1;
  if (year < FIRST_YEAR) return { reason: 'beforeFirstYear', firstYear: FIRST_YEAR };
  if (year > lastYear) return { reason: 'afterNextYear', lastYear };
  const months = new Set(monthsWithRows);
  if (months.has(month)) return null;
  let first = monthOf(today);
  let last = first;
  for (const m of months) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const from = addMonths(first, -NEAR_MONTHS);
  const to = addMonths(last, NEAR_MONTHS);
  return month < from || month > to ? { reason: 'farFromRows', from, to } : null;
}
