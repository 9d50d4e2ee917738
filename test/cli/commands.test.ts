/**
 * The built `gongfang` command (dist/cli/gongfang.js, built by jest's globalSetup), run as a
 * user would in a temporary folder, with the results read back with exceljs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { version } from '../../package.json';
import { t } from '../../src/i18n';
import { COMMANDS } from '../../src/cli/program';
import { EXPECTED_NOVEMBER, readPayout, writeEnglishSerial, writeWpsStyle } from './fixtures';
import { spawnSync } from 'node:child_process';
import {
  BUILT_CLI,
  ROOT,
  cliEnv,
  fileHash,
  gongfang,
  readBack,
  rowValues,
  sheet,
  tempFolder,
} from './helpers';

const TODAY = '2026-11-28';
let folder: string;

beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('help, version and usage errors', () => {
  test('--version and --help, in the environment’s language or --lang', () => {
    expect(gongfang(['--version'], { cwd: folder }).stdout.trim()).toBe(version);
    const english = gongfang(['--help'], { cwd: folder });
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Usage: gongfang <command>');
    const chinese = gongfang(['--help'], { cwd: folder, lang: 'zh' });
    expect(chinese.stdout).toContain('用法：gongfang <命令>');
    expect(gongfang(['--help', '--lang', 'en'], { cwd: folder, lang: 'zh' }).stdout).toContain(
      'Usage:',
    );
  });

  test.each(['demo', 'init', 'check', 'generate', 'close'])('%s --help', (command) => {
    const result = gongfang([command, '--help'], { cwd: folder });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`gongfang ${command}`);
    const zh = gongfang([command, '--help'], { cwd: folder, lang: 'zh' });
    expect(zh.stdout).toContain('用法');
  });

  test('docs/command.md lists every command in its table, with its usage line (issue 22)', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'command.md'), 'utf8');
    const table = doc.slice(
      doc.indexOf('### Commands'),
      doc.indexOf('Options every command takes'),
    );
    for (const command of COMMANDS) {
      expect({
        command: command.name,
        listed: table.includes(`| \`gongfang ${command.name} `),
      }).toEqual({
        command: command.name,
        listed: true,
      });
    }
  });

  test('generate --help says what the .xlsx gets: native charts, printed pages (issue 22)', () => {
    const en = gongfang(['generate', '--help'], { cwd: folder }).stdout;
    expect(en).not.toMatch(/Google Sheets only/);
    expect(en).toMatch(/two charts/);
    const zh = gongfang(['generate', '--help'], { cwd: folder, lang: 'zh' }).stdout;
    expect(zh).not.toContain('图表只在 Google 表格中生成');
    expect(zh).toContain('两张趋势图');
  });

  test('usage mistakes exit 2 with a message on stderr', () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'There is no "frobnicate" command'],
      [['check'], 'Name the workbook file'],
      [['check', 'a.xlsx', '--bogus'], 'gongfang check has no option --bogus'],
      [['generate', 'a.xlsx', '--month', '2026-13'], '"2026-13" is not a month'],
      [['close', 'a.xlsx'], '--month YYYY-MM'],
      [['demo', '--lang', 'fr'], 'Language "fr" is not supported'],
      [['demo', '--tz', 'Mars/Olympus'], 'is not a time zone'],
      [['demo', '--today', 'yesterday'], '"yesterday" is not a date'],
      [[], 'Usage: gongfang'],
    ];
    for (const [args, text] of cases) {
      const result = gongfang(args, { cwd: folder });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr + result.stdout).toContain(text);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  // As with git or npm, the options every command takes may come first. They printed the
  // whole usage and exited 2 without saying what was wrong, and under --json no JSON.
  test('options every command takes may come before the command', () => {
    const chinese = gongfang(['--lang', 'zh-CN', '--today', TODAY, 'check', 'missing.xlsx'], {
      cwd: folder,
    });
    expect(chinese.code).toBe(2);
    expect(chinese.stdout).toBe('');
    expect(chinese.stderr).toBe(
      `gongfang: ${t('zh-CN', 'cliFileMissing', { file: 'missing.xlsx' })}\n`,
    );
    const scripted = gongfang(['--json', 'generate', 'missing.xlsx', '--month', '2026-11'], {
      cwd: folder,
    });
    expect(scripted.code).toBe(2);
    expect(json(scripted.stdout)).toMatchObject({ ok: false, error: { code: 'cliFileMissing' } });
    const unknown = gongfang(['--json', 'frobnicate'], { cwd: folder });
    expect(unknown.code).toBe(2);
    expect(json(unknown.stdout)).toMatchObject({ ok: false, error: { code: 'cliUnknownCommand' } });
    const help = gongfang(['-h', 'close'], { cwd: folder });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('gongfang close FILE --month YYYY-MM');
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  test('--json failures are JSON too', () => {
    const result = gongfang(['check', 'missing.xlsx', '--json'], { cwd: folder });
    expect(result.code).toBe(2);
    expect(json(result.stdout)).toMatchObject({ ok: false, error: { code: 'cliFileMissing' } });
    // No command at all: the usage text was printed on stdout, which no JSON reader takes.
    const none = gongfang(['--json'], { cwd: folder });
    expect(none.code).toBe(2);
    expect(json(none.stdout)).toEqual({
      ok: false,
      error: { code: 'cliNoCommand', message: t('en', 'cliNoCommand') },
    });
  });
});

describe('demo', () => {
  test('writes every tab, generates the latest month, and the payout adds up', async () => {
    const result = gongfang(['demo', '--today', TODAY], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Key figures for 2026-11');
    const book = await readBack(path.join(folder, 'gongfang-demo.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Residents',
      'Partners',
      'Orders',
      'Pieces',
      'Adjustments',
      'Settings',
      'Payout 2026-11',
      'Payslips 2026-11',
      'Summary 2026-11',
      // The change log starts with the demo (issue 20): the later runs record staff's edits.
      'Audit',
      'Audit snapshot',
      'Audit snapshot text',
    ]);
    expect(sheet(book, 'Residents').actualRowCount).toBe(31);
    expect(sheet(book, 'Partners').actualRowCount).toBe(6);
    expect(sheet(book, 'Orders').actualRowCount).toBe(11);
    expect(sheet(book, 'Pieces').actualRowCount).toBeGreaterThan(500);
    const { lines, totals } = readPayout(sheet(book, 'Payout 2026-11'), 'en');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    for (const line of lines) expect(line.netPay).toBe(line.piecePay + line.adjustments);
    const sum = (key: 'piecePay' | 'adjustments' | 'netPay') =>
      lines.reduce((total, line) => total + line[key], 0);
    expect(totals).toEqual({
      piecePay: sum('piecePay'),
      adjustments: sum('adjustments'),
      netPay: sum('netPay'),
    });
    // Bonuses 50 + 50, deductions −15.50 and −8.20; the adjustment in words is left out.
    expect(totals.adjustments).toBe(7630);
  });

  test('is deterministic, in Chinese with --lang, and --json carries the same figures', async () => {
    const out = gongfang(
      ['demo', '--today', TODAY, '--lang', 'zh-CN', '--out', 'a.xlsx', '--json'],
      {
        cwd: folder,
      },
    );
    expect(out.code).toBe(0);
    const report = json(out.stdout);
    expect(report).toMatchObject({ ok: true, month: '2026-11', lang: 'zh-CN', moneyUnit: 'fen' });
    const again = gongfang(
      ['demo', '--today', TODAY, '--lang', 'zh-CN', '--out', 'b.xlsx', '--json'],
      {
        cwd: folder,
      },
    );
    expect(json(again.stdout).figures).toEqual(report.figures);
    const book = await readBack(path.join(folder, 'a.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toContain('工资 2026-11');
    const { totals } = readPayout(sheet(book, '工资 2026-11'), 'zh-CN');
    expect(totals.netPay).toBe((report.figures as { netPay: number }).netPay);
  });

  test('takes its file as `demo FILE` as well as `--out FILE`, and refuses two different ones', async () => {
    const named = gongfang(['demo', 'named.xlsx', '--today', TODAY], { cwd: folder });
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(fs.existsSync(path.join(folder, 'named.xlsx'))).toBe(true);
    const same = gongfang(['demo', 'same.xlsx', '--out', 'same.xlsx', '--today', TODAY], {
      cwd: folder,
    });
    expect(same.code).toBe(0);
    const two = gongfang(['demo', 'one.xlsx', '--out', 'two.xlsx', '--today', TODAY], {
      cwd: folder,
    });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('Two were given: one.xlsx and --out two.xlsx');
    expect(fs.existsSync(path.join(folder, 'one.xlsx'))).toBe(false);
    expect(fs.existsSync(path.join(folder, 'two.xlsx'))).toBe(false);
    const extra = gongfang(['demo', 'a.xlsx', 'b.xlsx'], { cwd: folder });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('Unexpected arguments: b.xlsx');
  });

  test('early in a month the demo pays the month before', async () => {
    const result = gongfang(['demo', '--today', '2026-12-05', '--json'], { cwd: folder });
    expect(json(result.stdout)).toMatchObject({ month: '2026-11' });
  });
});

describe('the command a message tells staff to run, run as it stands', () => {
  /** Runs `line` in /bin/sh, `gongfang` being the built command: as staff paste it. */
  function paste(line: string, lang: 'en' | 'zh' = 'en') {
    const result = spawnSync('/bin/sh', ['-c', `gongfang() { "$NODE" "$CLI" "$@"; }; ${line}`], {
      cwd: folder,
      encoding: 'utf8',
      env: cliEnv(lang, { NODE: process.execPath, CLI: BUILT_CLI }),
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  /** The command a text names, from `gongfang` up to `before`. */
  function named(text: string, before: string): string {
    const found = new RegExp(`(gongfang .*?)${before}`).exec(text);
    if (!found?.[1]) throw new Error(`no command before "${before}" in: ${text}`);
    return found[1];
  }
  // A name a shell would split and expand: the command must still reach this very file.
  const book = 'pay $HOME ledger.xlsx';

  test('demo and generate point to check on the very workbook', () => {
    const demo = gongfang(['demo', book, '--today', TODAY], { cwd: folder });
    expect(demo.code).toBe(0);
    const listing = paste(named(demo.stdout, ' to list the problems'));
    expect(listing.stderr).toBe('');
    expect(listing.code).toBe(1);
    expect(listing.stdout).toMatch(/\d+ errors? and \d+ warnings?/);
    const generate = gongfang(['generate', book, '--month', '2026-11', '--today', TODAY], {
      cwd: folder,
    });
    expect(generate.code).toBe(0);
    const again = paste(named(generate.stdout, ' to see them'));
    expect(again.stdout).toBe(listing.stdout);
    const chinese = gongfang(['generate', book, '--month', '2026-11', '--today', TODAY], {
      cwd: folder,
      lang: 'zh',
    });
    expect(paste(named(chinese.stdout, ' 查看'), 'zh').code).toBe(1);
  });

  // generate --out leaves the workbook untouched; the generate it suggested after a refusal
  // (another month) dropped --out, so pasting it wrote into the very workbook.
  test('a generate suggested by generate --out keeps its --out', async () => {
    expect(gongfang(['demo', book, '--today', TODAY], { cwd: folder }).code).toBe(0);
    const before = fileHash(path.join(folder, book));
    const out = 'copy $HOME.xlsx';
    const refused = gongfang(['generate', book, '--month', '2026-01', '--out', out], {
      cwd: folder,
    });
    expect(refused.code).toBe(1);
    const next = named(refused.stderr, '\n');
    expect(next).toBe(`gongfang generate 'pay $HOME ledger.xlsx' --month 2026-11 --out '${out}'`);
    expect(paste(next).code).toBe(0);
    expect(fileHash(path.join(folder, book))).toBe(before);
    const copy = await readBack(path.join(folder, out));
    expect(copy.worksheets.map((tab) => tab.name)).toContain('Payout 2026-11');
  });

  test('a missing Settings tab at archive: init on that workbook, with --force, sets it up', () => {
    expect(gongfang(['demo', book, '--today', '2026-03-10'], { cwd: folder }).code).toBe(0);
    const python = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); del wb['Settings']; wb.save(sys.argv[1])",
        path.join(folder, book),
      ],
      { encoding: 'utf8' },
    );
    if (python.status !== 0) {
      if (process.env.CI) throw new Error(python.stderr);
      console.log('archive test skipped: python3-openpyxl missing');
      return;
    }
    const archive = [
      'archive',
      book,
      '--year',
      '2025',
      '--out',
      'old.xlsx',
      '--today',
      '2026-03-10',
    ];
    const refused = gongfang(archive, { cwd: folder });
    expect(refused.stderr).toContain('There is no "Settings" tab');
    const init = named(refused.stderr, ' first');
    expect(init).toMatch(/ --force$/);
    expect(paste(init).code).toBe(0);
    expect(gongfang(archive, { cwd: folder }).stderr).not.toContain('"Settings" tab');
  });
});

