/**
 * Year report (年度报表 / Year report…, `gongfang year`): for one year, writes 年度 YYYY / Year
 * YYYY (net pay per resident and month), 收入明细 YYYY / Statements YYYY (a page per resident)
 * and 成效 YYYY / Impact YYYY (the year's figures for funders, without personal data). Closed
 * months are pay handed out; other months are drafts, shown apart and never counted in totals.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import { indexPayBook } from '../domain/payout';
import type { PayBook } from '../domain/payout';
import { archivedYears, payThresholdOf, yearReport } from '../domain/year';
import type { ClosingsRecord, YearReport } from '../domain/year';
import { impactLedger, impactReport } from '../domain/impact';
import type { ImpactReport } from '../domain/impact';
import type { Lang } from '../i18n';
import {
  ADJUSTMENTS,
  CLOSINGS,
  DEFAULT_CURRENCY,
  ORDERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  namesOf,
} from '../workbook/layout';
import { writeGeneratedTabs } from '../workbook/port';
import type { GeneratedTab, Workbook } from '../workbook/port';
import { refusal } from './errors';
import { loadLedger } from './loadLedger';
import type { Ledger } from './loadLedger';
import { closedMonthKeys, closingsOfLedger, readClosingsFirst, trustedClosings } from './monthData';
import type { ClosingsTab } from './monthData';
import { formatDateTime } from './reports/grid';
import { buildStatementsTab, buildYearTab } from './reports/yearTabs';
import type { YearContext } from './reports/yearTabs';
import { buildImpactTab } from './reports/impactTab';

export interface YearOptions {
  readonly year: number | string;
  readonly now: Date;
  readonly today: IsoDate;
}

export interface YearData {
  readonly ledger: Ledger;
  readonly book: PayBook;
  readonly closings: ClosingsTab;
  readonly year: YearReport;
  readonly impact: ImpactReport;
}

export interface YearResult {
  readonly year: number;
  readonly lang: Lang;
  /** Year, Statements, Impact. */
  readonly tabs: string[];
  /** Residents paid in a closed month of the year. */
  readonly residents: number;
  /** Fen: Σ net pay of the closed months. */
  readonly total: number;
  readonly closedMonths: readonly MonthKey[];
  readonly draftMonths: readonly MonthKey[];
  readonly currency: string;
  readonly impact: ImpactReport;
}

/** Years whose months Gongfang can read (decodeMonth's range). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/** A four-digit year (2026, "2026", "2026年"), else a refusal in the sheet's words. */
export function checkedYear(value: number | string): number {
  const text = String(value).normalize('NFKC').trim().replace(/年$/, '');
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    throw refusal('yrYearInvalid', { value: String(value).slice(0, 40) });
  }
  return year;
}

/** The tabs the year reads, asked for in one request where the backend can (Sheets' API). */
export const YEAR_READS = [
  { names: namesOf(SETTINGS) },
  { names: namesOf(RESIDENTS) },
  { names: namesOf(ORDERS) },
  { names: namesOf(PIECES) },
  { names: namesOf(ADJUSTMENTS) },
  { names: namesOf(CLOSINGS), exactName: true },
];

/**
 * The ledger, its trusted Closings and the year's figures. Partners are not read: orders name
 * their partner, which is all the Impact counts.
 */
export function loadYear(workbook: Workbook, options: Omit<YearOptions, 'now'>): YearData {
  const year = checkedYear(options.year);
  workbook.prefetch?.(YEAR_READS);
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today: options.today,
    readPartners: false,
    closedMonths: closedMonthKeys(first),
  });
  const closings = trustedClosings(closingsOfLedger(workbook, first, ledger), ledger);
  return computeYear(ledger, closings, year);
}

/** The months closed now, and every closing made (reopened ones too), in the order made. */
export function closingsRecord(closings: ClosingsTab): ClosingsRecord {
  return {
    closedMonths: new Set(closedMonthKeys(closings)),
    closings: closings.events.flatMap((event) => (event.kind === 'closed' ? [event.closing] : [])),
  };
}

/** The year's figures from a loaded ledger: pure. */
export function computeYear(ledger: Ledger, closings: ClosingsTab, year: number): YearData {
  const archived = archivedYears(ledger.settings).get(year);
  if (archived !== undefined) throw refusal('yrArchived', { year, location: archived || '—' });
  const book = indexPayBook(ledger);
  const record = closingsRecord(closings);
  const threshold = payThresholdOf(ledger.settings);
  return {
    ledger,
    book,
    closings,
    year: yearReport(book, { year, threshold, ...record }),
    impact: impactReport(impactLedger(book, { year, ...record })),
  };
}

/** Year, Statements and Impact: pure. */
export function buildYearTabs(data: YearData, now: Date): GeneratedTab[] {
  const { ledger } = data;
  const context: YearContext = {
    lang: ledger.lang,
    year: data.year.year,
    organization: ledger.settings.organization,
    currency: ledger.settings.currency || DEFAULT_CURRENCY,
    generatedAt: formatDateTime(now, ledger.timeZone),
  };
  return [
    buildYearTab(data.year, context),
    buildStatementsTab(data.year, context),
    buildImpactTab(data.impact, context),
  ];
}

export function generateYear(workbook: Workbook, options: YearOptions): YearResult {
  const data = loadYear(workbook, options);
  // A year with nothing in it is a typo (2062 for 2026), not three empty tabs to delete.
  if (data.year.closedMonths.length + data.year.draftMonths.length === 0) {
    throw refusal('yrNothing', { year: data.year.year });
  }
  const tabs = buildYearTabs(data, options.now);
  writeGeneratedTabs(workbook, tabs);
  const report = data.year;
  return {
    year: report.year,
    lang: data.ledger.lang,
    tabs: tabs.map((tab) => tab.name),
    residents: report.residents.filter((r) => r.closed.some((v) => v !== null)).length,
    total: report.total,
    closedMonths: report.closedMonths,
    draftMonths: report.draftMonths,
    currency: data.ledger.settings.currency || DEFAULT_CURRENCY,
    impact: data.impact,
  };
}
