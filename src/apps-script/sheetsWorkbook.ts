/**
 * The Workbook port over SpreadsheetApp. Every method is a fixed handful of service calls,
 * whatever the number of rows: tables are read with one getSheetValues (or getDataRange +
 * getValues + getNotes when notes are wanted), and written with one call per range, never cell
 * by cell (DESIGN.md section 7).
 *
 * One instance lives for one execution. It remembers the sheets it found, their data ranges
 * and sizes, so a later call in the same run (markCells after readTab, appendRows after
 * setUpTabs) does not look them up again.
 */
import { type CellValue, columnLetter } from '../workbook/cells';
import { useBackendCalendar } from '../workbook/codecs';
import { normalizeName } from '../workbook/layout';
import { type ApiTab, SheetsApiBook, cellData, deleteRunsRequests } from './sheetsApiBook';
import { freeSheetId, protectionRequest, tabRequests } from './gridData';
import { drawForPrinting } from './printing';
import {
  MARK_BACKGROUND,
  MARK_NOTE_PREFIX,
  NUMBER_FORMATS,
  type ChartSpec,
  type ColumnSetup,
  type GeneratedTab,
  type MarkUpdate,
  type ReadOptions,
  type SpreadsheetInfo,
  type TabContents,
  type TabRows,
  type TabSetup,
  type TabWanted,
  type ValidationRule,
  type RowChanges,
  type RowRemoval,
  type Workbook,
} from '../workbook/port';
import { markedNote, staffPartOf } from '../workbook/notes';
import { backgroundsCellByCell, notesCellByCell, orCellByCell } from './protectedWrites';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/**
 * A sheet made by insertSheet has Google Sheets' default grid of 1000 rows × 26 columns, so
 * its size need not be asked for. https://rdrr.io/pkg/googlesheets/man/gs_ws_new.html
 */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
/** Sheets' default column, 100 px, shows names, phones and dates; wider content is set wider. */
const SHEETS_WIDEN_FROM = 150;
/** Names of the one sheet of a brand-new spreadsheet (English and Chinese locales). */
const DEFAULT_SHEET_NAMES = ['sheet1', '工作表1'];
export { STAFF_NOTE_SEPARATOR, markedNote, staffPartOf } from '../workbook/notes';

const HAN = /[\u3400-\u9fff]/;

/** What this run knows about one tab; unknown facts are null and asked for only when needed. */
interface TabState {
  readonly name: string;
  readonly sheet: Sheet;
  dataRange: Range | null;
  lastRow: number | null;
  lastColumn: number | null;
  notes: string[][] | null;
  maxRows: number | null;
  maxColumns: number | null;
  /** What readTab returned, until this run writes to the tab: a second read costs nothing. */
  contents: TabContents | null;
  /** Formats this run gave to whole data columns (rows 2 down), so appendRows can skip them. */
  readonly columnFormats: Map<number, string>;
}

/** A write to a source tab, as the audit's inbox logs it (logWrites). */
export interface SourceWrite {
  readonly tab: string;
  readonly kind: 'append' | 'remove';
  /** The first sheet row written or removed (as it was before a removal). */
  readonly firstRow: number;
  readonly rows: number;
  /** Rows removed that were not side by side (an Undo after a row was put between): 5:5, 9:10. */
  readonly runs?: string;
}

/** What the next writes log, and where: rows of another tab, written with them. */
interface WriteLog {
  /** The log tab's names, asked for at the write (by then the run knows its language). */
  readonly tab: () => readonly string[];
  readonly describe: (write: SourceWrite) => readonly (readonly CellValue[])[];
  readonly formats: readonly string[];
}

function rowsKey(title: string, fromRow: number): string {
  return `${title}\n${fromRow}`;
}

export class SheetsWorkbook implements Workbook, RowRemoval {
  private readonly tabs = new Map<string, TabState>();
  /** Every sheet by normalized name, once one getSheets() scan was needed. */
  private scanned: Map<string, { readonly name: string; readonly sheet: Sheet }> | null = null;
  /** Every sheet's name as the scan found them, duplicates in normalized form included. */
  private scannedNames: string[] | null = null;
  /** The API's list of tabs for tabNames: undefined until asked, null when unusable. */
  private listing: SheetsApiBook | null | undefined;
  private sheetCount: number | null = null;
  private locale: string | null = null;
  private timeZone: string | null = null;
  private prefersChinese: boolean | null = null;
  /** The last generated tab this run wrote had to be created (so the next likely must be too). */
  private lastGeneratedWasNew = false;
  private readonly rules = new Map<string, DataValidation>();
  /** The sheet the user was on before this run inserted one, shown again after each insert. */
  private usersSheet: Sheet | null = null;
  private insertedSheets = false;
  private builder: GoogleAppsScript.Spreadsheet.DataValidationBuilder | null = null;
  /** The Sheets API view of the spreadsheet: undefined until asked for, null when unusable. */
  private api: SheetsApiBook | null | undefined;
  /** Tabs read ahead through the API, by exact title, until this run writes to them. */
  private readonly fetched = new Map<string, TabContents>();
  /** Ends of tabs read ahead (readRows), by exact title and first row. */
  private readonly fetchedRows = new Map<string, TabRows>();
  /** SpreadsheetApp writes not yet flushed, which API reads would not see. */
  private unflushed = false;
  /** Logging each append and removal of this run, when asked (logWrites). */
  private writeLog: WriteLog | null = null;

  /**
   * `sheetsApi`: read and write through the Sheets advanced service where it is enabled (the
   * sidebars' endpoints, whose call budgets need several tabs per call); SpreadsheetApp otherwise.
   */
  constructor(
    /** The spreadsheet this workbook reads and writes (for what the port does not cover). */
    readonly spreadsheet: Spreadsheet,
    private readonly options: { readonly sheetsApi?: boolean } = {},
  ) {
    // Dates in zones this runtime's Intl lacks are read by Apps Script's own calendar.
    // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
    useBackendCalendar((date, timeZone) => Utilities.formatDate(date, timeZone, 'yyyy-MM-dd'));
  }

  /**
   * insertSheet makes "the new sheet … the active sheet": once the run is over, the user is put
   * back on the tab they were on, not left behind the dialog on a tab Gongfang just made. One
   * call, and one more to learn that tab before the first insert; none when nothing was inserted.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)
   */
  restoreUsersSheet(): void {
    if (!this.insertedSheets || this.usersSheet === null) return;
    this.spreadsheet.setActiveSheet(this.usersSheet);
    this.insertedSheets = false;
  }

