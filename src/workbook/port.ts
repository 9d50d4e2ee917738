/**
 * The Workbook port: the small, coarse interface every backend implements (Apps Script's
 * SpreadsheetApp, the .xlsx package editor on Node). Each method is a handful of service calls
 * whatever the number of rows: whole tables are read at once and written at once, never cell
 * by cell.
 *
 * Coordinates are 1-based as the sheet shows them. Features know nothing of the backend.
 */
import type { CellPosition, CellValue } from './cells';

/** What a tab holds, read in one batch from A1 to the last used row and column. */
export interface TabContents {
  /** The tab's actual name in the workbook (it may differ in case or spacing from the one asked). */
  readonly name: string;
  /**
   * Rectangular; row 0 is sheet row 1. Empty tab: []. A backend may hand over a very sparse
   * tab (a stray value far out, e.g. in XFD1048576) with rows only as long as their own cells:
   * readers take a missing cell as empty.
   */
  readonly values: readonly (readonly CellValue[])[];
  /** Same shape as values ('' where a cell has no note); only when asked for. */
  readonly notes?: readonly (readonly string[])[];
}

export interface ReadOptions {
  readonly withNotes?: boolean;
  /**
   * The tab, if it exists, has exactly one of `names` (a tab only Gongfang writes, e.g.
   * 结账 / Closings): a backend may then skip its search ignoring case and spacing when no
   * name matches exactly. Backends that search cheaply may ignore it.
   */
  readonly exactName?: boolean;
}

/** Number formats use the pattern syntax Sheets and Excel share. */
export const NUMBER_FORMATS = {
  text: '@',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
  month: '@',
  wholeNumber: '0',
  integer: '#,##0',
  rate: '0.00##',
  percent: '0.0%',
  general: 'General',
} as const;

