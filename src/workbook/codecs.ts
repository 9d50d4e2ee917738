/**
 * Codecs: one pure function per column kind, from a cell value (as a backend hands it over) to a
 * Decoded result. They never throw. An empty cell decodes to null ('' for text, [] for emails,
 * true for Active); whether a value is required is validation's call, not the codec's.
 *
 * Staff type with Chinese input methods, so full-width digits and punctuation are folded (NFKC),
 * spaces and thousands separators are ignored, and numbers stored as text are read as numbers.
 * Anything else is reported, never guessed at (DESIGN.md section 3).
 */
import type { Lang } from '../i18n/lang';
import type { Decoded, CellCode } from '../domain/validation/codes';
import { MAX_QUOTED_LENGTH, shortenValue } from '../domain/validation/quote';
import { INVISIBLE_CHARACTERS } from '../domain/validation/problemList';
import type { Category, OrderStatus } from '../domain/validation/drafts';
import type { IsoDate, MonthKey } from '../domain/records';
import { isRealDate, isoDate, monthKey, monthOf, serialToIsoDate } from '../domain/dates';
import { FEN_SCALE, RATE_SCALE, parseDecimal, plainNumberText } from '../domain/money';
import type { CellValue } from './cells';
import type { ColumnKind } from './layout';
import { ACTIVE_VALUES, CATEGORIES, CRAFTS, ORDER_STATUSES, findTerm, labelOf } from './layout';

export interface CodecContext {
  /** The spreadsheet's IANA time zone: Date cells are read as calendar dates in it. */
  readonly timeZone: string;
  /** The ledger's language: suggested crafts are written with their label in it. */
  readonly lang: Lang;
}

export type Codec<T> = (cell: CellValue, context: CodecContext) => Decoded<T>;

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
// The commonest results, shared rather than allocated per cell (a sheet has millions of cells).
const OK_EMPTY: Decoded<string> = Object.freeze({ ok: true, value: '' });
const OK_NULL: Decoded<null> = Object.freeze({ ok: true, value: null });
const okText = (text: string): Decoded<string> => (text === '' ? OK_EMPTY : ok(text));
/** Counts 0…1023 (nearly every count typed), shared; made when first met, not at load. */
const OK_COUNTS: Decoded<number>[] = [];
const okCount = (n: number): Decoded<number> =>
  n >= 0 && n < 1024 ? (OK_COUNTS[n] ??= Object.freeze({ ok: true as const, value: n })) : ok(n);
const fail = <T>(code: CellCode, cell: CellValue, context: CodecContext): Decoded<T> => ({
  ok: false,
  code,
  value: shortenValue(cellText(cell, context.timeZone)),
});

export { MAX_QUOTED_LENGTH, shortenValue };

/** The cell as the sheet would show it, roughly: for quoting, not for reading values. */
export function cellText(cell: CellValue, timeZone: string): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return Number.isFinite(cell) ? plainNumberText(cell) : String(cell);
  return dateInZone(cell, timeZone) ?? 'Invalid Date';
}

// Spreadsheet error values as getValues() and exceljs report them (formula errors).
const ERROR_VALUE =
  /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

export function isErrorValue(cell: CellValue): boolean {
  // Every error value holds '#': the cheap test spares most cells the trim and the regex.
  return typeof cell === 'string' && cell.includes('#') && ERROR_VALUE.test(cell.trim());
}

const isBlank = (cell: CellValue): boolean => typeof cell === 'string' && cell.trim() === '';

/**
 * Whether the text is ASCII: a loop, which costs less per cell than a regular expression (a
 * Pieces tab has millions of cells, nearly all ASCII or empty).
 */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * ASCII with no space at either end and no '#': its own folded form, free of invisible
 * characters, and never an error value (each holds '#'). One pass over the text.
 */
function isPlainId(text: string): boolean {
  const last = text.length - 1;
  if (last < 0 || text.charCodeAt(0) <= 0x20 || text.charCodeAt(last) <= 0x20) return false;
  for (let i = 0; i <= last; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f || code === 0x23) return false;
  }
  return true;
}

