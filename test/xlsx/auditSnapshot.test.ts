/**
 * The change log's snapshot as an .xlsx keeps it (src/xlsx/auditSnapshot.ts): rows, hashes and
 * texts come back as they were stored, the texts from a tab of their own read only when asked
 * for; every cell stays within 30,000 characters however long a row; the same rows give the
 * same cells; a damaged snapshot reads as none (the log starts again) rather than as wrong
 * changes, and texts that do not belong to the rows are not used. The round trips through
 * openpyxl and LibreOffice are in test/cli/audit.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import JSZip from 'jszip';
import { sameSnapshot, snapshotOf } from '../../src/features/fileChanges';
import type { CellValue } from '../../src/workbook/cells';
import { storeSnapshot, storedSnapshot } from '../../src/xlsx/auditSnapshot';
import { inflateEntry, readZip } from '../../src/xlsx/package/zip';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { XlsxOptions } from '../../src/xlsx/xlsxWorkbook';
import { PIECE_HEADER, RESIDENT_HEADER } from '../support/ledgerSheets';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { tempFolder } from '../cli/helpers';

const SHANGHAI: XlsxOptions = { timeZone: 'Asia/Shanghai', envLang: 'zh-CN' };

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const day = new Date('2026-11-03T00:00:00+08:00');
/** 5,000 Pieces rows, one with a note of 70,000 characters, and a few residents. */
function ledger(): Record<string, CellValue[][]> {
  const pieces: CellValue[][] = [PIECE_HEADER];
  for (let i = 0; i < 5000; i += 1) {
    pieces.push([day, `R${i % 40}`, 'O1', 10 + (i % 7), 0, '李老师', '', String(i + 1)]);
  }
  pieces[1234]![6] = '长'.repeat(70_000);
  return {
    计件: pieces,
    居民: [
      RESIDENT_HEADER,
      ['R1', '王秀英'],
      ['R2', '=李桂兰'],
      ['R3', '"张"\\丽'],
      ['R4', '12:30 下午'],
    ],
  };
}

async function storedAndReadBack(cells: Record<string, CellValue[][]>) {
  const taken = snapshotOf(new MemoryWorkbook(cells));
  const workbook = XlsxWorkbook.create(SHANGHAI);
  storeSnapshot(workbook, taken, 'zh-CN');
  const file = path.join(folder, `snapshot-${fs.readdirSync(folder).length}.xlsx`);
  await workbook.save(file);
  return { taken, file, back: await XlsxWorkbook.open(file, SHANGHAI) };
}

it('gives back the rows, hashes and texts it stored, in a hidden tab of short cells', async () => {
  const { taken, back, file } = await storedAndReadBack(ledger());
  const stored = storedSnapshot(back);
  expect(stored).not.toBeNull();
  expect(sameSnapshot(taken, stored!)).toBe(true);
  for (const index of [0, 1232, 1233, 1234, 2000, 4999]) {
    expect(stored!.tabs.pieces!.text(index)).toBe(taken.tabs.pieces!.text(index));
  }
  expect(stored!.tabs.pieces!.text(1233)).toContain('长'.repeat(70_000));
  expect([0, 1, 2, 3].map((i) => stored!.tabs.residents!.text(i))).toEqual(
    [0, 1, 2, 3].map((i) => taken.tabs.residents!.text(i)),
  );
  for (const name of ['审计快照', '审计快照文本']) {
    const cells = back.readTab([name])!.values.flat();
    expect(Math.max(...cells.map((cell) => String(cell).length))).toBeLessThanOrEqual(30_000);
    expect(await sheetElement(file, name)).toMatch(/state="hidden"/);
  }
});

it('reads the text tab only when a row’s old value is asked for', async () => {
  const { back } = await storedAndReadBack(ledger());
  const read: string[] = [];
  const readTab = back.readTab.bind(back);
  back.readTab = (names, options) => {
    read.push(names[0] ?? '');
    return readTab(names, options);
  };
  const stored = storedSnapshot(back)!;
  expect(read).toEqual(['审计快照']);
  stored.tabs.pieces!.text(3);
  stored.tabs.residents!.text(0);
  expect(read).toEqual(['审计快照', '审计快照文本']);
});

it('writes the same cells for the same rows', async () => {
  const first = await storedAndReadBack(ledger());
  const second = await storedAndReadBack(ledger());
  for (const name of ['审计快照', '审计快照文本']) {
    expect(second.back.readTab([name])!.values).toEqual(first.back.readTab([name])!.values);
  }
});

it('reads a damaged snapshot as none, so the log starts again rather than report wrong rows', async () => {
  const { file } = await storedAndReadBack(ledger());
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const part = await partOf(zip, '审计快照');
  const xml = await zip.file(part)!.async('string');
  // The first cell of Pieces' hashes cut short by a few characters.
  const cut = xml.replace(
    /(<t>hashes<\/t><\/is><\/c><c [^>]*><is><t>pieces<\/t><\/is><\/c><c [^>]*><is><t>)(.{12})/,
    '$1',
  );
  expect(cut).not.toBe(xml);
  zip.file(part, cut);
  const damaged = path.join(folder, 'damaged.xlsx');
  fs.writeFileSync(damaged, await zip.generateAsync({ type: 'nodebuffer' }));
  expect(storedSnapshot(await XlsxWorkbook.open(damaged, SHANGHAI))).toBeNull();
});

