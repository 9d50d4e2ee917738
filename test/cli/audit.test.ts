/**
 * Issue 20 on .xlsx, through the built `gongfang` command: each run that writes the workbook
 * keeps the source tabs' rows and records on 审计 / Audit what changed since the last one (tab,
 * row, old → new, who and when as the file records it); a plain `check` prints those changes and
 * writes nothing (not a byte, not the modified time); a closed month's changes say who;
 * Gongfang's own writes log themselves; Closings, Audit and the generated tabs are protected.
 * Files are edited and read back by openpyxl, saved by LibreOffice, and LibreOffice is made to
 * type into the protected tabs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import JSZip from 'jszip';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { closedYearTabs } from '../support/yearLedger';
import { fileHash, gongfang, tempFolder } from './helpers';

const PYTHON = '/usr/bin/python3';
const hasSoffice = spawnSync('which', ['soffice']).status === 0;
if (!hasSoffice && !process.env.CI) console.log('LibreOffice round trip skipped: no soffice');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const missing = (module: string): boolean =>
  spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status !== 0;
const noOpenpyxl = missing('openpyxl');
if (noOpenpyxl && !process.env.CI)
  console.log('.xlsx audit tests skipped: python3-openpyxl missing');
const describeIf = noOpenpyxl && !process.env.CI ? describe.skip : describe;

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const today = '2026-12-03';
type Json = Record<string, any>;
const run = (...args: string[]) => gongfang([...args, '--today', today], { cwd: folder });

function python(script: string, args: readonly string[]): string {
  const result = spawnSync(PYTHON, [path.join(FIXTURES, script), ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`${script}: ${result.stderr}`);
  return result.stdout;
}

/** A colleague's edit in Excel: openpyxl edits and saves, recording who and when. */
function editAsStaff(file: string, change: Json): Record<string, [string, boolean]> {
  return JSON.parse(python('edit_as_staff.py', [file, JSON.stringify(change)]));
}

/** The snapshot tab's part (its XML, byte for byte) as the file holds it. */
async function snapshotPart(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const id = /<sheet [^>]*name="Audit snapshot"[^>]*r:id="([^"]+)"/.exec(workbookXml)?.[1];
  const relation = (rels.match(/<Relationship [^>]*>/g) ?? []).find((r) =>
    r.includes(`Id="${id}"`),
  );
  const target = /Target="([^"]+)"/.exec(relation ?? '')?.[1] ?? '';
  return zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
}

