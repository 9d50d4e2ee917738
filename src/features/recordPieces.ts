/**
 * 记件 / Record pieces: what the sidebar offers (open orders, residents, recent ones), writing a
 * batch of lines in one append, and undoing a batch. Every line carries an entry ID made by the
 * page; a line whose entry is already on 计件 / Pieces is never written again, so a double
 * click, a retry after a network failure or a colleague's submit cannot write a line twice.
 * Callers hold the document lock around submit and undo.
 */
import { isoDateToSerial, monthOf } from '../domain/dates';
import type { ValidationProblem } from '../domain/validation';
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
import {
  type PiecesNow,
  type PiecesPlan,
  type SidebarMemory,
  acceptedOf,
  addRows,
  planPiecesRead,
  piecesWanted,
  retail,
  settlePieces,
} from './piecesTally';

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

/**
 * Settings, Residents, Orders and the end of Pieces (the tally kept in `memory` says the rest:
 * piecesTally.ts); Adjustments and Partners play no part here.
 */
export function recordPiecesView(
  workbook: Workbook,
  today: IsoDate,
  memory?: SidebarMemory,
): RecordPiecesView {
  const plan = planPiecesRead(memory, today);
  readAhead(workbook, ['settings', 'residents', 'orders'], [piecesWanted(plan)]);
  const settings = sheetSettings(workbook);
  const contents = readTabs(workbook, ['residents', 'orders']);
  const context = { timeZone: workbook.info().timeZone, lang: settings.lang };
  const pieces = settlePieces(workbook, plan, contents, context, today);
  remember(memory, plan, pieces);
  const { validated } = validateLedgerTabs({ ...contents, pieces: pieces.contents }, context, {
    today,
    readPartners: false,
  });
  const orders = validated.orders
    .filter((order) => order.status === 'open')
    .map((order) => ({
      id: order.id,
      product: order.product,
      craft: order.craft,
      payRate: order.payRate,
      payRateText: rateText(order.payRate, settings.currency),
      left: order.quantity === null ? null : order.quantity - acceptedOf(pieces.tally, order.id),
      due: order.due,
    }));
  // The rows read are the tab's last ones: the newest work is there.
  const newestFirst = [...validated.pieces].sort((a, b) => b.row - a.row);
  const recent: string[] = [];
  for (const piece of newestFirst) {
    if (recent.length >= RECENT_RESIDENTS) break;
    if (!recent.includes(piece.residentId)) recent.push(piece.residentId);
  }
  const last = newestFirst[0]?.orderId ?? null;
  return {
    lang: settings.lang,
    today,
    currency: settings.currency,
    orders,
    residents: residentChoices(validated.residents),
    recent,
    lastOrder: orders.some((o) => o.id === last) ? last : null,
  };
}

/** Saves the tally when this run changed it (rebuilt it, or counted rows added since). */
function remember(memory: SidebarMemory | undefined, plan: PiecesPlan, pieces: PiecesNow): void {
  const kept = plan.kept;
  const changed =
    kept === null ||
    pieces.whole ||
    kept.rows !== pieces.tally.rows ||
    kept.tailHash !== pieces.tally.tailHash;
  if (memory && changed) save(memory, pieces.tally);
}

