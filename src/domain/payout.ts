/**
 * A month's pay (DESIGN.md section 3): money is integers. Rates are 1/10,000 yuan, so
 * accepted × rate is exact; each resident's piece pay for the month is rounded ONCE, half up,
 * to the fen; adjustments (whole fen) are added; every total is a sum of the rounded lines, so
 * the printed tab adds up.
 */
import type { Adjustment, IsoDate, MonthKey, Order, PieceEntry, Resident } from './records';
import { monthOf } from './months';
import { rateUnitsToFen } from './money';

type Category = Resident['category'];

/** One resident's work on one order in the month. */
export interface OrderWork {
  readonly orderId: string;
  readonly product: string;
  readonly craft: string;
  /** 1/10,000 yuan per accepted piece. */
  readonly payRate: number;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  /** acceptedPieces × payRate, exact, in 1/10,000 yuan. */
  readonly amountUnits: number;
}

export interface ResidentPay {
  readonly residentId: string;
  readonly name: string;
  readonly category: Category;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  /** Exact piece pay in 1/10,000 yuan, before the one rounding. */
  readonly pieceUnits: number;
  /** Fen: pieceUnits rounded half up. */
  readonly piecePay: number;
  /** Fen, signed. */
  readonly adjustments: number;
  /** Fen: piecePay + adjustments. */
  readonly netPay: number;
  /** Sorted by order ID. */
  readonly work: readonly OrderWork[];
  readonly adjustmentRows: readonly Adjustment[];
}

export interface PayTotals {
  readonly residents: number;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  readonly piecePay: number;
  readonly adjustments: number;
  readonly netPay: number;
}

/** A row that passed validation but still cannot be paid (its resident or order is not usable). */
export interface UnpaidRow {
  readonly tab: 'pieces' | 'adjustments';
  readonly row: number;
  readonly reason: 'unknownResident' | 'unknownOrder';
}

export interface MonthPay {
  readonly month: MonthKey;
  /** One per resident with pieces or adjustments in the month, sorted by resident ID. */
  readonly residents: readonly ResidentPay[];
  readonly totals: PayTotals;
  readonly unpaidRows: readonly UnpaidRow[];
}

export interface PayInput {
  readonly residents: readonly Resident[];
  readonly orders: readonly Order[];
  readonly pieces: readonly PieceEntry[];
  readonly adjustments: readonly Adjustment[];
}

/** The ledger indexed once, so several months (the 12-month trend) cost one pass over the rows. */
export interface PayBook {
  readonly residentsById: ReadonlyMap<string, Resident>;
  readonly ordersById: ReadonlyMap<string, Order>;
  readonly piecesByMonth: ReadonlyMap<MonthKey, readonly PieceEntry[]>;
  readonly adjustmentsByMonth: ReadonlyMap<MonthKey, readonly Adjustment[]>;
  readonly pieces: readonly PieceEntry[];
}

/** Rounds 1/10,000 yuan to fen once, half up (四舍五入), refusing amounts beyond exact integers. */
export function unitsToFen(units: number): number {
  if (!Number.isSafeInteger(units)) throw new RangeError(`Amount out of range: ${units}`);
  return rateUnitsToFen(units);
}

