/**
 * Close month (结账… / Close month…): only a month without errors in its rows can be closed.
 * Closing appends a row to 结账 / Closings (month, closed at, closed by, residents paid, total net
 * pay, fingerprint, per-resident detail) and rebuilds the month's tabs marked CLOSED.
 */
import type { IsoDate, MonthKey } from '../domain/records';
import { encodeSnapshot, monthFingerprint, residentDigests } from '../domain/fingerprint';
import type { SnapshotEntry } from '../domain/fingerprint';
import { NO_ROWS_DIGEST } from '../domain/closing';
import type { ClosedMonth } from '../domain/closing';
import { compareIds } from '../domain/payout';
import { paidByClosings } from '../domain/settlement';
import { lastDayOf, monthOf } from '../domain/months';
import { idKey } from '../domain/validation/problemList';
import { fenToYuan, formatFen } from '../domain/money';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import {
  CLOSINGS,
  DEFAULT_CURRENCY,
  DETAIL_PART_HEADERS,
  SETTINGS,
  SETTING_KEYS,
  labelOf,
} from '../workbook/layout';
import { matchHeaders } from '../workbook/tables';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { TabSetup, Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { GongfangError, refusal } from './errors';
import { buildMonthTabs, checkedMonth } from './generateMonth';
import { CLOSINGS_COLUMNS, closingOf, closingsOfMonth, loadMonth } from './monthData';
import type { BlockingRow, ClosingsColumn, ClosingsTab, MonthData } from './monthData';
import { formatDateTime } from './reports/grid';
import { correctedElsewhere, monthSettlement, settlementAtClosing } from './settlement';
import { monthRefusal } from './monthChoice';

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
  /** Fen: 本次发放 / Paid at this closing (the net pay at a first closing). */
  paid: number;
  /** The month was closed before (and reopened): `paid` is only what was still owed. */
  reclosed: boolean;
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
  /**
   * A month closed before and reopened: what closing it again hands out (fen, and as text),
   * what earlier closings and corrections elsewhere have not; null at a first closing.
   */
  paysNow: { paid: number; paidText: string } | null;
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

/** A month that can never be closed: out of reach (monthChoice.ts), or not begun yet. */
function refuseUnclosable(data: MonthData, today: IsoDate): void {
  const month = data.pay.month;
  // A typo first (9999-12): its next step is a real month, not a draft of the typo.
  const out = monthRefusal(month, today, data.book, data.closings);
  if (out) throw out;
  if (month > monthOf(today)) {
    throw refusal('closeFutureMonth', { month, today }).withNext({ kind: 'generate', month });
  }
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
    paysNow: closing ? null : paysNowOf(data),
  };
}

function paysNowOf(data: MonthData): ClosePreview['paysNow'] {
  const settled = monthSettlement(data);
  if (settled === null) return null;
  const paid = settled.reduce((sum, r) => sum + r.toPay, 0);
  return { paid, paidText: moneyText(paid, data.ledger.settings.currency) };
}

/** What closing the month would do, or why it cannot: read only. */
export function previewClose(
  workbook: Workbook,
  options: { month: MonthKey; today: IsoDate; messageLang?: Lang },
): ClosePreview {
  return prepareClose(workbook, options).preview;
}

/** The month's data as read for a preview, for closeMonth to use in the same run. */
export interface PreparedClose {
  readonly preview: ClosePreview;
  readonly data: MonthData;
  readonly today: IsoDate;
  /** The language the data's blocking rows were told in (undefined: the sheet's). */
  readonly messageLang: Lang | undefined;
}

/**
 * The preview and the data it was made from: a command that previews and then closes in one
 * run (the CLI) reads and checks the ledger once, not twice.
 */
