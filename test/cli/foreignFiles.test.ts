/**
 * Never replace what Gongfang did not write (docs/files.md, "Files and tabs gongfang did not
 * write"), through the built command on files edited with openpyxl (as staff's Excel would):
 * a staff tab named like a generated one, a ledger or a hand-edited report at a partner
 * report's name, another partner's report, tabs and reports made by an earlier version
 * (recognised, and marked from then on), partner names too long for a file name, and one
 * partner's failure not stopping the others.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import { fileHash, gongfang, tempFolder } from './helpers';

jest.setTimeout(300_000);

const PYTHON = '/usr/bin/python3';
const TODAY = '2026-11-28';
const skip =
  spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0
    ? null
    : `openpyxl is not importable by ${PYTHON}`;
if (skip) console.log(`foreign-file tests skipped: ${skip}`);
const withOpenpyxl = skip ? test.skip : test;
const hasSoffice = spawnSync('which', ['soffice']).status === 0;

let made: string;
let folder: string;
beforeAll(() => {
  made = tempFolder('gongfang-foreign-made-');
  expect(gongfang(['demo', '--today', TODAY, '--out', 'demo.xlsx'], { cwd: made }).code).toBe(0);
});
afterAll(() => fs.rmSync(made, { recursive: true, force: true }));
beforeEach(() => {
  folder = tempFolder('gongfang-foreign-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const at = (name: string) => path.join(folder, name);

function python(script: string, ...args: string[]): string {
  const result = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout;
}

function demo(name = 'ledger.xlsx'): string {
  fs.copyFileSync(path.join(made, 'demo.xlsx'), at(name));
  return at(name);
}

function run(args: readonly string[], lang: 'en' | 'zh' = 'en', today = TODAY) {
  return gongfang([...args, '--today', today], { cwd: folder, lang });
}

const GENERATE_CHECK_INIT = [
  ['generate', 'ledger.xlsx', '--month', '2026-11'],
  ['check', 'ledger.xlsx'],
  ['init', 'ledger.xlsx', '--force'],
];

/**
 * Each command stops, exit 2, saying exactly `stderr`; the file is left as it was. Returns the
 * file's hash, for commands checked after.
 */
function expectEachStops(file: string, commands: string[][], stderr: string): string {
  const before = fileHash(file);
  for (const args of commands) {
    const result = run(args);
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr });
  }
  expect(fileHash(file)).toBe(before);
  return before;
}

/** Opens `file` in LibreOffice headless and saves it as .xlsx into lo/ (calculated, as Calc saves). */
function saveWithLibreOffice(file: string): void {
  const converted = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${at('profile')}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      at('lo'),
      file,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(converted.status).toBe(0);
}

/** Cell A1..B2 of a tab, and the tab names, as openpyxl reads them. */
function read(file: string, tab: string): { tabs: string[]; a1: unknown; notes: string[] } {
  return JSON.parse(
    python(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]] if sys.argv[2] in wb.sheetnames else None
notes = [c.comment.text for row in ws.iter_rows() for c in row if c.comment] if ws else []
print(json.dumps({'tabs': wb.sheetnames, 'a1': ws['A1'].value if ws else None, 'notes': notes}))
`,
      file,
      tab,
    ),
  ) as { tabs: string[]; a1: unknown; notes: string[] };
}

/** The sheet-local defined names Gongfang marks its tabs with, by tab. */
function markedTabs(file: string): string[] {
  return JSON.parse(
    python(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps(sorted(wb.sheetnames[d.localSheetId] for d in wb.defined_names.definedName if d.name == '_Gongfang_Generated')))
`,
      file,
    ),
  ) as string[];
}

