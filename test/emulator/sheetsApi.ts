/**
 * The Sheets advanced service (`Sheets`, the Google Sheets API v4 as Apps Script exposes it):
 * the subset Gongfang calls, so that reading several tabs, appending rows or building a whole
 * partner report costs one service call instead of several per tab.
 *
 * Present only when the manifest enables it ("dependencies.enabledAdvancedServices" with
 * userSymbol "Sheets"): https://developers.google.com/apps-script/guides/services/advanced
 * Signatures follow the advanced service, where a request body comes first and the
 * spreadsheet ID second: https://developers.google.com/apps-script/advanced/sheets
 *
 * - Spreadsheets.get(id[, options]): properties (title, locale, timeZone) and each sheet's
 *   properties. The `fields` mask is not applied: the emulator answers those parts only.
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get
 * - Spreadsheets.Values.batchGet(id, { ranges, valueRenderOption, dateTimeRenderOption }):
 *   "Empty trailing rows and columns are omitted"; a range with no values has no `values`.
 *   FORMATTED_VALUE (the default) gives display strings; UNFORMATTED_VALUE gives numbers and
 *   booleans, and dates as serial numbers under SERIAL_NUMBER (the default for it). Formulas are
 *   not evaluated here, as elsewhere in the emulator: their value reads as ''.
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
 *   https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption
 * - Spreadsheets.batchUpdate(body, id): the requests in order, all or none: "if any request is
 *   not valid, then the entire request will fail and nothing will be applied" (checked before
 *   anything is applied). One reply per request, {} where the request has no reply.
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 * - Spreadsheets.create(body): a new file in the user's Drive, with its sheets and their data.
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/create
 * - Spreadsheets.Values.batchUpdate(body, id) with valueInputOption RAW: "The values the user has
 *   entered will not be parsed and will be stored as-is" — a string stays a string ("=1+1",
 *   "007"), a number a number; the grid grows to take the values. USER_ENTERED is refused here.
 *   https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchUpdate
 *   https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
 *
 * Writes made through SpreadsheetApp and not yet flushed are not seen by the API (Apps Script
 * batches them; SpreadsheetApp.flush() first): its reads see the committed state (pending.ts).
 * Errors read as the advanced service words them: "API call to sheets.spreadsheets.… failed
 * with error: …" (GoogleJsonResponseException).
 */
import { addProtection, type Book, type SheetData } from './book';
import type { Drive } from './drive';
import type { Env } from './env';
import { protectionRefusal } from './protection';
import { columnLetters, parseA1, splitSheetName, type GridRect } from './a1';
import { displayValue, type RawCell } from './numberFormat';
import type { PropertyName } from './store';

export interface AdvancedService {
  readonly userSymbol: string;
  readonly serviceId: string;
  readonly version: string;
}

/** What the manifest enables: dependencies.enabledAdvancedServices. */
export function enablesSheetsService(manifest: {
  dependencies?: { enabledAdvancedServices?: readonly AdvancedService[] };
}): boolean {
  return (manifest.dependencies?.enabledAdvancedServices ?? []).some(
    (s) => s.serviceId === 'sheets' && s.userSymbol === 'Sheets' && s.version === 'v4',
  );
}

type Json = Record<string, unknown>;

export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface Color {
  red?: number;
  green?: number;
  blue?: number;
}

interface Border {
  style?: string;
}

export interface CellData {
  userEnteredValue?: {
    stringValue?: string;
    numberValue?: number;
    boolValue?: boolean;
    formulaValue?: string;
  };
  userEnteredFormat?: {
    numberFormat?: { type?: string; pattern?: string };
    backgroundColor?: Color;
    horizontalAlignment?: string;
    verticalAlignment?: string;
    wrapStrategy?: string;
    textFormat?: { bold?: boolean };
    borders?: { top?: Border; bottom?: Border; left?: Border; right?: Border };
  };
  note?: string;
}

export interface RowData {
  values?: CellData[];
}

/** Thrown as the advanced service throws a failed API call. */
function apiError(env: Env, method: string, message: string): Error {
  return env.fail(`API call to sheets.spreadsheets.${method} failed with error: ${message}`);
}

