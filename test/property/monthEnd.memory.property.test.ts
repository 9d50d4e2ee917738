/**
 * Issue 17's invariant (monthEndModel.ts) in memory: the features run over the in-memory
 * Workbook, as the Sheets menu and the command line run them.
 */
import fc from 'fast-check';
import { memoryBackend } from './memoryBackend';
import { runSequence, stepsArb } from './monthEndModel';

// Column widths (mocked here, in the file the mock applies to) are worked out by trying some 13,000 layouts a tab (reports/widths.ts, tested
// on its own); the thousands of tabs this property builds take plain widths instead, as the
// sum it checks does not depend on them. The CLI property runs the built command unchanged.
jest.mock('../../src/features/reports/widths', () => ({
  ...jest.requireActual<object>('../../src/features/reports/widths'),
  fitColumnWidths: (_cells: unknown, _formats: unknown, options: { columns: number }) =>
    Array<number>(options.columns).fill(100),
}));

test('Σ paid at every closing = the exact pay over the final rows, per resident (in memory)', async () => {
  await fc.assert(
    fc.asyncProperty(stepsArb(Number(process.env.MONTH_END_STEPS ?? 30)), async (steps) => {
      await runSequence(memoryBackend(), steps);
    }),
    { numRuns: Number(process.env.MONTH_END_RUNS ?? 200) },
  );
});
