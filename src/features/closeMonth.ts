/**
 * Close month (结账… / Close month…): only a month without errors in its rows can be closed.
 * Closing appends a row to 结账 / Closings (month, closed at, closed by, residents paid, total net
 * pay, fingerprint, per-resident detail) and rebuilds the month's tabs marked CLOSED.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import { encodeSnapshot, monthFingerprint, residentDigests } from '../domain/fingerprint';
import type { SnapshotEntry } from '../domain/fingerprint';
import { NO_ROWS_DIGEST, correctionsOf } from '../domain/closing';
import type { ClosedMonth } from '../domain/closing';
import { indexPayBook } from '../domain/payout';
import { lastDayOf, monthOf } from '../domain/months';
import { idKey } from '../domain/validation/problemList';
import { fenToYuan, formatFen } from '../domain/money';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { CLOSINGS, DEFAULT_CURRENCY, SETTINGS, SETTING_KEYS, labelOf } from '../workbook/layout';
import { matchHeaders } from '../workbook/tables';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { TabSetup, Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { GongfangError, refusal } from './errors';
import { buildMonthTabs, checkedMonth } from './generateMonth';
import { CLOSINGS_COLUMNS, closingOf, loadMonth } from './monthData';
import type { BlockingRow, ClosingsColumn, ClosingsTab, MonthData } from './monthData';
import { formatDateTime } from './reports/grid';
import { withLegacyCorrections } from './corrections';

export { defaultMonth } from '../domain/months';

export interface CloseOptions {
  month: MonthKey;
  now: Date;
  today: IsoDate;
  /** Who closes: the name typed in the dialog (Sheets) or --by / the OS user (CLI). */
  closedBy: string;
  /** The verified account (Sheets: Session.getActiveUser().getEmail()), when known. */
  closedByAccount?: string;
  /** Close although the preview has warnings (the dialog's confirm step, the CLI's --force). */
  force?: boolean;
  /** The language refusals list their rows and warnings in (the command's --lang); default the
   *  sheet's. What is written into the workbook stays in the sheet's. */
  messageLang?: Lang;
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
  /** The language of the blocking rows and warnings: the reader's (messageLang) or the sheet's. */
  lang: Lang;
  /** The earlier closing when the month is already closed. */
  closed: Pick<ClosedMonth, 'closedAt' | 'closedBy'> | null;
  blocking: BlockingRow[];
  /** To confirm before closing (closeWarnings), in `lang`. */
  warnings: string[];
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

/** Years a month can be closed in: those every codec reads back (decodeMonth). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/** A month that can never be closed: outside the readable years, or not begun yet. */
function refuseUnclosable(month: MonthKey, today: IsoDate): void {
  const year = Number(month.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) throw refusal('closeMonthOutOfRange', { month });
  if (month > monthOf(today)) throw refusal('closeFutureMonth', { month, today });
}

/** What staff must confirm before closing: a month not over yet, a month with no rows. */
function closeWarnings(data: MonthData, today: IsoDate, lang: Lang): string[] {
  const month = data.pay.month;
  const warnings: string[] = [];
  const lastDay = lastDayOf(month);
  if (month === monthOf(today) && today < lastDay) {
    warnings.push(t(lang, 'closeWarnEarly', { month, lastDay }));
  }
  const hasRows =
    (data.book.piecesByMonth.get(month)?.length ?? 0) > 0 ||
    (data.book.adjustmentsByMonth.get(month)?.length ?? 0) > 0 ||
    data.blocking.length > 0;
  if (!hasRows) warnings.push(t(lang, 'closeWarnEmpty', { month }));
  return warnings;
}