  /** Locale and time zone are each read once, and only when somebody looks at them. */
  info(): SpreadsheetInfo {
    // Through the API, Spreadsheets.get answers both and the tabs' names in one call.
    const read = {
      locale: () =>
        (this.locale ??= this.apiBook()?.locale ?? this.spreadsheet.getSpreadsheetLocale()),
      timeZone: () =>
        (this.timeZone ??= this.apiBook()?.timeZone ?? this.spreadsheet.getSpreadsheetTimeZone()),
    };
    return {
      get locale() {
        return read.locale();
      },
      get timeZone() {
        return read.timeZone();
      },
    };
  }

  /**
   * Without notes, one getSheetValues call reads the used grid; with notes, getDataRange +
   * getValues + getNotes, and the range is kept for markCells. A second read of the same tab
   * in the run is answered from the first until the run writes to that tab.
   */
  readTab(names: readonly string[], options: ReadOptions = {}): TabContents | null {
    if (this.api && !options.withNotes) {
      // The API listed every tab: a name none has is no tab, without a lookup.
      const known = this.api.tab(names, options.exactName === true);
      if (known === null) return null;
      const fetched = this.fetched.get(known.title);
      if (fetched !== undefined) return fetched;
    }
    const tab = this.find(names, { exactOnly: options.exactName === true });
    if (tab === null) return null;
    const known = tab.contents;
    if (known !== null && (!options.withNotes || known.notes !== undefined)) return known;
    if (!options.withNotes) {
      const values = this.usedValues(tab);
      this.noteSize(tab, values);
      return (tab.contents = { name: tab.name, values });
    }
    const range = tab.sheet.getDataRange();
    const raw = unescapedText(range.getValues() as CellValue[][]);
    const empty = isEmptyGrid(raw);
    const values = empty ? [] : raw;
    tab.dataRange = range;
    this.noteSize(tab, values);
    tab.notes = empty ? [] : (range.getNotes() as string[][]);
    return (tab.contents = { name: tab.name, values, notes: tab.notes });
  }

  /**
   * The wanted tabs in one Values.batchGet, when the API is in use; readTab then answers from
   * them. If the read fails, readTab reads each through SpreadsheetApp as before (so a feature's
   * own error about a tab still shows). API reads do not see SpreadsheetApp writes not yet
   * flushed, so those are flushed first.
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()
   */
  prefetch(wanted: readonly TabWanted[]): void {
    const api = this.apiBook();
    if (api === null) return;
    const titles = new Set<string>();
    const parts: { tab: ApiTab; fromRow: number }[] = [];
    for (const { names, exactName, fromRow } of wanted) {
      const tab = api.tab(names, exactName === true);
      if (tab === null || this.fetched.has(tab.title) || this.readAlready(tab)) continue;
      if (fromRow === undefined) titles.add(tab.title);
      else if (!this.fetchedRows.has(rowsKey(tab.title, fromRow))) parts.push({ tab, fromRow });
    }
    const tabs = [...titles].map((title) => api.tab([title], true) as ApiTab);
    if (tabs.length === 0 && parts.length === 0) return;
    if (this.unflushed) SpreadsheetApp.flush();
    this.unflushed = false;
    try {
      const read = api.readTabsAndRows(tabs, parts);
      tabs.forEach((tab, i) => {
        const values = unescapedText(read.tabs[i] ?? []);
        this.fetched.set(tab.title, { name: tab.title, values });
      });
      parts.forEach(({ tab, fromRow }, i) => {
        const part = read.parts[i];
        this.fetchedRows.set(rowsKey(tab.title, fromRow), {
          name: tab.title,
          header: unescapedText([part?.header ?? []])[0] ?? [],
          firstRow: fromRow,
          rows: unescapedText(part?.rows ?? []),
        });
      });
    } catch (error) {
      console.warn(`Sheets API read failed, SpreadsheetApp instead: ${String(error)}`);
    }
  }

  /**
   * The header row and rows `fromRow`.. of a tab: what prefetch read of it, else cut from the
   * whole tab (read through SpreadsheetApp when the API is not in use).
   */
  readRows(names: readonly string[], fromRow: number): TabRows | null {
    if (this.api) {
      const known = this.api.tab(names);
      if (known === null) return null;
      const part = this.fetchedRows.get(rowsKey(known.title, fromRow));
      if (part !== undefined) return part;
    }
    const whole = this.readTab(names);
    if (whole === null) return null;
    return {
      name: whole.name,
      header: whole.values[0] ?? [],
      firstRow: fromRow,
      rows: whole.values.slice(fromRow - 1),
    };
  }

  private readAlready(tab: ApiTab): boolean {
    return (this.tabs.get(normalizeName(tab.title))?.contents ?? null) !== null;
  }

  /** The API view, opened once when the sidebars asked for it; null when it cannot serve. */
  private apiBook(): SheetsApiBook | null {
    if (!this.options.sheetsApi) return null;
    if (this.api === undefined) this.api = SheetsApiBook.open(this.spreadsheet);
    return this.api;
  }

  /** What this run read of a tab is stale once it writes to it, whichever way. */
  private forgetTab(title: string): void {
    this.fetched.delete(title);
    for (const key of [...this.fetchedRows.keys()]) {
      if (key.startsWith(`${title}\n`)) this.fetchedRows.delete(key);
    }
    const tab = this.tabs.get(normalizeName(title));
    if (tab === undefined) return;
    forgetContents(tab);
    tab.lastRow = null;
  }

  /**
   * From now on, each appendRows and deleteRows also appends `describe`'s rows to the tab named
   * by `tab` (exact names; the audit's inbox) — through the API in the same batchUpdate, so the
   * log costs no call and is written if and only if the write is. Nothing is logged when that
   * tab does not exist (the audit is off). https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
   */
  logWrites(
    tab: WriteLog['tab'],
    describe: WriteLog['describe'],
    formats: readonly string[],
  ): void {
    this.writeLog = { tab, describe, formats };
  }

  /** The log's request for a write through the API; null when nothing is to be logged. */
  private logRequest(write: SourceWrite): GoogleAppsScript.Sheets.Schema.Request[] {
    const log = this.writeLog;
    const api = this.api;
    if (log === null || !api) return [];
    const tab = api.tab(log.tab(), true);
    if (tab === null) return [];
    const rows = log.describe(write);
    this.forgetTab(tab.title);
    return rows.length === 0 ? [] : [api.appendRequest(tab, rows, [...log.formats])];
  }

  /** The log of a write made through SpreadsheetApp: an append of its own, after the write. */
  private logAfter(write: SourceWrite): void {
    const log = this.writeLog;
    if (log === null) return;
    const tab = this.find(log.tab(), { exactOnly: true });
    if (tab === null) return;
    const rows = log.describe(write);
    this.writeLog = null;
    try {
      if (rows.length > 0) this.appendRows(tab.name, rows, log.formats);
    } finally {
      this.writeLog = log;
    }
  }

