/**
 * 工资 YYYY-MM / Payout YYYY-MM: header block, one row per paid resident, a bold totals row that
 * sums the printed lines, then the detail (accepted × pay rate = amount) per resident × order.
 */
import { t } from '../../i18n';
import type { MonthPay } from '../../domain/payout';
import type { GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { Grid } from './grid';
import { A4_LANDSCAPE_PIXELS } from './widths';
import type { WidthRules } from './widths';
import { categoryLabel, cellsFor, headerBlock, labelMaker } from './context';
import type { ReportContext } from './context';
import { addPayoutSettlement } from './settlementRows';

const COLUMNS = 9;
const DETAIL_COLUMNS = 7;
const NAME_COLUMN = 1;
const PRODUCT_COLUMN = 3;
const SIGNATURE_COLUMN = 8;

/**
 * Widths fit the content, within A4 landscape: long names and products give way first (they are
 * cut, not the figures). The signature column is left room to sign in.
 */
export const PAYOUT_WIDTHS: WidthRules = {
  maxTotal: A4_LANDSCAPE_PIXELS,
  shrinkFirst: [NAME_COLUMN, PRODUCT_COLUMN],
  rooms: [{ first: SIGNATURE_COLUMN, count: 1, pixels: 100 }],
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
    { header: true },
  );
  const frozenRows = grid.length;
  for (const r of pay.residents) {
    grid.add([
      cells.text(r.residentId),
      cells.text(r.name),
      cells.text(categoryLabel(r.category, lang)),
      cells.count(r.acceptedPieces),
      cells.count(r.rejectedPieces),
      cells.money(r.piecePay),
      cells.money(r.adjustments),
      cells.money(r.netPay),
    ]);
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
  // A negative net pay (deductions above the pay) is shown, never hidden in the total.
  const negative = pay.residents.filter((r) => r.netPay < 0).length;
  if (negative > 0) grid.add([cells.text(t(lang, 'payoutNegativeNote', { count: negative }))]);
  addPayoutSettlement(grid, cells, context);
  grid.blank();
  grid.add([cells.text(t(lang, 'genDetailTitle'))], { bold: true });
  const detailHeader = grid.add(
    [
      label('genColId'),
      label('genColName'),
      label('genColOrder'),
      label('genColProduct'),
      label('genColAccepted'),
      label('genColPayRate'),
      label('genColAmount'),
    ],
    { header: true },
  );
  for (const r of pay.residents) {
    for (const w of r.work) {
      grid.add([
        cells.text(r.residentId),
        cells.text(r.name),
        cells.text(w.orderId),
        cells.text(w.product),
        cells.count(w.acceptedPieces),
        cells.rate(w.payRate),
        cells.exactMoney(w.amountUnits),
      ]);
    }
  }
  grid.box(detailHeader, grid.length - 1, DETAIL_COLUMNS);
  return grid.toTab({
    name: generatedTabName('payout', pay.month, lang),
    frozenRows,
    // Sheets repeats frozen rows on every printed page; the .xlsx gets the same as print titles.
    repeatRows: frozenRows,
    widths: PAYOUT_WIDTHS,
    protectionDescription: t(lang, 'genProtection'),
  });
}
