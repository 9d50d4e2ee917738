/**
 * Archive a year, in memory: what the archive holds, what the live sheet keeps (carried rows,
 * the Settings row), the refusals (a month not closed, rows with errors, a closed month changed,
 * twice), nothing changed when the archive reads back wrong, and the archived months refused by
 * Generate, Close and Reopen and left out of Check data's closed-month comparison.
 */
import { archiveYear, planArchive, verifyArchive } from '../../src/features/archiveYear';
import type { ArchivePlan } from '../../src/features/archiveYear';
import { generateMonth } from '../../src/features/generateMonth';
import { generateYear } from '../../src/features/generateYear';
import { closeMonth } from '../../src/features/closeMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import { checkData } from '../../src/features/checkData';
import { GongfangError } from '../../src/features/errors';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  closedYearTabs,
  memoryArchive,
  monthsBetween,
  recordClosings,
} from '../support/yearLedger';

const today = '2026-12-20';
const now = new Date('2026-12-20T02:00:00Z');

function ledger(): MemoryWorkbook {
  return new MemoryWorkbook(structuredClone(closedYearTabs()));
}

function refusalOf(fn: () => unknown): GongfangError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GongfangError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const rowsOf = (book: MemoryWorkbook, tab: string): CellValue[][] => book.tab(tab)?.values ?? [];
const inYear = (rows: CellValue[][], year: string) =>
  rows.slice(1).filter((row) => String(row[0]).startsWith(year));

describe('archiving 2025', () => {
  it("moves the year's rows to the archive, leaves carried rows, and records where", () => {
    const book = ledger();
    const before = structuredClone(rowsOf(book, '计件'));
    const { target, archive } = memoryArchive('台账 2025 归档.xlsx');
    const result = archiveYear(book, target, { year: 2025, now, today });
    const moved = inYear(before, '2025');
    expect(result.moved.pieces).toBe(moved.length);
    // The archive holds the year's rows exactly, under the live header.
    expect(archive.tab('计件')?.values).toEqual([before[0], ...moved]);
    expect(archive.tabs.map((t) => t.name)).toEqual([
      '居民',
      '合作单位',
      '订单',
      '计件',
      '调整',
      '设置',
      '结账',
      '年度 2025',
      '收入明细 2025',
      '成效 2025',
    ]);
    const closings = archive.tab('结账')?.values ?? [];
    expect(closings.slice(1).map((row) => row[0])).toEqual(monthsBetween('2025-06', '2025-12'));
    // Live: no raw row of 2025 left; carried rows in its place, marked 结转 = 2025.
    const after = rowsOf(book, '计件');
    expect(after[0]?.at(-1)).toBe('结转');
    const carried = after.filter((row) => row.at(-1) === '2025');
    expect(carried.length).toBe(result.carried.pieces);
    expect(carried.length).toBeLessThan(moved.length);
    expect(after.filter((row) => String(row[7]).startsWith('E')).length).toBe(
      before.length - 1 - moved.length,
    );
    // Pieces and money carried exactly.
    const sum = (rows: CellValue[][], column: number) =>
      rows.reduce((s, row) => s + Number(row[column]), 0);
    expect(sum(carried, 3)).toBe(sum(moved, 3));
    expect(sum(carried, 4)).toBe(sum(moved, 4));
    expect(rowsOf(book, '设置').at(-1)).toEqual(['归档', '2025：台账 2025 归档.xlsx']);
  });

  it('refuses what is not ready, and a year twice', () => {
    const book = ledger();
    expect(refusalOf(() => planArchive(book, { year: 2026, now, today })).render('zh-CN')).toBe(
      '2026 年还有月份没有结账：2026-11, 2026-12。每个月都结账后才能归档。',
    );
    expect(refusalOf(() => planArchive(book, { year: 2023, now, today })).render('en')).toBe(
      '2023 has no Pieces or Adjustments rows: nothing to archive.',
    );
    expect(refusalOf(() => planArchive(book, { year: '二五', now, today })).key).toBe(
      'yrYearInvalid',
    );
    archiveYear(book, memoryArchive().target, { year: 2025, now, today });
    expect(refusalOf(() => planArchive(book, { year: 2025, now, today })).key).toBe('arAlready');
  });

  it('refuses a year with a row with errors, listing it', () => {
    const book = ledger();
    book.appendRows('计件', [['2025-08-03', 'R001', 'O1', 5, 9, '', '', 'bad']]);
    const refused = refusalOf(() => planArchive(book, { year: 2025, now, today }));
    expect(refused.key).toBe('arBlocked');
    expect(refused.details.join('\n')).toContain('不合格数（9）大于完成数（5）');
  });

  it('refuses a year whose closed months changed until the corrections are in', () => {
    const book = ledger();
    book.appendRows('计件', [['2025-08-03', 'R001', 'O2', 4, 0, '', '', 'late']]);
    expect(refusalOf(() => planArchive(book, { year: 2025, now, today })).render('zh-CN')).toBe(
      '2025 年已结账的月份有改动：2025-08。请先运行「检查数据」写入更正，再归档。',
    );
  });

  it('archives a closed month whose rows changed with nothing owed (a slip re-dated in its month)', () => {
    const book = ledger();
    const pieces = rowsOf(book, '计件');
    const row = pieces.findIndex((r, i) => i > 0 && String(r[0]).startsWith('2025-08-0'));
    const slip = pieces[row] as CellValue[];
    slip[0] = `2025-08-2${String(slip[0]).slice(-1)}`;
    // Check data lists the month (its rows changed) but has no correction to write…
    const report = checkData(book, { today });
    expect(report.closedMonths.map((c) => c.month)).toEqual(['2025-08']);
    expect(report.corrections).toEqual([]);
    // …so the archive, which asks for the corrections first, must not wait for them.
    const result = archiveYear(book, memoryArchive().target, { year: 2025, now, today });
    expect(result.moved.pieces).toBeGreaterThan(0);
  });

  it('changes nothing when the archive reads back differently', () => {
    const book = ledger();
    const before = structuredClone(book.tabs);
    const { target, archive } = memoryArchive();
    const faulty = {
      write: (plan: ArchivePlan) => {
        const location = target.write(plan);
        // A cell lost on the way: the archive is not what was written.
        (archive.tab('调整')?.values[1] as CellValue[])[2] = 0;
        return location;
      },
      readBack: target.readBack,
    };
    const refused = refusalOf(() => archiveYear(book, faulty, { year: 2025, now, today }));
    expect(refused.render('zh-CN')).toMatch(
      /^归档文件写好后读回时「调整」与台账不一致，台账没有任何改动/,
    );
    expect(book.tabs).toEqual(before);
    expect(book.count('rewriteRows')).toBe(0);
  });

  it('verifies every copied tab, a missing one too', () => {
    const book = ledger();
    const plan = planArchive(book, { year: 2025, now, today });
    const back = plan.expected.map((tab) => ({ name: tab.name, values: tab.rows }));
    expect(() => verifyArchive(plan, back)).not.toThrow();
    expect(() => verifyArchive(plan, back.slice(0, -1))).toThrow(GongfangError);
    const shortened = back.map((tab, i) =>
      i === 3 ? { ...tab, values: tab.values.slice(0, -1) } : tab,
    );
    expect(() => verifyArchive(plan, shortened)).toThrow(GongfangError);
  });
});

