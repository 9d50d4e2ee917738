/**
 * Building a GeneratedTab grid row by row: every cell carries its number format, so text from
 * staff is written as text ('@') and never parsed into a formula, a number or a date.
 */
import type { CellValue } from '../../workbook/cells';
import { NUMBER_FORMATS, moneyFormat } from '../../workbook/port';
import type {
  Alignment,
  CellBlock,
  ChartSpec,
  GeneratedTab,
  PrintLayout,
} from '../../workbook/port';
import { fenToYuan, rateUnitsToYuan } from '../../domain/money';
import type { ResidentCount } from '../../domain/partnerReport';
import { fitColumnWidths, textWidth } from './widths';
import { A4, paginate, positionsOf } from './print';
import type { Orientation, PageSize, PrintedTable, RowBlock } from './print';
import { ROW_PIXELS, rowHeightFor, wrappedLines } from './lines';
import type { PagesAcross, WidthRules } from './widths';

export interface Cell {
  readonly value: CellValue;
  readonly format: string;
  /** Where the cell's text sits, when not where its kind puts it (text left, numbers right). */
  readonly align?: Alignment;
}

export const EMPTY: Cell = { value: '', format: NUMBER_FORMATS.general };

/** Cell makers for one tab, with the workshop's currency sign in money formats. */
export class Cells {
  readonly moneyFormat: string;
  readonly exactMoneyFormat: string;
  readonly rateFormat: string;

  constructor(currency: string) {
    this.moneyFormat = moneyFormat(currency);
    // Exact amounts (accepted × rate) keep up to 4 decimals so the detail never looks rounded.
    this.exactMoneyFormat = `${this.moneyFormat}##`;
    this.rateFormat = this.moneyFormat.replace('#,##0.00', '0.00##');
  }

  text(value: string): Cell {
    return value === '' ? EMPTY : { value, format: NUMBER_FORMATS.text };
  }

  count(value: number | null): Cell {
    return value === null ? EMPTY : { value, format: NUMBER_FORMATS.integer };
  }

  /**
   * A head count of residents, or `few` ("<5") where fewer than five are not shown: on the
   * right of its cell, as the counts above and below it are, so the column reads as one.
   */
  headCount(count: ResidentCount | null, few: string): Cell {
    if (count === null) return EMPTY;
    if (count.shown) return this.count(count.count);
    return { value: few, format: NUMBER_FORMATS.text, align: 'right' };
  }

  /** Fen as yuan. */
  money(fen: number | null): Cell {
    return fen === null ? EMPTY : { value: yuan(fen, 100, fenToYuan), format: this.moneyFormat };
  }

  /** 1/10,000 yuan, exact. */
  exactMoney(units: number): Cell {
    return { value: yuan(units, 10_000, rateUnitsToYuan), format: this.exactMoneyFormat };
  }

  rate(units: number): Cell {
    return { value: yuan(units, 10_000, rateUnitsToYuan), format: this.rateFormat };
  }

  percent(fraction: number | null): Cell {
    return fraction === null ? EMPTY : { value: fraction, format: NUMBER_FORMATS.percent };
  }
}

/**
 * Whole units (fen, 1/10,000 yuan) as yuan, as `written` reads them back from their decimal
 * text (domain/money.ts), without writing it: a division of integers below 2^53 is rounded to
 * the double nearest the exact quotient, as Number() rounds the decimal, so the two are the
 * same double (test/property/reportCells.property.test.ts); zero is +0 as the text reads.
 */
function yuan(units: number, per: number, written: (units: number) => number): number {
  if (!Number.isSafeInteger(units)) return written(units);
  return units === 0 ? 0 : units / per;
}

export interface TabExtras {
  readonly name: string;
  readonly frozenRows: number;
  /** How the columns' widths are fitted to what the tab shows; maxTotal defaults to the page's
   *  printable width. */
  readonly widths: WidthRules;
  readonly protectionDescription: string;
  readonly charts?: readonly ChartSpec[];
  /** Default landscape. */
  readonly orientation?: Orientation;
  /** Rows 1..n printed again at the top of each page (default: none): the title. */
  readonly repeatRows?: number;
  /** The foot of each printed page: see PrintLayout.footer. */
  readonly footer?: PrintLayout['footer'];
  /** A table too wide for the page at full size: the pages across it is printed on. */
  readonly pagesAcross?: PagesAcross;
}

