/**
 * Issue 7 through the built `gongfang` command on .xlsx files (read back with exceljs): each
 * defect reproduced as the issue describes it, reopening, and the one notion of "now".
 */
import * as fs from 'node:fs';
import { writeEnglishSerial } from './fixtures';
import { fileHash, gongfang, readBack, rowValues, sheet, tempFolder } from './helpers';

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const today = '2026-12-03';
const json = (text: string) => JSON.parse(text) as Record<string, any>;
const run = (...args: string[]) => gongfang([...args, '--today', today], { cwd: folder });

async function edit(file: string, change: (book: Awaited<ReturnType<typeof readBack>>) => void) {
  const book = await readBack(file);
  change(book);
  await book.xlsx.writeFile(file);
}

test('defect 1: an own-month "Correction …" reason is never taken for an issued correction', async () => {
  const file = await writeEnglishSerial(folder);
  await edit(file, (book) => {
    sheet(book, 'Adjustments').addRow([
      '2026-11',
      'R001',
      10,
      'Correction 2026-11-05 missed 3 pieces',
    ]);
  });
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  const before = fileHash(file);
  const checked = run('check', 'english.xlsx', '--correct', '--json');
  expect(json(checked.stdout)).toMatchObject({ closedMonths: [], corrections: [], corrected: 0 });
  expect(fileHash(file)).toBe(before);
});

test('defect 2: R001 retyped as r001 after closing: still closed, nothing to correct', async () => {
  const file = await writeEnglishSerial(folder);
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  await edit(file, (book) => {
    sheet(book, 'Residents').getCell('A2').value = 'r001';
  });
  const generated = run('generate', 'english.xlsx', '--month', '2026-11', '--json');
  expect(generated.code).toBe(0);
  expect(json(generated.stdout)).toMatchObject({ ok: true, closed: true });
  expect(json(run('check', 'english.xlsx', '--json').stdout).closedMonths).toEqual([]);
});

test('defect 3: a barcode in Completed is a located error, not a stack trace', async () => {
  const file = await writeEnglishSerial(folder);
  await edit(file, (book) => {
    sheet(book, 'Pieces').getCell('D5').value = 6901234567892;
  });
  const checked = run('check', 'english.xlsx', '--json');
  const problems = json(checked.stdout).problems as { where: string; code: string }[];
  expect(problems).toContainEqual(
    expect.objectContaining({ code: 'countTooLarge', where: expect.stringContaining('row 5') }),
  );
  for (const args of [['generate'], ['generate', '--json'], ['close', '--force']]) {
    const result = run(args[0] as string, 'english.xlsx', '--month', '2026-11', ...args.slice(1));
    expect(result.stderr).not.toMatch(/RangeError|at .*\.js:\d+/);
    if (args[0] === 'generate') expect(result.code).toBe(0);
  }
});

test('defect 4: a title row above the Closings header keeps the month closed', async () => {
  const file = await writeEnglishSerial(folder);
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  await edit(file, (book) => {
    const closings = sheet(book, 'Closings');
    closings.spliceRows(1, 0, ['Closing record — do not edit']);
    sheet(book, 'Pieces').getCell('D5').value = 9;
  });
  const refused = run('generate', 'english.xlsx', '--month', '2026-11');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('2026-11 was closed');
});

test('defect 4: a deleted Closings tab stops Generate and Close for every month', async () => {
  const file = await writeEnglishSerial(folder);
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  await edit(file, (book) => {
    book.removeWorksheet(sheet(book, 'Closings').id);
  });
  for (const month of ['2026-11', '2026-10']) {
    const generated = run('generate', 'english.xlsx', '--month', month);
    expect(generated.code).toBe(1);
    expect(generated.stderr).toContain('can no longer be read');
    expect(run('close', 'english.xlsx', '--month', month, '--force').code).toBe(1);
  }
});

test('defect 5: future months are refused; the current month needs --force', async () => {
  await writeEnglishSerial(folder);
  const future = run('close', 'english.xlsx', '--month', '2027-01');
  expect(future.code).toBe(1);
  expect(future.stderr).toContain('2027-01 has not come yet (today is 2026-12-03)');
  // Far from every month with rows, a month is first a typo (main's 01e9359).
  const far = run('close', 'english.xlsx', '--month', '2027-05');
  expect(far.code).toBe(1);
  expect(far.stderr).toContain('2027-05 has no Pieces or Adjustments rows');
  const early = run('close', 'english.xlsx', '--month', '2026-12');
  expect(early.code).toBe(1);
  expect(early.stderr).toContain('its last day is 2026-12-31');
  expect(early.stderr).toContain('--force');
  expect(run('close', 'english.xlsx', '--month', '2026-12', '--force').code).toBe(0);
});

