/**
 * A Pieces sheet too big to inflate ahead (over 64 MB: a million-row ledger's is 312 MB) is
 * read as it inflates, a megabyte at a time (XlsxWorkbook.readInChunks). Held here to the read
 * of the whole part: on sheets saved by Excel, WPS, LibreOffice, Google Sheets and Tencent
 * office, and on a workbook whose Pieces tab has dates, shared strings and merged cells; and a
 * damaged part is refused as the whole read refuses it. `readInChunksAbove` lowers the size
 * the read in chunks starts at, as `streamMarksAbove` does for check --mark.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { XlsxOptions } from '../../src/xlsx/xlsxWorkbook';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { inflateEntry, readZip } from '../../src/xlsx/package/zip';
import type { StoredEntry } from '../../src/xlsx/package/zip';
import type { SheetReadContext, SparseCells } from '../../src/xlsx/package/sheetReader';
import { readSparseCells, readSparseCellsInChunks } from '../../src/xlsx/package/sheetReader';
import { ROOT, tempFolder } from '../cli/helpers';

const SHANGHAI: XlsxOptions = { timeZone: 'Asia/Shanghai', envLang: 'en' };

let folder: string;
beforeAll(() => {
  folder = tempFolder();
});
afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function rowsOf(cells: SparseCells): [number, unknown[]][] {
  return [...cells.entries()].map(([row, values]) => [
    row,
    Array.from({ length: values.length }, (_, i) => {
      const value = values[i];
      if (!(i in values)) return 'hole';
      return value instanceof Date ? `date:${value.getTime()}` : value;
    }),
  ]);
}

describe('every sheet of files other tools saved, read in chunks', () => {
  const corpus = path.join(ROOT, 'test', 'fixtures', 'corpus');
  const files = fs.readdirSync(corpus).filter((name) => name.endsWith('.xlsx'));

  test.each(files)('%s: the cells read whole', async (name) => {
    const entries = readZip(fs.readFileSync(path.join(corpus, name)));
    const strings = ['shared 0', 'shared 1', 'shared 2'];
    const context: SheetReadContext = {
      sharedStrings: () => strings,
      isDateStyle: (index) => index % 2 === 1,
      date1904: false,
      timeZone: 'Asia/Shanghai',
    };
    const sheets = entries.filter((entry) => /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name));
    expect(sheets.length).toBeGreaterThan(0);
    for (const entry of sheets) {
      const bytes = inflateEntry(entry);
      const whole = rowsOf(readSparseCells(bytes, context));
      for (const size of [1, 7, 100, 4096]) {
        const read = await readSparseCellsInChunks(chunksOf(bytes, size), context);
        expect({ part: entry.name, size, rows: rowsOf(read.cells) }).toEqual({
          part: entry.name,
          size,
          rows: whole,
        });
      }
    }
  });
});

describe('a Pieces tab read in chunks by XlsxWorkbook', () => {
  let file: string;
  beforeAll(async () => {
    const book = new ExcelWorkbook();
    const ws = book.addWorksheet('Pieces');
    ws.addRow(['Date', 'Resident', 'Order', 'Completed', 'Notes']);
    // About 2 MB of sheet XML: three chunks of the inflate stream's megabyte.
    for (let row = 2; row <= 25_000; row += 1) {
      ws.addRow([
        new Date(Date.UTC(2026, 10, 1 + (row % 28))),
        `R${row % 97}`,
        '订单-1',
        row % 50,
        row % 1000 === 0 ? 'narrow> /row> sheetData>' : '',
      ]);
    }
    ws.getColumn(1).numFmt = 'yyyy-mm-dd';
    ws.mergeCells('D10:E11');
    ws.mergeCells('B24000:C24000');
    book.addWorksheet('Residents').addRow(['ID', 'Name']);
    file = path.join(folder, 'pieces.xlsx');
    await book.xlsx.writeFile(file);
  });

  test('reads the cells the whole part gives, merged cells blanked, never inflating it whole', async () => {
    const wholeRead = await XlsxWorkbook.open(file, SHANGHAI);
    const whole = wholeRead.readTab(['Pieces']);
    const inChunks = jest.spyOn(XlsxPackage.prototype, 'readInChunks');
    const read = jest.spyOn(XlsxPackage.prototype, 'read');
    try {
      const chunked = await XlsxWorkbook.open(file, { ...SHANGHAI, readInChunksAbove: 0 });
      const tab = chunked.readTab(['Pieces']);
      expect(inChunks).toHaveBeenCalledTimes(1);
      expect(inChunks.mock.results[0]?.value).not.toBeNull();
      const part = inChunks.mock.calls[0]?.[0];
      expect(read.mock.calls.filter(([name]) => name === part)).toEqual([]);
      expect(tab).toEqual(whole);
    } finally {
      inChunks.mockRestore();
      read.mockRestore();
    }
    const values = whole?.values ?? [];
    expect(values[1]?.[0]).toBeInstanceOf(Date);
    expect(values[9]?.[3]).toBe(10);
    expect(values[10]?.[3]).toBe('');
    expect(values[999]?.[4]).toBe('narrow> /row> sheetData>');
    expect(values[23999]?.[2]).toBe('');
    expect(values.length).toBe(25_000);
  });

  /** The Pieces part of a copy of the file, changed by `damage`; what reading it says. */
  async function refusals(damage: (entry: StoredEntry) => void): Promise<string[]> {
    const bytes = fs.readFileSync(file);
    const entry = readZip(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml');
    if (!entry) throw new Error('no Pieces part');
    damage(entry);
    const damaged = path.join(folder, 'damaged.xlsx');
    fs.writeFileSync(damaged, bytes);
    const refusal = async (options: XlsxOptions) => {
      try {
        const workbook = await XlsxWorkbook.open(damaged, options);
        workbook.readTab(['Pieces']);
        return 'read';
      } catch (error) {
        return String(error);
      }
    };
    return [await refusal(SHANGHAI), await refusal({ ...SHANGHAI, readInChunksAbove: 0 })];
  }

  test('a damaged part is refused as the read of the whole part refuses it', async () => {
    // Deflate blocks of another kind in the middle of the data: the inflate fails there.
    const [whole, inChunks] = await refusals((entry) =>
      entry.local.fill(0xff, entry.dataStart + 5000, entry.dataStart + 5040),
    );
    expect(whole).not.toBe('read');
    expect(inChunks).toBe(whole);
  });

  test('a part that inflates past the size it declares is refused alike', async () => {
    const [whole, inChunks] = await refusals((entry) => {
      // Local header and central directory both say 1,000 bytes less than the data holds.
      entry.local.writeUInt32LE(entry.size - 1000, 22);
      entry.central.writeUInt32LE(entry.size - 1000, 24);
    });
    expect(whole).toMatch(/sizeMismatch in xl\/worksheets\/sheet1\.xml/);
    expect(inChunks).toBe(whole);
  });
});
