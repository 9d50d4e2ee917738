/**
 * The spreadsheet through the Sheets advanced service (`Sheets`, the Sheets API v4), for the
 * endpoints whose call budget SpreadsheetApp cannot meet: SpreadsheetApp costs two calls per tab
 * (getSheetByName + getSheetValues), the API reads any number of tabs in one
 * Values.batchGet and writes a whole append or Undo in one batchUpdate.
 * https://developers.google.com/apps-script/advanced/sheets
 *
 * Opening costs getId + Spreadsheets.get (time zone, locale, every tab's title, ID and grid
 * size), so tabs are matched here without a lookup per name and a missing tab is simply absent.
 * It uses the `spreadsheets` scope already in appsscript.json; the service is enabled there
 * (dependencies.enabledAdvancedServices). Where it is not (`Sheets` undefined) or the API
 * refuses (Sheets API off on a standard Cloud project), open answers null and SpreadsheetApp
 * does the work as before.
 */
import type { CellValue } from '../workbook/cells';
import { normalizeName } from '../workbook/layout';
import { numberFormatOf, valueOf } from './gridData';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type Request = GoogleAppsScript.Sheets.Schema.Request;

export interface ApiTab {
  readonly title: string;
  readonly sheetId: number;
  /** The grid's width, when the API said (a column written past it must be added first). */
  readonly columnCount?: number;
  /** The grid's rows (data or not): a range of rows can then end at the last one. */
  readonly rowCount?: number;
}

/** Rows `fromRow`.. of a tab (1-based, as the sheet shows them), and its header row. */
export interface RowsRead {
  readonly header: CellValue[];
  readonly rows: CellValue[][];
}

export class SheetsApiBook {
  private constructor(
    private readonly id: string,
    readonly timeZone: string,
    readonly locale: string,
    private readonly tabs: ApiTab[],
  ) {}

  /** Null when the advanced service is not enabled or the API refuses (then use SpreadsheetApp). */
  static open(spreadsheet: Spreadsheet): SheetsApiBook | null {
    if (typeof Sheets === 'undefined' || Sheets === undefined) return null;
    try {
      const id = spreadsheet.getId();
      // The fields mask keeps the answer small: no grid data, no formats.
      const resource = Sheets.Spreadsheets.get(id, {
        fields:
          'properties(timeZone,locale),' +
          'sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))',
      });
      const tabs = (resource.sheets ?? []).flatMap((sheet) => {
        const { title, sheetId, gridProperties } = sheet.properties ?? {};
        if (title === undefined || sheetId === undefined) return [];
        const { rowCount, columnCount } = gridProperties ?? {};
        return [
          {
            title,
            sheetId,
            ...(rowCount === undefined ? {} : { rowCount }),
            ...(columnCount === undefined ? {} : { columnCount }),
          },
        ];
      });
      const { timeZone, locale } = resource.properties ?? {};
      if (timeZone === undefined || locale === undefined) return null;
      return new SheetsApiBook(id, timeZone, locale, tabs);
    } catch (error) {
      console.warn(`Sheets API unavailable, SpreadsheetApp instead: ${String(error)}`);
      return null;
    }
  }

  /** Every tab's sheet ID, so a new tab's can be chosen free. */
  sheetIds(): number[] {
    return this.tabs.map((tab) => tab.sheetId);
  }

  get tabCount(): number {
    return this.tabs.length;
  }

  /** A tab this run added through the API: known from now on, without another get. */
  remember(tab: ApiTab): void {
    this.tabs.push(tab);
  }

  /**
   * Requests in one batchUpdate, all or nothing ("if any request is not valid, then the entire
   * update will be unsuccessful and nothing will be applied").
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
   */
  update(requests: readonly Request[]): void {
    if (requests.length > 0)
      Sheets?.Spreadsheets?.batchUpdate({ requests: [...requests] }, this.id);
  }

