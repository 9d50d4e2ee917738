/**
 * 汇总 YYYY-MM / Summary YYYY-MM: key figures beside the 12-month trend, the trend's two charts
 * under them, then by category, by craft, order progress and the month's data problems.
 *
 * The trend and its charts sit at a fixed place that no data can move (everything above them has
 * a fixed height), so a rebuilt tab can keep the charts it already has: see
 * SheetsWorkbook.placeCharts.
 */
import { t } from '../../i18n';
import { TREND_MONTHS } from '../../domain/summary';
import type { MonthSummary, ProgressFlag } from '../../domain/summary';
import type { PayTotals } from '../../domain/payout';
import type { ChartSpec, GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { EMPTY, Grid } from './grid';
import { A4_LANDSCAPE_PIXELS } from './widths';
import type { WidthRules } from './widths';
import type { Cell, Cells } from './grid';
import {
  categoryLabel,
  cellsFor,
  headerBlock,
  labelMaker,
  moneyLabel,
  printFooter,
} from './context';
import type { LabelKey, ReportContext } from './context';

/** One kind of problem among the month's rows, already worded in the tab's language. */
export interface ProblemGroup {
  readonly tab: string;
  readonly column: string;
  /** The message of the first row with it, as an example. */
  readonly problem: string;
  readonly rows: readonly number[];
}

export interface MonthProblems {
  readonly groups: readonly ProblemGroup[];
  /** Warnings on the month's rows: counted only, the rows are paid. */
  readonly warnings: number;
}

const COLUMNS = 9;
/** By partner: partner, accepted, to bill, piece pay priced and unpriced, difference. */
const PARTNER_COLUMNS = 6;
/** Row numbers listed per problem: as many as fit on the row's D–I (six digits each) in either
 *  language; the count beside them says how many there are, Check data marks every one. */
const ROW_NUMBERS_SHOWN = 10;
/**
 * Two charts side by side, the first over A–D, the second from E on. Their sizes are fixed (a
 * rebuilt tab keeps the charts it has, sized when they were made); the columns are widened
 * instead, so that A–D always hold the first chart and E–I the second.
 */
export const CHART_WIDTH = 390;
const CHART_HEIGHT = 260;
/** Between the two charts. */
const CHART_GAP = 10;
/** Products (column B of order progress) give way first. */
const PRODUCT_COLUMN = 1;
/** Order progress's last column: a flag ("due within 7 days") wraps rather than run off the page. */
const FLAG_COLUMN = COLUMNS - 1;
/** Key figures: 12 rows, 14 when partner prices are set, 15 when some orders worked have none.
 *  The block beside the trend is always this tall, so what comes under it never moves. */
const FIGURE_ROWS = 15;
/** Residents' IDs a row in the section of those paid over the threshold. */
const IDS_PER_ROW = COLUMNS;
/** The trend's first column: E, right of the key figures (label in A running into B, value in C). */
const TREND_COLUMN = 5;

/** Widths fit the content within A4 landscape; whatever the data, A–D hold the first chart and a
 *  gap, E–I the second, so the charts never overlap each other or run past the tables. */
export const SUMMARY_WIDTHS: WidthRules = {
  maxTotal: A4_LANDSCAPE_PIXELS,
  shrinkFirst: [PRODUCT_COLUMN],
  rooms: [
    { first: 0, count: TREND_COLUMN - 1, pixels: CHART_WIDTH + CHART_GAP },
    { first: TREND_COLUMN - 1, count: COLUMNS - TREND_COLUMN + 1, pixels: CHART_WIDTH },
  ],
};
/** 0-based grid rows, fixed: title, 5 header rows, then the trend's title (and a blank on the
 *  left), then the row with the key figures' title and the trend's column headers. */
const TREND_HEADER_ROW = 7;
/** Rows under the figures and trend that the charts are drawn over (Sheets rows are 21 px). */
const CHART_ROWS = Math.ceil(CHART_HEIGHT / 21) + 2;

const FLAG_LABELS: Record<ProgressFlag, LabelKey> = {
  late: 'genFlagLate',
  dueSoon: 'genFlagDueSoon',
  done: 'genFlagDone',
};

function figureRows(
  summary: MonthSummary,
  context: ReportContext,
  cells: Cells,
  label: (k: LabelKey) => Cell,
): Cell[][] {
  const f = summary.figures;
  const threshold = moneyLabel(f.payThreshold, context.currency);
  const row = (key: LabelKey, value: Cell): Cell[] => [label(key), cells.text(''), value];
  const rows = [
    row('genFigResidentsPaid', cells.count(f.residentsPaid)),
    row('genFigHardship', cells.count(f.hardshipResidents)),
    row('genFigNearHardship', cells.count(f.nearHardshipResidents)),
    row('genFigAccepted', cells.count(f.acceptedPieces)),
    row('genFigRejected', cells.count(f.rejectedPieces)),
    row('genFigRejectRate', cells.percent(f.rejectRate)),
    row('genFigPiecePay', cells.money(f.piecePay)),
    row('genFigAdjustments', cells.money(f.adjustments)),
    row('genFigNetPay', cells.money(f.netPay)),
    row('genFigAverage', cells.money(f.averageNetPay)),
    row('genFigMedian', cells.money(f.medianNetPay)),
    [
      cells.text(t(context.lang, 'genFigAboveThreshold', { threshold })),
      cells.text(''),
      cells.count(f.residentsAboveThreshold),
    ],
  ];
  if (f.partnerRevenue !== null) {
    rows.push(row('genFigPartnerRevenue', cells.money(f.partnerRevenue)));
    rows.push(row('genFigPartnerMargin', cells.money(f.partnerRevenueOverPiecePay)));
    if (f.unpricedPiecePay !== null) {
      rows.push(row('figUnpricedPiecePay', cells.money(f.unpricedPiecePay)));
    }
  }
  return rows;
}

function addCategories(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionByCategory')], { bold: true, keepWithNext: true });
  const header = grid.add(
    [
      label('genColCategory'),
      label('genColResidents'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColPiecePay'),
      label('genColAdjustments'),
      label('genColNetPay'),
    ],
    { header: true, wrap: true },
  );
  const line = (first: Cell, r: Omit<PayTotals, 'residents'> & { residents: number }): Cell[] => [
    first,
    cells.count(r.residents),
    cells.count(r.acceptedPieces),
    cells.count(r.rejectedPieces),
    cells.money(r.piecePay),
    cells.money(r.adjustments),
    cells.money(r.netPay),
  ];
  for (const r of summary.byCategory) {
    grid.add(line(cells.text(categoryLabel(r.category, context.lang)), r));
  }
  const f = summary.figures;
  grid.add(
    line(label('genTotal'), {
      residents: f.residentsPaid,
      acceptedPieces: f.acceptedPieces,
      rejectedPieces: f.rejectedPieces,
      piecePay: f.piecePay,
      adjustments: f.adjustments,
      netPay: f.netPay,
    }),
    { bold: true },
  );
  grid.box(header, grid.length - 1, 7);
  grid.table(header, grid.length - 1);
}

/** Ours only: who was paid over the monthly threshold, by ID (the Impact never shows them). */
function addAboveThreshold(
  grid: Grid,
  summary: MonthSummary,
  context: ReportContext,
  cells: Cells,
) {
  const { payThreshold, aboveThresholdIds } = summary.figures;
  if (aboveThresholdIds.length === 0) return;
  const threshold = moneyLabel(payThreshold, context.currency);
  const title = grid.add([cells.text(t(context.lang, 'genSectionAboveThreshold', { threshold }))], {
    bold: true,
  });
  for (let i = 0; i < aboveThresholdIds.length; i += IDS_PER_ROW) {
    grid.add(aboveThresholdIds.slice(i, i + IDS_PER_ROW).map((id) => cells.text(id)));
  }
  // A big month's list runs on to the next page: its title (what the IDs are, internal only)
  // heads that page too, as a table's header does; bare IDs told the reader nothing.
  grid.table(title, grid.length - 1);
  grid.blank();
}

function addCrafts(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionByCraft')], { bold: true, keepWithNext: true });
  const header = grid.add(
    [
      label('genColCraft'),
      label('genColOrders'),
      label('genColResidents'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColRejectRate'),
      label('genColPiecePay'),
    ],
    { header: true, wrap: true },
  );
  for (const c of summary.byCraft) {
    grid.add([
      cells.text(c.craft),
      cells.count(c.orders),
      cells.count(c.residents),
      cells.count(c.acceptedPieces),
      cells.count(c.rejectedPieces),
      cells.percent(c.rejectRate),
      cells.money(c.piecePay),
    ]);
  }
  grid.box(header, grid.length - 1, 7);
  grid.table(header, grid.length - 1);
}

function addOrders(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  // The date the flags are judged at sits in C: the section's title runs over A–B, so a title
  // longer than A (English) is not cut by it.
  grid.add(
    [
      label('genSectionOrders'),
      EMPTY,
      cells.text(t(context.lang, 'genAsOf', { date: summary.asOf })),
    ],
    { bold: true, keepWithNext: true },
  );
  const header = grid.add(
    [
      label('genColOrder'),
      label('genColProduct'),
      label('genColQuantity'),
      label('genColAcceptedMonth'),
      label('genColAcceptedToDate'),
      label('genColRemaining'),
      label('genColDonePercent'),
      label('genColDue'),
      label('genColFlag'),
    ],
    { header: true, wrap: true },
  );
  for (const o of summary.orderProgress) {
    // A product's name is staff's: a long one wraps in its column, which the widths keep
    // narrow so the page stays A4 wide.
    grid.add(
      [
        cells.text(o.orderId),
        cells.text(o.product),
        cells.count(o.quantity),
        cells.count(o.acceptedThisMonth),
        cells.count(o.acceptedToDate),
        cells.count(o.remaining),
        cells.percent(o.done),
        cells.text(o.due ?? ''),
        o.flag ? label(FLAG_LABELS[o.flag]) : cells.text(''),
      ],
      { wrap: [PRODUCT_COLUMN, FLAG_COLUMN] },
    );
  }
  grid.box(header, grid.length - 1);
  grid.table(header, grid.length - 1);
}

/** Ours only: what each partner is billed against what its pieces cost in resident pay. */
function addPartners(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('ptSectionByPartner')], { bold: true, keepWithNext: true });
  const header = grid.add(
    [
      label('ptColPartner'),
      label('genColAccepted'),
      label('ptColBilled'),
      label('ptColResidentPay'),
      label('ptColDifference'),
      label('ptColUnpricedPay'),
    ],
    { header: true, wrap: true },
  );
  for (const p of summary.byPartner) {
    grid.add([
      p.partnerId === '' ? label('ptNoPartner') : cells.text(p.partnerId),
      cells.count(p.acceptedPieces),
      cells.money(p.billed),
      cells.money(p.pricedPiecePay),
      cells.money(p.difference),
      cells.money(p.unpricedPiecePay),
    ]);
  }
  grid.box(header, grid.length - 1, PARTNER_COLUMNS);
  grid.table(header, grid.length - 1);
}

/**
 * Each kind of problem on two rows: where (tab, column), how many rows and which, then the
 * problem itself on a row of its own, running over B–I: a message is a sentence, too long for
 * any one column of a page whose widths the charts fix, and a wrapped cell could not run over
 * its neighbours.
 */
function addProblems(grid: Grid, problems: MonthProblems, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionProblems')], { bold: true, keepWithNext: true });
  if (problems.groups.length === 0) {
    grid.add([label('genProblemsNone')]);
  } else {
    const header = grid.add(
      [label('genColTab'), label('genColColumn'), label('genColRows'), label('genColRowNumbers')],
      { header: true },
    );
    grid.add([EMPTY, label('genColProblem')], { header: true });
    for (const g of problems.groups) {
      // Worded as rows ("第 926、930 行"), so the count beside them never reads as a row number.
      const separator = context.lang === 'zh-CN' ? '、' : ', ';
      const rows = t(context.lang, 'genRowNumberList', {
        rows: g.rows.slice(0, ROW_NUMBERS_SHOWN).join(separator),
        more: g.rows.length > ROW_NUMBERS_SHOWN,
      });
      grid.add([
        cells.text(g.tab),
        cells.text(g.column),
        cells.count(g.rows.length),
        cells.text(rows),
      ]);
      const where = grid.add([EMPTY, cells.text(g.problem)]);
      grid.keepTogether(where - 1, where);
    }
    grid.table(header, grid.length - 1, 2);
  }
  if (problems.warnings > 0) {
    grid.add([cells.text(t(context.lang, 'genWarningsKept', { count: problems.warnings }))]);
  }
}

/** The trend as two tables side by side (month + net pay; month + accepted + residents), each
 *  starting with its month column so a chart can take it as one block. */
function trendRows(summary: MonthSummary, context: ReportContext, cells: Cells): Cell[][] {
  const label = labelMaker(context, cells);
  const header = [
    label('genColMonth'),
    label('genColNetPay'),
    label('genColMonth'),
    label('genColAcceptedPieces'),
    label('genColResidentsPaid'),
  ];
  const months = summary.trend.map((m) => [
    cells.text(m.month),
    cells.money(m.netPay),
    cells.text(m.month),
    cells.count(m.acceptedPieces),
    cells.count(m.residentsPaid),
  ]);
  return [header, ...months];
}

/** `left` in columns A–D, `right` from the trend's column on. */
function besides(left: readonly Cell[] | undefined, right: readonly Cell[] | undefined): Cell[] {
  const row = [...(left ?? [])];
  while (row.length < TREND_COLUMN - 1) row.push(EMPTY);
  return [...row, ...(right ?? [])];
}

/**
 * Key figures (A–C) beside the trend (E–I), at rows that never depend on the data, then the
 * rows the two charts are drawn over. Returns the charts, whose ranges are therefore always
 * the same.
 */
function addFiguresAndTrend(
  grid: Grid,
  summary: MonthSummary,
  context: ReportContext,
  cells: Cells,
): ChartSpec[] {
  const label = labelMaker(context, cells);
  const figures = figureRows(summary, context, cells, label);
  const trend = trendRows(summary, context, cells);
  if (figures.length > FIGURE_ROWS || summary.trend.length > TREND_MONTHS) {
    throw new RangeError('The summary block of key figures and trend outgrew its fixed place');
  }
  // Titled by the months it has: from the ledger's first month, at most 12.
  const months = { months: summary.trend.length };
  grid.add(besides([], [cells.text(t(context.lang, 'trendTitle', months))]), { bold: true });
  const headerRow = grid.add(besides([label('genSectionKeyFigures')], trend[0]), {
    bold: true,
    wrap: true,
  });
  if (headerRow !== TREND_HEADER_ROW) {
    throw new RangeError('The trend must start at a fixed row so its charts can be kept');
  }
  for (let i = 0; i < FIGURE_ROWS; i += 1) grid.add(besides(figures[i], trend[i + 1]));
  // The figures and trend fill the first page; the charts start the second, whole.
  grid.keepTogether(0, grid.length - 1);
  const chartsFirst = grid.blank();
  grid.pageBreakBefore(chartsFirst);
  const anchorRow = grid.length + 1;
  for (let i = 0; i < CHART_ROWS; i += 1) grid.blank();
  grid.keepTogether(chartsFirst, grid.length - 1);
  // The months the trend has (from the ledger's first month), the header row included.
  const numRows = trend.length;
  const chart = (kind: ChartSpec['kind'], title: string, column: number, anchorColumn: number) => ({
    kind,
    title,
    range: { row: headerRow + 1, column, numRows, numColumns: 2 },
    anchor: { row: anchorRow, column: anchorColumn },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  return [
    chart('line', t(context.lang, 'trendChartNetPay', months), TREND_COLUMN, 1),
    chart('column', t(context.lang, 'trendChartAccepted', months), TREND_COLUMN + 2, TREND_COLUMN),
  ];
}

export function buildSummaryTab(
  summary: MonthSummary,
  problems: MonthProblems,
  context: ReportContext,
): GeneratedTab {
  const { lang } = context;
  const cells = cellsFor(context);
  const grid = new Grid(COLUMNS);
  grid.add([cells.text(t(lang, 'genSummaryTitle', { month: summary.month }))], { bold: true });
  // Only the title stays frozen: the summary is long and read top to bottom.
  const frozenRows = 1;
  for (const row of headerBlock(context, cells, true)) grid.add(row);
  const charts = addFiguresAndTrend(grid, summary, context, cells);
  addCategories(grid, summary, context, cells);
  grid.blank();
  addAboveThreshold(grid, summary, context, cells);
  addCrafts(grid, summary, context, cells);
  grid.blank();
  addOrders(grid, summary, context, cells);
  grid.blank();
  if (summary.byPartner.length > 0) {
    addPartners(grid, summary, context, cells);
    grid.blank();
  }
  addProblems(grid, problems, context, cells);
  return grid.toTab({
    name: generatedTabName('summary', summary.month, lang),
    frozenRows,
    repeatRows: frozenRows,
    widths: SUMMARY_WIDTHS,
    footer: printFooter(context),
    protectionDescription: t(lang, 'genProtection'),
    charts,
  });
}
