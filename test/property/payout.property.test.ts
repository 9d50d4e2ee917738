import fc from 'fast-check';
import { computeMonthPay } from '../../src/domain/payout';
import type { Adjustment, Order, PieceEntry, Resident } from '../../src/domain/records';
import { generateMonth } from '../../src/features/generateMonth';
import type { GeneratedTab } from '../../src/workbook/port';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

const MONTH = '2026-11';
const residentIds = ['1', '2', '007', 'R10', 'R2', '=X'];
const orderIds = ['A', 'B', 'C', 'D'];

const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
const monthOfRow = fc.constantFrom('2026-10', '2026-11', '2026-11', '2026-11', '2026-12');
const rate = fc.integer({ min: 0, max: 2_000_000 }); // up to 200 yuan, 4 decimals
const pieceArb = fc
  .record({
    month: monthOfRow,
    day,
    residentId: fc.constantFrom(...residentIds),
    orderId: fc.constantFrom(...orderIds),
    completed: fc.integer({ min: 0, max: 5000 }),
    rejectedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((p) =>
    piece(
      `${p.month}-${p.day}`,
      p.residentId,
      p.orderId,
      p.completed,
      Math.floor(p.completed * p.rejectedShare),
    ),
  );
const adjustmentArb = fc
  .record({
    month: monthOfRow,
    residentId: fc.constantFrom(...residentIds),
    amount: fc.integer({ min: -500_000, max: 500_000 }),
  })
  .map((a) => adjustment(a.month, a.residentId, a.amount));
const ledgerArb = fc.record({
  rates: fc.tuple(rate, rate, rate, rate),
  pieces: fc.array(pieceArb, { maxLength: 60 }),
  adjustments: fc.array(adjustmentArb, { maxLength: 10 }),
});

function records(l: { rates: number[]; pieces: PieceEntry[]; adjustments: Adjustment[] }) {
  const residents: Resident[] = residentIds.map((id) => resident(id));
  const orders: Order[] = orderIds.map((id, i) => order(id, l.rates[i] ?? 0));
  return { residents, orders, pieces: l.pieces, adjustments: l.adjustments };
}

/** Net pay per resident, worked out independently: BigInt, rows one by one, half up once. */
function exactNetPay(input: ReturnType<typeof records>): Map<string, bigint> {
  const rates = new Map(input.orders.map((o) => [o.id, BigInt(o.payRate)]));
  const units = new Map<string, bigint>();
  const adjustments = new Map<string, bigint>();
  for (const p of input.pieces) {
    if (!p.date.startsWith(MONTH)) continue;
    const amount = BigInt(p.completed - p.rejected) * (rates.get(p.orderId) ?? 0n);
    units.set(p.residentId, (units.get(p.residentId) ?? 0n) + amount);
  }
  for (const a of input.adjustments) {
    if (a.month === MONTH)
      adjustments.set(a.residentId, (adjustments.get(a.residentId) ?? 0n) + BigInt(a.amount));
  }
  const net = new Map<string, bigint>();
  for (const id of new Set([...units.keys(), ...adjustments.keys()])) {
    const u = units.get(id) ?? 0n;
    const fen = (u + 50n) / 100n; // u ≥ 0: half up
    net.set(id, fen + (adjustments.get(id) ?? 0n));
  }
  return net;
}

describe('payout properties', () => {
  it('net pay equals an independent exact computation', () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const input = records(l);
        const pay = computeMonthPay(input, MONTH);
        const expected = exactNetPay(input);
        const actual = new Map(pay.residents.map((r) => [r.residentId, BigInt(r.netPay)]));
        expect(actual).toEqual(expected);
        expect(pay.residents).toHaveLength(expected.size);
      }),
      { numRuns: 300 },
    );
  });

  it('a row in another month changes nothing', () => {
    fc.assert(
      fc.property(ledgerArb, pieceArb, adjustmentArb, (l, extraPiece, extraAdjustment) => {
        fc.pre(!extraPiece.date.startsWith(MONTH) && extraAdjustment.month !== MONTH);
        const before = computeMonthPay(records(l), MONTH);
        const after = computeMonthPay(
          records({
            ...l,
            pieces: [...l.pieces, extraPiece],
            adjustments: [extraAdjustment, ...l.adjustments],
          }),
          MONTH,
        );
        expect(after).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('totals are the sums of the lines', () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const pay = computeMonthPay(records(l), MONTH);
        const sum = (pick: (r: (typeof pay.residents)[number]) => number) =>
          pay.residents.reduce((s, r) => s + pick(r), 0);
        expect(pay.totals.netPay).toBe(sum((r) => r.netPay));
        expect(pay.totals.piecePay).toBe(sum((r) => r.piecePay));
        for (const r of pay.residents) expect(r.netPay).toBe(r.piecePay + r.adjustments);
      }),
    );
  });
});

/** The same ledger as sheet rows, for the features. */
function sheetsOf(l: { rates: number[]; pieces: PieceEntry[]; adjustments: Adjustment[] }) {
  return {
    residents: residentIds.map((id) => residentRow(id, `名字${id}`)),
    orders: orderIds.map((id, i) => orderRow(id, `产品${id}`, '组装', (l.rates[i] ?? 0) / 10_000)),
    pieces: l.pieces.map((p) => pieceRow(p.date, p.residentId, p.orderId, p.completed, p.rejected)),
    adjustments: l.adjustments.map((a) => adjustmentRow(a.month, a.residentId, a.amount / 100)),
  };
}

function generated(sheets: ReturnType<typeof sheetsOf>): GeneratedTab[] {
  const book = new MemoryWorkbook(monthTabs(sheets));
  generateMonth(book, { month: MONTH, now: new Date('2026-12-03T02:00:00Z'), today: '2026-12-03' });
  return [...book.generated.values()];
}

const toFen = (value: CellValue | undefined): number => Math.round(Number(value) * 100);

describe('tab properties', () => {
  it('the order of rows never changes the tabs', () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer(), (l, seed) => {
        const sheets = sheetsOf(l);
        const shuffled = {
          residents:
            fc.sample(
              fc.shuffledSubarray(sheets.residents, { minLength: sheets.residents.length }),
              { seed, numRuns: 1 },
            )[0] ?? [],
          orders: [...sheets.orders].reverse(),
          pieces:
            fc.sample(fc.shuffledSubarray(sheets.pieces, { minLength: sheets.pieces.length }), {
              seed,
              numRuns: 1,
            })[0] ?? [],
          adjustments: [...sheets.adjustments].reverse(),
        };
        expect(generated(shuffled)).toEqual(generated(sheets));
      }),
      { numRuns: 40 },
    );
  });

  it('the payout’s totals row equals the sum of its lines', () => {
    fc.assert(
      fc.property(ledgerArb, (l) => {
        const [payout] = generated(sheetsOf(l));
        const cells = payout?.cells ?? [];
        const header = cells.findIndex((r) => r[0] === '编号');
        const totalsAt = cells.findIndex((r, i) => i > header && r[0] === '合计');
        const lines = cells.slice(header + 1, totalsAt);
        for (const column of [5, 6, 7]) {
          const sum = lines.reduce((s, r) => s + toFen(r[column]), 0);
          expect(toFen(cells[totalsAt]?.[column])).toBe(sum);
        }
        for (const column of [3, 4]) {
          expect(cells[totalsAt]?.[column]).toBe(lines.reduce((s, r) => s + Number(r[column]), 0));
        }
      }),
      { numRuns: 40 },
    );
  });
});
