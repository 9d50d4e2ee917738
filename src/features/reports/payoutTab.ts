/**
 * 工资 YYYY-MM / Payout YYYY-MM: header block, one row per paid resident, a bold totals row that
 * sums the printed lines, then the detail (accepted × pay rate = amount) per resident × order.
 */
import { t } from '../../i18n';
import type { MonthPay } from '../../domain/payout';
import type { GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { Grid } from './grid';
import type { WidthRules } from './widths';
import { categoryLabel, cellsFor, headerBlock, labelMaker, printFooter } from './context';
import type { ReportContext } from './context';
import { addPayoutSettlement } from './settlementRows';

const COLUMNS = 9;
/** ID, name, order and product, then accepted × rate = amount under the columns of figures. */
const DETAIL_COLUMNS = 6;
const NAME_COLUMN = 1;
/** The order and its product (the category above). */
const PRODUCT_COLUMN = 2;
const SIGNATURE_COLUMN = 8;
/** The title row: on every printed page. */
const TITLE_ROWS = 1;

/**
 * Widths fit the content, within A4 landscape: long names and products give way first (they are
 * cut, not the figures). The signature column is left room to sign in.
 */
export const PAYOUT_WIDTHS: WidthRules = {
  shrinkFirst: [NAME_COLUMN, PRODUCT_COLUMN],
  rooms: [
    { first: SIGNATURE_COLUMN, count: 1, pixels: 100 },
    // Most orders and products on one line in the detail (they wrap when longer).
    { first: PRODUCT_COLUMN, count: 1, pixels: 160 },
  ],
};

export function buildPayoutTab(pay: MonthPay, context: ReportContext): GeneratedTab {
  const { lang } = context;
  const cells = cellsFor(context);
  const label = labelMaker(context, cells);
  const grid = new Grid(COLUMNS);
  grid.add([cells.text(t(lang, 'genPayoutTitle', { month: pay.month }))], { bold: true });
  for (const row of headerBlock(context, cells)) grid.add(row);
  grid.blank();
  const residentsHeader = grid.add(
    [
      label('genColId'),
      label('genColName'),
      label('genColCategory'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColPiecePay'),
      label('genColAdjustments'),
      label('genColNetPay'),
      label('genColSignature'),
    ],
    { header: true, wrap: true },
  );
  for (const r of pay.residents) {
    // A long name wraps in its column rather than being cut.
    grid.add(
      [
        cells.text(r.residentId),
        cells.text(r.name),
        cells.text(categoryLabel(r.category, lang)),
        cells.count(r.acceptedPieces),
        cells.count(r.rejectedPieces),
        cells.money(r.piecePay),
        cells.money(r.adjustments),
        cells.money(r.netPay),
      ],
      { wrap: [NAME_COLUMN] },
    );
  }
  const totals = pay.totals;
  const totalsRow = grid.add(
    [
      cells.text(t(lang, 'genTotal')),
      cells.text(t(lang, 'genTotalResidents', { count: totals.residents })),
      cells.text(''),
      cells.count(totals.acceptedPieces),
      cells.count(totals.rejectedPieces),
      cells.money(totals.piecePay),
      cells.money(totals.adjustments),
      cells.money(totals.netPay),
    ],
    { bold: true },
  );
  grid.box(residentsHeader, totalsRow);
  grid.table(residentsHeader, totalsRow);
  // A negative net pay (deductions above the pay) is shown, never hidden in the total.
  const negative = pay.residents.filter((r) => r.netPay < 0).length;
  if (negative > 0) grid.add([cells.text(t(lang, 'payoutNegativeNote', { count: negative }))]);
  addPayoutSettlement(grid, cells, context);
  grid.blank();
  // The detail is a table of other columns: it starts a page of its own, under its own header.
  const detailTitle = grid.add([cells.text(t(lang, 'genDetailTitle'))], {
    bold: true,
    keepWithNext: true,
  });
  grid.pageBreakBefore(detailTitle);
  const detailHeader = grid.add(
    [
      label('genColId'),
      label('genColName'),
      label('payoutColOrderProduct'),
      label('genColAccepted'),
      label('genColPayRate'),
      label('genColAmount'),
    ],
    { header: true, wrap: true },
  );
  // One text per order, not per line: the widths, heights and writer look each text up once.
  const orderTexts = new Map<string, Map<string, string>>();
  const orderText = (orderId: string, product: string): string => {
    let byProduct = orderTexts.get(orderId);
    if (byProduct === undefined) orderTexts.set(orderId, (byProduct = new Map()));
    let text = byProduct.get(product);
    if (text === undefined) {
      byProduct.set(product, (text = product === '' ? orderId : `${orderId} ${product}`));
    }
    return text;
  };
  for (const r of pay.residents) {
    for (const w of r.work) {
      grid.add(
        [
          cells.text(r.residentId),
          cells.text(r.name),
          cells.text(orderText(w.orderId, w.product)),
          cells.count(w.acceptedPieces),
          cells.rate(w.payRate),
          cells.exactMoney(w.amountUnits),
        ],
        { wrap: [NAME_COLUMN, PRODUCT_COLUMN] },
      );
    }
  }
  grid.box(detailHeader, grid.length - 1, DETAIL_COLUMNS);
  grid.table(detailHeader, grid.length - 1);
  return grid.toTab({
    name: generatedTabName('payout', pay.month, lang),
    // Only the title is frozen and printed on every page (print titles in the .xlsx; Sheets
    // prints frozen rows): each table's own header starts every page the table runs on to.
    frozenRows: TITLE_ROWS,
    repeatRows: TITLE_ROWS,
    widths: PAYOUT_WIDTHS,
    footer: printFooter(context),
    protectionDescription: t(lang, 'genProtection'),
  });
}