function hex(color: Color | undefined): string | undefined {
  if (!color) return undefined;
  const part = (v: number | undefined): string =>
    Math.round((v ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${part(color.red)}${part(color.green)}${part(color.blue)}`;
}

/** `fields` of updateCells/appendCells/repeatCell: '*' or a list of paths. */
function fieldMask(fields: unknown): (path: string) => boolean {
  const list = String(fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (list.length === 0) throw new Error('fields');
  if (list.includes('*')) return () => true;
  return (path) =>
    list.some((f) => path === f || path.startsWith(`${f}.`) || f.startsWith(`${path}.`));
}

/** Writes one CellData under a field mask, as the sheet stores it. */
function writeCell(
  sheet: SheetData,
  row: number,
  column: number,
  cell: CellData | undefined,
  covers: (path: string) => boolean,
): void {
  const { cells } = sheet;
  const value = cell?.userEnteredValue;
  if (covers('userEnteredValue')) {
    let stored: RawCell = '';
    if (value?.stringValue !== undefined) stored = String(value.stringValue);
    else if (value?.numberValue !== undefined) stored = Number(value.numberValue);
    else if (value?.boolValue !== undefined) stored = Boolean(value.boolValue);
    cells.setValue(row, column, stored);
    cells.set('formula', row, column, value?.formulaValue);
  }
  const format = cell?.userEnteredFormat;
  const put = (path: string, name: PropertyName, v: unknown): void => {
    if (covers(path)) cells.set(name, row, column, v);
  };
  put('userEnteredFormat.numberFormat', 'numberFormat', format?.numberFormat?.pattern);
  put('userEnteredFormat.backgroundColor', 'background', hex(format?.backgroundColor));
  put(
    'userEnteredFormat.horizontalAlignment',
    'horizontalAlignment',
    format?.horizontalAlignment?.toLowerCase(),
  );
  put(
    'userEnteredFormat.verticalAlignment',
    'verticalAlignment',
    format?.verticalAlignment?.toLowerCase(),
  );
  put('userEnteredFormat.wrapStrategy', 'wrap', format?.wrapStrategy === 'WRAP' ? true : undefined);
  put(
    'userEnteredFormat.textFormat.bold',
    'fontWeight',
    format?.textFormat?.bold ? 'bold' : undefined,
  );
  const borders = format?.borders;
  put('userEnteredFormat.borders', 'borderTop', borders?.top?.style);
  put('userEnteredFormat.borders', 'borderBottom', borders?.bottom?.style);
  put('userEnteredFormat.borders', 'borderLeft', borders?.left?.style);
  put('userEnteredFormat.borders', 'borderRight', borders?.right?.style);
  put('note', 'note', cell?.note);
}

function writeRows(
  sheet: SheetData,
  top: number,
  left: number,
  rows: readonly RowData[],
  covers: (path: string) => boolean,
): void {
  rows.forEach((rowData, i) => {
    (rowData.values ?? []).forEach((cell, j) => writeCell(sheet, top + i, left + j, cell, covers));
  });
  sheet.cells.version++;
}

function widest(rows: readonly RowData[]): number {
  return rows.reduce((n, r) => Math.max(n, r.values?.length ?? 0), 0);
}

/** The spreadsheet resource's properties part, as get and create answer it. */
function sheetProperties(sheet: SheetData, index: number): Json {
  return {
    sheetId: sheet.sheetId,
    title: sheet.name,
    index,
    sheetType: 'GRID',
    gridProperties: {
      rowCount: sheet.maxRows,
      columnCount: sheet.maxColumns,
      ...(sheet.frozenRows > 0 ? { frozenRowCount: sheet.frozenRows } : {}),
      ...(sheet.frozenColumns > 0 ? { frozenColumnCount: sheet.frozenColumns } : {}),
    },
  };
}

function resource(book: Book): Json {
  return {
    spreadsheetId: book.id,
    properties: { title: book.name, locale: book.locale, timeZone: book.timeZone },
    sheets: book.sheets.map((sheet, index) => ({ properties: sheetProperties(sheet, index) })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
  };
}

/** One request of a batchUpdate: checked first (`check` throws the API's reason), then applied. */
interface Step {
  check(): void;
  apply(): Json;
}

export class SheetsApi {
  readonly Spreadsheets: SpreadsheetsResource;

  constructor(
    env: Env,
    drive: Drive,
    newBook: (name: string, locale?: string, zone?: string) => Book,
  ) {
    const values = env.counted(new ValuesResource(env, drive), 'Sheets.Spreadsheets.Values');
    this.Spreadsheets = env.counted(
      new SpreadsheetsResource(env, drive, newBook, values),
      'Sheets.Spreadsheets',
    );
  }
}

/**
 * The file, as the API reaches it: gone or in the bin is 404 "Requested entity was not found.";
 * a file the user may not open (or, to change it, edit) is 403 "The caller does not have
 * permission" (its 403 PERMISSION_DENIED, as API clients report it).
 */
function bookOf(env: Env, drive: Drive, id: unknown, method: string, edit = false): Book {
  const book = drive.books.get(String(id));
  if (!book || drive.trashed.has(book.id))
    throw apiError(env, method, 'Requested entity was not found.');
  if (!(edit ? drive.canEdit(book) : drive.canOpen(book)))
    throw apiError(env, method, 'The caller does not have permission');
  return book;
}

/**
 * A quoted sheet name alone, "'My Custom Sheet'", is that whole sheet ("refers to all the cells
 * in a sheet named 'My Custom Sheet'"; quotes are needed for names with spaces or special
 * characters): https://developers.google.com/sheets/api/guides/concepts#cell
 */
function quotedSheetName(notation: string): string | null {
  const quoted = /^'((?:[^']|'')+)'$/.exec(notation);
  return quoted === null ? null : (quoted[1] ?? '').replace(/''/g, "'");
}

export class ValuesResource {
  constructor(
    readonly _env: Env,
    readonly _drive: Drive,
  ) {}

  batchGet(spreadsheetId: string, options: Json = {}): Json {
    const book = bookOf(this._env, this._drive, spreadsheetId, 'values.batchGet');
    const ranges = options.ranges;
    const list = Array.isArray(ranges)
      ? ranges.map(String)
      : ranges === undefined
        ? []
        : [String(ranges)];
    const unformatted = options.valueRenderOption === 'UNFORMATTED_VALUE';
    const formulas = options.valueRenderOption === 'FORMULA';
    const serialDates = (options.dateTimeRenderOption ?? 'SERIAL_NUMBER') === 'SERIAL_NUMBER';
    const read = (): Json[] =>
      list.map((notation) => {
        const { sheet, rect } = this._resolve(book, notation);
        const values = this._values(book, sheet, rect, { unformatted, formulas, serialDates });
        const range = `'${sheet.name.replace(/'/g, "''")}'!${columnLetters(rect.column)}${rect.row}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
        return values.length > 0
          ? { range, majorDimension: 'ROWS', values }
          : { range, majorDimension: 'ROWS' };
      });
    const valueRanges = book.pending.asOtherExecution(read);
    this._env.counter.addRead(
      'Sheets.Spreadsheets.Values.batchGet',
      valueRanges.map((range) => range.values ?? []),
    );
    return { spreadsheetId: book.id, valueRanges };
  }

  batchUpdate(body: Json, spreadsheetId: string): Json {
    const book = bookOf(this._env, this._drive, spreadsheetId, 'values.batchUpdate');
    if (body.valueInputOption !== 'RAW') {
      throw apiError(
        this._env,
        'values.batchUpdate',
        `the emulator stores RAW values only (asked: ${String(body.valueInputOption)})`,
      );
    }
    const data = (body.data ?? []) as { range?: string; values?: unknown[][] }[];
    const targets = data.map((block) => {
      const { sheet, rect } = this._resolve(book, String(block.range ?? ''), true);
      return { sheet, rect, values: block.values ?? [] };
    });
    let cells = 0;
    for (const { sheet, rect, values } of targets) {
      const width = values.reduce((n, row) => Math.max(n, row.length), 0);
      sheet.maxRows = Math.max(sheet.maxRows, rect.row + values.length - 1);
      sheet.maxColumns = Math.max(sheet.maxColumns, rect.column + width - 1);
      values.forEach((row, i) =>
        row.forEach((value, j) => {
          const stored: RawCell =
            typeof value === 'number' || typeof value === 'boolean' ? value : String(value ?? '');
          sheet.cells.setValue(rect.row + i, rect.column + j, stored);
          sheet.cells.set('formula', rect.row + i, rect.column + j, undefined);
          cells += 1;
        }),
      );
      sheet.cells.version++;
    }
    return { spreadsheetId: book.id, totalUpdatedCells: cells };
  }

  private _resolve(
    book: Book,
    notation: string,
    growing = false,
  ): { sheet: SheetData; rect: GridRect } {
    const whole = quotedSheetName(notation);
    const { sheetName, cells } =
      whole === null ? splitSheetName(notation) : { sheetName: null, cells: whole };
    const named = book.find(sheetName ?? whole ?? notation);
    const sheet = sheetName === null ? (named ?? book.sheets[0]) : named;
    const rect =
      sheet === undefined
        ? null
        : sheetName === null && named
          ? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns }
          : parseA1(cells, sheet.maxRows, sheet.maxColumns);
    if (!sheet || !rect) {
      throw apiError(this._env, 'values.batchGet', `Unable to parse range: ${notation}`);
    }
    if (growing) return { sheet, rect };
    const numRows = Math.max(0, Math.min(rect.numRows, sheet.maxRows - rect.row + 1));
    const numColumns = Math.max(0, Math.min(rect.numColumns, sheet.maxColumns - rect.column + 1));
    return { sheet, rect: { ...rect, numRows, numColumns } };
  }

  private _values(
    book: Book,
    sheet: SheetData,
    rect: GridRect,
    how: { unformatted: boolean; formulas: boolean; serialDates: boolean },
  ): unknown[][] {
    const { cells } = sheet;
    const lastRow = Math.min(rect.row + rect.numRows - 1, cells.rows.length);
    const out: unknown[][] = [];
    for (let r = rect.row; r <= lastRow; r++) {
      const line: unknown[] = [];
      for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
        line.push(this._cell(book, sheet, r, c, how));
      }
      while (line.length > 0 && line[line.length - 1] === '') line.pop();
      out.push(line);
    }
    while (out.length > 0 && (out[out.length - 1] as unknown[]).length === 0) out.pop();
    return out;
  }

  private _cell(
    book: Book,
    sheet: SheetData,
    row: number,
    column: number,
    how: { unformatted: boolean; formulas: boolean; serialDates: boolean },
  ): unknown {
    const formula = sheet.cells.get('formula', row, column);
    if (formula !== undefined) return how.formulas ? formula : '';
    const value = sheet.cells.value(row, column);
    if (value === '') return '';
    const format = book.numberFormat(sheet, row, column);
    if (!how.unformatted && !how.formulas) return displayValue(value, format);
    if (typeof value === 'number' && !how.serialDates && /[dmy]/i.test(format))
      return displayValue(value, format);
    return value;
  }
}

