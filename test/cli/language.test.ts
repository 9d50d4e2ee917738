/**
 * The command speaks the user's language: usage mistakes worded by us (not Node's English),
 * one language per run, stable English identifiers in --json, and Sheets' menu names replaced
 * by the commands that do the same thing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeEnglishSerial, writeWpsStyle } from './fixtures';
import { fileHash, gongfang, readBack, tempFolder } from './helpers';
import { withCommandNames } from '../../src/cli/menuNames';
import { t } from '../../src/i18n';

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('usage mistakes, in the user’s language, naming the option', () => {
  const cases: readonly (readonly [string[], string, string])[] = [
    [
      ['check', 'a.xlsx', '--bogus'],
      'gongfang check 没有 --bogus 这个选项。',
      'gongfang check has no option --bogus.',
    ],
    [['check', 'a.xlsx', '-x'], 'gongfang check 没有 -x 这个选项。', 'has no option -x.'],
    [
      ['generate', 'a.xlsx', '--month'],
      '选项 --month 后面要跟一个值',
      'option --month needs a value',
    ],
    [
      ['generate', 'a.xlsx', '--month', '--json'],
      '选项 --month 后面要跟一个值',
      'option --month needs a value',
    ],
    [['check', 'a.xlsx', '--json=yes'], '选项 --json 不带值', 'option --json takes no value'],
    [['check', 'a.xlsx', 'b.xlsx'], '多出了参数：b.xlsx', 'Unexpected arguments: b.xlsx'],
  ];
  test.each(cases)('%j', (args, chinese, english) => {
    const zh = gongfang([...args, '--lang', 'zh-CN'], { cwd: folder, lang: 'en' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(chinese);
    expect(zh.stderr).toContain('--help');
    // Node's own wording (English, an unbalanced quote, advice about `--`) never shows.
    expect(zh.stderr).not.toMatch(/Unknown option|argument missing|positional/);
    const en = gongfang(args, { cwd: folder, lang: 'en' });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(english);
  });
});

/** Writes `value` into one cell of the WPS-style workbook (tab named in Chinese). */
async function plant(tab: string, cell: string, value: string | number): Promise<void> {
  const book = path.join(folder, 'wps.xlsx');
  const { Workbook } = await import('exceljs');
  const excel = new Workbook();
  await excel.xlsx.readFile(book);
  const sheet = excel.getWorksheet(tab);
  if (!sheet) throw new Error(`no ${tab} tab`);
  sheet.getCell(cell).value = value;
  await excel.xlsx.writeFile(book);
}

describe('one language per run', () => {
  test('an English environment on a Chinese workbook reports wholly in English', async () => {
    await writeWpsStyle(folder);
    await plant('计件', 'D2', 'abc');
    const result = gongfang(['check', 'wps.xlsx', '--today', '2026-11-28'], {
      cwd: folder,
      lang: 'en',
    });
    expect(result.stdout).toContain('"abc" is not a count');
    // Only the workbook's own tab and column names stay as the sheet shows them.
    expect(result.stdout.replace(/计件|完成数/g, '')).not.toMatch(/\p{Script=Han}/u);
  });

  test('warnings alone are not reported as "0 errors… rows with errors are left out"', async () => {
    await writeWpsStyle(folder);
    await plant('计件', 'A5', '2026-12-20');
    const zh = gongfang(['check', 'wps.xlsx', '--today', '2026-11-28', '--lang', 'zh-CN'], {
      cwd: folder,
    });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('没有错误，有 1 个警告');
    expect(zh.stdout).not.toContain('发现 0 个错误');
    const en = gongfang(['check', 'wps.xlsx', '--today', '2026-11-28'], { cwd: folder });
    expect(en.stdout).toContain('No errors; 1 warning');
  });
});