describe('after archiving 2025', () => {
  function archived(): MemoryWorkbook {
    const book = ledger();
    archiveYear(book, memoryArchive('a.xlsx').target, { year: 2025, now, today });
    return book;
  }

  it('refuses to generate, close or reopen a month of 2025, naming the archive', () => {
    const book = archived();
    const message =
      '2025-08 所在的年份已归档（a.xlsx）：这个月的计件和调整行已移到归档文件里，台账中不能再生成、结账或撤销结账。';
    expect(
      refusalOf(() => generateMonth(book, { month: '2025-08', now, today })).render('zh-CN'),
    ).toBe(message);
    expect(
      refusalOf(() =>
        closeMonth(book, { month: '2025-08', now, today, closedBy: '王', force: true }),
      ).key,
    ).toBe('monthArchived');
    expect(
      refusalOf(() =>
        reopenMonth(book, { month: '2025-12', now, today, reopenedBy: '王', reason: 'x' }),
      ).key,
    ).toBe('monthArchived');
    expect(refusalOf(() => generateYear(book, { year: 2025, now, today })).key).toBe('yrArchived');
  });

  it('generates, closes and reports the live months as before', () => {
    const book = archived();
    expect(generateMonth(book, { month: '2026-11', now, today }).closed).toBe(false);
    closeMonth(book, { month: '2026-11', now, today, closedBy: '王' });
    expect(generateYear(book, { year: 2026, now, today }).closedMonths).toHaveLength(11);
  });

  it('Check data compares no archived month and finds nothing to correct', () => {
    const book = archived();
    const report = checkData(book, { today });
    expect(report.closedMonths).toEqual([]);
    expect(report.corrections).toEqual([]);
  });

  it('archives 2026 later, collapsing the rows carried from 2025', () => {
    const book = archived();
    recordClosings(book, ['2026-11', '2026-12'], '2027-01-10');
    const carried2025 = rowsOf(book, '计件').filter((row) => row.at(-1) === '2025').length;
    const result = archiveYear(book, memoryArchive('b.xlsx').target, {
      year: 2026,
      now,
      today: '2027-01-10',
    });
    const after = rowsOf(book, '计件');
    // One row per resident and order for everything before 2026.
    const before2026 = after.filter((row) => row.at(-1) === '2026' && String(row[0]) < '46023');
    expect(before2026.length).toBeLessThan(carried2025);
    expect(result.removed.pieces).toBe(result.moved.pieces + carried2025);
    expect(after.filter((row) => row.at(-1) === '2025')).toEqual([]);
  });
});
