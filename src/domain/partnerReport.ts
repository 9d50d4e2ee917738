/**
 * What a partner organisation sees of its own orders: progress to date and the month's statement.
 *
 * Privacy by construction: everything here is computed from a PartnerLedger, whose types have no
 * personal field at all (no resident ID, name, phone, category, skills, notes, recorded-by or
 * Pieces notes). The only door in is `partnerLedger`, which copies the few fields a partner may
 * see into new objects; a report function that tried to read a name would not compile. Who did
 * the work survives only as an anonymous worker number, used to count heads, and a head count is
 * shown only when it is 5 or more (small groups identify people).
 *
 * Money is integers (DESIGN.md section 3): partner prices in 1/10,000 yuan; each statement line
 * (accepted in the month × partner price) is rounded once, half up, to the fen; the total is the
 * sum of the rounded lines, so the statement adds up.
 */
import type { IsoDate, MonthKey, Order, PieceEntry, Resident } from './records';
import { asOfDate, daysBetween, monthOf } from './months';
import { compareIds, unitsToFen } from './payout';

/** An order as its partner knows it. */
export interface PartnerOrder {
  readonly id: string;
  readonly partnerId: string;
  readonly product: string;
  readonly craft: string;
  readonly quantity: number | null;
  readonly received: IsoDate | null;
  readonly due: IsoDate | null;
  readonly status: Order['status'];
  /** 1/10,000 yuan per accepted piece; null when not set. */
  readonly partnerPrice: number | null;
}

/** Pieces handed in for an order on a day. `worker` is an anonymous number, only for counting. */
export interface PartnerWork {
  readonly date: IsoDate;
  readonly orderId: string;
  readonly completed: number;
  readonly rejected: number;
  readonly worker: number;
}

export interface PartnerLedger {
  readonly orders: readonly PartnerOrder[];
  /** Only rows that are paid: known resident and order, no errors. */
  readonly work: readonly PartnerWork[];
}

/** The fewest residents whose number may be shown; fewer are shown as "<5". */
export const MIN_RESIDENTS_SHOWN = 5;
/** "Recent daily pace": accepted pieces over the last 14 days up to the report date, per day. */
export const PACE_DAYS = 14;

/** A head count as a partner may see it. */
export type ResidentCount =
  { readonly shown: true; readonly count: number } | { readonly shown: false };

export function residentCount(count: number): ResidentCount {
  return count === 0 || count >= MIN_RESIDENTS_SHOWN ? { shown: true, count } : { shown: false };
}

/**
 * The projection: new objects holding only what a partner may see. Pieces whose resident or
 * order is unknown are left out, as the payout leaves them out. Worker numbers follow the order
 * in which residents first appear, so they say nothing of resident IDs.
 */
export function partnerLedger(input: {
  readonly residents: readonly Pick<Resident, 'id'>[];
  readonly orders: readonly Order[];
  readonly pieces: readonly PieceEntry[];
}): PartnerLedger {
  const known = new Set(input.residents.map((r) => r.id));
  const orderIds = new Set(input.orders.map((o) => o.id));
  const workers = new Map<string, number>();
  const work: PartnerWork[] = [];
  for (const piece of input.pieces) {
    if (!known.has(piece.residentId) || !orderIds.has(piece.orderId)) continue;
    let worker = workers.get(piece.residentId);
    if (worker === undefined) workers.set(piece.residentId, (worker = workers.size + 1));
    work.push({
      date: piece.date,
      orderId: piece.orderId,
      completed: piece.completed,
      rejected: piece.rejected,
      worker,
    });
  }
  const orders = input.orders.map((o): PartnerOrder => ({
    id: o.id,
    partnerId: o.partnerId,
    product: o.product,
    craft: o.craft,
    quantity: o.quantity,
    received: o.received,
    due: o.due,
    status: o.status,
    partnerPrice: o.partnerPrice,
  }));
  return { orders, work };
}

export type ProgressFlag = 'onTrack' | 'atRisk' | 'late' | 'done';

export interface ProgressRow {
  readonly orderId: string;
  readonly product: string;
  readonly craft: string;
  readonly quantity: number | null;
  readonly received: IsoDate | null;
  readonly due: IsoDate | null;
  readonly acceptedToDate: number;
  readonly rejectedToDate: number;
  /** Rejected ÷ handed in; null before anything was handed in. */
  readonly rejectRate: number | null;
  readonly remaining: number | null;
  /** Due − report date in days (negative once late); null without a due date. */
  readonly daysLeft: number | null;
  /** Pieces a day still needed to finish by the due date (rounded up); null when not meaningful. */
  readonly neededPerDay: number | null;
  /** Accepted pieces a day over the last PACE_DAYS days up to the report date. */
  readonly recentPace: number;
  readonly residents: ResidentCount;
  readonly flag: ProgressFlag | null;
}

export interface PartnerProgress {
  readonly asOf: IsoDate;
  readonly rows: readonly ProgressRow[];
}

interface Tally {
  accepted: number;
  rejected: number;
  workers: Set<number>;
}

