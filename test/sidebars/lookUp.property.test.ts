/**
 * The look-up's "this month so far" is the payout's own figure: for random ledgers, each
 * resident's card shows the net pay, piece pay and accepted pieces of their line on the
 * generated 工资 / Payout tab, to the fen (and 0 for residents without a line).
 */
import fc from 'fast-check';
import { generateMonth } from '../../src/features/generateMonth';
import { lookUpResident } from '../../src/features/residentLookup';
import type { SidebarMemory } from '../../src/features/piecesTally';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';

const MONTH = '2026-11';
const TODAY = '2026-11-28';
const residentIds = ['1', '2', '007', 'R10', 'R2', '=X'];
const orderIds = ['A', 'B', 'C', 'D'];

const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
const month = fc.constantFrom('2026-10', '2026-11', '2026-11', '2026-11');
const ledger = fc.record({
  rates: fc.tuple(...orderIds.map(() => fc.integer({ min: 0, max: 2_000_000 }))),
  pieces: fc.array(
    fc.record({
      month,
      day,
      residentId: fc.constantFrom(...residentIds),
      orderId: fc.constantFrom(...orderIds),
      completed: fc.integer({ min: 0, max: 5000 }),
      rejected: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 50 },
  ),
  adjustments: fc.array(
    fc.record({
      month,
      residentId: fc.constantFrom(...residentIds),
      amount: fc.integer({ min: -50_000, max: 50_000 }),
    }),
    { maxLength: 8 },
  ),
});

type LedgerSample = typeof ledger extends fc.Arbitrary<infer T> ? T : never;

function workbookOf(l: LedgerSample) {
  return new MemoryWorkbook(
    monthTabs({
      residents: residentIds.map((id) => residentRow(id, `名字${id}`)),
      orders: orderIds.map((id, i) =>
        orderRow(id, `产品${id}`, '组装', (l.rates[i] ?? 0) / 10_000),
      ),
      pieces: l.pieces.map((p) =>
        pieceRow(
          `${p.month}-${p.day}`,
          p.residentId,
          p.orderId,
          p.completed,
          Math.min(p.rejected, p.completed),
        ),
      ),
      adjustments: l.adjustments.map((a) => adjustmentRow(a.month, a.residentId, a.amount / 100)),
    }),
  );
}

const toFen = (value: CellValue | undefined): number => Math.round(Number(value) * 100);

it("a resident's card shows the payout's figures for the month, to the fen", () => {
  fc.assert(
    fc.property(ledger, (l) => {
      const book = workbookOf(l);
      generateMonth(book, { month: MONTH, now: new Date('2026-11-28T02:00:00Z'), today: TODAY });
      const payout = [...book.generated.values()].find((tab) => tab.name === `工资 ${MONTH}`);
      const cells = payout?.cells ?? [];
      const lines = new Map<string, readonly CellValue[]>();
      for (const row of cells.slice(payout?.frozenRows ?? 0)) {
        if (row[0] === '合计') break;
        lines.set(String(row[0]), row);
      }
      // Read whole each time, and through the tally kept between cards (piecesTally.ts).
      const kept = keptTally();
      for (const memory of [undefined, kept, kept]) {
        for (const id of residentIds) {
          const { card } = lookUpResident(book, id, TODAY, memory);
          const line = lines.get(id);
          expect(card?.netPay).toBe(line ? toFen(line[7]) : 0);
          expect(card?.piecePay).toBe(line ? toFen(line[5]) : 0);
          expect(card?.acceptedPieces).toBe(line ? Number(line[3]) : 0);
        }
      }
    }),
    { numRuns: 20 },
  );
});

/** A tally kept in memory, with a clock ten seconds on at each look. */
function keptTally(): SidebarMemory {
  let tally: string | null = null;
  let clock = 0;
  return {
    load: () => ({ tally, edited: null }),
    save: (text) => {
      tally = text;
    },
    now: () => (clock += 10_000),
  };
}
