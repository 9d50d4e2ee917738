/**
 * Archive a year (归档一年… / Archive a year…, `gongfang archive`): a year whose months are all
 * closed leaves the live sheet for an archive workbook, so the tabs every Generate, sidebar and
 * check reads stay small.
 *
 * Three steps, in this order, so that nothing is ever lost:
 * 1. planArchive: reads the ledger, refuses a year that is not ready (a month not closed, rows
 *    with errors, a closed month whose rows changed), and works out the archive (the year's
 *    Pieces and Adjustments rows as they are, the source tabs, its Closings, the audit tab when
 *    there is one, its Year, Statements and Impact) and the live sheet's one write.
 * 2. The backend writes the archive as a new workbook and reads it back; verifyArchive refuses
 *    unless every row reads back as written.
 * 3. applyArchive: in ONE write (rewriteRows), the year's rows leave Pieces and Adjustments,
 *    rows carried forward take their place (carryForward.ts: every later figure stays the same)
 *    and Settings records where the archive is. A failure before this write leaves the live
 *    sheet exactly as it was; the write itself is all or nothing where the backend allows.
 */
import type { Adjustment, IsoDate, MonthKey, PieceEntry } from '../domain/records';
import { indexPayBook, payForMonth } from '../domain/payout';
import { carriedAdjustments, carriedPieces } from '../domain/carryForward';
import { paysAsClosed } from '../domain/closing';
import { archivedYears, monthsOfYear } from '../domain/year';
import { isoDateToSerial, serialToIsoDate } from '../domain/dates';
import { fenToYuan } from '../domain/money';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import type { CellValue } from '../workbook/cells';
import { isEmptyCell } from '../workbook/cells';
import { dateInZone, decodeDate, decodeMonth } from '../workbook/codecs';
import type { CodecContext } from '../workbook/codecs';
import {
  CLOSINGS,
  DEFAULT_CURRENCY,
  SETTINGS,
  SETTING_KEYS,
  SOURCE_TABS,
  labelOf,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import { matchHeaders } from '../workbook/tables';
import { NUMBER_FORMATS, moneyFormat } from '../workbook/port';
import type { GeneratedTab, RowChanges, TabContents, Workbook } from '../workbook/port';
import { AUDIT_TAB_NAMES, CARRIED_FORWARD } from '../workbook/yearEnd';
import { GongfangError, refusal } from './errors';
import { loadLedger } from './loadLedger';
import type { Ledger } from './loadLedger';
import {
  closedMonthKeys,
  closingsOfLedger,
  monthProblems,
  readClosingsFirst,
  trustedClosings,
} from './monthData';
import type { ClosingsTab } from './monthData';
import { closedMonthChanges } from './closedMonths';
import { buildYearTabs, checkedYear, computeYear } from './generateYear';
import { fitColumnWidths } from './reports/widths';
import { rowHeightFor, wrappedLines } from './reports/lines';
import { WRAPPED } from './setUp';

export interface ArchiveOptions {
  readonly year: number | string;
  readonly now: Date;
  readonly today: IsoDate;
}

/** A tab of the archive that must read back exactly as written. */
export interface ExpectedTab {
  readonly name: string;
  readonly rows: readonly (readonly CellValue[])[];
  /**
   * 1-based columns holding dates (or months) by the layout: a number there is a date's serial
   * (as the Sheets API reads a date cell), written with a date format so it shows as one.
   */
  readonly dateColumns?: readonly number[];
  /** Closings: the columns printed, as the ledger prints them (A–I; A–F of an older tab). */
  readonly printColumns?: number;
  /** Closings' net pay and paid: money, as the ledger shows it (¥395,910.70, not 395910.7). */
  readonly money?: readonly (number | undefined)[];
  /** 1-based: the column whose text wraps, as Set up wraps it (a resident's name, a product). */
  readonly wrapped?: number | undefined;
  /** Pay rates, as the ledger shows them (1.50, 0.125). */
  readonly rates?: readonly (number | undefined)[];
}

export interface ArchiveCounts {
  readonly pieces: number;
  readonly adjustments: number;
}

export interface ArchivePlan {
  readonly year: number;
  readonly lang: Lang;
  readonly timeZone: string;
  readonly locale: string;
  /** The archive's own name: "幸福社区工坊 2025 年归档". */
  readonly title: string;
  /** Every tab of the archive, in order. */
  readonly tabs: readonly GeneratedTab[];
  /** Tabs copied as values (the source tabs, Closings, the audit): read back cell by cell. */
  readonly expected: readonly ExpectedTab[];
  /** Rows of the year moved to the archive. */
  readonly moved: ArchiveCounts;
  /** Rows removed from the live tabs (the moved ones, and older carried rows collapsed). */
  readonly removed: ArchiveCounts;
  /** Rows carried forward in their place. */
  readonly carried: ArchiveCounts;
  /** The live sheet's one write, once the archive is at `location`. */
  readonly changes: (location: string) => RowChanges[];
}

export interface ArchiveResult {
  readonly year: number;
  readonly lang: Lang;
  readonly location: string;
  readonly moved: ArchiveCounts;
  readonly removed: ArchiveCounts;
  readonly carried: ArchiveCounts;
  readonly tabs: readonly string[];
}

/** Where the archive goes: a new workbook, written whole and read back (Sheets: synchronous). */
export interface ArchiveTarget {
  /** Writes the archive's tabs into a new workbook; answers where it is (a link, a file). */
  write(plan: ArchivePlan): string;
  /** The named tabs as the archive now holds them (null: no such tab). */
  readBack(names: readonly string[]): (TabContents | null)[];
}

/** The tabs an archive reads, asked for in one request where the backend can. */
const ARCHIVE_READS = [
  ...SOURCE_TABS.map((spec) => ({ names: namesOf(spec) })),
  { names: namesOf(CLOSINGS), exactName: true },
];

// ---- step 1: the plan ----

/** Reads the ledger, Closings and the audit tab, and plans the archive of `options.year`. */
export function planArchive(workbook: Workbook, options: ArchiveOptions): ArchivePlan {
  const year = checkedYear(options.year);
  workbook.prefetch?.(ARCHIVE_READS);
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, {
    today: options.today,
    closedMonths: closedMonthKeys(first),
  });
  const closings = trustedClosings(closingsOfLedger(workbook, first, ledger), ledger);
  // Both read again at no cost where the backend keeps what it read (Closings was read above).
  const closingsCells = closings.name
    ? workbook.readTab([closings.name], { exactName: true })
    : null;
  const audit = workbook.readTab([...AUDIT_TAB_NAMES]);
  const extra = { closings: closingsCells, audit };
  return planFrom(ledger, closings, extra, { ...options, year }, workbook.info().locale);
}