/** Full-width forms folded, the Unicode minus made ASCII, surrounding spaces removed. */
export function folded(text: string): string {
  // ASCII is its own NFKC form and holds no U+2212: most cells skip the normalization.
  if (isAscii(text)) return text.trim();
  return text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .trim();
}

const SPACE_GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d*)?$/;

/**
 * Numeric text without spaces or thousands separators, or null when commas are misplaced
 * ("1,000" and "1，000.5" are fine; "1,00" is not) or a space splits the digits ("10 5").
 */
function numericText(text: string): string | null {
  const trimmed = folded(text);
  // "10 5" is not 105: a space between digits is a slip to report, not to guess at, unless it
  // groups thousands as a comma would ("1 000", "12 345.5").
  if (/\d\s+\d/.test(trimmed) && !SPACE_GROUPED.test(trimmed)) return null;
  const compact = trimmed.replace(/\s+/g, '');
  if (!compact.includes(',')) return compact;
  const [whole = '', ...rest] = compact.split('.');
  if (!/^[+-]?\d{1,3}(,\d{3})+$/.test(whole)) return null;
  return [whole.replace(/,/g, ''), ...rest].join('.');
}

// ---- text, ids, phones -------------------------------------------------------------------

export const decodeText: Codec<string> = (cell, context) => {
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  if (typeof cell === 'string') return okText(cell.trim());
  if (cell instanceof Date) return ok(dateInZone(cell, context.timeZone) ?? '');
  return ok(cellText(cell, context.timeZone));
};

/** IDs and references: text, full-width folded; a number 7 is "7", 1.38e10 is its digits. */
export const decodeId: Codec<string | null> = (cell, context) => {
  // Most IDs (R001, 12345) are already what folding would make of them.
  if (typeof cell === 'string' && isPlainId(cell)) return ok(cell);
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  if (typeof cell === 'string') {
    // Invisible characters are dropped, so "R1" with a zero-width space is R1 (idKey agrees);
    // they are never ASCII, so most IDs skip the replace.
    const visible = isAscii(cell) ? cell : cell.replace(INVISIBLE_CHARACTERS, '');
    const text = folded(visible);
    return text === '' ? OK_NULL : ok(text);
  }
  if (typeof cell === 'number' && Number.isFinite(cell)) return ok(plainNumberText(cell));
  return fail('idUnreadable', cell, context);
};

export const decodePhone: Codec<string> = (cell, context) => {
  if (typeof cell === 'number' && Number.isFinite(cell)) return ok(plainNumberText(cell));
  if (typeof cell === 'string' && !isErrorValue(cell)) return ok(folded(cell));
  return decodeText(cell, context);
};

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Addresses separated by commas, semicolons (either width) or spaces. */
export const decodeEmails: Codec<string[]> = (cell, context) => {
  if (isBlank(cell)) return ok([]);
  if (typeof cell !== 'string' || isErrorValue(cell)) return fail('emailInvalid', cell, context);
  const addresses = folded(cell)
    .split(/[,;\s]+/)
    .filter((address) => address !== '');
  const bad = addresses.find((address) => !EMAIL.test(address));
  return bad === undefined ? ok(addresses) : fail('emailInvalid', bad, context);
};

// ---- numbers and money ---------------------------------------------------------------------

/** Counts: whole numbers ≥ 0. "12.0" is 12; "12.5", "-3", TRUE and dates are refused. */
export const decodeWholeNumber: Codec<number | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('notWholeNumber', cell, context);
    if (cell < 0) return fail('negativeNumber', cell, context);
    // A formula's cached result may carry binary noise (77.000000000000014 for 77): what the
    // sheet shows, at its 15 significant digits, is what counts, as for rates and amounts.
    const shown = Number.isInteger(cell) ? cell : Number(cell.toPrecision(15));
    if (!Number.isInteger(shown)) return fail('decimalNumber', cell, context);
    if (!Number.isSafeInteger(shown)) return fail('notWholeNumber', cell, context);
    return okCount(shown === 0 ? 0 : shown);
  }
  if (typeof cell !== 'string') return fail('notWholeNumber', cell, context);
  const text = numericText(cell);
  const parsed = text === null ? null : parseDecimal(text, 0);
  if (parsed === null || (!parsed.ok && parsed.reason === 'unreadable')) {
    return fail('notWholeNumber', cell, context);
  }
  if (!parsed.ok) return fail('decimalNumber', cell, context);
  return parsed.units < 0 ? fail('negativeNumber', cell, context) : okCount(parsed.units);
};