export function prepareClose(
  workbook: Workbook,
  options: { month: MonthKey; today: IsoDate; messageLang?: Lang },
): PreparedClose {
  const month = checkedMonth(options.month);
  const { messageLang } = options;
  const data = loadMonth(workbook, {
    month,
    today: options.today,
    ...(messageLang && { messageLang }),
  });
  if (!closingOf(data.closings, month)) refuseUnclosable(data, options.today);
  return {
    preview: previewOf(data, options.today, messageLang),
    data,
    today: options.today,
    messageLang,
  };
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
  ).withNext({ kind: 'check' });
}

function missingColumns(closings: ClosingsTab): ClosingsColumn[] {
  return CLOSINGS_COLUMNS.filter((key) => closings.columns[key] === undefined);
}

/** 明细 2 / Detail 2, …: the headers of the Detail's further cells `from` to `to`. */
function partHeaders(from: number, to: number, lang: Lang): string[] {
  const label = labelOf(DETAIL_PART_HEADERS, lang);
  const headers: string[] = [];
  for (let part = from; part <= to; part += 1) headers.push(`${label} ${part}`);
  return headers;
}

/**
 * Creates 结账 / Closings, or adds its missing columns to its header row (and the further cells
 * a long Detail needs, `detailCells` in all), so a new row has a place to go; protected like the
 * generated tabs (warning-only in Sheets). Headers that staff pushed below row 1 (a title above
 * them) are kept where they are: only the columns a row cannot do without are then required
 * (writeClosingsRow).
 */
function closingsSetup(closings: ClosingsTab, lang: Lang, detailCells: number): TabSetup | null {
  const missing = missingColumns(closings);
  const parts = partHeaders(closings.detailParts.length + 2, detailCells, lang);
  const nothingToAdd = missing.length === 0 && parts.length === 0;
  if (closings.name !== null && (nothingToAdd || closings.headerAt !== 1)) return null;
  if (closings.name !== null && !closings.headerRow && !closings.empty) {
    throw refusal('closingsNotRecognised', { tab: closings.name });
  }
  const start = closings.headerRow ? closings.width : 0;
  const texts = [
    ...missing.map((key) => {
      const spec = CLOSINGS.columns.find((c) => c.key === key);
      return spec ? labelOf(spec, lang) : key;
    }),
    ...parts,
  ];
  return {
    name: closings.name ?? labelOf(CLOSINGS, lang),
    create: closings.name === null,
    newHeaders: texts.map((text, i) => ({ column: start + i + 1, text })),
    headerWidth: start + texts.length,
    columns: missing.flatMap((key, i) => {
      const width = CLOSINGS_PRINTED_WIDTHS[key];
      return width === undefined ? [] : [{ column: start + i + 1, width }];
    }),
    protectionDescription: t(lang, 'closingsProtection'),
    // What staff keep on paper: month, closed at, closed by, residents, net pay, paid, and a
    // reopening's when, who and why where the columns are laid out here; an older tab's first
    // six are the same, its reopenings further on.
    printColumns: start === 0 ? CLOSINGS_PRINTED_COLUMNS : 6,
  };
}

export const CLOSINGS_PRINTED_COLUMNS = 9;
/**
 * Pixels of the printed columns: at the .xlsx default (64 px) the time of closing was cut and a
 * total of ¥10,000.00 or more printed as ###. Under Sheets' 100 px default they change nothing.
 */
export const CLOSINGS_PRINTED_WIDTHS: Partial<Record<ClosingsColumn, number>> = {
  month: 80,
  closedAt: 120,
  closedBy: 90,
  residents: 80,
  netPay: 120,
  paid: 140,
  reopenedAt: 120,
  reopenedBy: 90,
  reopenReason: 200,
};

/** Names and the reason wrap within their printed columns (a long one printed cut). */
const CLOSINGS_WRAPPED: readonly ClosingsColumn[] = ['closedBy', 'reopenedBy', 'reopenReason'];

