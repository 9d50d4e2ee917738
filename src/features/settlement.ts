/**
 * What a month's closings handed out, for the month's tabs and for its next closing
 * (domain/settlement.ts has the rules). Shown only for a month closed before: a re-closed month,
 * or one reopened and not closed again yet.
 */
import { correctionsOf } from '../domain/closing';
import type { ClosedMonth } from '../domain/closing';
import { indexPayBook } from '../domain/payout';
import type { PayBook } from '../domain/payout';
import type { MonthKey } from '../domain/records';
import { paidByClosings, settleClosedMonth, settleOpenMonth } from '../domain/settlement';
import type { ResidentNames, ResidentSettlement } from '../domain/settlement';
import { idKey } from '../domain/validation/problemList';
import { withLegacyCorrections } from './corrections';
import type { Ledger } from './loadLedger';
import { closingOf, closingsOfMonth } from './monthData';
import type { MonthData } from './monthData';

/** The ledger's book with legacy correction rows read as corrections (corrections.ts). */
export function correctionsBook(ledger: Ledger, book: PayBook): PayBook {
  const migrated = withLegacyCorrections(ledger);
  return migrated === ledger ? book : indexPayBook(migrated);
}

/** Corrections of `month` written into other months, per resident (idKey). */
export function correctedElsewhere(data: Omit<MonthData, 'closings'>, month: MonthKey) {
  return correctionsOf(correctionsBook(data.ledger, data.book), month);
}

export function residentNames(ledger: Ledger): ResidentNames {
  return new Map(ledger.residents.map((r) => [idKey(r.id), { id: r.id, name: r.name }]));
}

/** Null when the month was never closed before (nothing was handed out for it yet). */
export function monthSettlement(data: MonthData): ResidentSettlement[] | null {
  const month = data.pay.month;
  const closings = closingsOfMonth(data.closings, month);
  const inForce = closingOf(data.closings, month);
  const names = residentNames(data.ledger);
  if (inForce !== null) {
    if (closings.length < 2) return null;
    const earlier = paidByClosings(closings.slice(0, -1));
    return settleClosedMonth(inForce, earlier, data.pay, names);
  }
  if (closings.length === 0) return null;
  const earlier = paidByClosings(closings);
  return settleOpenMonth(data.pay, earlier, correctedElsewhere(data, month), names);
}

/** The settlement a closing being made records: null at a month's first closing. */
export function settlementAtClosing(
  data: MonthData,
  closing: ClosedMonth,
): ResidentSettlement[] | null {
  const earlier = closingsOfMonth(data.closings, closing.month);
  if (earlier.length === 0) return null;
  return settleClosedMonth(closing, paidByClosings(earlier), data.pay, residentNames(data.ledger));
}
