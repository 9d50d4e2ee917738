/**
 * Partner reports (更新合作单位报表 / Update partner reports, `gongfang partners`): for each
 * partner whose 进度表 / Report is yes, its Progress and Statement tabs, in its own language.
 * Backend-free: Sheets writes each into the partner's own spreadsheet, the CLI into an .xlsx.
 */
import type { IsoDate, MonthKey, Partner } from '../domain/records';
import { partnerLedger, partnerProgress, partnerStatement } from '../domain/partnerReport';
import type { PartnerStatement } from '../domain/partnerReport';
import { compareIds } from '../domain/payout';
import { langFromLocale, t } from '../i18n';
import type { Lang } from '../i18n';
import { ACTIVE_VALUES, DEFAULT_CURRENCY, findTerm } from '../workbook/layout';
import type { GeneratedTab, Workbook } from '../workbook/port';
import { checkedMonth } from './generateMonth';
import { loadLedger, renderProblem } from './loadLedger';
import type { Ledger } from './loadLedger';
import { closedMonthKeys, closingOf, readClosingsFirst } from './monthData';
import type { ClosingsTab } from './monthData';
import { ledgerTabs, refuseUnreadColumns, refuseUnreadTabs } from './unreadColumns';
import { formatDateTime } from './reports/grid';
import { buildProgressTab, buildStatementTab } from './reports/partnerTabs';

export interface PartnerReport {
  readonly partnerId: string;
  /** The name as staff typed it (the ID when empty). */
  readonly partner: string;
  /** Row of the partner on 合作单位 / Partners, as the sheet shows it. */
  readonly row: number;
  readonly lang: Lang;
  readonly shareEmails: readonly string[];
  /** What the link column holds now ('' when Gongfang has not made the report yet). */
  readonly reportLink: string;
  /** False when Share emails holds something that is not an address: sharing is then left as
   *  it is (a typo must not take everyone's access away). */
  readonly shareEmailsReadable: boolean;
  /** The name of the partner's spreadsheet, "{organisation} · {partner} 订单进度". */
  readonly title: string;
  /** Progress, then the month's Statement. */
  readonly tabs: readonly [GeneratedTab, GeneratedTab];
  readonly statement: PartnerStatement;
}

export interface PartnerReports {
  readonly month: MonthKey;
  /** The sheet's language (for messages to staff). */
  readonly lang: Lang;
  readonly final: boolean;
  readonly reports: readonly PartnerReport[];
  /**
   * Rows of 合作单位 / Partners left out because of errors (a duplicate ID, a missing one…),
   * located and worded: a partner there gets no report until it is fixed.
   */
  readonly excludedPartners: readonly { readonly where: string; readonly message: string }[];
  /** What the Partners tab looks like, for a backend that writes the link column. */
  readonly partnersTab: {
    readonly name: string | null;
    readonly width: number;
    readonly linkColumn: number | null;
    /** The link column's cells as read, row 1 first (empty when the column is missing). */
    readonly linkCells: readonly string[];
  };
}

export interface PartnerReportOptions {
  readonly month: string;
  readonly now: Date;
  readonly today: IsoDate;
}

/** Report = yes, in either language (是 / yes / ✓ …, as the Active column reads). */
export function wantsReport(partner: Pick<Partner, 'report'>): boolean {
  return findTerm(ACTIVE_VALUES, partner.report)?.key === 'yes';
}

/** The partner's language column, or the sheet's when it is empty. */
export function partnerLang(partner: Pick<Partner, 'language'>, sheetLang: Lang): Lang {
  const text = partner.language.trim();
  if (text === '') return sheetLang;
  return /^(en|english|英)/i.test(text) ? 'en' : langFromLocale(text);
}

export function loadPartnerReports(
  workbook: Workbook,
  options: PartnerReportOptions,
): PartnerReports {
  const month = checkedMonth(options.month);
  const closings = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today: options.today,
    closedMonths: closedMonthKeys(closings),
    // Adjustments are pay, never a partner's business: one read fewer.
    readAdjustments: false,
  });
  refuseUnreadTabs(workbook, ledgerTabs(ledger), ledger.lang);
  refuseUnreadColumns(ledgerTabs(ledger), true);
  return buildPartnerReports(ledger, closings, { ...options, month });
}

/** Pure: the reports from a loaded ledger. */
export function buildPartnerReports(
  ledger: Ledger,
  closings: ClosingsTab,
  options: PartnerReportOptions & { readonly month: MonthKey },
): PartnerReports {
  const { month } = options;
  const final = closingOf(closings, month) !== null;
  const view = partnerLedger(ledger);
  const generatedAt = formatDateTime(options.now, ledger.timeZone);
  const organization = ledger.settings.organization;
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  const unreadableEmails = new Set(
    ledger.problems
      .filter((p) => p.tab === 'partners' && p.column === 'shareEmails')
      .map((p) => p.row),
  );
  const reports = ledger.partners
    .filter(wantsReport)
    .sort((a, b) => compareIds(a.id, b.id))
    .map((partner): PartnerReport => {
      const lang = partnerLang(partner, ledger.lang);
      const name = partner.name.trim() || partner.id;
      const context = { lang, organization, partner: name, currency, month, generatedAt, final };
      const statement = partnerStatement(view, partner.id, month);
      const progress = partnerProgress(view, partner.id, month, options.today);
      return {
        partnerId: partner.id,
        partner: name,
        row: partner.row,
        lang,
        shareEmails: partner.shareEmails,
        reportLink: partner.reportLink,
        shareEmailsReadable: !unreadableEmails.has(partner.row),
        title: t(lang, 'ptFileName', { organization, partner: name }),
        tabs: [buildProgressTab(progress, context), buildStatementTab(statement, context)],
        statement,
      };
    });
  const partnersTab = ledger.tabs.partners;
  const linkColumn = ledger.columns.partners?.reportLink ?? null;
  const linkCells = (partnersTab?.values ?? []).map((row) =>
    linkColumn === null ? '' : String(row[linkColumn - 1] ?? ''),
  );
  const excludedPartners = ledger.problems
    .filter((problem) => problem.tab === 'partners' && problem.severity === 'error')
    .map((problem) => renderProblem(problem, ledger));
  return {
    month,
    lang: ledger.lang,
    final,
    reports,
    excludedPartners,
    partnersTab: {
      name: partnersTab?.name ?? null,
      width: partnersTab?.values[0]?.length ?? 0,
      linkColumn,
      linkCells,
    },
  };
}