/** What a batchUpdate may change, kept until it succeeds: a failed request undoes the others. */
class Snapshot {
  private readonly sheets: SheetData[];
  private readonly protections: number;
  private readonly charts: number;
  private readonly touched = new Map<SheetData, Omit<SheetData, 'name'> & { name: string }>();

  constructor(private readonly book: Book) {
    this.sheets = [...book.sheets];
    this.protections = book.protections.length;
    this.charts = book.charts.length;
  }

  touch(sheet: SheetData): void {
    if (this.touched.has(sheet)) return;
    this.touched.set(sheet, {
      ...sheet,
      cells: sheet.cells.clone(),
      columnWidths: new Map(sheet.columnWidths),
    } as SheetData);
  }

  restore(): void {
    this.book.sheets.splice(0, this.book.sheets.length, ...this.sheets);
    this.book.protections.splice(this.protections);
    this.book.charts.splice(this.charts);
    for (const [sheet, was] of this.touched) {
      sheet.cells = was.cells;
      sheet.name = was.name;
      sheet.maxRows = was.maxRows;
      sheet.maxColumns = was.maxColumns;
      sheet.frozenRows = was.frozenRows;
      sheet.deleted = was.deleted;
      sheet.columnWidths.clear();
      for (const [c, w] of was.columnWidths) sheet.columnWidths.set(c, w);
    }
  }
}

