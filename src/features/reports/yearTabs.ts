/**
 * 年度 YYYY / Year YYYY (one row per resident paid in the year: what each closed month paid, the
 * year's total, months worked and the months over the pay threshold; months not closed apart,
 * as drafts) and 收入明细 YYYY / Statements YYYY (one A4 portrait page per resident to hand over
 * or attach to a 低保 review: boxed, with boxes to sign in). Printed as issue 22 lays out the
 * month's tabs: rows as tall as their wrapped text, each table's header on every page it runs
 * on, the title on every page, a footer with the workshop, the tab and the page.
 */
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { YearReport, YearResident } from '../../domain/year';
import type { GeneratedTab } from '../../workbook/port';
import { yearTabName } from '../../workbook/yearEnd';
import { Cells, EMPTY, Grid } from './grid';
import type { Cell } from './grid';
import { lineBreaks } from './lines';
import type { WidthRules } from './widths';
import { categoryLabel, moneyLabel, printFooter } from './context';
import type { LabelKey } from './context';

export interface YearContext {
  readonly lang: Lang;
  readonly year: number;
  readonly organization: string;
  readonly currency: string;
  /** Already formatted in the spreadsheet's time zone. */
  readonly generatedAt: string;
}

const MONTH_COLUMN = 3;
const YEAR_COLUMNS = MONTH_COLUMN + 12 + 3;
const NAME_COLUMN = 1;
const FLAGS_COLUMN = YEAR_COLUMNS - 1;
const TOTAL_COLUMN = MONTH_COLUMN + 12;
/** The title row: frozen, and printed on every page. */
const TITLE_ROWS = 1;
/** July's column: the second page across starts there (ID and name printed again). */
const SECOND_HALF_COLUMN = MONTH_COLUMN + 6;
/** The header block's texts, from C on, and the notes from A, are broken into lines this
 *  wide, within the first page across (the rooms below). */
const VALUE_PIXELS = 520;
const YEAR_NOTE_PIXELS = 600;

/**
 * Eighteen columns are wider than A4 landscape at any width a column may take (60 px at
 * least), so the table prints at full size over two pages side by side — ID, name, category
 * and January to June; then ID and name again, July to December, the total, months worked and
 * the months over the threshold — rather than shrunk to one page's width. Names and the months
 * over the threshold wrap and give way first.
 */
export const YEAR_WIDTHS: WidthRules = {
  // Less than the 950 px of a fitted page: a page across is printed at full size, and a reader
  // whose font is a little wider than measured would otherwise push its last column on to a
  // third page (LibreOffice did, at 920 px).
  maxTotal: 860,
  shrinkFirst: [NAME_COLUMN, FLAGS_COLUMN],
  rooms: [
    { first: 2, count: SECOND_HALF_COLUMN - 2, pixels: VALUE_PIXELS + 40 },
    // ID and name, printed at the left of every page across, hold the title printed above them.
    { first: 0, count: 2, pixels: 160 },
    // Every month 80 px, which prints a month's total of six figures, and the year's total 100
    // (seven figures): measured on the wide side (bold), the months' totals asked for 100 px
    // each, and the year's total, on the second page across with them, was left 60 px (###).
    ...Array.from({ length: 12 }, (_, i) => ({ first: MONTH_COLUMN + i, count: 1, pixels: 80 })),
    { first: TOTAL_COLUMN, count: 1, pixels: 100 },
  ],
  pagesAcross: { titleColumns: 2, breaks: [SECOND_HALF_COLUMN] },
};

function monthLabels(report: YearReport, lang: Lang, cells: Cells): Cell[] {
  return report.months.map((_, i) => cells.text(t(lang, 'yrMonthShort', { month: i + 1 })));
}

function monthList(months: readonly string[], lang: Lang): string {
  return months
    .map((m) => t(lang, 'yrMonthShort', { month: Number(m.slice(5, 7)) }))
    .join(t(lang, 'yrListSeparator'));
}

