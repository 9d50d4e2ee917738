/**
 * The rows Archive year leaves in the live sheet in place of the rows it moves out: as few rows
 * as can keep every later figure the same to the piece and the fen.
 *
 * - The archived year's pieces, one row per month, resident and order (its last date, the sums
 *   of Completed and Rejected): each month's pay per resident (Σ accepted × rate, rounded once),
 *   pieces, residents paid and orders worked stay the same, so do the 12-month trend of later
 *   months, last year's Impact figures and every order's accepted-to-date and head count.
 * - Its last PACE_DAYS − 1 days day by day: a partner report in early January measures the
 *   pace of the last 14 days, December's included.
 * - Its adjustments, one row per month and resident (the sum).
 * - Rows carried forward by earlier archives, dated before the year, collapse further: one row
 *   per resident and order, one adjustment per resident. No month before the year is in any
 *   later trend; only accepted-to-date, head counts and who earned before remain to keep.
 *
 * A carried row never holds more than a row may (MAX_PIECES_PER_ROW, one row's pay): a bigger
 * sum is split over several rows of different counts (no two look like a duplicate).
 */
import type { Adjustment, IsoDate, MonthKey, Order, PieceEntry } from './records';
import { monthOf } from './months';
import { addDays } from './dates';
import { compareIds } from './payout';
import { PACE_DAYS } from './partnerReport';
import { MAX_AMOUNT_FEN, MAX_PIECES_PER_ROW, MAX_ROW_PAY_UNITS } from './limits';

export interface CarriedPiece {
  readonly date: IsoDate;
  readonly residentId: string;
  readonly orderId: string;
  readonly completed: number;
  readonly rejected: number;
  /** Rows it stands for. */
  readonly rows: number;
}

export interface CarriedAdjustment {
  readonly month: MonthKey;
  readonly residentId: string;
  /** Fen. */
  readonly amount: number;
  readonly rows: number;
}

interface Sum {
  date: IsoDate;
  residentId: string;
  orderId: string;
  completed: number;
  rejected: number;
  rows: number;
}

function add(groups: Map<string, Sum>, key: string, piece: PieceEntry): void {
  const sum = groups.get(key);
  if (!sum) {
    groups.set(key, {
      date: piece.date,
      residentId: piece.residentId,
      orderId: piece.orderId,
      completed: piece.completed,
      rejected: piece.rejected,
      rows: 1,
    });
    return;
  }
  if (piece.date > sum.date) sum.date = piece.date;
  sum.completed += piece.completed;
  sum.rejected += piece.rejected;
  sum.rows += 1;
}

/** The first day of the year kept day by day: the pace window of a report on 1 January. */
export function dailyFrom(year: number): IsoDate {
  return addDays(`${year}-12-31`, 2 - PACE_DAYS);
}

/** The most pieces one carried row of `order` may hold: the row limits, pay included. */
function piecesPerRow(order: Order | undefined): number {
  const rate = Math.max(order?.payRate ?? 1, 1);
  return Math.max(1, Math.min(MAX_PIECES_PER_ROW, Math.floor(MAX_ROW_PAY_UNITS / rate)));
}

/** A sum split over rows of at most `limit`, each a little smaller than the one before. */
function split(sum: Sum, limit: number): CarriedPiece[] {
  const rows: CarriedPiece[] = [];
  let completed = sum.completed;
  let rejected = sum.rejected;
  let size = limit;
  while (completed > limit) {
    const taken = Math.max(1, size);
    const rejectedHere = Math.min(rejected, taken);
    rows.push({ ...sum, completed: taken, rejected: rejectedHere, rows: 0 });
    completed -= taken;
    rejected -= rejectedHere;
    size -= 1;
  }
  rows.push({ ...sum, completed, rejected, rows: sum.rows });
  return rows;
}

function ordered(pieces: CarriedPiece[]): CarriedPiece[] {
  return pieces.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      compareIds(a.residentId, b.residentId) ||
      compareIds(a.orderId, b.orderId),
  );
}

/**
 * The pieces to carry: `archived` (valid rows of the year archived) by month, resident and
 * order, its last days by day; `earlier` (rows carried by earlier archives) by resident and order.
 */
export function carriedPieces(
  year: number,
  archived: readonly PieceEntry[],
  earlier: readonly PieceEntry[],
  ordersById: ReadonlyMap<string, Order>,
): CarriedPiece[] {
  const groups = new Map<string, Sum>();
  const daily = dailyFrom(year);
  for (const piece of archived) {
    const when = piece.date >= daily ? piece.date : monthOf(piece.date);
    add(groups, `${when}\n${piece.residentId}\n${piece.orderId}`, piece);
  }
  for (const piece of earlier) add(groups, `<\n${piece.residentId}\n${piece.orderId}`, piece);
  const rows = [...groups.values()].flatMap((sum) =>
    split(sum, piecesPerRow(ordersById.get(sum.orderId))),
  );
  return ordered(rows);
}

/** The adjustments to carry: the year's by month and resident, earlier ones by resident. */
export function carriedAdjustments(
  archived: readonly Adjustment[],
  earlier: readonly Adjustment[],
): CarriedAdjustment[] {
  const groups = new Map<
    string,
    { month: MonthKey; residentId: string; fen: number; rows: number }
  >();
  const put = (key: string, a: Adjustment): void => {
    const sum = groups.get(key);
    if (!sum) groups.set(key, { month: a.month, residentId: a.residentId, fen: a.amount, rows: 1 });
    else {
      if (a.month > sum.month) sum.month = a.month;
      sum.fen += a.amount;
      sum.rows += 1;
    }
  };
  for (const a of archived) put(`${a.month}\n${a.residentId}`, a);
  for (const a of earlier) put(`<\n${a.residentId}`, a);
  const rows: CarriedAdjustment[] = [];
  for (const sum of groups.values()) {
    let fen = sum.fen;
    // An amount a row may not hold (100,000,000 yuan) is split, the sign kept.
    while (Math.abs(fen) > MAX_AMOUNT_FEN) {
      const part = Math.sign(fen) * MAX_AMOUNT_FEN;
      rows.push({ month: sum.month, residentId: sum.residentId, amount: part, rows: 0 });
      fen -= part;
    }
    rows.push({ month: sum.month, residentId: sum.residentId, amount: fen, rows: sum.rows });
  }
  return rows.sort(
    (a, b) =>
      (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) ||
      compareIds(a.residentId, b.residentId),
  );
}
