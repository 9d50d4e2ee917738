/**
 * The change log of one run, in-process (src/cli/audit.ts): a writing run rebuilds the snapshot
 * tabs only when the source tabs differ from what they hold (design B of the merge after issues
 * 17–23: an unchanged workbook's generate writes nothing of them, nor reads the texts), and
 * hashes again only the tabs the run edited. The built command's behaviour is in test/cli/audit.test.ts.
 */
import * as fs from 'node:fs';
import { noticeChanges, recordRun } from '../../src/cli/audit';
import type { CommandContext } from '../../src/cli/context';
import { type RowSnapshot, sameSnapshot, snapshotOf } from '../../src/features/fileChanges';
import { ADJUSTMENTS, SOURCE_TABS, namesOf } from '../../src/workbook/layout';
import { storedSnapshot } from '../../src/xlsx/auditSnapshot';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { writeEnglishSerial } from './fixtures';
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