/**
 * The months over the threshold, three or more in a row as a range (1月–12月, Jan–Dec): listed
 * one by one, a resident paid over it all year filled nine lines of the narrow last column, and
 * a page of the Year held two residents.
 */
function monthRanges(months: readonly string[], lang: Lang): string {
  const numbers = months.map((m) => Number(m.slice(5, 7)));
  const label = (month: number) => t(lang, 'yrMonthShort', { month });
  const parts: string[] = [];
  for (let first = 0; first < numbers.length;) {
    let last = first;
    while (numbers[last + 1] === (numbers[last] ?? 0) + 1) last += 1;
    const run = numbers.slice(first, last + 1);
    if (run.length >= 3) parts.push(`${label(run[0] ?? 0)}–${label(run[run.length - 1] ?? 0)}`);
    else parts.push(...run.map(label));
    first = last + 1;
  }
  return parts.join(t(lang, 'yrListSeparator'));
}

function statusOf(report: YearReport, lang: Lang): string {
  const count = report.closedMonths.length;
  if (count === 0) return t(lang, 'yrStatusNoneClosed');
  if (report.draftMonths.length === 0) return t(lang, 'yrStatusAllClosed', { count });
  return t(lang, 'yrStatusWithDrafts', { count, drafts: monthList(report.draftMonths, lang) });
}

function addHeaderRows(grid: Grid, report: YearReport, context: YearContext, cells: Cells) {
  const { lang } = context;
  const threshold = moneyLabel(report.threshold, context.currency);
  const label = (key: LabelKey) => t(lang, key) + (lang === 'zh-CN' ? '：' : ': ');
  addLabelled(grid, cells, label('genOrganization'), context.organization);
  addLabelled(grid, cells, label('yrYear'), String(report.year));
  addLabelled(grid, cells, label('genGeneratedAt'), context.generatedAt);
  addLabelled(grid, cells, label('yrStatus'), statusOf(report, lang));
  addLabelled(grid, cells, label('yrThreshold'), t(lang, 'yrThresholdText', { threshold }));
}

/** Amounts by month without the currency sign (it is in the totals' column): narrower, so half
 *  a year fits a page across. */
function residentRow(r: YearResident, lang: Lang, cells: Cells, plain: Cells): Cell[] {
  return [
    cells.text(r.residentId),
    cells.text(r.name),
    cells.text(categoryLabel(r.category, lang)),
    ...r.closed.map((fen) => plain.money(fen)),
    cells.money(r.total),
    cells.count(r.monthsWorked),
    cells.text(monthRanges(r.aboveThreshold, lang)),
  ];
}

/**
 * A label and its text together in A, on as many rows as they take: A is printed at the left of
 * both pages across, so the second carries the values too (from C, it printed bare labels).
 */
function addLabelled(grid: Grid, cells: Cells, label: string, text: string): void {
  for (const line of lineBreaks(label + text, VALUE_PIXELS)) grid.add([cells.text(line)]);
}

/**
 * The months the drafts' table shows, by index, and its first month column. Up to six draft
 * months are listed from C (no category in this table), so with the total they print on the
 * first page across: each under its month's column, a year whose only drafts are July–December
 * printed a page of bare IDs and names per page of drafts (300 residents, ten sheets). Seven or
 * more run into both halves, so each stays under its month's column there.
 */
function draftColumns(report: YearReport): { first: number; months: number[] } {
  const months = report.months.flatMap((m, i) => (report.draftMonths.includes(m) ? [i] : []));
  if (months.length < SECOND_HALF_COLUMN - 2) return { first: 2, months };
  return { first: MONTH_COLUMN, months: report.months.map((_, i) => i) };
}