interface RowOptions {
  bold?: boolean;
  header?: boolean;
  wrap?: boolean | readonly number[];
  /** The wrapped columns wrap even beside an empty cell, keeping to their own column (a reason
   *  that would otherwise run over the columns up to the amount and be cut there). */
  wrapAlone?: boolean;
  /** Printed on the same page as the row after it (a section's title, a table's header). */
  keepWithNext?: boolean;
  /** Pixels, instead of what the row's text needs (e.g. a low row around a cut line). */
  height?: number;
}

export class Grid {
  /** Per row, its cells' values and their formats, each padded to the grid's width. */
  private readonly values: CellValue[][] = [];
  private readonly formats: string[][] = [];
  private readonly bold: number[] = [];
  private readonly headers: number[] = [];
  private readonly boxes: CellBlock[] = [];
  private readonly outlines: CellBlock[] = [];
  private readonly cutLines: number[] = [];
  private readonly tables: PrintedTable[] = [];
  private readonly keeps: RowBlock[] = [];
  private readonly breaks: number[] = [];
  /** Per row, the pixels asked for (holes: what the text needs). */
  private readonly heights: (number | undefined)[] = [];
  /** Per row, the 0-based columns whose text wraps (holes: none). */
  private readonly wrapped: (readonly number[] | undefined)[] = [];
  /** Per row, the alignments its cells asked for (holes: none asked). */
  private readonly asked: (readonly Alignment[] | undefined)[] = [];
  private wrapsAny = false;

  constructor(readonly width: number) {}

  /**
   * Appends a row (padded to the grid's width) and returns its 0-based index. A header row is
   * bold, and its labels over columns of numbers are right-aligned, as the numbers are.
   *
   * `wrap`: the text of these columns (true: of every column) wraps within its cell instead of
   * being cut, on a taller row. Only text that has a filled cell on its right, or sits in the
   * last column, wraps: text running over empty neighbours (a title, a label beside a blank)
   * keeps running over them, as a wrapped cell would not.
   */
  add(cells: readonly Cell[], options: RowOptions = {}): number {
    if (cells.length > this.width) throw new RangeError('Row is wider than the grid');
    const values: CellValue[] = [];
    const formats: string[] = [];
    for (let c = 0; c < this.width; c += 1) {
      const cell = cells[c] ?? EMPTY;
      values.push(cell.value);
      formats.push(cell.format);
    }
    const index = this.values.length;
    this.values.push(values);
    this.formats.push(formats);
    if (cells.some((cell) => cell.align !== undefined)) {
      this.asked[index] = Array.from({ length: this.width }, (_, c) => cells[c]?.align ?? '');
    }
    if (options.bold || options.header) this.bold.push(index);
    if (options.header) this.headers.push(index);
    if (options.keepWithNext) this.keeps.push({ first: index, last: index + 1 });
    if (options.height !== undefined) this.heights[index] = options.height;
    if (options.wrap !== undefined && options.wrap !== false) {
      const asked = options.wrap === true ? values.map((_, c) => c) : options.wrap;
      // A header's label keeps to its column whatever is beside it: the table ends there.
      const alone = options.wrapAlone === true || options.header === true;
      const wrapped: number[] = [];
      for (const c of asked) {
        const value = values[c];
        if (typeof value !== 'string' || value === '') continue;
        if (alone || c === this.width - 1 || values[c + 1] !== '') wrapped.push(c);
      }
      if (wrapped.length > 0) {
        this.wrapped[index] = wrapped;
        this.wrapsAny = true;
      }
    }
    oneLine(values, this.wrapped[index]);
    return index;
  }

  blank(options: Pick<RowOptions, 'height'> = {}): number {
    return this.add([], options);
  }

  /**
   * Draws a thin border round every cell of rows first..last (inclusive), `columns` wide from
   * column `from` (0-based; default the first).
   */
  box(first: number, last: number, columns = this.width, from = 0): void {
    if (last < first) return;
    this.boxes.push({ row: first, column: from, numRows: last - first + 1, numColumns: columns });
  }

  /** A border round the block's outer edge only: a box to sign in. Kept on one page. */
  outline(block: CellBlock): void {
    this.outlines.push(block);
    this.keepTogether(block.row, block.row + block.numRows - 1);
  }

  /**
   * A printed table: its header (rows header..header + headerRows − 1) starts every page its
   * body (to `last`) runs on to, and never ends a page without at least two rows of the body
   * under it (nor the title row above it, when that row keeps with it).
   */
  table(header: number, last: number, headerRows = 1): void {
    if (last < header) return;
    const headerLast = header + headerRows - 1;
    this.tables.push({ header: { first: header, last: headerLast }, last });
    this.keeps.push({ first: header, last: Math.min(last, headerLast + 2) });
  }

