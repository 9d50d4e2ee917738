/**
 * closingNotices indexes the pieces only when some month not archived has a deduction (round
 * four of issue 19: most ledgers have none, and the index cost 6 ms a check at 100,000 rows).
 * Held here to the way it worked before: every month indexed, the months with a deduction
 * paid out in order, archived ones skipped.
 */
import fc from 'fast-check';
import { indexPayBook, payForMonth } from '../../src/domain/payout';
import { isArchivedMonth } from '../../src/features/archived';
import { moneyText } from '../../src/features/closeMonth';
import { closingNotices, readClosings } from '../../src/features/closedMonths';
import { loadLedger } from '../../src/features/loadLedger';
import type { Ledger } from '../../src/features/loadLedger';
import { t } from '../../src/i18n';
import type { Lang } from '../../src/i18n';
import { DEFAULT_CURRENCY } from '../../src/workbook/layout';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';

const today = '2026-12-03';
const MONTHS = ['2025-12', '2026-10', '2026-11'];
const RESIDENTS = ['R1', 'R2', 'R3'];
const ORDERS: [string, number][] = [
  ['A', 0.015],
  ['B', 2.5],
];

/** closingNotices' negative-pay notices as they were made before round four. */
function negativePayBefore(ledger: Ledger, lang: Lang): string[] {
  const notices: string[] = [];
  const book = indexPayBook(ledger);
  const months = [...book.adjustmentsByMonth]
    .filter(([, adjustments]) => adjustments.some((a) => a.amount < 0))
    .map(([month]) => month);
  const currency = ledger.settings.currency || DEFAULT_CURRENCY;
  for (const month of months.sort()) {
    if (isArchivedMonth(ledger.settings, month)) continue;
    for (const r of payForMonth(book, month).residents) {
      if (r.netPay >= 0) continue;
      const amount = moneyText(r.netPay, currency);
      notices.push(t(lang, 'netPayNegative', { month, id: r.residentId, name: r.name, amount }));
    }
  }
  return notices;
}

const pieceArb = fc.record({
  month: fc.nat(MONTHS.length - 1),
  day: fc.integer({ min: 1, max: 28 }),
  resident: fc.nat(RESIDENTS.length - 1),
  order: fc.nat(ORDERS.length - 1),
  completed: fc.nat(40),
});
const adjustArb = fc.record({
  month: fc.nat(MONTHS.length - 1),
  resident: fc.nat(RESIDENTS.length - 1),
  fen: fc.integer({ min: -6000, max: 3000 }),
});

describe('closingNotices, negative net pay', () => {
  it('says what the every-month index said, archived years and all', () => {
    fc.assert(
      fc.property(
        fc.array(pieceArb, { maxLength: 30 }),
        fc.array(adjustArb, { maxLength: 8 }),
        fc.subarray([2025, 2026]),
        fc.constantFrom<Lang>('zh-CN', 'en'),
        (pieces, adjustments, archivedYears, lang) => {
          const at = (i: number) => MONTHS[i] as string;
          const book = new MemoryWorkbook(
            monthTabs({
              residents: RESIDENTS.map((id, i) => residentRow(id, `Name ${i}`)),
              orders: ORDERS.map(([id, rate]) => orderRow(id, `Product ${id}`, '组装', rate)),
              pieces: pieces.map((p) =>
                pieceRow(
                  `${at(p.month)}-${String(p.day).padStart(2, '0')}`,
                  RESIDENTS[p.resident] as string,
                  ORDERS[p.order]?.[0] as string,
                  p.completed,
                ),
              ),
              adjustments: adjustments.map((a) =>
                adjustmentRow(at(a.month), RESIDENTS[a.resident] as string, a.fen / 100, 'x'),
              ),
            }),
          );
          const loaded = loadLedger(book, { today });
          const archives = archivedYears.map((year) => ({ year, location: `${year}.xlsx` }));
          const ledger: Ledger = { ...loaded, settings: { ...loaded.settings, archives } };
          const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
          expect(closingNotices(ledger, closings, lang)).toEqual(negativePayBefore(ledger, lang));
        },
      ),
      { numRuns: 150 },
    );
  });
});
