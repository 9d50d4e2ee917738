/**
 * Closed months whose rows changed after closing. The month stays as it was paid; the difference
 * per resident is offered as adjustment rows in the earliest open month after it, and
 * corrections already recorded (adjustments whose Corrects month names the closed month) are
 * taken into account, so a correction is never offered twice. Residents are compared by idKey,
 * as matching reads IDs.
 */
import type { Adjustment, MonthKey } from './records';
import { addMonths } from './months';
import { compareIds, payForMonth } from './payout';
import type { PayBook } from './payout';
import { digestVersion, fingerprintMatches, residentDigests } from './fingerprint';
import type { Snapshot } from './fingerprint';
import { idKey } from './validation/problemList';

export interface ClosedMonth {
  readonly month: MonthKey;
  readonly closedAt: string;
  readonly closedBy: string;
  readonly residents: number;
  /** Fen. */
  readonly netPay: number;
  readonly fingerprint: string;
  /** Per-resident net pay at closing; null when the Closings row has none. */
  readonly snapshot: Snapshot | null;
  /** Fen: 本次发放 / Paid at this closing; null when the row has none (earlier versions). */
  readonly paid?: number | null;
  /** The verified account that closed, when the backend knows it ('' otherwise). */
  readonly closedByAccount?: string;
}

