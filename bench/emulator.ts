/**
 * The emulator must stay fast enough for 100,000-row benchmarks and budget tests: prints how
 * long seeding, peeking, reading and writing 100,000 × 8 cells take (best of three).
 */
import { createEmulator } from '../test/emulator';
import { BIG_ROWS as ROWS, bigRows } from '../test/support/bigRows';

function bestOfThree(run: () => void): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export function run(): void {
  const emu = createEmulator();
  const rows = bigRows();
  const timings: [string, number][] = [];
  timings.push(['seed', bestOfThree(() => emu.seed('Pieces', rows))]);
  timings.push(['peek', bestOfThree(() => void emu.peek('Pieces'))]);
  const sheet = emu.spreadsheet.getSheetByName('Pieces');
  if (!sheet) throw new Error('seeded tab missing');
  let values: unknown[][] = [];
  timings.push([
    'getValues',
    bestOfThree(() => (values = sheet.getRange(1, 1, ROWS, 8).getValues())),
  ]);
  const copy = emu.spreadsheet.insertSheet('Copy');
  copy.insertRowsAfter(1000, ROWS - 1000);
  timings.push([
    'setValues',
    bestOfThree(() => copy.getRange(1, 1, ROWS, 8).setValues(values as never)),
  ]);
  console.log(`emulator, ${ROWS.toLocaleString('en')} rows × 8 columns (best of 3):`);
  for (const [step, ms] of timings)
    console.log(`  ${step.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms`);
}