describe('init, check, generate and close', () => {
  test('init makes a set-up workbook that checks clean; init again needs --force', async () => {
    expect(gongfang(['init', 'ledger.xlsx', '--lang', 'zh-CN'], { cwd: folder }).code).toBe(0);
    const book = await readBack(path.join(folder, 'ledger.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '居民',
      '合作单位',
      '订单',
      '计件',
      '调整',
      '设置',
      '审计',
      '审计快照',
      '审计快照文本',
    ]);
    const check = gongfang(['check', 'ledger.xlsx'], { cwd: folder });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('No problems found.');
    const again = gongfang(['init', 'ledger.xlsx'], { cwd: folder });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(gongfang(['init', 'ledger.xlsx', '--force'], { cwd: folder }).code).toBe(0);
  });

  test('check lists every problem with tab, row and column and exits 1 on errors', () => {
    gongfang(['demo', '--today', TODAY], { cwd: folder });
    const before = fileHash(path.join(folder, 'gongfang-demo.xlsx'));
    const text = gongfang(['check', 'gongfang-demo.xlsx', '--today', TODAY], { cwd: folder });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/error\s+Pieces, row \d+, Rejected\s+Rejected \(520\)/);
    const result = gongfang(['check', 'gongfang-demo.xlsx', '--today', TODAY, '--json'], {
      cwd: folder,
    });
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(report).toMatchObject({ ok: false, errors: 7, warnings: 2 });
    const problems = report.problems as {
      tab: string;
      row: number;
      column: string;
      code: string;
    }[];
    expect(problems).toContainEqual(
      expect.objectContaining({ tab: 'pieces', column: 'resident', code: 'residentUnknown' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ tab: 'adjustments', row: 8, column: 'amount' }),
    );
    expect(fileHash(path.join(folder, 'gongfang-demo.xlsx'))).toBe(before);
  });

  test('check --mark marks bad cells in the file and clears them once fixed', async () => {
    gongfang(['demo', '--today', TODAY], { cwd: folder });
    const demo = path.join(folder, 'gongfang-demo.xlsx');
    const marked = gongfang(['check', 'gongfang-demo.xlsx', '--mark', '--today', TODAY, '--json'], {
      cwd: folder,
    });
    expect(marked.code).toBe(1);
    expect(json(marked.stdout)).toMatchObject({ errors: 7, marked: 9, cleared: 0 });
    let book = await readBack(demo);
    const rowOf = (ws: ReturnType<typeof sheet>, value: number) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(5).value === value) found = n;
      });
      return found;
    };
    let pieces = sheet(book, 'Pieces');
    const bad = rowOf(pieces, 520);
    expect(String(pieces.getCell(bad, 5).note)).toContain(
      'Rejected (520) is more than Completed (500)',
    );
    expect(pieces.getCell(bad, 5).fill).toMatchObject({ fgColor: { argb: 'FFFDE2E1' } });

    pieces.getCell(bad, 5).value = 5;
    await book.xlsx.writeFile(demo);
    const again = gongfang(['check', 'gongfang-demo.xlsx', '--mark', '--today', TODAY, '--json'], {
      cwd: folder,
    });
    expect(json(again.stdout)).toMatchObject({ errors: 6, cleared: 1 });
    book = await readBack(demo);
    pieces = sheet(book, 'Pieces');
    expect(pieces.getCell(bad, 5).note).toBeUndefined();
    expect(JSON.stringify(pieces.getCell(bad, 5).fill ?? {})).not.toContain('FDE2E1');
  });

  test('generate --out leaves the input untouched; close locks a month against changes', async () => {
    gongfang(['demo', '--today', TODAY], { cwd: folder });
    const demo = path.join(folder, 'gongfang-demo.xlsx');
    const before = fileHash(demo);
    const generated = gongfang(
      ['generate', 'gongfang-demo.xlsx', '--month', '2026-10', '--out', 'october.xlsx', '--json'],
      { cwd: folder },
    );
    expect(generated.code).toBe(0);
    expect(json(generated.stdout)).toMatchObject({ ok: true, month: '2026-10', closed: false });
    expect(fileHash(demo)).toBe(before);
    const october = await readBack(path.join(folder, 'october.xlsx'));
    expect(october.worksheets.map((s) => s.name)).toContain('Summary 2026-10');

    const blocked = gongfang(['close', 'gongfang-demo.xlsx', '--month', '2026-11'], {
      cwd: folder,
    });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('2026-11');
    expect(fileHash(demo)).toBe(before);

    // A date that cannot be read might belong to any month, so it blocks closing: fix it first.
    const fixing = await readBack(demo);
    sheet(fixing, 'Pieces').eachRow((row) => {
      if (row.getCell(1).value === '2026-02-30') row.getCell(1).value = '2026-11-10';
    });
    await fixing.xlsx.writeFile(demo);
    const closed = gongfang(['close', 'gongfang-demo.xlsx', '--month', '2026-10', '--by', 'Li'], {
      cwd: folder,
    });
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
    const book = await readBack(demo);
    const closings = sheet(book, 'Closings');
    expect(closings.getRow(2).getCell(1).value).toBe('2026-10');
    expect(closings.getRow(2).getCell(3).value).toBe('Li');

    const regenerated = gongfang(
      ['generate', 'gongfang-demo.xlsx', '--month', '2026-10', '--json'],
      {
        cwd: folder,
      },
    );
    expect(json(regenerated.stdout)).toMatchObject({ ok: true, closed: true });
    expect(
      gongfang(['close', 'gongfang-demo.xlsx', '--month', '2026-10'], { cwd: folder }).code,
    ).toBe(1);

    // Someone changes a count in October after closing: Generate refuses and says why.
    const pieces = sheet(book, 'Pieces');
    let changed = false;
    pieces.eachRow((row, n) => {
      const date = row.getCell(1).value;
      if (!changed && n > 1 && date instanceof Date && date.toISOString().startsWith('2026-10')) {
        row.getCell(4).value = Number(row.getCell(4).value) + 1;
        changed = true;
      }
    });
    await book.xlsx.writeFile(demo);
    const refused = gongfang(['generate', 'gongfang-demo.xlsx', '--month', '2026-10'], {
      cwd: folder,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2026-10');
  });
});

