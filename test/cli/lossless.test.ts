/**
 * The package editor keeps what it does not own: a workbook dressed up by staff (built with
 * openpyxl, not our code: chart, image, table, comments, defined names, conditional
 * formatting, validation, hidden rows and columns, custom number formats) goes through
 * generate (twice), close and check --mark with the built command, and every part Gongfang
 * does not own comes out byte for byte, compressed data included, in its order. openpyxl and
 * LibreOffice then open the result.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { readZip } from '../../src/xlsx/package/zip';
import { MARK_NOTE_PREFIX } from '../../src/workbook/port';
import { STAFF_NOTE_SEPARATOR } from '../../src/workbook/notes';
import { ROOT, gongfang, tempFolder } from './helpers';

const PYTHON = '/usr/bin/python3';
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

function openpyxlMissing(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `openpyxl is not importable by ${PYTHON}`;
}

function sofficeMissing(): string | null {
  const probe = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'soffice (LibreOffice) is not installed';
}

function python(script: string, args: readonly string[]): string {
  const run = spawnSync(PYTHON, [path.join(FIXTURES, script), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  return run.stdout;
}

/** Each entry's bytes as stored (local header, compressed data), by name, in order. */
function storedEntries(file: string): Map<string, Buffer> {
  return new Map(readZip(fs.readFileSync(file)).map((entry) => [entry.name, entry.local]));
}

/** Parts of the original that Gongfang may rewrite: the workbook's lists and what it marks. */
const OWNED = new Set([
  '[Content_Types].xml',
  'docProps/app.xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
]);

interface Inspected {
  tabs: string[];
  definedNames: string[];
  tables: Record<string, string[]>;
  charts: Record<string, number>;
  cells: Record<string, { value: unknown; note: string | null; fill: string | null }>;
}

const skip = openpyxlMissing();
if (skip) console.log(`lossless tests skipped: ${skip}`);
const describeIf = skip ? describe.skip : describe;

