/**
 * 工资条 YYYY-MM / Payslips YYYY-MM: one strip per paid resident, printed several to an A4
 * portrait page and cut apart along a dashed line. Each strip stands alone once cut: the
 * workshop and the month, the resident, then a boxed table a resident can check line by line —
 * one row per order (accepted × rate = amount, to the fen), a rounding line when the rounded
 * lines differ from the piece pay (rounded once a month), the piece pay, each adjustment with
 * its reason, and the net pay (for a month closed before, then what was paid earlier and what
 * to pay now: settlementRows.ts) — and under it, apart, a box to sign in. No strip is split
 * across two pages.
 */
import { t } from '../../i18n';
import type { MonthPay, ResidentPay } from '../../domain/payout';
import type { Adjustment } from '../../domain/records';
import { unitsToFen } from '../../domain/payout';
import type { GeneratedTab } from '../../workbook/port';
import { generatedTabName } from '../../workbook/layout';
import { EMPTY, Grid } from './grid';
import type { Cell, Cells } from './grid';
import type { WidthRules } from './widths';
import { cellsFor, labelMaker, printFooter } from './context';
import type { ReportContext } from './context';
import { payslipSettlement } from './settlementRows';
import type { SettlementLine } from './settlementRows';

const COLUMNS = 6;
/** Product, or an adjustment's reason: wraps rather than being cut. */
const PRODUCT_COLUMN = 1;
/** The box to sign in: two rows over the figures' columns. */
const SIGNATURE_FIRST_COLUMN = 2;
const SIGNATURE_ROWS = 2;
/** The low row whose lower edge is the dashed line to cut along. */
const CUT_ROW_PIXELS = 14;

/** Products and reasons wrap in their column, which keeps room for a few words a line; the
 *  figures keep theirs whole. */
export const PAYSLIP_WIDTHS: WidthRules = {
  shrinkFirst: [PRODUCT_COLUMN],
  rooms: [{ first: PRODUCT_COLUMN, count: 1, pixels: 160 }],
};

/**
 * Adjustments by reason, then amount: the same slip whatever order the rows were typed in
 * (every generated tab is the same for the same rows, in any order).
 */
function inSlipOrder(adjustments: readonly Adjustment[]): Adjustment[] {
  return [...adjustments].sort((a, b) =>
    a.reason !== b.reason ? (a.reason < b.reason ? -1 : 1) : a.amount - b.amount,
  );
}

/** A label in column A, running over the empty columns to the amount. */
function labelled(text: string, amount: Cell, cells: Cells): Cell[] {
  return [cells.text(text), EMPTY, EMPTY, EMPTY, EMPTY, amount];
}

/** One row per order worked, to the fen, and a rounding line when they differ from the pay. */
function addOrderLines(grid: Grid, r: ResidentPay, context: ReportContext, cells: Cells): void {
  let linesFen = 0;
  for (const w of r.work) {
    const amount = unitsToFen(w.amountUnits);
    linesFen += amount;
    grid.add(
      [
        cells.text(w.orderId),
        cells.text(w.product),
        cells.count(w.acceptedPieces),
        cells.count(w.rejectedPieces),
        cells.rate(w.payRate),
        cells.money(amount),
      ],
      { wrap: [PRODUCT_COLUMN] },
    );
  }
  // Lines rounded one by one may differ from the month's piece pay (rounded once) by a fen or
  // two: the difference is a line of its own, so the strip adds up on paper.
  if (linesFen !== r.piecePay) {
    const rounding = t(context.lang, 'slipRounding');
    grid.add(labelled(rounding, cells.money(r.piecePay - linesFen), cells));
  }
}

/** The piece pay, each adjustment with its reason, and the net pay; returns the net pay's row. */
function addPayLines(grid: Grid, r: ResidentPay, context: ReportContext, cells: Cells): number {
  const { lang } = context;
  const label = labelMaker(context, cells);
  grid.add(
    [
      label('genColPiecePay'),
      EMPTY,
      cells.count(r.acceptedPieces),
      cells.count(r.rejectedPieces),
      EMPTY,
      cells.money(r.piecePay),
    ],
    { bold: true },
  );
  for (const adjustment of inSlipOrder(r.adjustmentRows)) {
    const reason = adjustment.reason || t(lang, 'slipNoReason');
    const row = [label('slipAdjustment'), cells.text(reason), EMPTY, EMPTY, EMPTY];
    grid.add([...row, cells.money(adjustment.amount)], {
      wrap: [PRODUCT_COLUMN],
      wrapAlone: true,
    });
  }
  return grid.add(labelled(t(lang, 'genColNetPay'), cells.money(r.netPay), cells), {
    bold: true,
  });
}