  setUpTabs(setups: readonly TabSetup[]): void {
    this.unflushed = true;
    for (const setup of setups) {
      const existing = this.find([setup.name]);
      if (existing !== null) this.setUpExistingTab(existing, setup);
      else if (setup.create) this.setUpNewTab(this.createTab(setup.name), setup);
      const tab = existing ?? (setup.create ? this.find([setup.name]) : null);
      if (tab !== null && setup.protectionDescription !== undefined) {
        this.protectOnce(tab.sheet, setup.protectionDescription, existing === null);
      }
    }
  }

  appendRows(
    tabName: string,
    rows: readonly (readonly CellValue[])[],
    numberFormats?: readonly string[],
  ): void {
    if (rows.length === 0) return;
    if (this.appendThroughApi(tabName, rows, numberFormats)) return;
    this.unflushed = true;
    const tab = this.require(tabName);
    const width = Math.max(...rows.map((row) => row.length));
    const first = (tab.lastRow ??= tab.sheet.getLastRow()) + 1;
    const range = this.rangeGrowingIfNeeded(tab, first, rows.length, width);
    this.formatAppendedCells(tab, range, rows, width, numberFormats);
    range.setValues(rows.map((row) => padRow(row, width)));
    tab.lastRow = first + rows.length - 1;
    tab.lastColumn = Math.max(tab.lastColumn ?? 0, width);
    forgetContents(tab);
    this.logAfter({ tab: tab.name, kind: 'append', firstRow: first, rows: rows.length });
  }

  /**
   * Through the API, one batchUpdate appendCells (text as stringValue, formats with the values).
   * Not for Date cells (none of the sidebars writes one; the serial would need the zone).
   */
  private appendThroughApi(
    tabName: string,
    rows: readonly (readonly CellValue[])[],
    numberFormats: readonly string[] | undefined,
  ): boolean {
    const tab = this.api?.tab([tabName], true) ?? null;
    if (tab === null || rows.some((row) => row.some((cell) => cell instanceof Date))) return false;
    const width = Math.max(...rows.map((row) => row.length));
    const formats = appendFormats(rows, width, numberFormats).map((format) =>
      format === NUMBER_FORMATS.general ? undefined : format,
    );
    // Right below the last row this run read (under the caller's lock), when it read the tab.
    const last = this.lastRowRead(tab.title);
    const log = this.logRequest({
      tab: tab.title,
      kind: 'append',
      firstRow: (last ?? 0) + 1,
      rows: rows.length,
    });
    if (last !== null) this.api?.insertRows(tab, last, rows, formats, log);
    else this.api?.appendRows(tab, rows, formats, log);
    this.forgetTab(tab.title);
    return true;
  }

  /** The last row with values of a tab as this run read it through the API; null if unread. */
  private lastRowRead(title: string): number | null {
    const whole = this.fetched.get(title);
    if (whole !== undefined) return whole.values.length;
    for (const [key, part] of this.fetchedRows) {
      if (!key.startsWith(`${title}\n`)) continue;
      return part.firstRow + part.rows.length - 1;
    }
    return null;
  }

  /**
   * One deleteRows call per run of adjacent rows, from the bottom up so numbers stay true;
   * through the API, all the runs in one batchUpdate.
   */
  deleteRows(tabName: string, rows: readonly number[]): void {
    if (rows.length === 0) return;
    const removed: SourceWrite = {
      tab: tabName,
      kind: 'remove',
      firstRow: Math.min(...rows),
      rows: new Set(rows).size,
      runs: contiguousRuns(rows)
        .map((run) => `${run[0]}:${run[run.length - 1]}`)
        .join(', '),
    };
    const viaApi = this.api?.tab([tabName], true) ?? null;
    if (viaApi !== null) {
      this.api?.deleteRows(viaApi, contiguousRuns(rows), this.logRequest(removed));
      this.forgetTab(viaApi.title);
      return;
    }
    this.unflushed = true;
    const tab = this.require(tabName);
    const sorted = [...new Set(rows)].sort((a, b) => b - a);
    let start = sorted[0] as number;
    let count = 1;
    for (const row of [...sorted.slice(1), -1]) {
      if (row === start - 1) {
        start = row;
        count += 1;
        continue;
      }
      tab.sheet.deleteRows(start, count);
      start = row;
      count = 1;
    }
    if (tab.lastRow !== null) tab.lastRow -= sorted.length;
    forgetContents(tab);
    this.logAfter(removed);
  }

  replaceGeneratedTab(generated: GeneratedTab): void {
    this.unflushed = true;
    const { tab, existed } = this.generatedTab(generated.name);
    if (existed) tab.sheet.clear();
    const height = generated.cells.length;
    const width = Math.max(1, ...generated.cells.map((row) => row.length));
    if (height > 0) {
      const grid = this.writeGrid(tab, generated, height, width);
      drawForPrinting(tab.sheet, grid, generated, height, width);
    }
    // A fresh or cleared grid of a tab Gongfang never froze needs no call: the builders give a
    // tab kind either no frozen rows ever (payslips) or some every time (payout, summary).
    if (generated.frozenRows > 0) tab.sheet.setFrozenRows(generated.frozenRows);
    if (!existed) this.setColumnWidths(tab.sheet, generated.columnWidths);
    this.protect(tab.sheet, generated.protectionDescription, !existed);
    this.placeCharts(tab, generated.charts, existed);
    forgetContents(tab);
    tab.lastRow = height;
    tab.lastColumn = width;
  }

  /**
   * Several generated tabs in ONE Sheets API batchUpdate when this run uses the API (the year's
   * three tabs within their call budget): each tab's cells, formats, borders, wraps and frozen
   * rows; a new tab is added at the end with its widths and warning-only protection (an
   * existing one keeps the widths and protection it has, as replaceGeneratedTab does). Charts
   * stay with SpreadsheetApp (placeCharts: one getCharts on a rebuilt tab, built only when
   * missing). Without the API, the tabs are written one by one.
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#UpdateCellsRequest
   */
  replaceGeneratedTabs(tabs: readonly GeneratedTab[]): void {
    const api = this.apiBook();
    if (api === null) {
      for (const tab of tabs) this.replaceGeneratedTab(tab);
      return;
    }
    if (this.unflushed) SpreadsheetApp.flush();
    this.unflushed = false;
    const timeZone = this.info().timeZone;
    const taken = new Set(api.sheetIds());
    const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
    const added: ApiTab[] = [];
    const existed = new Map<string, boolean>();
    for (const tab of tabs) {
      const known = api.tab([tab.name], true);
      const sheetId = known?.sheetId ?? freeSheetId(tab.name, taken);
      taken.add(sheetId);
      existed.set(tab.name, known !== null);
      if (known !== null) {
        // Name, grid and frozen rows, then every cell: staff's widths stay.
        requests.push(...tabRequests(tab, sheetId, timeZone).slice(0, 2));
        continue;
      }
      const index = api.tabCount + added.length;
      requests.push(...tabRequests(tab, sheetId, timeZone, index));
      requests.push(protectionRequest(sheetId, tab.protectionDescription));
      added.push({ title: tab.name, sheetId });
    }
    api.update(requests);
    for (const tab of added) api.remember(tab);
    for (const tab of tabs) {
      this.forgetTab(tab.name);
      if (tab.charts.length === 0) continue;
      const state = this.find([tab.name], { exactOnly: true });
      if (state !== null) this.placeCharts(state, tab.charts, existed.get(tab.name) === true);
    }
  }