function tally(rows: Iterable<PartnerWork>): Map<string, Tally> {
  const byOrder = new Map<string, Tally>();
  for (const w of rows) {
    let t = byOrder.get(w.orderId);
    if (!t) byOrder.set(w.orderId, (t = { accepted: 0, rejected: 0, workers: new Set() }));
    t.accepted += w.completed - w.rejected;
    t.rejected += w.rejected;
    t.workers.add(w.worker);
  }
  return byOrder;
}

function ordersOf(ledger: PartnerLedger, partnerId: string): PartnerOrder[] {
  return ledger.orders
    .filter((o) => o.partnerId === partnerId)
    .sort((a, b) => compareIds(a.id, b.id));
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function progressFlag(
  order: PartnerOrder,
  remaining: number | null,
  daysLeft: number | null,
  neededPerDay: number | null,
  pace: number,
): ProgressFlag | null {
  if (order.status === 'done' || remaining === 0) return 'done';
  if (daysLeft === null) return null;
  if (daysLeft < 0) return 'late';
  return neededPerDay !== null && neededPerDay > pace ? 'atRisk' : 'onTrack';
}

/**
 * The partner's orders as of the report date: open orders received by then, and any order with
 * pieces handed in during the report month. Cancelled orders without such pieces are left out.
 */
export function partnerProgress(
  ledger: PartnerLedger,
  partnerId: string,
  month: MonthKey,
  today: IsoDate,
): PartnerProgress {
  const asOf = asOfDate(month, today);
  const orders = ordersOf(ledger, partnerId);
  const ids = new Set(orders.map((o) => o.id));
  const mine = ledger.work.filter((w) => ids.has(w.orderId) && w.date <= asOf);
  const toDate = tally(mine);
  const paceFrom = addDays(asOf, 1 - PACE_DAYS);
  const recent = tally(mine.filter((w) => w.date >= paceFrom));
  const inMonth = new Set(mine.filter((w) => monthOf(w.date) === month).map((w) => w.orderId));
  const rows = orders
    .filter(
      (o) =>
        inMonth.has(o.id) || (o.status === 'open' && (o.received === null || o.received <= asOf)),
    )
    .map((order): ProgressRow => {
      const t = toDate.get(order.id);
      const accepted = t?.accepted ?? 0;
      const rejected = t?.rejected ?? 0;
      const remaining = order.quantity === null ? null : Math.max(order.quantity - accepted, 0);
      const daysLeft = order.due === null ? null : daysBetween(asOf, order.due);
      const neededPerDay =
        remaining === null || daysLeft === null || daysLeft < 0 || remaining === 0
          ? null
          : Math.ceil(remaining / Math.max(daysLeft, 1));
      const pace = (recent.get(order.id)?.accepted ?? 0) / PACE_DAYS;
      return {
        orderId: order.id,
        product: order.product,
        craft: order.craft,
        quantity: order.quantity,
        received: order.received,
        due: order.due,
        acceptedToDate: accepted,
        rejectedToDate: rejected,
        rejectRate: ratio(rejected, accepted + rejected),
        remaining,
        daysLeft,
        neededPerDay,
        recentPace: Math.round(pace * 10) / 10,
        residents: residentCount(t?.workers.size ?? 0),
        flag: progressFlag(order, remaining, daysLeft, neededPerDay, pace),
      };
    });
  return { asOf, rows };
}

export interface StatementLine {
  readonly orderId: string;
  readonly product: string;
  readonly craft: string;
  readonly acceptedPieces: number;
  readonly rejectedPieces: number;
  /** 1/10,000 yuan; null when the order has no partner price. */
  readonly partnerPrice: number | null;
  /** Fen: accepted × price rounded once, half up; null without a price. */
  readonly amount: number | null;
  readonly residents: ResidentCount;
}

export interface PartnerStatement {
  readonly month: MonthKey;
  readonly lines: readonly StatementLine[];
  readonly acceptedPieces: number;
  /** Fen: the sum of the rounded lines. */
  readonly total: number;
  /** Lines left out of the total because their order has no partner price. */
  readonly unpricedLines: number;
}

/** The month's statement: one line per order with pieces handed in during the month. */
export function partnerStatement(
  ledger: PartnerLedger,
  partnerId: string,
  month: MonthKey,
): PartnerStatement {
  const orders = ordersOf(ledger, partnerId);
  const ids = new Set(orders.map((o) => o.id));
  const byOrder = tally(ledger.work.filter((w) => ids.has(w.orderId) && monthOf(w.date) === month));
  const lines: StatementLine[] = [];
  for (const order of orders) {
    const t = byOrder.get(order.id);
    if (!t) continue;
    const price = order.partnerPrice;
    lines.push({
      orderId: order.id,
      product: order.product,
      craft: order.craft,
      acceptedPieces: t.accepted,
      rejectedPieces: t.rejected,
      partnerPrice: price,
      amount: price === null ? null : unitsToFen(t.accepted * price),
      residents: residentCount(t.workers.size),
    });
  }
  return {
    month,
    lines,
    acceptedPieces: lines.reduce((sum, l) => sum + l.acceptedPieces, 0),
    total: lines.reduce((sum, l) => sum + (l.amount ?? 0), 0),
    unpricedLines: lines.filter((l) => l.amount === null).length,
  };
}

function addDays(date: IsoDate, days: number): IsoDate {
  const utc = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(utc + days * 86_400_000).toISOString().slice(0, 10);
}
