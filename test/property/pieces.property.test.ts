import fc from 'fast-check';
import type { CellValue } from '../../src/workbook/cells';
import { validateSheets } from '../support/validate';

const P = ['日期', '居民编号', '订单编号', '完成数', '不合格数'];
const residents = [
  ['编号', '姓名'],
  ['R1', 'a'],
  ['R2', 'b'],
];
const orders = [
  ['编号', '计件单价'],
  ['O1', 0.5],
  ['O2', 1],
];

/** A cell generator that says whether the value it made is bad. */
type Labelled = fc.Arbitrary<{ cell: CellValue; bad: boolean }>;
const good = (arb: fc.Arbitrary<CellValue>): Labelled => arb.map((cell) => ({ cell, bad: false }));
const bad = (arb: fc.Arbitrary<CellValue>): Labelled => arb.map((cell) => ({ cell, bad: true }));

const goodDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2026-11-28T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

const dateCell = fc.oneof(
  good(goodDate),
  bad(fc.constantFrom('', 'yesterday', '2026-02-30', '#N/A', true, 7, 'x'.repeat(50_000))),
);
const residentCell = fc.oneof(
  good(fc.constantFrom('R1', 'R2', 'r1')),
  bad(fc.constantFrom('', 'R9', '#REF!', false)),
);
const orderCell = fc.oneof(
  good(fc.constantFrom('O1', 'O2')),
  bad(fc.constantFrom('', 'O9', '#N/A', true)),
);
const count = (allowEmpty: boolean) =>
  fc.oneof(
    good(fc.nat(50)),
    good(fc.nat(50).map(String)),
    bad(fc.constantFrom(-1, 2.5, 'ten', true, '#VALUE!', Number.NaN, ...(allowEmpty ? [] : ['']))),
  );

const pieceRow = fc.record({
  date: dateCell,
  resident: residentCell,
  order: orderCell,
  completed: count(false),
  rejected: count(true),
});

describe('validating arbitrary Pieces tabs', () => {
  it('never throws, and reports every bad cell as an error on its row and column', () => {
    // Columns in any order, with a column of staff's own in between.
    const layout = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(pieceRow, { maxLength: 25 }), layout, (rows, order) => {
        const header = [...P, '我的备注'];
        const cells = (r: (typeof rows)[number]): CellValue[] => [
          r.date.cell,
          r.resident.cell,
          r.order.cell,
          r.completed.cell,
          r.rejected.cell,
          'mine',
        ];
        const arrange = (row: CellValue[]) => order.map((i) => row[i] as CellValue);
        const pieces = [arrange(header), ...rows.map((r) => arrange(cells(r)))];
        const result = validateSheets({ residents, orders, pieces });
        const errorAt = (row: number, column: string) =>
          result.problems.some(
            (p) =>
              p.severity === 'error' && p.tab === 'pieces' && p.row === row && p.column === column,
          );
        rows.forEach((r, i) => {
          const row = i + 2;
          for (const column of ['date', 'resident', 'order', 'completed', 'rejected'] as const) {
            if (r[column].bad) expect(errorAt(row, column)).toBe(true);
          }
          const anyBad = Object.values(r).some((cell) => cell.bad);
          const used = result.pieces.some((p) => p.row === row);
          if (anyBad) expect(used).toBe(false);
          else {
            const overRejected = Number(r.rejected.cell) > Number(r.completed.cell);
            expect(used).toBe(!overRejected);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