export interface ResidentChange {
  /** As the Residents tab spells it now (the snapshot's key when the resident is gone). */
  readonly residentId: string;
  /** False when no resident has this ID any more: no correction can be written for them. */
  readonly known: boolean;
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

/**
 * The month the corrections of `corrected` go into: the earliest month after it that is not
 * closed. Never an earlier one: a row counts as a correction only in a later month than the one
 * it corrects (isIssuedCorrection), so a correction written earlier would be taken for an
 * ordinary adjustment and written again at every check.
 */
export function correctionMonthFor(
  corrected: MonthKey,
  closedMonths: ReadonlySet<MonthKey>,
): MonthKey {
  let month = addMonths(corrected, 1);
  while (closedMonths.has(month)) month = addMonths(month, 1);
  return month;
}

const recordKey = (month: MonthKey, residentId: string): string => `${month}\n${idKey(residentId)}`;

/**
 * Whether an adjustment is a correction Gongfang issued, by structure only: its Corrects month
 * column names an earlier month than its own. Words in the reason never count (staff write
 * "更正 … 漏登 3 件" themselves), and a row cannot correct its own month or a later one.
 */
export function isIssuedCorrection(a: Adjustment): a is Adjustment & { correctsMonth: MonthKey } {
  return typeof a.correctsMonth === 'string' && a.correctsMonth < a.month;
}

/** Fen of corrections recorded per closed month and resident (idKey). */
export function correctionsRecorded(adjustments: Iterable<Adjustment>): Map<string, number> {
  const recorded = new Map<string, number>();
  for (const a of adjustments) {
    if (!isIssuedCorrection(a)) continue;
    const key = recordKey(a.correctsMonth, a.residentId);
    recorded.set(key, (recorded.get(key) ?? 0) + a.amount);
  }
  return recorded;
}

/** Corrections of `month` recorded so far, per resident (idKey): kept in a closing's Detail. */
export function correctionsOf(book: PayBook, month: MonthKey): Map<string, number> {
  const recorded = correctionsRecorded([...book.adjustmentsByMonth.values()].flat());
  const ofMonth = new Map<string, number>();
  for (const [key, amount] of recorded) {
    const [corrected, residentKey] = key.split('\n') as [MonthKey, string];
    if (corrected === month) ofMonth.set(residentKey, amount);
  }
  return ofMonth;
}

function rowsOf(book: PayBook, month: MonthKey, key: string): [number[], number[]] {
  const pieces = (book.piecesByMonth.get(month) ?? []).filter((p) => idKey(p.residentId) === key);
  const adjustments = (book.adjustmentsByMonth.get(month) ?? []).filter(
    (a) => idKey(a.residentId) === key,
  );
  return [
    pieces.map((p) => p.row).sort((a, b) => a - b),
    adjustments.map((a) => a.row).sort((a, b) => a - b),
  ];
}

/** No rows: a digest that matches no real one, as encodeSnapshot writes it. */
export const NO_ROWS_DIGEST = '-';

function residentChanges(
  book: PayBook,
  closed: ClosedMonth,
  snapshot: Snapshot,
  recorded: ReadonlyMap<string, number>,
): ResidentChange[] {
  const pay = payForMonth(book, closed.month);
  const residentsByKey = new Map([...book.residentsById.values()].map((r) => [idKey(r.id), r]));
  const digests = residentDigests(book, closed.month, digestVersion(snapshot));
  const currentNet = new Map(pay.residents.map((r) => [idKey(r.residentId), r.netPay]));
  const prefix = `${closed.month}\n`;
  const correctedKeys = [...recorded.keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  const keys = new Set([...snapshot.entries.keys(), ...digests.keys(), ...correctedKeys]);
  const residents: ResidentChange[] = [];
  for (const key of [...keys].sort(compareIds)) {
    const before = snapshot.entries.get(key);
    const now = currentNet.get(key) ?? 0;
    const corrected = (recorded.get(prefix + key) ?? 0) - (before?.correctedBefore ?? 0);
    const outstanding = now - (before?.netPay ?? 0) - corrected;
    const rowsSame = (before?.digest ?? NO_ROWS_DIGEST) === (digests.get(key) ?? NO_ROWS_DIGEST);
    // Nothing owed: either nothing changed, or the change was already corrected.
    if (outstanding === 0 && (rowsSame || corrected !== 0)) continue;
    const [pieceRows, adjustmentRows] = rowsOf(book, closed.month, key);
    const resident = residentsByKey.get(key);
    residents.push({
      residentId: resident?.id ?? key,
      known: resident !== undefined,
      name: resident?.name ?? '',
      closedNetPay: before ? before.netPay : null,
      currentNetPay: now,
      corrected,
      outstanding,
      pieceRows,
      adjustmentRows,
    });
  }
  return residents;
}

function changeOf(
  book: PayBook,
  closed: ClosedMonth,
  recorded: ReadonlyMap<string, number>,
  target: MonthKey,
): ClosedMonthChange | null {
  const changedRows = !fingerprintMatches(book, closed.month, closed.fingerprint);
  const snapshot = closed.snapshot;
  const residents = snapshot ? residentChanges(book, closed, snapshot, recorded) : [];
  if (residents.length === 0 && (snapshot !== null || !changedRows)) return null;
  // A resident gone from Residents cannot be corrected, and correcting the others alone pays
  // the month twice when an ID was only changed (R2 → N2): nothing until their row is back.
  const stranded = residents.some((r) => !r.known);
  const corrections = residents
    .filter((r) => r.outstanding !== 0 && !stranded)
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
    netPayNow: payForMonth(book, closed.month).totals.netPay,
    perResident: snapshot !== null,
    residents,
    corrections,
  };
}

/**
 * Rows changed, money did not: every resident's net pay now is what was paid and corrected (a
 * slip re-dated within its month, a row moved to another order at the same rate). Nothing to
 * correct, so it blocks nothing (Check data, Generate, the archive). A closing without
 * per-resident net pay cannot tell.
 */
export function paysAsClosed(change: ClosedMonthChange): boolean {
  return change.perResident && change.residents.every((r) => r.outstanding === 0);
}

/**
 * Every closed month whose rows changed since closing, oldest first, with corrections offered:
 * each month's go into the earliest open month after it (correctionMonthFor).
 */
export function findClosedMonthChanges(
  book: PayBook,
  closings: readonly ClosedMonth[],
): ClosedMonthChange[] {
  const latest = new Map<MonthKey, ClosedMonth>();
  for (const closing of closings) latest.set(closing.month, closing);
  const closedMonths = new Set(latest.keys());
  const recorded = correctionsRecorded([...book.adjustmentsByMonth.values()].flat());
  return [...latest.values()]
    .sort((a, b) => (a.month < b.month ? -1 : 1))
    .map((closed) =>
      changeOf(book, closed, recorded, correctionMonthFor(closed.month, closedMonths)),
    )
    .filter((change): change is ClosedMonthChange => change !== null);
}