/** The live rows of one tab, sorted out by the year their date (or month) falls in. */
interface Sorted {
  /** Raw rows of the year: moved to the archive. */
  readonly moved: number[];
  /** Rows carried forward by an earlier archive, dated before the year: collapsed again. */
  readonly earlier: number[];
  /** Carried rows dated in the year: it was archived already (its Settings row lost). */
  readonly inYear: number[];
  /** 1-based column of 结转 / Carried forward, when the tab has it. */
  readonly marker: number | undefined;
}

function markerColumn(header: readonly CellValue[] | undefined): number | undefined {
  const names = new Set(namesOf(CARRIED_FORWARD).map(normalizeName));
  const index = (header ?? []).findIndex(
    (cell) => typeof cell === 'string' && names.has(normalizeName(cell)),
  );
  return index < 0 ? undefined : index + 1;
}

function sortRows(
  contents: TabContents | undefined,
  column: number | undefined,
  yearOf: (cell: CellValue) => number | null,
  year: number,
): Sorted {
  const sorted: Sorted = { moved: [], earlier: [], inYear: [], marker: undefined };
  if (!contents || column === undefined) return sorted;
  const marker = markerColumn(contents.values[0]);
  contents.values.forEach((row, i) => {
    if (i === 0 || row.every((cell) => isEmptyCell(cell))) return;
    const rowYear = yearOf(row[column - 1] ?? '');
    if (rowYear === null) return;
    const carried = marker !== undefined && !isEmptyCell(row[marker - 1]);
    if (!carried && rowYear === year) sorted.moved.push(i + 1);
    else if (carried && rowYear === year) sorted.inYear.push(i + 1);
    else if (carried && rowYear < year) sorted.earlier.push(i + 1);
  });
  return { ...sorted, marker };
}

