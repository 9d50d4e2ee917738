/**
 * The change log's snapshot as an .xlsx keeps it (src/xlsx/auditSnapshot.ts): rows, hashes and
 * texts come back as they were stored; every cell stays within 30,000 characters however long a
 * row; the same rows give the same cells; a damaged snapshot reads as none (the log starts
 * again) rather than as wrong changes. The round trips through openpyxl and LibreOffice are in
 * test/cli/audit.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { sameSnapshot, snapshotOf } from '../../src/features/fileChanges';
import type { CellValue } from '../../src/workbook/cells';
import { storeSnapshot, storedSnapshot } from '../../src/xlsx/auditSnapshot';
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
    居民: [RESIDENT_HEADER, ['R1', '王秀英'], ['R2', '=李桂兰'], ['R3', '"张"\\丽']],
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
  expect([0, 1, 2].map((i) => stored!.tabs.residents!.text(i))).toEqual(
    [0, 1, 2].map((i) => taken.tabs.residents!.text(i)),
  );
  const tab = back.readTab(['审计快照'])!;
  const longest = Math.max(...tab.values.flat().map((cell) => String(cell).length));
  expect(longest).toBeLessThanOrEqual(30_000);
  const workbookXml = await (
    await JSZip.loadAsync(fs.readFileSync(file))
  )
    .file('xl/workbook.xml')!
    .async('string');
  expect(workbookXml).toMatch(/<sheet [^>]*name="审计快照"[^>]*state="hidden"/);
});

it('writes the same cells for the same rows', async () => {
  const first = await storedAndReadBack(ledger());
  const second = await storedAndReadBack(ledger());
  expect(second.back.readTab(['审计快照'])!.values).toEqual(
    first.back.readTab(['审计快照'])!.values,
  );
});

it('reads a damaged snapshot as none, so the log starts again rather than report wrong rows', async () => {
  const { file } = await storedAndReadBack(ledger());
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const part = Object.keys(zip.files).find(
    (name) => name.startsWith('xl/worksheets/') && name.endsWith('.xml'),
  )!;
  const xml = await zip.file(part)!.async('string');
  // The first hash cell cut short by a few characters.
  const cut = xml.replace(/(<t[^>]*>hashes<\/t>.*?<t[^>]*>pieces<\/t>.*?<t[^>]*>)(.{12})/s, '$1');
  expect(cut).not.toBe(xml);
  zip.file(part, cut);
  const damaged = path.join(folder, 'damaged.xlsx');
  fs.writeFileSync(damaged, await zip.generateAsync({ type: 'nodebuffer' }));
  expect(storedSnapshot(await XlsxWorkbook.open(damaged, SHANGHAI))).toBeNull();
});