export class SpreadsheetsResource {
  private _snapshot: Snapshot | null = null;

  constructor(
    readonly _env: Env,
    readonly _drive: Drive,
    readonly _newBook: (name: string, locale?: string, zone?: string) => Book,
    readonly Values: ValuesResource,
  ) {}

  get(spreadsheetId: string, _options: Json = {}): Json {
    return resource(bookOf(this._env, this._drive, spreadsheetId, 'get'));
  }

  create(body: Json = {}): Json {
    const properties = (body.properties ?? {}) as {
      title?: string;
      locale?: string;
      timeZone?: string;
    };
    const book = this._newBook(
      properties.title ?? 'Untitled spreadsheet',
      properties.locale,
      properties.timeZone,
    );
    const sheets = (body.sheets ?? []) as { properties?: Json; data?: Json[] }[];
    if (sheets.length > 0) {
      const placeholder = book.sheets[0];
      for (const given of sheets) this._addSheet(book, given.properties ?? {}, given.data ?? []);
      if (placeholder) book.sheets.splice(book.sheets.indexOf(placeholder), 1);
    }
    return resource(book);
  }

  batchUpdate(body: Json, spreadsheetId: string): Json {
    const book = bookOf(this._env, this._drive, spreadsheetId, 'batchUpdate', true);
    const requests = (body.requests ?? []) as Json[];
    const saved = new Snapshot(book);
    this._snapshot = saved;
    try {
      const replies = requests.map((request, i) => {
        const step = this._step(book, request, i);
        step.check();
        this._guard(book, request);
        return step.apply();
      });
      return { spreadsheetId: book.id, replies };
    } catch (error) {
      saved.restore();
      throw error;
    } finally {
      this._snapshot = null;
    }
  }