  /** Every tab's title, in the spreadsheet's order. */
  titles(): string[] {
    return this.tabs.map((tab) => tab.title);
  }

  /** The tab named by any of `names`, matched as SheetsWorkbook.find matches them. */
  tab(names: readonly string[], exactOnly = false): ApiTab | null {
    return matchTab(this.tabs, names, exactOnly);
  }

  /**
   * Whole tabs in one call, unformatted: numbers and booleans as they are, dates as serial
   * numbers (the codecs read both a Date and a serial as the same date).
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
   */
  readTabs(tabs: readonly ApiTab[]): CellValue[][][] {
    return this.read(tabs.map((tab) => quotedTitle(tab.title))).map(rectangular);
  }

  /**
   * Whole tabs and parts of tabs in one call: for each of `parts`, the header row and the rows
   * from `fromRow` to the end of the grid (rows past the last with data cost nothing: the API
   * leaves them out). Whole tabs come first in the answer, as in readTabs.
   */
  readTabsAndRows(
    tabs: readonly ApiTab[],
    parts: readonly { readonly tab: ApiTab; readonly fromRow: number }[],
  ): { tabs: CellValue[][][]; parts: RowsRead[] } {
    const ranges = tabs.map((tab) => quotedTitle(tab.title));
    for (const { tab, fromRow } of parts) {
      const last = Math.max(fromRow, tab.rowCount ?? fromRow);
      ranges.push(`${quotedTitle(tab.title)}!1:1`, `${quotedTitle(tab.title)}!${fromRow}:${last}`);
    }
    const grids = this.read(ranges);
    return {
      tabs: grids.slice(0, tabs.length).map(rectangular),
      parts: parts.map((_, i) => ({
        header: grids[tabs.length + 2 * i]?.[0] ?? [],
        rows: grids[tabs.length + 2 * i + 1] ?? [],
      })),
    };
  }

