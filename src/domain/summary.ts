/**
 * The month's summary for the committee: key figures, by category, by craft, order progress and
 * a 12-month trend. Built from the same MonthPay as the payout, so every figure agrees with it.
 */
import type { IsoDate, MonthKey, Order, Resident } from './records';
import { asOfDate, daysBetween, lastDayOf, monthsEndingWith } from './months';
import { acceptedToDate, compareIds, totalsOf, unitsToFen } from './payout';
import type { MonthPay, PayBook, PayTotals } from './payout';
import { divideRoundHalfUp } from './money';

type Category = Resident['category'];

/** Fen figures are integers; rates are fractions (0.05 = 5 %); null where there is nothing to divide. */
export interface KeyFigures {
  readonly residentsPaid: number;
  readonly hardshipResidents: number;
  readonly nearHardshipResidents: number;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  readonly rejectRate: number | null;
  readonly piecePay: number;
  readonly adjustments: number;
  readonly netPay: number;
  readonly averageNetPay: number | null;
  readonly medianNetPay: number | null;
  /** Σ accepted × partner price over orders that have one, rounded once per order; null if none. */
  readonly partnerRevenue: number | null;
  /** partnerRevenue − the piece pay earned on those same orders (orders with a price only). */
  readonly partnerRevenueOverPiecePay: number | null;
  /** The piece pay earned on orders without a partner price, rounded once: what the margin
   *  above leaves out. Null when every order worked has a price, or none has. */
  readonly unpricedPiecePay: number | null;
}

/** A category's totals: the payout's totals over its residents. */
export interface CategoryRow extends PayTotals {
  readonly category: Category;
}

export interface CraftRow {
  readonly craft: string;
  readonly orders: number;
  readonly residents: number;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  readonly rejectRate: number | null;
  /** Fen, the craft's exact amount rounded once (so crafts may differ from the payout by a fen). */
  readonly piecePay: number;
}

export type ProgressFlag = 'late' | 'dueSoon' | 'done';

export interface OrderProgressRow {
  readonly orderId: string;
  readonly product: string;
  readonly quantity: number | null;
  readonly acceptedThisMonth: number;
  readonly acceptedToDate: number;
  readonly remaining: number | null;
  /** Fraction of the quantity accepted to date. */
  readonly done: number | null;
  readonly due: IsoDate | null;
  readonly flag: ProgressFlag | null;
}

/** One partner's month, for our own summary (never shown to the partner). */
export interface PartnerRow {
  /** '' for orders with no partner. */
  readonly partnerId: string;
  readonly acceptedPieces: number;
  /** Fen: Σ per order of accepted × partner price, each rounded once; null when no price is set. */
  readonly billed: number | null;
  /** Fen: the residents' piece pay for these pieces, rounded once. */
  readonly residentPay: number;
  /** Fen: the piece pay on the partner's orders that have a partner price, rounded once. */
  readonly pricedPiecePay: number;
  /** Fen: the piece pay on its orders without a partner price, rounded once (0 when none). */
  readonly unpricedPiecePay: number;
  /** billed − pricedPiecePay: the margin on what is billed, or the subsidy when negative; null
   *  when no order worked has a price. */
  readonly difference: number | null;
}

export interface TrendRow {
  readonly month: MonthKey;
  readonly residentsPaid: number;
  readonly acceptedPieces: number;
  readonly netPay: number;
}

export interface MonthSummary {
  readonly month: MonthKey;
  readonly asOf: IsoDate;
  readonly figures: KeyFigures;
  readonly byCategory: readonly CategoryRow[];
  readonly byCraft: readonly CraftRow[];
  readonly orderProgress: readonly OrderProgressRow[];
  readonly byPartner: readonly PartnerRow[];
  readonly trend: readonly TrendRow[];
}

export const TREND_MONTHS = 12;
export const DUE_SOON_DAYS = 7;
const CATEGORY_ORDER: readonly Category[] = [
  'hardship',
  'nearHardship',
  'retired',
  'homemaker',
  'other',
  null,
];

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return divideRoundHalfUp((sorted[middle - 1] as number) + (sorted[middle] as number), 2);
}

function partnerFigures(
  pay: MonthPay,
  ordersById: ReadonlyMap<string, Order>,
): { revenue: number | null; overPiecePay: number | null; unpriced: number | null } {
  const acceptedByOrder = new Map<string, number>();
  let pieceUnitsOnPriced = 0;
  let pieceUnitsOnUnpriced = 0;
  let unpricedWork = false;
  for (const resident of pay.residents) {
    for (const w of resident.work) {
      if ((ordersById.get(w.orderId)?.partnerPrice ?? null) === null) {
        pieceUnitsOnUnpriced += w.amountUnits;
        unpricedWork = true;
        continue;
      }
      acceptedByOrder.set(w.orderId, (acceptedByOrder.get(w.orderId) ?? 0) + w.acceptedPieces);
      pieceUnitsOnPriced += w.amountUnits;
    }
  }
  if (acceptedByOrder.size === 0) return { revenue: null, overPiecePay: null, unpriced: null };
  let revenue = 0;
  for (const [orderId, accepted] of acceptedByOrder) {
    revenue += unitsToFen(accepted * ((ordersById.get(orderId) as Order).partnerPrice as number));
  }
  return {
    revenue,
    overPiecePay: revenue - unitsToFen(pieceUnitsOnPriced),
    unpriced: unpricedWork ? unitsToFen(pieceUnitsOnUnpriced) : null,
  };
}

