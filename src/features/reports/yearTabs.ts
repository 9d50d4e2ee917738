/**
 * 年度 YYYY / Year YYYY (one row per resident paid in the year: net pay per closed month, the
 * year's total, months worked and the months over the pay threshold; months not closed apart,
 * as drafts) and 收入明细 YYYY / Statements YYYY (one page per resident to hand over or attach to
 * a 低保 review: boxed, with a signature line, laid out like the payslips).
 */
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { YearReport, YearResident } from '../../domain/year';
import type { GeneratedTab } from '../../workbook/port';
import { yearTabName } from '../../workbook/yearEnd';
import { Cells, EMPTY, Grid } from './grid';
import type { Cell } from './grid';
import type { RowBlock } from './print';
import { A4_LANDSCAPE_PIXELS } from './widths';
import type { WidthRules } from './widths';
import { categoryLabel, moneyLabel } from './context';
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

/** Names give way first; the table is wider than a page and prints fitted to its width. */
export const YEAR_WIDTHS: WidthRules = { shrinkFirst: [NAME_COLUMN, FLAGS_COLUMN] };

function monthLabels(report: YearReport, lang: Lang, cells: Cells): Cell[] {
  return report.months.map((_, i) => cells.text(t(lang, 'yrMonthShort', { month: i + 1 })));
}

function monthList(months: readonly string[], lang: Lang): string {
  return months
    .map((m) => t(lang, 'yrMonthShort', { month: Number(m.slice(5, 7)) }))
    .join(t(lang, 'yrListSeparator'));
}

function statusOf(report: YearReport, lang: Lang): string {
  const count = report.closedMonths.length;
  if (count === 0) return t(lang, 'yrStatusNoneClosed');
  if (report.draftMonths.length === 0) return t(lang, 'yrStatusAllClosed', { count });
  return t(lang, 'yrStatusWithDrafts', { count, drafts: monthList(report.draftMonths, lang) });
}

function headerRows(report: YearReport, context: YearContext, cells: Cells): Cell[][] {
  const { lang } = context;
  const threshold = moneyLabel(report.threshold, context.currency);
  return [
    [cells.text(t(lang, 'genOrganization')), EMPTY, cells.text(context.organization)],
    [cells.text(t(lang, 'yrYear')), EMPTY, cells.text(String(report.year))],
    [cells.text(t(lang, 'genGeneratedAt')), EMPTY, cells.text(context.generatedAt)],
    [cells.text(t(lang, 'yrStatus')), EMPTY, cells.text(statusOf(report, lang))],
    [
      cells.text(t(lang, 'yrThreshold')),
      EMPTY,
      cells.text(t(lang, 'yrThresholdText', { threshold })),
    ],
  ];
}

function residentRow(r: YearResident, lang: Lang, cells: Cells): Cell[] {
  return [
    cells.text(r.residentId),
    cells.text(r.name),
    cells.text(categoryLabel(r.category, lang)),
    ...r.closed.map((fen) => cells.money(fen)),
    cells.money(r.total),
    cells.count(r.monthsWorked),
    cells.text(monthList(r.aboveThreshold, lang)),
  ];
}

function addDrafts(grid: Grid, report: YearReport, context: YearContext, cells: Cells): void {
  const { lang } = context;
  const drafted = report.residents.filter((r) => r.drafts.some((v) => v !== null));
  if (drafted.length === 0) return;
  const columns = report.months
    .map((month, i) => ({ month, i }))
    .filter(({ month }) => report.draftMonths.includes(month));
  grid.blank();
  grid.add([cells.text(t(lang, 'yrDraftTitle'))], { bold: true });
  const header = grid.add(
    [
      cells.text(t(lang, 'stResidentId')),
      cells.text(t(lang, 'stName')),
      EMPTY,
      ...columns.map(({ i }) => cells.text(t(lang, 'yrMonthShort', { month: i + 1 }))),
      cells.text(t(lang, 'yrColDraftTotal')),
    ],
    { header: true },
  );
  for (const r of drafted) {
    grid.add([
      cells.text(r.residentId),
      cells.text(r.name),
      EMPTY,
      ...columns.map(({ i }) => cells.money(r.drafts[i] ?? null)),
      cells.money(r.draftTotal),
    ]);
  }
  grid.box(header, grid.length - 1, MONTH_COLUMN + columns.length + 1);
}

