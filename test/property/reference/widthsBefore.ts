/**
 * src/features/reports/widths.ts as it was before issue 19, kept as the reference that
 * test/property/reportWidths.property.test.ts holds the faster code to. Not used by the product.
 */
/**
 * Column widths that fit what a generated tab shows, in pixels as Google Sheets counts them.
 *
 * The Apps Script backend sets widths once, when it creates a tab, with one setColumnWidths call
 * per run of adjacent columns of equal width: so widths are quantised to a few steps, which
 * makes neighbours share runs and keeps a first generation to a few calls (a regeneration sets
 * none, so staff's own widths stay).
 */
import type { CellValue } from '../../../src/workbook/cells';
import { isEmptyCell } from '../../../src/workbook/cells';
import { NUMBER_FORMATS } from '../../../src/workbook/port';

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
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    // Emoji, wide since (widths.ts): a rule of what is measured, not of how fast.
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

const NARROW = new Set([..." .,:;'|!ilIjtf()[]-/"]);

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
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isWide(code)) pixels += WIDE_PIXELS;
    else if (NARROW.has(char)) pixels += 3.5;
    else if (char >= 'A' && char <= 'Z') pixels += 9;
    else pixels += 7.5;
  }
  return bold ? pixels * BOLD_FACTOR : pixels;
}

/** 1234.5 → "1,234.50" with `minDecimals`..`maxDecimals` decimals, grouped or not. */
function formatNumber(value: number, grouped: boolean, minDecimals: number, maxDecimals: number) {
  return new Intl.NumberFormat('en-US', {
    useGrouping: grouped,
    minimumFractionDigits: minDecimals,
    maximumFractionDigits: maxDecimals,
  }).format(Math.abs(value));
}

/**
 * A number as a spreadsheet shows it under the formats the report builders use: an optional
 * quoted prefix (the currency sign), grouping, required ('0') and optional ('#') decimals and a
 * percent sign, e.g. "¥"#,##0.00 → ¥12,345.67, 0.0% → 12.5%. Negative: a minus before all.
 */
export function displayedNumber(value: number, format: string): string {
  if (format === NUMBER_FORMATS.general || format === NUMBER_FORMATS.text) return String(value);
  const prefix = /^"([^"]*)"/.exec(format)?.[1] ?? '';
  const body = format.replace(/^"[^"]*"/, '');
  const percent = body.includes('%');
  const decimals = /\.([0#]*)/.exec(body)?.[1] ?? '';
  const required = decimals.replace(/#/g, '').length;
  const shown = formatNumber(
    percent ? value * 100 : value,
    body.includes(','),
    required,
    decimals.length,
  );
  return `${value < 0 ? '-' : ''}${prefix}${shown}${percent ? '%' : ''}`;
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
  const demands = new Map<string, Demand>();
  const demand = (first: number, count: number, pixels: number, weight: number) => {
    const key = `${first}:${count}:${weight}`;
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

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

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
  const score = (widths: number[]): Scored => {
    const cutBy = demands.map((d) => Math.max(0, d.pixels - widthOf(widths, d)));
    return {
      widths,
      roomy: roomsKept(widths, rooms),
      fits: sum(widths) <= maxTotal,
      cut: sum(cutBy.map((px, i) => (px > 0 ? (CUT_PENALTY + px) * (demands[i]?.weight ?? 1) : 0))),
      total: sum(widths),
    };
  };
  const better = (a: Scored, b: Scored): boolean => {
    if (a.roomy !== b.roomy) return a.roomy;
    if (a.fits !== b.fits) return a.fits;
    return a.cut !== b.cut ? a.cut < b.cut : a.total < b.total;
  };
  let best: Scored | null = null;
  for (const lengths of splits(options.columns, MOST_RUNS)) {
    for (const steps of STEP_CHOICES[lengths.length] ?? []) {
      const widths = lengths.flatMap((length, i) => Array<number>(length).fill(steps[i] ?? 0));
      const scored = score(widths);
      if (best === null || better(scored, best)) best = scored;
    }
  }
  return best?.widths ?? [];
}

function widthOf(widths: readonly number[], room: Room): number {
  return sum(widths.slice(room.first, room.first + room.count));
}

function roomsKept(widths: readonly number[], rooms: readonly Room[]): boolean {
  return rooms.every((room) => widthOf(widths, room) >= room.pixels);
}