// The Settings Language row read by the file backend took any value it did not know (汉语,
// fr) for English, where Check warns about it and the docs fall back to --lang, the tabs'
// language, the environment's: a Chinese workbook got English tabs beside its Chinese ones.
describe('a Settings language Gongfang does not know', () => {
  test('is warned about and falls back to the tabs’ language, not English', async () => {
    await writeWpsStyle(folder);
    await plant('设置', 'A4', '语言');
    await plant('设置', 'B4', '汉语');
    const args = ['wps.xlsx', '--today', '2026-11-28'];
    const check = gongfang(['check', ...args], { cwd: folder, lang: 'en' });
    expect(check.stdout).toContain('"汉语" is not a language; type zh-CN or en');
    const result = gongfang(['generate', ...args, '--month', '2026-11', '--json'], {
      cwd: folder,
      lang: 'en',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      lang: 'zh-CN',
      tabs: ['工资 2026-11', '工资条 2026-11', '汇总 2026-11'],
    });
  });
});

describe('one language per run, refusals and notices included (issue 22, finding 5)', () => {
  test('close --lang en on a Chinese workbook lists the rows that block it in English', () => {
    const made = gongfang(
      ['demo', '--today', '2026-11-28', '--lang', 'zh-CN', '--out', 'zh.xlsx'],
      {
        cwd: folder,
      },
    );
    expect(made.code).toBe(0);
    const closed = gongfang(
      ['close', 'zh.xlsx', '--month', '2026-11', '--today', '2026-11-28', '--lang', 'en'],
      { cwd: folder },
    );
    expect(closed.code).toBe(1);
    expect(closed.stderr).toContain('cannot be closed: 6 rows have errors');
    expect(closed.stderr).toContain('Rejected (520) is more than Completed (500)');
    // The workbook's own tab names, as it names them.
    expect(closed.stderr).toContain('There is no resident "R031" on the 居民 tab');
    expect(closed.stderr).not.toContain('大于完成数');
  });

  test('init --force --lang en on a Chinese workbook says what it added in English', async () => {
    const demo = ['demo', '--today', '2026-11-28', '--lang', 'zh-CN', '--out', 'zh.xlsx'];
    expect(gongfang(demo, { cwd: folder }).code).toBe(0);
    const file = path.join(folder, 'zh.xlsx');
    const book = await readBack(file);
    book.removeWorksheet(book.getWorksheet('调整')?.id ?? 0);
    await book.xlsx.writeFile(file);
    const init = gongfang(['init', 'zh.xlsx', '--force', '--lang', 'en'], { cwd: folder });
    expect(init.code).toBe(0);
    // The tab as the workbook names it, the words around it in English (they were Chinese).
    expect(init.stdout).toContain('Created tabs: 调整');
    expect(init.stdout).toContain('Header rows are bold and frozen');
    expect(init.stdout).not.toMatch(/新建了|表头已加粗/);
  });

  test('close --lang zh-CN on an English workbook warns in Chinese that the month is not over', async () => {
    await writeEnglishSerial(folder);
    const closed = gongfang(
      ['close', 'english.xlsx', '--month', '2026-11', '--today', '2026-11-20', '--lang', 'zh-CN'],
      { cwd: folder },
    );
    expect(closed.code).toBe(1);
    expect(closed.stderr).toContain('2026-11 还没有结束（最后一天是 2026-11-30）');
    expect(closed.stderr).not.toContain('not over');
  });

  test('check --lang zh-CN on an English workbook: negative pay and unknown IDs in Chinese, tabs as named', async () => {
    await writeEnglishSerial(folder);
    const { Workbook } = await import('exceljs');
    const excel = new Workbook();
    await excel.xlsx.readFile(path.join(folder, 'english.xlsx'));
    const adjustments = excel.getWorksheet('Adjustments');
    if (adjustments) adjustments.getCell('C2').value = -100;
    const pieces = excel.getWorksheet('Pieces');
    if (pieces) pieces.getCell('B5').value = 'R009';
    await excel.xlsx.writeFile(path.join(folder, 'english.xlsx'));
    const checked = gongfang(
      ['check', 'english.xlsx', '--today', '2026-12-05', '--lang', 'zh-CN'],
      {
        cwd: folder,
      },
    );
    expect(checked.stdout).toContain('「Residents」表中没有编号为「R009」的居民');
    expect(checked.stdout).toContain('2026-11 R002 Li Guilan 的实发为负数');
    expect(checked.stdout).not.toMatch(/net pay is negative|Residents tab/);
  });
});

