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
  /**
   * A table too wide for one page, printed over pages side by side: `maxTotal` then holds for
   * each page across — the title columns (0..titleColumns − 1, printed on every page) and the
   * columns from one break (0-based, the first column of a page) to the next — not for all.
   */
  readonly pagesAcross?: PagesAcross;
}

/** Where a wide tab's pages across start, and the columns printed at the left of each. */
export interface PagesAcross {
  readonly titleColumns: number;
  /** 0-based columns that start a new page across, ascending. */
  readonly breaks: readonly number[];
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
 * (Unicode East Asian Width W and F), and so do emoji (W too): a name pasted from WeChat
 * (🌸小芳) or a product with 🎀 counted half as wide wrapped onto more lines than its row held,
 * printed over the row above.
 */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
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
/** A narrow character's pixels (among them the minus, point and thousands separator). */
const NARROW_PIXELS = 3.5;
/** A digit's pixels (and a lower-case letter's, and the percent sign's). */
const DIGIT_PIXELS = 7.5;
/** Pixels of each ASCII character (a table, read once per character measured). */
const ASCII_PIXELS: readonly number[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if (NARROW_CHARACTERS.includes(char)) return NARROW_PIXELS;
  return code >= 65 && code <= 90 ? 9 : DIGIT_PIXELS;
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
  /** textWidth of the prefix. */
  readonly prefixPixels: number;
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
    const prefix = /^"([^"]*)"/.exec(format)?.[1] ?? '';
    parts = {
      prefix,
      prefixPixels: textWidth(prefix),
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
 *
 * A report has some 40,000 cells and a few dozen demands: each text is measured once (textInfo),
 * and a number is formatted only when it may be wider than its column's widest so far.
 */
function measure(
  cells: readonly (readonly CellValue[])[],
  numberFormats: readonly (readonly string[])[],
  options: FitOptions,
): Demand[] {
  const columns = options.columns;
  const bold = new Set(options.boldRows ?? []);
  const giving = new Set(options.shrinkFirst ?? []);
  const found = new Demands();
  const texts = new TextInfos();
  for (let r = 0; r < cells.length; r += 1) {
    const row = cells[r] ?? [];
    const formats = numberFormats[r];
    const wraps = options.wraps?.[r];
    const isBold = bold.has(r);
    const end = Math.min(row.length, columns);
    for (let c = 0; c < end; c += 1) {
      const value = row[c];
      if (value === undefined || value === '') continue;
      const format = formats?.[c] ?? NUMBER_FORMATS.general;
      const wrapped = wraps?.[c] === true;
      if (typeof value === 'number' && !wrapped) {
        // A number keeps to its own cell (spanOf); one no wider than the widest: nothing to do.
        if (found.covers(c, numberBound(value, format, isBold))) continue;
        found.add(c, 1, texts.numberWidth(value, format, isBold) + PADDING, NUMBER_WEIGHT);
        continue;
      }
      if (typeof value === 'string' && value.trim() === '') continue;
      const text = typeof value === 'string' ? value : displayedText(value, format);
      const pixels = texts.width(text, isBold) + PADDING;
      // Wrapped text needs only its widest word on one line; it never runs over neighbours.
      // One line is still better when there is room: that costs WRAP_WEIGHT.
      if (wrapped) {
        found.add(c, 1, texts.longestWord(text, isBold), giving.has(c) ? 1 : KEEP_WEIGHT);
        found.add(c, 1, pixels, WRAP_WEIGHT);
        continue;
      }
      // A date keeps to its own column even beside an empty cell, and is kept whole.
      if ((value instanceof Date || texts.isDate(text)) && !format.includes('h')) {
        found.add(c, 1, Math.max(pixels, DATE_PIXELS), NUMBER_WEIGHT);
        continue;
      }
      const count = spanOf(row, c, columns);
      if (count > 1) found.add(c, count, pixels, 1);
      else if (typeof value === 'number') found.add(c, 1, pixels, NUMBER_WEIGHT);
      else found.add(c, 1, pixels, giving.has(c) ? 1 : KEEP_WEIGHT);
    }
  }
  return found.all();
}

/**
 * The demands found so far, in the order first found (the layout search adds their cuts in that
 * order), each the widest text it was given, at most WIDEST a column. Keyed by a number made of
 * (first, count, weight): a text key per cell cost more than the rest.
 */
class Demands {
  private readonly slots = new Map<number, number>();
  private readonly firsts: number[] = [];
  private readonly counts: number[] = [];
  private readonly pixels: number[] = [];
  private readonly weights: number[] = [];
  /** Per column, the slot of its numbers' demand (weight NUMBER_WEIGHT, one column). */
  private readonly numberSlots: number[] = [];

  add(first: number, count: number, pixels: number, weight: number): void {
    const key = ((first * 1024 + count) * 64 + weightIndex(weight)) | 0;
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.slots.set(key, this.firsts.length);
      if (count === 1 && weight === NUMBER_WEIGHT) this.numberSlots[first] = this.firsts.length;
      this.firsts.push(first);
      this.counts.push(count);
      this.pixels.push(Math.min(WIDEST * count, Math.max(pixels, 0)));
      this.weights.push(weight);
    } else {
      this.pixels[slot] = Math.min(WIDEST * count, Math.max(pixels, this.pixels[slot] ?? 0));
    }
  }

  /** The numbers of `column` already need at least `pixels`. */
  covers(column: number, pixels: number): boolean {
    const slot = this.numberSlots[column];
    return slot !== undefined && pixels <= (this.pixels[slot] ?? 0);
  }

  all(): Demand[] {
    return this.firsts.map((first, slot) => ({
      first,
      count: this.counts[slot] ?? 1,
      pixels: this.pixels[slot] ?? 0,
      weight: this.weights[slot] ?? 1,
    }));
  }
}

