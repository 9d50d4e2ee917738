/**
 * Time-zone arithmetic for the emulator, with Intl only (no date libraries).
 *
 * Sheets stores a date as serial days since 1899-12-30 counted in the spreadsheet's wall-clock
 * time; a script sees instants. These helpers convert between the two in a given zone.
 */

const MS_PER_DAY = 86_400_000;
/** Days between 1899-12-30 (serial 0) and 1970-01-01. */
const EPOCH_SERIAL = 25_569;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

/** "GMT+8", "GMT+08:00", "UTC", "GMT" as a fixed offset in minutes, else null. */
function fixedOffsetMinutes(zone: string): number | null {
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Etc/UTC' || zone === 'Z') return 0;
  const match = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function computeOffset(ms: number, zone: string): number {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== null) return fixed * 60_000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** Wall-clock minus UTC at instant ms, in ms. Cached per quarter hour: zones change on those. */
export function zoneOffsetMs(ms: number, zone: string): number {
  let perZone = offsetCache.get(zone);
  if (!perZone) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  const slot = Math.floor(ms / 900_000);
  let offset = perZone.get(slot);
  if (offset === undefined) {
    offset = computeOffset(slot * 900_000, zone);
    perZone.set(slot, offset);
  }
  return offset;
}

/** Throws the RangeError Intl gives for an unknown zone, before it is used. */
export function assertTimeZone(zone: string): void {
  if (fixedOffsetMinutes(zone) === null) formatterFor(zone);
}

/** The instant whose wall-clock time in zone is wallMs (wall-clock encoded as if UTC). */
export function wallToInstant(wallMs: number, zone: string): number {
  const first = wallMs - zoneOffsetMs(wallMs, zone);
  const second = wallMs - zoneOffsetMs(first, zone);
  return second;
}

export function instantToWall(ms: number, zone: string): number {
  return ms + zoneOffsetMs(ms, zone);
}

export function serialToInstant(serial: number, zone: string): number {
  const wall = Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY);
  return wallToInstant(wall, zone);
}

export function instantToSerial(ms: number, zone: string): number {
  return instantToWall(ms, zone) / MS_PER_DAY + EPOCH_SERIAL;
}

export function wallToSerial(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return wall / MS_PER_DAY + EPOCH_SERIAL;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
}

function wallClockOf(wallMs: number): WallClock {
  const d = new Date(wallMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function serialToWallClock(serial: number): WallClock {
  return wallClockOf(Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY));
}

export function instantToWallClock(ms: number, zone: string): WallClock {
  return wallClockOf(instantToWall(ms, zone));
}

/** Date objects may come from another realm (a vm context), so instanceof is not enough. */
export function isDateObject(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