function sortedTabs(ledger: Ledger, year: number) {
  const context: CodecContext = { timeZone: ledger.timeZone, lang: ledger.lang };
  const dateYear = (cell: CellValue): number | null => {
    const read = decodeDate(cell, context);
    return read.ok && read.value !== null ? Number(read.value.slice(0, 4)) : null;
  };
  const monthYear = (cell: CellValue): number | null => {
    const read = decodeMonth(cell, context);
    return read.ok && read.value !== null ? Number(read.value.slice(0, 4)) : null;
  };
  return {
    pieces: sortRows(ledger.tabs.pieces, ledger.columns.pieces?.date, dateYear, year),
    adjustments: sortRows(
      ledger.tabs.adjustments,
      ledger.columns.adjustments?.month,
      monthYear,
      year,
    ),
  };
}

/** The months of the year that must be closed: from its first month with rows to December. */
function monthsToClose(ledger: Ledger, year: number): MonthKey[] {
  const months = monthsOfYear(year);
  const book = indexPayBook(ledger);
  const first = months.find(
    (m) =>
      (book.piecesByMonth.get(m)?.length ?? 0) + (book.adjustmentsByMonth.get(m)?.length ?? 0) > 0,
  );
  return first === undefined ? [] : months.filter((m) => m >= first);
}

/** Every reason the year cannot be archived yet, as a refusal. */
function refuseUnready(
  ledger: Ledger,
  closings: ClosingsTab,
  options: ArchiveOptions & { year: number },
  sorted: ReturnType<typeof sortedTabs>,
): void {
  const { year } = options;
  const archived = archivedYears(ledger.settings).get(year);
  if (archived !== undefined) throw refusal('arAlready', { year, location: archived || '—' });
  if (sorted.pieces.inYear.length + sorted.adjustments.inYear.length > 0) {
    throw refusal('arCarriedInYear', { year });
  }
  const settings = ledger.tabs.settings;
  const settingsMatch = matchHeaders(SETTINGS, settings?.values[0]);
  if (
    !settings ||
    settingsMatch.columns.setting === undefined ||
    settingsMatch.columns.value === undefined
  ) {
    throw refusal('arNoSettings', { tab: labelOf(SETTINGS, ledger.lang) });
  }
  const months = monthsToClose(ledger, year);
  if (months.length === 0) throw refusal('arNothing', { year });
  const closed = new Set(closedMonthKeys(closings));
  const open = months.filter((m) => !closed.has(m));
  if (open.length > 0) throw refusal('arNotClosed', { year, months: open.join(', ') });
  const book = indexPayBook(ledger);
  const blocking = months.flatMap((m) => monthProblems(ledger, payForMonth(book, m)).blocking);
  const unique = [...new Map(blocking.map((b) => [`${b.tab}\n${b.row}`, b])).values()];
  if (unique.length > 0) {
    const lines = unique
      .slice(0, 20)
      .map((b) => (b.where ? t(ledger.lang, 'closeBlockingRow', b) : b.message));
    throw new GongfangError('arBlocked', [{ year, count: unique.length }], lines);
  }
  // Only what is owed stops the archive: rows changed with the same pay (a slip re-dated in its
  // month) have nothing Check data could write, and the archive would be refused for ever.
  const changed = closedMonthChanges(ledger, closings)
    .filter((c) => !paysAsClosed(c))
    .map((c) => c.month)
    .filter((m) => m.startsWith(`${year}-`));
  if (changed.length > 0) throw refusal('arChanged', { year, months: changed.join(', ') });
}

interface ExtraTabs {
  readonly closings: TabContents | null;
  readonly audit: TabContents | null;
}

