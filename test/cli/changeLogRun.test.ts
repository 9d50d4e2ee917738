/**
 * The change log of one run, in-process (src/cli/audit.ts): a writing run rebuilds the snapshot
 * tabs only when the source tabs differ from what they hold (design B of the merge after issues
 * 17–23: an unchanged workbook's generate writes nothing of them, nor reads the texts), and
 * hashes again only the tabs the run edited. The built command's behaviour is in test/cli/audit.test.ts.
 */
import * as fs from 'node:fs';
import { READ_DIGEST_WORTH, noticeChanges, recordRun } from '../../src/cli/audit';
import type { CommandContext } from '../../src/cli/context';
import { type RowSnapshot, sameSnapshot, snapshotOf } from '../../src/features/fileChanges';
import { ADJUSTMENTS, SOURCE_TABS, namesOf } from '../../src/workbook/layout';
import { storedSnapshot } from '../../src/xlsx/auditSnapshot';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { readZip, writeZip } from '../../src/xlsx/package/zip';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { serialOf, writeEnglishSerial } from './fixtures';
import { tempFolder } from './helpers';

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const context = {
  timeZone: 'Asia/Shanghai',
  io: { now: () => new Date('2026-12-03T02:00:00Z') },
} as unknown as CommandContext;

const options = { timeZone: 'Asia/Shanghai', envLang: 'en' as const };

/** Opens `file`, lets `edit` change it, records the run and saves; the snapshot tabs written. */
async function writingRun(file: string, edit: (workbook: XlsxWorkbook) => void = () => {}) {
  const workbook = await XlsxWorkbook.open(file, options);
  const read: string[] = [];
  const readTab = workbook.readTab.bind(workbook);
  workbook.readTab = (names, how) => {
    read.push(names[0] ?? '');
    return readTab(names, how);
  };
  noticeChanges(workbook);
  edit(workbook);
  const replaced: string[] = [];
  const replace = workbook.replaceGeneratedTab.bind(workbook);
  workbook.replaceGeneratedTab = (tab) => {
    replaced.push(tab.name);
    replace(tab);
  };
  recordRun(context, workbook);
  await workbook.save(file);
  return { replaced, readTexts: read.includes('审计快照文本') };
}

const BOTH = ['Audit snapshot', 'Audit snapshot text'];

it('writes the snapshot on the first run, then only when a source tab changed', async () => {
  const file = await writeEnglishSerial(folder);
  expect(await writingRun(file)).toEqual({ replaced: BOTH, readTexts: false });
  // Unchanged: nothing written, and the texts not even read.
  expect(await writingRun(file)).toEqual({ replaced: [], readTexts: false });
  // An appended row (as check --correct appends corrections) is hashed again and stored; the
  // texts of the rows before are taken over from the stored ones.
  const adjustment = (workbook: XlsxWorkbook) =>
    workbook.appendRows('Adjustments', [['2026-12', 'R001', 5, 'bonus']]);
  expect(await writingRun(file, adjustment)).toEqual({ replaced: BOTH, readTexts: true });
  expect(await writingRun(file)).toEqual({ replaced: [], readTexts: false });
  // Marks change no value (check --mark): the snapshot stays as it is.
  const mark = (workbook: XlsxWorkbook) =>
    workbook.markCells({ tab: 'Pieces', marks: [{ row: 3, column: 4, note: 'x' }], clear: [] });
  expect(await writingRun(file, mark)).toEqual({ replaced: [], readTexts: false });
});

it('hashes again only the source tab the run edited, and stores what a fresh read finds', async () => {
  const file = await writeEnglishSerial(folder);
  await writingRun(file);
  const workbook = await XlsxWorkbook.open(file, options);
  noticeChanges(workbook);
  // As close adds its line to Settings: the edited tab is read again, not Pieces nor the others.
  workbook.appendRows('Adjustments', [['2026-12', 'R001', 5, 'bonus']]);
  const read: string[] = [];
  const readTab = workbook.readTab.bind(workbook);
  workbook.readTab = (names, how) => {
    read.push(names[0] ?? '');
    return readTab(names, how);
  };
  recordRun(context, workbook);
  // Settings is read for the sheet's language whatever the run edited.
  const sources = SOURCE_TABS.filter((spec) => spec.key !== 'settings').map(
    (spec) => namesOf(spec)[0],
  );
  expect(read.filter((name) => sources.includes(name))).toEqual([namesOf(ADJUSTMENTS)[0]]);
  await workbook.save(file);
  const reopened = await XlsxWorkbook.open(file, options);
  const stored = storedSnapshot(reopened);
  expect(stored).not.toBeNull();
  expect(sameSnapshot(stored as RowSnapshot, snapshotOf(reopened))).toBe(true);
  expect(stored?.tabs.adjustments?.rows.length).toBeGreaterThan(0);
});

/** Rewrites one part of `file` in place, every other part's compressed bytes kept as they are. */
function rewritePart(file: string, name: string, edit: (text: string) => string): void {
  const pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
  const before = pkg.readText(name) ?? '';
  const after = edit(before);
  expect(after).not.toBe(before);
  pkg.write(name, after);
  writeZip(file, pkg.entries());
}

/** The sheet part of a tab, as workbook.xml and its relationships name it. */
function sheetPart(file: string, tab: string): string {
  const pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
  const sheetId = new RegExp(`<sheet [^>]*name="${tab}"[^>]*r:id="(rId\\d+)"`).exec(
    pkg.readText('xl/workbook.xml') ?? '',
  )?.[1];
  const target = new RegExp(
    `Id="${sheetId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${sheetId}"`,
  ).exec(pkg.readText('xl/_rels/workbook.xml.rels') ?? '');
  const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/');
  expect(pkg.has(path)).toBe(true);
  return path;
}

