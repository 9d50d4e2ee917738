/**
 * Column widths that fit what a generated tab shows, in pixels as Google Sheets counts them.
 *
 * The Apps Script backend sets widths once, when it creates a tab, with one setColumnWidths call
 * per run of adjacent columns of equal width: so widths are quantised to a few steps, which
 * makes neighbours share runs and keeps a first generation to a few calls (a regeneration sets
 * none, so staff's own widths stay).
 */
import type { CellValue } from '../../workbook/cells';
import { isEmptyCell } from '../../workbook/cells';
import { NUMBER_FORMATS } from '../../workbook/port';

const WIDEST = 240;
/** The widths a column may take, narrowest first: the first is the least, the last the most. */
export const WIDTH_STEPS: readonly number[] = [60, 80, 100, 120, 160, 200, WIDEST];

/**
 * A4 landscape is 297 mm (11.69 in); less the normal margins of Sheets and Excel (0.7 in a side)
 * that leaves 10.29 in, 988 px at 96 dpi. 950 keeps a little slack for the row numbers' gutter
 * and for fonts a little wider than estimated.
 */
export const A4_LANDSCAPE_PIXELS = 950;

/** Space Sheets leaves around a cell's text, plus a little so a close fit is not cut. */
const PADDING = 12;
/** Bold text is a little wider than regular. */
const BOLD_FACTOR = 1.1;

/** These columns together are at least `pixels` wide (e.g. a chart drawn over them). */
export interface Room {
  /** 0-based. */
  readonly first: number;
  readonly count: number;
  readonly pixels: number;
}

export interface WidthRules {
  /** The most all columns together may take, e.g. A4_LANDSCAPE_PIXELS. */
  readonly maxTotal?: number;
  /** 0-based columns whose text is cut first when the tab must keep within maxTotal (names,
   *  products): cutting another column's text costs KEEP_WEIGHT times more. */
  readonly shrinkFirst?: readonly number[];
  readonly rooms?: readonly Room[];
}

export interface FitOptions extends WidthRules {
  /** How many columns the tab has (rows may be shorter). */
  readonly columns: number;
  /** 0-based rows shown in bold. */
  readonly boldRows?: readonly number[];
  /** Same shape as the cells: true where text wraps within its cell (GeneratedTab.wraps). */
  readonly wraps?: readonly (readonly boolean[])[];
}

/**
 * CJK ideographs, kana, hangul and full-width forms take about twice a Latin character
 * (Unicode East Asian Width W and F).
 */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

const NARROW_CHARACTERS = " .,:;'|!ilIjtf()[]-/";
/** Pixels of each ASCII character (a table, read once per character measured). */
const ASCII_PIXELS: readonly number[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (NARROW_CHARACTERS.includes(char)) return 3.5;
  return code >= 65 && code <= 90 ? 9 : 7.5;
});

/**
 * A CJK character: 13.3 px in Sheets (Arial 10 pt falls back to a CJK font of the same size),
 * about 14.7 px in Excel (Calibri 11 pt falls back to DengXian 11 pt).
 */
const WIDE_PIXELS = 14;

/**
 * Pixels the text takes in Arial 10 pt (Sheets) or Calibri 11 pt (Excel) at 96 dpi, estimated
 * character by character on the wide side: a column a little wide is better than text cut off.
 */
export function textWidth(text: string, bold = false): number {
  let pixels = 0;
  for (let at = 0; at < text.length;) {
    const code = text.codePointAt(at) ?? 0;
    at += code > 0xffff ? 2 : 1;
    if (code < 128) pixels += ASCII_PIXELS[code] ?? 7.5;
    else pixels += isWide(code) ? WIDE_PIXELS : 7.5;
  }
  return bold ? pixels * BOLD_FACTOR : pixels;
}

/** Number formats by grouping and decimals, for what the quick path below leaves to Intl. */
const numberFormats = new Map<string, Intl.NumberFormat>();