/**
 * Currency signs staff may type around an amount: ¥ (either width, folded by NFKC), RMB, a
 * trailing 元, or 元/件 ("per piece") after a rate.
 */
function withoutCurrency(text: string): string {
  return text
    .replace(/^([+-]?)\s*(?:¥|RMB)\s*/i, '$1')
    .replace(/\s*元?\s*[/每]\s*[件个张只]$/, '')
    .replace(/\s*元$/, '')
    .trim();
}

/** Decimal text or number → integer units of 10^-scale (exact). */
function decodeDecimal(cell: CellValue, scale: number): ReturnType<typeof parseDecimal> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { ok: false, reason: 'unreadable' };
    return parseDecimal(plainNumberText(cell), scale);
  }
  if (typeof cell !== 'string') return { ok: false, reason: 'unreadable' };
  let text = withoutCurrency(folded(cell));
  // Accountants write negatives in parentheses: (12.50) is −12.50.
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) text = `-${withoutCurrency(bracketed[1] ?? '')}`;
  const numeric = numericText(text);
  return numeric === null ? { ok: false, reason: 'unreadable' } : parseDecimal(numeric, scale);
}

/** Pay rates: yuan with up to 4 decimals, as 1/10,000 yuan (0.015 → 150), never negative. */
export const decodePayRate: Codec<number | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  const parsed = decodeDecimal(cell, RATE_SCALE);
  if (!parsed.ok) {
    return fail(
      parsed.reason === 'tooManyDecimals' ? 'rateTooManyDecimals' : 'rateUnreadable',
      cell,
      context,
    );
  }
  return parsed.units < 0 ? fail('rateNegative', cell, context) : ok(parsed.units);
};

/** Amounts: signed yuan with up to 2 decimals, as fen (−12.5 → −1250). */
export const decodeMoney: Codec<number | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  const parsed = decodeDecimal(cell, FEN_SCALE);
  if (!parsed.ok) {
    return fail(
      parsed.reason === 'tooManyDecimals' ? 'amountTooManyDecimals' : 'amountUnreadable',
      cell,
      context,
    );
  }
  return ok(parsed.units === 0 ? 0 : parsed.units);
};

// ---- dates and months ----------------------------------------------------------------------

/** Serial numbers are read as dates only between 1950-01-01 and 2100-12-31. */
export const MIN_DATE_SERIAL = 18264;
export const MAX_DATE_SERIAL = 73415;

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  if (!zoneFormats.has(timeZone)) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
      zoneFormats.set(timeZone, format);
    } catch {
      // A zone this runtime's Intl does not know (RangeError): the backend's calendar answers.
      zoneFormats.set(timeZone, null);
    }
  }
  return zoneFormats.get(timeZone) ?? null;
}

/** Per time zone, the date of each instant met lately (getTime() → date). */
const recentDates = new Map<string, Map<number, IsoDate | null>>();

/** A backend's own calendar: the instant's date in `timeZone` as 'yyyy-MM-dd'. */
export type ZoneCalendar = (date: Date, timeZone: string) => string;

let backendCalendar: ZoneCalendar | null = null;

/**
 * The calendar that answers for zones Intl does not know. The Sheets backend gives Apps
 * Script's documented Utilities.formatDate(date, timeZone, 'yyyy-MM-dd'), so a runtime whose
 * Intl lacks the sheet's zone still reads every date in it: never a silent UTC, which would put
 * every date of an Asia/Shanghai sheet a day early.
 */
