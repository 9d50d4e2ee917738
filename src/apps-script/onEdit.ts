/**
 * The onEdit simple trigger: every edit of a source tab is checked, marked and tidied at once
 * (docs/validation.md). The logic is features/editCheck.ts; this file reads the edited rows,
 * keeps the EditContext in the document cache between edits, and writes the answer back.
 *
 * A simple trigger runs without authorisation: only the bound spreadsheet and services that
 * need none (CacheService lists no scopes) are used, and nothing may throw out of it, since an
 * exception shows the user an error. Failures are logged and left for Check data.
 * https://developers.google.com/apps-script/guides/triggers#restrictions
 * The event: e.range is the edited range; e.value / e.oldValue exist for a single cell only.
 * https://developers.google.com/apps-script/guides/triggers/events#edit
 */
import type { IsoDate } from '../domain/records';
import {
  type EditContext,
  buildEditContext,
  checkEdit,
  ledgerTabOf,
  outOfDateTabs,
} from '../features/editCheck';
import type { EditAnswer, EditSource, LedgerTabKey, TidiedCell } from '../features/editCheck';
import { OUT_OF_DATE_CELL } from '../features/reports/context';
import { langFromLocale, t } from '../i18n';
import type { CellValue } from '../workbook/cells';
import { dateInZone } from '../workbook/codecs';
import { normalizeName } from '../workbook/layout';
import { MARK_BACKGROUND, type TabContents } from '../workbook/port';
import type { TidyValue } from '../workbook/tidy';
import { SheetsWorkbook } from './sheetsWorkbook';
import { PIECES_EDITED_KEY, TALLY_STAMP_KEY } from './sidebarMemory';
import { backgroundsCellByCell, notesCellByCell, orCellByCell } from './protectedWrites';
import { columnLetter } from '../workbook/cells';
import { EDIT_SKEW_MS, type PiecesEdited, type TallyStamp } from '../features/piecesTally';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cache = GoogleAppsScript.Cache.Cache;

/** A paste or fill of more rows is left for Check data (a toast says so). */
export const EDIT_ROW_LIMIT = 2000;
export const EDIT_CONTEXT_KEY = 'gongfang:edit-context:v1';
/** What the audit trigger keeps of the context (audit.ts), forgotten with it. */
export const AUDIT_CONTEXT_KEY = 'gongfang:audit-context:v1';
/**
 * The longest a cache keeps a value (6 hours). Operations that change what the context holds
 * without an edit (Generate, Close) forget it; see forgetEditContext.
 * https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)
 */
const CONTEXT_SECONDS = 21_600;
const TOAST_SECONDS = 8;
const REBUILD_AFTER_MS = 60_000;
const REFERENCE_TABS: readonly LedgerTabKey[] = ['residents', 'partners', 'orders'];