  /**
   * Archive year's one write (port.ts RowChanges). Through the API, ONE batchUpdate, all or
   * nothing: header cells, then each tab's runs of rows deleted from the bottom up (so the
   * others' numbers hold; rows below move up with their formats and notes), then the new rows
   * appended below the last row with data. Without the API, the same steps one call each
   * (headers, one deleteRows per run, appendRows): not all or nothing.
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#DeleteDimensionRequest
   */
  rewriteRows(changes: readonly RowChanges[]): void {
    const api = this.apiBook();
    if (api === null) {
      for (const change of changes) this.rewriteRowsOneByOne(change);
      return;
    }
    if (this.unflushed) SpreadsheetApp.flush();
    this.unflushed = false;
    const timeZone = this.info().timeZone;
    const tabs = changes.map((change) => {
      const tab = api.tab([change.tab], true);
      if (tab === null) throw new Error(`Tab not found: ${change.tab}`);
      return tab;
    });
    const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
    changes.forEach((change, i) => {
      const tab = tabs[i] as ApiTab;
      const widest = Math.max(0, ...change.newHeaders.map((h) => h.column));
      if (tab.columnCount !== undefined && widest > tab.columnCount) {
        requests.push({
          appendDimension: {
            sheetId: tab.sheetId,
            dimension: 'COLUMNS',
            length: widest - tab.columnCount,
          },
        });
      }
      for (const header of change.newHeaders) {
        requests.push({
          updateCells: {
            start: { sheetId: tab.sheetId, rowIndex: 0, columnIndex: header.column - 1 },
            rows: [
              {
                values: [
                  {
                    userEnteredValue: { stringValue: header.text },
                    userEnteredFormat: { textFormat: { bold: true } },
                  },
                ],
              },
            ],
            fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
          },
        });
      }
    });
    changes.forEach((change, i) => {
      const tab = tabs[i] as ApiTab;
      requests.push(...deleteRunsRequests(tab.sheetId, contiguousRuns(change.remove)));
    });
    changes.forEach((change, i) => {
      if (change.append.length === 0) return;
      const tab = tabs[i] as ApiTab;
      const width = Math.max(...change.append.map((row) => row.length));
      const formats = appendFormats(change.append, width, change.numberFormats);
      requests.push({
        appendCells: {
          sheetId: tab.sheetId,
          rows: change.append.map((row) => ({
            values: formats.map((format, c) =>
              cellData(row[c], format === NUMBER_FORMATS.general ? undefined : format, timeZone),
            ),
          })),
          fields: 'userEnteredValue,userEnteredFormat.numberFormat',
        },
      });
    });
    api.update(requests);
    for (const tab of tabs) this.forgetTab(tab.title);
  }

  /** Rows removed first (row 1 is never among them), so a failure there leaves the tab as it was. */
  private rewriteRowsOneByOne(change: RowChanges): void {
    this.deleteRows(change.tab, change.remove);
    if (change.newHeaders.length > 0) {
      const tab = this.require(change.tab);
      const widest = Math.max(...change.newHeaders.map((h) => h.column));
      this.ensureSize(tab, 1, widest);
      for (const run of contiguousRuns(change.newHeaders.map((h) => h.column))) {
        const texts = run.map((column) => change.newHeaders.find((h) => h.column === column)?.text);
        const range = tab.sheet.getRange(1, run[0] ?? 1, 1, run.length);
        range.setValues([texts.map((text) => text ?? '')]);
        range.setFontWeight('bold');
      }
      forgetContents(tab);
    }
    this.appendRows(change.tab, change.append, change.numberFormats);
  }

  markCells(update: MarkUpdate): void {
    if (update.marks.length === 0 && update.clear.length === 0) return;
    this.unflushed = true;
    const tab = this.require(update.tab);
    const range = (tab.dataRange ??= tab.sheet.getDataRange());
    const current = (tab.notes ??= range.getNotes() as string[][]);
    const notes = current.map((row) => row);
    const painted: string[] = [];
    const cleared: string[] = [];
    const write = (row: number, column: number, note: string): void => {
      const cells = notes[row - 1];
      if (cells === undefined || column > cells.length) return;
      if (cells === current[row - 1]) notes[row - 1] = cells.slice();
      (notes[row - 1] as string[])[column - 1] = note;
    };
    for (const cell of update.clear) {
      const note = current[cell.row - 1]?.[cell.column - 1];
      if (note === undefined || !note.startsWith(MARK_NOTE_PREFIX)) continue;
      write(cell.row, cell.column, staffPartOf(note));
      cleared.push(cellA1(cell.row, cell.column));
    }
    for (const mark of update.marks) {
      const note = current[mark.row - 1]?.[mark.column - 1];
      if (note === undefined) continue;
      const marked = markedNote(mark.note, staffPartOf(note));
      if (marked === note) continue;
      write(mark.row, mark.column, marked);
      painted.push(cellA1(mark.row, mark.column));
    }
    if (painted.length + cleared.length === 0) return;
    // Only the rows from the first to the last whose marks change are written, not the whole
    // data range (800,000 notes at 100,000 rows for one mark): same single call.
    const changed = [...painted, ...cleared].map((a1) => Number(/\d+$/.exec(a1)?.[0]));
    const first = Math.min(...changed);
    const last = Math.max(...changed);
    const width = notes[0]?.length ?? 1;
    const sheet = tab.sheet;
    // Beside a column this person may not edit (docs/roles.md), cell by cell instead.
    orCellByCell(
      () =>
        sheet.getRange(first, 1, last - first + 1, width).setNotes(notes.slice(first - 1, last)),
      () =>
        notesCellByCell(sheet, first, current.slice(first - 1, last), notes.slice(first - 1, last)),
    );
    tab.notes = notes;
    tab.contents = null;
    if (cleared.length > 0) {
      orCellByCell(
        () => sheet.getRangeList(mergeColumnRuns(cleared)).setBackground(null),
        () => backgroundsCellByCell(sheet, cleared, null),
      );
    }
    if (painted.length > 0) {
      orCellByCell(
        () => sheet.getRangeList(mergeColumnRuns(painted)).setBackground(MARK_BACKGROUND),
        () => backgroundsCellByCell(sheet, painted, MARK_BACKGROUND),
      );
    }
  }