/** IDs compare with their digits as numbers (2 before 10), then exactly, so order is stable. */
export function compareIds(a: string, b: string): number {
  const chunk = /(\d+)|(\D+)/g;
  const aParts = a.match(chunk) ?? [];
  const bParts = b.match(chunk) ?? [];
  const length = Math.min(aParts.length, bParts.length);
  for (let i = 0; i < length; i += 1) {
    const x = aParts[i] as string;
    const y = bParts[i] as string;
    if (x === y) continue;
    const xNum = /^\d/.test(x);
    const yNum = /^\d/.test(y);
    if (xNum && yNum) {
      const xValue = x.replace(/^0+/, '');
      const yValue = y.replace(/^0+/, '');
      if (xValue.length !== yValue.length) return xValue.length < yValue.length ? -1 : 1;
      if (xValue !== yValue) return xValue < yValue ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  if (aParts.length !== bParts.length) return aParts.length - bParts.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexPayBook(input: PayInput): PayBook {
  const residentsById = new Map(input.residents.map((r) => [r.id, r]));
  const ordersById = new Map(input.orders.map((o) => [o.id, o]));
  const piecesByMonth = new Map<MonthKey, PieceEntry[]>();
  // Each date's month list, found once: a sheet holds few dates, and cutting the month out of
  // every row's date (a new text per row, its hash computed again) was most of the indexing.
  const listOfDate = new Map<IsoDate, PieceEntry[]>();
  for (const piece of input.pieces) {
    let list = listOfDate.get(piece.date);
    if (list === undefined) {
      const month = monthOf(piece.date);
      list = piecesByMonth.get(month);
      if (list === undefined) piecesByMonth.set(month, (list = []));
      listOfDate.set(piece.date, list);
    }
    list.push(piece);
  }
  const adjustmentsByMonth = new Map<MonthKey, Adjustment[]>();
  for (const adjustment of input.adjustments) {
    pushTo(adjustmentsByMonth, adjustment.month, adjustment);
  }
  return { residentsById, ordersById, piecesByMonth, adjustmentsByMonth, pieces: input.pieces };
}

interface Tally {
  accepted: number;
  rejected: number;
}

/** Accepted and rejected pieces per resident, then per order, for the month's payable rows. */
function tallyWork(
  book: PayBook,
  month: MonthKey,
  unpaid: UnpaidRow[],
): Map<string, Map<string, Tally>> {
  const byResident = new Map<string, Map<string, Tally>>();
  for (const piece of book.piecesByMonth.get(month) ?? []) {
    if (!book.residentsById.has(piece.residentId)) {
      unpaid.push({ tab: 'pieces', row: piece.row, reason: 'unknownResident' });
      continue;
    }
    if (!book.ordersById.has(piece.orderId)) {
      unpaid.push({ tab: 'pieces', row: piece.row, reason: 'unknownOrder' });
      continue;
    }
    let byOrder = byResident.get(piece.residentId);
    if (!byOrder) byResident.set(piece.residentId, (byOrder = new Map()));
    const tally = byOrder.get(piece.orderId);
    const accepted = piece.completed - piece.rejected;
    if (tally) {
      tally.accepted += accepted;
      tally.rejected += piece.rejected;
    } else byOrder.set(piece.orderId, { accepted, rejected: piece.rejected });
  }
  return byResident;
}

function workOf(book: PayBook, byOrder: ReadonlyMap<string, Tally>): OrderWork[] {
  const work: OrderWork[] = [];
  for (const [orderId, tally] of byOrder) {
    const order = book.ordersById.get(orderId) as Order;
    work.push({
      orderId,
      product: order.product,
      craft: order.craft,
      payRate: order.payRate,
      acceptedPieces: tally.accepted,
      rejectedPieces: tally.rejected,
      amountUnits: tally.accepted * order.payRate,
    });
  }
  return work.sort((a, b) => compareIds(a.orderId, b.orderId));
}

function residentPay(
  resident: Resident,
  work: readonly OrderWork[],
  adjustmentRows: readonly Adjustment[],
): ResidentPay {
  let acceptedPieces = 0;
  let rejectedPieces = 0;
  let pieceUnits = 0;
  for (const w of work) {
    acceptedPieces += w.acceptedPieces;
    rejectedPieces += w.rejectedPieces;
    pieceUnits += w.amountUnits;
  }
  const piecePay = unitsToFen(pieceUnits);
  const adjustments = adjustmentRows.reduce((sum, a) => sum + a.amount, 0);
  return {
    residentId: resident.id,
    name: resident.name,
    category: resident.category,
    acceptedPieces,
    rejectedPieces,
    pieceUnits,
    piecePay,
    adjustments,
    netPay: piecePay + adjustments,
    work,
    adjustmentRows,
  };
}

export function totalsOf(residents: readonly ResidentPay[]): PayTotals {
  const totals = {
    residents: residents.length,
    acceptedPieces: 0,
    rejectedPieces: 0,
    piecePay: 0,
    adjustments: 0,
    netPay: 0,
  };
  for (const r of residents) {
    totals.acceptedPieces += r.acceptedPieces;
    totals.rejectedPieces += r.rejectedPieces;
    totals.piecePay += r.piecePay;
    totals.adjustments += r.adjustments;
    totals.netPay += r.netPay;
  }
  return totals;
}

/** The month's pay from an indexed ledger: rows of other months are never looked at. */
export function payForMonth(book: PayBook, month: MonthKey): MonthPay {
  const unpaidRows: UnpaidRow[] = [];
  const workByResident = tallyWork(book, month, unpaidRows);
  const adjustmentsByResident = new Map<string, Adjustment[]>();
  for (const adjustment of book.adjustmentsByMonth.get(month) ?? []) {
    if (book.residentsById.has(adjustment.residentId)) {
      pushTo(adjustmentsByResident, adjustment.residentId, adjustment);
    } else unpaidRows.push({ tab: 'adjustments', row: adjustment.row, reason: 'unknownResident' });
  }
  const ids = new Set([...workByResident.keys(), ...adjustmentsByResident.keys()]);
  const residents = [...ids].sort(compareIds).map((id) => {
    const work = workOf(book, workByResident.get(id) ?? new Map<string, Tally>());
    const adjustmentRows = (adjustmentsByResident.get(id) ?? []).sort((a, b) => a.row - b.row);
    return residentPay(book.residentsById.get(id) as Resident, work, adjustmentRows);
  });
  unpaidRows.sort((a, b) => (a.tab === b.tab ? a.row - b.row : a.tab < b.tab ? -1 : 1));
  return { month, residents, totals: totalsOf(residents), unpaidRows };
}

export function computeMonthPay(input: PayInput, month: MonthKey): MonthPay {
  return payForMonth(indexPayBook(input), month);
}

/** Accepted pieces per order on or before `through`, for order progress. */
export function acceptedToDate(book: PayBook, through: IsoDate): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const piece of book.pieces) {
    if (piece.date > through) continue;
    accepted.set(
      piece.orderId,
      (accepted.get(piece.orderId) ?? 0) + piece.completed - piece.rejected,
    );
  }
  return accepted;
}
