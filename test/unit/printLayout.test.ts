/**
 * What staff print: pages laid out row by row from each row's measured height — a block never
 * split, a table's header starting every page its body runs on to (issue 22, finding 1: the
 * payout's detail printed under the residents' header) — payslip strips boxed with a box to sign
 * in and a dashed line to cut along, several to an A4 portrait page; numeric headers over their
 * numbers.
 */
import fc from 'fast-check';
import { computeMonthPay, indexPayBook, payForMonth } from '../../src/domain/payout';
import { buildPayslipsTab } from '../../src/features/reports/payslipsTab';
import { buildPayoutTab } from '../../src/features/reports/payoutTab';
import { buildSummaryTab } from '../../src/features/reports/summaryTab';
import { A4, paginate } from '../../src/features/reports/print';
import type { PrintedTable } from '../../src/features/reports/print';
import { lineBreaks, rowHeightFor, wrappedLines } from '../../src/features/reports/lines';
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

/** The printed pages of a tab: the row indexes on each, the title rows repeated left out. */
function pagesOf(tab: GeneratedTab): number[][] {
  const starts = [0, ...printOf(tab).pageBreaks, tab.cells.length];
  return starts
    .slice(0, -1)
    .map((first, i) =>
      Array.from({ length: (starts[i + 1] ?? first) - first }, (_, k) => first + k),
    );
}

function pageHeight(tab: GeneratedTab, rows: readonly number[]): number {
  const title = Array.from({ length: printOf(tab).repeatRows }, (_, r) => r);
  const all = rows[0] === 0 ? rows : [...title, ...rows];
  return all.reduce((sum, r) => sum + (tab.rowHeights?.[r] ?? 0), 0);
}

describe('lines and heights', () => {
  test('CJK breaks beside any character, Latin at spaces and after hyphens', () => {
    expect(wrappedLines('粘钻发夹', 200)).toBe(1);
    // 12 characters of 15 px in 100 px (less padding): 6 a line.
    expect(wrappedLines('苏绣杯垫苏绣杯垫苏绣杯垫', 100)).toBe(2);
    expect(wrappedLines('Rhinestone hair clips', 200)).toBe(1);
    expect(wrappedLines('Rhinestone hair clips', 100)).toBe(2);
    expect(wrappedLines('Suzhou-embroidered coasters', 100)).toBe(3);
    expect(wrappedLines('first\nsecond', 400)).toBe(2);
  });

  test('a row of one line keeps the default height; more lines, more height', () => {
    expect(rowHeightFor(1)).toBe(20);
    expect(rowHeightFor(2)).toBeGreaterThanOrEqual(40);
    expect(rowHeightFor(3)).toBeGreaterThan(rowHeightFor(2));
  });
});