function intlNumber(value: number, grouped: boolean, minDecimals: number, maxDecimals: number) {
  const key = `${grouped ? 1 : 0}${minDecimals}:${maxDecimals}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', {
      useGrouping: grouped,
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * 1234.5 → "1,234.50" with `minDecimals`..`maxDecimals` decimals, grouped or not, as
 * Intl.NumberFormat('en-US') writes it: Intl rounds the shortest decimal that reads back as the
 * number (String(n)), half away from zero (1.005 → "1.01"), and so does this, on its digits, ten
 * times faster; numbers String() writes with an exponent go to Intl itself.
 * test/property/reportWidths.property.test.ts holds the two together.
 */
export function formatNumber(
  value: number,
  grouped: boolean,
  minDecimals: number,
  maxDecimals: number,
): string {
  const magnitude = Math.abs(value);
  const shortest = String(magnitude);
  if (shortest.includes('e') || !Number.isFinite(magnitude)) {
    return intlNumber(magnitude, grouped, minDecimals, maxDecimals);
  }
  const point = shortest.indexOf('.');
  let whole = point < 0 ? shortest : shortest.slice(0, point);
  let fraction = point < 0 ? '' : shortest.slice(point + 1);
  if (fraction.length > maxDecimals) {
    const up = fraction.charCodeAt(maxDecimals) >= 53;
    fraction = fraction.slice(0, maxDecimals);
    if (up) [whole, fraction] = roundedUp(whole, fraction);
  }
  let end = fraction.length;
  while (end > minDecimals && fraction.charCodeAt(end - 1) === 48) end -= 1;
  fraction = fraction.slice(0, end).padEnd(minDecimals, '0');
  if (grouped && whole.length > 3) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** whole.fraction plus one unit of its last decimal, carrying into the whole part. */
function roundedUp(whole: string, fraction: string): [string, string] {
  const digits = `${whole}${fraction}`.split('').map(Number);
  let at = digits.length - 1;
  while (at >= 0 && digits[at] === 9) {
    digits[at] = 0;
    at -= 1;
  }
  if (at < 0) digits.unshift(1);
  else digits[at] = (digits[at] ?? 0) + 1;
  const text = digits.join('');
  return [text.slice(0, text.length - fraction.length), text.slice(text.length - fraction.length)];
}

/**
 * A number as a spreadsheet shows it under the formats the report builders use: an optional
 * quoted prefix (the currency sign), grouping, required ('0') and optional ('#') decimals and a
 * percent sign, e.g. "¥"#,##0.00 → ¥12,345.67, 0.0% → 12.5%. Negative: a minus before all.
 */
export function displayedNumber(value: number, format: string): string {
  if (format === NUMBER_FORMATS.general || format === NUMBER_FORMATS.text) return String(value);
  const parts = numberFormatParts(format);
  const shown = formatNumber(
    parts.percent ? value * 100 : value,
    parts.grouped,
    parts.required,
    parts.decimals,
  );
  return `${value < 0 ? '-' : ''}${parts.prefix}${shown}${parts.percent ? '%' : ''}`;
}

interface NumberFormatParts {
  readonly prefix: string;
  readonly percent: boolean;
  readonly grouped: boolean;
  readonly required: number;
  readonly decimals: number;
}

/** A report has a handful of formats and thousands of numbers: each format is read once. */
const formatParts = new Map<string, NumberFormatParts>();

function numberFormatParts(format: string): NumberFormatParts {
  let parts = formatParts.get(format);
  if (parts === undefined) {
    const body = format.replace(/^"[^"]*"/, '');
    const decimals = /\.([0#]*)/.exec(body)?.[1] ?? '';
    parts = {
      prefix: /^"([^"]*)"/.exec(format)?.[1] ?? '',
      percent: body.includes('%'),
      grouped: body.includes(','),
      required: decimals.replace(/#/g, '').length,
      decimals: decimals.length,
    };
    formatParts.set(format, parts);
  }
  return parts;
}

/** What a cell shows: numbers under their format, dates as yyyy-mm-dd hh:mm at most. */
export function displayedText(value: CellValue, format: string): string {
  if (typeof value === 'number') return displayedNumber(value, format);
  if (value instanceof Date) return format.includes('h') ? '0000-00-00 00:00' : '0000-00-00';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

/**
 * How many columns a cell's text may take: text runs over the empty cells on its right, in
 * Sheets and in Excel alike (a title, a label beside a blank column), up to the next filled cell
 * or the grid's last column (past it, printing would cut it). Numbers keep to their own cell.
 */
function spanOf(row: readonly CellValue[], column: number, columns: number): number {
  if (typeof row[column] !== 'string') return 1;
  let end = column + 1;
  while (end < columns && isEmptyCell(row[end])) end += 1;
  return end - column;
}

/**
 * A yyyy-mm-dd date needs a column of its own at least this wide. The estimate (79 px with
 * padding) fits 80, yet 80 px cut the last digit in print and on screen (issue 13): Sheets pads
 * a cell by 3 px a side, and the fonts staff print with (Calibri or DengXian 11 pt in Excel, 宋体
 * in WPS, the fallback fonts of a Chinese system) have wider digits and hyphens than Arial. A
 * date cut off is misread like a number, so it takes the next step up.
 */
export const DATE_PIXELS = 90;

/** A date as the reports show it: a yyyy-mm-dd text, or a date cell. */
function isDate(value: CellValue): boolean {
  return value instanceof Date || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
}

/**
 * The widest word of a text, which a wrapped cell keeps on one line (padding included). Lines
 * break at spaces, after a hyphen and beside any CJK character, as in Sheets and Excel
 * ("Suzhou-embroidered" may end a line at "Suzhou-"); a Latin word longer
 * than its cell is broken too (Sheets' WRAP), but that is not what anyone wants to read.
 */
export function longestWordWidth(text: string, bold = false): number {
  let widest = 0;
  let word = '';
  for (const char of `${text} `) {
    if (/\s/.test(char) || isWide(char.codePointAt(0) ?? 0)) {
      widest = Math.max(widest, textWidth(word, bold), /\s/.test(char) ? 0 : textWidth(char, bold));
      word = '';
    } else if (char === '-') {
      widest = Math.max(widest, textWidth(`${word}-`, bold));
      word = '';
    } else word += char;
  }
  return widest + PADDING;
}

/** Columns that should together be `pixels` wide to show a cell's text in full. */
interface Demand extends Room {
  /** What cutting it costs, per pixel and per cut (CUT_PENALTY). */
  readonly weight: number;
}

/**
 * One demand per column for its text and one for its numbers (a number cut off shows as ###),
 * and one per run of columns that text overflowing its cell spans: that text gives way first.
 */
function measure(
  cells: readonly (readonly CellValue[])[],
  numberFormats: readonly (readonly string[])[],
  options: FitOptions,
): Demand[] {
  const bold = new Set(options.boldRows ?? []);
  const giving = new Set(options.shrinkFirst ?? []);
  // Keyed by a number made of (first, count, weight): a text key per cell cost more than the rest.
  const demands = new Map<number, Demand>();
  const demand = (first: number, count: number, pixels: number, weight: number) => {
    const key = ((first * 1024 + count) * 64 + weightIndex(weight)) | 0;
    const widest = Math.min(WIDEST * count, Math.max(pixels, demands.get(key)?.pixels ?? 0));
    demands.set(key, { first, count, pixels: widest, weight });
  };
  cells.forEach((row, r) => {
    row.forEach((value, c) => {
      if (c >= options.columns || isEmptyCell(value)) return;
      const format = numberFormats[r]?.[c] ?? NUMBER_FORMATS.general;
      const text = displayedText(value, format);
      const pixels = textWidth(text, bold.has(r)) + PADDING;
      // Wrapped text needs only its widest word on one line; it never runs over neighbours.
      // One line is still better when there is room: that costs WRAP_WEIGHT.
      if (options.wraps?.[r]?.[c] === true) {
        demand(c, 1, longestWordWidth(text, bold.has(r)), giving.has(c) ? 1 : KEEP_WEIGHT);
        demand(c, 1, pixels, WRAP_WEIGHT);
        return;
      }
      // A date keeps to its own column even beside an empty cell, and is kept whole.
      if (isDate(value) && !format.includes('h')) {
        demand(c, 1, Math.max(pixels, DATE_PIXELS), NUMBER_WEIGHT);
        return;
      }
      const count = spanOf(row, c, options.columns);
      if (count > 1) demand(c, count, pixels, 1);
      else if (typeof value === 'number') demand(c, 1, pixels, NUMBER_WEIGHT);
      else demand(c, 1, pixels, giving.has(c) ? 1 : KEEP_WEIGHT);
    });
  });
  return [...demands.values()];
}

/** The weights demands carry, numbered for demand keys (each weight below is listed). */
function weightIndex(weight: number): number {
  switch (weight) {
    case 1:
      return 0;
    case KEEP_WEIGHT:
      return 1;
    case WRAP_WEIGHT:
      return 2;
    case NUMBER_WEIGHT:
      return 3;
    default:
      throw new Error(`no index for demand weight ${weight}`);
  }
}

interface Run {
  readonly first: number;
  readonly count: number;
  readonly width: number;
}

/** Adjacent columns of equal width: the Apps Script backend sets each run in one call. */
export function runsOf(widths: readonly number[]): Run[] {
  const runs: Run[] = [];
  widths.forEach((width, column) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.width === width) {
      runs[runs.length - 1] = { ...last, count: last.count + 1 };
    } else runs.push({ first: column, count: 1, width });
  });
  return runs;
}

/** Three runs a tab: a first generation costs at most two more calls a tab than one width. */
export const MOST_RUNS = 3;
/** Cutting a column's text that should not give way costs this many times more. */
const KEEP_WEIGHT = 4;
/** A wrapped cell on two lines costs this much, per pixel and per cell, of a cut's cost. */
const WRAP_WEIGHT = 0.25;
/** A number cut off cannot be read (Excel shows ###): keep numbers whole. */
const NUMBER_WEIGHT = 16;
/** Any text cut off costs this much beyond its pixels: better one column cut than several. */
const CUT_PENALTY = 20;

/** Every way to cut `columns` columns into at most `most` runs: the runs' lengths. */
function splits(columns: number, most: number): number[][] {
  if (columns === 0) return [[]];
  if (most === 1) return [[columns]];
  const all: number[][] = [[columns]];
  for (let first = 1; first < columns; first += 1) {
    for (const rest of splits(columns - first, most - 1)) all.push([first, ...rest]);
  }
  return all;
}

/** Every choice of one step per run, by number of runs. */
const STEP_CHOICES: number[][][] = [[[]]];
for (let runs = 1; runs <= MOST_RUNS; runs += 1) {
  const fewer = STEP_CHOICES[runs - 1] ?? [];
  STEP_CHOICES.push(fewer.flatMap((rest) => WIDTH_STEPS.map((step) => [step, ...rest])));
}

/**
 * Per column, the width its widest text and its widest number need (padding included, at most
 * the widest step), and for text running over empty neighbours the width of those columns
 * together; then, among all layouts of at most MOST_RUNS runs of equal width (one
 * setColumnWidths call each), the one that keeps every room, stays within `maxTotal`, cuts the
 * least (CUT_PENALTY + pixels per demand cut: numbers NUMBER_WEIGHT times that, text of columns
 * not in `shrinkFirst` KEEP_WEIGHT times, overflowing text once), and is the narrowest. If
 * nothing stays within `maxTotal` the rooms still hold. A tab has about ten columns: trying
 * every layout is cheap.
 */
export function fitColumnWidths(
  cells: readonly (readonly CellValue[])[],
  numberFormats: readonly (readonly string[])[],
  options: FitOptions,
): number[] {
  const demands = measure(cells, numberFormats, options);
  const rooms = options.rooms ?? [];
  const maxTotal = options.maxTotal ?? Infinity;
  // About 13,000 layouts for ten columns, each scored against every demand: one array of widths
  // and its running sums are reused, so a layout costs no allocation.
  const widths = new Array<number>(options.columns).fill(0);
  const before = new Array<number>(options.columns + 1).fill(0);
  const span = (room: Room) =>
    (before[Math.min(room.first + room.count, options.columns)] ?? 0) -
    (before[Math.min(room.first, options.columns)] ?? 0);
  let best: { widths: number[]; roomy: boolean; fits: boolean; cut: number; total: number } | null =
    null;
  for (const lengths of splits(options.columns, MOST_RUNS)) {
    for (const steps of STEP_CHOICES[lengths.length] ?? []) {
      let column = 0;
      lengths.forEach((length, i) => {
        for (let end = column + length; column < end; column += 1) widths[column] = steps[i] ?? 0;
      });
      for (let c = 0; c < options.columns; c += 1)
        before[c + 1] = (before[c] ?? 0) + (widths[c] ?? 0);
      const total = before[options.columns] ?? 0;
      const roomy = rooms.every((room) => span(room) >= room.pixels);
      const fits = total <= maxTotal;
      let cut = 0;
      for (const d of demands) {
        const px = Math.max(0, d.pixels - span(d));
        cut += px > 0 ? (CUT_PENALTY + px) * d.weight : 0;
      }
      // Better: every room kept, then within maxTotal, then the least cut, then the narrowest.
      const better =
        best === null ||
        (roomy !== best.roomy
          ? roomy
          : fits !== best.fits
            ? fits
            : cut !== best.cut
              ? cut < best.cut
              : total < best.total);
      if (better) best = { widths: [...widths], roomy, fits, cut, total };
    }
  }
  return best?.widths ?? [];
}
