/**
 * What Generate and Close both need: the ledger, the Closings tab, the month's pay and summary,
 * and the month's data problems (which rows were left out, and why).
 */
import type { IsoDate, MonthKey } from '../domain/records';
import type { Problem, SourceTabKey } from '../domain/problems';
import { indexPayBook, payForMonth } from '../domain/payout';
import type { MonthPay, PayBook } from '../domain/payout';
import { summarizeMonth } from '../domain/summary';
import { payThresholdOf } from '../domain/year';
import type { MonthSummary } from '../domain/summary';
import { decodeSnapshot } from '../domain/fingerprint';
import type { ClosedMonth } from '../domain/closing';
import { langFromLocale, t } from '../i18n';
import type { Lang } from '../i18n';
import { readSettings, tabProblems } from '../domain/validation';
import {
  decodeDate,
  decodeMoney,
  decodeMonth,
  decodeText,
  decodeWholeNumber,
} from '../workbook/codecs';
import type { CodecContext } from '../workbook/codecs';
import { readTable, settingDraft } from '../workbook/tables';
import {
  ADJUSTMENTS,
  CLOSINGS,
  DETAIL_PART_HEADERS,
  PIECES,
  SETTINGS,
  SOURCE_TABS,
  labelOf,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import type { TabContents, Workbook } from '../workbook/port';
import type { CellValue } from '../workbook/cells';
import { matchHeaders } from '../workbook/tables';
import { GongfangError, refusal } from './errors';
import { refuseArchivedMonth } from './archived';
import { loadLedger, renderProblem } from './loadLedger';
import { clashRefusal } from './tabRoles';
import { ledgerTabs, refuseUnreadColumns, refuseUnreadTabs } from './unreadColumns';
import { PAY_TABS } from '../workbook/unreadColumns';
import type { Ledger } from './loadLedger';
import type { MonthProblems, ProblemGroup } from './reports/summaryTab';

/** A row that keeps the month from being paid in full (and so from being closed). */
export interface BlockingRow {
  readonly tab: SourceTabKey;
  /** 0 when the whole tab is the problem (missing tab or column). */
  readonly row: number;
  readonly where: string;
  readonly message: string;
}

export interface MonthData {
  readonly ledger: Ledger;
  readonly book: PayBook;
  readonly pay: MonthPay;
  readonly summary: MonthSummary;
  readonly problems: MonthProblems;
  /** Every excluded row of the month (and rows whose month cannot be read), in sheet order. */
  readonly blocking: readonly BlockingRow[];
  /** Rows of the month left out because of errors (counted once each). */
  readonly excludedRows: number;
  readonly closings: ClosingsTab;
}

export interface ClosingsTab {
  /** The tab's actual name, or null when it does not exist yet. */
  readonly name: string | null;
  /** True when the tab exists and one of its first rows holds its headers. */
  readonly headerRow: boolean;
  /** The sheet row of the headers (1 when there are none yet). */
  readonly headerAt: number;
  /** False when the tab exists with no rows at all. */
  readonly empty: boolean;
  /** 1-based column of each Closings column found in the header row. */
  readonly columns: Partial<Record<ClosingsColumn, number>>;
  /** Columns used in the header row (0 when there is no header row). */
  readonly width: number;
  /** 1-based columns of the cells a long Detail goes on in (明细 2, 明细 3, …), in order. */
  readonly detailParts: readonly number[];
  /** The closings in force: each month's latest closing not reopened since. */
  readonly closed: readonly ClosedMonth[];
  /**
   * Every closing and reopening, in the order they were made: by 序号 / Seq., whatever the
   * order of the rows (rows written before that column existed come first, as they sit).
   */
  readonly events: readonly ClosingEvent[];
  /** The 序号 / Seq. of the next row written. */
  readonly nextSeq: number;
}

/** A row of 结账 / Closings: a month closed, or a month reopened. */
export type ClosingEvent =
  | {
      readonly kind: 'closed';
      readonly row: number;
      readonly seq: number | null;
      readonly closing: ClosedMonth;
    }
  | {
      readonly kind: 'reopened';
      readonly row: number;
      readonly seq: number | null;
      readonly month: MonthKey;
      readonly reopenedAt: string;
      readonly reopenedBy: string;
      readonly reason: string;
    };

/** The keys of CLOSINGS' columns in layout.ts (its `col` helper types keys as plain strings). */
export const CLOSINGS_COLUMNS = [
  'month',
  'closedAt',
  'closedBy',
  'residents',
  'netPay',
  'paid',
  'reopenedAt',
  'reopenedBy',
  'reopenReason',
  'fingerprint',
  'snapshot',
  'closedByAccount',
  'seq',
] as const;
export type ClosingsColumn = (typeof CLOSINGS_COLUMNS)[number];

/** Staff may put a title above the headers: they are looked for in this many first rows. */
export const CLOSINGS_HEADER_ROWS = 10;

/** The tabs whose rows are a month's rows. */
const MONTH_TABS: readonly SourceTabKey[] = ['pieces', 'adjustments'];

/**
 * The language of the sheet as loadLedger decides it: the Settings language when staff chose
 * one (Set up writes it), else the spreadsheet locale's, which is then the only one read. The
 * Settings read is the one loadLedger makes later, so a backend that remembers reads within a
 * run answers that one without another call.
 */
export function sheetLanguage(workbook: Workbook): Lang {
  const contents = workbook.readTab(namesOf(SETTINGS));
  const info = workbook.info();
  const table = readTable(SETTINGS, contents, { timeZone: info.timeZone, lang: 'zh-CN' });
  const usable = tabProblems('settings', table.state).length === 0;
  const language = readSettings(usable ? table.rows.map(settingDraft) : []).settings.language;
  return language ?? langFromLocale(info.locale);
}

/** The first of the first rows that holds Closings' month header and another of its headers. */
function closingsHeaderIndex(values: readonly (readonly CellValue[])[]): number {
  for (let i = 0; i < Math.min(values.length, CLOSINGS_HEADER_ROWS); i += 1) {
    const match = matchHeaders(CLOSINGS, values[i]);
    const found = CLOSINGS_COLUMNS.filter((key) => match.columns[key] !== undefined).length;
    if (match.columns.month !== undefined && found >= 2) return i;
  }
  return -1;
}

/**
 * The columns a long Detail goes on in: headers 明细 2 / Detail 2, 明细 3 / Detail 3, … in
 * either language, by their number (a part without its header cannot be read: the Detail is
 * then incomplete and decodeSnapshot says so).
 */
export function detailPartColumns(header: readonly CellValue[] | undefined): number[] {
  const found: [number, number][] = [];
  const pattern = new RegExp(
    `^(?:${DETAIL_PART_HEADERS.zh}|${DETAIL_PART_HEADERS.en.toLowerCase()}) ?(\\d+)$`,
  );
  (header ?? []).forEach((cell, i) => {
    const match = typeof cell === 'string' ? pattern.exec(normalizeName(cell)) : null;
    const part = match ? Number(match[1]) : 0;
    if (part >= 2) found.push([part, i + 1]);
  });
  return found.sort((a, b) => a[0] - b[0]).map(([, column]) => column);
}

/** Events in the order they were made: by Seq., rows without one first in the tab's order. */
function inOrderMade(events: readonly ClosingEvent[]): ClosingEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.seq ?? 0) - (b.event.seq ?? 0) || a.index - b.index)
    .map(({ event }) => event);
}