describe('a tab read from the bytes the snapshot was stored for', () => {
  it('is not hashed again: its stored rows and hashes are taken as they are', async () => {
    const file = await writeEnglishSerial(folder);
    await writingRun(file);
    const run = noticeChanges(await XlsxWorkbook.open(file, options));
    expect(run.changes).toEqual([]);
    for (const key of ['residents', 'orders', 'pieces'] as const) {
      expect(run.found.tabs[key]?.hashes).toBe(run.stored?.tabs[key]?.hashes);
      expect(run.found.tabs[key]?.rows).toBe(run.stored?.tabs[key]?.rows);
    }
    // Read in another time zone, a date may read as another day: hashed again.
    const elsewhere = noticeChanges(
      await XlsxWorkbook.open(file, { ...options, timeZone: 'America/New_York' }),
    );
    expect(elsewhere.found.tabs.residents?.hashes).not.toBe(
      elsewhere.stored?.tabs.residents?.hashes,
    );
  });

  it('is hashed again when the shared strings changed under its unchanged sheet part', async () => {
    const file = await writeEnglishSerial(folder);
    await writingRun(file);
    const orders = sheetPart(file, 'Orders');
    const partBefore = new XlsxPackage(readZip(fs.readFileSync(file))).storedData(orders)?.data;
    rewritePart(file, 'xl/sharedStrings.xml', (xml) => xml.replace('Hair clips', 'Hair pins'));
    // The Orders sheet's own bytes are as they were: only the shared string differs.
    const partAfter = new XlsxPackage(readZip(fs.readFileSync(file))).storedData(orders)?.data;
    expect(partAfter?.equals(partBefore ?? Buffer.alloc(0))).toBe(true);
    const run = noticeChanges(await XlsxWorkbook.open(file, options));
    const cells = run.changes.filter((c) => c.tab === 'orders').flatMap((c) => c.cells);
    expect(cells).toEqual([expect.objectContaining({ before: 'Hair clips', after: 'Hair pins' })]);
  });

  it('is hashed again when a style its numbers carry stopped being a date', async () => {
    const file = await writeEnglishSerial(folder);
    const joined = new Date('2025-05-06T00:00:00+08:00');
    const resident = ['R003', 'Zhao Min', '', 'hardship', '', joined, 'yes', ''];
    await writingRun(file, (workbook) => workbook.appendRows('Residents', [resident]));
    // A run that edits another tab stores the snapshot with Residents' read digest.
    await writingRun(file, (workbook) =>
      workbook.appendRows('Adjustments', [['2026-12', 'R001', 5, 'bonus']]),
    );
    const pkg = new XlsxPackage(readZip(fs.readFileSync(file)));
    expect(storedSnapshot(await XlsxWorkbook.open(file, options))?.reads.residents).toMatch(
      /^[0-9a-f]{64}$/,
    );
    const residents = sheetPart(file, 'Residents');
    // The style our writer gave the joining date (F4): an index into <cellXfs>.
    const style = Number(/<c r="F4"[^>]* s="(\d+)"/.exec(pkg.readText(residents) ?? '')?.[1]);
    expect(Number.isInteger(style)).toBe(true);
    rewritePart(file, 'xl/styles.xml', (xml) => {
      let at = xml.indexOf('<xf ', xml.indexOf('<cellXfs'));
      for (let i = 0; i < style; i += 1) at = xml.indexOf('<xf ', at + 1);
      const end = xml.indexOf('>', at);
      return (
        xml.slice(0, at) +
        xml.slice(at, end).replace(/numFmtId="\d+"/, 'numFmtId="0"') +
        xml.slice(end)
      );
    });
    const run = noticeChanges(await XlsxWorkbook.open(file, options));
    const cells = run.changes.filter((c) => c.tab === 'residents').flatMap((c) => c.cells);
    expect(cells).toEqual([
      expect.objectContaining({ before: '2025-05-06', after: String(serialOf('2025-05-06')) }),
    ]);
  });

  it('after marks on a big Pieces tab, is stored again once, then skipped', async () => {
    const file = await writeEnglishSerial(folder);
    const pieces = Array.from({ length: READ_DIGEST_WORTH }, (_, i) => [
      serialOf('2026-11-02'),
      'R001',
      'O001',
      1 + (i % 7),
      0,
    ]);
    await writingRun(file, (workbook) => workbook.appendRows('Pieces', pieces));
    const mark = (workbook: XlsxWorkbook) =>
      workbook.markCells({ tab: 'Pieces', marks: [{ row: 3, column: 4, note: 'x' }], clear: [] });
    // A marked tab's bytes are new: no digest for them yet, and its values are as stored.
    expect(await writingRun(file, mark)).toEqual({ replaced: [], readTexts: false });
    const marked = noticeChanges(await XlsxWorkbook.open(file, options));
    expect(marked.found.tabs.pieces?.hashes).not.toBe(marked.stored?.tabs.pieces?.hashes);
    // The next writing run stores the snapshot with the marked tab's digest; the run after
    // that takes Pieces' rows as stored.
    expect(await writingRun(file)).toEqual({ replaced: BOTH, readTexts: true });
    expect(await writingRun(file)).toEqual({ replaced: [], readTexts: false });
    const after = noticeChanges(await XlsxWorkbook.open(file, options));
    expect(after.changes).toEqual([]);
    expect(after.found.tabs.pieces?.hashes).toBe(after.stored?.tabs.pieces?.hashes);
  });
});
