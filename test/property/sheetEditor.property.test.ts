/**
 * Since issue 19 the sheet editor keeps a sheet's rows as the one text they are and gives only
 * edited or added rows a text of their own; since round three it keeps them as the part's bytes
 * when it is given bytes. On random sheets (rows in order or not, repeated, unnumbered, with
 * text between them, prefixed, with Chinese text and a byte-order mark) and random edits, it
 * writes what the editor before it wrote (reference/sheetEditorBefore.ts), from the text and
 * from the bytes alike, and finds the same cells.
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
        .map(([letter, value]) =>
          value % 4 === 3
            ? `<${prefix}c r="${letter}${row.r ?? 1}" t="inlineStr"><${prefix}is><${prefix}t>计件${value}</${prefix}t></${prefix}is></${prefix}c>`
            : `<${prefix}c r="${letter}${row.r ?? 1}" s="${value % 3}"><${prefix}v>${value}</${prefix}v></${prefix}c>`,
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
            numbers.map((n) =>
              // Text may end as </row> and </sheetData> do (a '>' in text needs no escape).
              n % 3 === 0
                ? `<${prefix}row r="${n}"><${prefix}c r="A${n}" t="inlineStr"><${prefix}is><${prefix}t>arrow> sheetData> /sheetData></${prefix}t></${prefix}is></${prefix}c></${prefix}row>`
                : `<${prefix}row r="${n}"><${prefix}c r="A${n}"><${prefix}v>${n}</${prefix}v></${prefix}c></${prefix}row>`,
            ),
          ),
        fc.array(rowXml(prefix), { maxLength: 10 }),
      ),
      gap: fc.constantFrom('', '', '\n  '),
      codeName: fc.constantFrom('', `<${prefix}sheetPr codeName="计件表"/>`),
      bom: fc.boolean(),
    })
    .map(({ rows, gap, codeName, bom }) => ({
      prefix,
      bom,
      xml: `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? ':x' : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${codeName}<${prefix}dimension ref="A1"/>${rows.length === 0 && gap === '' ? `<${prefix}sheetData/>` : `<${prefix}sheetData>${rows.join(gap)}</${prefix}sheetData>`}<${prefix}pageMargins left="0.7"/><${prefix}headerFooter><${prefix}oddHeader>工坊</${prefix}oddHeader></${prefix}headerFooter></${prefix}worksheet>`,
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
        ({ prefix, xml, bom }, changes, column) => {
          const now = new SheetEditor(xml);
          const before = new SheetEditorBefore(xml);
          // The part's bytes, as the package holds them (the mark is dropped as readText does).
          const bytes = new SheetEditor(Buffer.from(`${bom ? '\ufeff' : ''}${xml}`, 'utf8'));
          for (const change of changes) {
            const edit = (existing: string | undefined, ref: string) =>
              change.value === null
                ? null
                : `<${prefix}c r="${ref}"><${prefix}v>${change.value}</${prefix}v>${existing === undefined ? '' : ''}</${prefix}c>`;
            now.editRow(change.row, new Map([[change.column, edit]]));
            before.editRow(change.row, new Map([[change.column, edit]]));
            bytes.editRow(change.row, new Map([[change.column, edit]]));
          }
          expect(now.toXml()).toBe(before.toXml());
          expect(now.rowsWithCellIn(column, 2)).toEqual(before.rowsWithCellIn(column, 2));
          expect(now.cellStyle(3, 1)).toBe(before.cellStyle(3, 1));
          expect(Buffer.concat(bytes.toParts()).toString('utf8')).toBe(before.toXml());
          expect(bytes.toXml()).toBe(before.toXml());
          expect(bytes.headXml()).toBe(now.headXml());
          expect(bytes.rowsWithCellIn(column, 2)).toEqual(before.rowsWithCellIn(column, 2));
          expect(bytes.cellStyle(3, 1)).toBe(before.cellStyle(3, 1));
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
    const bytes = Buffer.from(xml, 'utf8');
    const parts = new SheetEditor(bytes).toParts();
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    // The rows are handed on as one slice of the bytes read, not copied.
    expect(parts.some((part) => part.buffer === bytes.buffer && part.length > 1000)).toBe(true);
  });

  it('keeps the bytes read also when a text ends as </row> or </sheetData> do', () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>arrow> sheetData> </sheetData ${i}</t></is></c></row>`,
    );
    const bytes = Buffer.from(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
    const parts = new SheetEditor(bytes).toParts();
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    expect(parts.some((part) => part.buffer === bytes.buffer && part.length > 1000)).toBe(true);
  });
});