function save(memory: SidebarMemory, tally: PiecesNow['tally']): void {
  memory.save(JSON.stringify(tally), { readAt: tally.readAt, rows: tally.rows });
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
  /** The day the page offered when it opened, sent while its date is still that one. */
  readonly opened?: string;
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

/**
 * The sheet row of every entry ID among the rows read (IDs compared as the validation compares
 * them): `values` is the header row and the rows from sheet row `firstRow` on.
 */
function entryRows(
  values: readonly (readonly CellValue[])[],
  firstRow: number,
  column: number,
  context: CodecContext,
) {
  const rows = new Map<string, number>();
  values.forEach((cells, index) => {
    if (index === 0) return;
    const id = decodeId(cells[column - 1] ?? '', context);
    if (id.ok && id.value !== null) rows.set(id.value.toLowerCase(), firstRow + index - 1);
  });
  return rows;
}

/** The last row of Pieces with data, from what was read (the header is row 1). */
function lastRowOf(pieces: PiecesNow): number {
  const read = pieces.contents?.values.length ?? 0;
  return read <= 1 ? Math.max(read, pieces.firstRow - 1) : pieces.firstRow + read - 2;
}

export function submitPieces(
  workbook: Workbook,
  batch: PiecesBatch,
  today: IsoDate,
  memory?: SidebarMemory,
): SubmitOutcome & { lang: Lang } {
  const plan = planPiecesRead(memory, today);
  readAhead(workbook, ['settings', 'closings', 'residents', 'orders'], [piecesWanted(plan)]);
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
  const contents = readTabs(workbook, ['residents', 'orders']);
  let pieces = settlePieces(workbook, plan, contents, context, today);
  let columns = columnsOf(PIECES, pieces.contents, PIECE_COLUMNS, lang);
  let existing = entryRows(pieces.contents?.values ?? [], pieces.firstRow, columns.entry, context);
  const unseen = batch.lines.some((line) => !existing.has(line.entry.toLowerCase()));
  if (batch.retry === true && unseen && !pieces.whole) {
    // After a lost reply the lines may be anywhere by now: the whole tab is looked through.
    pieces = settlePieces(workbook, { ...plan, kept: null }, contents, context, today);
    columns = columnsOf(PIECES, pieces.contents, PIECE_COLUMNS, lang);
    existing = entryRows(pieces.contents?.values ?? [], pieces.firstRow, columns.entry, context);
  }
  const values = pieces.contents?.values ?? [];
  const earlier: WrittenLine[] = [];
  const fresh = batch.lines.filter((line) => {
    const row = existing.get(line.entry.toLowerCase());
    if (row !== undefined) {
      earlier.push(lineOnTab(values, row - pieces.firstRow + 2, columns, context, line.entry, row));
    }
    return row === undefined;
  });
  const tab = pieces.name ?? labelOf(PIECES, lang);
  if (fresh.length === 0) {
    remember(memory, plan, pieces);
    return { kind: 'written', lang, tab, lines: [], earlier };
  }

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
  const readNow = { ...contents, pieces: pieces.contents };
  const check = checkCandidates(readNow, 'pieces', rows, context, { today, closedMonths });
  const worded = (problems: readonly (ValidationProblem & { line: number })[]) =>
    problems.map((p) =>
      t(lang, 'sbLineProblem', { line: p.line, message: problemText(p, lang, readNow) }),
    );
  if (check.errors.length > 0) return { kind: 'refused', lang, problems: worded(check.errors) };
  // Only the end of the tab was read: an order's quantity is checked against the tally's total.
  const warnings = [
    ...check.warnings.filter((p) => p.code !== 'quantityExceeded'),
    ...quantityWarnings(check.validated, values.length + 1, pieces),
  ].sort((a, b) => a.line - b.line);
  const stale = staleDate(batch, date.value as IsoDate, today, lang);
  if ((warnings.length > 0 || stale.length > 0) && !batch.acceptWarnings) {
    return { kind: 'warnings', lang, warnings: [...stale, ...worded(warnings)] };
  }
  const first = lastRowOf(pieces) + 1;
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
  if (memory) {
    const counted = addRows(pieces.tally, values[0] ?? [], rows, contents, context, today, 1);
    save(memory, retail(counted, [...values.slice(1), ...rows], pieces.firstRow, context.timeZone));
  }
  // The candidates' rows in the validation: after the rows read (the header is its row 1).
  const byRow = new Map(check.validated.pieces.map((p) => [p.row, p]));
  const lines = fresh.map((line, index) => {
    const written = byRow.get(values.length + 1 + index);
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

/**
 * A sidebar left open overnight still offers the day it opened: today's work would go under
 * yesterday, unseen. Said when the date was not changed and that day is past.
 */
function staleDate(batch: PiecesBatch, date: IsoDate, today: IsoDate, lang: Lang): string[] {
  if (batch.opened !== date || date >= today) return [];
  return [t(lang, 'sbDateFromOpening', { date, today })];
}

/**
 * "Accepted to date beyond the order's quantity" for the new lines, from the tally's total of
 * the rows already there (taken to come before the new lines, as they usually do by date).
 */
function quantityWarnings(
  validated: ReturnType<typeof checkCandidates>['validated'],
  firstCandidate: number,
  pieces: PiecesNow,
): (ValidationProblem & { line: number })[] {
  const totals = new Map<string, number>();
  const warned = new Set<string>();
  const found: (ValidationProblem & { line: number })[] = [];
  const quantities = new Map(validated.orders.map((o) => [o.id, o.quantity]));
  for (const piece of validated.pieces.filter((p) => p.row >= firstCandidate)) {
    const quantity = quantities.get(piece.orderId);
    if (quantity === null || quantity === undefined) continue;
    const before = totals.get(piece.orderId) ?? acceptedOf(pieces.tally, piece.orderId);
    const after = before + piece.completed - piece.rejected;
    totals.set(piece.orderId, after);
    if (before > quantity || after <= quantity || warned.has(piece.orderId)) continue;
    warned.add(piece.orderId);
    found.push({
      severity: 'warning',
      tab: 'pieces',
      row: piece.row,
      column: 'completed',
      code: 'quantityExceeded',
      params: { value: String(after), other: String(quantity) },
      line: piece.row - firstCandidate + 1,
    });
  }
  return found;
}

/**
 * A line as it stands on sheet row `row` of Pieces (a retry found it written before), which is
 * `values[at - 1]` of what was read.
 */
function lineOnTab(
  values: readonly (readonly CellValue[])[],
  at: number,
  columns: Record<(typeof PIECE_COLUMNS)[number], number>,
  context: CodecContext,
  entry: string,
  row: number,
): WrittenLine {
  const cells = values[at - 1] ?? [];
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
 * holds what was written; otherwise says which changed and removes nothing. The end of the tab
 * is read first; a line not there has the whole tab looked through.
 */
export function undoPieces(
  workbook: Workbook & RowRemoval,
  lines: readonly WrittenLine[],
  today: IsoDate,
  memory?: SidebarMemory,
): UndoOutcome & { lang: Lang } {
  const plan = planPiecesRead(memory, today);
  readAhead(workbook, ['settings', 'closings', 'residents', 'orders'], [piecesWanted(plan)]);
  const lang = sheetLanguage(workbook);
  // A month closed since the batch was written is paid as it was: corrected by Adjustments only.
  const closed = closedMonthKeys(readClosingsFirst(workbook));
  const month = lines.map((line) => monthOf(line.date)).find((m) => closed.includes(m));
  if (month !== undefined) throw refusal('sbUndoClosedMonth', { month });
  const context: CodecContext = { timeZone: workbook.info().timeZone, lang };
  const contents = readTabs(workbook, ['residents', 'orders']);
  let pieces = settlePieces(workbook, plan, contents, context, today);
  let columns = columnsOf(PIECES, pieces.contents, PIECE_COLUMNS, lang);
  let rows = entryRows(pieces.contents?.values ?? [], pieces.firstRow, columns.entry, context);
  if (!pieces.whole && lines.some((line) => !rows.has(line.entry.toLowerCase()))) {
    pieces = settlePieces(workbook, { ...plan, kept: null }, contents, context, today);
    columns = columnsOf(PIECES, pieces.contents, PIECE_COLUMNS, lang);
    rows = entryRows(pieces.contents?.values ?? [], pieces.firstRow, columns.entry, context);
  }
  const values = pieces.contents?.values ?? [];
  const details: string[] = [];
  const found: number[] = [];
  let missing = 0;
  for (const line of lines) {
    const row = rows.get(line.entry.toLowerCase());
    if (row === undefined) {
      missing += 1;
      details.push(t(lang, 'sbUndoRowMissing', { entry: line.entry }));
      continue;
    }
    const cells = values[row - pieces.firstRow + 1] ?? [];
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
  if (details.length > 0) {
    remember(memory, plan, pieces);
    // Every row gone already (an Undo whose reply was lost did it, or a colleague): said so, not
    // "changed, nothing removed", which told staff the batch was still on the tab.
    if (missing === lines.length) return { kind: 'undone', lang, count: 0 };
    return { kind: 'changed', lang, details };
  }
  workbook.deleteRows(pieces.name ?? labelOf(PIECES, lang), found);
  if (memory) {
    const gone = new Set(found.map((row) => row - pieces.firstRow + 1));
    const removed = values.filter((_, index) => gone.has(index));
    const kept = values.slice(1).filter((_, index) => !gone.has(index + 1));
    const counted = addRows(pieces.tally, values[0] ?? [], removed, contents, context, today, -1);
    save(memory, retail(counted, kept, pieces.firstRow, context.timeZone));
  }
  return { kind: 'undone', lang, count: found.length };
}

function valueOf<T>(decoded: { ok: true; value: T } | { ok: false }): T | undefined {
  return decoded.ok ? decoded.value : undefined;
}