function eventsOf(
  contents: TabContents,
  headerIndex: number,
  context: CodecContext,
): ClosingEvent[] {
  const parts = detailPartColumns(contents.values[headerIndex]);
  // The rows from the header down, read as if the header were row 1; rows renumbered after.
  const table = readTable(
    CLOSINGS,
    { ...contents, values: contents.values.slice(headerIndex) },
    context,
  );
  const events: ClosingEvent[] = [];
  for (const r of table.rows) {
    const month = r.read('month', decodeMonth);
    if (!month.ok || month.value === null) continue;
    const text = (key: ClosingsColumn): string => {
      const read = r.read(key, decodeText);
      return read.ok ? read.value : '';
    };
    const row = r.row + headerIndex;
    const seqRead = r.read('seq', decodeWholeNumber);
    const seq = seqRead.ok && seqRead.value !== null && seqRead.value > 0 ? seqRead.value : null;
    if (text('reopenedAt') !== '' || text('reopenedBy') !== '' || text('reopenReason') !== '') {
      events.push({
        kind: 'reopened',
        row,
        seq,
        month: month.value,
        reopenedAt: text('reopenedAt'),
        reopenedBy: text('reopenedBy'),
        reason: text('reopenReason'),
      });
      continue;
    }
    const netPay = r.read('netPay', decodeMoney);
    const paid = r.read('paid', decodeMoney);
    const residents = r.read('residents', decodeWholeNumber);
    const cells = contents.values[row - 1] ?? [];
    const detail = [text('snapshot'), ...parts.map((column) => cellText(cells[column - 1]))];
    events.push({
      kind: 'closed',
      row,
      seq,
      closing: {
        month: month.value,
        closedAt: text('closedAt'),
        closedBy: text('closedBy'),
        closedByAccount: text('closedByAccount'),
        residents: residents.ok && residents.value !== null ? residents.value : 0,
        netPay: netPay.ok && netPay.value !== null ? netPay.value : 0,
        fingerprint: text('fingerprint').toLowerCase(),
        snapshot: decodeSnapshot(detail),
        paid: paid.ok ? paid.value : null,
      },
    });
  }
  return inOrderMade(events);
}

