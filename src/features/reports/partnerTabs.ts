/**
 * A partner's own report: 进度 / Progress (its orders to date) and 对账 YYYY-MM / Statement YYYY-MM
 * (what to pay for the month). Built only from partnerReport.ts's personal-free views, so no cell
 * can hold a resident's name, ID, phone, category, skills or notes.
 */
import { t } from '../../i18n';
import type { Lang } from '../../i18n';
import type { MonthKey } from '../../domain/records';
import type { PartnerProgress, PartnerStatement, ProgressFlag } from '../../domain/partnerReport';
import type { GeneratedTab } from '../../workbook/port';
import { NUMBER_FORMATS } from '../../workbook/port';
import { Cells, Grid } from './grid';
import type { Cell } from './grid';
import type { LabelKey } from './context';
import { printFooter } from './context';
import { lineBreaks } from './lines';
import { displayedText, longestWordWidth, textWidth } from './widths';
import { lastDayOf } from '../../domain/months';
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

/**
 * Order, product and due date; the figures; the flag: eleven columns, so that labels of figures
 * have 80 px and the page stays one A4 width (the rejected pieces and the head count are on the
 * statement; the reject rate to date is here).
 */
const PROGRESS_COLUMNS = 11;
/** The order and its product in one column (wide, wrapping), its craft, then the figures. */
const STATEMENT_COLUMNS = 7;
/** The statement's order and product (column A), and its craft (column B): both wrap. */
const LINE_COLUMN = 0;
const STATEMENT_CRAFT_COLUMN = 1;
/** Products wrap in their column (column B) rather than being cut. */
const PRODUCT_COLUMN = 1;
/** The progress flag, last: "at risk" wraps rather than widen the page. */
const FLAG_COLUMN = PROGRESS_COLUMNS - 1;

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

/**
 * The notes, a sentence a row and a long sentence on several, each no wider than the table's
 * narrowest possible width (60 px a column, less a margin), so no line runs past the table and
 * off the page. Column A stays narrow.
 */
function addNotes(grid: Grid, cells: Cells, text: string): void {
  const width = grid.width * 60 * 0.9;
  const lines = text
    .split(/(?<=。)|(?<=\.) /)
    .filter((sentence) => sentence.trim() !== '')
    .flatMap((sentence) => lineBreaks(sentence.trim(), width));
  const first = grid.length;
  for (const line of lines) grid.add([cells.text(line)]);
  grid.keepTogether(first, grid.length - 1);
}

/**
 * Column A's least width: 160 px for the order and product, but 120 when the bold total needs
 * more than the 95 px a portrait page leaves beside that and five figures' columns of 80 (an
 * English statement's labels need 80): a total of ¥1,000,000.00 then printed ###.
 */
function lineRoom(total: Cell): number {
  return textWidth(displayedText(total.value, total.format), true) + 12 > 95 ? 120 : 160;
}

/** Label in A, value in B: the title block under the tab's title. */
function titleBlock(grid: Grid, cells: Cells, lang: Lang, rows: [LabelKey, string][]): void {
  for (const [key, value] of rows) grid.add([cells.text(t(lang, key)), cells.text(value)]);
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
  titleBlock(grid, cells, lang, [
    ['ptWorkshop', context.organization],
    ['ptPartner', context.partner],
    ['ptAsOf', progress.asOf],
    ['ptGeneratedAt', context.generatedAt],
  ]);
  grid.blank();
  const header = grid.add(
    [
      label('ptColOrder'),
      label('ptColProduct'),
      label('ptColDue'),
      label('ptColQuantity'),
      label('ptColAccepted'),
      label('ptColRejectRate'),
      label('ptColRemaining'),
      label('ptColDaysLeft'),
      label('ptColNeeded'),
      label('ptColPace'),
      label('ptColFlag'),
    ],
    { header: true, wrap: true },
  );
  for (const r of progress.rows) {
    grid.add(
      [
        cells.text(r.orderId),
        cells.text(r.product),
        cells.text(r.due ?? ''),
        cells.count(r.quantity),
        cells.count(r.acceptedToDate),
        cells.percent(r.rejectRate),
        cells.count(r.remaining),
        signed(r.daysLeft, cells),
        cells.count(r.neededPerDay),
        pace(r.recentPace),
        r.flag ? label(FLAG_LABELS[r.flag]) : cells.text(''),
      ],
      { wrap: [PRODUCT_COLUMN, FLAG_COLUMN], wrapAlone: true },
    );
  }
  if (progress.rows.length === 0) grid.add([label('ptNoOrders')]);
  else {
    grid.box(header, grid.length - 1);
    grid.table(header, grid.length - 1);
  }
  grid.blank();
  addNotes(grid, cells, t(lang, 'ptProgressNotes'));
  return grid.toTab({
    name: progressTabName(lang),
    frozenRows: 1,
    repeatRows: 1,
    widths: { shrinkFirst: [PRODUCT_COLUMN] },
    footer: printFooter({ lang, organization: context.organization }),
    protectionDescription: t(lang, 'ptProtection'),
  });
}

