/**
 * Closed months whose rows changed after closing (for Check data), and writing the corrections
 * staff confirmed as adjustment rows, each in the earliest open month after the month corrected.
 *
 * Check data (src/features/checkData.ts) calls, on the ledger it has just loaded:
 *   const closings = readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
 *   const changes = closedMonthChanges(ledger, closings);
 *   const lines = describeChanges(ledger, changes);          // text to show
 *   // on confirmation (e.g. from a dialog, with the corrections sent back):
 *   applyCorrections(workbook, changes.flatMap((c) => c.corrections), { today });
 */
import * as z from 'zod/mini';
import { Fen, MonthKey } from '../domain/records';
import type { IsoDate } from '../domain/records';
import { indexPayBook, payForMonth } from '../domain/payout';
import type { PayBook } from '../domain/payout';
import { findClosedMonthChanges, paysAsClosed } from '../domain/closing';
import type { ClosedMonth, ClosedMonthChange, Correction } from '../domain/closing';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { ADJUSTMENTS, CLOSINGS, DEFAULT_CURRENCY, PIECES, labelOf } from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { loadLedger } from './loadLedger';
import type { Ledger } from './loadLedger';
import { closingsLost, monthProblems, readClosings, trustedClosings } from './monthData';
import type { BlockingRow, ClosingsTab } from './monthData';
import { moneyText } from './closeMonth';
import { appendAdjustments } from './adjustmentRows';
import { clashRefusal } from './tabRoles';
import { withLegacyCorrections } from './corrections';
import { isArchivedMonth } from './archived';

export type { ClosedMonthChange, Correction } from '../domain/closing';
export { readClosings } from './monthData';

/** A correction as it travels from a dialog back to the server (parsed before use). */
export const CorrectionPayload = z.object({
  month: MonthKey,
  residentId: z.string().check(z.minLength(1)),
  amount: Fen,
  closedMonth: MonthKey,
});

/**
 * A closed month whose rows changed, and the rows of it that now have errors. While a closed
 * month has such rows its pay "now" leaves them out, so the difference would be a mistake to
 * pay: no correction is offered for it until they are fixed.
 */
export interface ClosedMonthReport extends ClosedMonthChange {
  readonly blocking: readonly BlockingRow[];
}

export function closedMonthChanges(
  ledger: Ledger,
  closings: ClosingsTab | readonly ClosedMonth[],
): ClosedMonthReport[] {
  // An archived month's rows are in its archive: the live sheet holds only rows carried forward.
  const closed = ('closed' in closings ? closings.closed : closings).filter(
    (c) => !isArchivedMonth(ledger.settings, c.month),
  );
  if (closed.length === 0) return [];
  // Corrections written before the Corrects month column are recognised by their exact text.
  const book = indexPayBook(withLegacyCorrections(ledger));
  // Two tabs for one role: the rows read may not be the ones paid, so nothing is offered.
  const clashed = (ledger.tabClashes ?? []).length > 0;
  return findClosedMonthChanges(book, closed).map((change) => {
    const blocking = blockingRows(ledger, book, change);
    const offered = blocking.length > 0 || clashed ? [] : change.corrections;
    return { ...change, blocking, corrections: offered };
  });
}

function blockingRows(ledger: Ledger, book: PayBook, change: ClosedMonthChange): BlockingRow[] {
  return monthProblems(ledger, payForMonth(book, change.month)).blocking;
}

/** The report in the ledger's language: one line per month, then one per resident. */
export function describeChanges(
  ledger: Ledger,
  changes: readonly (ClosedMonthChange | ClosedMonthReport)[],
): string[] {
  return describeChangesIn(ledger.lang, ledger.settings.currency, changes);
}

/** The same, for a caller that kept only the language and currency (e.g. a CheckReport). */
export function describeChangesIn(
  lang: Lang,
  currency: string,
  changes: readonly (ClosedMonthChange | ClosedMonthReport)[],
): string[] {
  const money = (fen: number | null): string => moneyText(fen ?? 0, currency || DEFAULT_CURRENCY);
  if (changes.length === 0) return [t(lang, 'correctionsNone')];
  const lines: string[] = [t(lang, 'correctionsTitle')];
  for (const change of changes) {
    const blocking = 'blocking' in change ? change.blocking : [];
    // Rows changed, no money moved: not a problem to correct (the archive agrees).
    if (blocking.length === 0 && paysAsClosed(change)) {
      const { month, closedAt } = change;
      lines.push(t(lang, 'correctionsNothingOwed', { month, closedAt }));
      continue;
    }
    lines.push(
      t(lang, 'correctionsMonth', {
        month: change.month,
        closedAt: change.closedAt,
        before: money(change.netPayAtClosing),
        now: money(change.netPayNow),
      }),
    );
    if (!change.perResident) lines.push(t(lang, 'correctionsNoSnapshot'));
    for (const r of change.residents) {
      lines.push(
        t(lang, 'correctionsResident', {
          who: residentText(r),
          before: money(r.closedNetPay),
          now: money(r.currentNetPay),
          corrected: money(r.corrected),
          outstanding: money(r.outstanding),
          rows: rowsText(lang, r.pieceRows, r.adjustmentRows),
        }),
      );
      if (!r.known) lines.push(t(lang, 'residentGone'));
    }
    if (blocking.length > 0) {
      lines.push(t(lang, 'correctionsBlocked', { month: change.month, count: blocking.length }));
      for (const row of blocking.slice(0, LISTED_BLOCKING_ROWS)) {
        lines.push(t(lang, 'closeBlockingRow', { where: row.where, message: row.message }));
      }
      const more = blocking.length - LISTED_BLOCKING_ROWS;
      if (more > 0) lines.push(t(lang, 'closeBlockedMore', { count: more }));
    }
    if (change.corrections.length > 0) {
      const month = change.corrections[0]?.month ?? change.month;
      lines.push(t(lang, 'correctionsOffer', { count: change.corrections.length, month }));
    }
  }
  return lines;
}