  private _addSheet(book: Book, properties: Json, data: readonly Json[]): SheetData {
    const title = properties.title === undefined ? undefined : String(properties.title);
    const sheet = book.addSheet(title, properties.index as number | undefined);
    const grid = (properties.gridProperties ?? {}) as Json;
    if (typeof grid.rowCount === 'number') sheet.maxRows = grid.rowCount;
    if (typeof grid.columnCount === 'number') sheet.maxColumns = grid.columnCount;
    if (typeof grid.frozenRowCount === 'number') sheet.frozenRows = grid.frozenRowCount;
    if (typeof grid.frozenColumnCount === 'number') sheet.frozenColumns = grid.frozenColumnCount;
    if (typeof properties.sheetId === 'number')
      (sheet as { sheetId: number }).sheetId = properties.sheetId;
    for (const block of data) {
      const top = 1 + Number(block.startRow ?? 0);
      const left = 1 + Number(block.startColumn ?? 0);
      const rows = (block.rowData ?? []) as RowData[];
      this._grow(sheet, top + rows.length - 1, left + widest(rows) - 1);
      writeRows(sheet, top, left, rows, () => true);
      ((block.columnMetadata ?? []) as { pixelSize?: number }[]).forEach((meta, j) => {
        if (typeof meta.pixelSize === 'number') sheet.columnWidths.set(left + j, meta.pixelSize);
      });
    }
    return sheet;
  }

  private _grow(sheet: SheetData, rows: number, columns: number): void {
    sheet.maxRows = Math.max(sheet.maxRows, rows);
    sheet.maxColumns = Math.max(sheet.maxColumns, columns);
  }

  private _sheet(book: Book, id: unknown, i: number): SheetData {
    const sheet = book.sheets.find((s) => s.sheetId === id);
    if (!sheet)
      throw apiError(
        this._env,
        'batchUpdate',
        `Invalid requests[${i}]: No grid with id: ${String(id)}`,
      );
    this._snapshot?.touch(sheet);
    return sheet;
  }

  private _invalid(i: number, kind: string, why: string): Error {
    return apiError(this._env, 'batchUpdate', `Invalid requests[${i}].${kind}: ${why}`);
  }

