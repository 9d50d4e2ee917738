/**
 * Printed pages: the A4 page a generated tab is laid out for, and where its pages break — so
 * that a block (a payslip strip, a table's header with its first rows) is never cut in two, and
 * a table that runs on to another page starts that page under its own header again.
 *
 * Everything is in pixels as Google Sheets counts them (96 per inch); the .xlsx stores row
 * heights in points (× 0.75). Each row's height is known (GeneratedTab.rowHeights, written into
 * the .xlsx as custom heights), so the pages computed here are the pages a reader prints: the
 * .xlsx carries a manual break at every one of them, and a reader whose page holds a little more
 * still breaks where we said.
 */

export type Orientation = 'portrait' | 'landscape';

/** A4 (210 × 297 mm) at 96 px an inch. */
const A4_SHORT = 793.7;
const A4_LONG = 1122.5;
/** The margins the .xlsx writes (pageMargins): 0.7 in left and right (A4 portrait then prints
 *  659 px wide, landscape 988), 0.75 in top and bottom. */
const TOP_MARGIN = 0.75 * 96;
/** Kept free at the foot of each page, for fonts a little taller than measured. */
const HEIGHT_SLACK = 0.03;

/** What a page holds, in pixels: its printable width (with the slack column widths keep) and
 *  the height rows may fill. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export const A4: Readonly<Record<Orientation, PageSize>> = {
  // 988 px printable; 950 leaves room for the row numbers' gutter and wider fonts.
  landscape: {
    width: 950,
    height: Math.floor((A4_SHORT - 2 * TOP_MARGIN) * (1 - HEIGHT_SLACK)),
  },
  // 659 px printable.
  portrait: {
    width: 655,
    height: Math.floor((A4_LONG - 2 * TOP_MARGIN) * (1 - HEIGHT_SLACK)),
  },
};

/** The least a tab's columns are shrunk to, to print portrait (fittedOrientation). */
const PORTRAIT_SCALE = 0.8;

/**
 * How a tab of these column widths prints fitted to an A4 page's width: portrait when its
 * columns keep 80 % of their size or more (Pieces: a long ledger gets more rows a page), else
 * landscape (Residents at its full size rather than 71 %, Orders at 80 % rather than 55 %).
 */
export function fittedOrientation(widths: readonly number[]): Orientation {
  const width = widths.reduce((sum, each) => sum + each, 0);
  return width * PORTRAIT_SCALE <= A4.portrait.width ? 'portrait' : 'landscape';
}

/** Rows 0-based, inclusive. */
export interface RowBlock {
  readonly first: number;
  readonly last: number;
}

/** A table whose header (rows header.first..header.last) starts every page its body runs on. */
export interface PrintedTable {
  readonly header: RowBlock;
  /** The last row of the body (0-based, inclusive). */
  readonly last: number;
}

export interface PageInput {
  /** Pixels, one per row. */
  readonly heights: readonly number[];
  readonly page: PageSize;
  /** Rows 0..n−1 print again at the top of every page (the title). */
  readonly repeatRows: number;
  readonly tables: readonly PrintedTable[];
  /** Blocks kept on one page (unless taller than a page); in order, may overlap. */
  readonly keepTogether: readonly RowBlock[];
  /** Rows that always start a page. */
  readonly breaksBefore: readonly number[];
}

export interface Pages {
  /** The rows in printed order, by their index in the input: a table's header row appears again
   *  where a page starts inside its body. */
  readonly rows: readonly number[];
  /** Indexes into `rows` where a new page starts (the first page's start, 0, is not listed). */
  readonly breaks: readonly number[];
}

/** Overlapping or touching keep blocks merged, by first row. */
function mergedBlocks(blocks: readonly RowBlock[]): Map<number, number> {
  const sorted = [...blocks].filter((b) => b.last >= b.first).sort((a, b) => a.first - b.first);
  const merged: { first: number; last: number }[] = [];
  for (const block of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && block.first <= last.last) last.last = Math.max(last.last, block.last);
    else merged.push({ first: block.first, last: block.last });
  }
  return new Map(merged.map((b) => [b.first, b.last]));
}

/**
 * Lays the rows out on pages: a block that would run past the foot of a page moves whole to the
 * next one; a page that starts inside a table's body starts with a copy of that table's header;
 * a block taller than a page is split where it must be (under its header again).
 */
export function paginate(input: PageInput): Pages {
  const height = (row: number): number => input.heights[row] ?? 0;
  const sum = (first: number, last: number): number => {
    let total = 0;
    for (let r = first; r <= last; r += 1) total += height(r);
    return total;
  };
  const titleHeight = sum(0, input.repeatRows - 1);
  const keep = mergedBlocks(input.keepTogether);
  const forced = new Set(input.breaksBefore);
  const tableAt = (row: number): PrintedTable | undefined =>
    input.tables.find((t) => row > t.header.last && row <= t.last);
  const rows: number[] = [];
  const breaks: number[] = [];
  let used = 0;
  // Rows placed on this page besides the repeated title and a repeated header.
  let placed = 0;
  const newPage = (next: number): void => {
    breaks.push(rows.length);
    used = titleHeight;
    placed = 0;
    const table = tableAt(next);
    if (table === undefined) return;
    for (let r = table.header.first; r <= table.header.last; r += 1) {
      rows.push(r);
      used += height(r);
    }
  };
  const place = (row: number): void => {
    rows.push(row);
    used += height(row);
    placed += 1;
  };
  const total = input.heights.length;
  let row = 0;
  while (row < total) {
    const last = keep.get(row) ?? row;
    const unit = sum(row, last);
    const startsPage = forced.has(row) && rows.length > 0;
    if (startsPage || (placed > 0 && used + unit > input.page.height)) newPage(row);
    if (used + unit <= input.page.height || last === row) {
      for (let r = row; r <= last; r += 1) place(r);
    } else {
      // Taller than what is left of a fresh page: row by row, breaking where it must.
      for (let r = row; r <= last; r += 1) {
        if (placed > 0 && used + height(r) > input.page.height) newPage(r);
        place(r);
      }
    }
    row = last + 1;
  }
  return { rows, breaks };
}

/** Where each input row first appears in the printed order. */
export function positionsOf(pages: Pages, count: number): number[] {
  const at = Array.from({ length: count }, () => -1);
  pages.rows.forEach((source, index) => {
    if (at[source] === -1) at[source] = index;
  });
  return at;
}
