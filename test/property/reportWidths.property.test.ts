/**
 * Report widths are measured faster since issue 19 (numbers formatted on their digits instead of
 * through Intl per cell, characters measured from a table, layouts scored without allocation),
 * and measure exactly as before: the reference is the code as it was (reference/widthsBefore.ts).
 */
import fc from 'fast-check';
import {
  displayedNumber,
  fitColumnWidths,
  formatNumber,
  textWidth,
} from '../../src/features/reports/widths';
import type { CellValue } from '../../src/workbook/cells';
import { NUMBER_FORMATS, moneyFormat } from '../../src/workbook/port';
import * as before from './reference/widthsBefore';

const intl = (value: number, grouped: boolean, min: number, max: number): string =>
  new Intl.NumberFormat('en-US', {
    useGrouping: grouped,
    minimumFractionDigits: min,
    maximumFractionDigits: max,
  }).format(Math.abs(value));

/** Money, rates and counts as reports hold them, halves on every digit, and any double. */
const reportNumber = fc.oneof(
  fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((n) => n / 100),
  fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 10_000),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000 + 0.0005),
  fc.constantFrom(1.005, 8.345, 0.995, 9.995, 999.995, 0.1 + 0.2, 1e20, 1e21, 1e-7, 0, -0),
  fc.double({ noNaN: true }),
);

const FORMATS = [
  moneyFormat('¥'),
  `${moneyFormat('¥')}##`,
  moneyFormat('¥').replace('#,##0.00', '0.00##'),
  NUMBER_FORMATS.integer,
  NUMBER_FORMATS.percent,
  NUMBER_FORMATS.rate,
  NUMBER_FORMATS.wholeNumber,
  NUMBER_FORMATS.general,
  '"US$"#,##0.00',
];

describe('report widths, faster', () => {
  it('formats numbers as Intl.NumberFormat does', () => {
    fc.assert(
      fc.property(
        reportNumber,
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (value, grouped, a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          expect(formatNumber(value, grouped, min, max)).toBe(intl(value, grouped, min, max));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('shows numbers under every report format as before', () => {
    fc.assert(
      fc.property(reportNumber, fc.constantFrom(...FORMATS), (value, format) => {
        expect(displayedNumber(value, format)).toBe(before.displayedNumber(value, format));
      }),
      { numRuns: 5000 },
    );
  });

  it('measures any text as before', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('王秀英', 'Suzhou-embroidered', '（）ＡＢ', '𠀋𝐀', '\ud800x'),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (value, bold) => {
        expect(textWidth(value, bold)).toBe(before.textWidth(value, bold));
      }),
      { numRuns: 5000 },
    );
  });

  it('fits the same widths to any grid', () => {
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      fc.constant(''),
      fc.constantFrom('王秀英', '合计', 'R001', 'Suzhou-embroidered silk', '2026-11-03', 'x'),
      fc.string({ maxLength: 30 }),
      reportNumber,
      fc.constant(new Date(Date.UTC(2026, 10, 3))),
    );
    const grid = fc.integer({ min: 1, max: 9 }).chain((columns) =>
      fc.record({
        columns: fc.constant(columns),
        rows: fc.array(
          fc.array(
            fc.tuple(cell, fc.constantFrom(...FORMATS, NUMBER_FORMATS.dateTime), fc.boolean()),
            {
              maxLength: columns,
            },
          ),
          { minLength: 1, maxLength: 12 },
        ),
        bold: fc.subarray([0, 1, 2, 3]),
        maxTotal: fc.option(fc.integer({ min: 300, max: 1200 }), { nil: undefined }),
        shrinkFirst: fc.subarray([0, 1, 2]),
        room: fc.option(
          fc.record({
            first: fc.integer({ min: 0, max: columns - 1 }),
            count: fc.integer({ min: 1, max: 3 }),
            pixels: fc.integer({ min: 60, max: 600 }),
          }),
          { nil: undefined },
        ),
      }),
    );
    fc.assert(
      fc.property(grid, (g) => {
        const cells = g.rows.map((row) => row.map(([value]) => value));
        const formats = g.rows.map((row) => row.map(([, format]) => format));
        const wraps = g.rows.map((row) => row.map(([, , wrap]) => wrap));
        const options = {
          columns: g.columns,
          boldRows: g.bold,
          wraps,
          shrinkFirst: g.shrinkFirst,
          ...(g.maxTotal === undefined ? {} : { maxTotal: g.maxTotal }),
          ...(g.room === undefined ? {} : { rooms: [g.room] }),
        };
        expect(fitColumnWidths(cells, formats, options)).toEqual(
          before.fitColumnWidths(cells, formats, options),
        );
      }),
      { numRuns: 80 },
    );
  });

  // Since round three a number no wider than its column's widest so far is not formatted: long
  // tabs of figures (as payouts are), where that skips most cells, still fit as before.
  it('fits the same widths to long tabs of figures', () => {
    const figure = fc.oneof(
      reportNumber,
      fc.integer({ min: -99_999, max: 9_999_999 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 10_000 }),
      fc.constantFrom(9.995, 99.999, 999.5, 9999.9999, -0.001, 0.9999),
    );
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      { arbitrary: figure, weight: 6 },
      { arbitrary: fc.constantFrom('', '王秀英', '合计', 'R001', '2026-11-03'), weight: 2 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    );
    const tab = fc.integer({ min: 1, max: 7 }).chain((columns) =>
      fc.record({
        columns: fc.constant(columns),
        formats: fc.array(fc.constantFrom(...FORMATS), { minLength: columns, maxLength: columns }),
        rows: fc.array(
          fc.array(fc.tuple(cell, fc.nat(19)), { minLength: columns, maxLength: columns }),
          { minLength: 1, maxLength: 300 },
        ),
        bold: fc.array(fc.nat(299), { maxLength: 30 }),
        maxTotal: fc.option(fc.integer({ min: 300, max: 1200 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(tab, (g) => {
        const cells = g.rows.map((row) => row.map(([value]) => value));
        // Mostly the column's own format, now and then another (a totals row, a rate).
        const formats = g.rows.map((row) =>
          row.map(([, pick], c) =>
            pick < 17 ? (g.formats[c] ?? '') : (FORMATS[pick % FORMATS.length] ?? ''),
          ),
        );
        const wraps = g.rows.map((row) => row.map(([, pick]) => pick === 0));
        const options = {
          columns: g.columns,
          boldRows: g.bold,
          wraps,
          ...(g.maxTotal === undefined ? {} : { maxTotal: g.maxTotal }),
        };
        expect(fitColumnWidths(cells, formats, options)).toEqual(
          before.fitColumnWidths(cells, formats, options),
        );
      }),
      { numRuns: 150 },
    );
  });
});