  /**
   * The used grid in one call: "A -1 value given as the row or column position is equivalent
   * to getting the very last row or column that has data in the sheet."
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)
   * What it does on a sheet with no data is not documented (the emulator throws, as getRange
   * does for zero rows; unconfirmed): then getDataRange + getValues answer instead.
   */
  private usedValues(tab: TabState): CellValue[][] {
    let raw: CellValue[][];
    try {
      raw = tab.sheet.getSheetValues(1, 1, -1, -1) as CellValue[][];
    } catch {
      const range = tab.sheet.getDataRange();
      tab.dataRange = range;
      raw = range.getValues() as CellValue[][];
    }
    return isEmptyGrid(raw) ? [] : unescapedText(raw);
  }

  private noteSize(tab: TabState, values: readonly (readonly CellValue[])[]): void {
    tab.lastRow = values.length;
    tab.lastColumn = values[0]?.length ?? 0;
  }

  // ---- finding and creating sheets ----

  /** The actual name of the tab named by any of `names`, without reading it; null when none. */
  tabName(names: readonly string[], options: { readonly exactName?: boolean } = {}): string | null {
    return this.find(names, { exactOnly: options.exactName === true })?.name ?? null;
  }

  /** The spreadsheet this workbook was made with (no call). */
  boundSpreadsheet(): Spreadsheet {
    return this.spreadsheet;
  }

  /** The sheet of a tab this run has already found (e.g. by readTab), at no call; else null. */
  knownSheet(name: string): Sheet | null {
    return this.tabs.get(normalizeName(name))?.sheet ?? null;
  }

  /**
   * The tab named by any of `names`. Tries getSheetByName with the first name in the sheet's
   * script and the first in the other (most workbooks use one of the two main names), then
   * falls back to one scan of every sheet name, matched ignoring case and spacing; after a
   * scan, every later lookup in the run is answered from it.
   */
  private find(names: readonly string[], how: { exactOnly?: boolean } = {}): TabState | null {
    for (const name of names) {
      const known = this.tabs.get(normalizeName(name));
      if (known !== undefined) return known;
    }
    if (this.scanned === null && this.listing) {
      // Listed by tabNames in this run: a name no tab has is no tab, without a lookup.
      const listed = this.listing.tab(names, how.exactOnly === true);
      if (listed === null) return null;
      const sheet = this.spreadsheet.getSheetByName(listed.title);
      if (sheet !== null) return this.remember(listed.title, sheet);
    }
    if (this.scanned === null) {
      for (const name of this.probeOrder(names)) {
        const sheet = this.spreadsheet.getSheetByName(name);
        if (sheet !== null) {
          this.prefersChinese = HAN.test(name);
          return this.remember(name, sheet);
        }
      }
      if (how.exactOnly) return null;
      this.scan();
    }
    for (const name of names) {
      const found = this.scanned?.get(normalizeName(name));
      if (found !== undefined) return this.remember(found.name, found.sheet);
    }
    return null;
  }

  /**
   * A generated tab and whether it existed. Once this run had to create one, the next is
   * created without looking first (the month's three tabs come and go together): insertSheet
   * refuses a name that is taken (docs/emulator.md, "Spreadsheet"), and only then is the tab
   * looked up, so the guess costs one call when wrong and saves one each time it is right.
   */
  private generatedTab(name: string): { tab: TabState; existed: boolean } {
    const guessNew =
      this.lastGeneratedWasNew && this.scanned === null && !this.tabs.has(normalizeName(name));
    const existing = guessNew ? null : this.find([name], { exactOnly: true });
    if (existing !== null) {
      this.lastGeneratedWasNew = false;
      return { tab: existing, existed: true };
    }
    try {
      const tab = this.createTab(name, { adoptDefault: false });
      this.lastGeneratedWasNew = true;
      return { tab, existed: false };
    } catch (error) {
      const found = guessNew ? this.find([name], { exactOnly: true }) : null;
      if (found === null) throw error;
      this.lastGeneratedWasNew = false;
      return { tab: found, existed: true };
    }
  }

  private probeOrder(names: readonly string[]): string[] {
    // Chinese names first, the workshop's own; the first hit teaches which language this
    // sheet's tabs use, without a call to ask for the locale.
    const prefersChinese = this.prefersChinese ?? true;
    const chinese = names.find((name) => HAN.test(name));
    const other = names.find((name) => !HAN.test(name));
    const ordered = prefersChinese ? [chinese, other] : [other, chinese];
    return ordered.filter((name): name is string => name !== undefined);
  }

  private scan(): void {
    const sheets = this.spreadsheet.getSheets();
    const found = sheets.map((sheet) => ({ name: sheet.getName(), sheet }));
    // The first of two names that normalize alike wins, as getSheets lists them.
    this.scanned = new Map(
      [...found].reverse().map((tab) => [normalizeName(tab.name), tab] as const),
    );
    this.scannedNames = found.map((tab) => tab.name);
    this.sheetCount = sheets.length;
  }

  /**
   * Every tab's name, hidden ones too. Through the Sheets advanced service one Spreadsheets.get
   * lists them (with getId: 2 calls, however many tabs); without it, one scan (getSheets and a
   * getName per sheet), which later lookups in the run are then answered from.
   */
  tabNames(): string[] {
    if (this.api) return this.api.titles();
    if (this.scannedNames !== null) return [...this.scannedNames];
    if (this.listing === undefined) this.listing = SheetsApiBook.open(this.spreadsheet);
    if (this.listing !== null) return this.listing.titles();
    this.scan();
    return [...(this.scannedNames ?? [])];
  }

  private remember(name: string, sheet: Sheet, size?: { rows: number; columns: number }): TabState {
    const tab: TabState = {
      name,
      sheet,
      dataRange: null,
      lastRow: size ? 0 : null,
      lastColumn: size ? 0 : null,
      notes: null,
      contents: null,
      maxRows: size?.rows ?? null,
      maxColumns: size?.columns ?? null,
      columnFormats: new Map(),
    };
    this.tabs.set(normalizeName(name), tab);
    this.scanned?.set(normalizeName(name), { name, sheet });
    return tab;
  }

  private require(name: string): TabState {
    const tab = this.find([name]);
    if (tab === null) throw new Error(`Tab not found: ${name}`);
    return tab;
  }

