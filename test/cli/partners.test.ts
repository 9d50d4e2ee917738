/** `gongfang partners`: one .xlsx per partner with Report = yes, read back with exceljs. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_NAME_BYTES, reportFileName } from '../../src/cli/commands/partners';
import { existingReport } from '../../src/xlsx/reportFiles';
import {
  BUILT_CLI,
  cliEnv,
  copyBuiltCommand,
  gongfang,
  readBack,
  sheet,
  tempFolder,
} from './helpers';

describe('gongfang partners', () => {
  const cwd = tempFolder();
  beforeAll(() => {
    const demo = gongfang(
      ['demo', '--out', 'demo.xlsx', '--today', '2026-11-20', '--lang', 'zh-CN'],
      {
        cwd,
      },
    );
    expect(demo.code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('writes one file per partner that wants a report, named by ID and name, and lists them', async () => {
    const run = gongfang(
      [
        'partners',
        'demo.xlsx',
        '--month',
        '2026-11',
        '--out-dir',
        'out',
        '--today',
        '2026-11-20',
        '--json',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as {
      ok: boolean;
      reports: { partnerId: string; file: string; tabs: string[]; total: number; lang: string }[];
    };
    expect(answer.ok).toBe(true);
    expect(answer.reports.map((r) => r.partnerId)).toEqual(['P01', 'P02', 'P03']);
    expect(answer.reports.map((r) => r.lang)).toEqual(['zh-CN', 'zh-CN', 'en']);
    const files = fs.readdirSync(path.join(cwd, 'out')).sort();
    expect(files).toHaveLength(3);
    expect(files[0]).toMatch(/^P01 .+ 2026-11\.xlsx$/);
    const first = answer.reports[0];
    const book = await readBack(first?.file ?? '');
    expect(book.worksheets.map((s) => s.name)).toEqual(['进度', '对账 2026-11']);
    // The total row's amount is the sum of the lines, in fen.
    const statement = sheet(book, '对账 2026-11');
    const amounts: number[] = [];
    let total = NaN;
    statement.eachRow((row) => {
      const first = String(row.getCell(1).value ?? '');
      const amount = row.getCell(7).value;
      if (/^O\d/.test(first) && typeof amount === 'number') amounts.push(Math.round(amount * 100));
      if (first === '合计') total = Math.round(Number(amount) * 100);
    });
    expect(total).toBe(amounts.reduce((a, b) => a + b, 0));
    expect(total).toBe(first?.total);
    const english = await readBack(answer.reports[2]?.file ?? '');
    expect(english.worksheets.map((s) => s.name)).toEqual(['Progress', 'Statement 2026-11']);
  }, 120_000);

  it('exits 2 without --out-dir or with one under a file, and 1 when no partner wants a report', () => {
    const noDir = gongfang(['partners', 'demo.xlsx', '--month', '2026-11'], { cwd, lang: 'en' });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('--out-dir');
    // A file on the way to the folder: said so, not "Unexpected error: ENOTDIR".
    const args = ['partners', 'demo.xlsx', '--month', '2026-11', '--out-dir'];
    const underFile = gongfang([...args, 'demo.xlsx/reports'], { cwd, lang: 'en' });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain('Could not write "demo.xlsx/reports"');
    expect(underFile.stderr).not.toContain('Unexpected');
    const init = gongfang(['init', 'empty.xlsx'], { cwd, lang: 'en' });
    expect(init.code).toBe(0);
    const none = gongfang(['partners', 'empty.xlsx', '--out-dir', 'none'], { cwd, lang: 'en' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No partner wants a report');
    // Nothing to write: no empty folder left behind, nor for a ledger that is not there.
    expect(fs.existsSync(path.join(cwd, 'none'))).toBe(false);
    const missing = gongfang(['partners', 'missing.xlsx', '--out-dir', 'gone'], { cwd });
    expect(missing.code).toBe(2);
    expect(fs.existsSync(path.join(cwd, 'gone'))).toBe(false);
  }, 120_000);

  it('a partner renamed since the last run: the file under the former name is kept and named as such', async () => {
    const args = ['--month', '2026-11', '--out-dir', 'renamed', '--today', '2026-11-20'];
    expect(gongfang(['partners', 'demo.xlsx', ...args], { cwd }).code).toBe(0);
    const [before] = fs.readdirSync(path.join(cwd, 'renamed')).filter((f) => f.startsWith('P01 '));
    const book = await readBack(path.join(cwd, 'demo.xlsx'));
    sheet(book, '合作单位').eachRow((row) => {
      if (row.getCell(1).value === 'P01') row.getCell(2).value = '新名字文创';
    });
    await book.xlsx.writeFile(path.join(cwd, 'renamed.xlsx'));
    const again = gongfang(['partners', 'renamed.xlsx', ...args], { cwd, lang: 'en' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('renamed/P01 新名字文创 2026-11.xlsx');
    expect(again.stdout).toContain(
      `Also in the folder: "renamed/${before}", P01's report from an earlier run, under the partner's former name (not deleted).`,
    );
    // Nothing deleted: both files are there; the other partners' reports are not named.
    const files = fs.readdirSync(path.join(cwd, 'renamed'));
    expect(files).toEqual(expect.arrayContaining([before, 'P01 新名字文创 2026-11.xlsx']));
    expect(again.stdout.match(/Also in the folder/g)).toHaveLength(1);
    const zh = gongfang(['partners', 'renamed.xlsx', ...args], { cwd, lang: 'zh' });
    expect(zh.stdout).toContain(
      `文件夹中还有「renamed/${before}」：以前运行时按 P01 的旧名称写的报表，没有删除。`,
    );
    const json = JSON.parse(
      gongfang(['partners', 'renamed.xlsx', ...args, '--json'], { cwd }).stdout,
    );
    expect(json.leftUnderFormerName).toEqual([
      { partnerId: 'P01', file: path.join(cwd, 'renamed', before ?? '') },
    ]);
  }, 120_000);

  it('two partners whose IDs make one file name: the second is refused even with --force, and the first’s report stays', async () => {
    // "X/1" and "X:1" are two IDs (the check finds no duplicate) but both become "X_1 …".
    const book = await readBack(path.join(cwd, 'demo.xlsx'));
    const partners = sheet(book, '合作单位');
    partners.addRow(['X/1', 'Acme', '', '', '是']);
    partners.addRow(['X:1', 'Acme', '', '', '是']);
    await book.xlsx.writeFile(path.join(cwd, 'same-name.xlsx'));
    const args = ['partners', 'same-name.xlsx', '--month', '2026-11', '--out-dir', 'same'];
    const run = gongfang([...args, '--today', '2026-11-20', '--json', '--force'], {
      cwd,
      lang: 'en',
    });
    expect(run.code).toBe(2);
    const answer = JSON.parse(run.stdout) as {
      ok: boolean;
      reports: { partnerId: string; file: string }[];
      failed: { partnerId: string; file: string }[];
    };
    expect(answer.ok).toBe(false);
    // Each file listed as written is written once, and is the partner's it says.
    const files = answer.reports.map((r) => r.file);
    expect(new Set(files).size).toBe(files.length);
    expect(answer.reports.filter((r) => r.partnerId.startsWith('X'))).toEqual([
      expect.objectContaining({ partnerId: 'X/1' }),
    ]);
    expect(answer.failed).toEqual([expect.objectContaining({ partnerId: 'X:1' })]);
    expect(run.stderr).toContain('another partner (X/1)');
    const kept = existingReport(path.join(cwd, 'same', 'X_1 Acme 2026-11.xlsx'), []);
    expect(kept).toEqual({ kind: 'report', partnerId: 'X/1', unchanged: true });
    expect(fs.readdirSync(path.join(cwd, 'same'))).toHaveLength(4);
  }, 120_000);

  // The advice shared by the workbook commands said "write elsewhere with --out", an option
  // partners does not have, and ended "the others were" when none was. A folder this user may
  // not write into: chmod for an ordinary user; root ignores modes, so as root the command runs
  // as another user (uid 4242), from a copy it can reach.
  it('an --out-dir it may not write into: the message names --out-dir and says none was written', () => {
    const folder = tempFolder('gongfang-partners-locked-');
    try {
      fs.chmodSync(folder, 0o755);
      fs.copyFileSync(path.join(cwd, 'demo.xlsx'), path.join(folder, 'demo.xlsx'));
      fs.chmodSync(path.join(folder, 'demo.xlsx'), 0o644);
      fs.mkdirSync(path.join(folder, 'locked'), { mode: 0o555 });
      fs.chmodSync(path.join(folder, 'locked'), 0o555);
      const args = ['partners', 'demo.xlsx', '--month', '2026-11', '--out-dir', 'locked'];
      const root = process.getuid?.() === 0;
      const cli = root ? copyBuiltCommand(folder) : BUILT_CLI;
      const run = spawnSync(process.execPath, [cli, ...args, '--today', '2026-11-20'], {
        cwd: folder,
        encoding: 'utf8',
        // Its code cache too (os.tmpdir()): nothing is left outside the folder.
        env: cliEnv('en', { HOME: folder, XDG_STATE_HOME: folder, TMPDIR: folder }),
        ...(root ? { uid: 4242, gid: 4300 } : {}),
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("Check the folder's permissions");
      expect(run.stderr).toContain('with --out-dir.');
      expect(run.stderr).not.toMatch(/--out[^-]/);
      expect(run.stderr).toContain('None of the 3 reports was written');
      expect(run.stderr).not.toContain('the others were');
      expect(fs.readdirSync(path.join(folder, 'locked'))).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('reportFileName', () => {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

  it('keeps short names whole, and turns characters no file system takes into _', () => {
    expect(reportFileName({ partnerId: 'P01', partner: '红星文创' }, '2026-11')).toBe(
      'P01 红星文创 2026-11.xlsx',
    );
    expect(reportFileName({ partnerId: 'P/2', partner: 'A: B?' }, '2026-11')).toBe(
      'P_2 A_ B_ 2026-11.xlsx',
    );
  });

  it.each([
    ['300 Latin letters', 'A'.repeat(300)],
    ['90 CJK characters', '剪'.repeat(90)],
    ['emoji and combining marks at the cut', '👩‍👩‍👧e\u0301'.repeat(40)],
  ])('shortens %s by bytes, at a character’s end, keeping ID and month', (_what, partner) => {
    const name = reportFileName({ partnerId: 'P07', partner }, '2026-11');
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(bytes(name)).toBeGreaterThan(MAX_NAME_BYTES - 30);
    expect(name.startsWith('P07 ')).toBe(true);
    expect(name.endsWith('… 2026-11.xlsx')).toBe(true);
    // Every character kept is whole: the name is its own UTF-8 round trip, with no lone
    // surrogate and no mark left without its letter.
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
    expect(name).not.toMatch(/[\ud800-\udfff]/u);
    const kept = name.slice(4, -'… 2026-11.xlsx'.length);
    expect(partner.startsWith(kept)).toBe(true);
    const graphemes = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(partner)];
    expect(graphemes.some(({ index }) => index === kept.length)).toBe(true);
  });

  it('an ID too long by itself keeps its start and a hash, so two such IDs never share a file', () => {
    const first = reportFileName({ partnerId: `${'X'.repeat(300)}1`, partner: 'A' }, '2026-11');
    const second = reportFileName({ partnerId: `${'X'.repeat(300)}2`, partner: 'A' }, '2026-11');
    expect(bytes(first)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^X+…~[0-9a-f]{8} 2026-11\.xlsx$/);
  });
});
