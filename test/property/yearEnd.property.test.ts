/**
 * The month end carried through the year end, in memory: after a random sequence of what staff
 * do around month end (monthEndModel.ts: edits, generate, close early or late, check --correct,
 * reopen, months skipped) is corrected and closed, the months of 2026 left without rows are
 * closed too, and then
 *
 *   - the Year tabs of 2026 and 2027 together pay each resident exactly the model's pay (a
 *     correction of December paid in January counts in 2027, once);
 *   - 2026 can be archived; the archive holds the same 年度 2026, the live 年度 2027 is
 *     unchanged, and the archived year's months are refused;
 *   - pieces typed afterwards in 2027 (a late slip in a closed month among them) are corrected
 *     and closed as before, and Σ 本次发放 over every Closings row still equals the model's pay.
 *
 * The pay is the model's own (monthEndModel.ts, written apart from src/domain); the Year tab is
 * read as its cells, the Closings tab by the model's reader.
 */
import fc from 'fast-check';
import { archiveYear } from '../../src/features/archiveYear';
import { closeMonth } from '../../src/features/closeMonth';
import { generateYear } from '../../src/features/generateYear';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { pieceRow } from '../support/monthWorkbook';
import { memoryArchive } from '../support/yearLedger';
import {
  FINAL_TODAY,
  ORDERS,
  applyEdit,
  edgeStepsArb,
  exactPay,
  initialModel,
  paidFromClosings,
  runSequence,
  stepsArb,
} from './monthEndModel';
import type { Model, Step } from './monthEndModel';
import { correct, memoryBackend, now, outcome } from './memoryBackend';
import { type LatePiece, addUp, latePiece, withoutTime, yearTotals } from './yearEndSupport';

// Plain column widths, as in monthEnd.memory.property.test.ts: the sums do not depend on them.
jest.mock('../../src/features/reports/widths', () => ({
  ...jest.requireActual<object>('../../src/features/reports/widths'),
  fitColumnWidths: (_cells: unknown, _formats: unknown, options: { columns: number }) =>
    Array<number>(options.columns).fill(100),
}));

const yearTab = (book: MemoryWorkbook, year: number) =>
  (book.generated.get(`年度 ${year}`)?.cells ?? []).map((row) => [...row]);

async function yearEnd(steps: readonly Step[], late: readonly LatePiece[]): Promise<void> {
  const book = new MemoryWorkbook();
  await runSequence(memoryBackend(book, { sortClosings: false }), steps);
  const model: Model = initialModel();
  for (const step of steps) applyEdit(model, step);
  const today = FINAL_TODAY;

  // Months of 2026 skipped (no rows) are closed too, empty: from October, the model's first.
  for (const month of ['2026-10', '2026-11', '2026-12']) {
    const closed = outcome(() =>
      closeMonth(book, { month, now: now(today), today, closedBy: '王老师', force: true }),
    );
    // Closed already, or far from every row (a ledger with none): archiving says if one was left.
    if (!closed.ok) expect(['closeAlreadyClosed', 'monthFarFromRows']).toContain(closed.key);
  }

  // The two Year tabs pay every resident the model's pay, once. A year with no closed month
  // and nothing to pay is refused (a typo), and pays no one.
  for (const year of [2026, 2027]) {
    const made = outcome(() => generateYear(book, { year, now: now(today), today }));
    if (!made.ok) expect(made.key).toBe('yrNothing');
  }
  const year2026 = yearTab(book, 2026);
  const year2027 = yearTab(book, 2027);
  expect(addUp(yearTotals(year2026), yearTotals(year2027))).toEqual(exactPay(model));

  // 2026 archived: the archive's Year is the live one's, 2027's is unchanged, 2026 refused.
  const { archive, target } = memoryArchive('台账 2026.xlsx');
  const archived = outcome(() => archiveYear(book, target, { year: 2026, now: now(today), today }));
  // Staff's rows, or Gongfang's correction rows (a correction of 2026-11 paid in 2026-12).
  const rowsIn2026 =
    [...model.pieces, ...model.adjustments].some((row) => row.month < 3) ||
    (book.tab('调整')?.values ?? []).some((row) => String(row[0]).startsWith('2026-'));
  expect(archived).toEqual(rowsIn2026 ? { ok: true } : { ok: false, key: 'arNothing' });
  if (archived.ok) {
    expect(withoutTime(yearTab(archive, 2026))).toEqual(withoutTime(year2026));
    outcome(() => generateYear(book, { year: 2027, now: now(today), today }));
    expect(withoutTime(yearTab(book, 2027))).toEqual(withoutTime(year2027));
    expect(outcome(() => generateYear(book, { year: 2026, now: now(today), today }))).toEqual({
      ok: false,
      key: 'yrArchived',
    });
  }
  expect(correct(book, today)).toBe(0);

  // Pieces typed after the archive, in closed 2027-01 or open 2027-02: corrected and closed.
  book.appendRows(
    '计件',
    late.map((p) =>
      pieceRow(
        `2027-0${p.month}-${String(p.day).padStart(2, '0')}`,
        model.ids[p.resident] as string,
        ORDERS[p.order] as string,
        p.completed,
      ),
    ),
  );
  for (const p of late) {
    model.pieces.push({ ...p, month: 2 + p.month, rejected: 0 });
  }
  for (let round = 0; round < 3; round += 1) {
    correct(book, today);
    for (const month of ['2027-01', '2027-02', '2027-03']) {
      outcome(() =>
        closeMonth(book, { month, now: now(today), today, closedBy: '王老师', force: true }),
      );
    }
  }
  expect(correct(book, today)).toBe(0);
  const paid = paidFromClosings(book.tab('结账')?.values ?? []);
  expect(paid.perResident).toEqual(exactPay(model));
}

test('the Year tabs and an archive keep Σ paid = the exact pay, months skipped included', async () => {
  await fc.assert(
    fc.asyncProperty(
      stepsArb(Number(process.env.MONTH_END_STEPS ?? 25)),
      fc.array(latePiece, { maxLength: 4 }),
      async (steps, late) => yearEnd(steps, late),
    ),
    { numRuns: Number(process.env.YEAR_END_RUNS ?? 120) },
  );
});

test('the same over the edge steps: slips moved, IDs retyped, residents and orders changed', async () => {
  await fc.assert(
    fc.asyncProperty(
      edgeStepsArb(Number(process.env.MONTH_END_STEPS ?? 25)),
      fc.array(latePiece, { maxLength: 4 }),
      async (steps, late) => yearEnd(steps, late),
    ),
    { numRuns: Number(process.env.YEAR_END_RUNS ?? 60) },
  );
});
