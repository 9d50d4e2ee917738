/**
 * Close month (结账… / Close month…): only a month without errors in its rows can be closed.
 * Closing appends a row to 结账 / Closings (month, closed at, closed by, residents paid, total net
 * pay, fingerprint, per-resident detail) and rebuilds the month's tabs marked CLOSED.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import { encodeSnapshot, monthFingerprint, residentDigests } from '../domain/fingerprint';
import type { SnapshotEntry } from '../domain/fingerprint';
import type { ClosedMonth } from '../domain/closing';
import { fenToYuan, formatFen } from '../domain/money';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { CLOSINGS, DEFAULT_CURRENCY, labelOf } from '../workbook/layout';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { TabSetup, Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { GongfangError, refusal } from './errors';
import { buildMonthTabs, checkedMonth } from './generateMonth';
import { CLOSINGS_COLUMNS, closingOf, loadMonth } from './monthData';
import type { BlockingRow, ClosingsColumn, ClosingsTab, MonthData } from './monthData';
import { formatDateTime } from './reports/grid';

export { defaultMonth } from '../domain/months';

export interface CloseOptions {
  month: MonthKey;
  now: Date;
  today: IsoDate;
  /** Who closes: the user's email in Sheets, the OS user on the command line. */
  closedBy: string;
}

export interface CloseResult {
  month: MonthKey;
  lang: Lang;
  residents: number;
  /** Fen. */
  netPay: number;
  fingerprint: string;
  closedAt: string;
  /** The currency sign from Settings. */
  currency: string;
  /** The Closings tab and the month tabs written. */
  tabs: string[];
}

export interface ClosePreview {
  month: MonthKey;
  lang: Lang;
  /** The earlier closing when the month is already closed. */
  closed: Pick<ClosedMonth, 'closedAt' | 'closedBy'> | null;
  blocking: BlockingRow[];
  residents: number;
  /** Fen. */
  netPay: number;
  /** Yuan text with the currency sign, for messages. */
  netPayText: string;
}

/** Rows listed under a refusal; the dialog shows the whole list from the preview. */
const BLOCKING_LISTED = 20;

