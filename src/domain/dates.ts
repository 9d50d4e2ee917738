/**
 * Calendar dates as YYYY-MM-DD strings and months as YYYY-MM. Date arithmetic is done on UTC
 * days, which have no daylight-saving gaps, so it never depends on the machine's time zone.
 */
import type { IsoDate, MonthKey } from './records';

const MS_PER_DAY = 86_400_000;
/** Day 0 of spreadsheet serial dates (Sheets and Excel since 1900-03-01 agree on it). */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when year-month-day names a real day (2026-02-30 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function monthKey(year: number, month: number): MonthKey {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

/** The month a date falls in: 2026-11-03 → 2026-11. */
export function monthOf(date: IsoDate): MonthKey {
  return date.slice(0, 7);
}

/** The calendar date of a spreadsheet serial number; the time of day is dropped. */
export function serialToIsoDate(serial: number): IsoDate {
  const utc = new Date(SERIAL_EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return isoDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** The spreadsheet serial number of a calendar date. */
export function isoDateToSerial(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(year, month - 1, day) - SERIAL_EPOCH_UTC) / MS_PER_DAY);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return serialToIsoDate(isoDateToSerial(date) + days);
}