  /** Rows first..last print on one page (unless together they are taller than a page). */
  keepTogether(first: number, last: number): void {
    if (last >= first) this.keeps.push({ first, last });
  }

  /** Row `row` starts a printed page. */
  pageBreakBefore(row: number): void {
    this.breaks.push(row);
  }

  /** A dashed line under row `index` across the grid: where to cut. */
  cutBelow(index: number): void {
    this.cutLines.push(index);
  }

  get length(): number {
    return this.values.length;
  }

  /**
   * The tab as written: widths fitted to the page, row heights measured from the wrapped text
   * at those widths, then laid out on pages, a table's header repeated where a page starts in
   * its body. The cells are those of the printed order, so the sheet on screen and on paper
   * are the same rows (Sheets prints its own pages, and finds a header in each page's worth).
   */
  toTab(extras: TabExtras): GeneratedTab {
    const orientation = extras.orientation ?? 'landscape';
    const page = A4[orientation];
    const cells = this.values;
    const numberFormats = this.formats;
    const wraps = this.wraps();
    const columnWidths = fitColumnWidths(cells, numberFormats, {
      maxTotal: page.width,
      ...extras.widths,
      columns: this.width,
      boldRows: this.bold,
      ...(wraps ? { wraps } : {}),
      ...(extras.pagesAcross ? { pagesAcross: extras.pagesAcross } : {}),
    });
    const heights = this.rowHeights(columnWidths, wraps);
    const repeatRows = extras.repeatRows ?? 0;
    const pages = paginate({
      heights,
      page,
      repeatRows,
      tables: this.tables,
      keepTogether: this.keeps,
      breaksBefore: this.breaks,
    });
    const order = pages.rows;
    const at = positionsOf(pages, this.values.length);
    const position = (row: number): number => at[row] ?? row;
    const moved = (block: CellBlock): CellBlock => {
      const first = position(block.row);
      const last = position(block.row + block.numRows - 1);
      return { ...block, row: first, numRows: last - first + 1 };
    };
    const bold = new Set(this.bold);
    const alignments = this.alignments();
    return {
      name: extras.name,
      cells: order.map((r) => cells[r] ?? []),
      numberFormats: order.map((r) => numberFormats[r] ?? []),
      boldRows: order.flatMap((r, i) => (bold.has(r) ? [i] : [])),
      frozenRows: extras.frozenRows,
      columnWidths,
      protectionDescription: extras.protectionDescription,
      charts: (extras.charts ?? []).map((chart) => ({
        ...chart,
        range: { ...chart.range, row: position(chart.range.row - 1) + 1 },
        anchor: { ...chart.anchor, row: position(chart.anchor.row - 1) + 1 },
      })),
      landscape: orientation === 'landscape',
      alignments: order.map((r) => alignments[r] ?? []),
      rowHeights: order.map((r) => heights[r] ?? ROW_PIXELS),
      ...(wraps ? { wraps: order.map((r) => wraps[r] ?? []) } : {}),
      print: {
        boxes: this.boxes.map(moved),
        ...(this.outlines.length > 0 ? { outlines: this.outlines.map(moved) } : {}),
        cutLines: this.cutLines.map(position),
        pageBreaks: [...pages.breaks],
        repeatRows,
        printColumns: null,
        width: this.width,
        ...(extras.footer ? { footer: placedFooter(extras.footer, extras.name, page) } : {}),
        ...(extras.pagesAcross
          ? {
              columnBreaks: [...extras.pagesAcross.breaks],
              titleColumns: extras.pagesAcross.titleColumns,
            }
          : {}),
      },
    };
  }

  /** Per row, the height its tallest wrapped text needs at the columns' widths. */
  private rowHeights(widths: readonly number[], wraps: boolean[][] | undefined): number[] {
    const bold = new Set(this.bold);
    // Payslips repeat their products and labels in every strip: each is broken into lines once
    // per column and weight (by column, then regular or bold, then text).
    const known: Map<string, number>[][] = [];
    return this.values.map((row, r) => {
      const asked = this.heights[r];
      if (asked !== undefined) return asked;
      const columns = this.wrapped[r];
      if (columns === undefined || wraps === undefined) return ROW_PIXELS;
      const isBold = bold.has(r);
      let lines = 1;
      for (const c of columns) {
        const value = row[c];
        if (wraps[r]?.[c] !== true || typeof value !== 'string') continue;
        const byWeight = (known[c] ??= []);
        const texts = (byWeight[isBold ? 1 : 0] ??= new Map<string, number>());
        let cellLines = texts.get(value);
        if (cellLines === undefined) {
          texts.set(value, (cellLines = wrappedLines(value, widths[c] ?? 0, isBold)));
        }
        lines = Math.max(lines, cellLines);
      }
      return rowHeightFor(lines);
    });
  }

