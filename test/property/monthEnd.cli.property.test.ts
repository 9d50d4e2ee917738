/**
 * Issue 17's invariant (monthEndModel.ts) through the built command on .xlsx files: every step
 * is `gongfang generate | close | check --correct | reopen` run on the file, as staff would run
 * it. The built dist/cli/gongfang.js runs in this process for most sequences (runBuiltCli: a
 * fresh evaluation of the bundle per run, Node's start-up saved) and as a process of its own
 * for a share. Between runs the source tabs are written from the model, with what Gongfang
 * wrote kept: Closings, Settings, and its own Adjustments rows.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import { gongfang, tempFolder } from '../cli/helpers';
import { type Runner, cliBackend, inProcess } from './cliBackend';
import { runSequence, stepsArb } from './monthEndModel';

const spawned: Runner = async (args, cwd) => gongfang(args, { cwd, lang: 'zh' });

async function property(run: Runner, numRuns: number, maxSteps: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(stepsArb(maxSteps), async (steps) => {
      const folder = tempFolder('gongfang-month-end-');
      try {
        await runSequence(cliBackend(folder, run), steps);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }),
    { numRuns },
  );
}

const RUNS = Number(process.env.MONTH_END_CLI_RUNS ?? 200);

test('Σ paid at every closing = the exact pay, through the built command in this process', async () => {
  await property(inProcess, RUNS, 10);
});

test('the same through the built command as a process of its own', async () => {
  await property(spawned, Math.max(1, Math.round(RUNS / 50)), 8);
});
