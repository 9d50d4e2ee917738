/** What every month tab shows besides the figures: who, when, in which language, and status. */
import type { Lang, MessageKey, MessageParams } from '../../i18n';
import { t } from '../../i18n';
import type { MonthKey } from '../../domain/records';
import { CATEGORIES, labelOf } from '../../workbook/layout';
import type { Resident } from '../../domain/records';
import type { ResidentSettlement } from '../../domain/settlement';
import { Cells } from './grid';
import type { Cell } from './grid';

export interface ClosedStatus {
  readonly closedAt: string;
  readonly closedBy: string;
}

export interface ReportContext {
  readonly lang: Lang;
  readonly month: MonthKey;
  readonly organization: string;
  readonly currency: string;
  /** Already formatted in the spreadsheet's time zone. */
  readonly generatedAt: string;
  /** Null while the month is a draft. */
  readonly closed: ClosedStatus | null;
  /** Rows of the month left out because of errors. */
  readonly excludedRows: number;
  /**
   * A month closed before: per resident what earlier closings paid and what to pay now
   * (settlementRows.ts); null or absent otherwise.
   */
  readonly settlement?: readonly ResidentSettlement[] | null;
}

export function cellsFor(context: ReportContext): Cells {
  return new Cells(context.currency);
}

export function statusText(context: ReportContext): string {
  return context.closed
    ? t(context.lang, 'genClosed', context.closed)
    : t(context.lang, 'genDraft');
}

export function categoryLabel(category: Resident['category'], lang: Lang): string {
  const term = CATEGORIES.find((c) => c.key === category);
  return term ? labelOf(term, lang) : t(lang, 'genCategoryNotSet');
}

/**
 * Where a month tab says it is out of date: beside its status (row 5: the title, then
 * organisation, month, generated at, status), in the column after the value. Written by the
 * checks while typing (apps-script/onEdit.ts) when a row of the month changes; the builders
 * leave it empty, so generating the month again removes it.
 */
export const OUT_OF_DATE_CELL = { row: 5, column: 3 } as const;

/**
 * Organisation, month, generated at, status and excluded rows: label in A, value in B. The
 * excluded rows are listed on the Summary: other tabs point there, the Summary further down.
 */
export function headerBlock(context: ReportContext, cells: Cells, onSummary = false): Cell[][] {
  const { lang } = context;
  const count = context.excludedRows;
  const excluded =
    count === 0
      ? t(lang, 'genNoExcluded')
      : t(lang, onSummary ? 'genExcludedSeeBelow' : 'genExcludedSeeSummary', { count });
  return [
    [cells.text(t(lang, 'genOrganization')), cells.text(context.organization)],
    [cells.text(t(lang, 'genMonth')), cells.text(context.month)],
    [cells.text(t(lang, 'genGeneratedAt')), cells.text(context.generatedAt)],
    [cells.text(t(lang, 'genStatus')), cells.text(statusText(context))],
    [cells.text(t(lang, 'genExcludedRows')), cells.text(excluded)],
  ];
}

/** The foot of each printed page: the workshop, the tab's name, the page number. */
export function printFooter(context: Pick<ReportContext, 'lang' | 'organization'>): {
  left: string;
  page: string;
} {
  return { left: context.organization, page: t(context.lang, 'printPage') };
}

/** Messages that take no parameters: column labels and section titles. */
export type LabelKey = {
  [K in MessageKey]: MessageParams<K> extends [] ? K : never;
}[MessageKey];

/** A label cell in the tab's language. */
export function labelMaker(context: ReportContext, cells: Cells): (key: LabelKey) => Cell {
  return (key) => cells.text(t(context.lang, key));
}
