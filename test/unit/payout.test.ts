import { computeMonthPay, compareIds, indexPayBook, payForMonth } from '../../src/domain/payout';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

/** Rates 0.015, 0.333, 2.5 and 12.5 yuan, in 1/10,000 yuan. */
const orders = [order('A', 150), order('B', 3330), order('C', 25000), order('D', 125000)];
const residents = [
  resident('R1', { category: 'hardship' }),
  resident('R2', { category: 'retired' }),
  resident('R3', { category: 'homemaker' }),
];
const pieces = [
  piece('2026-11-03', 'R1', 'A', 1000, 10), // 990 × 0.015 = 14.85
  piece('2026-11-04', 'R1', 'B', 7), // 7 × 0.333 = 2.331 → R1: 17.181 → 17.18
  piece('2026-11-05', 'R2', 'C', 3, 1), // 2 × 2.5 = 5.00
  piece('2026-11-06', 'R2', 'A', 3), // 3 × 0.015 = 0.045
  piece('2026-11-30', 'R2', 'D', 1), // 12.5 → R2: 17.545, exactly half a fen → 17.55
  piece('2026-10-31', 'R1', 'D', 2), // October: 25.00
  piece('2026-12-01', 'R2', 'D', 4), // December: 50.00
];
const adjustments = [
  adjustment('2026-11', 'R1', 500, 'bonus'),
  adjustment('2026-11', 'R2', -300, 'materials'),
  adjustment('2026-11', 'R3', 2000, 'training day'),
  adjustment('2026-10', 'R3', 100, 'October'),
];
const input = { residents, orders, pieces, adjustments };

describe('a month of pay, computed by hand', () => {
  const pay = computeMonthPay(input, '2026-11');
  const byId = (id: string) => pay.residents.find((r) => r.residentId === id);

  it('rounds each resident’s piece pay once, half up, to the fen', () => {
    expect(byId('R1')).toMatchObject({
      acceptedPieces: 997,
      rejectedPieces: 10,
      pieceUnits: 171_810,
      piecePay: 1718,
      adjustments: 500,
      netPay: 2218,
    });
    expect(byId('R2')).toMatchObject({
      acceptedPieces: 6,
      rejectedPieces: 1,
      pieceUnits: 175_450,
      piecePay: 1755,
      adjustments: -300,
      netPay: 1455,
    });
  });

  it('pays a resident with only adjustments', () => {
    expect(byId('R3')).toMatchObject({
      acceptedPieces: 0,
      piecePay: 0,
      adjustments: 2000,
      netPay: 2000,
    });
    expect(byId('R3')?.work).toEqual([]);
  });

  it('keeps each order’s exact amount in the detail', () => {
    expect(byId('R2')?.work.map((w) => [w.orderId, w.acceptedPieces, w.amountUnits])).toEqual([
      ['A', 3, 450],
      ['C', 2, 50_000],
      ['D', 1, 125_000],
    ]);
  });

  it('totals are the sums of the rounded lines', () => {
    expect(pay.totals).toEqual({
      residents: 3,
      acceptedPieces: 1003,
      rejectedPieces: 11,
      piecePay: 3473,
      adjustments: 2200,
      netPay: 5673,
    });
  });

  it('rounds the month, not each row: two half-fen orders make one fen', () => {
    const halfFen = order('H', 50); // 0.005 yuan
    const halfFen2 = order('H2', 50);
    const month = computeMonthPay(
      {
        residents: [resident('R9')],
        orders: [halfFen, halfFen2],
        pieces: [piece('2026-11-01', 'R9', 'H', 1), piece('2026-11-02', 'R9', 'H2', 1)],
        adjustments: [],
      },
      '2026-11',
    );
    expect(month.residents[0]?.piecePay).toBe(1);
  });

  it('shows two months side by side without mixing them', () => {
    const book = indexPayBook(input);
    const october = payForMonth(book, '2026-10');
    const december = payForMonth(book, '2026-12');
    expect(october.residents.map((r) => [r.residentId, r.netPay])).toEqual([
      ['R1', 2500],
      ['R3', 100],
    ]);
    expect(december.totals.netPay).toBe(5000);
    expect(payForMonth(book, '2026-11').totals.netPay).toBe(5673);
  });

  it('sets aside rows whose resident or order is not usable', () => {
    const month = computeMonthPay(
      {
        ...input,
        pieces: [...pieces, piece('2026-11-07', 'R1', 'ZZ', 5, 0, { row: 500 })],
        adjustments: [...adjustments, adjustment('2026-11', 'NOBODY', 100)],
      },
      '2026-11',
    );
    expect(month.totals.netPay).toBe(5673);
    expect(month.unpaidRows.map((u) => [u.tab, u.reason])).toEqual([
      ['adjustments', 'unknownResident'],
      ['pieces', 'unknownOrder'],
    ]);
  });
});

describe('resident IDs sort as people expect', () => {
  it('puts 2 before 10 and keeps 007 distinct from 7', () => {
    const ids = ['10', 'R10', '007', '2', 'R2', '7', 'A'];
    expect([...ids].sort(compareIds)).toEqual(['2', '007', '7', '10', 'A', 'R2', 'R10']);
  });
});