/** Where each Closings column sits once the setup above has run (undefined: nowhere). */
function closingsColumns(
  closings: ClosingsTab,
  setup: TabSetup | null,
): { columns: Partial<Record<ClosingsColumn, number>>; parts: number[] } {
  const columns = { ...closings.columns };
  const missing = missingColumns(closings);
  if (setup) {
    missing.forEach((key, i) => {
      columns[key] = setup.newHeaders[i]?.column;
    });
  }
  const added = setup ? setup.newHeaders.slice(missing.length).map((h) => h.column) : [];
  return { columns, parts: [...closings.detailParts, ...added] };
}

const CLOSINGS_FORMATS: Record<ClosingsColumn, 'text' | 'wholeNumber' | 'money'> = {
  month: 'text',
  closedAt: 'text',
  closedBy: 'text',
  residents: 'wholeNumber',
  netPay: 'money',
  paid: 'money',
  fingerprint: 'text',
  snapshot: 'text',
  closedByAccount: 'text',
  reopenedAt: 'text',
  reopenedBy: 'text',
  reopenReason: 'text',
  seq: 'wholeNumber',
};

export interface ClosingsWrite {
  readonly lang: Lang;
  readonly currency: string;
  readonly values: Partial<Record<Exclude<ClosingsColumn, 'seq'>, CellValue>>;
  /** The Detail's further cells (明细 2 / Detail 2, …), after the one in `values.snapshot`. */
  readonly detailParts?: readonly string[];
  /** Columns the row cannot do without; the others are written where they exist. */
  readonly required: readonly ClosingsColumn[];
}

/**
 * Appends one row to 结账 / Closings (creating it or its columns first), numbered with the next
 * 序号 / Seq.; returns the tab name.
 */