// Staff rename tabs (Residents → Residents list, 计件 → 计件 2026). The command said the tab
// was missing and to run init --force, which added an empty Residents tab beside the renamed
// one: every row then cited a resident who did not exist (944 errors on the demo).
describe('a source tab renamed in Excel', () => {
  withOpenpyxl('is named, with the name to give it back; init is not suggested', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Residents'].title = 'Residents list 2026'
wb['Pieces'].sheet_state = 'hidden'
wb.move_sheet('Pieces', offset=-3)
wb.save(sys.argv[1])
`,
      file,
    );
    const before = fileHash(file);
    const english = run(['generate', 'ledger.xlsx', '--month', '2026-10']);
    expect(english.code).toBe(2);
    expect(english.stderr).toBe(
      'gongfang: The workbook has no "Residents" tab; the tab "Residents list 2026" has its headers, so it was probably renamed. Rename "Residents list 2026" back to "Residents", then run the command again.\n',
    );
    const chinese = run(['close', 'ledger.xlsx', '--month', '2026-10'], 'zh');
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain(
      '工作簿里没有「居民」工作表；「Residents list 2026」的表头和它一样，可能是改了名字。请把「Residents list 2026」改回「居民」',
    );
    expect(fileHash(file)).toBe(before);
    // A tab really missing (no tab has its headers) is still Set up's to add.
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
del wb['Residents list 2026']
wb.save(sys.argv[1])
`,
      file,
    );
    expect(run(['check', 'ledger.xlsx']).stderr).toContain(
      'The workbook has no "Residents" tab. Run gongfang init ledger.xlsx --force',
    );
  });

  // Adjustments renamed was read as no Adjustments tab: generate paid no adjustment at all
  // (net pay ¥22,864.95 instead of ¥22,941.25 on the demo's November), saying nothing.
  withOpenpyxl('Adjustments renamed: nothing is paid without them, nor an empty tab added', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Adjustments'].title = 'Adjustments 2026'
wb.save(sys.argv[1])
`,
      file,
    );
    const said =
      'gongfang: The workbook has no "Adjustments" tab; the tab "Adjustments 2026" has its headers, so it was probably renamed. Rename "Adjustments 2026" back to "Adjustments", then run the command again.\n';
    expectEachStops(file, GENERATE_CHECK_INIT, said);
  });
});

// A required column's header typed over in Excel (Resident as "Resident no.", 居民编号 as 编号):
// the tab was read as lacking the column, generate paid ¥0.00 of piece pay, and check said to
// run init --force, which added an empty Resident column beside it: every row then lacked its
// resident.
describe('a column whose header was typed over', () => {
  withOpenpyxl('stops every command, naming the header to type back', () => {
    const file = demo();
    const header = (text: string) =>
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Pieces']['B1'] = sys.argv[2]
wb.save(sys.argv[1])
`,
        file,
        text,
      );
    header('Resident no.');
    const before = expectEachStops(
      file,
      GENERATE_CHECK_INIT,
      'gongfang: "Pieces" has no "Resident" column, so none of the tab\'s rows were read; the column "Resident no." in its place probably had its header changed. Type "Resident" back as that header, then run the command again.\n',
    );
    expect(run(['close', 'ledger.xlsx', '--month', '2026-10'], 'zh').stderr).toContain(
      '「Pieces」没有「Resident」列，所以这张表一行也没有读到；在它位置上的「Resident no.」列可能是改了表头。请把表头「Resident no.」改回「Resident」',
    );
    expect(fileHash(file)).toBe(before);
    // A header with nothing of the column's name is not taken for it: the column is missing.
    header('Worker');
    const checked = run(['check', 'ledger.xlsx']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('"Pieces" has no "Resident" column, so the tab was not read');
  });

  // An optional column typed over was read as absent, and no check said so: no order's quantity.
  withOpenpyxl('an optional one: check says which header to type back; the others carry on', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Orders']['G1'] = 'Quantity (pcs)'
wb.save(sys.argv[1])
`,
      file,
    );
    const said =
      '"Orders" has no "Quantity" column; the column "Quantity (pcs)" in its place probably had its header changed, and was not read. Type "Quantity" back as that header (init --force would only add an empty "Quantity" beside it).';
    expect(run(['check', 'ledger.xlsx']).stdout).toContain(said);
    expect(run(['check', 'ledger.xlsx'], 'zh').stdout).toContain(
      '「Orders」没有「Quantity」列；在它位置上的「Quantity (pcs)」列可能是改了表头，没有被读到。',
    );
    expect(run(['generate', 'ledger.xlsx', '--month', '2026-11']).code).toBe(0);
    expect(run(['check', 'ledger.xlsx']).stdout).toContain(said);
  });
});

// A required column deleted in Excel (Rejected: "we never have rejects"): generate wrote a
// payout of ¥0.00 piece pay, saying "Rows left out of pay because of errors: 2" of a thousand.
describe('a required column deleted', () => {
  withOpenpyxl('generate and partners stop, saying init --force adds it; check lists it', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Pieces'].delete_cols(5)
wb.save(sys.argv[1])
`,
      file,
    );
    expectEachStops(
      file,
      [
        ['generate', 'ledger.xlsx', '--month', '2026-11'],
        ['partners', 'ledger.xlsx', '--month', '2026-11', '--out-dir', '.'],
      ],
      'gongfang: "Pieces" has no "Rejected" column, so none of its rows could be read, and nothing was written (every one of them would be missing). Run gongfang init ledger.xlsx --force to add the column, fill it in, then run the command again.\n',
    );
    expect(run(['check', 'ledger.xlsx']).stdout).toContain(
      '"Pieces" has no "Rejected" column, so the tab was not read',
    );
    // Added back (empty: no rejects), the month is generated.
    expect(run(['init', 'ledger.xlsx', '--force']).code).toBe(0);
    expect(run(['generate', 'ledger.xlsx', '--month', '2026-11']).code).toBe(0);
  });
});

