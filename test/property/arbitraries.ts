/** Generators shared by the property tests. */
import fc from 'fast-check';
import type { CellValue } from '../../src/workbook/cells';

const ERRORS = [
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
];
const FULL_WIDTH = '０１２３４５６７８９．，－＋（）￥　年月日／';

const fullWidthText = fc
  .array(fc.constantFrom(...FULL_WIDTH), { maxLength: 12 })
  .map((chars) => chars.join(''));

/** Any value a backend may hand over for a cell, hostile ones included. */
export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fullWidthText,
  fc.constantFrom(...ERRORS, '', '   ', '2026-02-30', '１２３', '1,000', '(12.50)', '¥-', '1e309'),
  fc.nat(3).map((n) => 'x'.repeat(10 ** (n + 1) * 5)),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
);