export function useBackendCalendar(calendar: ZoneCalendar | null): void {
  backendCalendar = calendar;
  recentDates.clear();
  decodedMinutes.byMinute.clear();
}

/**
 * The calendar date of an instant in `timeZone`; null for an invalid Date. A zone Intl does
 * not know is answered by the backend's calendar (useBackendCalendar), or gives null (the cell
 * is then reported as an unreadable date) — never read as UTC. Apps Script hands date cells over as the wall-clock time in the spreadsheet's
 * zone, so the date must be read in that zone, not the script's (DESIGN.md section 7; see
 * https://www.milan-rajic.com/date-and-time-6-6-conclusion: "Use the GS file time zone to
 * transform the Date to the string").
 */
export function dateInZone(date: Date, timeZone: string): IsoDate | null {
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  // A sheet holds few distinct dates (date cells are midnights), and formatToParts is slow:
  // remember recent answers, by zone and then by instant, so a cell costs one number lookup.
  let zone = recentDates.get(timeZone);
  if (zone === undefined) recentDates.set(timeZone, (zone = new Map()));
  const known = zone.get(time);
  if (known !== undefined) return known;
  if (zone.size >= 5000) zone.clear();
  const found = calendarDate(date, timeZone);
  zone.set(time, found);
  return found;
}

function calendarDate(date: Date, timeZone: string): IsoDate | null {
  const format = zoneFormat(timeZone);
  if (format === null) return backendDate(date, timeZone);
  const parts = format.formatToParts(date);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [part('year'), part('month'), part('day')];
  return isRealDate(year, month, day) ? isoDate(year, month, day) : null;
}

function backendDate(date: Date, timeZone: string): IsoDate | null {
  // No calendar knows the zone: the date is unreadable (reported on its row), never UTC.
  if (backendCalendar === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(backendCalendar(date, timeZone));
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? isoDate(year, month, day) : null;
}

const DATE_TEXT = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const CHINESE_DATE_TEXT = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;

type DateReading = { readonly date: IsoDate } | { readonly code: CellCode };

function readDateText(text: string): DateReading {
  const normal = folded(text);
  const match = DATE_TEXT.exec(normal) ?? CHINESE_DATE_TEXT.exec(normal);
  if (!match) return { code: 'dateUnreadable' };
  const numbers = match
    .slice(1)
    .filter((part) => /^\d+$/.test(part ?? ''))
    .map(Number);
  const [year = 0, month = 0, day = 0] = numbers;
  if (year < 1900 || year > 2999) return { code: 'dateUnreadable' };
  if (!isRealDate(year, month, day)) return { code: 'dateImpossible' };
  return { date: isoDate(year, month, day) };
}

function readDate(cell: CellValue, timeZone: string): DateReading {
  if (cell instanceof Date) {
    const date = dateInZone(cell, timeZone);
    return date === null ? { code: 'dateUnreadable' } : { date };
  }
  if (typeof cell === 'number') {
    const inRange = Number.isFinite(cell) && cell >= MIN_DATE_SERIAL && cell < MAX_DATE_SERIAL + 1;
    return inRange ? { date: serialToIsoDate(cell) } : { code: 'dateUnreadable' };
  }
  if (typeof cell === 'string') return readDateText(cell);
  return { code: 'dateUnreadable' };
}

const okDates = new Map<IsoDate, Decoded<IsoDate>>();

/** A sheet holds few distinct dates: one shared result each. */
function okDate(date: IsoDate): Decoded<IsoDate> {
  let decoded = okDates.get(date);
  if (decoded === undefined) {
    if (okDates.size >= 5000) okDates.clear();
    okDates.set(date, (decoded = Object.freeze({ ok: true as const, value: date })));
  }
  return decoded;
}

/** Decoded Date cells of the zone last asked for, by the minute they fall on (dates are midnights). */
const decodedMinutes = { zone: '', byMinute: new Map<number, Decoded<IsoDate | null>>() };

/** The commonest cell (readDate's first case): one lookup of a small whole number per cell. */
function decodeDateCell(cell: Date, context: CodecContext): Decoded<IsoDate | null> {
  const minute = cell.getTime() / 60_000;
  const memo = decodedMinutes;
  if (memo.zone !== context.timeZone || memo.byMinute.size >= 5000) {
    memo.zone = context.timeZone;
    memo.byMinute.clear();
  }
  const whole = Number.isInteger(minute);
  const known = whole ? memo.byMinute.get(minute) : undefined;
  if (known !== undefined) return known;
  const date = dateInZone(cell, context.timeZone);
  const decoded = date === null ? fail<IsoDate>('dateUnreadable', cell, context) : okDate(date);
  if (whole) memo.byMinute.set(minute, decoded);
  return decoded;
}

/** Dates: Date cells, serial numbers, or text such as 2026-11-03, 2026/11/3, 2026年11月3日. */
export const decodeDate: Codec<IsoDate | null> = (cell, context) => {
  if (cell instanceof Date) return decodeDateCell(cell, context);
  if (isBlank(cell)) return OK_NULL;
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  const reading = readDate(cell, context.timeZone);
  return 'date' in reading ? okDate(reading.date) : fail(reading.code, cell, context);
};

const MONTH_TEXT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;

/** Months: 2026-11, 2026/11, 2026年11月, or any date (its month). */
export const decodeMonth: Codec<MonthKey | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  if (isErrorValue(cell)) return fail('errorValue', cell, context);
  if (typeof cell === 'string') {
    const match = MONTH_TEXT.exec(folded(cell));
    if (match) {
      const [year, month] = [Number(match[1]), Number(match[2])];
      const real = year >= 1900 && year <= 2999 && month >= 1 && month <= 12;
      return real ? ok(monthKey(year, month)) : fail('monthUnreadable', cell, context);
    }
  }
  const reading = readDate(cell, context.timeZone);
  return 'date' in reading ? ok(monthOf(reading.date)) : fail('monthUnreadable', cell, context);
};

