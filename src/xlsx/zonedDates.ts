/**
 * Dates between an .xlsx file and the rest of Gongfang. An .xlsx date cell holds a wall-clock
 * serial with no time zone, which the sheet reader turns into a Date whose UTC fields are that
 * wall clock (as exceljs does, https://github.com/exceljs/exceljs#dates). Apps Script instead
 * gives the instant at which the spreadsheet's zone shows that wall clock, and loadLedger's
 * date codec expects that.
 * These helpers convert both ways so both backends agree on the calendar day.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return wallClock - wholeSeconds;
}

/** Cell values repeat (many rows share a day), so each conversion is computed once. */
const fromCache = new Map<string, number>();

/** The instant at which `timeZone` shows the wall clock that `cellDate`'s UTC fields hold. */
export function fromSheetDate(cellDate: Date, timeZone: string): Date {
  const wallClock = cellDate.getTime();
  if (Number.isNaN(wallClock)) return cellDate;
  const key = `${timeZone}|${wallClock}`;
  const cached = fromCache.get(key);
  if (cached !== undefined) return new Date(cached);
  let instant = wallClock - zoneOffsetMs(wallClock, timeZone);
  // Near a daylight-saving change the offset at the guess may differ from the offset at the answer.
  instant = wallClock - zoneOffsetMs(instant, timeZone);
  if (fromCache.size > 100_000) fromCache.clear();
  fromCache.set(key, instant);
  return new Date(instant);
}

/** A Date whose UTC fields are the wall clock `timeZone` shows at `instant`, as .xlsx stores it. */
export function toSheetDate(instant: Date, timeZone: string): Date {
  const time = instant.getTime();
  if (Number.isNaN(time)) return instant;
  return new Date(time + zoneOffsetMs(time, timeZone));
}

/** The calendar day, YYYY-MM-DD, that `timeZone` shows at `instant`. */
export function isoDateIn(instant: Date, timeZone: string): string {
  return toSheetDate(instant, timeZone).toISOString().slice(0, 10);
}
