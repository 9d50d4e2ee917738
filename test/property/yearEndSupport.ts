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

/** Per resident, a Year tab's 全年合计 in fen (closed months only), from its cells; none when
 *  there is no tab. */
export function yearTotals(cells: readonly (readonly CellValue[])[]): Map<string, number> {
  if (cells.length === 0) return new Map();
  const header = cells.findIndex((row) => row[0] === '编号');
  const total = cells[header]?.indexOf('全年合计') ?? -1;
  expect(total).toBeGreaterThan(0);
  const totals = new Map<string, number>();
  for (const row of cells.slice(header + 1)) {
    if (row[0] === '合计') break;
    totals.set(String(row[0]), Math.round(Number(row[total]) * 100));
  }
  return totals;
}

/** Per resident, the fen of `maps` added up; residents at zero left out. */
export function addUp(...maps: Map<string, number>[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const map of maps) for (const [id, fen] of map) sum.set(id, (sum.get(id) ?? 0) + fen);
  return new Map([...sum].filter(([, fen]) => fen !== 0));
}