function cellText(cell: CellValue | undefined): string {
  return typeof cell === 'string' ? cell : cell === undefined || cell === null ? '' : String(cell);
}

/** Each month's latest closing, unless a reopening of that month came after it. */
export function closingsInForce(events: readonly ClosingEvent[]): ClosedMonth[] {
  const inForce = new Map<MonthKey, ClosedMonth>();
  for (const event of events) {
    if (event.kind === 'closed') inForce.set(event.closing.month, event.closing);
    else inForce.delete(event.month);
  }
  return [...inForce.values()];
}

export function readClosings(
  workbook: Workbook,
  context: CodecContext,
  options: { readonly exactName?: boolean } = {},
): ClosingsTab {
  const contents = workbook.readTab(namesOf(CLOSINGS), { exactName: options.exactName === true });
  const values = contents?.values ?? [];
  const headerIndex = contents ? closingsHeaderIndex(values) : -1;
  const headerRow = headerIndex >= 0;
  const events = contents && headerRow ? eventsOf(contents, headerIndex, context) : [];
  const columns = headerRow ? matchHeaders(CLOSINGS, values[headerIndex]).columns : {};
  const seqs = events.map((event) => event.seq ?? 0);
  return {
    name: contents?.name ?? null,
    headerRow,
    headerAt: headerRow ? headerIndex + 1 : 1,
    empty: values.length === 0,
    columns,
    width: headerRow ? (values[headerIndex]?.length ?? 0) : 0,
    detailParts: headerRow ? detailPartColumns(values[headerIndex]) : [],
    closed: closingsInForce(events),
    events,
    // Rows without one came before any that has one: counting them keeps the numbers in order.
    nextSeq: Math.max(events.length, ...seqs) + 1,
  };
}

/** Every closing of `month`, reopened or not, oldest first. */
export function closingsOfMonth(closings: ClosingsTab, month: MonthKey): ClosedMonth[] {
  return closings.events.flatMap((event) =>
    event.kind === 'closed' && event.closing.month === month ? [event.closing] : [],
  );
}

/**
 * Why Closings cannot be trusted, or null when it can: the tab is gone, emptied, or has no
 * header in its first rows, while Settings says the workbook has kept one (Gongfang writes that
 * setting with the first closing). Months are then refused rather than treated as open.
 */
export function closingsLost(closings: ClosingsTab, ledger: Ledger): GongfangError | null {
  const kept = ledger.settings.closingsRecord;
  if (!kept) return null;
  if (closings.name !== null && closings.headerRow) return null;
  return refusal('closingsLost', {
    tab: closings.name ?? labelOf(CLOSINGS, ledger.lang),
    rows: CLOSINGS_HEADER_ROWS,
  });
}

/**
 * Every month with a row on 结账 / Closings, for loadLedger's `closedMonths`: rows of these
 * months are settled, so they are not warned about an inactive resident or a finished order.
 */
export function closedMonthKeys(closings: ClosingsTab): MonthKey[] {
  return [...new Set(closings.closed.map((c) => c.month))];
}

/**
 * Closings read before the ledger, so its closed months can be passed to loadLedger. The tab
 * holds no craft, the only value the language changes (codecs.ts), so the sheet's language is
 * not needed yet and Settings is not read for it.
 */
export function readClosingsFirst(workbook: Workbook): ClosingsTab {
  const context = { timeZone: workbook.info().timeZone, lang: 'zh-CN' } as const;
  return readClosings(workbook, context, { exactName: true });
}

/**
 * Closings as the ledger's Settings say to look for it. readClosingsFirst asks for the exact
 * name (in Sheets a miss then costs no scan of every tab's name, which matters to the call
 * budget of a workbook never closed). When Settings says the workbook keeps a Closings tab and
 * none has the exact name, it is looked for by the same rules as every other tab (case,
 * surrounding spaces, width), so "结账 " renamed with a trailing space is still found.
 */
export function closingsOfLedger(
  workbook: Workbook,
  closings: ClosingsTab,
  ledger: Ledger,
): ClosingsTab {
  if (closings.name !== null || !ledger.settings.closingsRecord) return closings;
  return readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
}

