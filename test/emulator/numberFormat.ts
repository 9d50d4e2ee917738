/**
 * Sheets number formats: which are dates, and how a value is displayed under one
 * (Range.getDisplayValues). Covers the subset Gongfang uses; see docs/emulator.md.
 * Syntax: https://developers.google.com/sheets/api/guides/formats
 */
import { serialToWallClock } from './dates';

export type RawCell = number | string | boolean;

/** English month and weekday names, for date formats here and Utilities.formatDate. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** What Range.getNumberFormat() gives for a cell whose format is automatic (see range.ts). */
export const AUTOMATIC_FORMAT_REPORTED = '0.###############';

/** '' (never set), 'General', or the reported automatic pattern written back by a script. */
export function isAutomaticFormat(format: string): boolean {
  return (
    format === '' || format.toLowerCase() === 'general' || format === AUTOMATIC_FORMAT_REPORTED
  );
}

/** The format without quoted text, escaped characters and [colour] sections. */
function unquoted(format: string): string {
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
}

const dateFormatCache = new Map<string, boolean>();

/** A date/time format: getValues returns a Date for such cells. */
export function isDateFormat(format: string): boolean {
  let known = dateFormatCache.get(format);
  if (known === undefined) {
    known = !isAutomaticFormat(format) && format !== '@' && /[ydhsm]/i.test(unquoted(format));
    dateFormatCache.set(format, known);
  }
  return known;
}

function roundHalfAway(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const scaled = Number(`${Math.abs(value)}e${decimals}`);
  return sign * Number(`${Math.round(scaled)}e-${decimals}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** General: integers as is, others to 10 significant digits without trailing zeros. */
function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = Number(value.toPrecision(10)).toString();
  return text;
}

interface NumberPattern {
  prefix: string;
  suffix: string;
  grouping: boolean;
  minIntegerDigits: number;
  minDecimals: number;
  maxDecimals: number;
  percent: boolean;
}

const patternCache = new Map<string, NumberPattern>();

function literalText(part: string): string {
  return part.replace(/"([^"]*)"|\\(.)|_.|\*./g, (_m, quoted?: string, escaped?: string) =>
    quoted !== undefined ? quoted : (escaped ?? ''),
  );
}

/**
 * Bracketed parts of a section: a locale currency such as [$¥-804] shows its symbol; colours
 * ([Red]) and conditions ([>100]) show nothing. (unconfirmed: no source found for how Sheets
 * displays [$¥-804]; it shows the symbol in the Sheets UI, which this follows.)
 */
function withoutBrackets(section: string): string {
  return section.replace(/"[^"]*"|\\.|\[([^\]]*)\]/g, (match, inside?: string) => {
    if (inside === undefined) return match;
    const currency = /^\$([^-]*)(?:-[0-9A-Fa-f]+)?$/.exec(inside);
    return currency ? `"${(currency[1] ?? '').replace(/"/g, '')}"` : '';
  });
}