function addDrafts(
  grid: Grid,
  report: YearReport,
  context: YearContext,
  cells: Cells,
  plain: Cells,
): void {
  const { lang } = context;
  const drafted = report.residents.filter((r) => r.drafts.some((v) => v !== null));
  if (drafted.length === 0) return;
  const { first, months } = draftColumns(report);
  const before = Array<Cell>(first - 2).fill(EMPTY);
  grid.blank();
  const [title = '', ...more] = lineBreaks(t(lang, 'yrDraftTitle'), YEAR_NOTE_PIXELS / 1.1);
  grid.add([cells.text(title)], { bold: true, keepWithNext: true });
  for (const line of more) grid.add([cells.text(line)], { bold: true, keepWithNext: true });
  const header = grid.add(
    [
      cells.text(t(lang, 'stResidentId')),
      cells.text(t(lang, 'stName')),
      ...before,
      ...months.map((i) => cells.text(t(lang, 'yrMonthShort', { month: i + 1 }))),
      cells.text(t(lang, 'yrColDraftTotal')),
    ],
    { header: true, wrap: true },
  );
  for (const r of drafted) {
    grid.add(
      [
        cells.text(r.residentId),
        cells.text(r.name),
        ...before,
        ...months.map((i) => plain.money(r.drafts[i] ?? null)),
        cells.money(r.draftTotal),
      ],
      { wrap: [NAME_COLUMN], wrapAlone: true },
    );
  }
  grid.box(header, grid.length - 1, first + months.length + 1);
  grid.table(header, grid.length - 1);
}

export function buildYearTab(report: YearReport, context: YearContext): GeneratedTab {
  const { lang } = context;
  const cells = new Cells(context.currency);
  const plain = new Cells('');
  const grid = new Grid(YEAR_COLUMNS);
  grid.add([cells.text(t(lang, 'yrYearTitle', { year: report.year }))], { bold: true });
  addHeaderRows(grid, report, context, cells);
  grid.blank();
  const header = grid.add(
    [
      cells.text(t(lang, 'genColId')),
      cells.text(t(lang, 'genColName')),
      cells.text(t(lang, 'genColCategory')),
      ...monthLabels(report, lang, cells),
      cells.text(t(lang, 'yrColTotal')),
      cells.text(t(lang, 'yrColMonthsWorked')),
      cells.text(t(lang, 'yrColAboveThreshold')),
    ],
    { header: true, wrap: true },
  );
  const closed = report.residents.filter((r) => r.closed.some((v) => v !== null));
  for (const r of closed) {
    grid.add(residentRow(r, lang, cells, plain), { wrap: [NAME_COLUMN, FLAGS_COLUMN] });
  }
  const totals = grid.add(
    [
      cells.text(t(lang, 'yrTotalRow')),
      cells.text(t(lang, 'genTotalResidents', { count: closed.length })),
      EMPTY,
      ...report.monthTotals.map((fen) => plain.money(fen)),
      cells.money(report.total),
    ],
    { bold: true },
  );
  grid.box(header, totals);
  grid.table(header, totals);
  for (const line of lineBreaks(t(lang, 'yrClosedOnly'), YEAR_NOTE_PIXELS)) {
    grid.add([cells.text(line)]);
  }
  if (report.residents.length === 0) grid.add([cells.text(t(lang, 'yrNoResidents'))]);
  addDrafts(grid, report, context, cells, plain);
  return grid.toTab({
    name: yearTabName('year', report.year, lang),
    // Only the title is frozen and printed on every page: the table's header starts every page
    // the table runs on to (as on the payout).
    frozenRows: TITLE_ROWS,
    repeatRows: TITLE_ROWS,
    widths: YEAR_WIDTHS,
    pagesAcross: YEAR_WIDTHS.pagesAcross,
    footer: printFooter(context),
    protectionDescription: t(lang, 'yrProtection'),
  });
}

// ---- 收入明细 / Statements ----

const STATEMENT_COLUMNS = 5;
const NOTE_COLUMN = STATEMENT_COLUMNS - 1;
/** The table is at least this wide, and the notes under it are broken into lines a little
 *  narrower, so no note runs past the table's last column (and off the printed page). */
const STATEMENT_TABLE_PIXELS = 600;
const NOTE_PIXELS = STATEMENT_TABLE_PIXELS - 40;

/** Within A4 portrait; the note column gives way first; room to sign beside each label. */
export const STATEMENT_WIDTHS: WidthRules = {
  shrinkFirst: [NOTE_COLUMN],
  rooms: [
    { first: 1, count: 1, pixels: 160 },
    { first: 0, count: STATEMENT_COLUMNS, pixels: STATEMENT_TABLE_PIXELS },
  ],
};