/**
 * The month's statement, as an accountant files it: a title block (who bills whom, the period,
 * draft or final, when it was made), the lines boxed under their header with the total, and the
 * rule the amounts were rounded by.
 */
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
  titleBlock(grid, cells, lang, [
    ['ptWorkshop', context.organization],
    ['ptPartner', context.partner],
    [
      'ptPeriod',
      t(lang, 'ptPeriodValue', {
        first: `${statement.month}-01`,
        last: lastDayOf(statement.month),
      }),
    ],
    ['ptStatus', t(lang, context.final ? 'ptFinal' : 'ptDraft')],
    ['ptGeneratedAt', context.generatedAt],
  ]);
  grid.blank();
  const header = grid.add(
    [
      label('payoutColOrderProduct'),
      label('ptColCraft'),
      label('ptColAcceptedMonth'),
      label('ptColRejectedMonth'),
      label('ptColResidents'),
      label('ptColPrice'),
      label('ptColAmount'),
    ],
    { header: true, wrap: true },
  );
  for (const line of statement.lines) {
    grid.add(
      [
        cells.text(line.product === '' ? line.orderId : `${line.orderId} ${line.product}`),
        cells.text(craftText(line.craft, lang)),
        cells.count(line.acceptedPieces),
        cells.count(line.rejectedPieces),
        cells.headCount(line.residents, t(lang, 'ptFewResidents')),
        line.partnerPrice === null ? label('ptPriceMissing') : cells.rate(line.partnerPrice),
        cells.money(line.amount),
      ],
      { wrap: [LINE_COLUMN, STATEMENT_CRAFT_COLUMN], wrapAlone: true },
    );
  }
  // Within its cell: running on under the empty cells, it was struck through by the box's lines.
  if (statement.lines.length === 0) {
    grid.add([label('ptNoLines')], { wrap: [LINE_COLUMN], wrapAlone: true });
  }
  const amount = cells.money(statement.total);
  const total = grid.add(
    [
      label('ptTotal'),
      cells.text(''),
      cells.count(statement.acceptedPieces),
      cells.text(''),
      cells.text(''),
      cells.text(''),
      amount,
    ],
    { bold: true },
  );
  grid.box(header, total);
  grid.table(header, total);
  if (statement.unpricedLines > 0) {
    addNotes(grid, cells, t(lang, 'ptUnpricedNote', { count: statement.unpricedLines }));
  }
  grid.blank();
  addNotes(grid, cells, t(lang, 'ptStatementNotes'));
  const tabWith = (pixels: number): GeneratedTab =>
    grid.toTab({
      name: statementTabName(statement.month, lang),
      // Short: nothing to freeze, and one call fewer when a new month's tab is made.
      frozenRows: 0,
      orientation: 'portrait',
      widths: {
        shrinkFirst: [LINE_COLUMN, STATEMENT_CRAFT_COLUMN],
        rooms: [{ first: LINE_COLUMN, count: 1, pixels }],
      },
      footer: printFooter({ lang, organization: context.organization }),
      protectionDescription: t(lang, 'ptProtection'),
    });
  const tab = tabWith(lineRoom(amount));
  // A total of ¥10,000.00 or more takes 100 px; beside the products' 160 the craft kept 60 and
  // an English one printed broken ("embroide" / "ry"): the products give up 40 px instead.
  const craft = Math.max(
    0,
    ...statement.lines.map((l) => longestWordWidth(craftText(l.craft, lang))),
  );
  return (tab.columnWidths[STATEMENT_CRAFT_COLUMN] ?? 0) < craft ? tabWith(120) : tab;
}
