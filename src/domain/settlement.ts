/**
 * What was handed out for a month, and what is still to pay (docs/month.md, "Paying,
 * correcting and reopening"). Each closing records per resident what it handed out (本次发放 /
 * Paid at this closing): at a first closing the month's net pay; at a re-closing only what is
 * still owed after what earlier closings of the month paid and what corrections of it already
 * carry in other months. So for every month, once it is closed and its corrections are written,
 *
 *   Σ paid at its closings + Σ its corrections elsewhere = its net pay (its own rows, and the
 *   corrections of earlier months it carries),
 *
 * and summed over the months (each correction is carried by one month and corrects one other)
 * Σ paid at every closing = the pay of every month's own rows: nothing is paid twice.
 */
import type { ClosedMonth } from './closing';
import type { MonthPay } from './payout';
import { compareIds } from './payout';
import { idKey } from './validation/problemList';

/** One resident's month, settled: net pay = earlier paid + corrected elsewhere + to pay now. */
export interface ResidentSettlement {
  /** As the Residents tab spells it (the Detail's key when the resident is gone). */
  readonly residentId: string;
  readonly name: string;
  /** Fen: the month's net pay, as the payout shows it. */
  readonly netPay: number;
  /** Fen handed out by earlier closings of the month. */
  readonly earlierPaid: number;
  /** Fen of corrections of the month written into other months (paid with those). */
  readonly correctedElsewhere: number;
  /** Fen to hand out now: netPay − earlierPaid − correctedElsewhere (negative: overpaid). */
  readonly toPay: number;
}

/** Resident ID and name by idKey, for residents the month's pay does not list. */
export type ResidentNames = ReadonlyMap<string, { readonly id: string; readonly name: string }>;

/**
 * Fen handed out per resident (idKey) by the given closings of one month, oldest first. A
 * Detail of v3 says what each closing paid. One written by an earlier version says the net pay
 * and the corrections already recorded, whose difference is what every closing of the month
 * had paid by then. A closing without a readable Detail adds nothing it could say.
 */
export function paidByClosings(closings: readonly ClosedMonth[]): Map<string, number> {
  let paid = new Map<string, number>();
  for (const closing of closings) {
    const snapshot = closing.snapshot;
    if (snapshot === null) continue;
    if (snapshot.version === 3) {
      for (const [key, entry] of snapshot.entries) {
        paid.set(key, (paid.get(key) ?? 0) + (entry.paid ?? 0));
      }
    } else {
      paid = new Map(
        [...snapshot.entries].map(([key, entry]) => [key, entry.netPay - entry.correctedBefore]),
      );
    }
  }
  return paid;
}

/**
 * An open month (never closed, or reopened): what its net pay comes to now, beside what its
 * earlier closings paid and what its corrections carry elsewhere.
 */
export function settleOpenMonth(
  pay: MonthPay,
  earlierPaid: ReadonlyMap<string, number>,
  correctedElsewhere: ReadonlyMap<string, number>,
  names: ResidentNames,
): ResidentSettlement[] {
  const nameOf = namer(pay, names);
  const netPay = new Map(pay.residents.map((r) => [idKey(r.residentId), r.netPay]));
  const keys = new Set([...netPay.keys(), ...earlierPaid.keys(), ...correctedElsewhere.keys()]);
  const settled: ResidentSettlement[] = [];
  for (const key of keys) {
    const net = netPay.get(key) ?? 0;
    const earlier = earlierPaid.get(key) ?? 0;
    const elsewhere = correctedElsewhere.get(key) ?? 0;
    if (net === 0 && earlier === 0 && elsewhere === 0) continue;
    settled.push({
      ...nameOf(key),
      netPay: net,
      earlierPaid: earlier,
      correctedElsewhere: elsewhere,
      toPay: net - earlier - elsewhere,
    });
  }
  return settled.sort((a, b) => compareIds(a.residentId, b.residentId));
}

/** A closed month as its closing in force recorded it, after the closings before it. */
export function settleClosedMonth(
  inForce: ClosedMonth,
  earlierPaid: ReadonlyMap<string, number>,
  pay: MonthPay,
  names: ResidentNames,
): ResidentSettlement[] {
  const nameOf = namer(pay, names);
  const entries = inForce.snapshot?.entries ?? new Map();
  const settled: ResidentSettlement[] = [];
  for (const [key, entry] of entries) {
    const earlier = earlierPaid.get(key) ?? 0;
    const toPay = entry.paid ?? entry.netPay - entry.correctedBefore - earlier;
    if (entry.netPay === 0 && earlier === 0 && entry.correctedBefore === 0 && toPay === 0) {
      continue;
    }
    settled.push({
      ...nameOf(key),
      netPay: entry.netPay,
      earlierPaid: earlier,
      correctedElsewhere: entry.correctedBefore,
      toPay,
    });
  }
  return settled.sort((a, b) => compareIds(a.residentId, b.residentId));
}

/** Looks up residents as the month's pay spells them first, then as the Residents tab does. */
function namer(
  pay: MonthPay,
  names: ResidentNames,
): (key: string) => { residentId: string; name: string } {
  const paid = new Map(pay.residents.map((r) => [idKey(r.residentId), r]));
  return (key) => {
    const found = paid.get(key) ?? names.get(key);
    if (!found) return { residentId: key, name: '' };
    return { residentId: 'residentId' in found ? found.residentId : found.id, name: found.name };
  };
}
