/**
 * Closed months whose rows changed after closing (for Check data), and writing the corrections
 * staff confirmed as adjustment rows in the current open month.
 *
 * Check data (src/features/checkData.ts) calls, on the ledger it has just loaded:
 *   const closings = readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
 *   const changes = closedMonthChanges(ledger, closings, today);
 *   const lines = describeChanges(ledger, changes);          // text to show
 *   // on confirmation (e.g. from a dialog, with the corrections sent back):
 *   applyCorrections(workbook, changes.flatMap((c) => c.corrections), { today });
 */
import * as z from 'zod/mini';
import { Fen, MonthKey } from '../domain/records';
import type { IsoDate } from '../domain/records';
import { indexPayBook, payForMonth } from '../domain/payout';
import type { PayBook } from '../domain/payout';
import { findClosedMonthChanges } from '../domain/closing';
import type { ClosedMonth, ClosedMonthChange, Correction } from '../domain/closing';
import { fenToYuan } from '../domain/money';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { ADJUSTMENTS, DEFAULT_CURRENCY, PIECES, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { matchHeaders } from '../workbook/tables';
import { loadLedger } from './loadLedger';
import type { Ledger } from './loadLedger';
import { closingsLost, monthProblems, readClosings, trustedClosings } from './monthData';
import type { BlockingRow, ClosingsTab } from './monthData';
import { moneyText } from './closeMonth';
import { refusal } from './errors';
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
  today: IsoDate,
): ClosedMonthReport[] {
  // An archived month's rows are in its archive: the live sheet holds only rows carried forward.
  const closed = ('closed' in closings ? closings.closed : closings).filter(
    (c) => !isArchivedMonth(ledger.settings, c.month),
  );
  if (closed.length === 0) return [];
  // Corrections written before the Corrects month column are recognised by their exact text.
  const book = indexPayBook(withLegacyCorrections(ledger));
  return findClosedMonthChanges(book, closed, today).map((change) => {
    const blocking = blockingRows(ledger, book, change);
    return { ...change, blocking, corrections: blocking.length > 0 ? [] : change.corrections };
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
          id: r.residentId,
          name: r.name,
          before: money(r.closedNetPay),
          now: money(r.currentNetPay),
          corrected: money(r.corrected),
          outstanding: money(r.outstanding),
          rows: rowsText(lang, r.pieceRows, r.adjustmentRows),
        }),
      );
    }
    const blocking = 'blocking' in change ? change.blocking : [];
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

function adjustmentRow(
  correction: Correction,
  columns: Partial<Record<'month' | 'resident' | 'amount' | 'reason' | 'correctsMonth', number>>,
  width: number,
  lang: Lang,
): CellValue[] {
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const put = (column: number | undefined, value: CellValue): void => {
    if (column !== undefined) row[column - 1] = value;
  };
  put(columns.month, correction.month);
  put(columns.resident, correction.residentId);
  put(columns.amount, fenToYuan(correction.amount));
  put(columns.reason, t(lang, 'correctionReason', { month: correction.closedMonth }));
  put(columns.correctsMonth, correction.closedMonth);
  return row;
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
  const ledger = loadLedger(workbook, { today: options.today });
  const closings = trustedClosings(
    readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang }),
    ledger,
  );
  const outstanding = closedMonthChanges(ledger, closings, options.today).flatMap(
    (c) => c.corrections,
  );
  const toWrite = confirmed.filter((c) => outstanding.some((o) => sameCorrection(o, c)));
  if (toWrite.length === 0) return 0;
  const tab = ledger.tabs.adjustments;
  if (!tab) throw refusal('tabMissing', { tab: labelOf(ADJUSTMENTS, ledger.lang) });
  const match = matchHeaders(ADJUSTMENTS, tab.values[0]);
  if (!match.headerRow) throw refusal('headerMissing', { tab: tab.name });
  const columns = { ...match.columns };
  const headerWidth = tab.values[0]?.length ?? 0;
  if (columns.correctsMonth === undefined) {
    // The column that marks these rows as corrections (never the reason's words): added once.
    const spec = ADJUSTMENTS.columns.find((c) => c.key === 'correctsMonth');
    columns.correctsMonth = headerWidth + 1;
    workbook.setUpTabs([
      {
        name: tab.name,
        create: false,
        newHeaders: [
          { column: headerWidth + 1, text: spec ? labelOf(spec, ledger.lang) : 'correctsMonth' },
        ],
        headerWidth: headerWidth + 1,
        columns: [{ column: headerWidth + 1, numberFormat: NUMBER_FORMATS.month }],
      },
    ]);
  }
  const found = Object.values(columns).filter((c): c is number => c !== undefined);
  const width = Math.max(headerWidth, ...found);
  const rows = toWrite.map((c) => adjustmentRow(c, columns, width, ledger.lang));
  const formats: string[] = Array<string>(width).fill(NUMBER_FORMATS.general);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  const formatAt = (column: number | undefined, format: string): void => {
    if (column !== undefined) formats[column - 1] = format;
  };
  formatAt(columns.month, NUMBER_FORMATS.month);
  formatAt(columns.resident, NUMBER_FORMATS.text);
  formatAt(columns.amount, moneyFormat(currency));
  formatAt(columns.reason, NUMBER_FORMATS.text);
  formatAt(columns.correctsMonth, NUMBER_FORMATS.month);
  workbook.appendRows(tab.name, rows, formats);
  return rows.length;
}

/**
 * What Check data adds about closing, beside the cell problems: a Closings tab that was lost
 * (closingsLost), and every resident whose net pay for a month is negative (a deduction larger
 * than the pay: worth a look before anyone signs a payslip).
 */
export function closingNotices(ledger: Ledger, closings: ClosingsTab): string[] {
  const lost = closingsLost(closings, ledger);
  const notices = lost ? [lost.render(ledger.lang)] : [];
  const book = indexPayBook(ledger);
  const months = new Set([...book.piecesByMonth.keys(), ...book.adjustmentsByMonth.keys()]);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  for (const month of [...months].sort()) {
    if (isArchivedMonth(ledger.settings, month)) continue;
    for (const r of payForMonth(book, month).residents) {
      if (r.netPay >= 0) continue;
      const amount = moneyText(r.netPay, currency);
      notices.push(
        t(ledger.lang, 'netPayNegative', { month, id: r.residentId, name: r.name, amount }),
      );
    }
  }
  return notices;
}