test('--today must be a real date, and drives "Closed at"', async () => {
  const file = await writeEnglishSerial(folder);
  const impossible = gongfang(['check', 'english.xlsx', '--today', '2026-02-30'], { cwd: folder });
  expect(impossible.code).toBe(2);
  expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', 'Li').code).toBe(0);
  const closings = sheet(await readBack(file), 'Closings');
  expect(String(rowValues(closings, 2)[1])).toMatch(/^2026-12-03 \d\d:\d\d$/);
  expect(rowValues(closings, 2)[2]).toBe('Li');
});

test('a blank --by (an unset variable) is refused, not recorded as no one; a name is trimmed', async () => {
  const file = await writeEnglishSerial(folder);
  const before = fileHash(file);
  for (const args of [
    ['close', 'english.xlsx', '--month', '2026-11', '--by', ''],
    ['close', 'english.xlsx', '--month', '2026-11', '--by', '   '],
    ['reopen', 'english.xlsx', '--month', '2026-11', '--reason', 'typo', '--by', ''],
  ]) {
    const refused = run(...args);
    expect({ args, code: refused.code }).toEqual({ args, code: 2 });
    expect(refused.stderr).toContain('--by has no name after it.');
  }
  expect(fileHash(file)).toBe(before);
  expect(run('close', 'english.xlsx', '--month', '2026-11', '--by', '  Li  ').code).toBe(0);
  const closings = sheet(await readBack(file), 'Closings');
  expect(rowValues(closings, 2)[2]).toBe('Li');
});

test('reopen without --month names the one month it can reopen, in the command to run', async () => {
  const file = await writeEnglishSerial(folder);
  const nothing = run('reopen', 'english.xlsx', '--reason', 'typo');
  expect(nothing.code).toBe(1);
  expect(nothing.stderr).toContain('No month is closed, so there is nothing to reopen.');
  expect(run('close', 'english.xlsx', '--month', '2026-10').code).toBe(0);
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  const before = fileHash(file);
  const english = run('reopen', 'english.xlsx');
  expect(english.code).toBe(2);
  expect(english.stderr).toBe(
    'gongfang: Say which month to reopen with --month YYYY-MM: only the latest closed month can be reopened, 2026-11.\n' +
      'Next: gongfang reopen english.xlsx --month 2026-11 --reason TEXT\n',
  );
  const chinese = gongfang(['reopen', 'english.xlsx', '--reason', '漏了 两行', '--today', today], {
    cwd: folder,
    lang: 'zh',
  });
  expect(chinese.code).toBe(2);
  expect(chinese.stderr).toContain('只能撤销最近一次结账的月份，即 2026-11。');
  expect(chinese.stderr).toContain(
    '下一步：gongfang reopen english.xlsx --month 2026-11 --reason "漏了 两行"',
  );
  expect(fileHash(file)).toBe(before);
});

test('reopen: keeps the closing, records who/when/why, and only the latest month', async () => {
  const file = await writeEnglishSerial(folder);
  expect(run('close', 'english.xlsx', '--month', '2026-10').code).toBe(0);
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
  expect(run('reopen', 'english.xlsx', '--month', '2026-11').code).toBe(2);
  const older = run('reopen', 'english.xlsx', '--month', '2026-10', '--reason', 'typo');
  expect(older.code).toBe(1);
  expect(older.stderr).toContain('Only the latest closed month (2026-11)');
  const reopened = run(
    'reopen',
    'english.xlsx',
    '--month',
    '2026-11',
    '--reason',
    'missed rows',
    '--by',
    'Zhao',
  );
  expect(reopened.code).toBe(0);
  const closings = sheet(await readBack(file), 'Closings');
  expect(closings.actualRowCount).toBe(4);
  const header = rowValues(closings, 1);
  const last = rowValues(closings, 4);
  expect(last[header.indexOf('Month')]).toBe('2026-11');
  expect(last[header.indexOf('Reopened by')]).toBe('Zhao');
  expect(last[header.indexOf('Reopen reason')]).toBe('missed rows');
  expect(String(last[header.indexOf('Reopened at')])).toMatch(/^2026-12-03 /);
  const generated = run('generate', 'english.xlsx', '--month', '2026-11', '--json');
  expect(json(generated.stdout)).toMatchObject({ ok: true, closed: false });
  expect(run('close', 'english.xlsx', '--month', '2026-11').code).toBe(0);
});