/** What measure needs of a text, worked out once per text: a report repeats its names, products
 *  and labels in every row. */
class TextInfos {
  private readonly widths = [new Map<string, number>(), new Map<string, number>()];
  private readonly words = [new Map<string, number>(), new Map<string, number>()];
  private readonly dates = new Map<string, boolean>();
  /** Regular widths of numbers by format, then value: rates and counts repeat line after line. */
  private readonly numbers = new Map<string, Map<number, number>>();

  /** textWidth of displayedNumber(value, format); bold is the regular width × BOLD_FACTOR, as
   *  textWidth works it out. */
  numberWidth(value: number, format: string, bold: boolean): number {
    let widths = this.numbers.get(format);
    if (widths === undefined) this.numbers.set(format, (widths = new Map()));
    let width = widths.get(value);
    if (width === undefined) widths.set(value, (width = textWidth(displayedNumber(value, format))));
    return bold ? width * BOLD_FACTOR : width;
  }

  width(text: string, bold: boolean): number {
    const known = this.widths[bold ? 1 : 0] as Map<string, number>;
    let width = known.get(text);
    if (width === undefined) known.set(text, (width = textWidth(text, bold)));
    return width;
  }

  longestWord(text: string, bold: boolean): number {
    const known = this.words[bold ? 1 : 0] as Map<string, number>;
    let width = known.get(text);
    if (width === undefined) known.set(text, (width = longestWordWidth(text, bold)));
    return width;
  }

  isDate(text: string): boolean {
    let date = this.dates.get(text);
    if (date === undefined) this.dates.set(text, (date = /^\d{4}-\d{2}-\d{2}$/.test(text)));
    return date;
  }
}

/**
 * At least the pixels (padding included) `value` takes under `format` (displayedNumber), from
 * its number of digits without writing it; Infinity where that is not simple (General, an
 * exponent). Every digit is 7.5 px, a separator, point or minus 3.5 (textWidth's table); the
 * whole part is counted from value + 1, which a rounding carry never passes; all the optional
 * decimals are counted. A little over, so that rounding of these sums never makes it less.
 */
