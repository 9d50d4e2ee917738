/**
 * Building a GeneratedTab grid row by row: every cell carries its number format, so text from
 * staff is written as text ('@') and never parsed into a formula, a number or a date.
 */
import type { CellValue } from '../../workbook/cells';
import { NUMBER_FORMATS, moneyFormat } from '../../workbook/port';
import type { Alignment, CellBlock, ChartSpec, GeneratedTab } from '../../workbook/port';
import { fenToYuan, rateUnitsToYuan } from '../../domain/money';
import { fitColumnWidths } from './widths';
import { A4_LANDSCAPE_ROWS, pageBreaksKeepingTogether } from './print';
import type { WidthRules } from './widths';

export interface Cell {
  readonly value: CellValue;
  readonly format: string;
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

  /** Fen as yuan. */
  money(fen: number | null): Cell {
    return fen === null ? EMPTY : { value: fenToYuan(fen), format: this.moneyFormat };
  }

  /** 1/10,000 yuan, exact. */
  exactMoney(units: number): Cell {
    return { value: rateUnitsToYuan(units), format: this.exactMoneyFormat };
  }

  rate(units: number): Cell {
    return { value: rateUnitsToYuan(units), format: this.rateFormat };
  }

  percent(fraction: number | null): Cell {
    return fraction === null ? EMPTY : { value: fraction, format: NUMBER_FORMATS.percent };
  }
}

export interface TabExtras {
  readonly name: string;
  readonly frozenRows: number;
  /** How the columns' widths are fitted to what the tab shows. */
  readonly widths: WidthRules;
  readonly protectionDescription: string;
  readonly charts?: readonly ChartSpec[];
  /** Rows printed again at the top of each page (default: none). */
  readonly repeatRows?: number;
  /** Blocks of rows (0-based, inclusive) that must not be split across printed pages. */
  readonly keepTogether?: readonly { readonly first: number; readonly last: number }[];
}

export class Grid {
  private readonly rows: Cell[][] = [];
  private readonly bold: number[] = [];
  private readonly headers: number[] = [];
  private readonly boxes: CellBlock[] = [];
  private readonly cutLines: number[] = [];
  /** Per row, the 0-based columns whose text wraps. */
  private readonly wrapped = new Map<number, readonly number[]>();

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
  add(
    cells: readonly Cell[],
    options: { bold?: boolean; header?: boolean; wrap?: boolean | readonly number[] } = {},
  ): number {
    if (cells.length > this.width) throw new RangeError('Row is wider than the grid');
    const row = [...cells];
    while (row.length < this.width) row.push(EMPTY);
    this.rows.push(row);
    const index = this.rows.length - 1;
    if (options.bold || options.header) this.bold.push(index);
    if (options.header) this.headers.push(index);
    if (options.wrap !== undefined && options.wrap !== false) {
      const asked = options.wrap === true ? row.map((_, c) => c) : options.wrap;
      const wrapped = asked.filter(
        (c) =>
          typeof row[c]?.value === 'string' &&
          row[c]?.value !== '' &&
          (c === this.width - 1 || row[c + 1]?.value !== ''),
      );
      if (wrapped.length > 0) this.wrapped.set(index, wrapped);
    }
    return index;
  }

  blank(): number {
    return this.add([]);
  }

  /**
   * Draws a thin border round every cell of rows first..last (inclusive), `columns` wide from
   * column `from` (0-based; default the first).
   */
  box(first: number, last: number, columns = this.width, from = 0): void {
    if (last < first) return;
    this.boxes.push({ row: first, column: from, numRows: last - first + 1, numColumns: columns });
  }

  /** A dashed line under row `index` across the grid: where to cut. */
  cutBelow(index: number): void {
    this.cutLines.push(index);
  }

  get length(): number {
    return this.rows.length;
  }

  toTab(extras: TabExtras): GeneratedTab {
    const cells = this.rows.map((row) => row.map((c) => c.value));
    const numberFormats = this.rows.map((row) => row.map((c) => c.format));
    const boldRows = [...this.bold];
    const wraps = this.wraps();
    return {
      name: extras.name,
      cells,
      numberFormats,
      boldRows,
      frozenRows: extras.frozenRows,
      columnWidths: fitColumnWidths(cells, numberFormats, {
        ...extras.widths,
        columns: this.width,
        boldRows,
        ...(wraps ? { wraps } : {}),
      }),
      protectionDescription: extras.protectionDescription,
      charts: extras.charts ?? [],
      landscape: true,
      alignments: this.alignments(),
      ...(wraps ? { wraps } : {}),
      print: {
        boxes: [...this.boxes],
        cutLines: [...this.cutLines],
        pageBreaks: pageBreaksKeepingTogether(extras.keepTogether ?? [], A4_LANDSCAPE_ROWS),
        repeatRows: extras.repeatRows ?? 0,
        printColumns: null,
        width: this.width,
      },
    };
  }

  /** Same shape as the cells, or undefined when no cell wraps (the backends then skip it). */
  private wraps(): boolean[][] | undefined {
    if (this.wrapped.size === 0) return undefined;
    return this.rows.map((row, r) => {
      const columns = new Set(this.wrapped.get(r) ?? []);
      return row.map((_, c) => columns.has(c));
    });
  }

  /** Header labels take the alignment of the column under them: right over numbers. */
  private alignments(): Alignment[][] {
    const aligned: Alignment[][] = this.rows.map((row) => row.map(() => ''));
    const headers = new Set(this.headers);
    for (const header of this.headers) {
      const labels = aligned[header];
      if (labels === undefined) continue;
      // The table under a header runs to the next header or blank row.
      for (let r = header + 1; r < this.rows.length && !headers.has(r); r += 1) {
        const row = this.rows[r] ?? [];
        if (row.every((cell) => cell.value === '')) break;
        row.forEach((cell, column) => {
          if (typeof cell.value === 'number') labels[column] = 'right';
        });
      }
    }
    return aligned;
  }
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