// A title row typed above the headers (as printed forms have): Pieces read as having no
// header, none of its rows counted. generate paid ¥0.00 of piece pay saying "2 rows left out",
// and the advice, init --force, answered "already set up" and changed nothing.
describe('a source tab whose headers are below row 1', () => {
  withOpenpyxl('stops every command, saying which row holds them and what to delete', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Pieces']
ws.insert_rows(1, 2)
ws['A1'] = 'Xingfuli workshop: pieces handed in'
wb.save(sys.argv[1])
`,
      file,
    );
    const before = expectEachStops(
      file,
      GENERATE_CHECK_INIT,
      'gongfang: The headers of "Pieces" are in row 3, but Gongfang looks for them in row 1 only, so none of the tab\'s rows were read. Delete the rows above the headers (a title row, say) so that they are in row 1, then run the command again.\n',
    );
    expect(run(['close', 'ledger.xlsx', '--month', '2026-10'], 'zh').stderr).toContain(
      '「Pieces」的表头在第 3 行，但工坊只在第 1 行找表头',
    );
    expect(fileHash(file)).toBe(before);
  });

  // Headers deleted (row 1 is data): check says to run init --force, which said "already set
  // up: no tab, column or setting to add" although it had left Pieces alone.
  withOpenpyxl('without headers at all, init says it left the tab alone and why', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Pieces'].delete_rows(1)
wb.save(sys.argv[1])
`,
      file,
    );
    const before = fileHash(file);
    expect(run(['check', 'ledger.xlsx']).stdout).toContain('Run gongfang init ledger.xlsx --force');
    const init = run(['init', 'ledger.xlsx', '--force']);
    expect(init.code).toBe(0);
    expect(init.stdout).toBe(
      'Row 1 of "Pieces" has content but no header Gongfang recognises, so this tab was left alone. Insert a header row above it and run Set up again.\n',
    );
    expect(fileHash(file)).toBe(before);
  });
});

