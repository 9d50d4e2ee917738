/**
 * check --mark on a sheet too big to hold again (a million-row Pieces sheet) edits it through
 * SheetEditor.streamed: the part read again in chunks, only the rows to mark kept, the part
 * inflated once more as it is written. On random sheets (rows as applications write them or
 * not, prefixed, with Chinese text and a byte-order mark), cut into chunks small enough that
 * rows, tags and </sheetData> straddle their edges, and random edits (to the rows read ahead,
 * and to others, which read the whole part), it writes what the editor over the part's bytes
 * writes: the same bytes in the same pieces (so deflated into the same runs), and finds the
 * same cells. Some cells' text ends as </sheetData> and </row> do (a '>' in text needs no escape).
 */
import fc from 'fast-check';
import type { PartSource } from '../../src/xlsx/package/package';
import { SheetEditor } from '../../src/xlsx/package/sheetEditor';
import { isStreamed } from '../../src/xlsx/package/zip';

const row = (prefix: string, n: number, value: number, style: number) =>
  `<${prefix}row r="${n}"${n % 3 === 0 ? ' spans="1:3"' : ''}><${prefix}c r="A${n}" s="${style}"><${prefix}v>${value}</${prefix}v></${prefix}c>${
    value % 2
      ? `<${prefix}c r="C${n}" t="inlineStr"><${prefix}is><${prefix}t>计件${value}${value % 4 === 1 ? ' sheetData> /sheetData> arrow>' : ''}</${prefix}t></${prefix}is></${prefix}c>`
      : ''
  }</${prefix}row>`;

const sheet = fc.constantFrom('', 'x:').chain((prefix) =>
  fc
    .record({
      numbers: fc
        .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 25 })
        .map((numbers) => [...numbers].sort((a, b) => a - b)),
      values: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 25, maxLength: 25 }),
      // Not as applications write it: rows out of order, text between them, an unnumbered row;
      // and a self-closed last row (as they write it).
      oddity: fc.constantFrom(
        'none',
        'none',
        'none',
        'gap',
        'swap',
        'unnumbered',
        'selfClosed',
        'emptyData',
      ),
      bom: fc.boolean(),
      codeName: fc.constantFrom('', `<${prefix}sheetPr codeName="计件表"/>`),
    })
    .map(({ numbers, values, oddity, bom, codeName }) => {
      let rows = numbers.map((n, i) => row(prefix, n, values[i] ?? 0, (values[i] ?? 0) % 3));
      let odd = oddity !== 'none';
      if (oddity === 'gap' && rows.length > 1) rows[0] += '\n';
      else if (oddity === 'swap' && rows.length > 1)
        rows = [rows[1] ?? '', rows[0] ?? '', ...rows.slice(2)];
      else if (oddity === 'unnumbered')
        rows.push(
          `<${prefix}row><${prefix}c><${prefix}v>1</${prefix}v></${prefix}c></${prefix}row>`,
        );
      else if (oddity === 'selfClosed') {
        // Still as applications write it: numbered, after the others.
        rows.push(`<${prefix}row r="99" ht="20"/>`);
        odd = false;
      } else if (oddity !== 'emptyData' || rows.length > 0) odd = false;
      const data =
        oddity === 'emptyData' && rows.length === 0
          ? `<${prefix}sheetData/>`
          : `<${prefix}sheetData>${rows.join('')}</${prefix}sheetData>`;
      const xml = `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? ':x' : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${codeName}<${prefix}dimension ref="A1"/><${prefix}cols><${prefix}col min="2" max="2" style="4"/></${prefix}cols>${data}<${prefix}pageMargins left="0.7"/><${prefix}legacyDrawing r:id="rId3"/></${prefix}worksheet>`;
      // splitBytes keeps a head with other than ASCII in it as text (its offsets are the text's).
      const plain = !odd && codeName === '';
      return { prefix, plain, bytes: Buffer.from(`${bom ? '\ufeff' : ''}${xml}`, 'utf8') };
    }),
);