describeIf('a workbook staff dressed up, through every command', () => {
  let folder: string;
  let original: string;
  let work: string;
  beforeAll(() => {
    folder = tempFolder('gongfang-lossless-');
    original = path.join(folder, 'original.xlsx');
    python('rich_workbook.py', [original]);
    work = path.join(folder, 'work.xlsx');
    fs.copyFileSync(original, work);
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** The Pieces sheet and its notes are Check's to edit; found through the original's rels. */
  function piecesParts(): Set<string> {
    const parts = new Set(['xl/worksheets/sheet4.xml', 'xl/worksheets/_rels/sheet4.xml.rels']);
    const rels = readZip(fs.readFileSync(original)).find(
      (entry) => entry.name === 'xl/worksheets/_rels/sheet4.xml.rels',
    );
    expect(rels).toBeDefined();
    parts.add('xl/comments/comment2.xml');
    parts.add('xl/drawings/commentsDrawing2.vml');
    return parts;
  }

  /**
   * The first closing records, in a Settings row (结账记录 / Closings record), that the workbook
   * keeps a Closings tab (issue 7): from then on the Settings sheet is Gongfang's to append to.
   */
  const SETTINGS_PART = 'xl/worksheets/sheet6.xml';
  let closed = false;

  function expectUnownedPartsUntouched(marked: boolean): void {
    const before = storedEntries(original);
    const after = storedEntries(work);
    const editable = new Set([
      ...OWNED,
      ...(marked ? piecesParts() : []),
      ...(closed ? [SETTINGS_PART] : []),
    ]);
    const kept = [...before.keys()].filter((name) => !editable.has(name));
    for (const name of kept) {
      expect({ name, same: after.get(name)?.equals(before.get(name) as Buffer) }).toEqual({
        name,
        same: true,
      });
    }
    expect(python('well_formed.py', [work])).toBe('');
    // In their order, every original part still there.
    const order = [...after.keys()].filter((name) => before.has(name));
    expect(order).toEqual([...before.keys()]);
  }

  function inspect(...cells: string[]): Inspected {
    return JSON.parse(python('inspect_workbook.py', [work, ...cells])) as Inspected;
  }

  test('generate, twice: only Gongfang’s parts change; charts, table and names stay', () => {
    for (let round = 0; round < 2; round += 1) {
      const run = gongfang(['generate', work, '--month', '2026-11', '--today', '2026-11-28'], {
        cwd: folder,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectUnownedPartsUntouched(false);
    }
    const seen = inspect('Residents!B2', 'Staff notes!A9');
    expect(seen.tabs).toEqual([
      'Residents',
      'Partners',
      'Orders',
      'Pieces',
      'Adjustments',
      'Settings',
      'Staff notes',
      'Payout 2026-11',
      'Payslips 2026-11',
      'Summary 2026-11',
      'Audit',
      'Audit snapshot',
      'Audit snapshot text',
    ]);
    // Staff's name stays; each generated tab, and the change log's two snapshot tabs (rebuilt
    // whole as they are), carries Gongfang's mark (a sheet-local name).
    expect(seen.definedNames).toEqual([
      '_Gongfang_Generated',
      '_Gongfang_Generated',
      '_Gongfang_Generated',
      '_Gongfang_Generated',
      '_Gongfang_Generated',
      'visitors',
    ]);
    expect(seen.tables).toEqual({ 'Staff notes': ['Visits'] });
    expect(seen.charts).toEqual({ 'Staff notes': 1, 'Summary 2026-11': 2 });
    expect(seen.cells['Residents!B2']?.note).toBe('staff: prefers mornings');
    expect(seen.cells['Staff notes!A9']?.note).toBe('do not delete');
  });

  test('close adds the Closings tab and leaves staff’s parts alone', () => {
    const run = gongfang(
      ['close', work, '--month', '2026-11', '--today', '2026-11-30', '--by', 'tester'],
      { cwd: folder },
    );
    expect(run.code).toBe(0);
    closed = true;
    expectUnownedPartsUntouched(false);
    expect(inspect().tabs).toContain('Closings');
  });

  test('reopen records the reopening and leaves staff’s parts alone', () => {
    const run = gongfang(
      ['reopen', work, '--month', '2026-11', '--reason', 'wrong month', '--today', '2026-11-30'],
      { cwd: folder },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectUnownedPartsUntouched(false);
    const again = gongfang(
      ['close', work, '--month', '2026-11', '--today', '2026-11-30', '--by', 'tester'],
      { cwd: folder },
    );
    expect(again.code).toBe(0);
    expectUnownedPartsUntouched(false);
  });

  test('check --mark marks the bad cell over staff’s note and fill, and clearing restores them', async () => {
    const run = gongfang(['check', work, '--mark', '--today', '2026-12-05'], { cwd: folder });
    expect(run.code).toBe(1);
    expectUnownedPartsUntouched(true);
    const marked = inspect('Pieces!B6', 'Pieces!F2').cells;
    expect(marked['Pieces!B6']?.value).toBe('R999');
    expect(marked['Pieces!B6']?.note).toMatch(
      new RegExp(
        `^${MARK_NOTE_PREFIX}.*R999.*${STAFF_NOTE_SEPARATOR}staff: new lady, ID pending$`,
        's',
      ),
    );
    expect(marked['Pieces!B6']?.fill).toBe('FFFDE2E1');
    expect(marked['Pieces!F2']?.fill).toBeNull();

    const workbook = await XlsxWorkbook.open(work, { timeZone: 'Asia/Shanghai', envLang: 'en' });
    workbook.markCells({ tab: 'Pieces', marks: [], clear: [{ row: 6, column: 2 }] });
    await workbook.save(work);
    expectUnownedPartsUntouched(true);
    const cleared = inspect('Pieces!B6').cells['Pieces!B6'];
    const before = JSON.parse(python('inspect_workbook.py', [original, 'Pieces!B6'])) as Inspected;
    expect(cleared).toEqual(before.cells['Pieces!B6']);
    expect(cleared?.note).toBe('staff: new lady, ID pending');
  });

  test('init --force (Set up on the existing workbook) edits only the source tabs', () => {
    const run = gongfang(['init', work, '--force'], { cwd: folder });
    expect(run.code).toBe(0);
    const before = storedEntries(original);
    const after = storedEntries(work);
    const sourceSheets = [1, 2, 3, 4, 5, 6].map((n) => `xl/worksheets/sheet${n}.xml`);
    const editable = new Set([...OWNED, ...piecesParts(), ...sourceSheets]);
    for (const [name, bytes] of before) {
      if (editable.has(name)) continue;
      expect({ name, same: after.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    }
    expect(python('well_formed.py', [work])).toBe('');
    const seen = inspect('Residents!B2', 'Pieces!D1');
    expect(seen.cells['Residents!B2']?.note).toBe('staff: prefers mornings');
    expect(seen.cells['Pieces!D1']?.value).toBe('Completed');
    expect(seen.charts).toEqual({ 'Staff notes': 1, 'Summary 2026-11': 2 });
  });

  const noOffice = sofficeMissing();
  if (noOffice) console.log(`LibreOffice check skipped: ${noOffice}`);
  (noOffice ? test.skip : test)('LibreOffice opens the result and converts it', () => {
    const out = path.join(folder, 'pdf');
    const run = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(folder, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        work,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    expect(fs.statSync(path.join(out, 'work.pdf')).size).toBeGreaterThan(1000);
  });
});