  /**
   * A new, empty sheet at the end. On a brand-new spreadsheet whose only sheet is the
   * untouched default one, that sheet is renamed instead, so no empty "Sheet1" is left behind.
   */
  private createTab(name: string, how: { adoptDefault?: boolean } = {}): TabState {
    // The API's list of tabs no longer holds: SpreadsheetApp answers for the rest of the run.
    if (this.api) this.api = null;
    if (this.listing) this.listing = undefined;
    const adopted = how.adoptDefault === false ? null : this.adoptableDefaultSheet();
    if (adopted !== null) {
      this.scanned?.delete(adopted.name);
      this.scannedNames =
        this.scannedNames?.map((old) => (normalizeName(old) === adopted.name ? name : old)) ?? null;
      adopted.sheet.setName(name);
      const tab = this.remember(name, adopted.sheet);
      tab.lastRow = 0;
      tab.lastColumn = 0;
      return tab;
    }
    const index = (this.sheetCount ??= this.spreadsheet.getNumSheets());
    this.usersSheet ??= this.spreadsheet.getActiveSheet();
    const sheet = this.spreadsheet.insertSheet(name, index);
    this.insertedSheets = true;
    this.sheetCount = index + 1;
    this.scannedNames?.push(name);
    return this.remember(name, sheet, { rows: NEW_SHEET_ROWS, columns: NEW_SHEET_COLUMNS });
  }

  private adoptableDefaultSheet(): { name: string; sheet: Sheet } | null {
    if (this.scanned === null || this.sheetCount !== 1 || this.tabs.size > 0) return null;
    const [key, only] = [...this.scanned.entries()][0] ?? [];
    if (only === undefined || key === undefined || !DEFAULT_SHEET_NAMES.includes(key)) return null;
    return only.sheet.getLastColumn() === 0 ? { name: key, sheet: only.sheet } : null;
  }

  private ensureSize(tab: TabState, rows: number, columns: number): void {
    const maxRows = (tab.maxRows ??= tab.sheet.getMaxRows());
    if (rows > maxRows) {
      tab.sheet.insertRowsAfter(maxRows, rows - maxRows);
      tab.maxRows = rows;
    }
    if (columns <= (tab.lastColumn ?? 0) && tab.maxColumns === null) return;
    const maxColumns = (tab.maxColumns ??= tab.sheet.getMaxColumns());
    if (columns > maxColumns) {
      tab.sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
      tab.maxColumns = columns;
    }
  }

  // ---- Set up ----

  /** An empty tab: header, formats, bold, validation in one range over the whole grid. */
  private setUpNewTab(tab: TabState, setup: TabSetup): void {
    const width = setupWidth(setup);
    if (width > NEW_SHEET_COLUMNS) this.ensureSize(tab, 2, width);
    else this.ensureSize(tab, 2, 0);
    const rows = tab.maxRows ?? NEW_SHEET_ROWS;
    const byColumn = columnSetups(setup, width);
    const header = Array.from({ length: width }, (_, i) => headerText(setup, i + 1));
    const block = this.rangeGrowingIfNeeded(tab, 1, rows, width);
    const dataFormats = byColumn.map((c) => c?.numberFormat ?? NUMBER_FORMATS.general);
    block.setNumberFormats(
      gridOf(
        rows,
        header.map(() => NUMBER_FORMATS.text),
        dataFormats,
      ),
    );
    block.setValues(
      gridOf(
        rows,
        header,
        header.map(() => ''),
      ),
    );
    const bold = header.map((_, i) => (i < setup.headerWidth ? 'bold' : null));
    block.setFontWeights(
      gridOf(
        rows,
        bold,
        header.map(() => null),
      ),
    );
    // Audit's long old and new values wrap within their columns, as on the .xlsx: unwrapped, they
    // ran over their neighbours on screen and printed cut at the next filled cell.
    const wraps = byColumn.map((c) => c?.wrap === true);
    if (wraps.includes(true))
      block.setWraps(
        gridOf(
          rows,
          header.map(() => false),
          wraps,
        ),
      );
    const rules = byColumn.map((c) => (c?.validation ? this.rule(c) : null));
    if (rules.some((rule) => rule !== null)) {
      block.setDataValidations(
        gridOf(
          rows,
          header.map(() => null),
          rules,
        ),
      );
    }
    tab.sheet.setFrozenRows(1);
    this.widenColumns(tab.sheet, byColumn);
    byColumn.forEach((c, i) => c?.numberFormat && tab.columnFormats.set(i + 1, c.numberFormat));
    tab.lastRow = header.some((text) => text !== '') ? 1 : 0;
    tab.lastColumn = width;
    forgetContents(tab);
  }

  /**
   * A new tab's columns wide enough for what they hold (products, e-mail addresses). Sheets'
   * default of 100 px already shows dates, IDs, names and phones, and text in the last column runs on
   * into the empty columns beside it: only wider columns before the last are set, one call per
   * run of neighbouring columns of one width.
   */
  private widenColumns(sheet: Sheet, byColumn: readonly (ColumnSetup | undefined)[]): void {
    const wide = (column: number): number => {
      const width = byColumn[column]?.width ?? 0;
      return width >= SHEETS_WIDEN_FROM && column < byColumn.length - 1 ? width : 0;
    };
    let column = 0;
    while (column < byColumn.length) {
      const width = wide(column);
      let count = 1;
      while (width > 0 && wide(column + count) === width) count += 1;
      if (width > 0) sheet.setColumnWidths(column + 1, count, width);
      column += count;
    }
  }

  /** A tab with data: only missing headers are written; formats and rules cover rows 2 down. */
  private setUpExistingTab(tab: TabState, setup: TabSetup): void {
    const width = setupWidth(setup);
    this.ensureSize(tab, 2, width);
    const rows = (tab.maxRows ?? NEW_SHEET_ROWS) - 1;
    for (const run of contiguousRuns(setup.newHeaders.map((h) => h.column))) {
      const texts = run.map((column) => headerText(setup, column));
      tab.sheet.getRange(1, run[0] ?? 1, 1, run.length).setValues([texts]);
    }
    if (setup.headerWidth > 0) {
      tab.sheet.getRange(1, 1, 1, setup.headerWidth).setFontWeight('bold');
    }
    tab.sheet.setFrozenRows(1);
    this.formatColumns(tab, setup.columns, rows);
    this.validateColumns(tab, setup.columns, rows);
    tab.lastColumn = Math.max(tab.lastColumn ?? 0, width);
    forgetContents(tab);
  }

  /** One getRangeList + setNumberFormat per distinct format, over rows 2 down. */
  private formatColumns(tab: TabState, columns: readonly ColumnSetup[], rows: number): void {
    const byFormat = new Map<string, number[]>();
    for (const c of columns) {
      if (c.numberFormat === undefined) continue;
      byFormat.set(c.numberFormat, [...(byFormat.get(c.numberFormat) ?? []), c.column]);
    }
    for (const [format, cols] of byFormat) {
      const a1s = cols.map((c) => `${columnLetter(c)}2:${columnLetter(c)}${rows + 1}`);
      tab.sheet.getRangeList(a1s).setNumberFormat(format);
      cols.forEach((c) => tab.columnFormats.set(c, format));
    }
  }

