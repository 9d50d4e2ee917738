/**
 * 成效 YYYY / Impact YYYY, for funders and the street office: the year's figures beside last
 * year's and the change, then the quarters, with a chart of net pay by quarter. Built from
 * impact.ts's personal-free figures only: no cell can hold a name, an ID, a phone or a note, and
 * head counts under five show as "<5".
 *
 * Everything above the chart has a fixed number of rows (the categories are always all listed),
 * so the chart's range and anchor stay put from one year to the next, and a rebuilt tab keeps the
 * chart it has (SheetsWorkbook.placeCharts). Printed as issue 22 lays out the month's tabs: A4
 * landscape, the title on every page, the figures' header again where a page starts in them, the
 * quarters with their chart on one page, a footer with the workshop, the tab and the page.
 */
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { ImpactFigures, ImpactReport } from '../../domain/impact';
import type { ResidentCount } from '../../domain/partnerReport';
import type { ChartSpec, GeneratedTab } from '../../workbook/port';
import { NUMBER_FORMATS } from '../../workbook/port';
import { yearTabName } from '../../workbook/yearEnd';
import { Cells, EMPTY, Grid } from './grid';
import type { Cell } from './grid';
import { lineBreaks } from './lines';
import type { WidthRules } from './widths';
import { categoryLabel, printFooter } from './context';
import type { LabelKey } from './context';
import type { YearContext } from './yearTabs';

const COLUMNS = 6;
/** The figures' labels in A, wide enough for them; this year in B, last year in C, the change
 *  in D (the header block's values from B on, the quarters over A–E). */
const FIGURE_COLUMNS = 4;
const CHART_WIDTH = 480;
const CHART_HEIGHT = 260;
/** The header block's texts, from B on, are broken into lines this wide (B–F are wider). */
const VALUE_PIXELS = 460;
/** The source line under the chart, from A: within the rooms below. */
const SOURCE_PIXELS = 740;

export const IMPACT_WIDTHS: WidthRules = {
  rooms: [
    { first: 0, count: COLUMNS, pixels: CHART_WIDTH },
    // The figures' labels, in A alone (a label running over B would cross the table's lines):
    // the longest, 带动就业人数（有收入的居民）.
    { first: 0, count: 1, pixels: 240 },
    // The header block's values (the privacy note is long), broken at VALUE_PIXELS.
    { first: 1, count: COLUMNS - 1, pixels: VALUE_PIXELS + 20 },
  ],
};

/** A label in A and its text from B on, the text on as many rows as its lines take. */
function addLabelled(grid: Grid, cells: Cells, label: Cell, text: string): void {
  lineBreaks(text, VALUE_PIXELS).forEach((line, i) =>
    grid.add([i === 0 ? label : EMPTY, cells.text(line)]),
  );
}

const SIGNED_COUNT = '+#,##0;-#,##0;0';
const SIGNED_PERCENT = '+0.0%;-0.0%;0.0%';

function countCell(count: ResidentCount | null, cells: Cells, lang: Lang): Cell {
  return cells.headCount(count, t(lang, 'ptFewResidents'));
}

/** A head count's change: only when both years show their counts. */
function countChange(now: ResidentCount, before: ResidentCount | null): Cell {
  if (before === null || !now.shown || !before.shown) return EMPTY;
  return { value: now.count - before.count, format: SIGNED_COUNT };
}

/** A change in percent of last year's figure: none where last year had none. */
function percentChange(now: number | null, before: number | null): Cell {
  if (now === null || before === null || before === 0) return EMPTY;
  return { value: (now - before) / before, format: SIGNED_PERCENT };
}

interface FigureRow {
  readonly label: string;
  readonly cells: (f: ImpactFigures) => Cell;
  readonly change: (now: ImpactFigures, before: ImpactFigures) => Cell;
}

function figureRows(lang: Lang, cells: Cells, now: ImpactFigures): FigureRow[] {
  const label = (key: LabelKey) => t(lang, key);
  const counted = (key: LabelKey, pick: (f: ImpactFigures) => ResidentCount): FigureRow => ({
    label: label(key),
    cells: (f) => countCell(pick(f), cells, lang),
    change: (a, b) => countChange(pick(a), pick(b)),
  });
  const amount = (
    key: LabelKey,
    pick: (f: ImpactFigures) => number | null,
    cell: (v: number | null) => Cell,
  ): FigureRow => ({
    label: label(key),
    cells: (f) => cell(pick(f)),
    change: (a, b) => percentChange(pick(a), pick(b)),
  });
  const categories = now.byCategory.map(({ category }): FigureRow => ({
    label: t(lang, 'imOfCategory', {
      category: category === null ? t(lang, 'imCategoryNotSet') : categoryLabel(category, lang),
    }),
    cells: (f) =>
      countCell(f.byCategory.find((c) => c.category === category)?.count ?? null, cells, lang),
    change: () => EMPTY,
  }));
  return [
    counted('imResidentsEarned', (f) => f.residentsEarned),
    ...categories,
    { ...counted('imNewThisYear', (f) => f.newThisYear), change: () => EMPTY },
    counted('imSixMonths', (f) => f.sixMonthsOrMore),
    amount(
      'imAverage',
      (f) => f.averageMonthlyNetPay,
      (v) => cells.money(v),
    ),
    amount(
      'imMedian',
      (f) => f.medianMonthlyNetPay,
      (v) => cells.money(v),
    ),
    amount(
      'imAccepted',
      (f) => f.acceptedPieces,
      (v) => cells.count(v),
    ),
    {
      label: label('imRejectRate'),
      cells: (f) => cells.percent(f.rejectRate),
      change: () => EMPTY,
    },
    amount(
      'imOrders',
      (f) => f.ordersServed,
      (v) => cells.count(v),
    ),
    amount(
      'imPartners',
      (f) => f.partnersServed,
      (v) => cells.count(v),
    ),
    amount(
      'imTotalPaid',
      (f) => f.totalPaid,
      (v) => cells.money(v),
    ),
  ];
}