describe('pages', () => {
  const page = { width: 950, height: 100 };
  const heights = (n: number, h = 20) => Array.from({ length: n }, () => h);

  test('a page that starts inside a table starts with its header', () => {
    // Row 0 the title; a table with its header at 1 and body 2..9.
    const tables: PrintedTable[] = [{ header: { first: 1, last: 1 }, last: 9 }];
    const pages = paginate({
      heights: heights(10),
      page,
      repeatRows: 1,
      tables,
      keepTogether: [],
      breaksBefore: [],
    });
    // 5 rows of 20 px fill a page; later pages hold the title (repeated by the printer),
    // the header again and 3 rows.
    expect(pages.rows).toEqual([0, 1, 2, 3, 4, 1, 5, 6, 7, 1, 8, 9]);
    expect(pages.breaks).toEqual([5, 9]);
  });

  test('a block that would cross the foot of a page moves whole to the next', () => {
    const pages = paginate({
      heights: heights(8),
      page,
      repeatRows: 0,
      tables: [],
      keepTogether: [
        { first: 0, last: 2 },
        { first: 3, last: 5 },
        { first: 6, last: 7 },
      ],
      breaksBefore: [],
    });
    // 3 rows (60 px) and 3 more would not fit a page of 100 px; the last 2 fit beside them.
    expect(pages.breaks).toEqual([3]);
  });

  test('a forced break starts a page; a block taller than a page starts one and is split where it must be', () => {
    const pages = paginate({
      heights: heights(9),
      page,
      repeatRows: 0,
      tables: [],
      keepTogether: [{ first: 2, last: 8 }],
      breaksBefore: [1],
    });
    expect(pages.breaks).toEqual([1, 2, 7]);
  });

  test('property: every page fits, every page in a table body starts with its header', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 10, max: 60 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 100, max: 400 }),
        (rowHeights, height) => {
          const n = rowHeights.length;
          const tables: PrintedTable[] =
            n > 3 ? [{ header: { first: 1, last: 1 }, last: n - 1 }] : [];
          const pages = paginate({
            heights: rowHeights,
            page: { width: 950, height },
            repeatRows: 1,
            tables,
            keepTogether: [],
            breaksBefore: [],
          });
          const starts = [0, ...pages.breaks, pages.rows.length];
          for (let p = 0; p < starts.length - 1; p += 1) {
            const rows = pages.rows.slice(starts[p], starts[p + 1]);
            const title = p === 0 ? 0 : (rowHeights[0] ?? 0);
            const used = title + rows.reduce((sum, r) => sum + (rowHeights[r] ?? 0), 0);
            // A page overflows only when one row alone (with what must precede it) cannot fit.
            if (used > height) expect(rows.length).toBeLessThanOrEqual(2);
            if (p > 0 && tables.length > 0 && (rows[0] ?? 0) > 1) expect(rows[0]).toBe(1);
          }
          // Every row printed, in order, once (the header's copies aside).
          expect(pages.rows.filter((r, i) => r !== 1 || pages.rows.indexOf(1) === i)).toEqual(
            rowHeights.map((_, r) => r),
          );
        },
      ),
    );
  });
});

describe('payslips', () => {
  const pay = computeMonthPay(month(12, 3), '2026-11');
  const tab = buildPayslipsTab(pay, context);
  const print = printOf(tab);

  test('A4 portrait, several strips a page, none split', () => {
    expect(tab.landscape).toBe(false);
    expect(tab.columnWidths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(A4.portrait.width);
    const pages = pagesOf(tab);
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(12 / 3));
    for (const rows of pages) expect(pageHeight(tab, rows)).toBeLessThanOrEqual(A4.portrait.height);
    for (const box of print.boxes) {
      const page = pages.findIndex((rows) => rows.includes(box.row));
      expect(pages[page]).toContain(box.row + box.numRows - 1);
    }
  });

  test('each strip: workshop and month, the resident, a boxed table that adds up, a box to sign in', () => {
    expect(print.boxes).toHaveLength(12);
    expect(print.outlines).toHaveLength(12);
    for (const box of print.boxes) {
      const above = tab.cells[box.row - 2] ?? [];
      expect(above[0]).toBe('幸福社区工坊');
      expect(above[5]).toBe('工资条 2026-11');
      expect(tab.cells[box.row - 1]?.[0]).toMatch(/^R\d{3}$/);
      expect(tab.cells[box.row]).toEqual([
        '订单',
        '产品',
        '合格数',
        '不合格数',
        '计件单价',
        '金额',
      ]);
      const rows = tab.cells.slice(box.row + 1, box.row + box.numRows);
      const net = rows[rows.length - 1] ?? [];
      expect(net[0]).toBe('实发');
      // Lines to the fen; lines (and any rounding line) add up to the piece pay.
      const lines = rows.filter((r) => typeof r[0] === 'string' && /^O\d+$/.test(r[0]));
      const piecePay = rows.find((r) => r[0] === '计件工资')?.[5] as number;
      const rounding = rows.find((r) => String(r[0]).startsWith('四舍五入'))?.[5] ?? 0;
      const sum = lines.reduce((total, r) => total + Math.round(Number(r[5]) * 100), 0);
      expect(sum + Math.round(Number(rounding) * 100)).toBe(Math.round(piecePay * 100));
      for (const r of lines) expect(Number(r[5]) * 100).toBeCloseTo(Math.round(Number(r[5]) * 100));
    }
    for (const outline of print.outlines ?? []) {
      expect(tab.cells[outline.row]?.[0]).toBe('本人签名');
      expect(outline.numRows).toBe(2);
    }
  });

  test('a dashed cut line under every strip', () => {
    expect(print.cutLines).toHaveLength(12);
    for (const line of print.cutLines) {
      expect(tab.cells[line]?.every((cell) => cell === '')).toBe(true);
    }
  });

  test('labels over numbers are right-aligned, as the numbers are', () => {
    const labels = print.boxes[0]?.row ?? -1;
    expect(tab.alignments?.[labels]).toEqual(['', '', 'right', 'right', 'right', 'right']);
  });

  test('an adjustment shows its reason; a slip without one says so', () => {
    const book = month(1, 1);
    const adjusted = computeMonthPay(
      {
        ...book,
        adjustments: [
          { row: 2, month: '2026-11', residentId: 'R001', amount: 1500, reason: '全勤奖' },
          { row: 3, month: '2026-11', residentId: 'R001', amount: -250, reason: '' },
        ],
      },
      '2026-11',
    );
    const slip = buildPayslipsTab(adjusted, context);
    const rows = slip.cells.filter((r) => r[0] === '调整');
    // By reason, so the slip is the same whatever order the rows were typed in.
    expect(rows.map((r) => [r[1], r[5]])).toEqual([
      ['（未填事由）', -2.5],
      ['全勤奖', 15],
    ]);
  });
});