const edits = fc.array(
  fc.record({
    row: fc.integer({ min: 1, max: 65 }),
    column: fc.integer({ min: 1, max: 5 }),
    value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 99 })),
    // Most edits are to rows read ahead (check --mark's), some to others.
    readAhead: fc.constantFrom(true, true, true, false),
  }),
  { maxLength: 10 },
);

function sourceOf(bytes: Buffer, chunkSizes: readonly number[]): PartSource & { reads: number } {
  const source = {
    reads: 0,
    size: bytes.length,
    whole: () => {
      source.reads += 1;
      return Buffer.from(bytes);
    },
    chunks: async function* () {
      let at = 0;
      for (let index = 0; at < bytes.length; index += 1) {
        const size = chunkSizes[index % chunkSizes.length] ?? 1;
        yield bytes.subarray(at, at + size);
        at += size;
      }
    },
  };
  return source;
}

async function written(
  editor: SheetEditor,
  source?: { reads: number },
): Promise<{ lengths: number[]; bytes: Buffer }> {
  const reads = source?.reads;
  const content = editor.content();
  if (!isStreamed(content)) {
    return { lengths: content.map((piece) => piece.length), bytes: Buffer.concat(content) };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of content.chunks()) chunks.push(Buffer.from(chunk));
  const bytes = Buffer.concat(chunks);
  // Written as inflated again in chunks: the whole part is not read.
  expect(source?.reads).toBe(reads);
  // Made at once (a read of the part, or writeZip): the same pieces.
  expect(Buffer.concat(content.pieces()).equals(bytes)).toBe(true);
  expect(content.pieces().map((piece) => piece.length)).toEqual(content.pieceLengths);
  return { lengths: [...content.pieceLengths], bytes };
}

describe('SheetEditor.streamed (check --mark on a part too big to hold again)', () => {
  it('writes what the editor over the whole part writes, in the same pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        sheet,
        edits,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async ({ prefix, plain, bytes }, changes, chunkSizes, column) => {
          const whole = new SheetEditor(Buffer.from(bytes));
          const source = sourceOf(bytes, chunkSizes);
          const wanted = changes.filter((change) => change.readAhead).map((change) => change.row);
          const streamed = await SheetEditor.streamed(source, wanted);
          // A sheet as applications write it is streamed; any other is left to the editor.
          expect(streamed !== null).toBe(plain);
          if (!streamed) return;
          expect(source.reads).toBe(0);
          expect(streamed.prefix).toBe(whole.prefix);
          expect(streamed.headXml()).toBe(whole.headXml());
          expect(streamed.legacyDrawingId()).toBe(whole.legacyDrawingId());
          expect(streamed.columnStyle(2)).toBe(whole.columnStyle(2));
          for (const change of changes) {
            const edit = (existing: string | undefined, ref: string) =>
              change.value === null
                ? null
                : `<${prefix}c r="${ref}" s="${existing === undefined ? 7 : existing.length % 5}"><${prefix}v>${change.value}</${prefix}v></${prefix}c>`;
            expect(streamed.cellStyle(change.row, 1)).toBe(whole.cellStyle(change.row, 1));
            whole.editRow(change.row, new Map([[change.column, edit]]));
            streamed.editRow(change.row, new Map([[change.column, edit]]));
          }
          // Rows read ahead are edited without reading the whole part.
          const allReadAhead = changes.every((change) => change.readAhead);
          if (allReadAhead) expect(source.reads).toBe(0);
          streamed.setLegacyDrawing('r:', 'rId9');
          whole.setLegacyDrawing('r:', 'rId9');
          expect(await written(streamed, source)).toEqual(await written(whole));
          expect(streamed.rowsWithCellIn(column, 2)).toEqual(whole.rowsWithCellIn(column, 2));
          expect(streamed.toXml()).toBe(whole.toXml());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
