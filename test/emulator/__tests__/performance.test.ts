/**
 * Benchmarks and budget tests use 100,000-row sheets: the emulator must hold them faithfully.
 * (How fast it does so is measured by `npm run bench`, bench/emulator.ts, not here.)
 */
import { createEmulator } from '../index';
import { BIG_ROWS as ROWS, bigRows } from '../../support/bigRows';

describe('100,000 rows × 8 columns', () => {
  it('seed, peek, getValues and setValues keep every row', () => {
    const emu = createEmulator();
    emu.seed('Pieces', bigRows());
    const peeked = emu.peek('Pieces');
    expect(peeked).toHaveLength(ROWS);
    expect(peeked[0]?.[0]).toBeInstanceOf(Date);

    const sheet = emu.spreadsheet.getSheetByName('Pieces')!;
    const values = sheet.getRange(1, 1, ROWS, 8).getValues();
    expect(values[ROWS - 1]?.[7]).toBe(ROWS);

    const copy = emu.spreadsheet.insertSheet('Copy');
    copy.insertRowsAfter(1000, ROWS - 1000);
    copy.getRange(1, 1, ROWS, 8).setValues(values);
    expect(copy.getLastRow()).toBe(ROWS);
    expect(copy.getRange(ROWS, 2).getValue()).toBe(values[ROWS - 1]?.[1]);
    expect(emu.calls.byMethod()['Range.getValues']).toBe(1);
  });
});