describe('a tab named like a generated one that Gongfang did not make', () => {
  withOpenpyxl('is refused with the reason; its content stays; --force replaces it', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('Payout 2026-10')
ws['A1'] = 'Cash paid by hand, October'
wb.save(sys.argv[1])
`,
      file,
    );
    const before = fileHash(file);
    const english = run(['generate', 'ledger.xlsx', '--month', '2026-10']);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(
      '"ledger.xlsx" was not written: it already has a tab named "Payout 2026-10" that gongfang did not generate',
    );
    expect(english.stderr).toContain('Rename that tab');
    expect(english.stderr).toContain('--force');
    const chinese = run(['generate', 'ledger.xlsx', '--month', '2026-10'], 'zh');
    expect(chinese.stderr).toContain(
      '已有一个名为「Payout 2026-10」的工作表，但不是 gongfang 生成的',
    );
    expect(fileHash(file)).toBe(before);
    expect(read(file, 'Payout 2026-10').a1).toBe('Cash paid by hand, October');
    // The month's other tabs are Gongfang's own (marked) and are replaced as always.
    expect(run(['generate', 'ledger.xlsx', '--month', '2026-11']).code).toBe(0);
    const forced = run(['generate', 'ledger.xlsx', '--month', '2026-10', '--force']);
    expect(forced.stderr).toBe('');
    expect(read(file, 'Payout 2026-10').a1).toBe('Payout 2026-10');
    expect(markedTabs(file)).toEqual(
      expect.arrayContaining(['Payout 2026-10', 'Payout 2026-11', 'Summary 2026-10']),
    );
  });

  withOpenpyxl('gongfang year refuses a staff tab named Year 2026 too; --force replaces it', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb.create_sheet('Year 2026')['A1'] = 'Our own notes on the year'
wb.save(sys.argv[1])
`,
      file,
    );
    const before = fileHash(file);
    const refused = run(['year', 'ledger.xlsx', '--year', '2026']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a tab named "Year 2026" that gongfang did not generate');
    expect(refused.stderr).toContain('gongfang year');
    expect(fileHash(file)).toBe(before);
    const forced = run(['year', 'ledger.xlsx', '--year', '2026', '--force']);
    expect(forced.stderr).toBe('');
    expect(read(file, 'Year 2026').a1).toBe('Net pay 2026');
    expect(markedTabs(file)).toEqual(
      expect.arrayContaining(['Year 2026', 'Statements 2026', 'Impact 2026']),
    );
    // Marked now: the next run replaces it without --force.
    expect(run(['year', 'ledger.xlsx', '--year', '2026']).code).toBe(0);
  });

  withOpenpyxl('close refuses it too, and leaves the month open', async () => {
    await writeEnglishSerial(folder, 'clean.xlsx');
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb.create_sheet('Summary 2026-11')['A1'] = 'Our own summary for the street office'
wb.save(sys.argv[1])
`,
      at('clean.xlsx'),
    );
    const before = fileHash(at('clean.xlsx'));
    const close = run(['close', 'clean.xlsx', '--month', '2026-11'], 'en', '2026-12-05');
    expect(close.code).toBe(2);
    expect(close.stderr).toContain('tab named "Summary 2026-11" that gongfang did not generate');
    expect(fileHash(at('clean.xlsx'))).toBe(before);
  });

  withOpenpyxl(
    'tabs generated before tabs were marked are recognised by their layout, and marked',
    () => {
      const file = demo();
      stripMarks(file);
      expect(markedTabs(file)).toEqual([]);
      const again = run(['generate', 'ledger.xlsx', '--month', '2026-11']);
      expect(again.stderr).toBe('');
      expect(markedTabs(file)).toEqual(['Payout 2026-11', 'Payslips 2026-11', 'Summary 2026-11']);
    },
  );

  withOpenpyxl(
    '… also payslips in their layout before issue 22 (a labels row over each strip)',
    () => {
      const file = demo();
      stripMarks(file);
      // As the release before issue 22 wrote them: title, a blank row, then per strip a labels
      // row (Month, ID, Name, …) over the resident's row and one row per order.
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Payslips 2026-11']
title = ws['A1'].value
ws.delete_rows(2, ws.max_row)
rows = [
    [],
    ['Month', 'ID', 'Name', 'Accepted', 'Rejected', 'Pay rate', 'Piece pay', 'Adjustments', 'Net pay', 'Signature'],
    ['2026-11', 'R001', 'Wang Xiuying', 4102, 33, None, 437.75, 50, 487.75],
    [None, 'O001', 'Rhinestone hair clips', 4102, 33, 0.03, 123.06],
]
for r, row in enumerate(rows, start=2):
    for c, value in enumerate(row, start=1):
        ws.cell(r, c, value)
wb.save(sys.argv[1])
print(title)
`,
        file,
      );
      const again = run(['generate', 'ledger.xlsx', '--month', '2026-11']);
      expect(again.stderr).toBe('');
      expect(markedTabs(file)).toContain('Payslips 2026-11');
    },
  );

  (hasSoffice && !skip ? test : test.skip)(
    '… also after LibreOffice saved them (shared strings instead of inline ones)',
    () => {
      const file = demo('old.xlsx');
      stripMarks(file);
      saveWithLibreOffice(file);
      const again = run(['generate', 'lo/old.xlsx', '--month', '2026-11']);
      expect(again.stderr).toBe('');
      expect(markedTabs(at('lo/old.xlsx'))).toEqual(
        expect.arrayContaining(['Payout 2026-11', 'Summary 2026-11']),
      );
    },
  );
});