/** A note under the table, on as many rows as its lines take. */
function addNote(grid: Grid, cells: Cells, text: string): void {
  for (const line of lineBreaks(text, NOTE_PIXELS)) grid.add([cells.text(line)]);
}

function statementPage(
  grid: Grid,
  r: YearResident,
  report: YearReport,
  context: YearContext,
  cells: Cells,
): void {
  const { lang } = context;
  const label = (key: LabelKey) => cells.text(t(lang, key));
  const first = grid.add([cells.text(t(lang, 'stTitle', { year: report.year }))], { bold: true });
  // One resident a page: a statement is handed over, or attached to a review, on its own.
  if (first > 0) grid.pageBreakBefore(first);
  grid.add([cells.text(t(lang, 'genOrganization')), cells.text(context.organization)]);
  grid.add([label('stResidentId'), cells.text(r.residentId), label('stName'), cells.text(r.name)]);
  grid.add([
    label('stCategory'),
    cells.text(categoryLabel(r.category, lang)),
    cells.text(t(lang, 'genGeneratedAt')),
    cells.text(context.generatedAt),
  ]);
  const header = grid.add(
    [
      label('stColMonth'),
      label('stColAccepted'),
      label('stColNetPay'),
      label('stColStatus'),
      label('stColNote'),
    ],
    { header: true, wrap: true },
  );
  let pieces = 0;
  report.months.forEach((month, i) => {
    const closed = r.closed[i] ?? null;
    const draft = r.drafts[i] ?? null;
    const accepted = r.acceptedPieces[i] ?? null;
    if (closed !== null) pieces += accepted ?? 0;
    // A month with nothing paid says nothing: only pay handed out, or a draft, is named.
    const status = closed !== null ? 'stClosed' : draft !== null ? 'stDraft' : null;
    grid.add(
      [
        cells.text(month),
        cells.count(accepted),
        cells.money(closed ?? draft),
        status === null ? EMPTY : label(status),
        r.aboveThreshold.includes(month) ? label('stAboveThreshold') : EMPTY,
      ],
      { wrap: [NOTE_COLUMN - 1, NOTE_COLUMN], wrapAlone: true },
    );
  });
  const total = grid.add([label('stTotal'), cells.count(pieces), cells.money(r.total)], {
    bold: true,
  });
  grid.box(header, total);
  grid.blank();
  const threshold = moneyLabel(report.threshold, context.currency);
  addNote(grid, cells, t(lang, 'stNote1'));
  addNote(grid, cells, t(lang, 'stNote2', { threshold }));
  if (r.drafts.some((v) => v !== null)) addNote(grid, cells, t(lang, 'stNote3'));
  grid.blank();
  // Boxes to sign, date and stamp in, as on the payslips.
  const signatures = grid.add([label('stSignResident'), EMPTY, label('stSignDate')]);
  grid.add([label('stSignStaff'), EMPTY, label('stSeal')]);
  grid.box(signatures, signatures + 1, 1, 1);
  grid.box(signatures, signatures + 1, 1, 3);
  grid.keepTogether(first, signatures + 1);
}

export function buildStatementsTab(report: YearReport, context: YearContext): GeneratedTab {
  const cells = new Cells(context.currency);
  const grid = new Grid(STATEMENT_COLUMNS);
  for (const r of report.residents) statementPage(grid, r, report, context, cells);
  if (report.residents.length === 0) {
    grid.add([cells.text(t(context.lang, 'stTitle', { year: report.year }))], { bold: true });
    grid.add([cells.text(t(context.lang, 'yrNoResidents'))]);
  }
  return grid.toTab({
    name: yearTabName('statements', report.year, context.lang),
    frozenRows: 0,
    orientation: 'portrait',
    widths: STATEMENT_WIDTHS,
    footer: printFooter(context),
    protectionDescription: t(context.lang, 'yrProtection'),
  });
}