  /**
   * Rules go on the validated columns only, so staff's own rules elsewhere stay: one
   * setDataValidation per column, the rule sent once for the whole column. (A grid of rules for
   * adjacent columns would send one rule object per cell: 800,000 at 100,000 rows.)
   */
  private validateColumns(tab: TabState, columns: readonly ColumnSetup[], rows: number): void {
    for (const setup of columns) {
      if (!setup.validation) continue;
      tab.sheet.getRange(2, setup.column, rows, 1).setDataValidation(this.rule(setup));
    }
  }

  /** Each distinct rule is built once per run (drop-down sources cost one getRange each). */
  private rule(setup: ColumnSetup): DataValidation {
    const rule = setup.validation as ValidationRule;
    const allowInvalid = setup.allowInvalid ?? true;
    const key = JSON.stringify([rule, setup.helpText ?? '', allowInvalid]);
    const cached = this.rules.get(key);
    if (cached !== undefined) return cached;
    // One builder serves the whole run: build() takes a snapshot, and every setting is set
    // again for each rule. https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#build()
    this.builder ??= SpreadsheetApp.newDataValidation();
    const built = this.criteria(this.builder, rule)
      .setAllowInvalid(allowInvalid)
      .setHelpText(setup.helpText ?? '')
      .build();
    this.rules.set(key, built);
    return built;
  }

  private criteria(
    builder: GoogleAppsScript.Spreadsheet.DataValidationBuilder,
    rule: ValidationRule,
  ): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    switch (rule.kind) {
      case 'list':
        return builder.requireValueInList([...rule.values], true);
      case 'fromColumn': {
        const source = this.require(rule.tab);
        const letter = columnLetter(rule.column);
        // An open-ended range ("A2:A") keeps later rows in the drop-down.
        return builder.requireValueInRange(source.sheet.getRange(`${letter}2:${letter}`), true);
      }
      case 'wholeNumber':
      case 'number':
        return builder.requireNumberGreaterThanOrEqualTo(rule.min);
      case 'date':
        return builder.requireDate();
      case 'checkbox':
        return builder.requireCheckbox();
    }
  }

  // ---- appending ----

  /**
   * Text stays text: string cells get the plain-text format '@' before the values are written
   * (so "=HYPERLINK(…)", "+86 138…" and "007" are stored as typed). Columns Set up already
   * formatted in this run are skipped; numbers and dates keep the column's format.
   */
  private formatAppendedCells(
    tab: TabState,
    range: Range,
    rows: readonly (readonly CellValue[])[],
    width: number,
    numberFormats: readonly string[] | undefined,
  ): void {
    const wanted = appendFormats(rows, width, numberFormats);
    const needed = wanted.map((format, i) =>
      format !== undefined && tab.columnFormats.get(i + 1) !== format ? format : undefined,
    );
    if (needed.every((format) => format === undefined)) return;
    if (wanted.every((format) => format !== undefined)) {
      range.setNumberFormats(rows.map(() => wanted as string[]));
      return;
    }
    const first = range.getRow();
    const last = first + rows.length - 1;
    const byFormat = new Map<string, string[]>();
    needed.forEach((format, i) => {
      if (format === undefined) return;
      const letter = columnLetter(i + 1);
      byFormat.set(format, [...(byFormat.get(format) ?? []), `${letter}${first}:${letter}${last}`]);
    });
    for (const [format, a1s] of byFormat) tab.sheet.getRangeList(a1s).setNumberFormat(format);
  }

  // ---- generated tabs ----

  private writeGrid(tab: TabState, generated: GeneratedTab, height: number, width: number): Range {
    const range = this.rangeGrowingIfNeeded(tab, 1, height, width);
    const formats = generated.cells.map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        // Strings are written as they are: plain text, whatever format the column has.
        if (typeof row[c] === 'string' && row[c] !== '') return NUMBER_FORMATS.text;
        return generated.numberFormats[r]?.[c] || NUMBER_FORMATS.general;
      }),
    );
    range.setNumberFormats(formats);
    range.setValues(generated.cells.map((row) => padRow(row, width)));
    if (generated.boldRows.length > 0) {
      const bold = new Set(generated.boldRows);
      const boldRow: FontWeight[] = Array.from({ length: width }, () => 'bold');
      const plainRow: (FontWeight | null)[] = Array.from({ length: width }, () => null);
      range.setFontWeights(generated.cells.map((_, r) => (bold.has(r) ? boldRow : plainRow)));
    }
    return range;
  }

  /**
   * The range from `row`, growing the sheet first when it is known to be too small. Sizes are
   * asked for only then, or when getRange says the range lies outside the sheet, which it
   * does by throwing ("The coordinates of the range are outside the dimensions of the sheet.",
   * DESIGN.md section 7): the common case costs no size lookups.
   */
  private rangeGrowingIfNeeded(tab: TabState, row: number, height: number, width: number): Range {
    const lastRow = row + height - 1;
    const tooSmall =
      (tab.maxRows !== null && lastRow > tab.maxRows) ||
      (tab.maxColumns !== null && width > tab.maxColumns);
    if (tooSmall) this.ensureSize(tab, lastRow, width);
    try {
      return tab.sheet.getRange(row, 1, height, width);
    } catch {
      tab.maxRows = null;
      tab.maxColumns = null;
      this.ensureSize(tab, lastRow, width);
      return tab.sheet.getRange(row, 1, height, width);
    }
  }

  private setColumnWidths(sheet: Sheet, widths: readonly number[]): void {
    let start = 0;
    while (start < widths.length) {
      let end = start;
      while (end + 1 < widths.length && widths[end + 1] === widths[start]) end += 1;
      sheet.setColumnWidths(start + 1, end - start + 1, widths[start] as number);
      start = end + 1;
    }
  }

  /**
   * Warning-only protection: staff are asked before editing a rebuilt tab. A tab Gongfang
   * made earlier keeps the protection it has (Sheet.protect() would return that same one);
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect
   */
  /**
   * A tab only Gongfang writes (结账 / Closings) is protected like the generated tabs; one that
   * an earlier version left unprotected is protected the next time it is set up. Sheet
   * protections are listed with getProtections(SHEET).
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType)
   */
  private protectOnce(sheet: Sheet, description: string, isNew: boolean): void {
    const protectedAlready =
      !isNew && sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0;
    if (!protectedAlready) sheet.protect().setDescription(description).setWarningOnly(true);
  }

  private protect(sheet: Sheet, description: string, isNew: boolean): void {
    if (!isNew) return;
    sheet.protect().setDescription(description).setWarningOnly(true);
  }

  /**
   * A rebuilt tab keeps its charts when it has exactly as many as wanted; otherwise they are all
   * removed and built again. Counting is enough because a generated tab's charts never move:
   * their ranges and anchors are fixed by the tab's layout, whatever the data (the port's
   * ChartSpec contract; the summary's trend block sits at a fixed place), and the tab is
   * rebuilt only under its exact name, which carries its language, so the titles match too.
   * The charts there are the ones Gongfang put there for the same spec. One getCharts call,
   * where comparing each chart's range cost two more per chart. (If clear() took the charts
   * with it, the count would be 0 and they would simply be built again.) A tab that wants no
   * charts is not asked for its own: Gongfang never puts charts there.
   */
  /**
   * The charts a rebuilt Summary keeps must cover its trend, whose months start at the ledger's
   * first month: a month added before it lengthens the range. Both charts cover the same rows,
   * so the first one's range (getRanges, getA1Notation: 2 calls) tells whether they still fit.
   */
  private sameRows(chart: EmbeddedChart | undefined, spec: ChartSpec | undefined): boolean {
    if (chart === undefined || spec === undefined) return false;
    const range = chart.getRanges()[0];
    return range !== undefined && range.getA1Notation() === rangeA1(spec.range);
  }

  private placeCharts(tab: TabState, specs: readonly ChartSpec[], existed: boolean): void {
    if (specs.length === 0) return;
    const current = existed ? tab.sheet.getCharts() : [];
    if (current.length === specs.length && this.sameRows(current[0], specs[0])) return;
    for (const chart of current) tab.sheet.removeChart(chart);
    for (const spec of specs) {
      const { row, column, numRows, numColumns } = spec.range;
      const chart = tab.sheet
        .newChart()
        .setChartType(spec.kind === 'line' ? Charts.ChartType.LINE : Charts.ChartType.COLUMN)
        .addRange(tab.sheet.getRange(row, column, numRows, numColumns))
        .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
        .setOption('title', spec.title)
        .setOption('width', spec.width)
        .setOption('height', spec.height)
        .build();
      tab.sheet.insertChart(chart);
    }
  }
}

