/**
 * The package editor at the edges: an .xlsm keeps its macros and content type, and a stray
 * value in the last cell of the grid costs memory for the cells used, not for the box.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import JSZip from 'jszip';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { GeneratedTab } from '../../src/workbook/port';
import { tempFolder } from '../cli/helpers';

const OPTIONS = { timeZone: 'Asia/Shanghai', envLang: 'en' } as const;
const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const TAB: GeneratedTab = {
  name: 'Payout 2026-11',
  cells: [
    ['ID', 'Net pay'],
    ['R001', 12.5],
  ],
  numberFormats: [
    ['@', '@'],
    ['@', '0.00'],
  ],
  boldRows: [0],
  frozenRows: 1,
  columnWidths: [70, 100],
  protectionDescription: '',
  charts: [],
  landscape: false,
};

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

test('an .xlsm keeps vbaProject.bin byte for byte and its macro-enabled content type', async () => {
  const book = new ExcelWorkbook();
  book.addWorksheet('Residents').getCell('A1').value = 'ID';
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const macros = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
  zip.file('xl/vbaProject.bin', macros);
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  zip.file(
    '[Content_Types].xml',
    types
      .replace(
        /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml/,
        MACRO_MAIN,
      )
      .replace(
        '<Default ',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
      ),
  );
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  const file = path.join(folder, 'macros.xlsm');
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  const workbook = await XlsxWorkbook.open(file, OPTIONS);
  workbook.replaceGeneratedTab(TAB);
  await workbook.save(file);

  const back = await JSZip.loadAsync(fs.readFileSync(file));
  expect(Buffer.from((await back.file('xl/vbaProject.bin')?.async('uint8array')) ?? [])).toEqual(
    macros,
  );
  const backTypes = (await back.file('[Content_Types].xml')?.async('string')) ?? '';
  expect(backTypes).toContain(MACRO_MAIN);
  expect(backTypes).toContain('vnd.ms-office.vbaProject');
  expect(await back.file('xl/_rels/workbook.xml.rels')?.async('string')).toContain(
    'vbaProject.bin',
  );
  expect((await XlsxWorkbook.open(file, OPTIONS)).readTab(['Payout 2026-11'])?.values[1]).toEqual([
    'R001',
    12.5,
  ]);
});

test('a stray value in XFD1048576 reads without building the used range’s box', async () => {
  const book = new ExcelWorkbook();
  const sheet = book.addWorksheet('Pieces');
  sheet.getCell('A1').value = 'Date';
  sheet.getCell('B2').value = 'R001';
  sheet.getCell('XFD1048576').value = 'stray';
  const file = path.join(folder, 'stray.xlsx');
  await book.xlsx.writeFile(file);
  expect(fs.statSync(file).size).toBeLessThan(20_000);

  const workbook = await XlsxWorkbook.open(file, OPTIONS);
  const heapBefore = process.memoryUsage().heapUsed;
  const tab = workbook.readTab(['Pieces']);
  const grown = process.memoryUsage().heapUsed - heapBefore;
  expect(tab?.values).toHaveLength(1_048_576);
  expect(tab?.values[0]?.[0]).toBe('Date');
  expect(tab?.values[1]?.[1]).toBe('R001');
  expect(tab?.values[1_048_575]?.[16_383]).toBe('stray');
  // A box of 1,048,576 × 16,384 cells would be 17 billion; the rows here share one empty row.
  expect(grown).toBeLessThan(200 * 1024 * 1024);
  workbook.markCells({ tab: 'Pieces', marks: [{ row: 2, column: 2, note: 'unknown' }], clear: [] });
  await workbook.writeTo(path.join(folder, 'out.xlsx'));
  const back = await XlsxWorkbook.open(path.join(folder, 'out.xlsx'), OPTIONS);
  const notes = back.readTab(['Pieces'], { withNotes: true })?.notes;
  expect(notes?.[1]?.[1]).toMatch(/unknown$/);
  expect(notes?.[1_048_575]?.[16_383]).toBe('');
});
