/**
 * Issue 17's invariant (monthEndModel.ts), the edge steps included, in the emulated Apps
 * Script: Check data from the menu (Yes writes the corrections), Generate, Close and Reopen
 * over the Sheets workbook, the source tabs typed as Sheets holds them.
 */
import fc from 'fast-check';
import { createEmulator } from '../emulator';
import { RETYPED_ID, edgeStepsArb, runSequence } from './monthEndModel';
import { sheetsBackend } from './sheetsBackend';

// Plain column widths, as in monthEnd.memory.property.test.ts: the sums do not depend on them.
jest.mock('../../src/features/reports/widths', () => ({
  ...jest.requireActual<object>('../../src/features/reports/widths'),
  fitColumnWidths: (_cells: unknown, _formats: unknown, options: { columns: number }) =>
    Array<number>(options.columns).fill(100),
}));

beforeEach(() => {
  jest.useFakeTimers({
    now: new Date('2026-12-05T02:00:00Z'),
    doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => jest.useRealTimers());

test('Σ paid at every closing = the exact pay, in the emulated Sheets', async () => {
  await fc.assert(
    fc.asyncProperty(edgeStepsArb(Number(process.env.MONTH_END_STEPS ?? 20)), async (steps) => {
      const emulator = createEmulator({ locale: 'zh_CN', htmlFiles: {}, now: () => new Date() });
      const uninstall = emulator.install(globalThis);
      try {
        await runSequence(sheetsBackend(emulator), steps);
      } finally {
        uninstall();
      }
    }),
    { numRuns: Number(process.env.MONTH_END_SHEETS_RUNS ?? 200), examples: [[RETYPED_ID]] },
  );
});