// ---- helpers (pure) ----

function rangeA1(range: ChartSpec['range']): string {
  const last = range.row + range.numRows - 1;
  const lastColumn = range.column + range.numColumns - 1;
  return `${cellA1(range.row, range.column)}:${cellA1(last, lastColumn)}`;
}

function setupWidth(setup: TabSetup): number {
  return Math.max(
    1,
    setup.headerWidth,
    ...setup.newHeaders.map((h) => h.column),
    ...setup.columns.map((c) => c.column),
  );
}

function headerText(setup: TabSetup, column: number): string {
  return setup.newHeaders.find((h) => h.column === column)?.text ?? '';
}

function columnSetups(setup: TabSetup, width: number): (ColumnSetup | undefined)[] {
  return Array.from({ length: width }, (_, i) => setup.columns.find((c) => c.column === i + 1));
}

/** A grid of `rows` rows: the first row, then the same data row repeated (shared, read-only). */
function gridOf<T>(rows: number, first: T[] | null, data: T[]): T[][] {
  const grid: T[][] = new Array<T[]>(rows);
  grid.fill(data);
  if (first !== null) grid[0] = first;
  return grid;
}

/**
 * The format of each appended column: the one given, else plain text where a row has a string
 * there (so "007" and "+86 138…" stay as typed), else none (the column's own stays).
 */
function appendFormats(
  rows: readonly (readonly CellValue[])[],
  width: number,
  numberFormats: readonly string[] | undefined,
): (string | undefined)[] {
  return Array.from({ length: width }, (_, i) => {
    const given = numberFormats?.[i];
    if (given !== undefined && given !== '') return given;
    return rows.some((row) => typeof row[i] === 'string' && row[i] !== '')
      ? NUMBER_FORMATS.text
      : undefined;
  });
}

/** What this run knew of a tab's cells is stale once it writes to the tab. */
function forgetContents(tab: TabState): void {
  tab.dataRange = null;
  tab.notes = null;
  tab.contents = null;
}

/** No cells: getDataRange of an empty sheet is A1 holding ''. */
function isEmptyGrid(raw: readonly (readonly CellValue[])[]): boolean {
  if (raw.length === 0 || raw.every((row) => row.length === 0)) return true;
  return raw.length === 1 && raw[0]?.length === 1 && raw[0]?.[0] === '';
}

/** A row as written: `width` cells, text that Sheets could take for a formula escaped. */
function padRow(row: readonly CellValue[], width: number): CellValue[] {
  const padded = row.slice(0, width).map(escapedText);
  while (padded.length < width) padded.push('');
  return padded;
}

/**
 * Text starting with =, +, - or @ is written after an apostrophe (and so is text starting with
 * an apostrophe, which Sheets would otherwise take as the escape and drop), so it can never become a
 * formula or a number: setValues reads "=…" as a formula and names no exception for plain-text
 * cells (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)),
 * while "a leading apostrophe" keeps an entry as text and is not part of the value
 * (https://support.google.com/docs/answer/56470). The '@' format stays as well.
 */
export function escapedText(value: CellValue): CellValue {
  return typeof value === 'string' && TEXT_NEEDING_ESCAPE.test(value) ? `'${value}` : value;
}

/**
 * Reading removes exactly what writing added, should Sheets keep the apostrophe in the value
 * (the self-test asks; the emulator, like the Sheets UI, does not keep it, and then there is
 * nothing to remove): an apostrophe followed by =, +, - or @, once. Staff's own text starting
 * "'=" would lose its apostrophe if Sheets drops it — rare enough, and the self-test shows which.
 */
export function unescapedText(values: CellValue[][]): CellValue[][] {
  for (const row of values) {
    for (let i = 0; i < row.length; i += 1) {
      const value = row[i];
      if (typeof value === 'string' && value.charCodeAt(0) === 39 && ESCAPED_TEXT.test(value))
        row[i] = value.slice(1);
    }
  }
  return values;
}

const TEXT_NEEDING_ESCAPE = /^[=+\-@']/;
const ESCAPED_TEXT = /^'[=+\-@]/;

/** Sorted runs of consecutive numbers: [1,2,3,5] → [[1,2,3],[5]]. */
export function contiguousRuns(numbers: readonly number[]): number[][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[last.length - 1] === n - 1) last.push(n);
    else runs.push([n]);
  }
  return runs;
}

function cellA1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "D5","D6","D7","F2" → "D5:D7","F2": fewer ranges for RangeList. */
export function mergeColumnRuns(cells: readonly string[]): string[] {
  const byColumn = new Map<string, number[]>();
  for (const cell of cells) {
    const match = /^([A-Z]+)(\d+)$/.exec(cell);
    if (match === null) continue;
    const [, letters = '', row = '0'] = match;
    byColumn.set(letters, [...(byColumn.get(letters) ?? []), Number(row)]);
  }
  const merged: string[] = [];
  for (const [letters, rows] of byColumn) {
    for (const run of contiguousRuns(rows)) {
      const first = run[0];
      const last = run[run.length - 1];
      merged.push(first === last ? `${letters}${first}` : `${letters}${first}:${letters}${last}`);
    }
  }
  return merged;
}