export function buildYearTab(report: YearReport, context: YearContext): GeneratedTab {
  const { lang } = context;
  const cells = new Cells(context.currency);
  const grid = new Grid(YEAR_COLUMNS);
  grid.add([cells.text(t(lang, 'yrYearTitle', { year: report.year }))], { bold: true });
  for (const row of headerRows(report, context, cells)) grid.add(row);
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
    { header: true },
  );
  const frozenRows = grid.length;
  const closed = report.residents.filter((r) => r.closed.some((v) => v !== null));
  for (const r of closed) grid.add(residentRow(r, lang, cells), { wrap: [FLAGS_COLUMN] });
  grid.add(
    [
      cells.text(t(lang, 'yrTotalRow')),
      cells.text(t(lang, 'genTotalResidents', { count: closed.length })),
      EMPTY,
      ...report.monthTotals.map((fen) => cells.money(fen)),
      cells.money(report.total),
    ],
    { bold: true },
  );
  grid.box(header, grid.length - 1);
  grid.add([cells.text(t(lang, 'yrClosedOnly'))]);
  if (report.residents.length === 0) grid.add([cells.text(t(lang, 'yrNoResidents'))]);
  addDrafts(grid, report, context, cells);
  return grid.toTab({
    name: yearTabName('year', report.year, lang),
    frozenRows,
    repeatRows: frozenRows,
    widths: YEAR_WIDTHS,
    protectionDescription: t(lang, 'yrProtection'),
  });
}

// ---- 收入明细 / Statements ----

const STATEMENT_COLUMNS = 5;
const NOTE_COLUMN = STATEMENT_COLUMNS - 1;

/** Within A4 landscape; the note column gives way first; room to sign beside each label. */
export const STATEMENT_WIDTHS: WidthRules = {
  maxTotal: A4_LANDSCAPE_PIXELS,
  shrinkFirst: [NOTE_COLUMN],
  rooms: [{ first: 1, count: 1, pixels: 160 }],
};

function statementBlock(
  grid: Grid,
  r: YearResident,
  report: YearReport,
  context: YearContext,
  cells: Cells,
): RowBlock {
  const { lang } = context;
  const label = (key: LabelKey) => cells.text(t(lang, key));
  const first = grid.add([cells.text(t(lang, 'stTitle', { year: report.year }))], { bold: true });
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
    { header: true },
  );
  let pieces = 0;
  report.months.forEach((month, i) => {
    const closed = r.closed[i] ?? null;
    const draft = r.drafts[i] ?? null;
    const accepted = r.acceptedPieces[i] ?? null;
    if (closed !== null) pieces += accepted ?? 0;
    // A month with nothing paid says nothing: only pay handed out, or a draft, is named.
    const status = closed !== null ? 'stClosed' : draft !== null ? 'stDraft' : null;
    grid.add([
      cells.text(month),
      cells.count(accepted),
      cells.money(closed ?? draft),
      status === null ? EMPTY : label(status),
      r.aboveThreshold.includes(month) ? label('stAboveThreshold') : EMPTY,
    ]);
  });
  grid.add([label('stTotal'), cells.count(pieces), cells.money(r.total)], { bold: true });
  grid.box(header, grid.length - 1);
  grid.blank();
  const threshold = moneyLabel(report.threshold, context.currency);
  grid.add([label('stNote1')]);
  grid.add([cells.text(t(lang, 'stNote2', { threshold }))]);
  if (r.drafts.some((v) => v !== null)) grid.add([label('stNote3')]);
  grid.blank();
  // Boxes to sign, date and stamp in, as on the payslips.
  const signatures = grid.add([label('stSignResident'), EMPTY, label('stSignDate')]);
  grid.add([label('stSignStaff'), EMPTY, label('stSeal')]);
  grid.box(signatures, signatures + 1, 1, 1);
  grid.box(signatures, signatures + 1, 1, 3);
  grid.cutBelow(grid.blank());
  return { first, last: grid.blank() };
}

export function buildStatementsTab(report: YearReport, context: YearContext): GeneratedTab {
  const cells = new Cells(context.currency);
  const grid = new Grid(STATEMENT_COLUMNS);
  const blocks: RowBlock[] = [];
  for (const r of report.residents) blocks.push(statementBlock(grid, r, report, context, cells));
  for (const block of blocks) grid.keepTogether(block.first, block.last);
  if (report.residents.length === 0) {
    grid.add([cells.text(t(context.lang, 'stTitle', { year: report.year }))], { bold: true });
    grid.add([cells.text(t(context.lang, 'yrNoResidents'))]);
  }
  return grid.toTab({
    name: yearTabName('statements', report.year, context.lang),
    frozenRows: 0,
    widths: STATEMENT_WIDTHS,
    protectionDescription: t(context.lang, 'yrProtection'),
  });
}
