/**
 * 汇总 YYYY-MM / Summary YYYY-MM: key figures, by category, by craft, order progress, the month's
 * data problems, and a 12-month trend with two charts underneath it.
 */
import { t } from '../../i18n';
import type { MonthSummary, ProgressFlag } from '../../domain/summary';
import type { PayTotals } from '../../domain/payout';
import type { ChartSpec, GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { Grid } from './grid';
import type { Cell, Cells } from './grid';
import { categoryLabel, cellsFor, headerBlock, labelMaker } from './context';
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

/** Pixels: 900 in all, inside A4 landscape's printable width; one width, so one call sets them.
 *  Long labels in column A run over into B, which is left empty beside them. */
export const SUMMARY_COLUMN_WIDTHS = [100, 100, 100, 100, 100, 100, 100, 100, 100] as const;
const ROW_NUMBERS_SHOWN = 30;
const CHART_WIDTH = 440;
const CHART_HEIGHT = 280;

const FLAG_LABELS: Record<ProgressFlag, LabelKey> = {
  late: 'genFlagLate',
  dueSoon: 'genFlagDueSoon',
  done: 'genFlagDone',
};

function figureRows(summary: MonthSummary, cells: Cells, label: (k: LabelKey) => Cell): Cell[][] {
  const f = summary.figures;
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
  ];
  if (f.partnerRevenue !== null) {
    rows.push(row('genFigPartnerRevenue', cells.money(f.partnerRevenue)));
    rows.push(row('genFigPartnerMargin', cells.money(f.partnerRevenueOverPiecePay)));
  }
  return rows;
}

function addCategories(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionByCategory')], { bold: true });
  grid.add(
    [
      label('genColCategory'),
      label('genColResidents'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColPiecePay'),
      label('genColAdjustments'),
      label('genColNetPay'),
    ],
    { bold: true },
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
}

function addCrafts(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionByCraft')], { bold: true });
  grid.add(
    [
      label('genColCraft'),
      label('genColOrders'),
      label('genColResidents'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColRejectRate'),
      label('genColPiecePay'),
    ],
    { bold: true },
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
}

function addOrders(grid: Grid, summary: MonthSummary, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add(
    [label('genSectionOrders'), cells.text(t(context.lang, 'genAsOf', { date: summary.asOf }))],
    { bold: true },
  );
  grid.add(
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
    { bold: true },
  );
  for (const o of summary.orderProgress) {
    grid.add([
      cells.text(o.orderId),
      cells.text(o.product),
      cells.count(o.quantity),
      cells.count(o.acceptedThisMonth),
      cells.count(o.acceptedToDate),
      cells.count(o.remaining),
      cells.percent(o.done),
      cells.text(o.due ?? ''),
      o.flag ? label(FLAG_LABELS[o.flag]) : cells.text(''),
    ]);
  }
}

function addProblems(grid: Grid, problems: MonthProblems, context: ReportContext, cells: Cells) {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionProblems')], { bold: true });
  if (problems.groups.length === 0) {
    grid.add([label('genProblemsNone')]);
  } else {
    grid.add(
      [
        label('genColTab'),
        label('genColColumn'),
        label('genColProblem'),
        cells.text(''),
        cells.text(''),
        cells.text(''),
        label('genColRows'),
        label('genColRowNumbers'),
      ],
      { bold: true },
    );
    for (const g of problems.groups) {
      const shown = g.rows.slice(0, ROW_NUMBERS_SHOWN).join(', ');
      const more = g.rows.length > ROW_NUMBERS_SHOWN ? ', …' : '';
      grid.add([
        cells.text(g.tab),
        cells.text(g.column),
        cells.text(g.problem),
        cells.text(''),
        cells.text(''),
        cells.text(''),
        cells.count(g.rows.length),
        cells.text(shown + more),
      ]);
    }
  }
  if (problems.warnings > 0) {
    grid.add([cells.text(t(context.lang, 'genWarningsKept', { count: problems.warnings }))]);
  }
}

/** The trend as two tables side by side (month + net pay; month + accepted + residents), each
 *  starting with its month column so a chart can take it as one block. */
function addTrend(
  grid: Grid,
  summary: MonthSummary,
  context: ReportContext,
  cells: Cells,
): ChartSpec[] {
  const label = labelMaker(context, cells);
  grid.add([label('genSectionTrend')], { bold: true });
  const headerRow = grid.add(
    [
      label('genColMonth'),
      label('genColNetPay'),
      cells.text(''),
      label('genColMonth'),
      label('genColAcceptedPieces'),
      label('genColResidentsPaid'),
    ],
    { bold: true },
  );
  for (const m of summary.trend) {
    grid.add([
      cells.text(m.month),
      cells.money(m.netPay),
      cells.text(''),
      cells.text(m.month),
      cells.count(m.acceptedPieces),
      cells.count(m.residentsPaid),
    ]);
  }
  const numRows = summary.trend.length + 1;
  const anchorRow = headerRow + numRows + 2;
  const chart = (kind: ChartSpec['kind'], title: string, column: number, anchorColumn: number) => ({
    kind,
    title,
    range: { row: headerRow + 1, column, numRows, numColumns: 2 },
    anchor: { row: anchorRow, column: anchorColumn },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  return [
    chart('line', t(context.lang, 'genChartNetPay'), 1, 1),
    chart('column', t(context.lang, 'genChartAccepted'), 4, 4),
  ];
}

export function buildSummaryTab(
  summary: MonthSummary,
  problems: MonthProblems,
  context: ReportContext,
): GeneratedTab {
  const { lang } = context;
  const cells = cellsFor(context);
  const label = labelMaker(context, cells);
  const grid = new Grid(SUMMARY_COLUMN_WIDTHS.length);
  grid.add([cells.text(t(lang, 'genSummaryTitle', { month: summary.month }))], { bold: true });
  // Only the title stays frozen: the summary is long and read top to bottom.
  const frozenRows = 1;
  for (const row of headerBlock(context, cells)) grid.add(row);
  grid.blank();
  grid.add([label('genSectionKeyFigures')], { bold: true });
  for (const row of figureRows(summary, cells, label)) grid.add(row);
  grid.blank();
  addCategories(grid, summary, context, cells);
  grid.blank();
  addCrafts(grid, summary, context, cells);
  grid.blank();
  addOrders(grid, summary, context, cells);
  grid.blank();
  addProblems(grid, problems, context, cells);
  grid.blank();
  const charts = addTrend(grid, summary, context, cells);
  // Rows under the trend give the charts room, so printing and scrolling show them whole.
  const chartRows = Math.ceil(CHART_HEIGHT / 21) + 2;
  for (let i = 0; i < chartRows; i += 1) grid.blank();
  return grid.toTab({
    name: generatedTabName('summary', summary.month, lang),
    frozenRows,
    columnWidths: SUMMARY_COLUMN_WIDTHS,
    protectionDescription: t(lang, 'genProtection'),
    charts,
  });
}