/** Money with the workshop's currency sign, e.g. ¥#,##0.00 */
export function moneyFormat(currency: string): string {
  const sign = currency.replace(/"/g, '');
  return `"${sign}"#,##0.00`;
}

/** A drop-down or check that Set up attaches to a column's data cells. */
export type ValidationRule =
  | { readonly kind: 'list'; readonly values: readonly string[] }
  /** Values taken from a column of another tab (e.g. resident IDs). */
  | { readonly kind: 'fromColumn'; readonly tab: string; readonly column: number }
  | { readonly kind: 'wholeNumber'; readonly min: number }
  | { readonly kind: 'number'; readonly min: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'checkbox' };

export interface ColumnSetup {
  readonly column: number;
  /** Applied to the data cells (row 2 down). */
  readonly numberFormat?: string;
  readonly validation?: ValidationRule;
  /** Shown beside the cell when the validation rejects a value. */
  readonly helpText?: string;
  /** Invalid values are shown with a warning rather than refused. */
  readonly allowInvalid?: boolean;
  /** Pixels; applied only where the column still has the application's default width. */
  readonly width?: number;
  /** Data cells wrap within the column (a new tab; the .xlsx wraps its rows as it writes them). */
  readonly wrap?: boolean;
  /**
   * The .xlsx: where `width` is applied, the column's cells wrap, the rows already there stored
   * as tall as their lines (a spreadsheet grows a row typed later). Sheets leaves it: a call
   * more a tab, over Set up's budget.
   */
  readonly wrapWhereSized?: boolean;
}

/** What Set up asks of one source tab. Never deletes or moves anything already there. */
export interface TabSetup {
  readonly name: string;
  /** Create the tab (at the end) when it does not exist. */
  readonly create: boolean;
  /** Header cells to write into row 1; existing headers are not in this list. */
  readonly newHeaders: readonly { readonly column: number; readonly text: string }[];
  /** The header row is made bold over this many columns, and frozen. */
  readonly headerWidth: number;
  readonly columns: readonly ColumnSetup[];
  /**
   * Protect the tab as generated tabs are (warning-only where the backend can), with this
   * description; for tabs only Gongfang writes, e.g. 结账 / Closings.
   */
  readonly protectionDescription?: string;
  /**
   * Only the first n columns are printed, under a header repeated on each page (the Closings
   * tab's fingerprints and details stay on screen). A backend with no print-area API ignores it.
   */
  readonly printColumns?: number;
  /**
   * A tab Set up creates (a source tab) prints fitted to the page's width in this orientation,
   * its header on every page: a printed Residents list keeps each resident's row on one page.
   * Only where the tab is created; a backend with no page-setup API (Apps Script) ignores it.
   */
  readonly printFitted?: 'portrait' | 'landscape';
}

/**
 * A chart kept on a generated tab; positions are 1-based within that tab. A tab's charts must
 * sit at the same range and anchor whatever the data (a builder places them at a fixed block):
 * a backend rebuilding an existing tab may keep the charts it finds when their number matches.
 */
export interface ChartSpec {
  readonly kind: 'line' | 'column';
  readonly title: string;
  /** The data block, header row and first (label) column included. */
  readonly range: {
    readonly row: number;
    readonly column: number;
    readonly numRows: number;
    readonly numColumns: number;
  };
  readonly anchor: CellPosition;
  readonly width: number;
  readonly height: number;
}

/** A block of cells, 0-based within a generated tab. */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/** How a cell's content sits in it; '' leaves the backend's default (numbers right, text left). */
export type Alignment = '' | 'left' | 'center' | 'right';

/**
 * How a generated tab prints. Backends do what their application allows and no more: an .xlsx
 * keeps every part; Google Sheets has no API for page breaks or a print area (see docs).
 */
export interface PrintLayout {
  /** Tables drawn with a thin border round every cell, so figures sit under their labels. */
  readonly boxes: readonly CellBlock[];
  /** Blocks with a thin border round their outer edge only (a box to sign in); absent: none. */
  readonly outlines?: readonly CellBlock[];
  /** 0-based rows whose bottom edge carries a dashed line across `width` columns: cut here. */
  readonly cutLines: readonly number[];
  /** 0-based rows that start a new printed page, so no block is split across two pages. */
  readonly pageBreaks: readonly number[];
  /** Rows 1..n printed again at the top of every page (0: none). */
  readonly repeatRows: number;
  /** Only the first n columns are printed (machine columns stay on screen); null: all. */
  readonly printColumns: number | null;
  /** Columns the cut lines and page width span. */
  readonly width: number;
  /**
   * 0-based columns that start a new page across, for a table too wide for one page at full
   * size: it prints over pages side by side (title columns repeated at the left of each)
   * instead of shrunk to the page's width. Absent: every column on one page's width.
   */
  readonly columnBreaks?: readonly number[];
  /** Columns 1..n printed again at the left of every page across (with columnBreaks). */
  readonly titleColumns?: number;
  /**
   * The foot of every printed page, where the backend can set one: `left` (e.g. the workshop's
   * name), then the tab's name, then `page` with {page} standing for the page number.
   * `tabBesidePage`: the tab's name goes on the right, before the page number, not centred (a
   * long workshop name would run into it).
   */
  readonly footer?: {
    readonly left: string;
    readonly page: string;
    readonly tabBesidePage?: boolean;
  };
}

/** A tab the tool writes whole, e.g. 工资 2026-11. Replaces any earlier version of it. */
export interface GeneratedTab {
  readonly name: string;
  /** Rectangular. '' is an empty cell. Strings are written as they are, never parsed. */
  readonly cells: readonly (readonly CellValue[])[];
  /** Same shape as cells. */
  readonly numberFormats: readonly (readonly string[])[];
  /** 0-based row indexes written bold. */
  readonly boldRows: readonly number[];
  readonly frozenRows: number;
  /** Pixels, one per column. */
  readonly columnWidths: readonly number[];
  /** Protection description, e.g. "Rebuilt by Gongfang; edits are overwritten". */
  readonly protectionDescription: string;
  readonly charts: readonly ChartSpec[];
  /** Print on A4 landscape (else portrait) where the backend can set it. */
  readonly landscape: boolean;
  /**
   * Pixels, one per row: what each row needs for its wrapped text (lines measured at the
   * column's width), so a reader that prints rows at their stored height (Excel, WPS,
   * LibreOffice) neither cuts a line nor prints it over the next row. Absent: default heights.
   */
  readonly rowHeights?: readonly number[];
  /** Same shape as cells; absent: the backend's defaults everywhere. */
  readonly alignments?: readonly (readonly Alignment[])[];
  /**
   * Same shape as cells; true: the text wraps within its cell, on as many lines as it needs
   * (rowHeights gives the row the height they take; Sheets grows such a row by itself). A
   * wrapped cell never runs over its empty neighbours. Absent: no cell wraps.
   */
  readonly wraps?: readonly (readonly boolean[])[];
  /** Borders, cut lines and page breaks for printing; absent: none. */
  readonly print?: PrintLayout;
  /**
   * Texts an earlier layout of this tab had in column A under its title, where this one no
   * longer does: a tab written by an earlier version, before generated tabs were marked, is
   * still recognised as Gongfang's by them (xlsx/xlsxWorkbook.ts). Absent: none.
   */
  readonly earlierLabels?: readonly string[];
}

/** Bad cells to mark (background + note) and earlier marks to clear, on one tab. */
export interface MarkUpdate {
  readonly tab: string;
  readonly marks: readonly (CellPosition & { readonly note: string })[];
  /** Cells that carried a Gongfang mark and are now fine: background and note are removed. */
  readonly clear: readonly CellPosition[];
}

/** Prefix of every note Gongfang writes, so its marks can be told from staff's own notes. */
export const MARK_NOTE_PREFIX = '⚠ 工坊 Gongfang: ';
export const MARK_BACKGROUND = '#fde2e1';

export interface SpreadsheetInfo {
  /** e.g. "zh_CN", "en_US" */
  readonly locale: string;
  /** IANA zone of the spreadsheet, e.g. "Asia/Shanghai". Months and dates are counted in it. */
  readonly timeZone: string;
}

/** A tab a feature is about to read, named as for readTab. */
export interface TabWanted {
  readonly names: readonly string[];
  readonly exactName?: boolean;
  /** Only its header row and the rows from this one down (readRows), not the whole tab. */
  readonly fromRow?: number;
}

/** The end of a tab: its header row and rows `firstRow`.. to the last with data. */
export interface TabRows {
  readonly name: string;
  readonly header: readonly CellValue[];
  /** The sheet row of rows[0]. */
  readonly firstRow: number;
  readonly rows: readonly (readonly CellValue[])[];
}

/**
 * The header row and rows `fromRow`.. of a tab (null: no such tab). A backend that can read a
 * part of a tab (the Sheets API) reads only that; readRowsOf falls back to the whole tab.
 */
export function readRowsOf(
  workbook: Workbook,
  names: readonly string[],
  fromRow: number,
): TabRows | null {
  if (workbook.readRows) return workbook.readRows(names, fromRow);
  const whole = workbook.readTab(names);
  if (whole === null) return null;
  return {
    name: whole.name,
    header: whole.values[0] ?? [],
    firstRow: fromRow,
    rows: whole.values.slice(fromRow - 1),
  };
}

export interface Workbook {
  info(): SpreadsheetInfo;
  /**
   * A hint: these tabs are read next (without notes). A backend that reads several tabs in one
   * call (Sheets' advanced service) reads them now, and readTab answers from what it read;
   * others ignore it. Reads never differ for it.
   */
  prefetch?(tabs: readonly TabWanted[]): void;
  /**
   * The tab whose name matches any of `names` (surrounding spaces and case ignored), read in
   * one batch; null when there is no such tab.
   */
  readTab(names: readonly string[], options?: ReadOptions): TabContents | null;
  /** See readRowsOf; backends that read only a part of a tab implement it. */
  readRows?(names: readonly string[], fromRow: number): TabRows | null;
  /**
   * The actual names of every tab, hidden ones included, in the workbook's order: to tell when
   * two tabs answer to one role (features/tabRoles.ts).
   */
  tabNames(): readonly string[];
  /** Applies Set up to each tab, in order; tabs created here are added at the end. */
  setUpTabs(setups: readonly TabSetup[]): void;
  /**
   * Appends rows below the last used row of an existing tab. Strings are written as text
   * (never as formulas or numbers); `numberFormats` optionally gives one format per column.
   * `wraps`: columns whose text wraps within the cell; the .xlsx stores each row's height for
   * it, as its readers print a row at its stored height (Sheets grows rows by itself; its
   * appends leave wrapping to the tab's own formats).
   */
  appendRows(
    tab: string,
    rows: readonly (readonly CellValue[])[],
    numberFormats?: readonly string[],
    wraps?: readonly boolean[],
  ): void;
  /** Writes a generated tab whole, replacing any earlier version. */
  replaceGeneratedTab(tab: GeneratedTab): void;
  /**
   * Writes several generated tabs, each as replaceGeneratedTab would. Optional: a backend that
   * can write them all in one request (the Sheets advanced service) offers it; otherwise
   * callers write them one by one (writeGeneratedTabs).
   */
  replaceGeneratedTabs?(tabs: readonly GeneratedTab[]): void;
  /** Marks bad cells and clears old marks; staff's own notes and colours elsewhere are kept. */
  markCells(update: MarkUpdate): void;
  /**
   * Removes rows of source tabs and appends rows below, on several tabs, in ONE write: all or
   * nothing where the backend can (Sheets: one Sheets API batchUpdate; .xlsx: the file is saved
   * once). Only Archive year does it; optional (a backend without it cannot archive).
   */
  rewriteRows?(changes: readonly RowChanges[]): void;
}

/**
 * One tab's part of rewriteRows, applied in this order: header cells written in row 1, rows
 * removed (rows below move up, with their notes and formats), rows appended below the last used
 * row (text stays text, as appendRows writes it).
 */
export interface RowChanges {
  readonly tab: string;
  readonly newHeaders: readonly { readonly column: number; readonly text: string }[];
  /** 1-based, as the sheet numbers them before the change. */
  readonly remove: readonly number[];
  readonly append: readonly (readonly CellValue[])[];
  /** One per column of the appended rows. */
  readonly numberFormats?: readonly string[];
}

/** Writes `tabs` in one request where the backend can, else one by one. */
export function writeGeneratedTabs(workbook: Workbook, tabs: readonly GeneratedTab[]): void {
  if (workbook.replaceGeneratedTabs) workbook.replaceGeneratedTabs(tabs);
  else for (const tab of tabs) workbook.replaceGeneratedTab(tab);
}

/**
 * Removing rows of a source tab: only Undo in the Record pieces sidebar does it (Sheets only).
 * Rows are 1-based as the sheet shows them; a backend removes runs of adjacent rows at once.
 */
export interface RowRemoval {
  deleteRows(tab: string, rows: readonly number[]): void;
}