  /** Same shape as the cells, or undefined when no cell wraps (the backends then skip it). */
  private wraps(): boolean[][] | undefined {
    if (!this.wrapsAny) return undefined;
    // Rows that wrap nothing (most) share one row of false: tabs are read, never changed.
    const none = Array<boolean>(this.width).fill(false);
    return this.values.map((_, r) => {
      const columns = this.wrapped[r];
      if (columns === undefined) return none;
      const wraps = none.slice();
      for (const c of columns) wraps[c] = true;
      return wraps;
    });
  }

  /** Header labels take the alignment of the column under them: right over numbers; a cell
   *  that asked for one (Cells.headCount) keeps it. */
  private alignments(): Alignment[][] {
    // Rows that are no header (most) share one row of defaults: tabs are read, never changed.
    const defaults = Array<Alignment>(this.width).fill('');
    const aligned: Alignment[][] = this.values.map(() => defaults);
    const headers = new Set(this.headers);
    for (const header of this.headers) {
      const labels = defaults.slice();
      aligned[header] = labels;
      // The table under a header runs to the next header or blank row.
      for (let r = header + 1; r < this.values.length && !headers.has(r); r += 1) {
        const row = this.values[r] ?? [];
        let blank = true;
        for (let column = 0; column < row.length; column += 1) {
          const value = row[column];
          if (value !== '') blank = false;
          if (typeof value === 'number') labels[column] = 'right';
        }
        if (blank) break;
      }
    }
    this.asked.forEach((asked, r) => {
      if (asked === undefined) return;
      const kind = aligned[r] ?? defaults;
      aligned[r] = kind.map((alignment, c) => asked[c] || alignment);
    });
    return aligned;
  }
}

/**
 * A line break typed into a name (Alt+Enter, or pasted from a letterhead) becomes a space in a
 * cell that does not wrap: its row is one line high, and LibreOffice printed the other lines
 * over the rows above (the workshop's name over the title, a resident's over the strip's head).
 * A wrapped cell keeps its breaks: its row's height counts them.
 */
function oneLine(values: CellValue[], wrapped: readonly number[] | undefined): void {
  values.forEach((value, c) => {
    if (typeof value === 'string' && value.includes('\n') && !wrapped?.includes(c)) {
      values[c] = value.replace(/\s*\n\s*/g, ' ');
    }
  });
}

/** Between the workshop's name and the tab's name in a footer, in pixels. */
const FOOTER_GAP = 20;

/**
 * The footer as printed: the tab's name centred, or beside the page number when the workshop's
 * name, printed from the left margin, would reach it (a committee's full name of about 19
 * characters ran into it on portrait pages: LibreOffice prints the sections over each other).
 */
function placedFooter(
  footer: NonNullable<PrintLayout['footer']>,
  name: string,
  page: PageSize,
): NonNullable<PrintLayout['footer']> {
  const room = (page.width - textWidth(name)) / 2 - FOOTER_GAP;
  return textWidth(footer.left) > room ? { ...footer, tabBesidePage: true } : footer;
}

/**
 * The workshop's name as a footer beside the tab's name and page number prints it: cut, with an
 * ellipsis, to the room they leave (a name of about 40 Chinese characters or 100 letters,
 * printed whole, ran over them on portrait pages: readers print the sections over each other).
 * Only the .xlsx has footers, so only its writer asks (Code.js leaves this out).
 */
export function footerName(
  footer: NonNullable<PrintLayout['footer']>,
  tabName: string,
  orientation: Orientation,
): string {
  if (!footer.tabBesidePage) return footer.left;
  const right = `${tabName} · ${footer.page.replace('{page}', '99')}`;
  const room = A4[orientation].width - textWidth(right) - FOOTER_GAP;
  if (textWidth(footer.left) <= room) return footer.left;
  const kept = [...footer.left];
  while (kept.length > 1 && textWidth(`${kept.join('')}…`) > room) kept.pop();
  return `${kept.join('').trimEnd()}…`;
}

/** "2026-11-28 08:05" in the spreadsheet's time zone. */
export function formatDateTime(moment: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
