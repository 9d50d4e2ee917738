/**
 * The emulated document: its tabs and the state Spreadsheet, Sheet and Range objects share.
 * Reading and writing cell values (with typing rules and date conversion) lives here so that
 * Range, Sheet.appendRow and the test helpers (seed, peek, userEdit) behave the same.
 */
import type { Env } from './env';
import { CellStore } from './store';
import { displayValue, isAutomaticFormat, isDateFormat, type RawCell } from './numberFormat';
import { parseTyped, type TypedCell } from './typing';
import { instantToSerial, isDateObject, serialToInstant } from './dates';
import type { GridRect } from './a1';
import { PendingWrites } from './pending';

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class SheetData {
  cells = new CellStore();
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly merges: GridRect[] = [];
  view: object | null = null;
  deleted = false;

  constructor(
    public name: string,
    readonly sheetId: number,
    public maxRows: number,
    public maxColumns: number,
  ) {}
}

export interface ProtectionData {
  type: 'SHEET' | 'RANGE';
  sheet: SheetData;
  rect: GridRect | null;
  description: string;
  warningOnly: boolean;
  /**
   * Editors named by the script. Until the list is first changed (editorsSet false) "the
   * permissions mirror those of the spreadsheet itself" and everyone who may edit it may edit
   * here (protection.ts).
   */
  editors: Set<string>;
  editorsSet: boolean;
  domainEdit: boolean;
  removed: boolean;
  view: object | null;
}

