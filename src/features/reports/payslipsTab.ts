/**
 * 工资条 YYYY-MM / Payslips YYYY-MM: one boxed strip per paid resident — a labels row, a values
 * row (with the box to sign in), one row per order worked (accepted × rate = amount under the
 * same columns) — then a dashed line to cut along between two blank rows. Each strip carries the
 * month, so a strip cut apart still says what it pays; no strip is split across printed pages.
 */
import { t } from '../../i18n';
import type { MonthPay } from '../../domain/payout';
import type { GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { Grid } from './grid';
import type { RowBlock } from './print';
import { A4_LANDSCAPE_PIXELS } from './widths';
import type { WidthRules } from './widths';
import { cellsFor, labelMaker } from './context';
import type { ReportContext } from './context';
import { payslipSettlement } from './settlementRows';

const COLUMNS = 10;
/** Resident ID above, order below. */
const ID_COLUMN = 1;
/** Name above, product below. */
const NAME_COLUMN = 2;
const SIGNATURE_COLUMN = 9;

/** Widths fit the content within A4 landscape, names and products giving way first; the
 *  signature column is left room to sign in. */
export const PAYSLIP_WIDTHS: WidthRules = {
  maxTotal: A4_LANDSCAPE_PIXELS,
  shrinkFirst: [NAME_COLUMN, ID_COLUMN],
  rooms: [{ first: SIGNATURE_COLUMN, count: 1, pixels: 100 }],
};

export function buildPayslipsTab(pay: MonthPay, context: ReportContext): GeneratedTab {
  const { lang } = context;
  const cells = cellsFor(context);
  const label = labelMaker(context, cells);
  const grid = new Grid(COLUMNS);
  const title = t(lang, 'genPayslipsTitle', { month: pay.month });
  const organization = [
    cells.text(''),
    cells.text(''),
    cells.text(''),
    cells.text(''),
    cells.text(context.organization),
  ];
  grid.add([cells.text(title), ...organization], { bold: true });
  grid.blank();
  const labels = [
    label('genColMonth'),
    label('genColId'),
    label('genColName'),
    label('genColAccepted'),
    label('genColRejected'),
    label('genColPayRate'),
    label('genColPiecePay'),
    label('genColAdjustments'),
    label('genColNetPay'),
    label('genColSignature'),
  ];
  const strips: RowBlock[] = [];
  // A month closed before: what was paid earlier and what to pay now, under the net pay.
  const settlement = payslipSettlement(cells, context, 6);
  for (const r of pay.residents) {
    const first = grid.add(labels, { header: true });
    grid.add([
      cells.text(pay.month),
      cells.text(r.residentId),
      cells.text(r.name),
      cells.count(r.acceptedPieces),
      cells.count(r.rejectedPieces),
      cells.text(''),
      cells.money(r.piecePay),
      cells.money(r.adjustments),
      cells.money(r.netPay),
    ]);
    settlement?.(grid, r.residentId);
    for (const w of r.work) {
      grid.add([
        cells.text(''),
        cells.text(w.orderId),
        cells.text(w.product),
        cells.count(w.acceptedPieces),
        cells.count(w.rejectedPieces),
        cells.rate(w.payRate),
        cells.exactMoney(w.amountUnits),
      ]);
    }
    grid.box(first, grid.length - 1);
    // Room above and below the dashed line, so cutting leaves each strip its border.
    grid.cutBelow(grid.blank());
    strips.push({ first, last: grid.blank() });
  }
  return grid.toTab({
    name: generatedTabName('payslips', pay.month, lang),
    frozenRows: 0,
    widths: PAYSLIP_WIDTHS,
    keepTogether: strips,
    protectionDescription: t(lang, 'genProtection'),
  });
}