function planFrom(
  ledger: Ledger,
  closings: ClosingsTab,
  extra: ExtraTabs,
  options: ArchiveOptions & { year: number },
  locale: string,
): ArchivePlan {
  const { year, lang } = { year: options.year, lang: ledger.lang };
  const sorted = sortedTabs(ledger, year);
  refuseUnready(ledger, closings, options, sorted);
  const yearData = computeYear(ledger, closings, year);
  const expected = copiedTabs(ledger, closings, extra, sorted, year);
  const tabs = [
    ...expected.map((tab) =>
      valuesTab(
        tab.name,
        tab.rows,
        lang,
        tab.dateColumns,
        tab.money,
        ledger.settings.currency,
        tab.wrapped,
        tab.rates,
      ),
    ),
    ...buildYearTabs(yearData, options.now),
  ];
  const carried = carriedRows(ledger, sorted, year);
  const organization = ledger.settings.organization.trim();
  return {
    year,
    lang,
    timeZone: ledger.timeZone,
    locale,
    title: t(lang, 'arTitle', { organization, year }),
    tabs,
    expected,
    moved: { pieces: sorted.pieces.moved.length, adjustments: sorted.adjustments.moved.length },
    removed: {
      pieces: sorted.pieces.moved.length + sorted.pieces.earlier.length,
      adjustments: sorted.adjustments.moved.length + sorted.adjustments.earlier.length,
    },
    carried: { pieces: carried.pieces.length, adjustments: carried.adjustments.length },
    changes: (location) => liveChanges(ledger, sorted, carried, year, location),
  };
}

/** The source tabs as they are, Pieces and Adjustments holding the year's rows only; the
 *  year's Closings rows under their header; the audit tab whole. */
function copiedTabs(
  ledger: Ledger,
  closings: ClosingsTab,
  extra: ExtraTabs,
  sorted: ReturnType<typeof sortedTabs>,
  year: number,
): ExpectedTab[] {
  const copies: ExpectedTab[] = [];
  const rowsOf = (contents: TabContents, rows: readonly number[]) => [
    contents.values[0] ?? [],
    ...rows.map((r) => contents.values[r - 1] ?? []),
  ];
  for (const spec of SOURCE_TABS) {
    const contents = ledger.tabs[spec.key];
    if (!contents) continue;
    const found = matchHeaders(spec, contents.values[0]).columns as Record<string, number>;
    const dateColumns = spec.columns
      .filter((column) => column.kind === 'date' || column.kind === 'month')
      .map((column) => found[column.key])
      .filter((column): column is number => column !== undefined);
    const rows =
      spec.key === 'pieces'
        ? rowsOf(contents, sorted.pieces.moved)
        : spec.key === 'adjustments'
          ? rowsOf(contents, sorted.adjustments.moved)
          : contents.values;
    const wrapped = found[WRAPPED[spec.key] ?? ''];
    // Amounts and rates as the ledger shows them (-20 and 1.5 printed for -¥20.00 and 1.50).
    const of = (kind: string) =>
      spec.columns.filter((c) => c.kind === kind).map((c) => found[c.key]);
    const [money, rates] = [of('money'), of('payRate')];
    copies.push({ name: contents.name, rows, dateColumns, wrapped, money, rates });
  }
  const closingRows = closings.events
    .filter((e) => (e.kind === 'closed' ? e.closing.month : e.month).startsWith(`${year}-`))
    .map((e) => e.row);
  if (extra.closings) {
    const values = extra.closings.values;
    copies.push({
      name: extra.closings.name,
      rows: [values[closings.headerAt - 1] ?? [], ...closingRows.map((r) => values[r - 1] ?? [])],
      printColumns: closings.columns.reopenReason === 9 ? 9 : 6,
      money: [closings.columns.netPay, closings.columns.paid],
    });
  }
  if (extra.audit) copies.push({ name: extra.audit.name, rows: extra.audit.values });
  return copies;
}

// ---- the archive's tabs ----

