/**
 * 记件 / Record pieces: what the sidebar offers (open orders, residents, recent ones), writing a
 * batch of lines in one append, and undoing a batch. Every line carries an entry ID made by the
 * page; a line whose entry is already on 计件 / Pieces is never written again, so a double
 * click, a retry after a network failure or a colleague's submit cannot write a line twice.
 * Callers hold the document lock around submit and undo.
 */
import { acceptedToDate, indexPayBook } from '../domain/payout';
import { isoDateToSerial, monthOf } from '../domain/dates';
import type { IsoDate } from '../domain/records';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../workbook/cells';
import {
  type CodecContext,
  decodeDate,
  decodeId,
  decodeText,
  decodeWholeNumber,
} from '../workbook/codecs';
import { PIECES, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, type RowRemoval, type Workbook } from '../workbook/port';
import {
  checkCandidates,
  columnsOf,
  formatsFor,
  isolated,
  problemText,
  rateText,
  readAhead,
  readTabs,
  rowFor,
  sheetSettings,
} from './candidateRows';
import { refusal } from './errors';
import { validateLedgerTabs } from './loadLedger';
import { closedMonthKeys, readClosingsFirst, sheetLanguage } from './monthData';

/** Residents shown first in the search: those recorded most recently. */
const RECENT_RESIDENTS = 12;

export interface OrderChoice {
  readonly id: string;
  readonly product: string;
  readonly craft: string;
  /** 1/10,000 yuan per accepted piece. */
  readonly payRate: number;
  readonly payRateText: string;
  /** Pieces still to deliver (quantity − accepted to date); null when the order has no quantity. */
  readonly left: number | null;
  readonly due: string | null;
}

