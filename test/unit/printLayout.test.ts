/**
 * What staff print: payslip strips boxed, with a dashed line to cut along and never split
 * across pages; numeric headers over their numbers; the payout's header repeated on each page.
 */
import fc from 'fast-check';
import { computeMonthPay, indexPayBook, payForMonth } from '../../src/domain/payout';
import { buildPayslipsTab } from '../../src/features/reports/payslipsTab';
import { buildPayoutTab } from '../../src/features/reports/payoutTab';
import { buildSummaryTab } from '../../src/features/reports/summaryTab';
import { A4_LANDSCAPE_ROWS, pageBreaksKeepingTogether } from '../../src/features/reports/print';
import type { ReportContext } from '../../src/features/reports/context';
import type { GeneratedTab, PrintLayout } from '../../src/workbook/port';
import { summarizeMonth } from '../../src/domain/summary';
import { order, piece, resident } from '../support/monthFixtures';

const context: ReportContext = {
  lang: 'zh-CN',
  month: '2026-11',
  organization: '幸福社区工坊',
  currency: '¥',
  generatedAt: '2026-12-01 10:00',
  closed: null,
  excludedRows: 2,
};

/** `residents` residents, each working `orders` orders in November. */
function month(residents: number, orders: number) {
  const orderList = Array.from({ length: orders }, (_, i) => order(`O${i + 1}`, 1500 + i));
  const residentList = Array.from({ length: residents }, (_, i) =>
    resident(`R${String(i + 1).padStart(3, '0')}`),
  );
  const pieces = residentList.flatMap((r, i) =>
    orderList.map((o, j) => piece('2026-11-03', r.id, o.id, 10 + i + j, j % 2)),
  );
  return { residents: residentList, orders: orderList, pieces, adjustments: [] };
}

function printOf(tab: GeneratedTab): PrintLayout {
  if (tab.print === undefined) throw new Error(`${tab.name} has no print layout`);
  return tab.print;
}

describe('pages break between blocks, never inside one', () => {
  test('a strip that would cross the page end moves whole to the next page', () => {
    const blocks = [
      { first: 2, last: 11 },
      { first: 12, last: 21 },
      { first: 22, last: 31 }, // would cross row 28
      { first: 32, last: 41 },
    ];
    expect(pageBreaksKeepingTogether(blocks, 28)).toEqual([22]);
  });

  test('property: every block fits within one page unless it is taller than a page', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 10, max: 40 }),
        fc.integer({ min: 0, max: 20 }),
        (heights, top, rowsPerPage, extra) => {
          // The printer may fit more rows than planned for (fit to width), never fewer.
          const capacity = rowsPerPage + extra;
          let next = top;
          const blocks = heights.map((height) => {
            const block = { first: next, last: next + height - 1 };
            next += height;
            return block;
          });
          const breaks = pageBreaksKeepingTogether(blocks, rowsPerPage);
          // Simulate the printer: a manual break starts a page; otherwise a page holds
          // rowsPerPage rows.
          const pageOf = new Map<number, number>();
          let page = 0;
          let pageStart = 0;
          for (let row = 0; row < next; row += 1) {
            if (breaks.includes(row) || row - pageStart >= capacity) {
              page += 1;
              pageStart = row;
            }
            pageOf.set(row, page);
          }
          for (const block of blocks) {
            const height = block.last - block.first + 1;
            if (height > rowsPerPage) continue;
            expect(pageOf.get(block.first)).toBe(pageOf.get(block.last));
          }
          // Breaks only where a block starts.
          for (const row of breaks) expect(blocks.some((b) => b.first === row)).toBe(true);
        },
      ),
    );
  });
});