  private _step(book: Book, request: Json, i: number): Step {
    const [kind, body] = Object.entries(request)[0] ?? ['', {}];
    const r = (body ?? {}) as Json;
    const sheetOf = (id: unknown): SheetData => this._sheet(book, id, i);
    switch (kind) {
      case 'appendCells':
        return {
          check: () => {
            const sheet = sheetOf(r.sheetId);
            this._mask(r.fields, i, kind);
            // Rows are added as needed, columns never: a row wider than the grid is refused
            // (0-based column indexes, reported wording: github.com/AMWA-TV/nmos-testing/pull/578
            // quotes "Invalid requests[1].updateCells: Attempting to write column: 26, beyond
            // the last requested column of: 25" for a 26-column sheet).
            if (widest((r.rows ?? []) as RowData[]) > sheet.maxColumns) {
              throw this._invalid(
                i,
                kind,
                `Attempting to write column: ${sheet.maxColumns}, beyond the last requested column of: ${sheet.maxColumns - 1}`,
              );
            }
          },
          apply: () => {
            const sheet = sheetOf(r.sheetId);
            const rows = (r.rows ?? []) as RowData[];
            const top = sheet.cells.extent().lastRow + 1;
            this._grow(sheet, top + rows.length - 1, widest(rows));
            writeRows(sheet, top, 1, rows, this._mask(r.fields, i, kind));
            return {};
          },
        };
      case 'updateCells':
        return {
          check: () => {
            const range = (r.range ?? r.start) as GridRange | undefined;
            sheetOf(range?.sheetId);
            this._mask(r.fields, i, kind);
          },
          apply: () => {
            const range = (r.range ?? r.start) as GridRange & {
              rowIndex?: number;
              columnIndex?: number;
            };
            const sheet = sheetOf(range.sheetId);
            const top = 1 + (range.startRowIndex ?? range.rowIndex ?? 0);
            const left = 1 + (range.startColumnIndex ?? range.columnIndex ?? 0);
            const rows = (r.rows ?? []) as RowData[];
            const covers = this._mask(r.fields, i, kind);
            if (r.range !== undefined) {
              // "cells in the range not in rows are cleared per fields"
              const bottom = range.endRowIndex ?? sheet.maxRows;
              const right = range.endColumnIndex ?? sheet.maxColumns;
              for (let row = top; row <= bottom; row++) {
                for (let column = left; column <= right; column++) {
                  const given = rows[row - top]?.values?.[column - left];
                  writeCell(sheet, row, column, given, covers);
                }
              }
              sheet.cells.version++;
            } else {
              this._grow(sheet, top + rows.length - 1, left + widest(rows) - 1);
              writeRows(sheet, top, left, rows, covers);
            }
            return {};
          },
        };
      case 'repeatCell':
        // "Updates all cells in the range to the values in the given Cell object. Only the
        // fields listed in the fields field are updated; others are unchanged." A side of the
        // range left out runs to the grid's edge.
        // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#RepeatCellRequest
        return {
          check: () => {
            sheetOf((r.range as GridRange | undefined)?.sheetId);
            this._mask(r.fields, i, kind);
          },
          apply: () => {
            const range = (r.range ?? {}) as GridRange;
            const sheet = sheetOf(range.sheetId);
            const covers = this._mask(r.fields, i, kind);
            const bottom = range.endRowIndex ?? sheet.maxRows;
            const right = range.endColumnIndex ?? sheet.maxColumns;
            for (let row = (range.startRowIndex ?? 0) + 1; row <= bottom; row++) {
              for (let column = (range.startColumnIndex ?? 0) + 1; column <= right; column++) {
                writeCell(sheet, row, column, r.cell as CellData, covers);
              }
            }
            sheet.cells.version++;
            return {};
          },
        };
      case 'appendDimension':
        // "Appends rows or columns to the end of a sheet."
        // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#AppendDimensionRequest
        return {
          check: () => {
            sheetOf(r.sheetId);
            if (!(Number(r.length) > 0)) throw this._invalid(i, kind, 'length must be positive');
          },
          apply: () => {
            const sheet = sheetOf(r.sheetId);
            if (r.dimension === 'ROWS') sheet.maxRows += Number(r.length);
            else sheet.maxColumns += Number(r.length);
            return {};
          },
        };
      case 'addChart':
        // An embedded chart over its position's anchor cell, seen by Sheet.getCharts() as a
        // chart of the basic chart's type whose ranges are its domain and series.
        // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/charts#EmbeddedChart
        return {
          check: () => {
            const anchor = this._anchorOf(r);
            sheetOf(anchor?.sheetId);
            if (this._basicChart(r) === null) {
              throw this._invalid(i, kind, 'the emulator draws basic charts only');
            }
          },
          apply: () => {
            const anchor = this._anchorOf(r) as Json;
            const sheet = sheetOf(anchor.sheetId);
            const basic = this._basicChart(r) as Json;
            const spec = ((r.chart as Json).spec ?? {}) as Json;
            const overlay = ((r.chart as Json).position as Json).overlayPosition as Json;
            const sources = [
              ...((basic.domains ?? []) as Json[]).map((d) => (d.domain as Json).sourceRange),
              ...((basic.series ?? []) as Json[]).map((d) => (d.series as Json).sourceRange),
            ].flatMap((range) => ((range as Json | undefined)?.sources ?? []) as GridRange[]);
            const chartId = book.newChartId();
            book.charts.push({
              chartId,
              chartType: String(basic.chartType ?? 'COLUMN'),
              ranges: sources.map((g) => ({
                row: (g.startRowIndex ?? 0) + 1,
                column: (g.startColumnIndex ?? 0) + 1,
                numRows: (g.endRowIndex ?? sheet.maxRows) - (g.startRowIndex ?? 0),
                numColumns: (g.endColumnIndex ?? sheet.maxColumns) - (g.startColumnIndex ?? 0),
              })),
              sheet,
              options: new Map<string, unknown>([
                ['title', spec.title],
                ['width', overlay.widthPixels],
                ['height', overlay.heightPixels],
              ]),
              position: {
                row: Number(anchor.rowIndex ?? 0) + 1,
                column: Number(anchor.columnIndex ?? 0) + 1,
                offsetX: Number(overlay.offsetXPixels ?? 0),
                offsetY: Number(overlay.offsetYPixels ?? 0),
              },
            });
            return { addChart: { chart: { ...(r.chart as Json), chartId } } };
          },
        };
      case 'deleteDimension':
        return this._dimensionStep(book, r, i, kind, (sheet, rows, start, end) => {
          const count = end - start;
          if (rows) {
            sheet.cells.remap((row, c) =>
              row <= start ? [row, c] : row > end ? [row - count, c] : null,
            );
            sheet.maxRows -= count;
          } else {
            sheet.cells.remap((row, c) =>
              c <= start ? [row, c] : c > end ? [row, c - count] : null,
            );
            sheet.maxColumns -= count;
          }
        });
      case 'insertDimension': {
        // Empty rows (or columns) before startIndex: nothing is overwritten, what was there moves
        // down. inheritFromBefore: the new cells take the formats and drop-downs of the row (or
        // column) before them. https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#InsertDimensionRequest
        const inherit = r.inheritFromBefore === true;
        return this._dimensionStep(
          book,
          r,
          i,
          kind,
          (sheet, rows, start, end) => {
            const count = end - start;
            if (rows) {
              sheet.cells.remap((row, c) => [row > start ? row + count : row, c]);
              sheet.maxRows += count;
              if (inherit && start >= 1) {
                for (const name of ['numberFormat', 'validation'] as const) {
                  for (let c = 1; c <= sheet.maxColumns; c++) {
                    const above = sheet.cells.get(name, start, c);
                    if (above === undefined) continue;
                    for (let row = start + 1; row <= end; row++)
                      sheet.cells.set(name, row, c, above);
                  }
                }
              }
            } else {
              sheet.cells.remap((row, c) => [row, c > start ? c + count : c]);
              sheet.maxColumns += count;
            }
          },
          true,
        );
      }
      case 'updateDimensionProperties':
        return this._dimensionStep(book, r, i, kind, (sheet, rows, start, end) => {
          const size = (r.properties as { pixelSize?: number } | undefined)?.pixelSize;
          if (!rows && typeof size === 'number') {
            for (let c = start + 1; c <= end; c++) sheet.columnWidths.set(c, size);
          }
        });
      case 'addSheet':
        return {
          check: () => {
            const title = (r.properties as Json | undefined)?.title;
            if (
              title !== undefined &&
              book.sheets.some((s) => s.name.toLowerCase() === String(title).toLowerCase())
            ) {
              throw this._invalid(
                i,
                kind,
                `A sheet with the name "${String(title)}" already exists. Please enter another name.`,
              );
            }
          },
          apply: () => {
            const sheet = this._addSheet(book, (r.properties ?? {}) as Json, []);
            return { addSheet: { properties: sheetProperties(sheet, book.sheets.indexOf(sheet)) } };
          },
        };
      case 'addProtectedRange':
        // "The range may be fully unbounded, in which case this is considered a protected
        // sheet": what Sheet.getProtections(SHEET) then lists. Only whole sheets here.
        // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/sheets#ProtectedRange
        return {
          check: () => {
            const range = ((r.protectedRange as Json | undefined)?.range ?? {}) as GridRange;
            sheetOf(range.sheetId);
            const bounded = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'];
            if (bounded.some((key) => key in range)) {
              throw this._invalid(i, kind, 'the emulator protects whole sheets only');
            }
          },
          apply: () => {
            const given = (r.protectedRange ?? {}) as Json;
            const sheet = sheetOf((given.range as GridRange).sheetId);
            const protection = addProtection(book, 'SHEET', sheet, null);
            protection.description = String(given.description ?? '');
            protection.warningOnly = given.warningOnly === true;
            const protectedRangeId = book.protections.indexOf(protection) + 1;
            return { addProtectedRange: { protectedRange: { ...given, protectedRangeId } } };
          },
        };
      case 'deleteSheet':
        return {
          check: () => {
            sheetOf(r.sheetId);
            if (book.sheets.length === 1)
              throw this._invalid(i, kind, "You can't remove all the sheets in a document.");
          },
          apply: () => {
            const sheet = sheetOf(r.sheetId);
            book.sheets.splice(book.sheets.indexOf(sheet), 1);
            sheet.deleted = true;
            return {};
          },
        };
      case 'updateSpreadsheetProperties':
        // The file's own properties; only its title here (the report's name follows its partner).
        // https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#UpdateSpreadsheetPropertiesRequest
        return {
          check: () => {
            this._mask(r.fields, i, kind);
          },
          apply: () => {
            const title = ((r.properties ?? {}) as Json).title;
            if (this._mask(r.fields, i, kind)('title') && title !== undefined)
              book.name = String(title);
            return {};
          },
        };
      case 'updateSheetProperties':
        return {
          check: () => {
            sheetOf((r.properties as Json | undefined)?.sheetId);
            this._mask(r.fields, i, kind);
          },
          apply: () => {
            const given = (r.properties ?? {}) as Json;
            const sheet = sheetOf(given.sheetId);
            const covers = this._mask(r.fields, i, kind);
            const grid = (given.gridProperties ?? {}) as Json;
            if (covers('title') && given.title !== undefined) sheet.name = String(given.title);
            if (covers('gridProperties.frozenRowCount'))
              sheet.frozenRows = Number(grid.frozenRowCount ?? 0);
            if (covers('gridProperties.rowCount') && grid.rowCount !== undefined)
              sheet.maxRows = Number(grid.rowCount);
            if (covers('gridProperties.columnCount') && grid.columnCount !== undefined)
              sheet.maxColumns = Number(grid.columnCount);
            return {};
          },
        };
      default:
        return {
          check: () => {
            throw apiError(
              this._env,
              'batchUpdate',
              `Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': the emulator does not know this request.`,
            );
          },
          apply: () => ({}),
        };
    }
  }