export function keyFigures(pay: MonthPay, ordersById: ReadonlyMap<string, Order>): KeyFigures {
  const { totals } = pay;
  const partner = partnerFigures(pay, ordersById);
  const pieces = totals.acceptedPieces + totals.rejectedPieces;
  return {
    residentsPaid: totals.residents,
    hardshipResidents: pay.residents.filter((r) => r.category === 'hardship').length,
    nearHardshipResidents: pay.residents.filter((r) => r.category === 'nearHardship').length,
    acceptedPieces: totals.acceptedPieces,
    rejectedPieces: totals.rejectedPieces,
    rejectRate: ratio(totals.rejectedPieces, pieces),
    piecePay: totals.piecePay,
    adjustments: totals.adjustments,
    netPay: totals.netPay,
    averageNetPay:
      totals.residents === 0 ? null : divideRoundHalfUp(totals.netPay, totals.residents),
    medianNetPay: median(pay.residents.map((r) => r.netPay)),
    partnerRevenue: partner.revenue,
    partnerRevenueOverPiecePay: partner.overPiecePay,
    unpricedPiecePay: partner.unpriced,
  };
}

export function byCategory(pay: MonthPay): CategoryRow[] {
  return CATEGORY_ORDER.map((category) => {
    const residents = pay.residents.filter((r) => r.category === category);
    return { category, ...totalsOf(residents) };
  }).filter((row) => row.residents > 0);
}

export function byCraft(pay: MonthPay): CraftRow[] {
  const crafts = new Map<
    string,
    {
      orders: Set<string>;
      residents: Set<string>;
      accepted: number;
      rejected: number;
      units: number;
    }
  >();
  for (const resident of pay.residents) {
    for (const w of resident.work) {
      let craft = crafts.get(w.craft);
      if (!craft) {
        craft = { orders: new Set(), residents: new Set(), accepted: 0, rejected: 0, units: 0 };
        crafts.set(w.craft, craft);
      }
      craft.orders.add(w.orderId);
      craft.residents.add(resident.residentId);
      craft.accepted += w.acceptedPieces;
      craft.rejected += w.rejectedPieces;
      craft.units += w.amountUnits;
    }
  }
  return [...crafts.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([craft, c]) => ({
      craft,
      orders: c.orders.size,
      residents: c.residents.size,
      acceptedPieces: c.accepted,
      rejectedPieces: c.rejected,
      rejectRate: ratio(c.rejected, c.accepted + c.rejected),
      piecePay: unitsToFen(c.units),
    }));
}

function progressFlag(order: Order, remaining: number | null, asOf: IsoDate): ProgressFlag | null {
  if (order.status === 'done' || (remaining !== null && remaining <= 0)) return 'done';
  if (order.due === null) return null;
  if (order.due < asOf) return 'late';
  return daysBetween(asOf, order.due) <= DUE_SOON_DAYS ? 'dueSoon' : null;
}

/** Orders worked this month, plus open orders already received by the month's end. */
export function orderProgress(book: PayBook, pay: MonthPay, asOf: IsoDate): OrderProgressRow[] {
  const monthEnd = lastDayOf(pay.month);
  const thisMonth = new Map<string, number>();
  for (const resident of pay.residents) {
    for (const w of resident.work) {
      thisMonth.set(w.orderId, (thisMonth.get(w.orderId) ?? 0) + w.acceptedPieces);
    }
  }
  const toDate = acceptedToDate(book, monthEnd);
  const shown = [...book.ordersById.values()].filter(
    (o) =>
      thisMonth.has(o.id) ||
      (o.status === 'open' && (o.received === null || o.received <= monthEnd)),
  );
  return shown
    .sort((a, b) => compareIds(a.id, b.id))
    .map((order) => {
      const accepted = toDate.get(order.id) ?? 0;
      const remaining = order.quantity === null ? null : Math.max(order.quantity - accepted, 0);
      return {
        orderId: order.id,
        product: order.product,
        quantity: order.quantity,
        acceptedThisMonth: thisMonth.get(order.id) ?? 0,
        acceptedToDate: accepted,
        remaining,
        done: order.quantity ? accepted / order.quantity : null,
        due: order.due,
        flag: progressFlag(order, remaining, asOf),
      };
    });
}

