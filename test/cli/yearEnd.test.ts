/**
 * The year end through the built command on .xlsx files (read back with exceljs and openpyxl):
 * `gongfang year` writes Year, Statements and Impact (totals equal to the closed payouts to the
 * fen, a native chart on Impact, no personal data on it), in both languages and as JSON;
 * `gongfang archive` writes the archive, reads it back, then changes the ledger once — after
 * which the year report and the months still live are exactly as before; a fault between the
 * archive and the ledger's write (a formula the removal would break) leaves the ledger as it was.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { closedYearTabs } from '../support/yearLedger';
import { ROOT, fileHash, gongfang, readBack, sheet, tempFolder } from './helpers';
import { footerTab, printToolsMissing, readPdf, renderToPdf } from '../support/printedPdf';

const TODAY = ['--today', '2026-12-20'];

async function writeLedger(file: string, lang: 'zh' | 'en' = 'zh'): Promise<void> {
  const book = new ExcelWorkbook();
  for (const [name, rows] of Object.entries(closedYearTabs(lang))) {
    const ws = book.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  await book.xlsx.writeFile(file);
}

function values(ws: ReturnType<typeof sheet>): unknown[][] {
  const rows: unknown[][] = [];
  // An empty cell reads as '' whether a file holds an empty string or no cell at all.
  ws.eachRow({ includeEmpty: true }, (row) =>
    rows.push(
      Array.from((row.values as unknown[]).slice(1), (cell) =>
        cell === undefined || cell === null ? '' : cell,
      ),
    ),
  );
  return rows.map((row) => {
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    return row;
  });
}

/** A tab's rows, the generated-at cell aside (it holds the time of the run). */
async function tabWithoutTime(file: string, name: string): Promise<unknown[][]> {
  const rows = values(sheet(await readBack(file), name));
  return rows.map((row) =>
    row.map((cell) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(cell)) ? '' : cell)),
  );
}

const openpyxl =
  spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;

