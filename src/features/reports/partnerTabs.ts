/**
 * A partner's own report: 进度 / Progress (its orders to date) and 对账 YYYY-MM / Statement YYYY-MM
 * (what to pay for the month). Built only from partnerReport.ts's personal-free views, so no cell
 * can hold a resident's name, ID, phone, category, skills or notes.
 */
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { MonthKey } from '../../domain/records';
import type {
  PartnerProgress,
  PartnerStatement,
  ProgressFlag,
  ResidentCount,
} from '../../domain/partnerReport';
import type { GeneratedTab } from '../../workbook/port';
import { NUMBER_FORMATS } from '../../workbook/port';
import { Cells, Grid } from './grid';
import type { Cell } from './grid';
import type { LabelKey } from './context';
import { A4_LANDSCAPE_PIXELS } from './widths';
import { CRAFTS, findTerm, labelOf } from '../../workbook/layout';

export interface PartnerReportContext {
  readonly lang: Lang;
  readonly organization: string;
  /** The partner's name (its ID when the name is empty). */
  readonly partner: string;
  readonly currency: string;
  readonly month: MonthKey;
  /** Already formatted in the spreadsheet's time zone. */
  readonly generatedAt: string;
  /** The month is closed: the statement is final. */
  readonly final: boolean;
}

const PROGRESS_COLUMNS = 15;
const STATEMENT_COLUMNS = 8;
/** Product (column B) gives way first when a tab must fit A4 landscape. */
const PRODUCT_COLUMN = 1;

const FLAG_LABELS: Record<ProgressFlag, LabelKey> = {
  onTrack: 'ptFlagOnTrack',
  atRisk: 'ptFlagAtRisk',
  late: 'ptFlagLate',
  done: 'ptFlagDone',
};

export function progressTabName(lang: Lang): string {
  return t(lang, 'ptProgressTab');
}

export function statementTabName(month: MonthKey, lang: Lang): string {
  return t(lang, 'ptStatementTab', { month });
}

function residentsCell(count: ResidentCount, cells: Cells, lang: Lang): Cell {
  return count.shown ? cells.count(count.count) : cells.text(t(lang, 'ptFewResidents'));
}

/** A suggested craft in the partner's language; other crafts as typed. */
function craftText(craft: string, lang: Lang): string {
  const term = findTerm(CRAFTS, craft);
  return term ? labelOf(term, lang) : craft;
}

function pace(value: number): Cell {
  return { value, format: '0.0' };
}

function signed(value: number | null, cells: Cells): Cell {
  return value === null ? cells.text('') : { value, format: NUMBER_FORMATS.wholeNumber };
}

/** The notes a sentence a row, so no line is wider than the table (and column A stays narrow). */
function addNotes(grid: Grid, cells: Cells, lang: Lang): void {
  for (const sentence of t(lang, 'ptNotes').split(/(?<=。)|(?<=\.) /)) {
    if (sentence.trim() !== '') grid.add([cells.text(sentence.trim())]);
  }
}

function header(context: PartnerReportContext, cells: Cells, rows: [LabelKey, string][]): Cell[][] {
  return rows.map(([key, value]) => [cells.text(t(context.lang, key)), cells.text(value)]);
}