export interface ChartData {
  chartId: string;
  chartType: string;
  ranges: GridRect[];
  sheet: SheetData;
  options: Map<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export class Book {
  readonly sheets: SheetData[] = [];
  readonly protections: ProtectionData[] = [];
  readonly charts: ChartData[] = [];
  readonly toasts: Toast[] = [];
  activeIndex = 0;
  /** The selection of whoever acts in the test (userEdit, userDeleteRows…); A1 when none. */
  activeRange: { sheet: SheetData; rect: GridRect } | null = null;
  /** Writes not yet committed by flush() or the end of the execution. */
  readonly pending: PendingWrites = new PendingWrites(this);
  /** The Spreadsheet object scripts see (set once by spreadsheet.ts). */
  view: object | null = null;
  /** The Drive this spreadsheet lives in, for sharing (drive.ts). */
  drive: import('./drive').Drive | null = null;
  private nextSheetId = 0;
  private nextChartId = 1;

  constructor(
    readonly env: Env,
    readonly id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
    readonly owner: string,
  ) {}

  defaultSheetName(n: number): string {
    return this.locale.startsWith('zh') ? `工作表${n}` : `Sheet${n}`;
  }

  find(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Sheet names are unique regardless of case. */
  assertNameFree(name: string, except?: SheetData): void {
    const taken = this.sheets.some(
      (s) => s !== except && s.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) {
      throw this.env.fail(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
  }

  addSheet(name: string | undefined, index?: number): SheetData {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (
        this.sheets.some((s) => s.name.toLowerCase() === this.defaultSheetName(n).toLowerCase())
      )
        n++;
      sheetName = this.defaultSheetName(n);
    }
    this.assertNameFree(sheetName);
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new SheetData(sheetName, id, NEW_SHEET_ROWS, NEW_SHEET_COLUMNS);
    const at =
      index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    return sheet;
  }

  newChartId(): string {
    return `u${this.id.slice(0, 6)}-${this.nextChartId++}`;
  }

  /** A JS value written by setValue(s)/appendRow: strings are read as if typed. */
  toCell(value: unknown, currentFormat: string): TypedCell {
    if (value === null || value === undefined) return { value: '', formula: '', autoFormat: null };
    if (typeof value === 'number' || typeof value === 'boolean')
      return { value, formula: '', autoFormat: null };
    if (isDateObject(value)) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) return { value: '', formula: '', autoFormat: null };
      return {
        value: instantToSerial(ms, this.timeZone),
        formula: '',
        autoFormat: isAutomaticFormat(currentFormat) ? this.defaultDateTimeFormat() : null,
      };
    }
    const text = typeof value === 'string' ? value : String(value);
    // "If it begins with '=' it is interpreted as a formula": the setValue(s) reference makes no
    // exception for plain-text (@) cells, so neither does the emulator (the self-test asks
    // Google). https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
    if (text.length > 1 && text.startsWith('='))
      return { value: '', formula: text, autoFormat: null };
    return parseTyped(text, currentFormat, this.locale);
  }

  defaultDateTimeFormat(): string {
    return this.locale.startsWith('zh') ? 'yyyy-m-d h:mm:ss' : 'm/d/yyyy h:mm:ss';
  }

  numberFormat(sheet: SheetData, row: number, column: number): string {
    return (sheet.cells.get('numberFormat', row, column) as string | undefined) ?? '';
  }

  writeCell(sheet: SheetData, row: number, column: number, cell: TypedCell): void {
    sheet.cells.setValue(row, column, cell.value);
    sheet.cells.set('formula', row, column, cell.formula === '' ? undefined : cell.formula);
    if (cell.autoFormat !== null) sheet.cells.set('numberFormat', row, column, cell.autoFormat);
  }

  write(sheet: SheetData, row: number, column: number, value: unknown): void {
    this.writeCell(sheet, row, column, this.toCell(value, this.numberFormat(sheet, row, column)));
  }

  /** setValues: the same rules as write(), in one pass over dense rows (100k-row sheets). */
  writeBlock(sheet: SheetData, rect: GridRect, values: readonly (readonly unknown[])[]): void {
    const { cells } = sheet;
    const formats = cells.properties.get('numberFormat');
    const formulas = cells.properties.get('formula');
    const checkFormats = formats !== undefined && formats.size > 0;
    const checkFormulas = formulas !== undefined && formulas.size > 0;
    const lastRow = rect.row + rect.numRows - 1;
    while (cells.rows.length < lastRow) cells.rows.push([]);
    for (let i = 0; i < rect.numRows; i++) {
      const row = rect.row + i;
      const line = cells.rows[row - 1] as RawCell[];
      while (line.length < rect.column - 1 + rect.numColumns) line.push('');
      const input = values[i] as readonly unknown[];
      for (let j = 0; j < rect.numColumns; j++) {
        const value = input[j];
        const column = rect.column + j;
        const key = row * 32_768 + column;
        if (checkFormulas) formulas.delete(key);
        if (typeof value === 'number' || typeof value === 'boolean') {
          line[column - 1] = value;
          continue;
        }
        const format = checkFormats ? ((formats.get(key) as string | undefined) ?? '') : '';
        const cell = this.toCell(value, format);
        line[column - 1] = cell.value;
        if (cell.formula !== '') cells.map('formula').set(key, cell.formula);
        if (cell.autoFormat !== null) cells.map('numberFormat').set(key, cell.autoFormat);
      }
    }
    cells.version++;
  }

  /** getValues: Date for numbers under a date format, '' for formulas (not evaluated). */
  readValues(sheet: SheetData, rect: GridRect): unknown[][] {
    const { cells } = sheet;
    const out: unknown[][] = new Array(rect.numRows);
    const lastColumn = rect.column + rect.numColumns - 1;
    for (let i = 0; i < rect.numRows; i++) {
      const stored = cells.rows[rect.row - 1 + i];
      const row: RawCell[] = stored ? stored.slice(rect.column - 1, lastColumn) : [];
      while (row.length < rect.numColumns) row.push('');
      out[i] = row;
    }
    this.convertDates(sheet, rect, out);
    return out;
  }

  private convertDates(sheet: SheetData, rect: GridRect, out: unknown[][]): void {
    const formats = sheet.cells.properties.get('numberFormat');
    if (!formats || formats.size === 0) return;
    const convert = (r: number, c: number, format: unknown): void => {
      if (typeof format !== 'string' || !isDateFormat(format)) return;
      const line = out[r - rect.row];
      const value = line?.[c - rect.column];
      if (line && typeof value === 'number') {
        line[c - rect.column] = this.env.date(serialToInstant(value, this.timeZone));
      }
    };
    if (rect.numRows * rect.numColumns < formats.size) {
      for (let r = rect.row; r < rect.row + rect.numRows; r++) {
        for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
          convert(r, c, sheet.cells.get('numberFormat', r, c));
        }
      }
      return;
    }
    for (const [key, format] of formats) {
      const r = Math.floor(key / 32_768);
      const c = key % 32_768;
      if (
        r >= rect.row &&
        r < rect.row + rect.numRows &&
        c >= rect.column &&
        c < rect.column + rect.numColumns
      ) {
        convert(r, c, format);
      }
    }
  }

  display(sheet: SheetData, row: number, column: number): string {
    if (sheet.cells.get('formula', row, column) !== undefined) return '';
    return displayValue(sheet.cells.value(row, column), this.numberFormat(sheet, row, column));
  }
}

/** Protection bookkeeping shared by Sheet.protect and Range.protect. */
export function protectSheet(book: Book, sheet: SheetData): ProtectionData {
  const existing = book.protections.find(
    (p) => p.type === 'SHEET' && p.sheet === sheet && !p.removed,
  );
  if (existing) return existing;
  return addProtection(book, 'SHEET', sheet, null);
}

export function addProtection(
  book: Book,
  type: 'SHEET' | 'RANGE',
  sheet: SheetData,
  rect: GridRect | null,
): ProtectionData {
  const protection: ProtectionData = {
    type,
    sheet,
    rect,
    description: '',
    warningOnly: false,
    editors: new Set([book.owner]),
    editorsSet: false,
    domainEdit: false,
    removed: false,
    view: null,
  };
  book.protections.push(protection);
  return protection;
}