/** Closings of a loaded ledger, refused when they were lost (closingsLost). */
export function trustedClosings(closings: ClosingsTab, ledger: Ledger): ClosingsTab {
  const lost = closingsLost(closings, ledger);
  if (lost) throw lost;
  return closings;
}

/** The latest closing of `month`, if any. */
export function closingOf(closings: ClosingsTab, month: MonthKey): ClosedMonth | null {
  let found: ClosedMonth | null = null;
  for (const c of closings.closed) if (c.month === month) found = c;
  return found;
}

type RowMonth = MonthKey | 'unknown';

/** The month of a source row as its raw date (Pieces) or month (Adjustments) cell says. */
function rowMonth(ledger: Ledger, tab: SourceTabKey, row: number): RowMonth | null {
  const contents: TabContents | undefined = ledger.tabs[tab];
  const context: CodecContext = { timeZone: ledger.timeZone, lang: ledger.lang };
  if (tab === 'pieces') {
    const column = ledger.columns.pieces?.date;
    const cell = column === undefined ? '' : (contents?.values[row - 1]?.[column - 1] ?? '');
    const date = decodeDate(cell, context);
    return date.ok && date.value !== null ? date.value.slice(0, 7) : 'unknown';
  }
  if (tab === 'adjustments') {
    const column = ledger.columns.adjustments?.month;
    const cell = column === undefined ? '' : (contents?.values[row - 1]?.[column - 1] ?? '');
    const month = decodeMonth(cell, context);
    return month.ok && month.value !== null ? month.value : 'unknown';
  }
  return null;
}

function columnLabel(ledger: Ledger, tab: SourceTabKey, column: string | null): string {
  if (column === null) return '';
  const spec = tab === 'pieces' ? PIECES : tab === 'adjustments' ? ADJUSTMENTS : null;
  const index = ledger.columns[tab]?.[column];
  const header = index === undefined ? undefined : ledger.tabs[tab]?.values[0]?.[index - 1];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const found = spec?.columns.find((c) => c.key === column);
  return found ? labelOf(found, ledger.lang) : column;
}

/** The tab's actual name, or its label in the sheet's language when it is missing. */
function tabLabel(ledger: Ledger, tab: SourceTabKey): string {
  const spec = SOURCE_TABS.find((s) => s.key === tab);
  return ledger.tabs[tab]?.name ?? (spec ? labelOf(spec, ledger.lang) : tab);
}

interface GroupDraft {
  tab: string;
  column: string;
  problem: string;
  rows: Set<number>;
}

class ProblemCollector {
  private readonly groups = new Map<string, GroupDraft>();
  readonly blocking: BlockingRow[] = [];
  private readonly seen = new Set<string>();
  warnings = 0;

  add(key: string, tab: string, column: string, problem: string, row: number): void {
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { tab, column, problem, rows: new Set() }));
    if (row > 0) group.rows.add(row);
  }

  block(tab: SourceTabKey, row: number, where: string, message: string): void {
    const key = `${tab}\n${row}`;
    if (row > 0 && this.seen.has(key)) return;
    this.seen.add(key);
    this.blocking.push({ tab, row, where, message });
  }

  excludedRows(): number {
    return this.blocking.filter((b) => b.row > 0).length;
  }

  result(): MonthProblems {
    const groups: ProblemGroup[] = [...this.groups.values()].map((g) => ({
      tab: g.tab,
      column: g.column,
      problem: g.problem,
      rows: [...g.rows].sort((a, b) => a - b),
    }));
    return { groups, warnings: this.warnings };
  }
}

function collectProblem(
  collector: ProblemCollector,
  ledger: Ledger,
  problem: Problem,
  month: MonthKey,
  messageLang: Lang,
): void {
  const whole = problem.row === 0;
  if (whole ? !PAY_TABS.includes(problem.tab) : !MONTH_TABS.includes(problem.tab)) return;
  const belongs = whole ? month : rowMonth(ledger, problem.tab, problem.row);
  if (belongs !== month && belongs !== 'unknown') return;
  if (problem.severity === 'warning') {
    if (belongs === month) collector.warnings += 1;
    return;
  }
  const rendered = renderProblem(problem, ledger);
  const told = messageLang === ledger.lang ? rendered : renderProblem(problem, ledger, messageLang);
  const tab = tabLabel(ledger, problem.tab);
  if (belongs === 'unknown') {
    const unknown = t(ledger.lang, 'genProblemMonthUnknown');
    const dateColumn = problem.tab === 'pieces' ? 'date' : 'month';
    const column = columnLabel(ledger, problem.tab, dateColumn);
    collector.add(`${problem.tab}\nunknown`, tab, column, unknown, problem.row);
    // The group label above reads well alone; a blocking row says its own problem first.
    const message = t(messageLang, 'closeMonthUnknownRow', { message: told.message });
    collector.block(problem.tab, problem.row, told.where, message);
    return;
  }
  const column = columnLabel(ledger, problem.tab, problem.column);
  collector.add(
    `${problem.tab}\n${problem.column}\n${problem.code}`,
    tab,
    column,
    rendered.message,
    problem.row,
  );
  collector.block(problem.tab, problem.row, told.where, told.message);
}

