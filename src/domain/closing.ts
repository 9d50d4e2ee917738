/**
 * Closed months whose rows changed after closing. The month stays as it was paid; the difference
 * per resident is offered as adjustment rows in the current open month, and adjustments already
 * recorded for that purpose (their reason names the closed month) are taken into account, so a
 * correction is never offered twice.
 */
import type { Adjustment, IsoDate, MonthKey } from './records';
import { addMonths, defaultMonth } from './months';
import { compareIds, payForMonth } from './payout';
import type { PayBook } from './payout';
import { monthFingerprint, residentDigests } from './fingerprint';
import type { SnapshotEntry } from './fingerprint';

export interface ClosedMonth {
  readonly month: MonthKey;
  readonly closedAt: string;
  readonly closedBy: string;
  readonly residents: number;
  /** Fen. */
  readonly netPay: number;
  readonly fingerprint: string;
  /** Per-resident net pay at closing; null when the Closings row has none. */
  readonly snapshot: ReadonlyMap<string, SnapshotEntry> | null;
}

export interface ResidentChange {
  readonly residentId: string;
  readonly name: string;
  /** Fen; null when the resident was not paid in the closed month. */
  readonly closedNetPay: number | null;
  readonly currentNetPay: number;
  /** Already recorded as corrections (fen). */
  readonly corrected: number;
  /** currentNetPay − closedNetPay − corrected: what is still owed (negative: overpaid). */
  readonly outstanding: number;
  /** The resident's rows in the closed month as they are now (sheet rows). */
  readonly pieceRows: readonly number[];
  readonly adjustmentRows: readonly number[];
}

export interface Correction {
  /** The open month the adjustment row is written for. */
  readonly month: MonthKey;
  readonly residentId: string;
  /** Fen, signed. */
  readonly amount: number;
  readonly closedMonth: MonthKey;
}

export interface ClosedMonthChange {
  readonly month: MonthKey;
  readonly closedAt: string;
  /** Fen. */
  readonly netPayAtClosing: number;
  readonly netPayNow: number;
  /** False when the closing row had no per-resident snapshot: only totals can be compared. */
  readonly perResident: boolean;
  readonly residents: readonly ResidentChange[];
  readonly corrections: readonly Correction[];
}

/** A correction's reason must name the closed month after one of these words (either language). */
const CORRECTION_REASON = /(?:更正|correction)\D{0,40}?(\d{4}-\d{2})/i;

export function correctedMonthOf(reason: string): MonthKey | null {
  const match = CORRECTION_REASON.exec(reason);
  return match ? (match[1] as MonthKey) : null;
}

/** The month corrections go into: the default month, or the first one after it still open. */
export function openMonthFor(today: IsoDate, closedMonths: ReadonlySet<MonthKey>): MonthKey {
  let month = defaultMonth(today);
  while (closedMonths.has(month)) month = addMonths(month, 1);
  return month;
}

function correctionsRecorded(adjustments: readonly Adjustment[]): Map<string, number> {
  const recorded = new Map<string, number>();
  for (const a of adjustments) {
    const month = correctedMonthOf(a.reason);
    if (month === null) continue;
    const key = `${month}\n${a.residentId}`;
    recorded.set(key, (recorded.get(key) ?? 0) + a.amount);
  }
  return recorded;
}

function rowsOf(book: PayBook, month: MonthKey, residentId: string): [number[], number[]] {
  const pieces = (book.piecesByMonth.get(month) ?? []).filter((p) => p.residentId === residentId);
  const adjustments = (book.adjustmentsByMonth.get(month) ?? []).filter(
    (a) => a.residentId === residentId,
  );
  return [
    pieces.map((p) => p.row).sort((a, b) => a - b),
    adjustments.map((a) => a.row).sort((a, b) => a - b),
  ];
}

function changeOf(
  book: PayBook,
  closed: ClosedMonth,
  recorded: ReadonlyMap<string, number>,
  target: MonthKey,
): ClosedMonthChange | null {
  const pay = payForMonth(book, closed.month);
  const changedRows = monthFingerprint(book, closed.month) !== closed.fingerprint;
  const snapshot = closed.snapshot;
  const residents: ResidentChange[] = [];
  if (snapshot) {
    const digests = residentDigests(book, closed.month);
    const currentNet = new Map(pay.residents.map((r) => [r.residentId, r.netPay]));
    const ids = new Set([...snapshot.keys(), ...digests.keys()]);
    for (const residentId of [...ids].sort(compareIds)) {
      const before = snapshot.get(residentId);
      const now = currentNet.get(residentId) ?? 0;
      const corrected = recorded.get(`${closed.month}\n${residentId}`) ?? 0;
      const outstanding = now - (before?.netPay ?? 0) - corrected;
      const rowsSame = before?.digest === digests.get(residentId);
      // Nothing owed: either nothing changed, or the change was already corrected.
      if (outstanding === 0 && (rowsSame || corrected !== 0)) continue;
      const [pieceRows, adjustmentRows] = rowsOf(book, closed.month, residentId);
      residents.push({
        residentId,
        name: book.residentsById.get(residentId)?.name ?? '',
        closedNetPay: before ? before.netPay : null,
        currentNetPay: now,
        corrected,
        outstanding,
        pieceRows,
        adjustmentRows,
      });
    }
  }
  if (residents.length === 0 && (snapshot !== null || !changedRows)) return null;
  const corrections = residents
    .filter((r) => r.outstanding !== 0 && book.residentsById.has(r.residentId))
    .map((r) => ({
      month: target,
      residentId: r.residentId,
      amount: r.outstanding,
      closedMonth: closed.month,
    }));
  return {
    month: closed.month,
    closedAt: closed.closedAt,
    netPayAtClosing: closed.netPay,
    netPayNow: pay.totals.netPay,
    perResident: snapshot !== null,
    residents,
    corrections,
  };
}

/** Every closed month whose rows changed since closing, oldest first, with corrections offered. */
export function findClosedMonthChanges(
  book: PayBook,
  closings: readonly ClosedMonth[],
  today: IsoDate,
): ClosedMonthChange[] {
  const latest = new Map<MonthKey, ClosedMonth>();
  for (const closing of closings) latest.set(closing.month, closing);
  const target = openMonthFor(today, new Set(latest.keys()));
  const allAdjustments = [...book.adjustmentsByMonth.values()].flat();
  const recorded = correctionsRecorded(allAdjustments);
  return [...latest.values()]
    .sort((a, b) => (a.month < b.month ? -1 : 1))
    .map((closed) => changeOf(book, closed, recorded, target))
    .filter((change): change is ClosedMonthChange => change !== null);
}