/** "¥64.23", "-¥1.00": the sign goes before the currency, as the money cells show it. */
export function moneyText(fen: number, currency: string): string {
  const sign = fen < 0 ? '-' : '';
  const [whole = '0', fraction = '00'] = formatFen(Math.abs(fen)).split('.');
  // Thousands separators, as the money cells show them (¥26,969.20).
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${currency || DEFAULT_CURRENCY}${grouped}.${fraction}`;
}

function previewOf(data: MonthData): ClosePreview {
  const closing = closingOf(data.closings, data.pay.month);
  return {
    month: data.pay.month,
    lang: data.ledger.lang,
    closed: closing ? { closedAt: closing.closedAt, closedBy: closing.closedBy } : null,
    blocking: [...data.blocking],
    residents: data.pay.totals.residents,
    netPay: data.pay.totals.netPay,
    netPayText: moneyText(data.pay.totals.netPay, data.ledger.settings.currency),
  };
}

/** What closing the month would do, or why it cannot: read only. */
export function previewClose(
  workbook: Workbook,
  options: { month: MonthKey; today: IsoDate },
): ClosePreview {
  const month = checkedMonth(options.month);
  return previewOf(loadMonth(workbook, { month, today: options.today }));
}

function blockedError(preview: ClosePreview): GongfangError {
  const { lang } = preview;
  const lines = preview.blocking
    .slice(0, BLOCKING_LISTED)
    .map((b) => (b.where ? t(lang, 'closeBlockingRow', b) : b.message));
  if (preview.blocking.length > BLOCKING_LISTED) {
    lines.push(t(lang, 'closeBlockedMore', { count: preview.blocking.length - BLOCKING_LISTED }));
  }
  return new GongfangError(
    'closeBlocked',
    [{ month: preview.month, count: preview.blocking.length }],
    lines,
  );
}

function missingColumns(closings: ClosingsTab): ClosingsColumn[] {
  return CLOSINGS_COLUMNS.filter((key) => closings.columns[key] === undefined);
}

/** Creates 结账 / Closings, or adds its missing columns, so the new row has a place to go. */
function closingsSetup(closings: ClosingsTab, lang: Lang): TabSetup | null {
  const missing = missingColumns(closings);
  if (closings.name !== null && missing.length === 0) return null;
  if (closings.name !== null && !closings.headerRow && !closings.empty) {
    throw refusal('headerMissing', { tab: closings.name });
  }
  const start = closings.headerRow ? closings.width : 0;
  const newHeaders = missing.map((key, i) => {
    const spec = CLOSINGS.columns.find((c) => c.key === key);
    return { column: start + i + 1, text: spec ? labelOf(spec, lang) : key };
  });
  return {
    name: closings.name ?? labelOf(CLOSINGS, lang),
    create: closings.name === null,
    newHeaders,
    headerWidth: start + missing.length,
    columns: [],
  };
}

/** Where each Closings column sits once the setup above has run. */
function closingsColumns(
  closings: ClosingsTab,
  setup: TabSetup | null,
): Record<ClosingsColumn, number> {
  const columns = { ...closings.columns } as Record<ClosingsColumn, number>;
  missingColumns(closings).forEach((key, i) => {
    columns[key] = setup?.newHeaders[i]?.column ?? 0;
  });
  return columns;
}

function closingRow(
  values: Record<ClosingsColumn, CellValue>,
  columns: Record<ClosingsColumn, number>,
  currency: string,
): { row: CellValue[]; formats: string[] } {
  const width = Math.max(...Object.values(columns));
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const formats: string[] = Array<string>(width).fill(NUMBER_FORMATS.general);
  const formatOf: Record<ClosingsColumn, string> = {
    month: NUMBER_FORMATS.text,
    closedAt: NUMBER_FORMATS.text,
    closedBy: NUMBER_FORMATS.text,
    residents: NUMBER_FORMATS.wholeNumber,
    netPay: moneyFormat(currency),
    fingerprint: NUMBER_FORMATS.text,
    snapshot: NUMBER_FORMATS.text,
  };
  for (const key of CLOSINGS_COLUMNS) {
    const index = columns[key] - 1;
    row[index] = values[key];
    formats[index] = formatOf[key];
  }
  return { row, formats };
}

function snapshotOf(data: MonthData): string {
  const digests = residentDigests(data.book, data.pay.month);
  const entries = new Map<string, SnapshotEntry>();
  for (const r of data.pay.residents) {
    entries.set(r.residentId, { netPay: r.netPay, digest: digests.get(r.residentId) ?? '' });
  }
  return encodeSnapshot(entries);
}

export function closeMonth(workbook: Workbook, options: CloseOptions): CloseResult {
  const month = checkedMonth(options.month);
  const data = loadMonth(workbook, { month, today: options.today });
  const preview = previewOf(data);
  const { lang, settings } = data.ledger;
  if (preview.closed) throw refusal('closeAlreadyClosed', { month, ...preview.closed });
  if (preview.blocking.length > 0) throw blockedError(preview);

  const closedAt = formatDateTime(options.now, data.ledger.timeZone);
  const closedBy = options.closedBy.trim() || t(lang, 'closeUnknownUser');
  const fingerprint = monthFingerprint(data.book, month);
  const setup = closingsSetup(data.closings, lang);
  if (setup) workbook.setUpTabs([setup]);
  const tabName = setup?.name ?? (data.closings.name as string);
  const currency = settings.currency || DEFAULT_CURRENCY;
  const { row, formats } = closingRow(
    {
      month,
      closedAt,
      closedBy,
      residents: data.pay.totals.residents,
      netPay: fenToYuan(data.pay.totals.netPay),
      fingerprint,
      snapshot: snapshotOf(data),
    },
    closingsColumns(data.closings, setup),
    currency,
  );
  workbook.appendRows(tabName, [row], formats);
  const tabs = buildMonthTabs(data, options.now, { closedAt, closedBy });
  for (const tab of tabs) workbook.replaceGeneratedTab(tab);
  return {
    month,
    lang,
    residents: data.pay.totals.residents,
    netPay: data.pay.totals.netPay,
    fingerprint,
    closedAt,
    currency,
    tabs: [tabName, ...tabs.map((tab) => tab.name)],
  };
}