function numberBound(value: number, format: string, bold: boolean): number {
  if (format === NUMBER_FORMATS.general || format === NUMBER_FORMATS.text) return Infinity;
  const parts = numberFormatParts(format);
  const magnitude = Math.abs(parts.percent ? value * 100 : value);
  if (!(magnitude < 1e15)) return Infinity;
  let digits = 1;
  for (let power = 10; power <= magnitude + 1; power *= 10) digits += 1;
  const separators = parts.grouped ? Math.floor((digits - 1) / 3) : 0;
  const pixels =
    parts.prefixPixels +
    (value < 0 ? NARROW_PIXELS : 0) +
    (digits + parts.decimals + (parts.percent ? 1 : 0)) * DIGIT_PIXELS +
    (separators + (parts.decimals > 0 ? 1 : 0)) * NARROW_PIXELS;
  return (bold ? pixels * BOLD_FACTOR : pixels) + PADDING + 0.01;
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

/** The pages across of a wide tab: each page's own columns and how many title columns it
 *  repeats (none on the first, which starts with them). Empty: one page wide. */
function pagesOf(
  pagesAcross: PagesAcross | undefined,
  columns: number,
): { titles: number; first: number; count: number }[] {
  if (pagesAcross === undefined || pagesAcross.breaks.length === 0) return [];
  const starts = [0, ...pagesAcross.breaks.filter((b) => b > 0 && b < columns)];
  return starts.map((first, i) => ({
    titles: i === 0 ? 0 : pagesAcross.titleColumns,
    first,
    count: (starts[i + 1] ?? columns) - first,
  }));
}

interface Scored {
  readonly widths: number[];
  /** Every room has its pixels: comes before everything else. */
  readonly roomy: boolean;
  readonly fits: boolean;
  /** What cutting text costs: CUT_PENALTY + pixels cut, per column or span cut. */
  readonly cut: number;
  readonly total: number;
}

/**
 * Math's own, held here: the layout loop calls them millions of times, and a global looked up
 * inside a vm context (jest's, a bundle's) goes through the context's global object each time.
 */
const { min, max } = Math;

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
  // The demands as columns of numbers, read millions of times below.
  const count = demands.length;
  const firsts = new Int32Array(count);
  const ends = new Int32Array(count);
  const needs = new Float64Array(count);
  const weights = new Float64Array(count);
  const columns = options.columns;
  demands.forEach((d, i) => {
    firsts[i] = min(d.first, columns);
    ends[i] = min(d.first + d.count, columns);
    needs[i] = d.pixels;
    weights[i] = d.weight;
  });
  // Rooms and pages as flat runs of numbers (first, end, pixels; titles, first, end).
  const rooms = (options.rooms ?? []).flatMap((room) => [
    min(room.first, columns),
    min(room.first + room.count, columns),
    room.pixels,
  ]);
  const maxTotal = options.maxTotal ?? Infinity;
  // Every layout is scored on prefix sums of its widths, without building it: a tab of 18
  // columns has some 50,000 layouts, and only the best one becomes an array.
  const prefix = new Float64Array(columns + 1);
  const pages = pagesOf(options.pagesAcross, columns).flatMap((page) => [
    min(page.titles, columns),
    min(page.first, columns),
    min(page.first + page.count, columns),
  ]);
  const fitsPages = (): boolean => {
    for (let i = 0; i < pages.length; i += 3) {
      const titles = prefix[pages[i] ?? 0] ?? 0;
      const page = (prefix[pages[i + 2] ?? 0] ?? 0) - (prefix[pages[i + 1] ?? 0] ?? 0);
      if (titles + page > maxTotal) return false;
    }
    return true;
  };
  let best: Scored | null = null;
  for (const lengths of splits(columns, MOST_RUNS)) {
    for (const steps of STEP_CHOICES[lengths.length] ?? []) {
      let column = 0;
      for (let i = 0; i < lengths.length; i += 1) {
        const width = steps[i] ?? 0;
        for (let end = column + (lengths[i] ?? 0); column < end; column += 1) {
          prefix[column + 1] = (prefix[column] ?? 0) + width;
        }
      }
      const total = prefix[columns] ?? 0;
      let roomy = true;
      for (let i = 0; i < rooms.length && roomy; i += 3) {
        const across = (prefix[rooms[i + 1] ?? 0] ?? 0) - (prefix[rooms[i] ?? 0] ?? 0);
        roomy = across >= (rooms[i + 2] ?? 0);
      }
      const fits = pages.length === 0 ? total <= maxTotal : fitsPages();
      // A layout that keeps fewer rooms, or does not fit where the best does, cannot win; nor
      // one whose cut, a sum of terms never negative, already exceeds the best's.
      if (best !== null && (roomy !== best.roomy ? !roomy : fits !== best.fits && !fits)) continue;
      const bound =
        best !== null && roomy === best.roomy && fits === best.fits ? best.cut : Infinity;
      let cut = 0;
      for (let i = 0; i < count; i += 1) {
        const across = (prefix[ends[i] ?? 0] ?? 0) - (prefix[firsts[i] ?? 0] ?? 0);
        const px = max(0, (needs[i] ?? 0) - across);
        cut += px > 0 ? (CUT_PENALTY + px) * (weights[i] ?? 0) : 0;
        if (cut > bound) break;
      }
      if (cut > bound) continue;
      const better =
        best === null ||
        (roomy !== best.roomy
          ? roomy
          : fits !== best.fits
            ? fits
            : cut !== best.cut
              ? cut < best.cut
              : total < best.total);
      if (better) {
        const widths = lengths.flatMap((length, i) => Array<number>(length).fill(steps[i] ?? 0));
        best = { widths, roomy, fits, cut, total };
      }
    }
  }
  return best?.widths ?? [];
}