// A formula written by openpyxl, exceljs or a script has no result stored: only Excel, WPS and
// LibreOffice calculate. It read as an empty cell: "Completed is missing" for =277*1, and a
// Rejected formula counted as 0, while Excel shows the number.
describe('a formula in a source tab that no program has calculated', () => {
  (hasSoffice && !skip ? test : test.skip)(
    'is named, with what to do; once LibreOffice has saved the file, its result is read',
    () => {
      const file = demo();
      const figures = (name: string) => {
        const result = run(['generate', name, '--month', '2026-11', '--json']);
        expect(result.stderr).toBe('');
        return (JSON.parse(result.stdout) as { figures: unknown }).figures;
      };
      const expected = figures(demo('untouched.xlsx'));
      // Completed as a formula giving the same count, and a Notes formula giving "".
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Pieces']
ws['D10'] = '=%d*1' % ws['D10'].value
ws['G12'] = '=""'
wb.save(sys.argv[1])
`,
        file,
      );
      const before = fileHash(file);
      const english = run(['generate', 'ledger.xlsx', '--month', '2026-11']);
      expect(english.code).toBe(2);
      expect(english.stderr).toBe(
        'gongfang: "ledger.xlsx": cell D10 of the "Pieces" tab holds a formula whose result was never calculated (the program that last saved the file does not calculate formulas), so gongfang cannot read its value; nothing was written. Open the workbook in Excel, WPS or LibreOffice and save it (the formulas are then calculated), then run the command again.\n',
      );
      const chinese = run(['check', 'ledger.xlsx'], 'zh');
      expect(chinese.code).toBe(2);
      expect(chinese.stderr).toContain(
        '「ledger.xlsx」的「Pieces」表 D10 格是公式，但文件里没有它算出的结果',
      );
      expect(fileHash(file)).toBe(before);
      saveWithLibreOffice(file);
      // Calculated (="" stored as an empty text result): read, and paid as before.
      expect(figures('lo/ledger.xlsx')).toEqual(expected);
    },
  );
});

// 20260901 typed into a Date cell (formatted yyyy-mm-dd, as Set up formats it) is stored as
// that number, past Excel's last date (9999-12-31): Excel shows ####. Check said
// "Invalid Date" is not a date, in English whatever the language, instead of what was typed.
describe('a date typed as digits into a date cell', () => {
  withOpenpyxl('is named as typed, in the sheet’s language', () => {
    const file = demo();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Pieces']
assert ws['A12'].number_format == 'yyyy-mm-dd'
ws['A12'] = 20261103
wb.save(sys.argv[1])
`,
      file,
    );
    const english = run(['check', 'ledger.xlsx']);
    expect(english.stdout).toContain(
      'Pieces, row 12, Date        "20261103" is not a date; type it like 2026-11-03',
    );
    expect(english.stdout).not.toContain('Invalid Date');
    const chinese = run(['check', 'ledger.xlsx'], 'zh');
    expect(chinese.stdout).toContain('日期「20261103」无法识别，请按 2026-11-03 的格式填写');
  });
});