export function onEdit(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    if (event?.range) answerEdit(event);
  } catch (error) {
    // The log (Executions in the Apps Script editor) keeps it; Check data finds what was missed.
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

/** Drops the kept context, for operations that change the month tabs or Closings. */
export function forgetEditContext(): void {
  try {
    // The audit trigger's own (smaller) context goes with it (audit.ts): one call for both.
    CacheService.getDocumentCache()?.removeAll([EDIT_CONTEXT_KEY, AUDIT_CONTEXT_KEY]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
}

export interface Position {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

function answerEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  let edited = event.range;
  const sheet = edited.getSheet();
  const sheetName = sheet.getName();
  const tab = ledgerTabOf(sheetName);
  if (tab === null) return;
  let at = positionOf(edited);
  const cache = CacheService.getDocumentCache();
  // A new setting or header changes the context: it is built again at the next edit.
  const header = tab === 'settings' || at.row === 1;
  if (header) {
    cache?.remove(EDIT_CONTEXT_KEY);
    if (tab === 'settings' || at.numRows === 1) return;
    // Rows pasted with their header (a table copied in at A1): checked under the new header.
    at = { ...at, row: 2, numRows: at.numRows - 1 };
    edited = sheet.getRange(at.row, at.column, at.numRows, at.numColumns);
  }
  const spreadsheet = event.source;
  // The kept context and, for Pieces, what the sidebars' tally needs to know, in one call.
  const stored = cache?.getAll([EDIT_CONTEXT_KEY, TALLY_STAMP_KEY, PIECES_EDITED_KEY]) ?? {};
  const kept = header ? null : parseContext(stored[EDIT_CONTEXT_KEY]);
  const notes = new CacheWrites(cache);
  if (tab === 'pieces') notes.add(PIECES_EDITED_KEY, piecesEditNote(stored, at.row, Date.now()));
  if (at.numRows > EDIT_ROW_LIMIT) {
    const lang = kept?.lang ?? langFromLocale(spreadsheet.getSpreadsheetLocale());
    const message = t(lang, 'editTooManyRows', { count: at.numRows, limit: EDIT_ROW_LIMIT });
    spreadsheet.toast(message, t(lang, 'editToastTitle'), TOAST_SECONDS);
    notes.flush();
    return;
  }
  let context = kept ?? buildAndKeep(spreadsheet, notes);
  const otherTab = (c: EditContext) =>
    normalizeName(c.tabs[tab]?.name ?? '') !== normalizeName(sheetName);
  // A tab renamed by staff since (计件 → Pieces) fires no edit: built again, once a minute.
  if (kept !== null && otherTab(kept) && Date.now() - kept.builtAt > REBUILD_AFTER_MS) {
    context = buildAndKeep(spreadsheet, notes);
  }
  const info = context.tabs[tab];
  if (info === undefined || otherTab(context)) {
    notes.flush();
    return;
  }
  const width = Math.max(info.header.length, at.column + at.numColumns - 1);
  const rows = sheet.getRange(at.row, 1, at.numRows, width);
  const edit = {
    tab,
    firstRow: at.row,
    values: rows.getValues() as CellValue[][],
    notes: rows.getNotes(),
    editedColumns: { first: at.column, last: at.column + at.numColumns - 1 },
    oldValue: event.oldValue as string | undefined,
  };
  let answer = checkEdit(context, edit, todayIn(context.timeZone));
  if (answer.unknownReference && kept !== null && Date.now() - kept.builtAt > REBUILD_AFTER_MS) {
    // A resident or order added by a sidebar (no edit event) is not in a kept context yet;
    // a context built in the last minute is trusted, so a run of typos costs no rebuilds.
    context = buildAndKeep(spreadsheet, notes);
    answer = checkEdit(context, edit, todayIn(context.timeZone));
  }
  writeAnswer(sheet, edited, rows, at, edit, answer);
  if (REFERENCE_TABS.includes(tab)) {
    // A resident, partner or order changed: the context is built again at the next edit.
    notes.forget(EDIT_CONTEXT_KEY);
    cache?.remove(EDIT_CONTEXT_KEY);
  } else markOutOfDate(spreadsheet, notes, context, answer);
  notes.flush();
}

/**
 * Cache writes of one edit, in one putAll: the context kept and the note for the sidebars'
 * tally go together, so the note costs a call only when nothing else is written.
 */
class CacheWrites {
  private readonly values: Record<string, string> = {};

  constructor(private readonly cache: Cache | null) {}

  add(key: string, value: string | null): void {
    if (value !== null) this.values[key] = value;
  }

  forget(key: string): void {
    delete this.values[key];
  }

  flush(): void {
    if (Object.keys(this.values).length === 0) return;
    try {
      this.cache?.putAll(this.values, CONTEXT_SECONDS);
    } catch (error) {
      // Over 100 KB (a very large workshop): every edit then builds it; slower, still right.
      console.warn(error instanceof Error ? error.message : String(error));
    }
    for (const key of Object.keys(this.values)) delete this.values[key];
  }
}

/**
 * The note a hand edit of Pieces leaves for the sidebars' tally (features/piecesTally.ts): when
 * and from which row the tab was edited after the tally read it. None when no tally is kept,
 * or when a note since the tally's read already covers this row (so only the first edit after
 * a sidebar refreshed its tally costs a write).
 */
export function piecesEditNote(
  stored: Readonly<Record<string, string>>,
  row: number,
  now: number,
): string | null {
  const stamp = parseJson<TallyStamp>(stored[TALLY_STAMP_KEY]);
  if (stamp === null) return null;
  const edited = parseJson<PiecesEdited>(stored[PIECES_EDITED_KEY]);
  const sinceRead = edited !== null && edited.at + EDIT_SKEW_MS >= stamp.readAt;
  if (sinceRead && edited.fromRow <= row) return null;
  const fromRow = sinceRead ? Math.min(edited.fromRow, row) : row;
  return JSON.stringify({ at: now, fromRow } satisfies PiecesEdited);
}

function parseJson<T>(text: string | undefined): T | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The bounds the event object carries beside the Range's methods (see boundsCarried). */
interface CarriedBounds {
  readonly rowStart?: unknown;
  readonly rowEnd?: unknown;
  readonly columnStart?: unknown;
  readonly columnEnd?: unknown;
}

/**
 * The edited range's bounds at no cost when the event carries them: a logged event shows
 * "range":{"columnStart":1,"rowStart":1,"rowEnd":1,"columnEnd":1}. Google does not document
 * these fields, so anything but four whole numbers falls back to asking the Range.
 */
function boundsCarried(range: Range): Position | null {
  const { rowStart, rowEnd, columnStart, columnEnd } = range as unknown as CarriedBounds;
  const numbers = [rowStart, rowEnd, columnStart, columnEnd];
  if (!numbers.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1)) return null;
  const [row, lastRow, column, lastColumn] = numbers as [number, number, number, number];
  if (lastRow < row || lastColumn < column) return null;
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}

/** Free from the event, else one call: getA1Notation ("B7", "A2:H40"). */
export function positionOf(range: Range): Position {
  const carried = boundsCarried(range);
  if (carried) return carried;
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.getA1Notation());
  if (match) {
    const [, firstLetters = 'A', firstRow = '1', lastLetters, lastRow] = match;
    const column = columnNumber(firstLetters);
    const row = Number(firstRow);
    return {
      row,
      column,
      numRows: lastRow === undefined ? 1 : Number(lastRow) - row + 1,
      numColumns: lastLetters === undefined ? 1 : columnNumber(lastLetters) - column + 1,
    };
  }
  return {
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
  };
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
}

function todayIn(timeZone: string): IsoDate {
  return dateInZone(new Date(), timeZone) ?? new Date().toISOString().slice(0, 10);
}

// ---- the kept context ----

function parseContext(text: string | undefined): EditContext | null {
  return parseJson<EditContext>(text);
}

/** The kept context, or one built (and kept) now: for the audit trigger (audit.ts). */
export function editContextOf(spreadsheet: Spreadsheet): EditContext {
  const cache = CacheService.getDocumentCache();
  const kept = parseContext(cache?.get(EDIT_CONTEXT_KEY) ?? undefined);
  if (kept !== null) return kept;
  const writes = new CacheWrites(cache);
  const context = buildAndKeep(spreadsheet, writes);
  writes.flush();
  return context;
}

function buildAndKeep(spreadsheet: Spreadsheet, writes: CacheWrites): EditContext {
  const source = editSource(spreadsheet);
  const timeZone = source.workbook.info().timeZone;
  const context = buildEditContext(source, todayIn(timeZone), Date.now());
  writes.add(EDIT_CONTEXT_KEY, JSON.stringify(context));
  return context;
}

/** Small tabs whole through the port; Pieces and Adjustments by their header row only. */
function editSource(spreadsheet: Spreadsheet): EditSource {
  let sheets: Map<string, { name: string; sheet: Sheet }> | null = null;
  const all = (): Map<string, { name: string; sheet: Sheet }> =>
    (sheets ??= new Map(
      spreadsheet.getSheets().map((sheet) => {
        const name = sheet.getName();
        return [normalizeName(name), { name, sheet }];
      }),
    ));
  return {
    workbook: new SheetsWorkbook(spreadsheet),
    tabNames: () => [...all().values()].map((found) => found.name),
    headerOf(names): TabContents | null {
      const found = names.map((name) => all().get(normalizeName(name))).find(Boolean);
      if (found === undefined) return null;
      try {
        return {
          name: found.name,
          values: found.sheet.getSheetValues(1, 1, 1, -1) as CellValue[][],
        };
      } catch {
        // An empty sheet has no last column to read up to.
        return { name: found.name, values: [] };
      }
    },
  };
}

// ---- writing the answer ----

function writeAnswer(
  sheet: Sheet,
  edited: Range,
  rows: Range,
  at: Position,
  read: { readonly values: readonly (readonly CellValue[])[]; readonly notes: string[][] },
  answer: EditAnswer,
): void {
  writeTidied(edited, at, read.values, answer.tidied);
  const notes = answer.notes;
  // Beside a column this person may not edit (docs/roles.md), the notes go cell by cell.
  if (notes !== null) {
    orCellByCell(
      () => rows.setNotes(notes),
      () => notesCellByCell(sheet, at.row, read.notes, notes),
    );
  }
  writeFills(sheet, edited, rows, at, answer.fills);
}

/**
 * A single cell is written alone; a block is written back whole in one call, its other cells
 * as they were read (text as text). Formulas inside a pasted block would become their values;
 * staff do not paste formulas into the source tabs.
 */
function writeTidied(
  edited: Range,
  at: Position,
  values: readonly (readonly CellValue[])[],
  tidied: readonly TidiedCell[],
): void {
  const [first] = tidied;
  if (first === undefined) return;
  if (at.numRows === 1 && at.numColumns === 1) {
    edited.setValue(inputOf(first.value));
    return;
  }
  const grid = values.map((cells) =>
    cells.slice(at.column - 1, at.column - 1 + at.numColumns).map(asTyped),
  );
  for (const cell of tidied) {
    const line = grid[cell.row - at.row];
    if (line !== undefined) line[cell.column - at.column] = inputOf(cell.value);
  }
  edited.setValues(grid);
}

/** What to write for a tidied value: a date as 2026-11-03, which the sheet makes a date cell. */
function inputOf(value: TidyValue): string | number {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'date') return value.value;
  return `'${value.value}`;
}