export interface ResidentChoice {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

export interface RecordPiecesView {
  readonly lang: Lang;
  readonly today: IsoDate;
  readonly currency: string;
  readonly orders: OrderChoice[];
  readonly residents: ResidentChoice[];
  /** IDs of the residents recorded most recently, newest first. */
  readonly recent: string[];
  /** The order of the last row on Pieces, when it is still open. */
  readonly lastOrder: string | null;
}

export function residentChoices(residents: readonly ResidentChoice[]): ResidentChoice[] {
  return residents.map((r) => ({ id: r.id, name: r.name, active: r.active }));
}

/** Settings, Residents, Orders and Pieces: Adjustments and Partners play no part here. */
export function recordPiecesView(workbook: Workbook, today: IsoDate): RecordPiecesView {
  readAhead(workbook, ['settings', 'residents', 'orders', 'pieces']);
  const settings = sheetSettings(workbook);
  const contents = readTabs(workbook, ['residents', 'orders', 'pieces']);
  const context = { timeZone: workbook.info().timeZone, lang: settings.lang };
  const { validated } = validateLedgerTabs(contents, context, { today, readPartners: false });
  const ledger = { ...validated, lang: settings.lang, settings };
  const accepted = acceptedToDate(indexPayBook(ledger), '9999-12-31');
  const orders = ledger.orders
    .filter((order) => order.status === 'open')
    .map((order) => ({
      id: order.id,
      product: order.product,
      craft: order.craft,
      payRate: order.payRate,
      payRateText: rateText(order.payRate, ledger.settings.currency),
      left: order.quantity === null ? null : order.quantity - (accepted.get(order.id) ?? 0),
      due: order.due,
    }));
  const newestFirst = [...ledger.pieces].sort((a, b) => b.row - a.row);
  const recent: string[] = [];
  for (const piece of newestFirst) {
    if (recent.length >= RECENT_RESIDENTS) break;
    if (!recent.includes(piece.residentId)) recent.push(piece.residentId);
  }
  const last = newestFirst[0]?.orderId ?? null;
  return {
    lang: ledger.lang,
    today,
    currency: ledger.settings.currency,
    orders,
    residents: residentChoices(ledger.residents),
    recent,
    lastOrder: orders.some((o) => o.id === last) ? last : null,
  };
}

export interface PieceLineInput {
  readonly entry: string;
  readonly residentId: string;
  readonly orderId: string;
  /** As typed: full-width digits and spaces are read as everywhere else. */
  readonly completed: string;
  readonly rejected: string;
  readonly notes: string;
}

export interface PiecesBatch {
  readonly date: string;
  readonly recordedBy: string;
  readonly lines: readonly PieceLineInput[];
  /** False the first time: warnings are then shown and nothing is written. */
  readonly acceptWarnings: boolean;
  /**
   * A submit of these lines got no answer before (a lost reply): some may be on the tab
   * already, wherever it is now. The server then looks for their entry IDs in the whole tab.
   */
  readonly retry?: boolean;
}

/** A line as written, so that Undo can tell whether its row changed since. */
export interface WrittenLine {
  readonly entry: string;
  readonly row: number;
  readonly date: IsoDate;
  readonly residentId: string;
  readonly orderId: string;
  readonly completed: number;
  readonly rejected: number;
}

export type SubmitOutcome =
  | { readonly kind: 'refused'; readonly problems: string[] }
  | { readonly kind: 'warnings'; readonly warnings: string[] }
  | {
      readonly kind: 'written';
      readonly tab: string;
      readonly lines: WrittenLine[];
      /** Lines found already written (a retry), as they are on the tab: not written again. */
      readonly earlier: WrittenLine[];
    };

const PIECE_COLUMNS = ['date', 'resident', 'order', 'completed', 'rejected', 'entry'] as const;

/** The row number of every entry ID on Pieces (IDs compared as the validation compares them). */
function entryRows(
  values: readonly (readonly CellValue[])[],
  column: number,
  context: CodecContext,
) {
  const rows = new Map<string, number>();
  values.forEach((cells, index) => {
    if (index === 0) return;
    const id = decodeId(cells[column - 1] ?? '', context);
    if (id.ok && id.value !== null) rows.set(id.value.toLowerCase(), index + 1);
  });
  return rows;
}

export function submitPieces(
  workbook: Workbook,
  batch: PiecesBatch,
  today: IsoDate,
): SubmitOutcome & { lang: Lang } {
  readAhead(workbook, ['settings', 'closings', 'residents', 'orders', 'pieces']);
  const lang = sheetLanguage(workbook);
  const context: CodecContext = { timeZone: workbook.info().timeZone, lang };
  const date = decodeDate(batch.date, context);
  if (!date.ok || date.value === null) {
    throw refusal('sbDateInvalid', { value: isolated(batch.date) });
  }
  const closedMonths = closedMonthKeys(readClosingsFirst(workbook));
  if (closedMonths.includes(monthOf(date.value))) {
    throw refusal('sbClosedMonth', { month: monthOf(date.value) });
  }
  const contents = readTabs(workbook, ['residents', 'orders', 'pieces']);
  const pieces = contents.pieces;
  const columns = columnsOf(PIECES, pieces, PIECE_COLUMNS, lang);
  const existing = entryRows(pieces?.values ?? [], columns.entry, context);
  const earlier: WrittenLine[] = [];
  const fresh = batch.lines.filter((line) => {
    const row = existing.get(line.entry.toLowerCase());
    if (row !== undefined)
      earlier.push(lineOnTab(pieces?.values ?? [], row, columns, context, line.entry));
    return row === undefined;
  });
  const tab = pieces?.name ?? labelOf(PIECES, lang);
  if (fresh.length === 0) return { kind: 'written', lang, tab, lines: [], earlier };

  const count = (text: string): CellValue => {
    const read = decodeWholeNumber(text, context);
    return read.ok ? (read.value ?? '') : text;
  };
  const rows = fresh.map((line) =>
    rowFor(columns, {
      date: isoDateToSerial(date.value as IsoDate),
      resident: line.residentId,
      order: line.orderId,
      completed: count(line.completed),
      rejected: count(line.rejected),
      recordedBy: batch.recordedBy,
      notes: line.notes,
      entry: line.entry,
    }),
  );
  const check = checkCandidates(contents, 'pieces', rows, context, { today, closedMonths });
  const worded = (problems: typeof check.errors) =>
    problems.map((p) =>
      t(lang, 'sbLineProblem', { line: p.line, message: problemText(p, lang, contents) }),
    );
  if (check.errors.length > 0) return { kind: 'refused', lang, problems: worded(check.errors) };
  if (check.warnings.length > 0 && !batch.acceptWarnings) {
    return { kind: 'warnings', lang, warnings: worded(check.warnings) };
  }
  const first = (pieces?.values.length ?? 0) + 1;
  workbook.appendRows(
    tab,
    rows,
    formatsFor(columns, {
      date: NUMBER_FORMATS.date,
      resident: NUMBER_FORMATS.text,
      order: NUMBER_FORMATS.text,
      completed: NUMBER_FORMATS.wholeNumber,
      rejected: NUMBER_FORMATS.wholeNumber,
      recordedBy: NUMBER_FORMATS.text,
      notes: NUMBER_FORMATS.text,
      entry: NUMBER_FORMATS.text,
    }),
  );
  const byRow = new Map(check.validated.pieces.map((p) => [p.row, p]));
  const lines = fresh.map((line, index) => {
    const written = byRow.get(first + index);
    return {
      entry: line.entry,
      row: first + index,
      date: date.value as IsoDate,
      residentId: written?.residentId ?? line.residentId,
      orderId: written?.orderId ?? line.orderId,
      completed: written?.completed ?? 0,
      rejected: written?.rejected ?? 0,
    };
  });
  return { kind: 'written', lang, tab, lines, earlier };
}

/** A line as it stands on row `row` of Pieces (a retry found it written before). */
function lineOnTab(
  values: readonly (readonly CellValue[])[],
  row: number,
  columns: Record<(typeof PIECE_COLUMNS)[number], number>,
  context: CodecContext,
  entry: string,
): WrittenLine {
  const cells = values[row - 1] ?? [];
  const cell = (key: (typeof PIECE_COLUMNS)[number]) => cells[columns[key] - 1] ?? '';
  return {
    entry,
    row,
    date: valueOf(decodeDate(cell('date'), context)) ?? '',
    residentId: valueOf(decodeText(cell('resident'), context)) ?? '',
    orderId: valueOf(decodeText(cell('order'), context)) ?? '',
    completed: valueOf(decodeWholeNumber(cell('completed'), context)) ?? 0,
    rejected: valueOf(decodeWholeNumber(cell('rejected'), context)) ?? 0,
  };
}

export type UndoOutcome =
  | { readonly kind: 'undone'; readonly count: number }
  | { readonly kind: 'changed'; readonly details: string[] };

/**
 * Removes the batch's rows, found by their entry IDs wherever they are now, if every one still
 * holds what was written; otherwise says which changed and removes nothing.
 */
export function undoPieces(
  workbook: Workbook & RowRemoval,
  lines: readonly WrittenLine[],
): UndoOutcome & { lang: Lang } {
  readAhead(workbook, ['settings', 'pieces']);
  const lang = sheetLanguage(workbook);
  const context: CodecContext = { timeZone: workbook.info().timeZone, lang };
  const pieces = readTabs(workbook, ['pieces']).pieces;
  const columns = columnsOf(PIECES, pieces, PIECE_COLUMNS, lang);
  const values = pieces?.values ?? [];
  const rows = entryRows(values, columns.entry, context);
  const details: string[] = [];
  const found: number[] = [];
  for (const line of lines) {
    const row = rows.get(line.entry.toLowerCase());
    if (row === undefined) {
      details.push(t(lang, 'sbUndoRowMissing', { entry: line.entry }));
      continue;
    }
    const cells = values[row - 1] ?? [];
    const cell = (key: (typeof PIECE_COLUMNS)[number]) => cells[columns[key] - 1] ?? '';
    const same =
      valueOf(decodeDate(cell('date'), context)) === line.date &&
      valueOf(decodeText(cell('resident'), context)) === line.residentId &&
      valueOf(decodeText(cell('order'), context)) === line.orderId &&
      valueOf(decodeWholeNumber(cell('completed'), context)) === line.completed &&
      (valueOf(decodeWholeNumber(cell('rejected'), context)) ?? 0) === line.rejected;
    if (same) found.push(row);
    else details.push(t(lang, 'sbUndoRowChanged', { row }));
  }
  if (details.length > 0) return { kind: 'changed', lang, details };
  workbook.deleteRows(pieces?.name ?? labelOf(PIECES, lang), found);
  return { kind: 'undone', lang, count: found.length };
}

function valueOf<T>(decoded: { ok: true; value: T } | { ok: false }): T | undefined {
  return decoded.ok ? decoded.value : undefined;
}