describe('payslips', () => {
  const pay = computeMonthPay(month(12, 3), '2026-11');
  const tab = buildPayslipsTab(pay, context);
  const print = printOf(tab);

  test('each strip is a boxed table: labels, values and one row per order', () => {
    expect(print.boxes).toHaveLength(12);
    for (const box of print.boxes) {
      expect(box).toMatchObject({ numRows: 2 + 3, column: 0, numColumns: 10 });
      expect(tab.cells[box.row]?.[9]).toBe('签名');
    }
  });

  test('a dashed cut line runs between strips, with a blank row on each side', () => {
    expect(print.cutLines).toHaveLength(12);
    for (const line of print.cutLines) {
      expect(tab.cells[line]?.every((cell) => cell === '')).toBe(true);
      expect(tab.cells[line + 1]?.every((cell) => cell === '')).toBe(true);
      const above = print.boxes.find((b) => b.row + b.numRows === line);
      expect(above).toBeDefined();
    }
    expect(String(tab.cells[0]?.[0])).toContain('沿虚线剪开');
  });

  test('no strip is split across A4 landscape pages', () => {
    expect(print.pageBreaks.length).toBeGreaterThan(0);
    let pageStart = 0;
    for (const box of print.boxes) {
      if (print.pageBreaks.includes(box.row)) pageStart = box.row;
      while (box.row - pageStart >= A4_LANDSCAPE_ROWS) pageStart += A4_LANDSCAPE_ROWS;
      expect(box.row + box.numRows - 1 - pageStart).toBeLessThan(A4_LANDSCAPE_ROWS);
    }
  });

  test('labels over numbers are right-aligned, as the numbers are', () => {
    const labels = print.boxes[0]?.row ?? -1;
    const aligned = tab.alignments?.[labels] ?? [];
    // 月份 编号 姓名 | 合格数 不合格数 单价 计件工资 调整 实发 | 签名
    expect(aligned).toEqual(['', '', '', 'right', 'right', 'right', 'right', 'right', 'right', '']);
    expect(typeof tab.cells[labels + 1]?.[3]).toBe('number');
  });
});

describe('payout', () => {
  const pay = computeMonthPay(month(40, 2), '2026-11');
  const tab = buildPayoutTab(pay, context);
  const print = printOf(tab);

  test('its header rows print on every page and are the frozen rows', () => {
    expect(print.repeatRows).toBe(tab.frozenRows);
    expect(tab.cells[tab.frozenRows - 1]?.[0]).toBe('编号');
  });

  test('both tables are boxed, totals row included', () => {
    const [residents, detail] = print.boxes;
    expect(residents).toMatchObject({ row: tab.frozenRows - 1, numRows: 1 + 40 + 1 });
    expect(tab.cells[(residents?.row ?? 0) + (residents?.numRows ?? 0) - 1]?.[0]).toBe('合计');
    expect(detail).toMatchObject({ numRows: 1 + 80, numColumns: 7 });
  });
});

describe('summary', () => {
  const book = indexPayBook(month(3, 2));
  const pay = payForMonth(book, '2026-11');
  const summary = summarizeMonth(book, pay, '2026-12-01');
  const problems = {
    groups: [{ tab: '计件', column: '完成数', problem: '不是整数', rows: [926, 930] }],
    warnings: 0,
  };
  const tab = buildSummaryTab(summary, problems, context);

  test('row numbers are worded as rows, so a count beside them is not read as one', () => {
    const at = tab.cells.findIndex((r) => r[0] === '计件');
    expect(tab.cells[at]?.[2]).toBe(2);
    expect(tab.cells[at]?.[3]).toBe('第 926、930 行');
    // The problem on the row under them, running over B–I (nothing to its right).
    expect(tab.cells[at + 1]).toEqual(['', '不是整数', '', '', '', '', '', '', '']);
  });

  test('only the first ten row numbers are listed; the count says how many', () => {
    const many = buildSummaryTab(
      summary,
      {
        groups: [{ tab: 'Pieces', column: 'Date', problem: 'x', rows: [...Array(30).keys()] }],
        warnings: 0,
      },
      { ...context, lang: 'en' },
    );
    const row = many.cells.find((r) => r[0] === 'Pieces');
    expect(row?.[2]).toBe(30);
    expect(row?.[3]).toBe('rows 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …');
  });

  test('the excluded-rows note points further down, not at the Summary itself', () => {
    const note = tab.cells.find((r) => r[0] === '未计入的行')?.[1];
    expect(note).toContain('本表下方');
    expect(note).not.toContain('见「汇总」');
    const payout = buildPayoutTab(pay, context);
    expect(payout.cells.find((r) => r[0] === '未计入的行')?.[1]).toContain('见「汇总」');
  });
});