/** A tab copied as values: text stays text, dates stay dates; the header bold and frozen. */
export function valuesTab(
  name: string,
  rows: readonly (readonly CellValue[])[],
  lang: Lang,
  dateColumns: readonly number[] = [],
  money: readonly (number | undefined)[] = [],
  currency = '',
  wrapped?: number,
  rates: readonly (number | undefined)[] = [],
): GeneratedTab {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  const dated = new Set(dateColumns.map((column) => column - 1));
  const numberFormats = cells.map((row, r) =>
    row.map((value, c) =>
      value instanceof Date || (r > 0 && typeof value === 'number' && dated.has(c))
        ? NUMBER_FORMATS.date
        : typeof value === 'number' && money.includes(c + 1)
          ? moneyFormat(currency)
          : typeof value === 'number' && rates.includes(c + 1)
            ? NUMBER_FORMATS.rate
            : typeof value === 'string' && value !== ''
              ? NUMBER_FORMATS.text
              : NUMBER_FORMATS.general,
    ),
  );
  // Widths from the first rows: a copy of 60,000 rows needs no more to be readable.
  const sample = cells.slice(0, 500);
  const columnWidths = fitColumnWidths(sample, numberFormats.slice(0, 500), { columns: width });
  return {
    name,
    cells,
    numberFormats,
    boldRows: cells.length > 0 ? [0] : [],
    frozenRows: cells.length > 1 ? 1 : 0,
    columnWidths,
    protectionDescription: t(lang, 'arProtection'),
    charts: [],
    landscape: true,
    ...(wrapped === undefined ? {} : wrappedColumn(cells, columnWidths, wrapped - 1)),
  };
}

/**
 * A long name or product wraps within its column, its row as tall as the lines: the widest
 * column (240 px) printed "“福”字剪纸装饰画（大号，带红色卡纸" cut at the craft beside it.
 */
function wrappedColumn(
  cells: readonly (readonly CellValue[])[],
  widths: readonly number[],
  column: number,
): Pick<GeneratedTab, 'wraps' | 'rowHeights'> {
  const wrapsRow = (value: CellValue, r: number) => r > 0 && typeof value === 'string';
  return {
    wraps: cells.map((row, r) => row.map((value, c) => c === column && wrapsRow(value, r))),
    rowHeights: cells.map((row, r) => {
      const value = row[column] ?? '';
      const lines = wrapsRow(value, r) ? wrappedLines(String(value), widths[column] ?? 0) : 1;
      return rowHeightFor(lines);
    }),
  };
}

// ---- the carried rows ----

interface Carried {
  readonly pieces: CellValue[][];
  readonly adjustments: CellValue[][];
  readonly pieceFormats: string[];
  readonly adjustmentFormats: string[];
  readonly pieceHeader: { column: number; text: string } | null;
  readonly adjustmentHeader: { column: number; text: string } | null;
}

function recordsOn<T extends { readonly row: number }>(
  records: readonly T[],
  rows: readonly number[],
): T[] {
  const wanted = new Set(rows);
  return records.filter((r) => wanted.has(r.row));
}