// Adjustments made an Excel Table with its Total row (Table Design › Total Row): the total was
// read as an adjustment, "Total" is not a month and the resident missing; its month unknown, it
// kept every month from closing.
describe('an Excel Table with a Total row over a source tab', () => {
  (hasSoffice && !skip ? test : test.skip)('the Total row is not read as data', () => {
    const file = demo();
    const totalRow = python(
      `
import sys, openpyxl
from openpyxl.worksheet.table import Table, TableColumn
from openpyxl.worksheet.filters import AutoFilter
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Adjustments']
last = ws.max_row
ws.cell(last + 1, 1).value = 'Total'
ws.cell(last + 1, 3).value = '=SUBTOTAL(109,Adj[Amount])'
table = Table(displayName='Adj', ref='A1:E%d' % (last + 1), totalsRowCount=1)
table.autoFilter = AutoFilter(ref='A1:E%d' % last)
for i in range(5):
    column = TableColumn(id=i + 1, name=ws.cell(1, i + 1).value)
    if i == 0:
        column.totalsRowLabel = 'Total'
    if i == 2:
        column.totalsRowFunction = 'sum'
    table.tableColumns.append(column)
ws.add_table(table)
wb.save(sys.argv[1])
print(last + 1)
`,
      file,
    ).trim();
    // LibreOffice calculates the total and saves the table with it, as Excel would.
    saveWithLibreOffice(file);
    const table = python(
      `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Adjustments']
(t,) = ws.tables.values()
print(t.ref, t.totalsRowCount, ws['A' + sys.argv[2]].value)
`,
      at('lo/ledger.xlsx'),
      totalRow,
    ).trim();
    expect(table).toBe(`A1:E${totalRow} 1 Total`);
    const checked = run(['check', 'lo/ledger.xlsx']);
    expect(checked.stdout).toContain('Adjustments, row 8, Amount');
    expect(checked.stdout).not.toContain(`Adjustments, row ${totalRow}`);
    expect(checked.stdout).not.toContain('Total');
  });
});

// Staff freeze the ID and name columns of a wide tab. Set up (init --force, when a column is
// missing) froze the header row alone, unfreezing those columns; Sheets' setFrozenRows keeps them.
describe('Set up on a tab whose columns staff froze', () => {
  withOpenpyxl('keeps them frozen, with the header row', () => {
    const file = demo();
    const panes = () =>
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb['Pieces'].freeze_panes, wb['Orders'].freeze_panes)
`,
        file,
      ).trim();
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Pieces']
ws.freeze_panes = 'C2'
for row in range(1, ws.max_row + 1):
    ws.cell(row, 8).value = None
wb.save(sys.argv[1])
`,
      file,
    );
    expect(panes()).toBe('C2 A2');
    const setUp = run(['init', 'ledger.xlsx', '--force']);
    expect(setUp.code).toBe(0);
    expect(setUp.stdout).toContain('Added missing columns to "Pieces": Entry');
    expect(panes()).toBe('C2 A2');
  });
});

/** The workbook as an earlier version wrote it: no tab carries Gongfang's mark. */
function stripMarks(file: string): void {
  python(
    `
import re, sys, zipfile, shutil
source = sys.argv[1]
shutil.copyfile(source, source + '.orig')
zin = zipfile.ZipFile(source + '.orig')
with zipfile.ZipFile(source, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == 'xl/workbook.xml':
            data = re.sub(rb'<definedName name="_Gongfang_Generated"[^>]*>[^<]*</definedName>', b'', data)
        zout.writestr(info, data)
`,
    file,
  );
  fs.rmSync(`${file}.orig`);
}

// ---------------------------------------------------------------------------------------------

const REPORT = 'P01 Yiwu Jingcai Accessories Co. 2026-11.xlsx';

function partners(extra: readonly string[] = [], lang: 'en' | 'zh' = 'en') {
  return run(
    ['partners', 'ledger.xlsx', '--month', '2026-11', '--out-dir', 'reports', ...extra],
    lang,
  );
}