/** The Audit tab's rows below its header, as openpyxl reads them. */
function auditRows(file: string): Json[] {
  const script = `
import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1])['Audit']
rows = [list(r) for r in ws.iter_rows(values_only=True)]
print(json.dumps([dict(zip(rows[0], r)) for r in rows[1:]], ensure_ascii=False))`;
  const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/** The file's bytes and modified time, to show a run left it alone. */
function untouched(file: string): string {
  return `${fileHash(file)} ${fs.statSync(file).mtimeMs}`;
}

describeIf('the .xlsx change log', () => {
  it('records what changed between two writing runs, who and when as the file says; check prints it', async () => {
    const file = await writeEnglishSerial(folder);
    // The first writing run starts the log: Audit made, the rows kept (a hidden, protected tab).
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const tabs = editAsStaff(file, {
      who: '王老师',
      when: '2026-11-20T02:05:00',
      set: [
        ['Pieces', 'D3', 1001],
        ['Orders', 'E2', 0.6],
      ],
      deleteRows: [['Pieces', 5, 1]],
      append: [['Pieces', [46336, 'R002', 'O001', 5, 0, 'Li', '', '9']]],
    });
    expect(tabs['Audit']).toEqual(['visible', true]);
    expect(tabs['Audit snapshot']).toEqual(['hidden', true]);
    expect(tabs['Audit snapshot text']).toEqual(['hidden', true]);
    const checked = run('check', 'english.xlsx');
    expect(checked.stdout).toContain(
      '4 rows changed since the last run that wrote the workbook (last saved by 王老师 (as the file records it), 2026-11-20 10:05:00):',
    );
    expect(checked.stdout).toContain('changed in the file Pieces D3 (1000 → 1001)');
    expect(checked.stdout).toContain('check only reads: the next command that writes');
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const rows = auditRows(file);
    const by = (record: string) => rows.find((row) => row.Record === record);
    expect(by('O001')).toMatchObject({
      Time: '2026-11-20 10:05:00',
      User: '王老师 (as the file records it)',
      Action: 'changed in the file',
      Tab: 'Orders',
      Range: 'E2',
      'Old value': '0.015',
      'New value': '0.6',
      Flags: 'pay rate',
    });
    expect(by('2')).toMatchObject({ Range: 'D3', 'Old value': '1000', 'New value': '1001' });
    expect(by('4')).toMatchObject({ Action: 'removed in the file', Range: '5:5' });
    expect(String(by('4')?.['Old value'])).toContain('Completed: 7');
    expect(by('9')).toMatchObject({ Action: 'added in the file', Tab: 'Pieces' });
    // Nothing changed since: check prints no changes.
    const again = run('check', 'english.xlsx', '--json');
    expect(JSON.parse(again.stdout).changedSinceLastRun).toEqual([]);
  });

  it('its snapshot tab deleted: check says the changes cannot be listed; one Audit row says so', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    // Unhidden and deleted by a colleague, with a change the log can no longer see.
    editAsStaff(file, {
      who: '王老师',
      when: '2026-11-20T02:05:00',
      set: [['Pieces', 'D3', 1001]],
      deleteTabs: ['Audit snapshot'],
    });
    const checked = run('check', 'english.xlsx');
    expect(checked.stdout).toContain(
      'No Audit snapshot tab (deleted, damaged, or never kept in this file): what changed since the last run that wrote the workbook cannot be listed. The next command that writes the workbook records this on the Audit tab and starts the log again.',
    );
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(auditRows(file).at(-2)).toMatchObject({
      Time: '2026-11-20 10:05:00',
      User: '王老师 (as the file records it)',
      Action: 'change log restarted',
    });
    // Said once: the log goes on from the snapshot this run kept.
    expect(run('check', 'english.xlsx').stdout).not.toContain('No Audit snapshot tab');
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const restarts = auditRows(file).filter((row) => row.Action === 'change log restarted');
    expect(restarts).toHaveLength(1);
  });

  it('its Audit tab deleted: check says so; the tab made again starts with a row saying so', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    editAsStaff(file, { who: '王老师', set: [['Pieces', 'D3', 1001]], deleteTabs: ['Audit'] });
    expect(run('check', 'english.xlsx').stdout).toContain(
      'The Audit tab is missing (deleted or renamed): the earlier record of changes is no longer in it. The next command that writes the workbook makes the Audit tab again, its first row saying so.',
    );
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const rows = auditRows(file);
    expect(rows.map((row) => row.Action)).toEqual([
      'change log restarted',
      'changed in the file',
      'generate',
    ]);
    expect(rows[0]).toMatchObject({
      User: '王老师 (as the file records it)',
      Details:
        'The Audit tab was missing (deleted or renamed): the earlier rows are no longer in it; made again, recording from this run',
    });
    expect(run('check', 'english.xlsx').stdout).not.toContain('The Audit tab is missing');
  });

  it('rows removed from Audit in the file: check says so; the next writing run records it once', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    editAsStaff(file, { who: '王老师', set: [['Pieces', 'D3', 1001]] });
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(auditRows(file).map((row) => row.Action)).toEqual([
      'generate',
      'changed in the file',
      'generate',
    ]);
    // Its protection lifted, the row that showed the change to Pieces is deleted.
    editAsStaff(file, { who: '小李', deleteRows: [['Audit', 3, 1]] });
    expect(run('check', 'english.xlsx').stdout).toContain(
      'The Audit tab was changed in the file: rows it had when the workbook was last written were removed or edited (Gongfang only ever adds rows at its end). The next command that writes the workbook records this on the Audit tab.',
    );
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(auditRows(file).at(-2)).toMatchObject({
      User: '小李 (as the file records it)',
      Action: 'change log restarted',
      Details:
        'The Audit tab was changed in the file: rows it had at the last run were removed or edited (Gongfang only ever adds rows); recording goes on below',
    });
    // Said once: the Audit as that run left it is the one the next run must find.
    expect(run('check', 'english.xlsx').stdout).not.toContain('The Audit tab was changed');
    // An edited value is found as a removed row is.
    editAsStaff(file, { set: [['Audit', 'B2', 'someone else']] });
    expect(run('check', 'english.xlsx').stdout).toContain('The Audit tab was changed in the file');
  });

  it('a column inserted in the middle of Pieces: only the cells typed are changes, under their headers', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    editAsStaff(file, {
      insertCols: [['Pieces', 4, 'Team']],
      set: [
        ['Pieces', 'D3', 'A'],
        ['Pieces', 'E2', 150],
      ],
    });
    const checked = JSON.parse(run('check', 'english.xlsx', '--json').stdout);
    const changes = checked.changedSinceLastRun.map((c: Json) => [c.row, c.cells]);
    expect(changes).toEqual([
      [2, [{ column: 5, header: 'Completed', before: '100', after: '150' }]],
      [3, [{ column: 4, header: 'Team', before: '', after: 'A' }]],
    ]);
  });

  it('a save that records no one is "unknown (not in the file)", not Sheets’ domain words', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    // openpyxl saves with no lastModifiedBy at all, as some tools do.
    editAsStaff(file, { who: null, set: [['Pieces', 'D3', 1001]] });
    const unknown = 'unknown (not in the file)';
    expect(run('check', 'english.xlsx').stdout).toContain(`(last saved by ${unknown},`);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const changed = auditRows(file).find((row) => row.Range === 'D3');
    expect(changed).toMatchObject({ User: unknown, Action: 'changed in the file' });
  });

  it('check in English on a Chinese ledger names who saved in English, not the ledger’s words', async () => {
    const book = new ExcelWorkbook();
    for (const [name, rows] of Object.entries(closedYearTabs('zh'))) {
      const ws = book.addWorksheet(name);
      for (const row of rows) ws.addRow(row);
    }
    const file = path.join(folder, '台账.xlsx');
    await book.xlsx.writeFile(file);
    const late = ['--today', '2026-12-31'];
    const at = (...args: string[]) => gongfang([...args, ...late], { cwd: folder }).stdout;
    at('generate', '台账.xlsx', '--month', '2026-12');
    editAsStaff(file, { who: '王老师', when: '2026-12-02T02:05:00', set: [['计件', 'D600', 7]] });
    const en = at('check', '台账.xlsx', '--lang', 'en');
    expect(en).toContain('(last saved by 王老师 (as the file records it), 2026-12-02 10:05:00)');
    expect(en).not.toContain('文件记录');
    editAsStaff(file, { who: null, set: [['计件', 'D600', 8]] });
    const unknown = at('check', '台账.xlsx', '--lang', 'en');
    expect(unknown).toContain('(last saved by unknown (not in the file),');
  });

  it('a closed month’s changed rows say who and when; the flag names the month', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', 'Li').code).toBe(0);
    // Saved late on the closing's day (its time is the real time of day: --today moves the date).
    editAsStaff(file, { who: 'Zhao', when: '2026-12-03T15:59:00', set: [['Pieces', 'D4', 13]] });
    // Said by a plain check, which writes nothing, and recorded by check --mark, which writes.
    for (const args of [[], ['--mark']]) {
      const checked = run('check', 'english.xlsx', ...args);
      expect(checked.stdout).toContain(
        'Changes to 2026-11 after its closing (from the Audit tab):',
      );
      expect(checked.stdout).toMatch(
        /2026-12-03 23:59:00 Zhao \(as the file records it\) changed in the file Pieces D4 \(12 → 13\)/,
      );
    }
    expect(auditRows(file).at(-1)).toMatchObject({ Flags: 'closed month 2026-11' });
  });

  it('a closed month’s changes leave out rows removed from another month', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('close', 'english.xlsx', '--month', '2026-10', '--by', 'Li').code).toBe(0);
    // October's row changed; a November row (open) removed as a duplicate, in the same save.
    editAsStaff(file, {
      who: 'Zhao',
      when: '2026-12-03T15:59:00',
      set: [['Pieces', 'D2', 150]],
      deleteRows: [['Pieces', 5, 1]],
    });
    const checked = run('check', 'english.xlsx').stdout;
    const from = checked.indexOf('Changes to 2026-10 after its closing');
    const section = checked.slice(from, checked.indexOf('\n\n', from));
    expect(section).toMatch(/changed in the file Pieces D2 \(100 → 150\)/);
    // The file knows the removed row's date: 2026-11-06, not a cause of October's change.
    expect(section).not.toContain('removed in the file');
  });

  it('logs Gongfang’s own writes: generate, close, reopen, corrections', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', 'Li').code).toBe(0);
    expect(
      run(
        'reopen',
        'english.xlsx',
        '--month',
        '2026-11',
        '--reason',
        'missed a slip',
        '--by',
        'Wang',
      ).code,
    ).toBe(0);
    const actions = auditRows(file).map((row) => [row.Action, row.Tab]);
    expect(actions).toEqual([
      ['generate', 'Payout 2026-11'],
      ['close month', 'Closings'],
      ['reopen month', 'Closings'],
    ]);
    // Who reopened, as --by says (the user column is the computer's account, shared by staff).
    expect(auditRows(file).at(-1)?.Details).toBe(
      '2026-11 reopened: missed a slip; reopened by Wang',
    );
  });

  it('a plain check only reads: the file stays as it was, and the next generate records the changes once', async () => {
    const file = await writeEnglishSerial(folder);
    // A plain check on a workbook without a change log starts none: it writes nothing.
    const fresh = untouched(file);
    expect(run('check', 'english.xlsx').code).toBe(0);
    expect(untouched(file)).toBe(fresh);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    editAsStaff(file, { who: 'Zhao', set: [['Pieces', 'D3', 999]] });
    const edited = untouched(file);
    for (let i = 0; i < 2; i += 1) {
      const checked = run('check', 'english.xlsx', '--json');
      expect(JSON.parse(checked.stdout).changedSinceLastRun).toMatchObject([
        { kind: 'changed', tab: 'pieces', row: 3, cells: [{ before: '1000', after: '999' }] },
      ]);
      expect(untouched(file)).toBe(edited);
    }
    expect(run('check', 'english.xlsx').stdout).toContain(
      'changed in the file Pieces D3 (1000 → 999)',
    );
    expect(untouched(file)).toBe(edited);
    // Recorded by the next writing run, once; the one after finds nothing new.
    for (let i = 0; i < 2; i += 1) {
      expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    }
    const recorded = auditRows(file).filter((row) => row.Action === 'changed in the file');
    expect(recorded).toEqual([expect.objectContaining({ Range: 'D3', 'New value': '999' })]);
    expect(JSON.parse(run('check', 'english.xlsx', '--json').stdout).changedSinceLastRun).toEqual(
      [],
    );
  });

  it('an unchanged workbook: generate writes the snapshot only when a source tab changed', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const first = await snapshotPart(file);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    // Byte for byte: the part as it was.
    expect(await snapshotPart(file)).toBe(first);
    editAsStaff(file, { set: [['Pieces', 'D3', 999]] });
    const afterEdit = await snapshotPart(file);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(await snapshotPart(file)).not.toBe(afterEdit);
  });

  it('survives LibreOffice saving the workbook: nothing reported as changed, then an edit is', async () => {
    if (!hasSoffice) return;
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    const converted = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(folder, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'xlsx',
        '--outdir',
        path.join(folder, 'lo'),
        file,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(converted.status).toBe(0);
    const saved = path.join(folder, 'lo', 'english.xlsx');
    const check = () =>
      JSON.parse(run('check', path.join('lo', 'english.xlsx'), '--json').stdout)
        .changedSinceLastRun;
    expect(check()).toEqual([]);
    // Audit as LibreOffice saves it is the Audit Gongfang wrote: not taken for an edited one.
    expect(run('check', path.join('lo', 'english.xlsx')).stdout).not.toContain(
      'The Audit tab was changed',
    );
    editAsStaff(saved, { set: [['Orders', 'E2', 0.02]] });
    expect(check()).toMatchObject([
      { kind: 'changed', tab: 'orders', row: 2, cells: [{ before: '0.015', after: '0.02' }] },
    ]);
  });

  it('prints Audit as an auditor needs it: every column on one landscape page, header on each', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    // As openpyxl, which we did not write, reads the page setup.
    const script = `
import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1])['Audit']
print(json.dumps([ws.page_setup.orientation, ws.sheet_properties.pageSetUpPr.fitToPage,
                  ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.print_title_rows]))`;
    const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    expect(JSON.parse(result.stdout)).toEqual(['landscape', true, 1, 0, '$1:$1']);
  });

  it('protects Closings, Audit and the generated tabs; source tabs stay open', async () => {
    const file = await writeEnglishSerial(folder);
    expect(run('generate', 'english.xlsx', '--month', '2026-11').code).toBe(0);
    expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', 'Li').code).toBe(0);
    const tabs = editAsStaff(file, {});
    expect(tabs).toMatchObject({
      Pieces: ['visible', false],
      Settings: ['visible', false],
      'Payout 2026-11': ['visible', true],
      'Payslips 2026-11': ['visible', true],
      'Summary 2026-11': ['visible', true],
      Closings: ['visible', true],
      Audit: ['visible', true],
      'Audit snapshot': ['hidden', true],
      'Audit snapshot text': ['hidden', true],
    });
  });

  const noUno = missing('uno');
  if (noUno && !process.env.CI) console.log('LibreOffice typing test skipped: python3-uno missing');
  (noUno && !process.env.CI ? it.skip : it)(
    'LibreOffice refuses typing into Closings, Audit and a payout, and allows it in Pieces',
    async () => {
      const file = await writeEnglishSerial(folder);
      expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', 'Li').code).toBe(0);
      const report = JSON.parse(
        python('lo_try_edit.py', [
          file,
          path.join(folder, 'lo-profile'),
          'Closings',
          'Audit',
          'Payout 2026-11',
          'Pieces',
        ]),
      );
      expect(report).toEqual({
        Closings: { protected: true, changed: false },
        Audit: { protected: true, changed: false },
        'Payout 2026-11': { protected: true, changed: false },
        Pieces: { protected: false, changed: true },
      });
    },
    240_000,
  );
});
