/**
 * Benchmarks use 100,000-row sheets: seeding, peeking, reading and writing them must each stay
 * well under 2 s.
 */
import { createEmulator } from '../index';

const ROWS = 100_000;

function bigRows(): unknown[][] {
  const day = new Date('2026-11-03T00:00:00+08:00');
  return Array.from({ length: ROWS }, (_, i) => [
    day,
    `R${String(i % 500).padStart(3, '0')}`,
    `O${i % 40}`,
    i % 17,
    i % 3,
    'staff',
    '',
    i + 1,
  ]);
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('100,000 rows × 8 columns', () => {
  it('seed, peek, getValues and setValues each take well under 2 s', () => {
    const emu = createEmulator();
    const rows = bigRows();
    expect(timed(() => emu.seed('Pieces', rows))).toBeLessThan(1000);
    let peeked: unknown[][] = [];
    expect(timed(() => (peeked = emu.peek('Pieces')))).toBeLessThan(1000);
    expect(peeked).toHaveLength(ROWS);
    expect(peeked[0]?.[0]).toBeInstanceOf(Date);

    const sheet = emu.spreadsheet.getSheetByName('Pieces')!;
    let values: unknown[][] = [];
    expect(timed(() => (values = sheet.getRange(1, 1, ROWS, 8).getValues()))).toBeLessThan(1000);
    expect(values[ROWS - 1]?.[7]).toBe(ROWS);

    const copy = emu.spreadsheet.insertSheet('Copy');
    copy.insertRowsAfter(1000, ROWS - 1000);
    expect(timed(() => copy.getRange(1, 1, ROWS, 8).setValues(values as never))).toBeLessThan(1500);
    expect(copy.getLastRow()).toBe(ROWS);
    expect(copy.getRange(ROWS, 2).getValue()).toBe(values[ROWS - 1]?.[1]);
    expect(emu.calls.byMethod()['Range.getValues']).toBe(1);
  });
});
