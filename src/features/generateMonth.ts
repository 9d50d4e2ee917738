/**
 * Generate month (生成月度工资与汇总 / Generate month…): builds 工资 / 工资条 / 汇总 for a month
 * and writes them whole, replacing earlier versions. A closed month is rebuilt only while its
 * fingerprint still matches; otherwise Generate refuses, so pay already handed out never moves.
 */
import { MonthKey } from '../domain/records';
import type { IsoDate } from '../domain/records';
import type { KeyFigures } from '../domain/summary';
import { findClosedMonthChanges, isIssuedCorrection, paysAsClosed } from '../domain/closing';
import type { ClosedMonth } from '../domain/closing';
import { fingerprintMatches } from '../domain/fingerprint';
import type { PayBook } from '../domain/payout';
import type { ResidentSettlement } from '../domain/settlement';
import type { Lang } from '../i18n';
import { DEFAULT_CURRENCY } from '../workbook/layout';
import type { GeneratedTab, Workbook } from '../workbook/port';
import { refusal } from './errors';
import type { GongfangError } from './errors';
import { monthRefusal } from './monthChoice';
import { correctionsBook, monthSettlement } from './settlement';
import { closingOf, loadMonth } from './monthData';
import { ledgerTabs, refuseUnreadColumns } from './unreadColumns';
import type { MonthData } from './monthData';
import { formatDateTime } from './reports/grid';
import type { ReportContext } from './reports/context';
import { buildPayoutTab } from './reports/payoutTab';
import { buildPayslipsTab } from './reports/payslipsTab';
import { buildSummaryTab } from './reports/summaryTab';

export { defaultMonth } from '../domain/months';

export type GenerateStep = 'reading' | 'computing' | 'writing';

export interface GenerateOptions {
  month: MonthKey;
  now: Date;
  today: IsoDate;
  /** Told before each step, e.g. to show a toast; optional. */
  onProgress?: (step: GenerateStep) => void;
}

export interface GenerateResult {
  month: MonthKey;
  lang: Lang;
  /** Names of the tabs written: payout, payslips, summary. */
  tabs: string[];
  figures: KeyFigures;
  excludedRows: number;
  closed: boolean;
  /** A closed month whose rows changed since closing with no one's net pay (rebuilt all the same). */
  changedSinceClosing: boolean;
  /** The currency sign from Settings, for messages about the figures. */
  currency: string;
}

/** Refuses a month that is not YYYY-MM, in the language of the sheet when it is known. */
export function checkedMonth(month: string): MonthKey {
  const parsed = MonthKey.safeParse(typeof month === 'string' ? month.trim() : month);
  if (!parsed.success) throw refusal('genMonthInvalid', { value: String(month).slice(0, 40) });
  return parsed.data;
}

/**
 * The three month tabs, built from data already computed; pure. `settlement`: what earlier
 * closings of the month paid (a month closed before), shown beside its pay.
 */
export function buildMonthTabs(
  data: Omit<MonthData, 'closings'>,
  now: Date,
  closing: Pick<ClosedMonth, 'closedAt' | 'closedBy'> | null,
  settlement: readonly ResidentSettlement[] | null = null,
): GeneratedTab[] {
  const { ledger, pay } = data;
  const context: ReportContext = {
    lang: ledger.lang,
    month: pay.month,
    organization: ledger.settings.organization,
    currency: ledger.settings.currency || DEFAULT_CURRENCY,
    generatedAt: formatDateTime(now, ledger.timeZone),
    closed: closing ? { closedAt: closing.closedAt, closedBy: closing.closedBy } : null,
    excludedRows: data.excludedRows,
    settlement,
  };
  return [
    buildPayoutTab(pay, context),
    buildPayslipsTab(pay, context),
    buildSummaryTab(data.summary, data.problems, context),
  ];
}

/**
 * Why a closed month whose rows changed is not rebuilt, and the way out: write its corrections
 * (Check data) while some are owed, else generate the open month that carries them. Null when
 * no one's pay changed and nothing was corrected (a slip re-dated within its month): the tabs
 * rebuilt from the rows as they are now pay everyone what was handed out.
 */
function closedChanged(data: MonthData, closing: ClosedMonth): GongfangError | null {
  const { month, closedAt } = closing;
  const book = correctionsBook(data.ledger, data.book);
  const [change] = findClosedMonthChanges(book, [closing]);
  const owed = (change?.corrections.length ?? 0) > 0;
  const carriedIn = owed || data.blocking.length > 0 ? null : monthCarrying(book, data, month);
  if (carriedIn === null) {
    if (data.blocking.length === 0 && (change === undefined || paysAsClosed(change))) return null;
    const next = data.blocking.length > 0 || !owed ? 'check' : 'correct';
    return refusal('genClosedChanged', { month, closedAt }).withNext({ kind: next });
  }
  return refusal('genClosedCorrected', { month, closedAt, carriedIn }).withNext({
    kind: 'generate',
    month: carriedIn,
  });
}

/** The month holding corrections of `month`: the earliest open one, else the latest. */
function monthCarrying(book: PayBook, data: MonthData, month: MonthKey): MonthKey | null {
  const closed = new Set(data.closings.closed.map((c) => c.month));
  const months = [...book.adjustmentsByMonth.values()]
    .flat()
    .filter((a) => isIssuedCorrection(a) && a.correctsMonth === month)
    .map((a) => a.month)
    .sort();
  return months.find((m) => !closed.has(m)) ?? months[months.length - 1] ?? null;
}

export function generateMonth(workbook: Workbook, options: GenerateOptions): GenerateResult {
  const month = checkedMonth(options.month);
  options.onProgress?.('reading');
  const data = loadMonth(workbook, { month, today: options.today });
  refuseUnreadColumns(ledgerTabs(data.ledger), true);
  options.onProgress?.('computing');
  const closing = closingOf(data.closings, month);
  if (closing === null) {
    const out = monthRefusal(month, options.today, data.book, data.closings);
    if (out) throw out;
  }
  const changed = closing !== null && !fingerprintMatches(data.book, month, closing.fingerprint);
  const refused = changed ? closedChanged(data, closing) : null;
  if (refused) throw refused;
  const tabs = buildMonthTabs(data, options.now, closing, monthSettlement(data));
  options.onProgress?.('writing');
  for (const tab of tabs) workbook.replaceGeneratedTab(tab);
  return {
    month,
    lang: data.ledger.lang,
    tabs: tabs.map((tab) => tab.name),
    figures: data.summary.figures,
    excludedRows: data.excludedRows,
    closed: closing !== null,
    changedSinceClosing: changed,
    currency: data.ledger.settings.currency || DEFAULT_CURRENCY,
  };
}