/**
 * "R002 李桂兰", or "R002" alone for a resident no longer on Residents: the Closings detail
 * keeps no names, and a blank one printed "R002 ：结账时 …".
 */
function residentText(r: { residentId: string; name: string }): string {
  return r.name ? `${r.residentId} ${r.name}` : r.residentId;
}

/** "Pieces 5, 9; Adjustments 2": the rows concerned, by tab. */
function rowsText(lang: Lang, pieceRows: readonly number[], adjustmentRows: readonly number[]) {
  const parts: string[] = [];
  if (pieceRows.length > 0) parts.push(`${labelOf(PIECES, lang)} ${pieceRows.join(', ')}`);
  if (adjustmentRows.length > 0) {
    parts.push(`${labelOf(ADJUSTMENTS, lang)} ${adjustmentRows.join(', ')}`);
  }
  return parts.join(lang === 'zh-CN' ? '；' : '; ') || '—';
}

/** Rows with errors listed under a changed closed month; the rest are counted. */
const LISTED_BLOCKING_ROWS = 5;

function sameCorrection(a: Correction, b: Correction): boolean {
  return (
    a.month === b.month &&
    a.residentId === b.residentId &&
    a.amount === b.amount &&
    a.closedMonth === b.closedMonth
  );
}

/**
 * Appends the confirmed corrections to 调整 / Adjustments. The changes are worked out again
 * first and only corrections still outstanding are written, so a second click (or a stale
 * dialog) never pays a difference twice. Returns the number of rows written.
 */
export function applyCorrections(
  workbook: Workbook,
  corrections: readonly Correction[],
  options: { today: IsoDate },
): number {
  const confirmed = corrections.map((c) => CorrectionPayload.parse(c));
  const ledger = loadLedger(workbook, { today: options.today, tabNames: workbook.tabNames() });
  const clash = clashRefusal(ledger.tabClashes ?? [], ledger.lang);
  if (clash) throw clash;
  const closings = trustedClosings(
    readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang }),
    ledger,
  );
  const outstanding = closedMonthChanges(ledger, closings).flatMap((c) => c.corrections);
  const toWrite = confirmed.filter((c) => outstanding.some((o) => sameCorrection(o, c)));
  return appendAdjustments(
    workbook,
    ledger,
    toWrite.map((c) => ({
      month: c.month,
      residentId: c.residentId,
      amount: c.amount,
      reason: t(ledger.lang, 'correctionReason', { month: c.closedMonth }),
      correctsMonth: c.closedMonth,
    })),
  );
}

/**
 * What Check data adds about closing, beside the cell problems: a Closings tab that was lost
 * (closingsLost), and every resident whose net pay for a month is negative (a deduction larger
 * than the pay: worth a look before anyone signs a payslip).
 */
export function closingNotices(
  ledger: Ledger,
  closings: ClosingsTab,
  lang: Lang = ledger.lang,
): string[] {
  const lost = closingsLost(closings, ledger);
  const notices = lost ? [lost.render(lang)] : [];
  // Two Closings tabs (the source tabs' clashes are errors of their own).
  const clashes = (ledger.tabClashes ?? []).filter((clash) => clash.role.key === CLOSINGS.key);
  const clash = clashRefusal(clashes, lang);
  if (clash) notices.push(clash.render(lang));
  // Piece pay is never negative (validation leaves out rows with more rejected than completed
  // pieces and orders with a negative rate): only a month with a deduction can owe a resident,
  // so the others are not paid out (a ten-year ledger: 120 months, a second of a check).
  const months = new Set<MonthKey>();
  for (const a of ledger.adjustments) if (a.amount < 0) months.add(a.month);
  const owing = [...months].filter((month) => !isArchivedMonth(ledger.settings, month)).sort();
  // Most ledgers have no such month: the pieces are then not indexed at all (6 ms at 100,000).
  if (owing.length === 0) return notices;
  const book = indexPayBook(ledger);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  for (const month of owing) {
    for (const r of payForMonth(book, month).residents) {
      if (r.netPay >= 0) continue;
      const amount = moneyText(r.netPay, currency);
      notices.push(t(lang, 'netPayNegative', { month, id: r.residentId, name: r.name, amount }));
    }
  }
  return notices;
}