function collectUnpaid(
  collector: ProblemCollector,
  ledger: Ledger,
  pay: MonthPay,
  messageLang: Lang,
): void {
  for (const unpaid of pay.unpaidRows) {
    const resident = unpaid.reason === 'unknownResident';
    const key = resident ? 'genProblemUnknownResident' : 'genProblemUnknownOrder';
    // The tab it is not on, as the workbook names it.
    const lookedUp = { tab: tabLabel(ledger, resident ? 'residents' : 'orders') };
    const tab = tabLabel(ledger, unpaid.tab);
    const column = columnLabel(ledger, unpaid.tab, resident ? 'resident' : 'order');
    const problem = t(ledger.lang, key, lookedUp);
    collector.add(`${unpaid.tab}\n${unpaid.reason}`, tab, column, problem, unpaid.row);
    const where = t(messageLang, 'cellAt', { tab, row: unpaid.row, column });
    collector.block(unpaid.tab, unpaid.row, where, t(messageLang, key, lookedUp));
  }
}

export function monthProblems(
  ledger: Ledger,
  pay: MonthPay,
  messageLang: Lang = ledger.lang,
): { problems: MonthProblems; blocking: BlockingRow[]; excludedRows: number } {
  const collector = new ProblemCollector();
  for (const problem of ledger.problems) {
    collectProblem(collector, ledger, problem, pay.month, messageLang);
  }
  collectUnpaid(collector, ledger, pay, messageLang);
  const blocking = [...collector.blocking].sort((a, b) =>
    a.tab === b.tab ? a.row - b.row : MONTH_TABS.indexOf(a.tab) - MONTH_TABS.indexOf(b.tab),
  );
  return { problems: collector.result(), blocking, excludedRows: collector.excludedRows() };
}

export interface MonthDataOptions {
  readonly month: MonthKey;
  readonly today: IsoDate;
  /**
   * The language the rows that block closing are worded in for whoever reads them (the
   * command's --lang); default the sheet's. The tabs written are always in the sheet's.
   */
  readonly messageLang?: Lang;
}

/**
 * Partners are not read (two service calls saved in Sheets): a month's pay, summary and
 * blocking rows use only residents, orders, pieces, adjustments and Settings, and what
 * validation says about partners (a missing tab, an order's unknown partner) is never among the
 * month's problems (see collectProblem: whole-tab problems of PAY_TABS, row problems of
 * MONTH_TABS only). Check data still reads and checks them. Closings is read first, once: its
 * closed months quiet two warnings on their rows (LoadOptions.closedMonths).
 */
export function loadMonth(workbook: Workbook, options: MonthDataOptions): MonthData {
  const tabNames = workbook.tabNames();
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today: options.today,
    readPartners: false,
    closedMonths: closedMonthKeys(first),
    tabNames,
  });
  // Two tabs for one role: which was read is a guess, so nothing is worked out from it.
  const clash = clashRefusal(ledger.tabClashes ?? [], ledger.lang);
  if (clash) throw clash;
  refuseUnreadTabs(workbook, ledgerTabs(ledger), ledger.lang);
  refuseUnreadColumns(ledgerTabs(ledger));
  refuseArchivedMonth(ledger.settings, options.month);
  const closings = trustedClosings(closingsOfLedger(workbook, first, ledger), ledger);
  return { ...computeMonth(ledger, options), closings };
}

/** The month's figures from a loaded ledger: pure, so the bench and tests can call it alone. */
export function computeMonth(
  ledger: Ledger,
  options: MonthDataOptions,
): Omit<MonthData, 'closings'> {
  const book = indexPayBook(ledger);
  const pay = payForMonth(book, options.month);
  const summary = summarizeMonth(book, pay, options.today, payThresholdOf(ledger.settings));
  const { problems, blocking, excludedRows } = monthProblems(ledger, pay, options.messageLang);
  return { ledger, book, pay, summary, problems, blocking, excludedRows };
}