export function buildProgressTab(
  progress: PartnerProgress,
  context: PartnerReportContext,
): GeneratedTab {
  const { lang } = context;
  const cells = new Cells(context.currency);
  const label = (key: LabelKey): Cell => cells.text(t(lang, key));
  const grid = new Grid(PROGRESS_COLUMNS);
  grid.add([cells.text(t(lang, 'ptProgressTitle', { partner: context.partner }))], { bold: true });
  for (const row of header(context, cells, [
    ['ptWorkshop', context.organization],
    ['ptPartner', context.partner],
    ['ptAsOf', progress.asOf],
    ['ptGeneratedAt', context.generatedAt],
  ]))
    grid.add(row);
  grid.blank();
  grid.add(
    [
      label('ptColOrder'),
      label('ptColProduct'),
      label('ptColCraft'),
      label('ptColQuantity'),
      label('ptColReceived'),
      label('ptColDue'),
      label('ptColAccepted'),
      label('ptColRejected'),
      label('ptColRejectRate'),
      label('ptColRemaining'),
      label('ptColDaysLeft'),
      label('ptColNeeded'),
      label('ptColPace'),
      label('ptColResidents'),
      label('ptColFlag'),
    ],
    { bold: true },
  );
  for (const r of progress.rows) {
    grid.add([
      cells.text(r.orderId),
      cells.text(r.product),
      cells.text(craftText(r.craft, lang)),
      cells.count(r.quantity),
      cells.text(r.received ?? ''),
      cells.text(r.due ?? ''),
      cells.count(r.acceptedToDate),
      cells.count(r.rejectedToDate),
      cells.percent(r.rejectRate),
      cells.count(r.remaining),
      signed(r.daysLeft, cells),
      cells.count(r.neededPerDay),
      pace(r.recentPace),
      residentsCell(r.residents, cells, lang),
      r.flag ? label(FLAG_LABELS[r.flag]) : cells.text(''),
    ]);
  }
  if (progress.rows.length === 0) grid.add([label('ptNoOrders')]);
  grid.blank();
  addNotes(grid, cells, lang);
  return grid.toTab({
    name: progressTabName(lang),
    frozenRows: 1,
    widths: { maxTotal: A4_LANDSCAPE_PIXELS * 1.3, shrinkFirst: [PRODUCT_COLUMN] },
    protectionDescription: t(lang, 'ptProtection'),
  });
}

export function buildStatementTab(
  statement: PartnerStatement,
  context: PartnerReportContext,
): GeneratedTab {
  const { lang } = context;
  const cells = new Cells(context.currency);
  const label = (key: LabelKey): Cell => cells.text(t(lang, key));
  const grid = new Grid(STATEMENT_COLUMNS);
  grid.add(
    [cells.text(t(lang, 'ptStatementTitle', { partner: context.partner, month: statement.month }))],
    { bold: true },
  );
  for (const row of header(context, cells, [
    ['ptWorkshop', context.organization],
    ['ptPartner', context.partner],
    ['ptMonth', statement.month],
    ['ptStatus', t(lang, context.final ? 'ptFinal' : 'ptDraft')],
    ['ptGeneratedAt', context.generatedAt],
  ]))
    grid.add(row);
  grid.blank();
  grid.add(
    [
      label('ptColOrder'),
      label('ptColProduct'),
      label('ptColCraft'),
      label('ptColAcceptedMonth'),
      label('ptColRejectedMonth'),
      label('ptColResidents'),
      label('ptColPrice'),
      label('ptColAmount'),
    ],
    { bold: true },
  );
  for (const line of statement.lines) {
    grid.add([
      cells.text(line.orderId),
      cells.text(line.product),
      cells.text(craftText(line.craft, lang)),
      cells.count(line.acceptedPieces),
      cells.count(line.rejectedPieces),
      residentsCell(line.residents, cells, lang),
      line.partnerPrice === null ? label('ptPriceMissing') : cells.rate(line.partnerPrice),
      cells.money(line.amount),
    ]);
  }
  if (statement.lines.length === 0) grid.add([label('ptNoLines')]);
  grid.add(
    [
      label('ptTotal'),
      cells.text(''),
      cells.text(''),
      cells.count(statement.acceptedPieces),
      cells.text(''),
      cells.text(''),
      cells.text(''),
      cells.money(statement.total),
    ],
    { bold: true },
  );
  if (statement.unpricedLines > 0) {
    grid.add([cells.text(t(lang, 'ptUnpricedNote', { count: statement.unpricedLines }))]);
  }
  grid.blank();
  addNotes(grid, cells, lang);
  return grid.toTab({
    name: statementTabName(statement.month, lang),
    // Short: nothing to freeze, and one call fewer when a new month's tab is made.
    frozenRows: 0,
    widths: { maxTotal: A4_LANDSCAPE_PIXELS, shrinkFirst: [PRODUCT_COLUMN] },
    protectionDescription: t(lang, 'ptProtection'),
  });
}