  private _anchorOf(r: Json): Json | undefined {
    const chart = r.chart as Json | undefined;
    const overlay = (chart?.position as Json | undefined)?.overlayPosition as Json | undefined;
    return overlay?.anchorCell as Json | undefined;
  }

  private _basicChart(r: Json): Json | null {
    const spec = (r.chart as Json | undefined)?.spec as Json | undefined;
    return (spec?.basicChart as Json | undefined) ?? null;
  }

  /**
   * The API refuses a write into a protected area the caller may not edit (protection.ts), with
   * the words the API uses (reported: https://github.com/theoephraim/node-google-spreadsheet/pull/20).
   */
  private _guard(book: Book, request: Json): void {
    const [kind, body] = Object.entries(request)[0] ?? ['', {}];
    const r = (body ?? {}) as Json;
    let target: { sheetId: unknown; rect: GridRect } | null = null;
    if (kind === 'appendCells') {
      const sheet = book.sheets.find((s) => s.sheetId === r.sheetId);
      const rows = (r.rows ?? []) as RowData[];
      if (sheet) {
        const row = sheet.cells.extent().lastRow + 1;
        const rect = {
          row,
          column: 1,
          numRows: Math.max(1, rows.length),
          numColumns: widest(rows),
        };
        target = {
          sheetId: r.sheetId,
          rect: { ...rect, numColumns: Math.max(1, rect.numColumns) },
        };
      }
    } else if (kind === 'updateCells') {
      const range = (r.range ?? r.start ?? {}) as GridRange & {
        rowIndex?: number;
        columnIndex?: number;
      };
      const row = 1 + (range.startRowIndex ?? range.rowIndex ?? 0);
      const column = 1 + (range.startColumnIndex ?? range.columnIndex ?? 0);
      const rows = (r.rows ?? []) as RowData[];
      const numRows = (range.endRowIndex ?? row - 1 + rows.length) - row + 1;
      const numColumns = (range.endColumnIndex ?? column - 1 + widest(rows)) - column + 1;
      target = {
        sheetId: range.sheetId,
        rect: { row, column, numRows: Math.max(1, numRows), numColumns: Math.max(1, numColumns) },
      };
    } else if (kind === 'deleteDimension') {
      const range = (r.range ?? {}) as {
        sheetId?: number;
        dimension?: string;
        startIndex?: number;
        endIndex?: number;
      };
      const start = 1 + (range.startIndex ?? 0);
      const count = Math.max(1, (range.endIndex ?? start) - start + 1);
      target = {
        sheetId: range.sheetId,
        rect:
          range.dimension === 'COLUMNS'
            ? { row: 1, column: start, numRows: 1_000_000, numColumns: count }
            : { row: start, column: 1, numRows: count, numColumns: 18_278 },
      };
    }
    if (target === null) return;
    const sheet = book.sheets.find((s) => s.sheetId === target.sheetId);
    const refusal = sheet
      ? protectionRefusal(book, sheet, target.rect, this._env.who.effective)
      : null;
    if (refusal !== null) throw apiError(this._env, 'batchUpdate', refusal);
  }