/** A cell written back as it was: text stays text (an apostrophe keeps 007 from becoming 7). */
function asTyped(cell: CellValue): CellValue {
  return typeof cell === 'string' && cell !== '' ? `'${cell}` : cell;
}

function writeFills(
  sheet: Sheet,
  edited: Range,
  rows: Range,
  at: Position,
  fills: EditAnswer['fills'],
): void {
  const [first] = fills;
  if (first === undefined) return;
  const onlyTheEditedCell =
    fills.length === 1 &&
    at.numRows === 1 &&
    at.numColumns === 1 &&
    first.row === at.row &&
    first.column === at.column;
  if (onlyTheEditedCell) {
    edited.setBackground(first.marked ? MARK_BACKGROUND : null);
    return;
  }
  // The rows' own colours are read and written back, so staff's colours elsewhere stay.
  const backgrounds = rows.getBackgrounds();
  for (const fill of fills) {
    const line = backgrounds[fill.row - at.row];
    if (line !== undefined) line[fill.column - 1] = fill.marked ? MARK_BACKGROUND : '#ffffff';
  }
  const a1 = (fill: EditAnswer['fills'][number]): string =>
    `${columnLetter(fill.column)}${fill.row}`;
  orCellByCell(
    () => rows.setBackgrounds(backgrounds),
    () => {
      backgroundsCellByCell(sheet, fills.filter((f) => f.marked).map(a1), MARK_BACKGROUND);
      backgroundsCellByCell(sheet, fills.filter((f) => !f.marked).map(a1), null);
    },
  );
}

/**
 * A month whose payout or summary tab exists is marked out of date beside the tab's status,
 * once: the context then forgets those tabs until the month is generated again.
 */
function markOutOfDate(
  spreadsheet: Spreadsheet,
  writes: CacheWrites,
  context: EditContext,
  answer: EditAnswer,
): void {
  const names = outOfDateTabs(context, answer.months);
  if (names.length === 0) return;
  const today = todayIn(context.timeZone);
  const notice = `'${t(context.lang, 'editOutOfDate', { when: today })}`;
  for (const name of names) {
    spreadsheet
      .getSheetByName(name)
      ?.getRange(OUT_OF_DATE_CELL.row, OUT_OF_DATE_CELL.column)
      .setValue(notice);
  }
  const generated = { ...context.generated };
  for (const month of answer.months) delete generated[month];
  writes.add(EDIT_CONTEXT_KEY, JSON.stringify({ ...context, generated }));
}