function carriedRows(ledger: Ledger, sorted: ReturnType<typeof sortedTabs>, year: number): Carried {
  const { lang } = ledger;
  const book = indexPayBook(ledger);
  const pieces = carriedPieces(
    year,
    recordsOn<PieceEntry>(ledger.pieces, sorted.pieces.moved),
    recordsOn<PieceEntry>(ledger.pieces, sorted.pieces.earlier),
    book.ordersById,
  );
  const adjustments = carriedAdjustments(
    recordsOn<Adjustment>(ledger.adjustments, sorted.adjustments.moved),
    recordsOn<Adjustment>(ledger.adjustments, sorted.adjustments.earlier),
  );
  const pieceColumns = ledger.columns.pieces ?? {};
  const adjustmentColumns = ledger.columns.adjustments ?? {};
  const pieceWidth = ledger.tabs.pieces?.values[0]?.length ?? 0;
  const adjustmentWidth = ledger.tabs.adjustments?.values[0]?.length ?? 0;
  const pieceMarker = sorted.pieces.marker ?? pieceWidth + 1;
  const adjustmentMarker = sorted.adjustments.marker ?? adjustmentWidth + 1;
  const mark = String(year);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  const row = (width: number, values: Record<number, CellValue>): CellValue[] => {
    const cells: CellValue[] = Array<CellValue>(width).fill('');
    for (const [column, value] of Object.entries(values)) cells[Number(column) - 1] = value;
    return cells;
  };
  const at = (columns: Record<string, number>, key: string, value: CellValue) =>
    columns[key] === undefined ? {} : { [columns[key] as number]: value };
  const pieceRows = pieces.map((p) =>
    row(Math.max(pieceWidth, pieceMarker), {
      ...at(pieceColumns, 'date', isoDateToSerial(p.date)),
      ...at(pieceColumns, 'resident', p.residentId),
      ...at(pieceColumns, 'order', p.orderId),
      ...at(pieceColumns, 'completed', p.completed),
      ...at(pieceColumns, 'rejected', p.rejected),
      ...at(pieceColumns, 'recordedBy', t(lang, 'arRecordedBy')),
      ...at(pieceColumns, 'notes', t(lang, 'arCarriedNote', { year, rows: p.rows })),
      [pieceMarker]: mark,
    }),
  );
  const adjustmentRows = adjustments.map((a) =>
    row(Math.max(adjustmentWidth, adjustmentMarker), {
      ...at(adjustmentColumns, 'month', a.month),
      ...at(adjustmentColumns, 'resident', a.residentId),
      ...at(adjustmentColumns, 'amount', fenToYuan(a.amount)),
      ...at(adjustmentColumns, 'reason', t(lang, 'arCarriedNote', { year, rows: a.rows })),
      [adjustmentMarker]: mark,
    }),
  );
  const formats = (width: number, byColumn: Record<number, string>): string[] =>
    Array.from({ length: width }, (_, i) => byColumn[i + 1] ?? NUMBER_FORMATS.general);
  const formatAt = (columns: Record<string, number>, key: string, format: string) =>
    columns[key] === undefined ? {} : { [columns[key] as number]: format };
  const header = (marker: number | undefined, width: number) =>
    marker === undefined ? { column: width + 1, text: labelOf(CARRIED_FORWARD, lang) } : null;
  return {
    pieces: pieceRows,
    adjustments: adjustmentRows,
    pieceFormats: formats(Math.max(pieceWidth, pieceMarker), {
      ...formatAt(pieceColumns, 'date', NUMBER_FORMATS.date),
      ...formatAt(pieceColumns, 'resident', NUMBER_FORMATS.text),
      ...formatAt(pieceColumns, 'order', NUMBER_FORMATS.text),
      ...formatAt(pieceColumns, 'completed', NUMBER_FORMATS.wholeNumber),
      ...formatAt(pieceColumns, 'rejected', NUMBER_FORMATS.wholeNumber),
      ...formatAt(pieceColumns, 'recordedBy', NUMBER_FORMATS.text),
      ...formatAt(pieceColumns, 'notes', NUMBER_FORMATS.text),
      [pieceMarker]: NUMBER_FORMATS.text,
    }),
    adjustmentFormats: formats(Math.max(adjustmentWidth, adjustmentMarker), {
      ...formatAt(adjustmentColumns, 'month', NUMBER_FORMATS.month),
      ...formatAt(adjustmentColumns, 'resident', NUMBER_FORMATS.text),
      ...formatAt(adjustmentColumns, 'amount', moneyFormat(currency)),
      ...formatAt(adjustmentColumns, 'reason', NUMBER_FORMATS.text),
      [adjustmentMarker]: NUMBER_FORMATS.text,
    }),
    pieceHeader: header(sorted.pieces.marker, pieceWidth),
    adjustmentHeader: header(sorted.adjustments.marker, adjustmentWidth),
  };
}

