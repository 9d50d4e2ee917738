/**
 * Which month a command works on: the default month skips closed months, and a month typed by
 * mistake (before 2000, after next year, or with no rows far from the ledger's months) is
 * refused with the reason and the month to take instead.
 */
import { defaultOpenMonth, monthOutOfReach } from '../domain/months';
import type { IsoDate, MonthKey } from '../domain/records';
import type { PayBook } from '../domain/payout';
import { refusal } from './errors';
import type { GongfangError } from './errors';
import type { ClosingsTab } from './monthData';

/** Months with Pieces or Adjustments rows that can be paid, and months ever closed. */
export function monthsWithRows(book: PayBook, closings: ClosingsTab): Set<MonthKey> {
  return new Set([
    ...book.piecesByMonth.keys(),
    ...book.adjustmentsByMonth.keys(),
    ...closings.events.map((e) => (e.kind === 'closed' ? e.closing.month : e.month)),
  ]);
}

/** The month a command takes when none is given: the default month, skipping closed ones. */
export function defaultMonthOf(closings: ClosingsTab, today: IsoDate): MonthKey {
  return defaultOpenMonth(today, new Set(closings.closed.map((c) => c.month)));
}

/** Why `month` is not one to generate or close, as a refusal naming the month to take. */
export function monthRefusal(
  month: MonthKey,
  today: IsoDate,
  book: PayBook,
  closings: ClosingsTab,
): GongfangError | null {
  const out = monthOutOfReach(month, today, monthsWithRows(book, closings));
  if (out === null) return null;
  const next = { kind: 'generate', month: defaultMonthOf(closings, today) } as const;
  switch (out.reason) {
    case 'beforeFirstYear':
      return refusal('monthBeforeFirstYear', { month, firstYear: out.firstYear }).withNext(next);
    case 'afterNextYear':
      return refusal('monthAfterNextYear', { month, lastYear: out.lastYear }).withNext(next);
    case 'farFromRows':
      return refusal('monthFarFromRows', { month, from: out.from, to: out.to }).withNext(next);
  }
}
