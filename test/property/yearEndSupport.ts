/** What the year-end properties (in memory and through the command) share. */
import fc from 'fast-check';
import type { CellValue } from '../../src/workbook/cells';
import { ORDERS, RESIDENTS } from './monthEndModel';

/** A slip typed after the year end, into January or February of the next year. */
export interface LatePiece {
  month: 1 | 2;
  day: number;
  resident: number;
  order: number;
  completed: number;
}

export const latePiece: fc.Arbitrary<LatePiece> = fc.record({
  month: fc.constantFrom<1 | 2>(1, 2),
  day: fc.integer({ min: 1, max: 28 }),
  resident: fc.nat(RESIDENTS.length - 1),
  order: fc.nat(ORDERS.length - 1),
  completed: fc.integer({ min: 1, max: 60 }),
});

/** A tab's cells, its "generated at" time aside (the run's own). */
export const withoutTime = (cells: CellValue[][]): CellValue[][] =>
  cells.map((row) =>
    row.map((cell) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(String(cell)) ? '' : cell)),
  );