describe('gongfang year', () => {
  let folder: string;
  beforeAll(() => {
    folder = tempFolder('gongfang-year-');
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('writes the three tabs; the total is the closed payouts to the fen', async () => {
    const file = path.join(folder, 'ledger.xlsx');
    await writeLedger(file);
    const run = gongfang(['year', file, '--year', '2026', ...TODAY], { cwd: folder, lang: 'zh' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已生成 2026 年：年度 2026、收入明细 2026、成效 2026');
    const book = await readBack(file);
    const year = values(sheet(book, '年度 2026'));
    const header = year.find((row) => row[0] === '编号') ?? [];
    const total = year.find((row) => row[0] === '合计') ?? [];
    const closings = values(sheet(book, '结账')).filter((row) =>
      String(row[0]).startsWith('2026-'),
    );
    const closedFen = closings.reduce<number>(
      (sum, row) => sum + Math.round(Number(row[4]) * 100),
      0,
    );
    expect(Math.round(Number(total[header.indexOf('全年合计')]) * 100)).toBe(closedFen);
    expect(values(sheet(book, '收入明细 2026'))[0]?.[0]).toBe('年度收入明细 2026');
  });

  it('prints JSON with money in fen, and speaks English', async () => {
    const file = path.join(folder, 'english.xlsx');
    await writeLedger(file, 'en');
    const run = gongfang(['year', file, '--year', '2026', '--json', ...TODAY], {
      cwd: folder,
      lang: 'en',
    });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      ok: true,
      year: 2026,
      lang: 'en',
      moneyUnit: 'fen',
      tabs: ['Year 2026', 'Statements 2026', 'Impact 2026'],
      draftMonths: ['2026-11', '2026-12'],
    });
    expect(Number.isInteger(json.total)).toBe(true);
    const plain = gongfang(['year', file, '--year', '2026', ...TODAY], { cwd: folder, lang: 'en' });
    expect(plain.stdout).toContain('Impact (no personal data)');
    expect(plain.stdout).toContain('Residents who earned');
  });

  (openpyxl ? it : it.skip)('draws a native chart on the Impact tab, read by openpyxl', () => {
    const file = path.join(folder, 'ledger.xlsx');
    const inspect = spawnSync(
      '/usr/bin/python3',
      [path.join(ROOT, 'test', 'fixtures', 'inspect_workbook.py'), file],
      { encoding: 'utf8' },
    );
    expect(inspect.status).toBe(0);
    expect((JSON.parse(inspect.stdout) as { charts: Record<string, number> }).charts).toEqual({
      '成效 2026': 1,
    });
  });

  it('refuses a year that is not one', () => {
    const file = path.join(folder, 'ledger.xlsx');
    const run = gongfang(['year', file, '--year', '26', ...TODAY], { cwd: folder, lang: 'zh' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('「26」不是年份');
  });
});

describe('gongfang archive', () => {
  let folder: string;
  beforeAll(() => {
    folder = tempFolder('gongfang-archive-');
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('moves a closed year out, and every report of the live year stays the same', async () => {
    const file = path.join(folder, 'ledger.xlsx');
    await writeLedger(file);
    const opts = { cwd: folder, lang: 'zh' as const };
    expect(gongfang(['year', file, '--year', '2026', ...TODAY], opts).code).toBe(0);
    const yearBefore = await tabWithoutTime(file, '年度 2026');
    const impactBefore = await tabWithoutTime(file, '成效 2026');
    const generatedBefore = gongfang(
      ['generate', file, '--month', '2026-02', '--json', ...TODAY],
      opts,
    );
    const piecesBefore = values(sheet(await readBack(file), '计件'));
    const adjustmentsBefore = values(sheet(await readBack(file), '调整'));

    const archive = path.join(folder, '归档', '台账 2025.xlsx');
    fs.mkdirSync(path.dirname(archive));
    const run = gongfang(['archive', file, '--year', '2025', '--out', archive, ...TODAY], opts);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const moved = piecesBefore.filter((row) => String(row[0]).startsWith('2025'));
    expect(run.stdout).toContain(`已把 2025 年的 ${moved.length} 行计件`);

    // The archive: the year's rows, exactly.
    const archived = await readBack(archive);
    expect(values(sheet(archived, '计件'))).toEqual([piecesBefore[0], ...moved]);
    expect(archived.worksheets.map((ws) => ws.name)).toContain('成效 2025');
    // The ledger: none of them, carried rows instead, and the archive named in Settings.
    const ledger = await readBack(file);
    const pieces = values(sheet(ledger, '计件'));
    expect(pieces[0]?.at(-1)).toBe('结转');
    expect(
      pieces.some((row) => String(row[7]).startsWith('E') && String(row[0]).startsWith('2025')),
    ).toBe(false);
    expect(values(sheet(ledger, '设置')).at(-1)).toEqual([
      '归档',
      `2025：${path.join('归档', '台账 2025.xlsx')}`,
    ]);

    // The archive's own removal is no change staff made: a check right after finds none (issue
    // 20's change log is refreshed in the same save), and the live rows' snapshot stays behind.
    const checked = gongfang(['check', file, '--json', ...TODAY], opts);
    expect(JSON.parse(checked.stdout).changedSinceLastRun).toEqual([]);
    expect(ledger.worksheets.map((ws) => ws.name)).toContain('审计快照');
    expect(archived.worksheets.map((ws) => ws.name)).not.toContain('审计快照');
    // The largest write Gongfang makes is on the record, as in Sheets: action, rows, where.
    const audited = values(sheet(ledger, '审计')).filter((row) => row[2] === '归档一年');
    expect(audited).toHaveLength(1);
    const movedAdjustments = adjustmentsBefore.filter((row) => String(row[0]).startsWith('2025'));
    expect(audited[0]?.[5]).toBe(moved.length + movedAdjustments.length);
    expect(String(audited[0]?.[10])).toMatch(
      new RegExp(
        `^归档 2025 年：移出 ${moved.length} 行计件、${movedAdjustments.length} 行调整，留下 \\d+ 行结转；归档文件：归档/台账 2025\\.xlsx$`,
      ),
    );

    // Archive-then-report equals report.
    expect(gongfang(['year', file, '--year', '2026', ...TODAY], opts).code).toBe(0);
    expect(await tabWithoutTime(file, '年度 2026')).toEqual(yearBefore);
    expect(await tabWithoutTime(file, '成效 2026')).toEqual(impactBefore);
    const generatedAfter = gongfang(
      ['generate', file, '--month', '2026-02', '--json', ...TODAY],
      opts,
    );
    expect(JSON.parse(generatedAfter.stdout).figures).toEqual(
      JSON.parse(generatedBefore.stdout).figures,
    );

    // The archived year is refused, naming its archive.
    const refused = gongfang(['generate', file, '--month', '2025-08', ...TODAY], opts);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2025-08 所在的年份已归档');
  });

  it('leaves the ledger as it was when the ledger cannot be changed after the archive is written', async () => {
    const file = path.join(folder, 'formula.xlsx');
    await writeLedger(file);
    // Staff's own column with a formula in a row that removing the year's rows would move.
    const book = await readBack(file);
    const ws = sheet(book, '计件');
    const last = ws.rowCount;
    ws.getCell(`I${last}`).value = { formula: `D${last}-E${last}`, result: 0 };
    await book.xlsx.writeFile(file);
    const before = fileHash(file);
    const archive = path.join(folder, 'formula-archive.xlsx');
    const run = gongfang(['archive', file, '--year', '2025', '--out', archive, ...TODAY], {
      cwd: folder,
      lang: 'zh',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`「计件」第 ${last} 行有公式`);
    // The archive was written and read back; the ledger was not changed.
    expect(fs.existsSync(archive)).toBe(true);
    expect(fileHash(file)).toBe(before);
  });

  it('reopen without --month, the latest closed month archived: says so, no command to a refusal', async () => {
    const file = path.join(folder, 'all-closed.xlsx');
    await writeLedger(file);
    const opts = { cwd: folder, lang: 'en' as const };
    const later = ['--today', '2027-01-10'];
    for (const month of ['2026-11', '2026-12']) {
      expect(gongfang(['close', file, '--month', month, '--force', ...later], opts).code).toBe(0);
    }
    const out = path.join(folder, 'all-closed 2026.xlsx');
    expect(gongfang(['archive', file, '--year', '2026', '--out', out, ...later], opts).code).toBe(
      0,
    );
    const before = fileHash(file);
    const run = gongfang(['reopen', file, '--reason', 'late slip', ...later], opts);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The year of 2026-12 is archived (all-closed 2026.xlsx)');
    expect(run.stderr).not.toContain('--month 2026-12');
    expect(fileHash(file)).toBe(before);
  });

  it("never replaces last year's archive given again as --out (its rows are only there)", async () => {
    const file = path.join(folder, 'two-years.xlsx');
    await writeLedger(file);
    const later = ['--today', '2027-01-10'];
    const opts = { cwd: folder, lang: 'en' as const };
    const out = path.join(folder, 'archive.xlsx');
    expect(gongfang(['archive', file, '--year', '2025', '--out', out, ...later], opts).code).toBe(
      0,
    );
    for (const month of ['2026-11', '2026-12']) {
      expect(gongfang(['close', file, '--month', month, '--force', ...later], opts).code).toBe(0);
    }
    const archive2025 = fileHash(out);
    const ledger = fileHash(file);
    // The same command a year on, the year changed and the name not: 2025's only copy stays.
    const again = gongfang(['archive', file, '--year', '2026', '--out', out, ...later], opts);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'gongfang: "archive.xlsx" already exists and was not replaced: it may be the archive of another year, the only copy of its rows. Give the archive a new file name (--out), or add --force if it is left over from an archive that did not finish.\n',
    );
    expect(fileHash(out)).toBe(archive2025);
    expect(fileHash(file)).toBe(ledger);
    const zh = gongfang(['archive', file, '--year', '2026', '--out', out, ...later], {
      ...opts,
      lang: 'zh',
    });
    expect(zh.stderr).toContain('「archive.xlsx」已存在，没有覆盖');
    // A folder of that name is no archive: said as a folder.
    fs.mkdirSync(path.join(folder, 'archives'));
    const toFolder = ['archive', file, '--year', '2026', '--out', 'archives', ...later];
    expect(gongfang(toFolder, opts).stderr).toContain('"archives": it is a folder');
    // A new name archives 2026 as usual.
    const renamed = ['--out', path.join(folder, 'archive 2026.xlsx')];
    expect(gongfang(['archive', file, '--year', '2026', ...renamed, ...later], opts).code).toBe(0);
  });

  it('an --out under a file (not a folder): says its folder does not exist, the ledger as it was', async () => {
    const file = path.join(folder, 'under-a-file.xlsx');
    await writeLedger(file);
    const before = fileHash(file);
    fs.writeFileSync(path.join(folder, 'notes'), 'a file, not a folder');
    const args = ['archive', 'under-a-file.xlsx', '--year', '2025', '--out', 'notes/2025.xlsx'];
    // It said "Unexpected error: ENOTDIR: not a directory, stat …".
    const en = gongfang([...args, ...TODAY], { cwd: folder, lang: 'en' });
    expect({ code: en.code, stderr: en.stderr }).toEqual({
      code: 2,
      stderr: 'gongfang: Cannot write "notes/2025.xlsx": its folder does not exist.\n',
    });
    const zh = gongfang([...args, ...TODAY], { cwd: folder, lang: 'zh' });
    expect(zh.stderr).toContain('无法写入「notes/2025.xlsx」：所在文件夹不存在。');
    expect(fileHash(file)).toBe(before);
  });

  it('refused for corrections still owed: names check --correct, which writes them, on the file as given', async () => {
    await writeLedger(path.join(folder, 'owed ledger.xlsx'));
    // A closed month's slip changed in the file: its correction is owed.
    const book = await readBack(path.join(folder, 'owed ledger.xlsx'));
    const cell = sheet(book, '计件').getCell('D2');
    cell.value = Number(cell.value) + 5;
    await book.xlsx.writeFile(path.join(folder, 'owed ledger.xlsx'));
    const args = ['archive', 'owed ledger.xlsx', '--year', '2025', '--out', 'owed 2025.xlsx'];
    const en = gongfang([...args, ...TODAY], { cwd: folder, lang: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('Closed months of 2025 changed: 2025-06.');
    expect(en.stderr).toContain('\nNext: gongfang check "owed ledger.xlsx" --correct\n');
    const zh = gongfang([...args, ...TODAY], { cwd: folder, lang: 'zh' });
    expect(zh.stderr).toContain('\n下一步：gongfang check "owed ledger.xlsx" --correct\n');
    const json = JSON.parse(gongfang([...args, '--json', ...TODAY], { cwd: folder }).stdout);
    expect(json.error).toMatchObject({ code: 'arChanged', next: { kind: 'correct' } });
    expect(fs.existsSync(path.join(folder, 'owed 2025.xlsx'))).toBe(false);
    // The command it names writes the correction; the archive then goes ahead.
    const corrected = ['check', 'owed ledger.xlsx', '--correct', ...TODAY];
    expect(gongfang(corrected, { cwd: folder }).code).toBe(0);
    expect(gongfang([...args, ...TODAY], { cwd: folder }).code).toBe(0);
  });

  it('check says a row typed into an archived year is not paid (no correction comes)', async () => {
    const file = path.join(folder, 'late-slip.xlsx');
    await writeLedger(file);
    const opts = { cwd: folder, lang: 'en' as const };
    const out = path.join(folder, 'late-slip 2025.xlsx');
    expect(gongfang(['archive', file, '--year', '2025', '--out', out, ...TODAY], opts).code).toBe(
      0,
    );
    // A slip of 31 December 2025 typed in after the archive.
    const book = await readBack(file);
    const slip = [new Date(Date.UTC(2025, 11, 31)), 'R001', 'O1', 10, 0, '王老师', '', 'E99999'];
    sheet(book, '计件').addRow(slip);
    await book.xlsx.writeFile(file);
    const run = gongfang(['check', file, ...TODAY], opts);
    expect(run.stdout).toContain('[closed month 2025-12]');
    expect(run.stdout).toContain(
      'Rows of 2025-12 changed, a month of an archived year: check --correct makes no correction for it, so the change is not paid. Pay it as an adjustment of an open month.',
    );
    const json = JSON.parse(gongfang(['check', file, '--json', ...TODAY], opts).stdout);
    expect(json.corrections).toEqual([]);
    const zh = gongfang(['check', file, ...TODAY], { ...opts, lang: 'zh' });
    expect(zh.stdout).toContain(
      '2025-12 的行有改动，而这一年已归档：check --correct 不会为它写更正',
    );
  });

  it('check says so too for a month of the archived year that was never closed', async () => {
    const file = path.join(folder, 'early-slip.xlsx');
    await writeLedger(file);
    const opts = { cwd: folder, lang: 'en' as const };
    const out = path.join(folder, 'early-slip 2025.xlsx');
    expect(gongfang(['archive', file, '--year', '2025', '--out', out, ...TODAY], opts).code).toBe(
      0,
    );
    // The ledger begins in June 2025: March was never closed, and is archived all the same.
    const book = await readBack(file);
    const slip = [new Date(Date.UTC(2025, 2, 31)), 'R001', 'O1', 10, 0, '王老师', '', 'E99998'];
    sheet(book, '计件').addRow(slip);
    await book.xlsx.writeFile(file);
    const run = gongfang(['check', file, ...TODAY], opts);
    expect(run.stdout).toContain(
      'Rows of 2025-03 changed, a month of an archived year: check --correct makes no correction for it, so the change is not paid. Pay it as an adjustment of an open month.',
    );
    // Nor can the month be paid as such: it is refused, naming the archive.
    const generated = gongfang(['generate', file, '--month', '2025-03', ...TODAY], opts);
    expect(generated.code).toBe(1);
  });

  (printToolsMissing() === null ? it : it.skip)(
    "prints the archive's copied tabs as the ledger's: header on every page, pages numbered",
    async () => {
      const file = path.join(folder, 'printed.xlsx');
      await writeLedger(file);
      const out = path.join(folder, 'printed 2025.xlsx');
      const run = gongfang(['archive', file, '--year', '2025', '--out', out, ...TODAY], {
        cwd: folder,
        lang: 'zh',
      });
      expect(run.code).toBe(0);
      // An auditor's pile of 计件 pages, as LibreOffice prints them: each under its header,
      // footed with the tab's name and its number, so a page missing shows.
      const [pdf] = renderToPdf([out], folder);
      const pages = readPdf(pdf ?? '').filter((page) => footerTab(page) === '计件');
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, i) => {
        const top = Math.min(...page.words.map((w) => w.yMin));
        const header = page.words.filter((w) => w.yMin - top < 3).map((w) => w.text);
        expect(header.slice(0, 3)).toEqual(['日期', '居民编号', '订单编号']);
        const foot = page.words.filter(
          (w) => w.yMin > page.height - 50 && w.xMin > page.width * 0.7,
        );
        expect(foot.map((w) => w.text)).toEqual([String(i + 1)]);
      });
    },
    180_000,
  );

  it('refuses a year with months not closed, and asks for --out and --year', async () => {
    const file = path.join(folder, 'open.xlsx');
    await writeLedger(file);
    const opts = { cwd: folder, lang: 'en' as const };
    const before = fileHash(file);
    const open = gongfang(['archive', file, '--year', '2026', '--out', 'a.xlsx', ...TODAY], opts);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain('Months of 2026 are not closed: 2026-11, 2026-12.');
    expect(fs.existsSync(path.join(folder, 'a.xlsx'))).toBe(false);
    expect(fileHash(file)).toBe(before);
    expect(gongfang(['archive', file, '--year', '2025'], opts).code).toBe(2);
    expect(gongfang(['archive', file, '--out', 'a.xlsx'], opts).code).toBe(2);
  });

  it('refuses an --out that is the ledger under another name, saying so (not "in use")', async () => {
    const file = path.join(folder, 'linked.xlsx');
    await writeLedger(file);
    const before = fileHash(file);
    fs.symlinkSync('linked.xlsx', path.join(folder, 'soft.xlsx'));
    fs.linkSync(file, path.join(folder, 'hard.xlsx'));
    const archive = (out: string, lang: 'en' | 'zh' = 'en') =>
      gongfang(['archive', 'linked.xlsx', '--year', '2025', '--out', out, ...TODAY], {
        cwd: folder,
        lang,
      });
    for (const out of ['soft.xlsx', 'hard.xlsx']) {
      const refused = archive(out);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `gongfang: --out cannot be the ledger itself: "${out}" is another name (a link) of "linked.xlsx". Give the archive workbook a new file name.\n`,
      );
      expect(fileHash(file)).toBe(before);
    }
    expect(archive('soft.xlsx', 'zh').stderr).toContain(
      '「soft.xlsx」是「linked.xlsx」的另一个名字',
    );
    expect(archive('linked.xlsx').stderr).toContain(
      '--out cannot be the ledger itself (linked.xlsx).',
    );
  });
});
