/** Rules for the Orders tab. */
import type { Order } from '../records';
import type { OrderDraft } from './drafts';
import { type Checked, checkIdentified } from './people';
import { type RowProblems, idKey } from './problemList';

/**
 * Orders: a pay rate is required (an error otherwise); an unknown partner, unreadable optional
 * cells and a due date before the received date are warnings.
 */
export function checkOrders(
  drafts: readonly OrderDraft[],
  partnerIds: ReadonlySet<string> | null,
): Checked<Order> {
  return checkIdentified('orders', drafts, (d, id, check) => orderRow(d, id, check, partnerIds));
}

/** One Orders row's own rules, its ID already taken; partners null: not checked against. */
export function orderRow(
  d: OrderDraft,
  id: string,
  check: RowProblems,
  partnerIds: ReadonlySet<string> | null,
): Order {
  const partnerId = check.take('partner', d.partner, 'warning', null);
  if (partnerId !== null && partnerIds !== null && !partnerIds.has(idKey(partnerId))) {
    check.warning('partner', 'partnerUnknown', { value: partnerId });
  }
  const received = check.take('received', d.received, 'warning', null);
  const due = check.take('due', d.due, 'warning', null);
  if (received !== null && due !== null && due < received) {
    check.warning('due', 'dueBeforeReceived', { value: due, other: received });
  }
  return {
    row: d.row,
    id,
    partnerId: partnerId ?? '',
    product: check.take('product', d.product, 'warning', ''),
    craft: check.take('craft', d.craft, 'warning', ''),
    payRate: check.required('payRate', d.payRate, 'rateMissing') ?? 0,
    partnerPrice: check.take('partnerPrice', d.partnerPrice, 'warning', null),
    quantity: check.take('quantity', d.quantity, 'warning', null),
    received,
    due,
    status: check.take('status', d.status, 'warning', null) ?? 'open',
    notes: check.take('notes', d.notes, 'warning', ''),
  };
}
