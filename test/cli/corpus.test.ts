/**
 * Files saved by Excel, WPS, LibreOffice, Google Sheets and Tencent office (test/fixtures/
 * corpus/README.md): every tab reads, generated tabs with charts and a Check mark are written
 * into each, every part Gongfang does not own comes out byte for byte, and openpyxl and
 * LibreOffice open the result.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { readZip } from '../../src/xlsx/package/zip';
import type { GeneratedTab } from '../../src/workbook/port';
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import { ROOT, tempFolder } from './helpers';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const FILES = fs.readdirSync(CORPUS).filter((name) => name.endsWith('.xlsx'));
const OPTIONS = { timeZone: 'Asia/Shanghai', envLang: 'en' } as const;

/** Parts Gongfang may rewrite when it adds tabs: the workbook's own lists. */
const WORKBOOK_LISTS = [
  '[Content_Types].xml',
  'docProps/app.xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
];

const TREND: GeneratedTab = {
  name: 'Summary 2026-11',
  cells: [
    ['Month', 'Net pay', 'Month', 'Accepted'],
    ['2026-10', 12.5, '2026-10', 300],
    ['2026-11', 44.85, '2026-11', 1008],
  ],
  numberFormats: [
    ['@', '@', '@', '@'],
    ['@', '"¥"#,##0.00', '@', '#,##0'],
    ['@', '"¥"#,##0.00', '@', '#,##0'],
  ],
  boldRows: [0],
  frozenRows: 1,
  columnWidths: [80, 100, 80, 100],
  protectionDescription: '',
  charts: [
    {
      kind: 'line',
      title: 'Net pay',
      range: { row: 1, column: 1, numRows: 3, numColumns: 2 },
      anchor: { row: 6, column: 1 },
      width: 390,
      height: 260,
    },
    {
      kind: 'column',
      title: 'Accepted pieces',
      range: { row: 1, column: 3, numRows: 3, numColumns: 2 },
      anchor: { row: 6, column: 6 },
      width: 390,
      height: 260,
    },
  ],
  landscape: true,
};

function stored(file: string): Map<string, Buffer> {
  return new Map(readZip(fs.readFileSync(file)).map((entry) => [entry.name, entry.local]));
}

let folder: string;
beforeAll(() => {
  folder = tempFolder('gongfang-corpus-');
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe.each(FILES)('%s', (name) => {
  const source = path.join(CORPUS, name);
  const out = () => path.join(folder, name);

  test('every tab reads; generated tabs and a mark are written; the rest is byte for byte', async () => {
    const workbook = await XlsxWorkbook.open(source, OPTIONS);
    const tabs = workbook.tabNames();
    expect(tabs.length).toBeGreaterThan(0);
    const contents = tabs.map((tab) => workbook.readTab([tab]));
    const marked = contents.find((tab) => (tab?.values.length ?? 0) > 0);
    expect(marked).toBeDefined();
    workbook.replaceGeneratedTab(TREND);
    workbook.replaceGeneratedTab({ ...TREND, name: 'Payout 2026-11', charts: [] });
    workbook.markCells({
      tab: marked?.name ?? '',
      marks: [{ row: 1, column: 1, note: 'checked' }],
      clear: [],
    });
    await workbook.writeTo(out());

    const before = stored(source);
    const after = stored(out());
    const again = await XlsxWorkbook.open(out(), OPTIONS);
    const sheetPart = (
      again as unknown as { sheets: { name: string; part: string }[] }
    ).sheets.find((sheet) => sheet.name === marked?.name)?.part;
    const markedParts = new Set<string>();
    for (const [entry] of after) {
      if (!before.has(entry)) continue;
      const changed = !after.get(entry)?.equals(before.get(entry) as Buffer);
      if (changed) markedParts.add(entry);
    }
    // What changed: the workbook's lists, the marked sheet, and its notes and their drawing.
    for (const part of markedParts) {
      const allowed =
        WORKBOOK_LISTS.includes(part) ||
        part === sheetPart ||
        part ===
          `${path.posix.dirname(sheetPart ?? '')}/_rels/${path.posix.basename(sheetPart ?? '')}.rels` ||
        /comments\d*\.xml$|\.vml$/.test(part);
      expect({ part, allowed }).toEqual({ part, allowed: true });
    }
    expect([...after.keys()].filter((entry) => before.has(entry))).toEqual([...before.keys()]);

    expect(again.tabNames()).toEqual([...tabs, 'Summary 2026-11', 'Payout 2026-11']);
    expect(again.readTab(['Summary 2026-11'])?.values[2]).toEqual([
      '2026-11',
      44.85,
      '2026-11',
      1008,
    ]);
    const notes = again.readTab([marked?.name ?? ''], { withNotes: true })?.notes;
    expect(notes?.[0]?.[0]).toBe(`${MARK_NOTE_PREFIX}checked`);
    // The marked tab's values are as they were.
    expect(again.readTab([marked?.name ?? ''])?.values).toEqual(marked?.values);
  });

  const python = spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' });
  (python.status === 0 ? test : test.skip)(
    'every XML part is well formed; openpyxl opens it',
    () => {
      const parts = spawnSync(
        '/usr/bin/python3',
        [path.join(ROOT, 'test', 'fixtures', 'well_formed.py'), out()],
        { encoding: 'utf8' },
      );
      expect(parts.stderr + parts.stdout).toBe('');
      const run = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          'import sys, openpyxl; b = openpyxl.load_workbook(sys.argv[1]); print(b.sheetnames)',
          out(),
        ],
        { encoding: 'utf8' },
      );
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.stdout).toContain('Summary 2026-11');
    },
  );
});

const office = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
if (office.status !== 0) console.log('LibreOffice check skipped: soffice is not installed');
(office.status === 0 ? test : test.skip)('LibreOffice converts every result', () => {
  const converted = path.join(folder, 'csv');
  const run = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(folder, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      converted,
      ...FILES.map((name) => path.join(folder, name)),
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(run.status).toBe(0);
  for (const name of FILES) {
    expect(fs.existsSync(path.join(converted, name.replace(/\.xlsx$/, '.pdf')))).toBe(true);
  }
});
