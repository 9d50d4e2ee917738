/**
 * Generated sheets are written faster since round three of issue 19 (a style looked up only
 * when a column's format, edges, alignment or wrap change, each text escaped once, edges kept
 * by row, no string per row) and byte for byte as before: the reference is the writer as it
 * was (reference/sheetWriterBefore.ts). Styles are numbered in the order they are first asked
 * for, so the two must also ask for them in the same order.
 */
import fc from 'fast-check';
import { generatedSheetXml } from '../../src/xlsx/package/sheetWriter';
import { withSheetProtection } from '../../src/xlsx/package/protection';
import type { CellStyle } from '../../src/xlsx/package/styles';
import type { CellValue } from '../../src/workbook/cells';
import type { Alignment, CellBlock, GeneratedTab } from '../../src/workbook/port';
import { NUMBER_FORMATS, moneyFormat } from '../../src/workbook/port';
import * as before from './reference/sheetWriterBefore';

/** A style book that numbers each style as it is first asked for, and records the order. */
function styleBook() {
  const asked: string[] = [];
  return {
    asked,
    context: {
      timeZone: 'Asia/Shanghai',
      date1904: false,
      style: (style: CellStyle): number => {
        const key = JSON.stringify(style);
        const known = asked.indexOf(key);
        if (known >= 0) return known + 1;
        asked.push(key);
        return asked.length;
      },
    },
  };
}

const FORMATS = [
  moneyFormat('¥'),
  `${moneyFormat('¥')}##`,
  NUMBER_FORMATS.integer,
  NUMBER_FORMATS.percent,
  NUMBER_FORMATS.general,
  NUMBER_FORMATS.text,
  NUMBER_FORMATS.dateTime,
];

const value: fc.Arbitrary<CellValue> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '王秀英',
      'R001',
      ' lead',
      'tail ',
      'a\nb',
      '<&>',
      '_x0041_',
      '\u0001',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  { arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100), weight: 3 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -0, 1e21, 1e-7), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(new Date(Date.UTC(2026, 10, 3, 4, 5))), weight: 1 },
);

const tabs: fc.Arbitrary<GeneratedTab> = fc
  .record({ width: fc.integer({ min: 1, max: 6 }), height: fc.integer({ min: 0, max: 30 }) })
  .chain(({ width, height }) => {
    const grid = <T>(item: fc.Arbitrary<T>) =>
      fc.array(fc.array(item, { minLength: 0, maxLength: width }), {
        minLength: height,
        maxLength: height,
      });
    const block: fc.Arbitrary<CellBlock> = fc.record({
      row: fc.nat(Math.max(0, height - 1)),
      column: fc.nat(width - 1),
      numRows: fc.integer({ min: 1, max: 8 }),
      numColumns: fc.integer({ min: 1, max: width }),
    });
    return fc
      .record({
        cells: grid(value),
        numberFormats: grid(fc.constantFrom(...FORMATS)),
        alignments: fc.option(grid(fc.constantFrom<Alignment>('', 'left', 'center', 'right')), {
          nil: undefined,
        }),
        wraps: fc.option(grid(fc.boolean()), { nil: undefined }),
        rowHeights: fc.option(
          fc.array(fc.constantFrom(14, 20, 42, 62.5), { minLength: height, maxLength: height }),
          { nil: undefined },
        ),
        boldRows: fc.subarray([...Array(height).keys()]),
        frozenRows: fc.nat(2),
        landscape: fc.boolean(),
        print: fc.option(
          fc.record({
            boxes: fc.array(block, { maxLength: 3 }),
            outlines: fc.option(fc.array(block, { maxLength: 2 }), { nil: undefined }),
            cutLines: fc.array(fc.nat(Math.max(0, height - 1)), { maxLength: 3 }),
            pageBreaks: fc.array(fc.nat(height), { maxLength: 2 }),
            repeatRows: fc.nat(1),
            printColumns: fc.constant(null),
            width: fc.integer({ min: 0, max: width + 1 }),
          }),
          { nil: undefined },
        ),
      })
      .map((parts) => ({
        name: 'Tab',
        columnWidths: Array<number>(width).fill(100),
        protectionDescription: '',
        charts: [],
        ...parts,
      }));
  });

describe('generated sheets, written faster', () => {
  it('writes any tab byte for byte as before, asking for styles in the same order', () => {
    fc.assert(
      fc.property(tabs, fc.constantFrom(undefined, 'rId1'), (tab, drawingId) => {
        const now = styleBook();
        const then = styleBook();
        expect(generatedSheetXml(tab, now.context, drawingId)).toBe(
          before.generatedSheetXml(tab, then.context, drawingId),
        );
        expect(now.asked).toEqual(then.asked);
      }),
      { numRuns: 400 },
    );
  });

  it('writes the protection where withSheetProtection would add it', () => {
    fc.assert(
      fc.property(tabs, fc.constantFrom(undefined, 'rId1'), (tab, drawingId) => {
        const plain = generatedSheetXml(tab, styleBook().context, drawingId);
        const protectedXml = generatedSheetXml(tab, styleBook().context, drawingId, true);
        expect(protectedXml).toBe(withSheetProtection(plain));
        expect(withSheetProtection(protectedXml)).toBe(protectedXml);
      }),
      { numRuns: 200 },
    );
  });
});
