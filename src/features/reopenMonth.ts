/**
 * Reopen month (撤销结账 / Reopen month): staff make mistakes when closing too. Only the latest
 * closed month can be reopened. Nothing is deleted: a row of its own is appended to 结账 /
 * Closings with who reopened, when and why, and the month's closing stops being in force from
 * that row on (readClosings). The month's tabs are rebuilt as a draft, so no payout says
 * CLOSED for a month that is open; it can then be generated and closed again.
 *
 * Reopening cannot pay twice (docs/month.md, "Reopening"). Corrections of the month already
 * written into later months are withdrawn: a row of the opposite amount goes into the same
 * month, marked as a correction of the reopened month, and the reopening row lists them. Those
 * months are still open (every month after the latest closed one is), so nothing of them was
 * handed out; closing the month again pays the difference once, with the month itself. A
 * correction paid with a closed month is never withdrawn: reopening is refused, naming it.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import { isIssuedCorrection } from '../domain/closing';
import type { ClosedMonth } from '../domain/closing';
import { paidByClosings, settleOpenMonth } from '../domain/settlement';
import type { ResidentSettlement } from '../domain/settlement';
import { idKey } from '../domain/validation/problemList';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { DEFAULT_CURRENCY } from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { GongfangError, isGongfangError, refusal } from './errors';
import { buildMonthTabs, checkedMonth } from './generateMonth';
import { closingOf, closingsOfMonth, loadMonth, readClosings } from './monthData';
import type { ClosingsTab, MonthData } from './monthData';
import { moneyText, writeClosingsRow } from './closeMonth';
import { appendAdjustments } from './adjustmentRows';
import { correctedElsewhere, correctionsBook, residentNames } from './settlement';
import { formatDateTime } from './reports/grid';

/** Corrections of the reopened month one resident has in one later month, taken together. */
export interface Withdrawal {
  /** The month the corrections sit in (and the withdrawal row goes into). */
  readonly month: MonthKey;
  /** As the Residents tab spells it (as the rows do when the resident is gone). */
  readonly residentId: string;
  readonly name: string;
  /** Fen: what the corrections come to; the withdrawal row is its opposite. */
  readonly amount: number;
  /** Their rows on 调整 / Adjustments. */
  readonly rows: readonly number[];
}

export interface ReopenPreview {
  readonly month: MonthKey;
  readonly closedAt: string;
  readonly closedBy: string;
  readonly closedByAccount: string;
  readonly lang: Lang;
  readonly currency: string;
  /** What reopening writes to Adjustments before anything else: [] when nothing. */
  readonly withdrawals: readonly Withdrawal[];
}

export interface ReopenOptions {
  readonly month: MonthKey;
  readonly now: Date;
  readonly today: IsoDate;
  readonly reopenedBy: string;
  readonly reason: string;
}

export interface ReopenResult {
  readonly month: MonthKey;
  readonly lang: Lang;
  readonly reopenedAt: string;
  /** The corrections withdrawn (one Adjustments row written for each). */
  readonly withdrawals: readonly Withdrawal[];
  /** The Closings tab, Adjustments when rows were written, and the month tabs. */
  readonly tabs: string[];
}

/** The latest month closed and not reopened, or null. */
export function latestClosed(closings: ClosingsTab): ClosedMonth | null {
  const months = closings.closed.map((c) => c.month).sort();
  const latest = months[months.length - 1];
  return latest === undefined ? null : closingOf(closings, latest);
}

/** The closing `month` would undo, refused when it is not closed or a later month is. */
function closingToReopen(closings: ClosingsTab, month: MonthKey): ClosedMonth {
  const closing = closingOf(closings, month);
  if (!closing) throw refusal('reopenNotClosed', { month }).withNext({ kind: 'generate', month });
  const latest = latestClosed(closings);
  if (latest && latest.month !== month) {
    throw refusal('reopenNotLatest', { month, latest: latest.month }).withNext({
      kind: 'reopen',
      month: latest.month,
    });
  }
  return closing;
}

/**
 * The corrections of `month` per later month and resident, with what they come to (sums of
 * zero, e.g. a correction withdrawn before, are left out): in open months, and in closed ones.
 */
function correctionsOfMonth(
  data: MonthData,
  month: MonthKey,
): { open: Withdrawal[]; paid: Withdrawal[] } {
  const book = correctionsBook(data.ledger, data.book);
  const names = residentNames(data.ledger);
  const groups = new Map<
    string,
    { month: MonthKey; key: string; spelled: string; amount: number; rows: number[] }
  >();
  for (const rows of book.adjustmentsByMonth.values()) {
    for (const a of rows) {
      if (!isIssuedCorrection(a) || a.correctsMonth !== month) continue;
      const key = idKey(a.residentId);
      const group = groups.get(`${a.month}\n${key}`) ?? {
        month: a.month,
        key,
        spelled: a.residentId,
        amount: 0,
        rows: [],
      };
      group.amount += a.amount;
      group.rows.push(a.row);
      groups.set(`${a.month}\n${key}`, group);
    }
  }
  const closed = new Set(data.closings.closed.map((c) => c.month));
  const open: Withdrawal[] = [];
  const paid: Withdrawal[] = [];
  const sorted = [...groups.values()].sort((a, b) =>
    a.month < b.month ? -1 : a.month > b.month ? 1 : a.key < b.key ? -1 : 1,
  );
  for (const group of sorted) {
    if (group.amount === 0) continue;
    const known = names.get(group.key);
    const withdrawal = {
      month: group.month,
      residentId: known?.id ?? group.spelled,
      name: known?.name ?? '',
      amount: group.amount,
      rows: group.rows.sort((a, b) => a - b),
    };
    (closed.has(group.month) ? paid : open).push(withdrawal);
  }
  return { open, paid };
}

