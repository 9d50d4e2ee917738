/**
 * Hands out the objects scripts see, each wrapped so its method calls are counted, and keeps
 * one object per sheet and per protection so identity comparisons behave.
 */
import type { Book, ChartData, ProtectionData, SheetData } from './book';
import type { GridRect } from './a1';
import { RangeImpl, RangeListImpl } from './range';
import { SheetImpl } from './sheet';
import { ProtectionImpl } from './protection';
import { EmbeddedChartImpl } from './charts';

export class SheetViews {
  constructor(readonly book: Book) {}

  sheet(data: SheetData): GoogleAppsScript.Spreadsheet.Sheet {
    if (!data.view)
      data.view = this.book.env.counted(new SheetImpl(this.book, this, data), 'Sheet');
    return data.view as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  }

  /** Checks come in the order Apps Script reports them. */
  checkedRect(
    data: SheetData,
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): GridRect {
    const { env } = this.book;
    const bad = (n: unknown): boolean => typeof n !== 'number' || !Number.isFinite(n);
    if ([row, column, numRows, numColumns].some(bad)) {
      throw env.fail(
        `The parameters (${[row, column, numRows, numColumns].map((n) => typeof n).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    if (row < 1) throw env.fail('The starting row of the range is too small.');
    if (column < 1) throw env.fail('The starting column of the range is too small.');
    if (numRows < 1) throw env.fail('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw env.fail('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > data.maxRows || column + numColumns - 1 > data.maxColumns) {
      throw env.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return {
      row: Math.floor(row),
      column: Math.floor(column),
      numRows: Math.floor(numRows),
      numColumns: Math.floor(numColumns),
    };
  }

  range(
    data: SheetData,
    row: number,
    column: number,
    numRows = 1,
    numColumns = 1,
  ): GoogleAppsScript.Spreadsheet.Range {
    const rect = this.checkedRect(data, row, column, numRows, numColumns);
    return this.wrapRange(new RangeImpl(this.book, this, data, rect));
  }

  rawRange(data: SheetData, rect: GridRect): RangeImpl {
    return new RangeImpl(this.book, this, data, rect);
  }

  wrapRange(range: RangeImpl): GoogleAppsScript.Spreadsheet.Range {
    return this.book.env.counted(range, 'Range') as unknown as GoogleAppsScript.Spreadsheet.Range;
  }

  rangeList(ranges: RangeImpl[]): GoogleAppsScript.Spreadsheet.RangeList {
    return this.book.env.counted(
      new RangeListImpl(ranges, this),
      'RangeList',
    ) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }

  protection(data: ProtectionData): GoogleAppsScript.Spreadsheet.Protection {
    if (!data.view)
      data.view = this.book.env.counted(new ProtectionImpl(this.book, this, data), 'Protection');
    return data.view as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }

  chart(data: ChartData): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    return this.book.env.counted(
      new EmbeddedChartImpl(this.book, this, data),
      'EmbeddedChart',
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
  }

  /** The emulator's Range behind a script's Range, or an error like Apps Script's. */
  unwrapRange(value: unknown, method: string): RangeImpl {
    const raw = typeof value === 'object' && value !== null ? this.book.env.unwrap(value) : value;
    if (!(raw instanceof RangeImpl)) {
      throw this.book.env.fail(
        `The parameters (${typeof value}) don't match the method signature for ${method}.`,
      );
    }
    return raw;
  }

  unwrapSheet(value: unknown, method: string): SheetImpl {
    const raw = typeof value === 'object' && value !== null ? this.book.env.unwrap(value) : value;
    if (!(raw instanceof SheetImpl)) {
      throw this.book.env.fail(
        `The parameters (${typeof value}) don't match the method signature for ${method}.`,
      );
    }
    return raw;
  }
}