export function writeClosingsRow(
  workbook: Workbook,
  closings: ClosingsTab,
  write: ClosingsWrite,
): string {
  const detailParts = write.detailParts ?? [];
  const setup = closingsSetup(closings, write.lang, detailParts.length + 1);
  const { columns, parts } = closingsColumns(closings, setup);
  const tabName = setup?.name ?? (closings.name as string);
  if (write.required.some((key) => columns[key] === undefined)) {
    throw refusal('closingsNotRecognised', { tab: tabName });
  }
  if (parts.length < detailParts.length) throw refusal('headerMissing', { tab: tabName });
  if (setup) workbook.setUpTabs([setup]);
  const used = [...Object.values(columns), ...parts].filter((c): c is number => c !== undefined);
  const width = Math.max(0, ...used);
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const formats: string[] = Array<string>(width).fill(NUMBER_FORMATS.general);
  const values: Partial<Record<ClosingsColumn, CellValue>> = {
    ...write.values,
    seq: closings.nextSeq,
  };
  for (const key of CLOSINGS_COLUMNS) {
    const column = columns[key];
    const value = values[key];
    if (column === undefined || value === undefined) continue;
    row[column - 1] = value;
    const kind = CLOSINGS_FORMATS[key];
    formats[column - 1] = kind === 'money' ? moneyFormat(write.currency) : NUMBER_FORMATS[kind];
  }
  detailParts.forEach((text, i) => {
    const column = parts[i] as number;
    row[column - 1] = text;
    formats[column - 1] = NUMBER_FORMATS.text;
  });
  const wraps = formats.map((_, i) => CLOSINGS_WRAPPED.some((key) => columns[key] === i + 1));
  workbook.appendRows(tabName, [row], formats, wraps);
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

/**
 * What the closing records per resident (the Detail): net pay, a digest of their rows, the
 * corrections of the month already written elsewhere, and what this closing hands out (the net
 * pay, less what earlier closings of the month paid and those corrections). Returns the
 * Detail's cells and the total paid.
 */
function closingRecord(data: MonthData): {
  entries: Map<string, SnapshotEntry>;
  detail: string[];
  paid: number;
} {
  const month = data.pay.month;
  const digests = residentDigests(data.book, month);
  const corrected = correctedElsewhere(data, month);
  const earlier = paidByClosings(closingsOfMonth(data.closings, month));
  const net = new Map(data.pay.residents.map((r) => [idKey(r.residentId), r.netPay]));
  const keys = new Set([...net.keys(), ...corrected.keys(), ...earlier.keys()]);
  const entries = new Map<string, SnapshotEntry>();
  let paid = 0;
  for (const key of [...keys].sort(compareIds)) {
    const netPay = net.get(key) ?? 0;
    const correctedBefore = corrected.get(key) ?? 0;
    const paidEarlier = earlier.get(key) ?? 0;
    if (!net.has(key) && correctedBefore === 0 && paidEarlier === 0) continue;
    const paidNow = netPay - paidEarlier - correctedBefore;
    entries.set(key, {
      netPay,
      digest: digests.get(key) ?? NO_ROWS_DIGEST,
      correctedBefore,
      paid: paidNow,
    });
    paid += paidNow;
  }
  return { entries, detail: encodeSnapshot(entries), paid };
}

/**
 * `prepared`: what prepareClose read for the same month and today, with nothing written to the
 * workbook since; without it the month is read afresh.
 */
export function closeMonth(
  workbook: Workbook,
  options: CloseOptions,
  prepared?: PreparedClose,
): CloseResult {
  const month = checkedMonth(options.month);
  const { messageLang } = options;
  const reuse =
    prepared !== undefined &&
    prepared.data.pay.month === month &&
    prepared.today === options.today &&
    prepared.messageLang === messageLang;
  const data = reuse
    ? prepared.data
    : loadMonth(workbook, {
        month,
        today: options.today,
        ...(messageLang && { messageLang }),
      });
  const preview = previewOf(data, options.today, messageLang);
  const { lang, settings } = data.ledger;
  if (preview.closed) {
    throw refusal('closeAlreadyClosed', { month, ...preview.closed }).withNext({
      kind: 'reopen',
      month,
    });
  }
  refuseUnclosable(data, options.today);
  if (preview.blocking.length > 0) throw blockedError(preview);
  if (preview.warnings.length > 0 && options.force !== true) {
    throw new GongfangError('closeNeedsConfirm', [{ month }], preview.warnings);
  }

  const closedAt = formatDateTime(options.now, data.ledger.timeZone);
  const closedBy = options.closedBy.trim() || t(lang, 'closeUnknownUser');
  const fingerprint = monthFingerprint(data.book, month);
  const currency = settings.currency || DEFAULT_CURRENCY;
  const record = closingRecord(data);
  const [detail = '', ...detailParts] = record.detail;
  const tabName = writeClosingsRow(workbook, data.closings, {
    lang,
    currency,
    values: {
      month,
      closedAt,
      closedBy,
      residents: data.pay.totals.residents,
      netPay: fenToYuan(data.pay.totals.netPay),
      paid: fenToYuan(record.paid),
      fingerprint,
      snapshot: detail,
      closedByAccount: options.closedByAccount?.trim() ?? '',
    },
    detailParts,
    required: ['month', 'closedAt', 'closedBy', 'residents', 'netPay', 'fingerprint', 'snapshot'],
  });
  recordClosingsKept(workbook, data, tabName);
  // A re-closing's tabs say what it pays, after what earlier closings of the month paid.
  const settlement = settlementAtClosing(data, {
    month,
    closedAt,
    closedBy,
    residents: data.pay.totals.residents,
    netPay: data.pay.totals.netPay,
    fingerprint,
    snapshot: { version: 3, entries: record.entries },
    paid: record.paid,
  });
  const tabs = buildMonthTabs(data, options.now, { closedAt, closedBy }, settlement);
  for (const tab of tabs) workbook.replaceGeneratedTab(tab);
  return {
    month,
    lang,
    residents: data.pay.totals.residents,
    netPay: data.pay.totals.netPay,
    paid: record.paid,
    reclosed: closingsOfMonth(data.closings, month).length > 0,
    fingerprint,
    closedAt,
    currency,
    tabs: [tabName, ...tabs.map((tab) => tab.name)],
  };
}