describe('--json uses stable English identifiers', () => {
  test('check names tabs by identifier whatever the workbook’s language', async () => {
    await writeWpsStyle(folder);
    await plant('计件', 'D2', 'abc');
    const result = gongfang(['check', 'wps.xlsx', '--today', '2026-11-28', '--json'], {
      cwd: folder,
      lang: 'zh',
    });
    const report = JSON.parse(result.stdout) as { problems: Record<string, unknown>[] };
    expect(report.problems[0]).toMatchObject({
      severity: 'error',
      tab: 'pieces',
      tabName: '计件',
      row: 2,
      column: 'completed',
    });
  });
});

describe('refusals name the command, not the Sheets menu item', () => {
  test('both languages', () => {
    expect(withCommandNames('请先改正，再运行「检查数据」确认。', 'zh-CN', '台账.xlsx')).toBe(
      '请先改正，再运行「gongfang check 台账.xlsx」确认。',
    );
    expect(
      withCommandNames('Fix these rows, then run Check data to confirm.', 'en', 'a$&.xlsx'),
    ).toBe("Fix these rows, then run gongfang check 'a$&.xlsx' to confirm.");
    // The item named alone, as by its path: init carries --force (a workbook that exists).
    expect(withCommandNames(t('en', 'arNoSettings', { tab: 'Settings' }), 'en', 'b.xlsx')).toMatch(
      /Run gongfang init b\.xlsx --force first\.$/,
    );
    expect(withCommandNames(t('zh-CN', 'arNoSettings', { tab: '设置' }), 'zh-CN')).toMatch(
      /请先运行「gongfang init 文件 --force」。$/,
    );
    // A menu path (a tab or column missing) names the command with its file, not a menu.
    expect(withCommandNames(t('en', 'headerMissing', { tab: 'Pieces' }), 'en')).toBe(
      'Row 1 of the "Pieces" tab has no header Gongfang recognises. Run gongfang init FILE --force first.',
    );
    expect(withCommandNames(t('zh-CN', 'headerMissing', { tab: '计件' }), 'zh-CN')).toBe(
      '「计件」工作表第 1 行没有可识别的表头。请先运行「gongfang init 文件 --force」。',
    );
    // With the workbook as the user named it, the command can be run as it stands.
    expect(
      withCommandNames(t('en', 'headerMissing', { tab: 'Pieces' }), 'en', 'my ledger.xlsx'),
    ).toBe(
      'Row 1 of the "Pieces" tab has no header Gongfang recognises. Run gongfang init "my ledger.xlsx" --force first.',
    );
    expect(
      withCommandNames(t('zh-CN', 'headerMissing', { tab: '计件' }), 'zh-CN', '台账.xlsx'),
    ).toBe('「计件」工作表第 1 行没有可识别的表头。请先运行「gongfang init 台账.xlsx --force」。');
  });
});

describe('init --force on a workbook already set up', () => {
  test('says nothing changed and leaves the file as it was', async () => {
    await writeEnglishSerial(folder);
    const first = gongfang(['init', 'english.xlsx', '--force'], { cwd: folder });
    expect(first.code).toBe(0);
    const file = path.join(folder, 'english.xlsx');
    const before = fileHash(file);
    const again = gongfang(['init', 'english.xlsx', '--force', '--json'], { cwd: folder });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, written: false });
    const text = gongfang(['init', 'english.xlsx', '--force'], { cwd: folder });
    expect(text.stdout).toContain('is already set up');
    expect(text.stdout).not.toContain('Wrote');
    expect(fileHash(file)).toBe(before);
  });
});

describe('installed as a command (npm link / npm install -g .)', () => {
  test('runs from another folder through the link npm makes', () => {
    // npm links <prefix>/bin/gongfang to the package's bin/gongfang.js; the script must find
    // its built files from its real location, not from the folder it is run in.
    const bin = path.join(folder, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(
      path.resolve(__dirname, '..', '..', 'bin', 'gongfang.js'),
      path.join(bin, 'gongfang'),
    );
    const elsewhere = path.join(folder, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const result = spawnSync(
      path.join(bin, 'gongfang'),
      ['demo', '--today', '2026-11-28', '--json'],
      {
        cwd: elsewhere,
        encoding: 'utf8',
        env: {
          PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
          HOME: folder,
          LANG: 'en_US.UTF-8',
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(elsewhere, 'gongfang-demo.xlsx'))).toBe(true);
  });
});