/** Pieces, Adjustments and Settings: the one write of step 3. */
function liveChanges(
  ledger: Ledger,
  sorted: ReturnType<typeof sortedTabs>,
  carried: Carried,
  year: number,
  location: string,
): RowChanges[] {
  const changes: RowChanges[] = [];
  const pieces = ledger.tabs.pieces;
  if (pieces && (sorted.pieces.moved.length > 0 || sorted.pieces.earlier.length > 0)) {
    changes.push({
      tab: pieces.name,
      newHeaders: carried.pieceHeader ? [carried.pieceHeader] : [],
      remove: [...sorted.pieces.moved, ...sorted.pieces.earlier].sort((a, b) => a - b),
      append: carried.pieces,
      numberFormats: carried.pieceFormats,
    });
  }
  const adjustments = ledger.tabs.adjustments;
  if (
    adjustments &&
    (sorted.adjustments.moved.length > 0 || sorted.adjustments.earlier.length > 0)
  ) {
    changes.push({
      tab: adjustments.name,
      newHeaders: carried.adjustmentHeader ? [carried.adjustmentHeader] : [],
      remove: [...sorted.adjustments.moved, ...sorted.adjustments.earlier].sort((a, b) => a - b),
      append: carried.adjustments,
      numberFormats: carried.adjustmentFormats,
    });
  }
  const settings = ledger.tabs.settings as TabContents;
  const match = matchHeaders(SETTINGS, settings.values[0]);
  const { setting, value } = match.columns as { setting: number; value: number };
  const width = Math.max(setting, value);
  const row: CellValue[] = Array<CellValue>(width).fill('');
  const term = SETTING_KEYS.find((k) => k.key === 'archive');
  row[setting - 1] = term ? labelOf(term, ledger.lang) : 'Archive';
  row[value - 1] = t(ledger.lang, 'arSettingValue', { year, location });
  changes.push({
    tab: settings.name,
    newHeaders: [],
    remove: [],
    append: [row],
    numberFormats: row.map(() => NUMBER_FORMATS.text),
  });
  return changes;
}

// ---- step 2: reading back ----

/** Whether a cell read back from the archive is the one written. */
export function sameCell(
  expected: CellValue,
  actual: CellValue | undefined,
  timeZone: string,
): boolean {
  if (isEmptyCell(expected)) return isEmptyCell(actual ?? '');
  if (actual === undefined) return false;
  if (expected instanceof Date) {
    const day = dateInZone(expected, timeZone);
    if (actual instanceof Date) return dateInZone(actual, timeZone) === day;
    return typeof actual === 'number' && serialToIsoDate(actual) === day;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= Math.abs(expected) * 1e-12;
  }
  return expected === actual;
}

/** Refuses unless every copied tab reads back cell for cell (trailing empty cells aside). */
export function verifyArchive(plan: ArchivePlan, readBack: readonly (TabContents | null)[]): void {
  plan.expected.forEach((tab, i) => {
    const back = readBack[i];
    const rows = tab.rows.filter((row, r) => r === 0 || row.some((cell) => !isEmptyCell(cell)));
    const backRows = (back?.values ?? []).filter(
      (row, r) => r === 0 || row.some((cell) => !isEmptyCell(cell)),
    );
    const same =
      back !== null &&
      back !== undefined &&
      backRows.length === rows.length &&
      rows.every((row, r) => {
        const actual = backRows[r] ?? [];
        const width = Math.max(row.length, actual.length);
        for (let c = 0; c < width; c += 1) {
          if (!sameCell(row[c] ?? '', actual[c], plan.timeZone)) return false;
        }
        return true;
      });
    if (!same) throw refusal('arReadBackFailed', { tab: tab.name });
  });
}

// ---- step 3 ----

export function applyArchive(
  workbook: Workbook,
  plan: ArchivePlan,
  location: string,
): ArchiveResult {
  if (!workbook.rewriteRows) throw new Error('This workbook cannot remove rows');
  workbook.rewriteRows(plan.changes(location));
  return {
    year: plan.year,
    lang: plan.lang,
    location,
    moved: plan.moved,
    removed: plan.removed,
    carried: plan.carried,
    tabs: plan.tabs.map((tab) => tab.name),
  };
}

/** All three steps, for a backend whose archive is written synchronously (Sheets, tests). */
export function archiveYear(
  workbook: Workbook,
  target: ArchiveTarget,
  options: ArchiveOptions,
): ArchiveResult {
  const plan = planArchive(workbook, options);
  const location = writtenArchive(target, plan);
  verifyArchive(plan, target.readBack(plan.expected.map((tab) => tab.name)));
  return applyArchive(workbook, plan, location);
}

/**
 * The archive written, or arWriteFailed: nothing of the live sheet is changed yet, and "did not
 * finish; anything already written stays" left staff unsure what a Drive full had done to it.
 */
function writtenArchive(target: ArchiveTarget, plan: ArchivePlan): string {
  try {
    return target.write(plan);
  } catch (error) {
    if (error instanceof GongfangError) throw error;
    throw refusal('arWriteFailed', {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}