  private _mask(fields: unknown, i: number, kind: string): (path: string) => boolean {
    try {
      return fieldMask(fields);
    } catch {
      throw this._invalid(i, kind, "At least one field must be specified in 'fields'.");
    }
  }

  private _dimensionStep(
    book: Book,
    r: Json,
    i: number,
    kind: string,
    change: (sheet: SheetData, rows: boolean, start: number, end: number) => void,
    inserting = false,
  ): Step {
    const range = (r.range ?? {}) as {
      sheetId?: number;
      dimension?: string;
      startIndex?: number;
      endIndex?: number;
    };
    return {
      check: () => {
        const sheet = this._sheet(book, range.sheetId, i);
        const rows = range.dimension === 'ROWS';
        const size = rows ? sheet.maxRows : sheet.maxColumns;
        const start = range.startIndex ?? 0;
        const end = range.endIndex ?? size;
        // An insert may start at the very end (size); a delete or resize stays inside.
        const beyond = inserting ? start > size : end > size;
        if (start < 0 || beyond || start >= end)
          throw this._invalid(i, kind, 'Invalid dimension range.');
      },
      apply: () => {
        const sheet = this._sheet(book, range.sheetId, i);
        const rows = range.dimension === 'ROWS';
        const end = range.endIndex ?? (rows ? sheet.maxRows : sheet.maxColumns);
        change(sheet, rows, range.startIndex ?? 0, end);
        return {};
      },
    };
  }
}
