/**
 * Range and RangeList. https://developers.google.com/apps-script/reference/spreadsheet/range
 */
import { addProtection, type Book, type SheetData } from './book';
import { toA1, type GridRect } from './a1';
import { FORMAT_PROPERTIES, type PropertyName } from './store';
import { DataValidation, DataValidationBuilder } from './validation';
import { AUTOMATIC_FORMAT_REPORTED, isAutomaticFormat } from './numberFormat';
import type { SheetViews } from './views';

const NAMED_COLOURS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
};

export function normaliseColour(colour: string): string {
  const lower = colour.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return NAMED_COLOURS[lower] ?? lower;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'number[]';
  return typeof value === 'string' ? 'String' : typeof value;
}

export class RangeImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
    readonly _sheet: SheetData,
    readonly _rect: GridRect,
  ) {}

  private get book(): Book {
    return this._book;
  }
  private get rect(): GridRect {
    return this._rect;
  }

  private eachCell(visit: (row: number, column: number, i: number, j: number) => void): void {
    const { row, column, numRows, numColumns } = this.rect;
    for (let i = 0; i < numRows; i++) {
      for (let j = 0; j < numColumns; j++) visit(row + i, column + j, i, j);
    }
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.rect.numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.rect.numColumns; j++)
        line.push(read(this.rect.row + i, this.rect.column + j));
      out.push(line);
    }
    return out;
  }

  private first<T>(grid: T[][]): T {
    return (grid[0] as T[])[0] as T;
  }

  private topLeft(): GridRect {
    return { row: this.rect.row, column: this.rect.column, numRows: 1, numColumns: 1 };
  }

  /** The shape check Apps Script makes before any set*s(values) call. */
  private checkShape(values: unknown, what: string): unknown[][] {
    if (!Array.isArray(values) || values.some((line) => !Array.isArray(line))) {
      throw this.book.env.fail(
        `The parameters (${describe(values)}) don't match the method signature for SpreadsheetApp.Range.${what}.`,
      );
    }
    const rows = values as unknown[][];
    if (rows.length !== this.rect.numRows) {
      throw this.book.env.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this.rect.numRows}.`,
      );
    }
    for (const line of rows) {
      if (line.length !== this.rect.numColumns) {
        throw this.book.env.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.rect.numColumns}.`,
        );
      }
    }
    return rows;
  }

  private setProperty(name: PropertyName, value: unknown): this {
    this.eachCell((r, c) => this._sheet.cells.set(name, r, c, value));
    return this;
  }

  private setProperties(
    name: PropertyName,
    values: unknown,
    what: string,
    map: (v: unknown) => unknown,
  ): this {
    const rows = this.checkShape(values, what);
    this.eachCell((r, c, i, j) => this._sheet.cells.set(name, r, c, map(rows[i]?.[j])));
    return this;
  }

  // Values
  getValues(): unknown[][] {
    const values = this.book.readValues(this._sheet, this.rect);
    this.book.env.counter.addRead('Range.getValues', values);
    return values;
  }
  getValue(): unknown {
    return this.first(this.book.readValues(this._sheet, this.topLeft()));
  }
  setValues(values: unknown[][]): this {
    this.book.writeBlock(this._sheet, this.rect, this.checkShape(values, 'setValues'));
    return this;
  }
  setValue(value: unknown): this {
    this.book.writeBlock(
      this._sheet,
      this.rect,
      this.grid(() => value),
    );
    return this;
  }
  getDisplayValues(): string[][] {
    return this.grid((r, c) => this.book.display(this._sheet, r, c));
  }
  getDisplayValue(): string {
    return this.book.display(this._sheet, this.rect.row, this.rect.column);
  }
  getFormulas(): string[][] {
    return this.grid(
      (r, c) => (this._sheet.cells.get('formula', r, c) as string | undefined) ?? '',
    );
  }
  getFormula(): string {
    return (
      (this._sheet.cells.get('formula', this.rect.row, this.rect.column) as string | undefined) ??
      ''
    );
  }
  setFormulas(formulas: string[][]): this {
    const rows = this.checkShape(formulas, 'setFormulas');
    this.eachCell((r, c, i, j) => {
      const formula = String(rows[i]?.[j] ?? '');
      this.book.writeCell(this._sheet, r, c, {
        value: '',
        formula: formula.startsWith('=') ? formula : '',
        autoFormat: null,
      });
      if (!formula.startsWith('=')) this.book.write(this._sheet, r, c, formula);
    });
    return this;
  }
  setFormula(formula: string): this {
    return this.setFormulas(this.grid(() => formula));
  }
  isBlank(): boolean {
    let blank = true;
    this.eachCell((r, c) => {
      if (!this._sheet.cells.isBlank(r, c)) blank = false;
    });
    return blank;
  }

  // Number formats. A cell never formatted reports '0.###############', not '' or 'General'
  // (reported: https://github.com/brucemcpherson/gas-fakes/issues/27, and scripts compare
  // getNumberFormat() with "0.###############" to find unformatted cells).
  getNumberFormats(): string[][] {
    return this.grid((r, c) => {
      const format = this.book.numberFormat(this._sheet, r, c);
      return isAutomaticFormat(format) ? AUTOMATIC_FORMAT_REPORTED : format;
    });
  }
  getNumberFormat(): string {
    const format = this.book.numberFormat(this._sheet, this.rect.row, this.rect.column);
    return isAutomaticFormat(format) ? AUTOMATIC_FORMAT_REPORTED : format;
  }
  setNumberFormat(format: string): this {
    return this.setProperty('numberFormat', isAutomaticFormat(format) ? undefined : format);
  }
  setNumberFormats(formats: string[][]): this {
    return this.setProperties('numberFormat', formats, 'setNumberFormats', (f) =>
      typeof f === 'string' && !isAutomaticFormat(f) ? f : undefined,
    );
  }

  // Notes
  getNotes(): string[][] {
    return this.grid((r, c) => (this._sheet.cells.get('note', r, c) as string | undefined) ?? '');
  }
  getNote(): string {
    return (
      (this._sheet.cells.get('note', this.rect.row, this.rect.column) as string | undefined) ?? ''
    );
  }
  setNote(note: string | null): this {
    return this.setProperty('note', note === null ? undefined : String(note));
  }
  setNotes(notes: (string | null)[][]): this {
    return this.setProperties('note', notes, 'setNotes', (n) =>
      n === null || n === undefined ? undefined : String(n),
    );
  }
  clearNote(): this {
    return this.setProperty('note', undefined);
  }

  // Backgrounds and font weight
  getBackgrounds(): string[][] {
    return this.grid(
      (r, c) => (this._sheet.cells.get('background', r, c) as string | undefined) ?? '#ffffff',
    );
  }
  getBackground(): string {
    return (
      (this._sheet.cells.get('background', this.rect.row, this.rect.column) as
        string | undefined) ?? '#ffffff'
    );
  }
  setBackground(colour: string | null): this {
    return this.setProperty('background', colour === null ? undefined : normaliseColour(colour));
  }
  setBackgrounds(colours: (string | null)[][]): this {
    return this.setProperties('background', colours, 'setBackgrounds', (c) =>
      typeof c === 'string' && c !== '' ? normaliseColour(c) : undefined,
    );
  }
  setBackgroundRGB(red: number, green: number, blue: number): this {
    const hex = [red, green, blue].map((n) => n.toString(16).padStart(2, '0')).join('');
    return this.setBackground(`#${hex}`);
  }
  getFontWeights(): string[][] {
    return this.grid(
      (r, c) => (this._sheet.cells.get('fontWeight', r, c) as string | undefined) ?? 'normal',
    );
  }
  getFontWeight(): string {
    return (
      (this._sheet.cells.get('fontWeight', this.rect.row, this.rect.column) as
        string | undefined) ?? 'normal'
    );
  }
  setFontWeight(weight: string | null): this {
    return this.setProperty('fontWeight', weight === 'bold' ? 'bold' : undefined);
  }
  setFontWeights(weights: (string | null)[][]): this {
    return this.setProperties('fontWeight', weights, 'setFontWeights', (w) =>
      w === 'bold' ? 'bold' : undefined,
    );
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setProperty('horizontalAlignment', alignment ?? undefined);
  }
  getHorizontalAlignment(): string {
    return (
      (this._sheet.cells.get('horizontalAlignment', this.rect.row, this.rect.column) as
        string | undefined) ?? 'general'
    );
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setProperty('verticalAlignment', alignment ?? undefined);
  }
  getVerticalAlignment(): string {
    return (
      (this._sheet.cells.get('verticalAlignment', this.rect.row, this.rect.column) as
        string | undefined) ?? 'bottom'
    );
  }
  /**
   * Wrapping is kept as the cell's wrap strategy: 'WRAP', 'CLIP', or nothing for OVERFLOW,
   * which a new cell has (text runs over empty neighbours).
   * https://developers.google.com/apps-script/reference/spreadsheet/wrap-strategy
   * setWrap(true) is WRAP; setWrap(false) is taken as OVERFLOW, the default (unconfirmed: the
   * reference says a cell with wrap disabled shows "as much as possible in the cell without
   * resizing or running to multiple lines").
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setWrap(Boolean)
   */
  setWrap(wrap: boolean): this {
    return this.setProperty('wrap', wrap ? 'WRAP' : undefined);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setWraps(Object) */
  setWraps(wraps: boolean[][]): this {
    return this.setProperties('wrap', wraps, 'setWraps', (w) => (w === true ? 'WRAP' : undefined));
  }
  getWrap(): boolean {
    return this._sheet.cells.get('wrap', this.rect.row, this.rect.column) === 'WRAP';
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getWraps() */
  getWraps(): boolean[][] {
    return this.grid((r, c) => this._sheet.cells.get('wrap', r, c) === 'WRAP');
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setWrapStrategy(WrapStrategy) */
  setWrapStrategy(strategy: string): this {
    return this.setProperty('wrap', wrapStrategyOf(strategy));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setWrapStrategies(WrapStrategy) */
  setWrapStrategies(strategies: string[][]): this {
    return this.setProperties('wrap', strategies, 'setWrapStrategies', wrapStrategyOf);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getWrapStrategy() */
  getWrapStrategy(): string {
    return (
      (this._sheet.cells.get('wrap', this.rect.row, this.rect.column) as string | undefined) ??
      'OVERFLOW'
    );
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getWrapStrategies() */
  getWrapStrategies(): string[][] {
    return this.grid(
      (r, c) => (this._sheet.cells.get('wrap', r, c) as string | undefined) ?? 'OVERFLOW',
    );
  }
  /**
   * setBorder(top, left, bottom, right, vertical, horizontal[, color, style]): true draws, false
   * removes, null leaves an edge; vertical/horizontal are the edges between cells. The style
   * (SOLID when not given) is kept per cell edge for tests to read.
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setBorder(Boolean,Boolean,Boolean,Boolean,Boolean,Boolean,String,BorderStyle)
   */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    _color?: string | null,
    style?: string | null,
  ): this {
    const drawn = style ?? 'SOLID';
    const edge = (on: boolean | null): unknown => (on === null ? null : on ? drawn : undefined);
    const { row, column, numRows, numColumns } = this.rect;
    const lastRow = row + numRows - 1;
    const lastColumn = column + numColumns - 1;
    this.eachCell((r, c) => {
      const set = (
        name: PropertyName,
        outer: boolean,
        on: boolean | null,
        inner: boolean | null,
      ) => {
        const value = edge(outer ? on : inner);
        if (value !== null) this._sheet.cells.set(name, r, c, value);
      };
      set('borderTop', r === row, top, horizontal);
      set('borderBottom', r === lastRow, bottom, horizontal);
      set('borderLeft', c === column, left, vertical);
      set('borderRight', c === lastColumn, right, vertical);
    });
    return this;
  }
  /** The style of one edge of the top-left cell (SOLID, DASHED, …), or null: a test helper. */
  _borderOf(edge: 'Top' | 'Bottom' | 'Left' | 'Right'): string | null {
    const value = this._sheet.cells.get(`border${edge}`, this.rect.row, this.rect.column);
    return typeof value === 'string' ? value : null;
  }
  setHorizontalAlignments(alignments: (string | null)[][]): this {
    return this.setProperties('horizontalAlignment', alignments, 'setHorizontalAlignments', (a) =>
      a === null || a === undefined || a === '' ? undefined : a,
    );
  }
  getHorizontalAlignments(): string[][] {
    return this.grid(
      (r, c) =>
        (this._sheet.cells.get('horizontalAlignment', r, c) as string | undefined) ?? 'general',
    );
  }
  setFontColor(): this {
    return this;
  }
  setFontSize(): this {
    return this;
  }

  // Data validation
  getDataValidations(): (DataValidation | null)[][] {
    return this.grid(
      (r, c) => (this._sheet.cells.get('validation', r, c) as DataValidation | undefined) ?? null,
    );
  }
  getDataValidation(): DataValidation | null {
    return (
      (this._sheet.cells.get('validation', this.rect.row, this.rect.column) as
        DataValidation | undefined) ?? null
    );
  }
  setDataValidation(rule: DataValidation | null): this {
    if (rule !== null && !(rule instanceof DataValidation)) {
      throw this.book.env.fail(
        `The parameters (${describe(rule)}) don't match the method signature for SpreadsheetApp.Range.setDataValidation.`,
      );
    }
    return this.setProperty('validation', rule ?? undefined);
  }
  setDataValidations(rules: (DataValidation | null)[][]): this {
    return this.setProperties('validation', rules, 'setDataValidations', (r) =>
      r instanceof DataValidation ? r : undefined,
    );
  }
  clearDataValidations(): this {
    return this.setProperty('validation', undefined);
  }
  insertCheckboxes(): this {
    const rule = new DataValidationBuilder().requireCheckbox().build();
    this.eachCell((r, c) => {
      this._sheet.cells.set('validation', r, c, rule);
      if (this._sheet.cells.isBlank(r, c)) this._sheet.cells.setValue(r, c, false);
    });
    return this;
  }

  // Geometry
  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.column;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.column + this.rect.numColumns - 1;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numColumns;
  }
  getHeight(): number {
    return this.rect.numRows;
  }
  getWidth(): number {
    return this.rect.numColumns;
  }
  getA1Notation(): string {
    return toA1(this.rect);
  }
  getSheet(): unknown {
    return this._views.sheet(this._sheet);
  }
  getGridId(): number {
    return this._sheet.sheetId;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): unknown {
    return this._views.range(
      this._sheet,
      this.rect.row + rowOffset,
      this.rect.column + columnOffset,
      numRows ?? this.rect.numRows,
      numColumns ?? this.rect.numColumns,
    );
  }
  activate(): this {
    this.book.activeIndex = Math.max(0, this.book.sheets.indexOf(this._sheet));
    return this;
  }

  // Clearing. clear() is "contents and formats" in the reference's one-line description, so
  // notes and validation stay; clear(options) without any flag clears everything ("by default
  // all data is cleared"). https://developers.google.com/apps-script/reference/spreadsheet/range#clear
  // (unconfirmed beyond those descriptions: keeping notes and validation is the cautious reading,
  // since code that clears them explicitly works either way).
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    if (!options) {
      this.clearContent();
      return this.clearFormat();
    }
    const all = !(
      options.contentsOnly ||
      options.formatOnly ||
      options.validationsOnly ||
      options.commentsOnly
    );
    if (all || options.contentsOnly) this.clearContent();
    if (all || options.formatOnly) this.clearFormat();
    if (all || options.validationsOnly) this.clearDataValidations();
    if (all || options.commentsOnly) this.clearNote();
    return this;
  }
  clearContent(): this {
    const { row, column, numRows, numColumns } = this.rect;
    this._sheet.cells.clearValues(row, column, numRows, numColumns);
    return this;
  }
  clearFormat(): this {
    const { row, column, numRows, numColumns } = this.rect;
    for (const name of FORMAT_PROPERTIES)
      this._sheet.cells.clearBlock(name, row, column, numRows, numColumns);
    return this;
  }
  merge(): this {
    this._sheet.merges.push({ ...this.rect });
    return this;
  }
  isPartOfMerge(): boolean {
    return this._sheet.merges.some(
      (m) =>
        m.row <= this.getLastRow() &&
        this.rect.row <= m.row + m.numRows - 1 &&
        m.column <= this.getLastColumn() &&
        this.rect.column <= m.column + m.numColumns - 1,
    );
  }
  protect(): unknown {
    return this._views.protection(addProtection(this.book, 'RANGE', this._sheet, { ...this.rect }));
  }
}

export class RangeListImpl {
  constructor(
    readonly _ranges: RangeImpl[],
    readonly _views: SheetViews,
  ) {}

  private each(apply: (range: RangeImpl) => void): this {
    this._ranges.forEach(apply);
    return this;
  }
  getRanges(): unknown[] {
    return this._ranges.map((r) => this._views.wrapRange(r));
  }
  setBackground(colour: string | null): this {
    return this.each((r) => r.setBackground(colour));
  }
  setNote(note: string | null): this {
    return this.each((r) => r.setNote(note));
  }
  setNumberFormat(format: string): this {
    return this.each((r) => r.setNumberFormat(format));
  }
  setFontWeight(weight: string | null): this {
    return this.each((r) => r.setFontWeight(weight));
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.each((r) => r.setHorizontalAlignment(alignment));
  }
  setBorder(...edges: Parameters<RangeImpl['setBorder']>): this {
    return this.each((r) => r.setBorder(...edges));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range-list#setWrap(Boolean) */
  setWrap(wrap: boolean): this {
    return this.each((r) => r.setWrap(wrap));
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range-list#setWrapStrategy(WrapStrategy) */
  setWrapStrategy(strategy: string): this {
    return this.each((r) => r.setWrapStrategy(strategy));
  }
  setValue(value: unknown): this {
    return this.each((r) => r.setValue(value));
  }
  /** "Contents, formats, and data validation rules" of each range; notes stay (unconfirmed).
   *  https://developers.google.com/apps-script/reference/spreadsheet/range-list#clear() */
  clear(): this {
    return this.each((r) => {
      r.clear();
      r.clearDataValidations();
    });
  }
  clearContent(): this {
    return this.each((r) => r.clearContent());
  }
  clearFormat(): this {
    return this.each((r) => r.clearFormat());
  }
}

/** OVERFLOW is a cell's default, kept as no value; anything else is kept by name. */
function wrapStrategyOf(strategy: unknown): string | undefined {
  return strategy === 'WRAP' || strategy === 'CLIP' ? strategy : undefined;
}