describe('partner reports replace only the report gongfang wrote for that partner', () => {
  // Every report refused (here: a ledger at each name; a read-only --out-dir does the same):
  // the command printed "Wrote 2026-11 reports for 0 partners" and "3 of 3 reports were not
  // written, for the reasons above; the others were."
  withOpenpyxl('when no report could be written, the command does not say the others were', () => {
    demo();
    fs.mkdirSync(at('reports'));
    const names = [
      REPORT,
      'P02 Yuxian Papercut Culture Co. 2026-11.xlsx',
      'P03 Suzhou Jinxiu Embroidery Works 2026-11.xlsx',
    ];
    for (const name of names) fs.copyFileSync(at('ledger.xlsx'), at(`reports/${name}`));
    const english = partners();
    expect(english.code).toBe(2);
    expect(english.stdout).toBe('');
    expect(english.stderr).toContain(
      'gongfang: None of the 3 reports was written, for the reasons above.\n',
    );
    expect(english.stderr).not.toContain('the others were');
    const chinese = partners([], 'zh');
    expect(chinese.stderr).toContain('gongfang: 3 份报表都没有写出，原因见上。\n');
    expect(chinese.stderr).not.toContain('其余的已写出');
  });

  withOpenpyxl(
    'a ledger saved under a report’s name is refused; the other partners get theirs',
    () => {
      demo();
      fs.mkdirSync(at('reports'));
      fs.copyFileSync(at('ledger.xlsx'), at(`reports/${REPORT}`));
      const before = fileHash(at(`reports/${REPORT}`));
      const result = partners();
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `"reports/${REPORT}" was not written: a file of that name is already there and is not a partner report gongfang wrote`,
      );
      expect(result.stderr).toContain('1 of 3 reports was not written');
      expect(fileHash(at(`reports/${REPORT}`))).toBe(before);
      expect(fs.readdirSync(at('reports')).sort()).toEqual([
        REPORT,
        'P02 Yuxian Papercut Culture Co. 2026-11.xlsx',
        'P03 Suzhou Jinxiu Embroidery Works 2026-11.xlsx',
      ]);
      const chinese = partners([], 'zh');
      expect(chinese.stderr).toContain('不是 gongfang 写出的合作单位报表');
      expect(partners(['--force']).code).toBe(0);
      expect(read(at(`reports/${REPORT}`), 'Progress').tabs).toEqual([
        'Progress',
        'Statement 2026-11',
      ]);
    },
  );

  withOpenpyxl('an untouched report is written again; a hand-edited one keeps its notes', () => {
    demo();
    expect(partners().code).toBe(0);
    expect(partners().code).toBe(0);
    // A note typed into the Statement, the report otherwise as it was (custom properties kept,
    // as Excel and LibreOffice keep them).
    python(
      `
import sys, zipfile, shutil
source = sys.argv[1]
shutil.copyfile(source, source + '.orig')
zin = zipfile.ZipFile(source + '.orig')
with zipfile.ZipFile(source, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == 'xl/worksheets/sheet2.xml':
            data = data.replace(b'</sheetData>', b'<row r="90"><c r="A90" t="inlineStr"><is><t>Paid half on 12-01</t></is></c></row></sheetData>')
        zout.writestr(info, data)
`,
      at(`reports/${REPORT}`),
    );
    fs.rmSync(at(`reports/${REPORT}.orig`));
    const edited = fileHash(at(`reports/${REPORT}`));
    const result = partners();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `"reports/${REPORT}" was not written: that report was changed after gongfang wrote it`,
    );
    expect(result.stderr).toContain('move or rename it');
    expect(fileHash(at(`reports/${REPORT}`))).toBe(edited);
    // Saved by openpyxl, which drops custom properties: still the report's tabs, still refused.
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb['Statement 2026-11']['J3'] = 'Paid half on 12-01, rest after delivery'
wb.save(sys.argv[1])
`,
      at(`reports/${REPORT}`),
    );
    const resaved = fileHash(at(`reports/${REPORT}`));
    expect(partners([], 'zh').stderr).toContain('这份报表在 gongfang 写出后被改过');
    expect(fileHash(at(`reports/${REPORT}`))).toBe(resaved);
    expect(partners(['--force']).code).toBe(0);
    expect(fileHash(at(`reports/${REPORT}`))).not.toBe(resaved);
  });

  withOpenpyxl(
    'a report by an earlier version (unmarked, never saved elsewhere) is replaced',
    () => {
      demo();
      expect(partners().code).toBe(0);
      // As earlier versions wrote it: no custom properties.
      python(
        `
import re, sys, zipfile, shutil
source = sys.argv[1]
shutil.copyfile(source, source + '.orig')
zin = zipfile.ZipFile(source + '.orig')
with zipfile.ZipFile(source, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == 'docProps/custom.xml':
            continue
        if info.filename in ('_rels/.rels', '[Content_Types].xml'):
            data = re.sub(rb'<[^>]*custom[-.]properties[^>]*/>', b'', data)
        zout.writestr(info, data)
`,
        at(`reports/${REPORT}`),
      );
      fs.rmSync(at(`reports/${REPORT}.orig`));
      const result = partners();
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );

  withOpenpyxl(
    'two partners whose names make one file name: the second never replaces the first',
    () => {
      const file = demo();
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Partners']
header = [c.value for c in ws[1]]
for partner_id in ('X/1', 'X:1'):
    row = [''] * len(header)
    row[header.index('ID')] = partner_id
    row[header.index('Name')] = 'Same Name Co.'
    row[header.index('Report')] = 'yes'
    ws.append(row)
wb.save(sys.argv[1])
`,
        file,
      );
      const result = partners();
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        '"reports/X_1 Same Name Co. 2026-11.xlsx" was not written: the file of that name is the report of another partner (X/1), not X:1\'s',
      );
      expect(fs.readdirSync(at('reports'))).toHaveLength(4);
    },
  );

  withOpenpyxl(
    'names too long for a file are shortened by bytes, keeping ID and month; all partners get a report',
    () => {
      const file = demo();
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Partners']
header = [c.value for c in ws[1]]
names = {'P01': 'Yiwu Jingcai ' + 'Accessories ' * 25, 'P02': '郁县剪纸文化' * 15}
for row in ws.iter_rows(min_row=2):
    partner_id = row[header.index('ID')].value
    if partner_id in names:
        row[header.index('Name')].value = names[partner_id]
wb.save(sys.argv[1])
`,
        file,
      );
      const result = partners(['--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const names = fs.readdirSync(at('reports')).sort();
      expect(names).toHaveLength(3);
      for (const name of names) {
        expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
        expect(name).toMatch(/^P0[123] .* 2026-11\.xlsx$/);
        expect(name).not.toContain('\ufffd');
      }
      expect(names[0]).toMatch(/^P01 Yiwu Jingcai Accessories .*… 2026-11\.xlsx$/);
      expect(names[1]).toMatch(/^P02 (郁县剪纸文化)+.*… 2026-11\.xlsx$/);
      expect(Buffer.byteLength(names[1] ?? '', 'utf8')).toBeGreaterThan(240);
      // Written again: found under the same shortened names, replaced.
      expect(partners().code).toBe(0);
      expect(fs.readdirSync(at('reports'))).toHaveLength(3);
    },
  );

  withOpenpyxl(
    'a partner ID entered twice: the message says why there is no report, and what to do',
    () => {
      const file = demo();
      python(
        `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Partners']
header = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2):
    row[header.index('ID')].value = 'P01'
    row[header.index('Report')].value = 'yes'
wb.save(sys.argv[1])
`,
        file,
      );
      const result = partners();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'No partner report was written: 5 rows of the Partners tab have errors',
      );
      expect(result.stderr).toContain('P01');
      // The command to run names the very workbook, not a placeholder.
      expect(result.stderr).toContain('gongfang check ledger.xlsx lists every problem');
      expect(result.stderr).not.toContain('No partner wants a report');
      const chinese = partners([], 'zh');
      expect(chinese.stderr).toContain('没有写出任何合作单位报表');
      expect(chinese.stderr).toContain('gongfang check ledger.xlsx 会列出所有问题');
    },
  );

  test('--out-dir naming a file: said so, with the next step; the input is not blamed', () => {
    demo();
    fs.writeFileSync(at('reports'), 'a file');
    const result = partners();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out-dir "reports" is a file, not a folder');
    expect(result.stderr).not.toContain('ledger.xlsx');
    expect(result.stderr).not.toContain('EEXIST');
  });
});
