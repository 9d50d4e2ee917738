/** Rules for the Orders tab. */
import type { Order } from '../records';
import type { OrderDraft } from './drafts';
import { type Checked, checkIdentified } from './people';
import { idKey } from './problemList';
import type { RowProblems } from './problemList';
import { MAX_RATE_UNITS, MAX_RATE_YUAN } from '../limits';
import { formatRate } from '../money';

/**
 * A rate above the limit: an error for the pay rate (the order's rows cannot be paid), a warning
 * for the partner price (it is left out of statements).
 */
function saneRate(
  check: RowProblems,
  column: 'payRate' | 'partnerPrice',
  rate: number | null,
): number | null {
  if (rate === null || rate <= MAX_RATE_UNITS) return rate;
  const params = { value: formatRate(rate), other: String(MAX_RATE_YUAN) };
  if (column === 'payRate') check.error(column, 'rateTooLarge', params);
  else check.warning(column, 'rateTooLarge', params);
  return null;
}

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
    payRate: saneRate(check, 'payRate', check.required('payRate', d.payRate, 'rateMissing')) ?? 0,
    partnerPrice: saneRate(
      check,
      'partnerPrice',
      check.take('partnerPrice', d.partnerPrice, 'warning', null),
    ),
    quantity: check.take('quantity', d.quantity, 'warning', null),
    received,
    due,
    status: check.take('status', d.status, 'warning', null) ?? 'open',
    notes: check.take('notes', d.notes, 'warning', ''),
  };
}