function previewOf(data: MonthData, today: IsoDate, messageLang?: Lang): ClosePreview {
  const closing = closingOf(data.closings, data.pay.month);
  const lang = messageLang ?? data.ledger.lang;
  return {
    warnings: closeWarnings(data, today, lang),
    month: data.pay.month,
    lang,
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
  options: { month: MonthKey; today: IsoDate; messageLang?: Lang },
): ClosePreview {
  const month = checkedMonth(options.month);
  const { messageLang } = options;
  const data = loadMonth(workbook, {
    month,
    today: options.today,
    ...(messageLang && { messageLang }),
  });
  if (!closingOf(data.closings, month)) refuseUnclosable(month, options.today);
  return previewOf(data, options.today, messageLang);
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

/**
 * Creates 结账 / Closings, or adds its missing columns to its header row, so a new row has a
 * place to go; protected like the generated tabs (warning-only in Sheets). Headers that staff
 * pushed below row 1 (a title above them) are kept where they are: only the columns a row
 * cannot do without are then required (writeClosingsRow).
 */
function closingsSetup(closings: ClosingsTab, lang: Lang): TabSetup | null {
  const missing = missingColumns(closings);
  if (closings.name !== null && (missing.length === 0 || closings.headerAt !== 1)) return null;
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
    protectionDescription: t(lang, 'closingsProtection'),
    // What staff keep on paper: month, closed at, closed by, residents, total net pay.
    printColumns: CLOSINGS_PRINTED_COLUMNS,
  };
}

const CLOSINGS_PRINTED_COLUMNS = 5;

/** Where each Closings column sits once the setup above has run (undefined: nowhere). */
function closingsColumns(
  closings: ClosingsTab,
  setup: TabSetup | null,
): Partial<Record<ClosingsColumn, number>> {
  const columns = { ...closings.columns };
  if (setup) {
    missingColumns(closings).forEach((key, i) => {
      columns[key] = setup.newHeaders[i]?.column;
    });
  }
  return columns;
}

const CLOSINGS_FORMATS: Record<ClosingsColumn, 'text' | 'wholeNumber' | 'money'> = {
  month: 'text',
  closedAt: 'text',
  closedBy: 'text',
  residents: 'wholeNumber',
  netPay: 'money',
  fingerprint: 'text',
  snapshot: 'text',
  closedByAccount: 'text',
  reopenedAt: 'text',
  reopenedBy: 'text',
  reopenReason: 'text',
};

export interface ClosingsWrite {
  readonly lang: Lang;
  readonly currency: string;
  readonly values: Partial<Record<ClosingsColumn, CellValue>>;
  /** Columns the row cannot do without; the others are written where they exist. */
  readonly required: readonly ClosingsColumn[];
}

/** Appends one row to 结账 / Closings (creating it or its columns first); returns the tab name. */
export function writeClosingsRow(
  workbook: Workbook,
  closings: ClosingsTab,
  write: ClosingsWrite,
): string {
  const setup = closingsSetup(closings, write.lang);
  const columns = closingsColumns(closings, setup);
  const tabName = setup?.name ?? (closings.name as string);
  if (write.required.some((key) => columns[key] === undefined)) {
    throw refusal('headerMissing', { tab: tabName });
  }
  if (setup) workbook.setUpTabs([setup]);
  const width = Math.max(0, ...Object.values(columns).filter((c): c is number => c !== undefined));
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const formats: string[] = Array<string>(width).fill(NUMBER_FORMATS.general);
  for (const key of CLOSINGS_COLUMNS) {
    const column = columns[key];
    const value = write.values[key];
    if (column === undefined || value === undefined) continue;
    row[column - 1] = value;
    const kind = CLOSINGS_FORMATS[key];
    formats[column - 1] = kind === 'money' ? moneyFormat(write.currency) : NUMBER_FORMATS[kind];
  }
  workbook.appendRows(tabName, [row], formats);
  return tabName;
}

/**
 * Settings records that this workbook keeps a Closings tab (written with the first closing,
 * where a Settings tab with its headers exists), so a Closings tab lost later is noticed.
 */
function recordClosingsKept(workbook: Workbook, data: MonthData, tabName: string): void {
  const { ledger } = data;
  if (ledger.settings.closingsRecord) return;
  const tab = ledger.tabs.settings;
  const match = matchHeaders(SETTINGS, tab?.values[0]);
  const { setting, value } = match.columns;
  if (!tab || setting === undefined || value === undefined) return;
  const row: CellValue[] = Array<CellValue>(Math.max(setting, value)).fill('');
  const term = SETTING_KEYS.find((k) => k.key === 'closingsRecord');
  row[setting - 1] = term ? labelOf(term, ledger.lang) : 'closingsRecord';
  row[value - 1] = tabName;
  const formats = row.map(() => NUMBER_FORMATS.text);
  workbook.appendRows(tab.name, [row], formats);
}

/** What the snapshot keeps per resident: net pay, rows digest, corrections already recorded. */
function snapshotOf(data: MonthData): string {
  const month = data.pay.month;
  const digests = residentDigests(data.book, month);
  const migrated = withLegacyCorrections(data.ledger);
  const book = migrated === data.ledger ? data.book : indexPayBook(migrated);
  const corrected = correctionsOf(book, month);
  const entries = new Map<string, SnapshotEntry>();
  for (const r of data.pay.residents) {
    const key = idKey(r.residentId);
    entries.set(key, {
      netPay: r.netPay,
      digest: digests.get(key) ?? NO_ROWS_DIGEST,
      correctedBefore: corrected.get(key) ?? 0,
    });
  }
  for (const [key, amount] of corrected) {
    if (!entries.has(key)) {
      entries.set(key, {
        netPay: 0,
        digest: digests.get(key) ?? NO_ROWS_DIGEST,
        correctedBefore: amount,
      });
    }
  }
  return encodeSnapshot(entries);
}

export function closeMonth(workbook: Workbook, options: CloseOptions): CloseResult {
  const month = checkedMonth(options.month);
  const { messageLang } = options;
  const data = loadMonth(workbook, {
    month,
    today: options.today,
    ...(messageLang && { messageLang }),
  });
  const preview = previewOf(data, options.today, messageLang);
  const { lang, settings } = data.ledger;
  if (preview.closed) throw refusal('closeAlreadyClosed', { month, ...preview.closed });
  refuseUnclosable(month, options.today);
  if (preview.blocking.length > 0) throw blockedError(preview);
  if (preview.warnings.length > 0 && options.force !== true) {
    throw new GongfangError('closeNeedsConfirm', [{ month }], preview.warnings);
  }

  const closedAt = formatDateTime(options.now, data.ledger.timeZone);
  const closedBy = options.closedBy.trim() || t(lang, 'closeUnknownUser');
  const fingerprint = monthFingerprint(data.book, month);
  const currency = settings.currency || DEFAULT_CURRENCY;
  const tabName = writeClosingsRow(workbook, data.closings, {
    lang,
    currency,
    values: {
      month,
      closedAt,
      closedBy,
      residents: data.pay.totals.residents,
      netPay: fenToYuan(data.pay.totals.netPay),
      fingerprint,
      snapshot: snapshotOf(data),
      closedByAccount: options.closedByAccount?.trim() ?? '',
    },
    required: ['month', 'closedAt', 'closedBy', 'residents', 'netPay', 'fingerprint', 'snapshot'],
  });
  recordClosingsKept(workbook, data, tabName);
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
