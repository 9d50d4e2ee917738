/**
 * Reopen month (撤销结账 / Reopen month): staff make mistakes when closing too. Only the latest
 * closed month can be reopened. Nothing is deleted: a row of its own is appended to 结账 /
 * Closings with who reopened, when and why, and the month's closing stops being in force from
 * that row on (readClosings). The month's tabs are rebuilt as a draft, so no payout says
 * CLOSED for a month that is open; it can then be generated and closed again.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import type { ClosedMonth } from '../domain/closing';
import type { Lang } from '../i18n';
import { DEFAULT_CURRENCY } from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { refusal } from './errors';
import { buildMonthTabs, checkedMonth } from './generateMonth';
import { closingOf, loadMonth, readClosings } from './monthData';
import type { ClosingsTab } from './monthData';
import { writeClosingsRow } from './closeMonth';
import { formatDateTime } from './reports/grid';

export interface ReopenPreview {
  readonly month: MonthKey;
  readonly closedAt: string;
  readonly closedBy: string;
  readonly closedByAccount: string;
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
  /** The Closings tab and the month tabs written. */
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
  if (!closing) throw refusal('reopenNotClosed', { month });
  const latest = latestClosed(closings);
  if (latest && latest.month !== month) {
    throw refusal('reopenNotLatest', { month, latest: latest.month });
  }
  return closing;
}

function previewOf(closing: ClosedMonth): ReopenPreview {
  return {
    month: closing.month,
    closedAt: closing.closedAt,
    closedBy: closing.closedBy,
    closedByAccount: closing.closedByAccount ?? '',
  };
}

/**
 * What reopening would undo: `month`'s closing, or the latest closing when no month is given
 * (the menu item offers that one). Read only; Closings is read alone.
 */
export function previewReopen(workbook: Workbook, month?: string): ReopenPreview {
  // By the same name rules as every tab: a Closings tab renamed "结账 " is still found here.
  const closings = readClosings(workbook, { timeZone: workbook.info().timeZone, lang: 'zh-CN' });
  if (month === undefined) {
    const latest = latestClosed(closings);
    if (!latest) throw refusal('reopenNothing');
    return previewOf(latest);
  }
  return previewOf(closingToReopen(closings, checkedMonth(month)));
}

export function reopenMonth(workbook: Workbook, options: ReopenOptions): ReopenResult {
  const month = checkedMonth(options.month);
  const reason = options.reason.trim();
  if (reason === '') throw refusal('reopenReasonMissing');
  const data = loadMonth(workbook, { month, today: options.today });
  closingToReopen(data.closings, month);
  const { lang, settings, timeZone } = data.ledger;
  const reopenedAt = formatDateTime(options.now, timeZone);
  const tabName = writeClosingsRow(workbook, data.closings, {
    lang,
    currency: settings.currency || DEFAULT_CURRENCY,
    values: {
      month,
      reopenedAt,
      reopenedBy: options.reopenedBy.trim() || '—',
      reopenReason: reason,
    },
    required: ['month', 'reopenedAt', 'reopenedBy', 'reopenReason'],
  });
  const tabs = buildMonthTabs(data, options.now, null);
  for (const tab of tabs) workbook.replaceGeneratedTab(tab);
  return { month, lang, reopenedAt, tabs: [tabName, ...tabs.map((tab) => tab.name)] };
}
