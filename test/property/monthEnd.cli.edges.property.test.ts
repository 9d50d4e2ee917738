/**
 * The edge steps of monthEnd.edges.property.test.ts (slips moved, IDs retyped, residents and
 * orders changed, `check --mark` between steps) through the built command on .xlsx files, in
 * this process (runBuiltCli).
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import { tempFolder } from '../cli/helpers';
import { cliBackend, inProcess } from './cliBackend';
import { RETYPED_ID, edgeStepsArb, runSequence } from './monthEndModel';

test('Σ paid at every closing = the exact pay over the edge steps, through the built command', async () => {
  await fc.assert(
    fc.asyncProperty(edgeStepsArb(12), async (steps) => {
      const folder = tempFolder('gongfang-month-edges-');
      try {
        await runSequence(cliBackend(folder, inProcess), steps);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }),
    { numRuns: Number(process.env.MONTH_END_CLI_RUNS ?? 40), examples: [[RETYPED_ID]] },
  );
});