function scopeText(report: ImpactReport, lang: Lang): string {
  const count = report.closedMonths.length;
  if (report.draftMonths.length === 0) return t(lang, 'imScopeClosed', { count });
  const drafts = report.draftMonths
    .map((m) => t(lang, 'yrMonthShort', { month: Number(m.slice(5, 7)) }))
    .join(t(lang, 'yrListSeparator'));
  return t(lang, 'imScopeDrafts', { count, drafts });
}

export function buildImpactTab(report: ImpactReport, context: YearContext): GeneratedTab {
  const { lang } = context;
  const cells = new Cells(context.currency);
  const grid = new Grid(COLUMNS);
  const text = (key: LabelKey) => cells.text(t(lang, key));
  grid.add([cells.text(t(lang, 'imTitle', { year: report.year }))], { bold: true });
  addLabelled(grid, cells, text('genOrganization'), context.organization);
  grid.add([text('genGeneratedAt'), cells.text(context.generatedAt)]);
  addLabelled(grid, cells, text('imScope'), scopeText(report, lang));
  addLabelled(grid, cells, text('imPrivacy'), t(lang, 'imPrivacyText'));
  grid.blank();
  const previous = report.previous;
  const header = grid.add(
    [
      text('imColFigure'),
      cells.text(String(report.year)),
      cells.text(
        previous
          ? t(lang, 'imPreviousYear', { year: report.year - 1, months: previous.monthsCounted })
          : '',
      ),
      previous ? text('imColChange') : EMPTY,
    ],
    { header: true, wrap: true },
  );
  for (const row of figureRows(lang, cells, report.figures)) {
    grid.add(
      [
        cells.text(row.label),
        row.cells(report.figures),
        previous ? row.cells(previous) : EMPTY,
        previous ? row.change(report.figures, previous) : EMPTY,
      ],
      { wrap: [0], wrapAlone: true },
    );
  }
  grid.box(header, grid.length - 1, FIGURE_COLUMNS);
  grid.table(header, grid.length - 1);
  grid.blank();
  const quarters = grid.add([text('imQuarters')], { bold: true });
  // Quarter and net pay side by side, first: the chart takes them as one block.
  const quarterHeader = grid.add(
    [
      text('imColQuarter'),
      text('imColTotalPaid'),
      text('imColAccepted'),
      text('imColResidentsEarned'),
      text('imColMonthsCounted'),
    ],
    { header: true, wrap: true },
  );
  for (const q of report.quarters) {
    // A quarter with no closed month (before the workshop began, or still to come) shows its
    // 0 months and nothing else: ¥0.00 there would read as a quarter worked and paid nothing.
    const counted = q.monthsCounted > 0;
    grid.add([
      cells.text(t(lang, 'imQuarter', { quarter: q.quarter })),
      cells.money(counted ? q.totalPaid : null),
      cells.count(counted ? q.acceptedPieces : null),
      counted ? countCell(q.residentsEarned, cells, lang) : EMPTY,
      { value: q.monthsCounted, format: NUMBER_FORMATS.wholeNumber },
    ]);
  }
  const f = report.figures;
  grid.add(
    [
      text('imWholeYear'),
      cells.money(f.totalPaid),
      cells.count(f.acceptedPieces),
      countCell(f.residentsEarned, cells, lang),
      { value: f.monthsCounted, format: NUMBER_FORMATS.wholeNumber },
    ],
    { bold: true },
  );
  grid.box(quarterHeader, grid.length - 1, COLUMNS - 1);
  grid.blank();
  const anchorRow = grid.length + 1;
  const chartRows = Math.ceil(CHART_HEIGHT / 21) + 1;
  for (let i = 0; i < chartRows; i += 1) grid.blank();
  // Where the figures come from, under the chart: the tab ends below it, not at its top.
  for (const line of lineBreaks(t(lang, 'imSource'), SOURCE_PIXELS)) grid.add([cells.text(line)]);
  // The quarters, the chart drawn from them and its source on one page: a header repeated
  // inside the quarters would also land inside the chart's data.
  grid.keepTogether(quarters, grid.length - 1);
  const chart: ChartSpec = {
    kind: 'column',
    title: t(lang, 'imChartTitle', { year: report.year }),
    range: { row: quarterHeader + 1, column: 1, numRows: 5, numColumns: 2 },
    anchor: { row: anchorRow, column: 1 },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
  return grid.toTab({
    name: yearTabName('impact', report.year, lang),
    frozenRows: 1,
    repeatRows: 1,
    widths: IMPACT_WIDTHS,
    footer: printFooter(context),
    protectionDescription: t(lang, 'imProtection'),
    charts: [chart],
  });
}
