/** Records for month tests, with defaults for the fields the month computation ignores. */
import type { Adjustment, Order, PieceEntry, Resident } from '../../src/domain/records';

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
