/**
 * Report cells turn fen and rate units into yuan by division since round three of issue 19,
 * instead of writing the decimal and reading it back (domain/money.ts): the same double for
 * every amount, so every tab shows and writes the same numbers.
 */
import fc from 'fast-check';
import { Cells } from '../../src/features/reports/grid';
import { fenToYuan, rateUnitsToYuan } from '../../src/domain/money';

const units = fc.oneof(
  fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
  fc.maxSafeInteger(),
  fc.integer().map((n) => -n),
  fc.constantFrom(0, -0, 1, -1, 5, 15, 105, 1005, 9_007_199_254_740_991, -9_007_199_254_740_991),
);

describe('report cells, yuan by division', () => {
  const cells = new Cells('¥');

  it('holds money as fenToYuan does', () => {
    fc.assert(
      fc.property(units, (fen) => {
        expect(Object.is(cells.money(fen).value, fenToYuan(fen))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('holds rates and exact amounts as rateUnitsToYuan does', () => {
    fc.assert(
      fc.property(units, (rate) => {
        expect(Object.is(cells.rate(rate).value, rateUnitsToYuan(rate))).toBe(true);
        expect(Object.is(cells.exactMoney(rate).value, rateUnitsToYuan(rate))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
