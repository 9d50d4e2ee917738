/**
 * Issue 17's invariant (monthEndModel.ts) in memory, over the edge steps as well: slips moved
 * to another month, resident or order; a resident's ID retyped as another; residents marked
 * 否 in 在册 or deleted from 居民 for a while; orders marked done or cancelled; Check data
 * (marking cells) between steps.
 */
import fc from 'fast-check';
import { memoryBackend } from './memoryBackend';
import { RETYPED_ID, edgeStepsArb, runSequence } from './monthEndModel';

// Plain column widths, as in monthEnd.memory.property.test.ts: the sums do not depend on them.
jest.mock('../../src/features/reports/widths', () => ({
  ...jest.requireActual<object>('../../src/features/reports/widths'),
  fitColumnWidths: (_cells: unknown, _formats: unknown, options: { columns: number }) =>
    Array<number>(options.columns).fill(100),
}));

test('Σ paid at every closing = the exact pay, slips moved, IDs retyped, residents and orders changed', async () => {
  await fc.assert(
    fc.asyncProperty(edgeStepsArb(Number(process.env.MONTH_END_STEPS ?? 30)), async (steps) => {
      await runSequence(memoryBackend(), steps);
    }),
    { numRuns: Number(process.env.MONTH_END_RUNS ?? 200), examples: [[RETYPED_ID]] },
  );
});