/** Per partner: pieces, what to bill, what the residents earn for them, and the difference. */
export function byPartner(pay: MonthPay, ordersById: ReadonlyMap<string, Order>): PartnerRow[] {
  const acceptedByOrder = new Map<string, number>();
  const unitsByOrder = new Map<string, number>();
  for (const resident of pay.residents) {
    for (const w of resident.work) {
      acceptedByOrder.set(w.orderId, (acceptedByOrder.get(w.orderId) ?? 0) + w.acceptedPieces);
      unitsByOrder.set(w.orderId, (unitsByOrder.get(w.orderId) ?? 0) + w.amountUnits);
    }
  }
  interface Tally {
    accepted: number;
    billed: number | null;
    pricedUnits: number;
    unpricedUnits: number;
  }
  const rows = new Map<string, Tally>();
  for (const [orderId, accepted] of acceptedByOrder) {
    const order = ordersById.get(orderId) as Order;
    const row = rows.get(order.partnerId) ?? {
      accepted: 0,
      billed: null,
      pricedUnits: 0,
      unpricedUnits: 0,
    };
    const units = unitsByOrder.get(orderId) ?? 0;
    row.accepted += accepted;
    if (order.partnerPrice === null) row.unpricedUnits += units;
    else {
      row.billed = (row.billed ?? 0) + unitsToFen(accepted * order.partnerPrice);
      row.pricedUnits += units;
    }
    rows.set(order.partnerId, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([partnerId, row]) => {
      const pricedPiecePay = unitsToFen(row.pricedUnits);
      return {
        partnerId,
        acceptedPieces: row.accepted,
        billed: row.billed,
        residentPay: unitsToFen(row.pricedUnits + row.unpricedUnits),
        pricedPiecePay,
        unpricedPiecePay: unitsToFen(row.unpricedUnits),
        difference: row.billed === null ? null : row.billed - pricedPiecePay,
      };
    });
}

/** A month's totals in one light pass (no per-order detail), for the 12-month trend. The sums
 *  are the same integers as payForMonth's: Σ rows accepted × rate = Σ orders accepted × rate. */
export function monthTotals(book: PayBook, month: MonthKey): TrendRow {
  const unitsByResident = new Map<string, number>();
  let acceptedPieces = 0;
  for (const piece of book.piecesByMonth.get(month) ?? []) {
    const order = book.ordersById.get(piece.orderId);
    if (!order || !book.residentsById.has(piece.residentId)) continue;
    const accepted = piece.completed - piece.rejected;
    acceptedPieces += accepted;
    const units = unitsByResident.get(piece.residentId) ?? 0;
    unitsByResident.set(piece.residentId, units + accepted * order.payRate);
  }
  let netPay = 0;
  for (const units of unitsByResident.values()) netPay += unitsToFen(units);
  const paid = new Set(unitsByResident.keys());
  for (const adjustment of book.adjustmentsByMonth.get(month) ?? []) {
    if (!book.residentsById.has(adjustment.residentId)) continue;
    netPay += adjustment.amount;
    paid.add(adjustment.residentId);
  }
  return { month, residentsPaid: paid.size, acceptedPieces, netPay };
}

/** The month of the ledger's first Pieces or Adjustments row; null for an empty ledger. */
export function firstLedgerMonth(book: PayBook): MonthKey | null {
  let first: MonthKey | null = null;
  for (const month of [...book.piecesByMonth.keys(), ...book.adjustmentsByMonth.keys()]) {
    if (first === null || month < first) first = month;
  }
  return first;
}

/**
 * The last 12 months up to `month`, from the ledger's first month on: a month before the
 * ledger began has no data, which is not the same as a month that paid nothing, so it is left
 * out rather than shown as 0.
 */
export function trend(book: PayBook, month: MonthKey, current: MonthPay): TrendRow[] {
  const first = firstLedgerMonth(book);
  const months = monthsEndingWith(month, TREND_MONTHS).filter(
    (m) => m === month || (first !== null && m >= first),
  );
  return months.map((m) =>
    m === month
      ? {
          month: m,
          residentsPaid: current.totals.residents,
          acceptedPieces: current.totals.acceptedPieces,
          netPay: current.totals.netPay,
        }
      : monthTotals(book, m),
  );
}

export function summarizeMonth(book: PayBook, pay: MonthPay, today: IsoDate): MonthSummary {
  const asOf = asOfDate(pay.month, today);
  return {
    month: pay.month,
    asOf,
    figures: keyFigures(pay, book.ordersById),
    byCategory: byCategory(pay),
    byCraft: byCraft(pay),
    orderProgress: orderProgress(book, pay, asOf),
    byPartner: byPartner(pay, book.ordersById),
    trend: trend(book, pay.month, pay),
  };
}