  private read(ranges: readonly string[]): CellValue[][][] {
    if (ranges.length === 0) return [];
    const answer = Sheets?.Spreadsheets?.Values?.batchGet(this.id, {
      ranges: [...ranges],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    const valueRanges = answer?.valueRanges ?? [];
    if (valueRanges.length !== ranges.length) {
      throw new Error('Sheets API: batchGet answered short');
    }
    return valueRanges.map((range) => (range.values ?? []) as CellValue[][]);
  }

  /**
   * Rows below the last row with data, in one batchUpdate (appendCells never overwrites: a row
   * typed meanwhile by hand pushes these down, as SpreadsheetApp's append would not).
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#AppendCellsRequest
   */
  appendRows(
    tab: ApiTab,
    rows: readonly (readonly CellValue[])[],
    formats: readonly (string | undefined)[],
    alongside: readonly Request[] = [],
  ): void {
    const request = this.appendRequest(tab, rows, formats);
    Sheets?.Spreadsheets?.batchUpdate({ requests: [request, ...alongside] }, this.id);
  }

  /** The appendCells request of appendRows, to send alone or with another write. */
  appendRequest(
    tab: ApiTab,
    rows: readonly (readonly CellValue[])[],
    formats: readonly (string | undefined)[],
  ): Request {
    return {
      appendCells: {
        sheetId: tab.sheetId,
        rows: rows.map((row) => ({
          values: formats.map((format, i) => cellData(row[i], format, this.timeZone)),
        })),
        fields: 'userEnteredValue,userEnteredFormat.numberFormat',
      },
    };
  }

  /**
   * Rows written right below sheet row `after` (the last row with values, read under the lock),
   * in one batchUpdate: empty rows inserted there (taking the formats and drop-downs of the row
   * above), then filled. Unlike appendCells it cannot land below rows that only carry formats
   * (Set up formats whole columns; the reference's "after the last row with data" does not say
   * whether formats count: the self-test asks), and unlike a plain write it cannot overwrite a
   * row typed by hand meanwhile: that row moves down.
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#InsertDimensionRequest
   */
  insertRows(
    tab: ApiTab,
    after: number,
    rows: readonly (readonly CellValue[])[],
    formats: readonly (string | undefined)[],
    alongside: readonly Request[] = [],
  ): void {
    const requests: Request[] = [
      {
        insertDimension: {
          range: {
            sheetId: tab.sheetId,
            dimension: 'ROWS',
            startIndex: after,
            endIndex: after + rows.length,
          },
          // Below the header, rows take their neighbour's formats; the header's are its own.
          inheritFromBefore: after > 1,
        },
      },
      {
        updateCells: {
          start: { sheetId: tab.sheetId, rowIndex: after, columnIndex: 0 },
          rows: rows.map((row) => ({
            values: formats.map((format, i) => cellData(row[i], format, this.timeZone)),
          })),
          fields: 'userEnteredValue,userEnteredFormat.numberFormat',
        },
      },
      ...alongside,
    ];
    Sheets?.Spreadsheets?.batchUpdate({ requests }, this.id);
  }

  /**
   * Rows removed in one batchUpdate: a deleteDimension per run of adjacent rows, the highest run
   * first so the row numbers of the others stay true. All or nothing.
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#DeleteDimensionRequest
   */
  deleteRows(
    tab: ApiTab,
    runs: readonly (readonly number[])[],
    alongside: readonly Request[] = [],
  ): void {
    const requests = deleteRunsRequests(tab.sheetId, runs);
    if (requests.length > 0)
      Sheets?.Spreadsheets?.batchUpdate({ requests: [...requests, ...alongside] }, this.id);
  }
}

// ---- helpers (pure) ----

/** A deleteDimension per run of adjacent rows (1-based), the highest run first. */
export function deleteRunsRequests(
  sheetId: number,
  runs: readonly (readonly number[])[],
): Request[] {
  return [...runs]
    .sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0))
    .map((run) => ({
      deleteDimension: {
        range: {
          sheetId,
          dimension: 'ROWS',
          startIndex: (run[0] ?? 1) - 1,
          endIndex: run[run.length - 1] ?? 1,
        },
      },
    }));
}

/** Exact title first (any of the names), then ignoring case, spacing and full-width forms. */
export function matchTab(
  tabs: readonly ApiTab[],
  names: readonly string[],
  exactOnly: boolean,
): ApiTab | null {
  for (const name of names) {
    const exact = tabs.find((tab) => tab.title === name);
    if (exact !== undefined) return exact;
  }
  if (exactOnly) return null;
  for (const name of names) {
    const key = normalizeName(name);
    const found = tabs.find((tab) => normalizeName(tab.title) === key);
    if (found !== undefined) return found;
  }
  return null;
}

/** 'Tab' as an A1 range meaning the whole tab, quoted so any title reads as one. */
export function quotedTitle(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/**
 * The API leaves out trailing empty cells and rows; the port's readers get a rectangle as
 * getSheetValues gives it (every row as wide as the widest, '' where nothing is).
 */
export function rectangular(values: CellValue[][]): CellValue[][] {
  const width = values.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (width === 0) return [];
  for (const row of values) while (row.length < width) row.push('');
  return values;
}

/**
 * One cell as appendCells writes it, by the rules the partner reports write with (gridData.ts):
 * text as stringValue, so it is never a formula or a number ("=1+1", "007" stay as typed, no
 * apostrophe needed); numbers as numberValue; a pattern with the type the API requires.
 */
export function cellData(
  value: CellValue | undefined,
  format: string | undefined,
  timeZone: string,
): CellData {
  const cell: CellData = {};
  const typed = value === undefined ? undefined : valueOf(value, timeZone);
  if (typed !== undefined) cell.userEnteredValue = typed;
  const numberFormat = format === undefined ? undefined : numberFormatOf(format);
  if (numberFormat !== undefined) cell.userEnteredFormat = { numberFormat };
  return cell;
}