describe('check and closed months that changed', () => {
  const today = '2026-12-03';

  /** english.xlsx with November closed, then R002's Completed 7 → 9 (+2 × 2.50 = +5.00). */
  async function changedAfterClosing(): Promise<string> {
    const file = await writeEnglishSerial(folder);
    const closed = gongfang(['close', 'english.xlsx', '--month', '2026-11', '--today', today], {
      cwd: folder,
    });
    expect(closed.code).toBe(0);
    const book = await readBack(file);
    sheet(book, 'Pieces').getCell('D5').value = 9;
    await book.xlsx.writeFile(file);
    return file;
  }

  test('check reports the change and the rows it would write, and writes no pay', async () => {
    const file = await changedAfterClosing();
    const text = gongfang(['check', 'english.xlsx', '--today', today], { cwd: folder });
    // It records the change on the Audit tab (issue 20), and nothing else: no correction rows.
    expect(text.stdout).toContain('changed in the file Pieces D5 (7 → 9)');
    expect(rowValues(sheet(await readBack(file), 'Adjustments'), 3)).toEqual([]);
    const before = fileHash(file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Closed months that changed');
    expect(text.stdout).toContain('total net pay: ¥58.35 at closing, ¥63.35 now.');
    expect(text.stdout).toContain(
      'R002 Li Guilan: ¥13.50 at closing, ¥18.50 now, ¥0.00 corrected, ¥5.00 still to correct (rows: Pieces 5; Adjustments 2)',
    );
    expect(text.stdout).toContain('1 correction row can be added to Adjustments for 2026-12.');
    expect(text.stdout).toContain('Run again with --correct');
    const result = gongfang(['check', 'english.xlsx', '--today', today, '--json'], {
      cwd: folder,
    });
    const report = json(result.stdout);
    expect(report).toMatchObject({ ok: true, moneyUnit: 'fen', errors: 0 });
    expect(report.closedMonths).toEqual([
      expect.objectContaining({ month: '2026-11', netPayAtClosing: 5835, netPayNow: 6335 }),
    ]);
    expect(report.corrections).toEqual([
      { month: '2026-12', residentId: 'R002', amount: 500, closedMonth: '2026-11' },
    ]);
    expect(report).not.toHaveProperty('corrected');
    expect(fileHash(file)).toBe(before);
  });

  test('check --correct writes the correction rows once, keeping the rest of the file', async () => {
    const file = await changedAfterClosing();
    const corrected = gongfang(['check', 'english.xlsx', '--correct', '--today', today], {
      cwd: folder,
      lang: 'zh',
    });
    expect(corrected.stderr).toBe('');
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toContain('已在 english.xlsx 的「调整」表写入 1 行更正。');
    const book = await readBack(file);
    const adjustments = sheet(book, 'Adjustments');
    expect(adjustments.actualRowCount).toBe(3);
    expect(rowValues(adjustments, 3)).toEqual([
      '2026-12',
      'R002',
      5,
      'Correction 2026-11 (rows changed after closing)',
      '2026-11',
    ]);
    expect(rowValues(adjustments, 1).at(-1)).toBe('Corrects month');
    expect(rowValues(adjustments, 2)).toEqual(['2026-11', 'R002', -1.5, 'material']);
    expect(sheet(book, 'Closings').actualRowCount).toBe(2);

    // Settled: nothing more is offered or written, and the file is not rewritten.
    const settled = fileHash(file);
    const again = gongfang(['check', 'english.xlsx', '--correct', '--today', today, '--json'], {
      cwd: folder,
    });
    expect(json(again.stdout)).toMatchObject({ closedMonths: [], corrections: [], corrected: 0 });
    expect(fileHash(file)).toBe(settled);
  });
});

describe('files people really have', () => {
  test('a WPS-style file: text dates, formulas, staff columns, merges and styles survive', async () => {
    const file = await writeWpsStyle(folder);
    const result = gongfang(['generate', 'wps.xlsx', '--month', '2026-11', '--json'], {
      cwd: folder,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ lang: 'zh-CN', figures: EXPECTED_NOVEMBER });
    const book = await readBack(file);
    const pieces = sheet(book, '计件');
    expect(pieces.getCell('D4').formula).toBe('10+2');
    expect(pieces.getCell('A3').value).toBe('2026/11/3');
    expect(pieces.getCell('J3').isMerged).toBe(true);
    expect(pieces.getCell('I2').value).toBe('纸条已归档');
    expect(pieces.getCell('F2').font).toMatchObject({ bold: true });
    expect(pieces.getCell('F2').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(pieces.getColumn(9).width).toBe(24);
    expect(sheet(book, '居民').getCell('I2').value).toBe('每周一次');
    const { totals } = readPayout(sheet(book, '工资 2026-11'), 'zh-CN');
    expect(totals.netPay).toBe(EXPECTED_NOVEMBER.netPay);
  });

  test('an English file with serial-number dates reads the same month', async () => {
    await writeEnglishSerial(folder);
    const result = gongfang(['generate', 'english.xlsx', '--month', '2026-11', '--json'], {
      cwd: folder,
      lang: 'zh',
    });
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ lang: 'en', figures: EXPECTED_NOVEMBER });
    const check = gongfang(['check', 'english.xlsx', '--today', TODAY, '--json'], { cwd: folder });
    expect(json(check.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  test('dates are counted in --tz', async () => {
    await writeEnglishSerial(folder);
    const result = gongfang(
      ['generate', 'english.xlsx', '--month', '2026-11', '--json', '--tz', 'America/New_York'],
      { cwd: folder },
    );
    expect(json(result.stdout)).toMatchObject({ figures: EXPECTED_NOVEMBER });
  });

  test('bad files fail cleanly with exit 2 and the original untouched', async () => {
    fs.writeFileSync(path.join(folder, 'notes.xlsx'), 'not a workbook');
    const noPieces = new ExcelWorkbook();
    noPieces.addWorksheet('Residents').addRow(['ID', 'Name']);
    noPieces.addWorksheet('Orders').addRow(['ID']);
    await noPieces.xlsx.writeFile(path.join(folder, 'partial.xlsx'));
    const partialHash = fileHash(path.join(folder, 'partial.xlsx'));
    const cases: [string[], string][] = [
      [['generate', 'missing.xlsx'], 'File "missing.xlsx" not found'],
      [['check', 'notes.xlsx'], 'is not an .xlsx workbook'],
      [['generate', 'partial.xlsx', '--month', '2026-11'], 'no "Pieces" tab'],
      // Where the result goes is checked before anything is read.
      [['generate', 'partial.xlsx', '--out', 'no/such/dir/x.xlsx'], 'its folder does not exist'],
    ];
    for (const [args, text] of cases) {
      const result = gongfang(args, { cwd: folder });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain(text);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(fileHash(path.join(folder, 'partial.xlsx'))).toBe(partialHash);

    const wps = await writeWpsStyle(folder);
    const out = gongfang(['generate', 'wps.xlsx', '--out', 'no/such/dir/x.xlsx'], { cwd: folder });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('its folder does not exist');
    if (process.getuid?.() !== 0) {
      const before = fileHash(wps);
      fs.chmodSync(wps, 0o444);
      const readOnly = gongfang(['generate', 'wps.xlsx', '--month', '2026-11'], { cwd: folder });
      fs.chmodSync(wps, 0o644);
      expect(readOnly.code).toBe(2);
      expect(readOnly.stderr).toContain('read-only');
      expect(fileHash(wps)).toBe(before);
    }
    expect(fs.readdirSync(folder).filter((name) => name.includes('gongfang-tmp'))).toEqual([]);
  });

  // A folder named like the ledger in it (gongfang check 台账) was "not an .xlsx workbook (save
  // old .xls or .csv files as .xlsx…)": staff went looking for a format problem.
  test('a folder given as the workbook is said to be one, with a workbook in it to name', () => {
    fs.mkdirSync(path.join(folder, '台账'));
    fs.writeFileSync(path.join(folder, '台账', '~$台账.xlsx'), '');
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(folder, '台账', 'notes.txt'));
    fs.writeFileSync(path.join(folder, '台账', '台账.xlsx'), '');
    fs.mkdirSync(path.join(folder, 'empty'));
    const chinese = gongfang(['check', '台账'], { cwd: folder, lang: 'zh' });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toBe(
      'gongfang: 「台账」是一个文件夹，不是工作簿文件。请写出文件夹里工作簿的名字，例如「台账/台账.xlsx」。\n',
    );
    const english = gongfang(['close', 'empty', '--month', '2026-10', '--json'], { cwd: folder });
    expect(english.code).toBe(2);
    expect(json(english.stdout)).toMatchObject({
      ok: false,
      error: {
        code: 'fileIsFolder',
        message:
          '"empty" is a folder, not a workbook file. Name the workbook file (ending in .xlsx).',
      },
    });
  });

  test('messages follow --lang', () => {
    const result = gongfang(['check', 'missing.xlsx', '--lang', 'zh-CN'], { cwd: folder });
    expect(result.stderr).toContain(
      t('zh-CN', 'cliFileMissing', { file: 'missing.xlsx' }).slice(0, 5),
    );
  });
});
