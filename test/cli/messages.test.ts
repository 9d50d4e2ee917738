/**
 * The messages of issue 23's finding 11, through the built command, each worded with the next
 * step in both languages: a Closings tab staff made, a menu path the command line has not got,
 * a month starting with a dash, months out of range, and a count with Excel's binary noise.
 * (A partner ID entered twice and --out-dir naming a file are in foreignFiles.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeEnglishSerial } from './fixtures';
import { BUILT_CLI, cliEnv, fileHash, gongfang, tempFolder } from './helpers';

jest.setTimeout(300_000);

const PYTHON = '/usr/bin/python3';
const skip =
  spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0
    ? null
    : `openpyxl is not importable by ${PYTHON}`;
if (skip) console.log(`message tests with staff edits skipped: ${skip}`);
const withOpenpyxl = skip ? test.skip : test;

let folder: string;
beforeEach(() => {
  folder = tempFolder('gongfang-messages-');
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const at = (name: string) => path.join(folder, name);

function run(args: readonly string[], lang: 'en' | 'zh' = 'en') {
  return gongfang([...args, '--today', '2026-12-05'], { cwd: folder, lang });
}

function python(script: string, ...args: string[]): void {
  const result = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
}

withOpenpyxl('a Closings tab staff made: rename it, says close, not a menu or init', async () => {
  await writeEnglishSerial(folder, 'ledger.xlsx');
  python(
    `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('Closings')
ws.append(['Month', 'Note'])
ws.append(['2026-10', 'paid in cash'])
wb.save(sys.argv[1])
`,
    at('ledger.xlsx'),
  );
  const before = fileHash(at('ledger.xlsx'));
  const english = run(['close', 'ledger.xlsx', '--month', '2026-11']);
  expect(english.code).toBe(1);
  expect(english.stderr).toContain("hold no header of Gongfang's closing records");
  expect(english.stderr).toContain('Rename that tab (for example to "Closing notes")');
  expect(english.stderr).not.toContain('›');
  expect(english.stderr).not.toContain('gongfang init');
  const chinese = run(['close', 'ledger.xlsx', '--month', '2026-11'], 'zh');
  expect(chinese.stderr).toContain('请把这个工作表改名（例如「结账备注」）');
  expect(chinese.stderr).not.toContain('菜单');
  expect(fileHash(at('ledger.xlsx'))).toBe(before);
});

withOpenpyxl(
  'a missing column: run gongfang init ledger.xlsx --force, never "Gongfang › gongfang init"',
  async () => {
    await writeEnglishSerial(folder, 'ledger.xlsx');
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Pieces']
ws.delete_cols(3)
wb.save(sys.argv[1])
`,
      at('ledger.xlsx'),
    );
    const english = run(['check', 'ledger.xlsx']);
    expect(english.stdout).toContain('Run gongfang init ledger.xlsx --force to add it.');
    expect(english.stdout).not.toContain('›');
    const chinese = run(['check', 'ledger.xlsx'], 'zh');
    expect(chinese.stdout).toContain('请运行「gongfang init ledger.xlsx --force」补上');
    expect(chinese.stdout).not.toContain('菜单');
  },
);

test('--month -2026-11 is a month it cannot read, not "Unexpected error: … ambiguous"', async () => {
  await writeEnglishSerial(folder, 'ledger.xlsx');
  for (const [lang, text] of [
    ['en', '"-2026-11" is not a month Gongfang can read; write it as YYYY-MM, e.g. 2026-11.'],
    ['zh', '月份「-2026-11」看不懂，请写成 YYYY-MM，例如 2026-11。'],
  ] as const) {
    const result = run(['generate', 'ledger.xlsx', '--month', '-2026-11'], lang);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain('ambiguous');
  }
});

test('months 0000-01 and 9999-12 are refused by generate and close alike, naming the month meant', async () => {
  await writeEnglishSerial(folder, 'ledger.xlsx');
  const before = fileHash(at('ledger.xlsx'));
  for (const command of ['generate', 'close']) {
    for (const [month, reason] of [
      ['0000-01', '0000-01 is before 2000'],
      ['9999-12', '9999-12 is after 2027'],
    ] as const) {
      const result = run([command, 'ledger.xlsx', '--month', month]);
      expect({ command, month, code: result.code }).toEqual({ command, month, code: 1 });
      expect(result.stderr).toContain(reason);
      expect(result.stderr).toContain('Next: gongfang generate ledger.xlsx --month 2026-11');
    }
  }
  expect(run(['close', 'ledger.xlsx', '--month', '0000-01'], 'zh').stderr).toContain(
    '0000-01 早于 2000 年',
  );
  expect(fileHash(at('ledger.xlsx'))).toBe(before);
});

withOpenpyxl(
  'a count of 77.000000000000014 (a formula result’s binary noise) counts as 77',
  async () => {
    await writeEnglishSerial(folder, 'ledger.xlsx');
    // The cached result of =7*11 as Excel may store it, in Completed of the row with 12.
    python(
      `
import sys, zipfile, shutil
source = sys.argv[1]
shutil.copyfile(source, source + '.orig')
zin = zipfile.ZipFile(source + '.orig')
with zipfile.ZipFile(source, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if b'>Completed<' in data or (info.filename.startswith('xl/worksheets/') and b'<v>12</v>' in data):
            data = data.replace(b'<v>12</v>', b'<f>7*11</f><v>77.000000000000014</v>', 1)
        zout.writestr(info, data)
`,
      at('ledger.xlsx'),
    );
    fs.rmSync(at('ledger.xlsx.orig'));
    const check = run(['check', 'ledger.xlsx', '--json']);
    const report = JSON.parse(check.stdout) as { problems: { code: string; message: string }[] };
    expect(report.problems.filter((p) => p.code === 'decimalNumber')).toEqual([]);
    const generate = run(['generate', 'ledger.xlsx', '--month', '2026-11', '--json']);
    const figures = (JSON.parse(generate.stdout) as { figures: { acceptedPieces: number } })
      .figures;
    // 990 + 77 + 6 accepted (instead of 990 + 12 + 6).
    expect(figures.acceptedPieces).toBe(1073);
  },
);

// A terminal left in a folder that was then moved or deleted (a file manager, a USB stick taken
// out): Node cannot start the worker there. It said "Unexpected error: ENOENT … uv_cwd", or
// printed a stack trace before the worker started.
test('a working folder that no longer exists is said in either language; --help still works', () => {
  const file = path.join(folder, 'english.xlsx');
  fs.writeFileSync(file, '');
  const inGone = (args: string, lang: string) =>
    spawnSync(
      'sh',
      [
        '-c',
        `mkdir gone && cd gone && rmdir ../gone && exec "$0" "$1" ${args}`,
        process.execPath,
        BUILT_CLI,
      ],
      { cwd: folder, encoding: 'utf8', env: cliEnv(lang === 'zh' ? 'zh' : 'en') },
    );
  const english = inGone(`check "${file}"`, 'en');
  expect(english.status).toBe(2);
  expect(english.stderr).toBe(
    'gongfang: The current folder no longer exists (it was moved or deleted while the terminal was in it); nothing was read or written. Go to a folder that exists (cd) and run the command again.\n',
  );
  const chinese = inGone('generate ../english.xlsx', 'zh');
  expect(chinese.status).toBe(2);
  expect(chinese.stderr).toContain('当前文件夹已不存在');
  const help = inGone('check --help', 'en');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: gongfang check FILE');
  expect(fs.readdirSync(folder)).toEqual(['english.xlsx']);
});

// An unset variable in a script ("$FILE", --out "$OUT") gives an empty name, which was read as
// the working folder: "…/work is not an .xlsx workbook", and `partners --out-dir ""` wrote the
// reports into the working folder.
test('an empty file name or --out / --out-dir is said as missing, in either language', () => {
  fs.writeFileSync(at('ledger.xlsx'), '');
  const cases: [string[], string, string][] = [
    [
      ['check', ''],
      'Name the workbook file, for example: gongfang check ledger.xlsx',
      '请给出工作簿文件',
    ],
    [
      ['generate', 'ledger.xlsx', '--out', ''],
      '--out has no file or folder name after it',
      '--out 后面没有文件或文件夹名',
    ],
    [
      ['partners', 'ledger.xlsx', '--out-dir', ' '],
      '--out-dir has no file or folder name after it',
      '--out-dir 后面没有文件或文件夹名',
    ],
    [
      ['demo', '--out', ''],
      '--out has no file or folder name after it',
      '--out 后面没有文件或文件夹名',
    ],
  ];
  for (const [args, en, zh] of cases) {
    const english = gongfang(args, { cwd: folder });
    expect({ args, code: english.code }).toEqual({ args, code: 2 });
    expect(english.stderr).toContain(en);
    expect(gongfang(args, { cwd: folder, lang: 'zh' }).stderr).toContain(zh);
  }
  expect(fs.readdirSync(folder)).toEqual(['ledger.xlsx']);
});

// "Run gongfang init FILE to set it up first": FILE to fill in, and init refuses a workbook
// that exists without --force, so following the advice met a second refusal.
withOpenpyxl(
  'a missing tab names init on this very workbook, with --force, ready to run',
  async () => {
    await writeEnglishSerial(folder, 'my ledger.xlsx');
    python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
del wb['Pieces']
wb.save(sys.argv[1])
`,
      at('my ledger.xlsx'),
    );
    const english = run(['generate', 'my ledger.xlsx', '--month', '2026-11']);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(
      'The workbook has no "Pieces" tab. Run gongfang init "my ledger.xlsx" --force to set it up first',
    );
    const chinese = run(['generate', 'my ledger.xlsx', '--month', '2026-11'], 'zh');
    expect(chinese.stderr).toContain('请先运行「gongfang init "my ledger.xlsx" --force」完成设置');
    // The advice, followed as it stands, works.
    expect(run(['init', 'my ledger.xlsx', '--force']).code).toBe(0);
    expect(run(['generate', 'my ledger.xlsx', '--month', '2026-11']).code).toBe(0);
  },
);
