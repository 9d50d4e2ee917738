/**
 * The canonical lines of a closed month (src/domain/fingerprint.ts) are hashed into the
 * fingerprints stored in workbooks' Closings tabs: the faster line maker of issue 19 round four
 * must give the very lines the one before it gave, on random rows whose IDs and reasons hold
 * tabs, line breaks, backslashes, quotes, small letters and full-width characters.
 */
import fc from 'fast-check';
import { makeCanonicalLines, type FingerprintVersion } from '../../src/domain/fingerprint';
import { indexPayBook, type PayBook } from '../../src/domain/payout';
import type { Adjustment, MonthKey, Order, PieceEntry } from '../../src/domain/records';
import { idKey } from '../../src/domain/validation/problemList';

/** src/domain/fingerprint.ts's makeCanonicalLines and field as they were before round four. */
function fieldBefore(text: string): string {
  return /[\t\n\\]/.test(text) ? JSON.stringify(text) : text;
}

function makeCanonicalLinesBefore(
  book: PayBook,
  month: MonthKey,
  version: FingerprintVersion,
): Map<string, string[]> {
  const key = (id: string) => (version === 1 ? id : idKey(id));
  const linesByResident = new Map<string, string[]>();
  const add = (residentId: string, line: string): void => {
    const lines = linesByResident.get(residentId);
    if (lines) lines.push(line);
    else linesByResident.set(residentId, [line]);
  };
  for (const p of book.piecesByMonth.get(month) ?? []) {
    const rate = book.ordersById.get(p.orderId)?.payRate ?? '';
    const resident = key(p.residentId);
    const fields = [
      p.date,
      fieldBefore(resident),
      fieldBefore(key(p.orderId)),
      p.completed,
      p.rejected,
      rate,
    ];
    add(resident, `P\t${fields.join('\t')}`);
  }
  for (const a of book.adjustmentsByMonth.get(month) ?? []) {
    const resident = key(a.residentId);
    add(resident, `A\t${a.month}\t${fieldBefore(resident)}\t${a.amount}\t${fieldBefore(a.reason)}`);
  }
  for (const lines of linesByResident.values()) lines.sort();
  return linesByResident;
}

const MONTH = '2026-11';

/** Text made of the characters that matter to the lines: escapes, case, width, spaces. */
const awkwardText = fc
  .array(
    fc.constantFrom('R', 'r', '1', '\t', '\n', '\\', '"', ' ', 'Ｒ', '１', '\u200b', '甲', 'é'),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((chars) => chars.join(''));

/** A few IDs per run, so that rows share them (and some share a key while spelt apart). */
const ids = fc.uniqueArray(fc.oneof(awkwardText, fc.constantFrom('R1', 'r1', ' R1', 'O7')), {
  minLength: 1,
  maxLength: 6,
});

function order(id: string, payRate: number): Order {
  return {
    row: 2,
    id,
    partnerId: '',
    product: '',
    craft: '',
    payRate,
    partnerPrice: null,
    quantity: null,
    received: null,
    due: null,
    status: 'open',
    notes: '',
  };
}

describe('makeCanonicalLines', () => {
  it('gives the lines the maker before round four gave, for both fingerprint versions', () => {
    fc.assert(
      fc.property(
        ids,
        ids,
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.record({
            resident: fc.nat(5),
            order: fc.nat(6),
            date: fc.constantFrom('2026-11-01', '2026-11-15', '2026-11-30', '2026-10-31'),
            completed: fc.nat(100_000),
            rejected: fc.nat(1000),
          }),
          { maxLength: 40 },
        ),
        fc.array(
          fc.record({
            resident: fc.nat(5),
            month: fc.constantFrom(MONTH, '2026-10'),
            amount: fc.integer({ min: -100_000, max: 100_000 }),
            reason: fc.oneof(awkwardText, fc.string()),
          }),
          { maxLength: 10 },
        ),
        (residentIds, orderIds, rates, pieceRows, adjustmentRows) => {
          const at = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;
          // The last order ID has no order: its rows' pay rate is empty.
          const orders = orderIds.slice(0, -1).map((id, i) => order(id, at(rates, i)));
          const pieces: PieceEntry[] = pieceRows.map((r, i) => ({
            row: i + 2,
            date: r.date,
            residentId: at(residentIds, r.resident),
            orderId: at(orderIds, r.order),
            completed: r.completed,
            rejected: r.rejected,
            recordedBy: '',
            notes: '',
            entry: null,
          }));
          const adjustments: Adjustment[] = adjustmentRows.map((a, i) => ({
            row: i + 2,
            month: a.month,
            residentId: at(residentIds, a.resident),
            amount: a.amount,
            reason: a.reason,
          }));
          for (const version of [1, 2] as const) {
            // A book each, as the lines are made once per book.
            const input = { residents: [], orders, pieces, adjustments };
            const now = makeCanonicalLines(indexPayBook(input), MONTH, version);
            const before = makeCanonicalLinesBefore(indexPayBook(input), MONTH, version);
            expect([...now]).toEqual([...before]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
