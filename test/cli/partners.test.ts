/** `gongfang partners`: one .xlsx per partner with Report = yes, read back with exceljs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gongfang, readBack, sheet, tempFolder } from './helpers';

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

  it('exits 2 without --out-dir, and 1 when no partner wants a report', () => {
    const noDir = gongfang(['partners', 'demo.xlsx', '--month', '2026-11'], { cwd, lang: 'en' });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('--out-dir');
    const init = gongfang(['init', 'empty.xlsx'], { cwd, lang: 'en' });
    expect(init.code).toBe(0);
    const none = gongfang(['partners', 'empty.xlsx', '--out-dir', 'none'], { cwd, lang: 'en' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No partner wants a report');
  }, 120_000);
});
