/** Records for month tests, with defaults for the fields the month computation ignores. */
import type { Adjustment, Order, PieceEntry, Resident } from '../../src/domain/records';
import type { ClosedMonth } from '../../src/domain/closing';
import { payForMonth } from '../../src/domain/payout';
import type { PayBook } from '../../src/domain/payout';
import type { ClosingsRecord } from '../../src/domain/year';
import { idKey } from '../../src/domain/validation/problemList';

let nextRow = 2;
const row = (): number => nextRow++;

export function resident(id: string, over: Partial<Resident> = {}): Resident {
  return {
    row: row(),
    id,
    name: `Name ${id}`,
    phone: '',
    category: 'other',
    skills: '',
    joined: null,
    active: true,
    notes: '',
    ...over,
  };
}

/** payRate in 1/10,000 yuan. */
export function order(id: string, payRate: number, over: Partial<Order> = {}): Order {
  return {
    row: row(),
    id,
    partnerId: 'P1',
    product: `Product ${id}`,
    craft: 'assembly',
    payRate,
    partnerPrice: null,
    quantity: null,
    received: null,
    due: null,
    status: 'open',
    notes: '',
    ...over,
  };
}

export function piece(
  date: string,
  residentId: string,
  orderId: string,
  completed: number,
  rejected = 0,
  over: Partial<PieceEntry> = {},
): PieceEntry {
  return {
    row: row(),
    date,
    residentId,
    orderId,
    completed,
    rejected,
    recordedBy: '',
    notes: '',
    entry: null,
    ...over,
  };
}

/** amount in fen. */
export function adjustment(
  month: string,
  residentId: string,
  amount: number,
  reason = '',
): Adjustment {
  return { row: row(), month, residentId, amount, reason };
}

/**
 * A closing as Closings records it (Detail v3): per resident (idKey) the net pay at closing and
 * what this closing paid, `paid` fen each (default: the whole net pay, as at a first closing).
 */
export function closing(
  month: string,
  netPay: Readonly<Record<string, number>>,
  paid: Readonly<Record<string, number>> = netPay,
): ClosedMonth {
  const entries = new Map(
    Object.entries(netPay).map(([id, fen]) => [
      id,
      { netPay: fen, digest: '', correctedBefore: 0, paid: paid[id] ?? 0 },
    ]),
  );
  const sum = (values: Readonly<Record<string, number>>) =>
    Object.values(values).reduce((s, v) => s + v, 0);
  return {
    month,
    closedAt: `${month}-28 10:00`,
    closedBy: 'Li',
    residents: entries.size,
    netPay: sum(netPay),
    paid: sum(paid),
    fingerprint: '',
    snapshot: { version: 3, entries },
  };
}

/** Every month of `months` closed once, each paying its payout's net pay (a first closing). */
export function firstClosings(book: PayBook, months: readonly string[]): ClosingsRecord {
  return {
    closedMonths: new Set(months),
    closings: months.map((month) =>
      closing(
        month,
        Object.fromEntries(
          payForMonth(book, month).residents.map((r) => [idKey(r.residentId), r.netPay]),
        ),
      ),
    ),
  };
}
