/**
 * Since issue 19 the sheet editor keeps a sheet's rows as the one text they are and gives only
 * edited or added rows a text of their own. On random sheets (rows in order or not, repeated,
 * unnumbered, with text between them, prefixed) and random edits, it writes what the editor
 * before it wrote (reference/sheetEditorBefore.ts), and finds the same cells.
 */
import fc from 'fast-check';
import { SheetEditor } from '../../src/xlsx/package/sheetEditor';
import { SheetEditor as SheetEditorBefore } from './reference/sheetEditorBefore';

const rowXml = (prefix: string) =>
  fc
    .record({
      r: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      quote: fc.constantFrom('"', "'"),
      spans: fc.boolean(),
      cells: fc.array(
        fc.tuple(fc.constantFrom('A', 'B', 'C', 'E'), fc.integer({ min: 0, max: 9 })),
        {
          maxLength: 4,
        },
      ),
      selfClosed: fc.boolean(),
    })
    .map((row) => {
      const attrs = `${row.r !== undefined ? ` r=${row.quote}${row.r}${row.quote}` : ''}${row.spans ? ' spans="1:5"' : ''}`;
      if (row.selfClosed && row.cells.length === 0) return `<${prefix}row${attrs}/>`;
      const cells = row.cells
        .map(
          ([letter, value]) =>
            `<${prefix}c r="${letter}${row.r ?? 1}" s="${value % 3}"><${prefix}v>${value}</${prefix}v></${prefix}c>`,
        )
        .join('');
      return `<${prefix}row${attrs}>${cells}</${prefix}row>`;
    });

const sheet = fc.constantFrom('', 'x:').chain((prefix) =>
  fc
    .record({
      rows: fc.oneof(
        // As applications write them: numbered, in order, nothing between.
        fc
          .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 })
          .map((numbers) => [...numbers].sort((a, b) => a - b))
          .map((numbers) =>
            numbers.map(
              (n) =>
                `<${prefix}row r="${n}"><${prefix}c r="A${n}"><${prefix}v>${n}</${prefix}v></${prefix}c></${prefix}row>`,
            ),
          ),
        fc.array(rowXml(prefix), { maxLength: 10 }),
      ),
      gap: fc.constantFrom('', '', '\n  '),
    })
    .map(({ rows, gap }) => ({
      prefix,
      xml: `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? ':x' : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}dimension ref="A1"/><${prefix}sheetData>${rows.join(gap)}</${prefix}sheetData><${prefix}pageMargins left="0.7"/></${prefix}worksheet>`,
    })),
);

const edits = fc.array(
  fc.record({
    row: fc.integer({ min: 1, max: 45 }),
    column: fc.integer({ min: 1, max: 6 }),
    value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 99 })),
  }),
  { maxLength: 8 },
);

describe('SheetEditor with lazy rows', () => {
  it('writes and finds what the editor before it did, after any edits', () => {
    fc.assert(
      fc.property(
        sheet,
        edits,
        fc.integer({ min: 1, max: 6 }),
        ({ prefix, xml }, changes, column) => {
          const now = new SheetEditor(xml);
          const before = new SheetEditorBefore(xml);
          for (const change of changes) {
            const edit = (existing: string | undefined, ref: string) =>
              change.value === null
                ? null
                : `<${prefix}c r="${ref}"><${prefix}v>${change.value}</${prefix}v>${existing === undefined ? '' : ''}</${prefix}c>`;
            now.editRow(change.row, new Map([[change.column, edit]]));
            before.editRow(change.row, new Map([[change.column, edit]]));
          }
          expect(now.toXml()).toBe(before.toXml());
          expect(now.rowsWithCellIn(column, 2)).toEqual(before.rowsWithCellIn(column, 2));
          expect(now.cellStyle(3, 1)).toBe(before.cellStyle(3, 1));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('writes an untouched sheet back as it was', () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    );
    const xml = `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`;
    expect(new SheetEditor(xml).toXml()).toBe(xml);
  });
});
