/**
 * The rows a month closed before adds to its payout and payslips (issue 17): per resident, what
 * earlier closings paid, what corrections of the month other months carry, and what to hand out
 * now. Kept apart from the tabs' own layout, which only calls these.
 */
import { t } from '../../i18n';
import { idKey } from '../../domain/validation/problemList';
import type { Cells, Grid } from './grid';
import { labelMaker } from './context';
import type { ReportContext } from './context';

/** The payout's block: ID, name, then the four amounts. */
const PAYOUT_COLUMNS = 6;
const NAME_COLUMN = 1;

/**
 * The payout's block: a title, one row per resident, a totals row, boxed; printed as a table of
 * its own (its header starts every page it runs on to, the title kept with it). Across each row
 * net pay − paid earlier − corrected in other months = to pay now.
 */
export function addPayoutSettlement(grid: Grid, cells: Cells, context: ReportContext): void {
  const settlement = context.settlement ?? null;
  if (settlement === null) return;
  const { lang } = context;
  const label = labelMaker(context, cells);
  grid.blank();
  grid.add([cells.text(t(lang, 'genSettlementTitle', { month: context.month }))], {
    bold: true,
    keepWithNext: true,
  });
  const header = grid.add(
    [
      label('genColId'),
      label('genColName'),
      label('genColNetPay'),
      label('genColEarlierPaid'),
      label('genColCorrectedElsewhere'),
      label('genColToPayNow'),
    ],
    { header: true, wrap: true },
  );
  const totals = { netPay: 0, earlierPaid: 0, correctedElsewhere: 0, toPay: 0 };
  for (const r of settlement) {
    // A long name wraps in its column rather than being cut.
    grid.add(
      [
        cells.text(r.residentId),
        cells.text(r.name),
        cells.money(r.netPay),
        cells.money(r.earlierPaid),
        cells.money(r.correctedElsewhere),
        cells.money(r.toPay),
      ],
      { wrap: [NAME_COLUMN] },
    );
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
  grid.box(header, last, PAYOUT_COLUMNS);
  grid.table(header, last);
}

/** A payslip's line of a month closed before: a label and fen; `total` is what to pay now. */
export interface SettlementLine {
  readonly label: string;
  readonly fen: number;
  readonly total: boolean;
}

/** Fen taken off in a column that adds up (never -0). */
function takenOff(fen: number): number {
  return fen === 0 ? 0 : -fen;
}

/**
 * A payslip's lines under its net pay: what earlier closings paid and what corrections of the
 * month other months carry (a line only when there are some) — both taken off, so the strip's
 * column still adds up — then what to pay now. Null when the month was never closed before; no
 * lines for a resident the settlement does not list.
 */
export function payslipSettlement(
  context: ReportContext,
): ((residentId: string) => SettlementLine[]) | null {
  if (!context.settlement) return null;
  const { lang } = context;
  const byKey = new Map(context.settlement.map((r) => [idKey(r.residentId), r]));
  return (residentId) => {
    const settled = byKey.get(idKey(residentId));
    if (!settled) return [];
    const elsewhere = settled.correctedElsewhere;
    return [
      { label: t(lang, 'genColEarlierPaid'), fen: takenOff(settled.earlierPaid), total: false },
      ...(elsewhere === 0
        ? []
        : [{ label: t(lang, 'genColCorrectedElsewhere'), fen: takenOff(elsewhere), total: false }]),
      { label: t(lang, 'genColToPayNow'), fen: settled.toPay, total: true },
    ];
  };
}