function parseNumberPattern(rawSection: string): NumberPattern {
  const cached = patternCache.get(rawSection);
  if (cached) return cached;
  const section = withoutBrackets(rawSection);
  const bare = section.replace(/"[^"]*"|\\./g, (m) => 'Q'.repeat(m.length));
  const start = bare.search(/[0#?]/);
  let end = start;
  if (start >= 0) {
    end = start;
    while (end < bare.length && /[0#?,.]/.test(bare[end] ?? '')) end++;
  }
  const core = start >= 0 ? section.slice(start, end) : '';
  const [integerPart = '', decimalPart = ''] = core.split('.');
  const pattern: NumberPattern = {
    prefix: literalText(start >= 0 ? section.slice(0, start) : section),
    suffix: literalText(start >= 0 ? section.slice(end) : ''),
    grouping: integerPart.includes(','),
    minIntegerDigits: (integerPart.match(/0/g) ?? []).length,
    minDecimals: (decimalPart.match(/0/g) ?? []).length,
    maxDecimals: (decimalPart.match(/[0#?]/g) ?? []).length,
    percent: /%/.test(bare),
  };
  patternCache.set(rawSection, pattern);
  return pattern;
}

function formatWithPattern(value: number, pattern: NumberPattern, negativeSign: boolean): string {
  const scaled = pattern.percent ? value * 100 : value;
  const rounded = roundHalfAway(Math.abs(scaled), pattern.maxDecimals);
  let [integerDigits = '0', decimals = ''] = rounded.toFixed(pattern.maxDecimals).split('.');
  while (decimals.length > pattern.minDecimals && decimals.endsWith('0')) {
    decimals = decimals.slice(0, -1);
  }
  if (integerDigits === '0' && pattern.minIntegerDigits === 0) integerDigits = '';
  integerDigits = integerDigits.padStart(pattern.minIntegerDigits, '0');
  if (pattern.grouping) integerDigits = groupThousands(integerDigits);
  const number = decimals ? `${integerDigits}.${decimals}` : integerDigits;
  const sign = negativeSign && scaled < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${pattern.prefix}${number}${pattern.suffix}`;
}

function formatNumber(value: number, format: string): string {
  const sections = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  if (value < 0 && sections.length > 1) {
    return formatWithPattern(-value, parseNumberPattern(sections[1] ?? ''), false);
  }
  if (value === 0 && sections.length > 2) {
    return formatWithPattern(value, parseNumberPattern(sections[2] ?? ''), false);
  }
  return formatWithPattern(value, parseNumberPattern(sections[0] ?? ''), true);
}

/** Sheets date tokens: m is minutes after h or before s, months otherwise. */
function formatDateSerial(serial: number, format: string): string {
  const clock = serialToWallClock(serial);
  const twelveHour = /am\/pm|a\/p/i.test(unquoted(format));
  const tokens = format.match(/"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|./gi) ?? [];
  const out: string[] = [];
  let previousWasHour = false;
  tokens.forEach((token, index) => {
    const lower = token.toLowerCase();
    const letter = lower[0];
    if (token.startsWith('"')) out.push(token.slice(1, -1));
    else if (token.startsWith('\\')) out.push(token.slice(1));
    else if (lower === 'am/pm') out.push(clock.hour < 12 ? 'AM' : 'PM');
    else if (lower === 'a/p') out.push(clock.hour < 12 ? 'A' : 'P');
    else if (letter === 'y')
      out.push(lower.length <= 2 ? String(clock.year % 100).padStart(2, '0') : String(clock.year));
    else if (letter === 'd') out.push(dayToken(lower.length, clock.day, clock.weekday));
    else if (letter === 'h') {
      const hour = twelveHour ? ((clock.hour + 11) % 12) + 1 : clock.hour;
      out.push(lower.length >= 2 ? String(hour).padStart(2, '0') : String(hour));
    } else if (letter === 's')
      out.push(lower.length >= 2 ? String(clock.second).padStart(2, '0') : String(clock.second));
    else if (letter === 'm') {
      const nextDateToken = tokens.slice(index + 1).find((t) => /^[ydhms]/i.test(t));
      const isMinute = lower.length <= 2 && (previousWasHour || /^s/i.test(nextDateToken ?? ''));
      out.push(
        isMinute ? padTo(clock.minute, lower.length) : monthToken(lower.length, clock.month),
      );
    } else out.push(token);
    if (/^[ydhms]/.test(lower)) previousWasHour = letter === 'h';
  });
  return out.join('');
}

function padTo(value: number, width: number): string {
  return width >= 2 ? String(value).padStart(2, '0') : String(value);
}

function dayToken(width: number, day: number, weekday: number): string {
  if (width >= 4) return WEEKDAYS[weekday] ?? '';
  if (width === 3) return (WEEKDAYS[weekday] ?? '').slice(0, 3);
  return padTo(day, width);
}

function monthToken(width: number, month: number): string {
  const name = MONTHS[month - 1] ?? '';
  if (width >= 5) return name.slice(0, 1);
  if (width === 4) return name;
  if (width === 3) return name.slice(0, 3);
  return padTo(month, width);
}

/** What Range.getDisplayValue shows for a stored value under a number format. */
export function displayValue(value: RawCell, format: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (format === '@' || isAutomaticFormat(format)) return formatGeneral(value);
  if (isDateFormat(format)) return formatDateSerial(value, format);
  return formatNumber(value, format);
}