it('finds the changes without their old values when the text tab is not of these rows', async () => {
  const { file } = await storedAndReadBack(ledger());
  // The text tab of another workbook's snapshot, in place of this one's.
  const other = await storedAndReadBack({ 居民: [RESIDENT_HEADER, ['R9', '赵']] });
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const otherZip = await JSZip.loadAsync(fs.readFileSync(other.file));
  zip.file(
    await partOf(zip, '审计快照文本'),
    await otherZip.file(await partOf(otherZip, '审计快照文本'))!.async('string'),
  );
  const mixed = path.join(folder, 'mixed.xlsx');
  fs.writeFileSync(mixed, await zip.generateAsync({ type: 'nodebuffer' }));
  const stored = storedSnapshot(await XlsxWorkbook.open(mixed, SHANGHAI))!;
  expect(sameSnapshot(stored, snapshotOf(new MemoryWorkbook(ledger())))).toBe(true);
  expect(stored.tabs.residents!.text(0)).toBe('');
});

it('is packed by Huffman codes alone: base64 has nothing for deflate to repeat', async () => {
  const { file } = await storedAndReadBack(ledger());
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const entries = readZip(fs.readFileSync(file));
  for (const name of ['审计快照', '审计快照文本']) {
    const part = await partOf(zip, name);
    const stored = entries.find((e) => e.name === part)!;
    const xml = inflateEntry(stored);
    const packed = stored.local.subarray(
      stored.dataStart,
      stored.dataStart + stored.compressedSize,
    );
    const huffman = zlib.deflateRawSync(xml, { level: 6, strategy: zlib.constants.Z_HUFFMAN_ONLY });
    expect(packed.equals(huffman)).toBe(true);
    // Not what deflate at its usual level makes of it.
    expect(packed.equals(zlib.deflateRawSync(xml, { level: 6 }))).toBe(false);
  }
});

/** The part of tab `name`, by workbook.xml and its relationships. */
async function partOf(zip: JSZip, name: string): Promise<string> {
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbookXml)?.[1];
  const relation = (rels.match(/<Relationship [^>]*>/g) ?? []).find((r) =>
    r.includes(`Id="${id}"`),
  );
  return `xl/${(/Target="([^"]+)"/.exec(relation ?? '')?.[1] ?? '').replace(/^\/?xl\//, '')}`;
}

/** The <sheet> element of tab `name` in workbook.xml. */
async function sheetElement(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  return new RegExp(`<sheet [^>]*name="${name}"[^>]*>`).exec(workbookXml)?.[0] ?? '';
}

describe('written again after changes', () => {
  /** Stores `cells` over the snapshot `file` holds; returns the new one, read back, and its tab. */
  async function restored(file: string, cells: Record<string, CellValue[][]>) {
    const workbook = await XlsxWorkbook.open(file, SHANGHAI);
    const previous = storedSnapshot(workbook);
    const taken = snapshotOf(new MemoryWorkbook(cells));
    storeSnapshot(workbook, taken, 'zh-CN', previous);
    const out = path.join(folder, `again-${fs.readdirSync(folder).length}.xlsx`);
    await workbook.save(out);
    const back = await XlsxWorkbook.open(out, SHANGHAI);
    return { taken, stored: storedSnapshot(back)!, tab: back.readTab(['审计快照文本'])!.values };
  }

  const textBlocks = (values: readonly (readonly CellValue[])[]) =>
    values.filter((row) => row[0] === 'text' && row[1] === 'pieces').map((row) => row.join('|'));

  it('keeps the blocks of rows that did not change; rows added cost their own block', async () => {
    const { file, back } = await storedAndReadBack(ledger());
    const before = textBlocks(back.readTab(['审计快照文本'])!.values);
    const grown = ledger();
    grown['计件']!.push([day, 'R1', 'O1', 3, 0, '李老师', '', '5001']);
    const { taken, stored, tab } = await restored(file, grown);
    const after = textBlocks(tab);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(sameSnapshot(taken, stored)).toBe(true);
    for (const index of [0, 1233, 4999, 5000]) {
      expect(stored.tabs.pieces!.text(index)).toBe(taken.tabs.pieces!.text(index));
    }
  });

  it('takes the text of an unchanged row from the stored blocks, and of a changed one anew', async () => {
    const { file } = await storedAndReadBack(ledger());
    const edited = ledger();
    edited['计件']!.splice(10, 1);
    edited['计件']![3000]![3] = 99;
    const { taken, stored } = await restored(file, edited);
    expect(sameSnapshot(taken, stored)).toBe(true);
    const pieces = taken.tabs.pieces!;
    for (let index = 0; index < pieces.rows.length; index += 1) {
      expect(stored.tabs.pieces!.text(index)).toBe(pieces.text(index));
    }
  });
});
