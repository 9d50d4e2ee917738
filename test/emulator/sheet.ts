/**
 * Sheet. https://developers.google.com/apps-script/reference/spreadsheet/sheet
 */
import { protectSheet, type Book, type ChartData, type SheetData } from './book';
import { parseA1, splitSheetName } from './a1';
import { EmbeddedChartBuilder, EmbeddedChartImpl } from './charts';
import type { SheetViews } from './views';
import type { RangeImpl } from './range';

const DEFAULT_COLUMN_WIDTH = 100;

export class SheetImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
    readonly _data: SheetData,
  ) {}

  private get data(): SheetData {
    return this._data;
  }
  private fail(message: string): Error {
    return this._book.env.fail(message);
  }

  getName(): string {
    return this.data.name;
  }
  setName(name: string): this {
    this._book.assertNameFree(name, this.data);
    this.data.name = name;
    return this;
  }
  getIndex(): number {
    return this._book.sheets.indexOf(this.data) + 1;
  }
  getSheetId(): number {
    return this.data.sheetId;
  }
  getParent(): unknown {
    return this._book.view;
  }
  getLastRow(): number {
    return this.data.cells.extent().lastRow;
  }
  getLastColumn(): number {
    return this.data.cells.extent().lastColumn;
  }
  getMaxRows(): number {
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    return this.data.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.insertRows(afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.insertRows(beforePosition, howMany);
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRows(afterPosition + 1, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRows(beforePosition, 1);
  }
  private insertRows(at: number, howMany: number): this {
    if (at < 1 || at > this.data.maxRows + 1) throw this.fail('Those rows are out of bounds.');
    this.data.cells.remap((r, c) => [r >= at ? r + howMany : r, c]);
    this.data.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.insertColumns(afterPosition + 1, howMany);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.insertColumns(beforePosition, howMany);
  }
  private insertColumns(at: number, howMany: number): this {
    if (at < 1 || at > this.data.maxColumns + 1)
      throw this.fail('Those columns are out of bounds.');
    this.data.cells.remap((r, c) => [r, c >= at ? c + howMany : c]);
    this.data.maxColumns += howMany;
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const last = rowPosition + howMany - 1;
    if (rowPosition < 1 || howMany < 1 || last > this.data.maxRows)
      throw this.fail('Those rows are out of bounds.');
    if (howMany >= this.data.maxRows - this.data.frozenRows) {
      throw this.fail('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.data.cells.remap((r, c) =>
      r < rowPosition ? [r, c] : r > last ? [r - howMany, c] : null,
    );
    this.data.maxRows -= howMany;
  }
  deleteRow(rowPosition: number): void {
    this.deleteRows(rowPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const last = columnPosition + howMany - 1;
    if (columnPosition < 1 || howMany < 1 || last > this.data.maxColumns)
      throw this.fail('Those columns are out of bounds.');
    if (howMany >= this.data.maxColumns - this.data.frozenColumns) {
      throw this.fail('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.data.cells.remap((r, c) =>
      c < columnPosition ? [r, c] : c > last ? [r, c - howMany] : null,
    );
    this.data.maxColumns -= howMany;
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): unknown {
    if (typeof rowOrA1 === 'string') {
      const rect = parseA1(splitSheetName(rowOrA1).cells, this.data.maxRows, this.data.maxColumns);
      if (!rect) throw this.fail('Range not found');
      return this._views.range(this.data, rect.row, rect.column, rect.numRows, rect.numColumns);
    }
    return this._views.range(this.data, rowOrA1, column as number, numRows ?? 1, numColumns ?? 1);
  }
  getRangeList(a1Notations: string[]): unknown {
    const ranges = a1Notations.map((a1) =>
      this._views.unwrapRange(this.getRange(a1), 'Sheet.getRangeList'),
    );
    return this._views.rangeList(ranges as RangeImpl[]);
  }
  /** On an empty sheet this is A1 (reported: values [['']]). */
  getDataRange(): unknown {
    const { lastRow, lastColumn } = this.data.cells.extent();
    return this._views.range(this.data, 1, 1, Math.max(1, lastRow), Math.max(1, lastColumn));
  }
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    const { lastRow, lastColumn } = this.data.cells.extent();
    const rows = numRows === -1 ? lastRow - startRow + 1 : numRows;
    const columns = numColumns === -1 ? lastColumn - startColumn + 1 : numColumns;
    const rect = this._views.checkedRect(this.data, startRow, startColumn, rows, columns);
    const values = this._book.readValues(this.data, rect);
    this._book.env.counter.addRead('Sheet.getSheetValues', values);
    return values;
  }
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) {
      throw this.fail(
        `The parameters (${typeof rowContents}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`,
      );
    }
    const row = this.data.cells.extent().lastRow + 1;
    if (row > this.data.maxRows) this.data.maxRows = row;
    if (rowContents.length > this.data.maxColumns) this.data.maxColumns = rowContents.length;
    rowContents.forEach((value, i) => this._book.write(this.data, row, i + 1, value));
    return this;
  }

  /** Sheet.clear(): contents and formats; notes and validation stay. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const whole = this._views.rawRange(this.data, {
      row: 1,
      column: 1,
      numRows: this.data.maxRows,
      numColumns: this.data.maxColumns,
    });
    const all = !options || !(options.contentsOnly || options.formatOnly);
    if (all || options?.contentsOnly) whole.clearContent();
    if (all || options?.formatOnly) whole.clearFormat();
    return this;
  }
  clearContents(): this {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): this {
    return this.clear({ formatOnly: true });
  }
  clearNotes(): this {
    this.data.cells.properties.delete('note');
    return this;
  }

  /** Freezing past the data is fine; freezing every row of the grid is refused (reported:
   *  https://github.com/google/ads-account-structure-script/issues/2 — "You can't freeze all
   *  visible rows on the sheet."). */
  setFrozenRows(rows: number): void {
    if (rows < 0) throw this.fail('Those rows are out of bounds.');
    if (rows >= this.data.maxRows)
      throw this.fail("You can't freeze all visible rows on the sheet.");
    this.data.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.data.frozenRows;
  }
  /** The columns wording mirrors the rows one (unconfirmed). */
  setFrozenColumns(columns: number): void {
    if (columns < 0) throw this.fail('Those columns are out of bounds.');
    if (columns >= this.data.maxColumns)
      throw this.fail("You can't freeze all visible columns on the sheet.");
    this.data.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this.data.frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.data.columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++)
      this.data.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this.data.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  /** Approximates the fit: 7 px a character (14 for CJK) plus padding. */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    const { lastRow } = this.data.cells.extent();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let widest = 0;
      for (let r = 1; r <= lastRow; r++) {
        const text = this._book.display(this.data, r, c);
        let width = 0;
        for (const ch of text) width += ch.charCodeAt(0) > 0x2e80 ? 14 : 7;
        widest = Math.max(widest, width);
      }
      this.data.columnWidths.set(c, Math.max(21, widest + 10));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): this {
    return this.autoResizeColumns(columnPosition, 1);
  }

  protect(): unknown {
    return this._views.protection(protectSheet(this._book, this.data));
  }
  getProtections(type: string): unknown[] {
    return this._book.protections
      .filter((p) => p.sheet === this.data && p.type === String(type))
      .map((p) => this._views.protection(p));
  }

  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._book, this._views, this.data);
  }
  private chartData(chart: unknown, method: string): ChartData {
    const raw = typeof chart === 'object' && chart !== null ? this._book.env.unwrap(chart) : chart;
    if (!(raw instanceof EmbeddedChartImpl)) {
      throw this.fail(
        `The parameters (${typeof chart}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`,
      );
    }
    return raw._data;
  }
  insertChart(chart: unknown): void {
    const data = this.chartData(chart, 'insertChart');
    data.sheet = this.data;
    this._book.charts.push(data);
  }
  getCharts(): unknown[] {
    return this._book.charts.filter((c) => c.sheet === this.data).map((c) => this._views.chart(c));
  }
  removeChart(chart: unknown): void {
    const data = this.chartData(chart, 'removeChart');
    const index = this._book.charts.findIndex((c) => c.chartId === data.chartId);
    if (index >= 0) this._book.charts.splice(index, 1);
  }
  updateChart(chart: unknown): void {
    const data = this.chartData(chart, 'updateChart');
    const index = this._book.charts.findIndex((c) => c.chartId === data.chartId);
    if (index < 0) throw this.fail('The chart does not exist on this sheet.');
    this._book.charts[index] = data;
  }

  setTabColor(colour: string | null): this {
    this.data.tabColor = colour;
    return this;
  }
  getTabColor(): string | null {
    return this.data.tabColor;
  }
  activate(): this {
    this._book.activeIndex = this._book.sheets.indexOf(this.data);
    this.data.hidden = false;
    return this;
  }
  hideSheet(): this {
    if (this._book.sheets.filter((s) => !s.hidden && s !== this.data).length === 0) {
      throw this.fail("You can't hide all the sheets in a document.");
    }
    this.data.hidden = true;
    return this;
  }
  showSheet(): this {
    this.data.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.data.hidden;
  }
}
