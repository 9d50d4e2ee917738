/**
 * The rows a month closed before adds to its payout and payslips (issue 17): per resident, what
 * earlier closings paid, what corrections of the month other months carry, and what to hand out
 * now. Kept apart from the tabs' own layout, which only calls these.
 */
import { t } from '../../i18n';
import type { ResidentSettlement } from '../../domain/settlement';
import { idKey } from '../../domain/validation/problemList';
import type { Cell, Cells, Grid } from './grid';
import { labelMaker } from './context';
import type { LabelKey, ReportContext } from './context';

/** The payout's block: a title, one row per resident, a totals row, boxed. */
export function addPayoutSettlement(grid: Grid, cells: Cells, context: ReportContext): void {
  const settlement = context.settlement ?? null;
  if (settlement === null) return;
  const { lang } = context;
  const label = labelMaker(context, cells);
  grid.blank();
  grid.add([cells.text(t(lang, 'genSettlementTitle', { month: context.month }))], { bold: true });
  const header = grid.add(
    [
      label('genColId'),
      label('genColName'),
      label('genColNetPay'),
      label('genColEarlierPaid'),
      label('genColCorrectedElsewhere'),
      label('genColToPayNow'),
    ],
    { header: true },
  );
  const totals = { netPay: 0, earlierPaid: 0, correctedElsewhere: 0, toPay: 0 };
  for (const r of settlement) {
    grid.add([
      cells.text(r.residentId),
      cells.text(r.name),
      cells.money(r.netPay),
      cells.money(r.earlierPaid),
      cells.money(r.correctedElsewhere),
      cells.money(r.toPay),
    ]);
    totals.netPay += r.netPay;
    totals.earlierPaid += r.earlierPaid;
    totals.correctedElsewhere += r.correctedElsewhere;
    totals.toPay += r.toPay;
  }
  const last = grid.add(
    [
      cells.text(t(lang, 'genTotal')),
      cells.text(''),
      cells.money(totals.netPay),
      cells.money(totals.earlierPaid),
      cells.money(totals.correctedElsewhere),
      cells.money(totals.toPay),
    ],
    { bold: true },
  );
  grid.box(header, last, 6);
}

/**
 * Adds to a payslip two rows under its figures, from column `firstColumn` (0-based): paid
 * earlier, corrected elsewhere, to pay now. Null when the month was never closed before.
 */
export function payslipSettlement(
  cells: Cells,
  context: ReportContext,
  firstColumn: number,
): ((grid: Grid, residentId: string) => void) | null {
  if (!context.settlement) return null;
  const byKey = new Map(context.settlement.map((r) => [idKey(r.residentId), r]));
  const label = labelMaker(context, cells);
  const pad = Array.from({ length: firstColumn }, () => cells.text(''));
  return (grid, residentId) => {
    const settled = byKey.get(idKey(residentId));
    if (settled) addPayslipRows(grid, cells, pad, label, settled);
  };
}

function addPayslipRows(
  grid: Grid,
  cells: Cells,
  pad: readonly Cell[],
  label: (key: LabelKey) => Cell,
  settled: ResidentSettlement,
): void {
  grid.add(
    [
      ...pad,
      label('genColEarlierPaid'),
      label('genColCorrectedElsewhere'),
      label('genColToPayNow'),
    ],
    { header: true },
  );
  grid.add(
    [
      ...pad,
      cells.money(settled.earlierPaid),
      cells.money(settled.correctedElsewhere),
      cells.money(settled.toPay),
    ],
    { bold: true },
  );
}