/** One line per withdrawal, in the sheet's language: "2026-12 R002 王秀英 ¥52.00". */
export function withdrawalLines(
  preview: Pick<ReopenPreview, 'withdrawals' | 'lang' | 'currency'>,
): string[] {
  return preview.withdrawals.map((w) =>
    t(preview.lang, 'reopenWithdrawLine', {
      month: w.month,
      id: w.residentId,
      name: w.name,
      amount: moneyText(w.amount, preview.currency),
      rows: w.rows.join(', '),
    }),
  );
}

/**
 * The month's closing to undo and the corrections reopening withdraws; refused as above, and
 * when a correction of the month was paid with a closed month (its rows named: reopening would
 * pay it twice). A closed month after it is also a later closed month, so the refusal that
 * names the month to reopen first lists them too.
 */
function planOf(data: MonthData, month: MonthKey): ReopenPreview {
  const { lang, settings } = data.ledger;
  const currency = settings.currency || DEFAULT_CURRENCY;
  const { open, paid } = correctionsOfMonth(data, month);
  const paidLines =
    paid.length === 0
      ? []
      : [
          t(lang, 'reopenCorrectionsPaid', { month }),
          ...withdrawalLines({ withdrawals: paid, lang, currency }),
        ];
  let closing: ClosedMonth;
  try {
    closing = closingToReopen(data.closings, month);
  } catch (error) {
    if (!isGongfangError(error) || paidLines.length === 0) throw error;
    throw new GongfangError(error.key, error.params, paidLines).withNext(error.next);
  }
  if (paidLines.length > 0) {
    throw new GongfangError('reopenCorrectionsPaid', [{ month }], paidLines.slice(1));
  }
  return {
    month,
    closedAt: closing.closedAt,
    closedBy: closing.closedBy,
    closedByAccount: closing.closedByAccount ?? '',
    lang,
    currency,
    withdrawals: open,
  };
}

/**
 * What reopening would do: `month`'s closing, or the latest closing when no month is given (the
 * menu item offers that one), and the corrections it would withdraw. Read only.
 */
export function previewReopen(
  workbook: Workbook,
  options: { readonly month?: string; readonly today: IsoDate },
): ReopenPreview {
  let month: MonthKey;
  if (options.month === undefined) {
    // By the same name rules as every tab: a Closings tab renamed "结账 " is still found here.
    const closings = readClosings(workbook, { timeZone: workbook.info().timeZone, lang: 'zh-CN' });
    const latest = latestClosed(closings);
    if (!latest) throw refusal('reopenNothing');
    month = latest.month;
  } else month = checkedMonth(options.month);
  return planOf(loadMonth(workbook, { month, today: options.today }), month);
}

/** The reopened month's draft tabs say what its earlier closings paid, and what is left. */
function settlementAfter(data: MonthData, plan: ReopenPreview): ResidentSettlement[] {
  const elsewhere = new Map(correctedElsewhere(data, plan.month));
  for (const w of plan.withdrawals) {
    const key = idKey(w.residentId);
    elsewhere.set(key, (elsewhere.get(key) ?? 0) - w.amount);
  }
  const earlier = paidByClosings(closingsOfMonth(data.closings, plan.month));
  return settleOpenMonth(data.pay, earlier, elsewhere, residentNames(data.ledger));
}

export function reopenMonth(workbook: Workbook, options: ReopenOptions): ReopenResult {
  const month = checkedMonth(options.month);
  const reason = options.reason.trim();
  if (reason === '') throw refusal('reopenReasonMissing');
  const data = loadMonth(workbook, { month, today: options.today });
  const plan = planOf(data, month);
  const { lang, timeZone } = data.ledger;
  const reopenedAt = formatDateTime(options.now, timeZone);
  const written = appendAdjustments(
    workbook,
    data.ledger,
    plan.withdrawals.map((w) => ({
      month: w.month,
      residentId: w.residentId,
      amount: -w.amount,
      reason: t(lang, 'correctionWithdrawnReason', { month }),
      correctsMonth: month,
    })),
  );
  const lines = withdrawalLines(plan);
  const tabName = writeClosingsRow(workbook, data.closings, {
    lang,
    currency: plan.currency,
    values: {
      month,
      reopenedAt,
      reopenedBy: options.reopenedBy.trim() || '—',
      reopenReason: reason,
      // The record of what was withdrawn, beside the reason (the rows are on Adjustments).
      snapshot:
        lines.length === 0
          ? ''
          : t(lang, 'reopenWithdrawnRecord', { lines: lines.join(lang === 'zh-CN' ? '；' : '; ') }),
    },
    required: ['month', 'reopenedAt', 'reopenedBy', 'reopenReason'],
  });
  const tabs = buildMonthTabs(data, options.now, null, settlementAfter(data, plan));
  for (const tab of tabs) workbook.replaceGeneratedTab(tab);
  const adjustments =
    written > 0 && data.ledger.tabs.adjustments ? [data.ledger.tabs.adjustments.name] : [];
  return {
    month,
    lang,
    reopenedAt,
    withdrawals: plan.withdrawals,
    tabs: [tabName, ...adjustments, ...tabs.map((tab) => tab.name)],
  };
}
