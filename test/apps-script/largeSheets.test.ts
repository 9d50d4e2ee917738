/**
 * Writes sized by what changes, not by the sheet: Check data's notes cover only the rows whose
 * marks change, and Set up sends one rule per validated column, never a grid of rules the height
 * of a 100,000-row sheet (bench/hardening.ts estimates both operations' time at that size).
 */
import { setUpWorkbook } from '../../src/features/setUp';
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import { RangeImpl } from '../emulator/range';
import { installEmulator, pieceRows, seedWorkshop, type Installed } from './support';

let env: Installed;
afterEach(() => {
  env.uninstall();
  jest.restoreAllMocks();
});

describe('on a 100,000-row sheet', () => {
  it('a new mark writes the notes of its own row only', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const rows = Array.from({ length: 100_000 }, (_, i) => [i, `x${i}`]);
    env.emulator.seed('计件', [['a', 'b'], ...rows]);
    const workbook = env.workbook();
    workbook.readTab(['计件'], { withNotes: true });
    const setNotes = jest.spyOn(RangeImpl.prototype, 'setNotes');
    workbook.markCells({
      tab: '计件',
      marks: [{ row: 50_000, column: 2, note: `${MARK_NOTE_PREFIX}bad` }],
      clear: [],
    });
    expect(setNotes).toHaveBeenCalledTimes(1);
    expect(setNotes.mock.calls[0]?.[0]).toHaveLength(1);
    expect(env.emulator.cell('计件', 'B50000').note).toBe(`${MARK_NOTE_PREFIX}bad`);
  });

  it('Set up sends each validated column one rule, no grid of rules', () => {
    env = installEmulator({ locale: 'zh_CN' });
    seedWorkshop(env.emulator, pieceRows(100_000));
    const grids = jest.spyOn(RangeImpl.prototype, 'setDataValidations');
    const single = jest.spyOn(RangeImpl.prototype, 'setDataValidation');
    setUpWorkbook(env.workbook());
    expect(grids).not.toHaveBeenCalled();
    expect(single.mock.calls.length).toBeGreaterThan(5);
    expect(env.emulator.cell('计件', 'B100001').validation?.criteria).toBe('VALUE_IN_RANGE');
  });
});