describe('payout', () => {
  const pay = computeMonthPay(month(40, 2), '2026-11');
  const tab = buildPayoutTab(pay, context);
  const print = printOf(tab);
  const pages = pagesOf(tab);

  test('only its title is frozen and repeated; the detail starts a page', () => {
    expect(tab.frozenRows).toBe(1);
    expect(print.repeatRows).toBe(1);
    const detailTitle = tab.cells.findIndex((r) => String(r[0]).startsWith('明细'));
    expect(print.pageBreaks).toContain(detailTitle);
  });

  test('every page in a table starts with that table’s own header (finding 1)', () => {
    const [residents, detail] = print.boxes;
    const headerOf = (row: number) =>
      [residents, detail].find((b) => b && row > b.row && row < b.row + b.numRows);
    for (const rows of pages.slice(1)) {
      const first = rows[0] ?? 0;
      const box = headerOf(first);
      if (box === undefined) continue;
      expect(tab.cells[first]).toEqual(tab.cells[box.row]);
    }
    // The detail's header is not the residents' header.
    expect(tab.cells[detail?.row ?? 0]).not.toEqual(tab.cells[residents?.row ?? 0]);
    for (const rows of pages)
      expect(pageHeight(tab, rows)).toBeLessThanOrEqual(A4.landscape.height);
  });

  test('both tables are boxed, totals row included', () => {
    const [residents, detail] = print.boxes;
    expect(tab.cells[(residents?.row ?? 0) + (residents?.numRows ?? 0) - 1]?.[0]).toBe('合计');
    expect(detail?.numColumns).toBe(6);
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

  test('a section title is never the last line of a page (finding 3)', () => {
    const print = printOf(tab);
    const titles = new Set([
      '按人员类别',
      '按工艺',
      '订单进度',
      '数据问题（有错误的行不计入工资）',
    ]);
    for (const start of print.pageBreaks) {
      expect(titles.has(String(tab.cells[start - 1]?.[0]))).toBe(false);
    }
  });
});

describe('notes broken into lines', () => {
  test('within the width, at spaces and beside CJK characters, the spaces kept', () => {
    expect(lineBreaks('合格数 = 完成数 − 不合格数。', 1000)).toEqual([
      '合格数 = 完成数 − 不合格数。',
    ]);
    const lines = lineBreaks('Amount = accepted this month × partner price, rounded once', 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Amount = accepted this month × partner price, rounded once');
    const cjk = lineBreaks('每行四舍五入到分，合计为各行金额之和。', 100);
    expect(cjk.join('')).toBe('每行四舍五入到分，合计为各行金额之和。');
    for (const line of cjk) expect(wrappedLines(line, 107)).toBe(1);
  });
});