// ---- vocabularies --------------------------------------------------------------------------

export const decodeCategory: Codec<Category | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  const found = typeof cell === 'string' ? findTerm(CATEGORIES, cell) : undefined;
  return found
    ? ok(found.key)
    : fail(isErrorValue(cell) ? 'errorValue' : 'categoryUnknown', cell, context);
};

export const decodeStatus: Codec<OrderStatus | null> = (cell, context) => {
  if (isBlank(cell)) return OK_NULL;
  const found = typeof cell === 'string' ? findTerm(ORDER_STATUSES, cell) : undefined;
  return found
    ? ok(found.key)
    : fail(isErrorValue(cell) ? 'errorValue' : 'statusUnknown', cell, context);
};

/** Active: a checkbox, or yes/no words in either language; an empty cell means active. */
export const decodeActive: Codec<boolean> = (cell, context) => {
  if (isBlank(cell)) return ok(true);
  if (typeof cell === 'boolean') return ok(cell);
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell : '';
  const found = findTerm(ACTIVE_VALUES, text);
  if (found) return ok(found.key === 'yes');
  return fail(isErrorValue(cell) ? 'errorValue' : 'activeUnknown', cell, context);
};

/** Crafts: a suggested craft in either language becomes its label in the ledger's language. */
export const decodeCraft: Codec<string> = (cell, context) => {
  const text = decodeText(cell, context);
  if (!text.ok) return text;
  const found = findTerm(CRAFTS, text.value);
  return ok(found ? labelOf(found, context.lang) : text.value);
};

/** The codec of each column kind, for code that walks a layout. */
export const CODECS = {
  id: decodeId,
  text: decodeText,
  phone: decodePhone,
  date: decodeDate,
  month: decodeMonth,
  wholeNumber: decodeWholeNumber,
  payRate: decodePayRate,
  money: decodeMoney,
  category: decodeCategory,
  status: decodeStatus,
  active: decodeActive,
  craft: decodeCraft,
  residentRef: decodeId,
  orderRef: decodeId,
  partnerRef: decodeId,
  emails: decodeEmails,
} as const satisfies Record<ColumnKind, Codec<unknown>>;