/** Apart from the net pay, a box to sign in; under it the dashed line. Returns that row. */
function addSignature(grid: Grid, context: ReportContext, cells: Cells): number {
  grid.blank({ height: 8 });
  const signature = grid.add([cells.text(t(context.lang, 'slipSignHere'))]);
  for (let i = 1; i < SIGNATURE_ROWS; i += 1) grid.blank();
  grid.outline({
    row: signature,
    column: SIGNATURE_FIRST_COLUMN,
    numRows: SIGNATURE_ROWS,
    numColumns: COLUMNS - SIGNATURE_FIRST_COLUMN,
  });
  const cut = grid.blank({ height: CUT_ROW_PIXELS });
  grid.cutBelow(cut);
  return cut;
}

/**
 * A month closed before: under the net pay, what was paid earlier and corrected elsewhere,
 * indented in the product's column (wrapping there, never running over the box's lines), then
 * what to pay now under the net pay's label. Returns the last row, or null when none.
 */
function addSettlementLines(
  grid: Grid,
  lines: readonly SettlementLine[],
  cells: Cells,
): number | null {
  let last: number | null = null;
  for (const line of lines) {
    const amount = cells.money(line.fen);
    last = line.total
      ? grid.add(labelled(line.label, amount, cells), { bold: true })
      : grid.add([EMPTY, cells.text(line.label), EMPTY, EMPTY, EMPTY, amount], {
          wrap: [PRODUCT_COLUMN],
          wrapAlone: true,
        });
  }
  return last;
}

type SettlementLines = ((residentId: string) => SettlementLine[]) | null;

/** One resident's strip, kept on one page. */
function addStrip(
  grid: Grid,
  r: ResidentPay,
  month: string,
  context: ReportContext,
  cells: Cells,
  settlement: SettlementLines,
): void {
  const label = labelMaker(context, cells);
  const slipTitle = cells.text(t(context.lang, 'slipTitle', { month }));
  const first = grid.add(
    [cells.text(context.organization), EMPTY, EMPTY, EMPTY, EMPTY, slipTitle],
    {
      bold: true,
    },
  );
  grid.add([cells.text(r.residentId), cells.text(r.name)], { bold: true });
  const header = grid.add(
    [
      label('genColOrder'),
      label('genColProduct'),
      label('genColAccepted'),
      label('genColRejected'),
      label('genColPayRate'),
      label('genColAmount'),
    ],
    // On one line: a strip is read at a glance (the widths leave the labels room).
    { header: true },
  );
  addOrderLines(grid, r, context, cells);
  const net = addPayLines(grid, r, context, cells);
  const settled = addSettlementLines(grid, settlement?.(r.residentId) ?? [], cells);
  grid.box(header, settled ?? net, COLUMNS);
  // A strip taller than a page (fifty orders and more) goes on under its resident and labels.
  grid.table(header - 1, settled ?? net, 2);
  grid.keepTogether(first, addSignature(grid, context, cells));
}

export function buildPayslipsTab(pay: MonthPay, context: ReportContext): GeneratedTab {
  const { lang } = context;
  const cells = cellsFor(context);
  const grid = new Grid(COLUMNS);
  grid.add([cells.text(t(lang, 'genPayslipsTitle', { month: pay.month }))], {
    bold: true,
    keepWithNext: true,
  });
  grid.blank({ height: CUT_ROW_PIXELS });
  // A month closed before: under the net pay, what was paid earlier and what to pay now.
  const settlement = payslipSettlement(context);
  for (const r of pay.residents) addStrip(grid, r, pay.month, context, cells, settlement);
  const tab = grid.toTab({
    name: generatedTabName('payslips', pay.month, lang),
    frozenRows: 0,
    orientation: 'portrait',
    widths: PAYSLIP_WIDTHS,
    footer: printFooter(context),
    protectionDescription: t(lang, 'genProtection'),
  });
  // Strips before issue 22 began with a labels row (Month, ID, …) over the month: a file an
  // earlier version wrote, before tabs were marked, is recognised by them (issue 23).
  return { ...tab, earlierLabels: [t(lang, 'genColMonth'), pay.month] };
}
