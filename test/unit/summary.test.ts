import { indexPayBook, payForMonth } from '../../src/domain/payout';
import { summarizeMonth } from '../../src/domain/summary';
import { buildSummaryTab } from '../../src/features/reports/summaryTab';
import type { MonthProblems } from '../../src/features/reports/summaryTab';
import type { ReportContext } from '../../src/features/reports/context';
import type { GeneratedTab } from '../../src/workbook/port';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

const residents = [
  resident('1', { category: 'hardship' }),
  resident('2', { category: 'hardship' }),
  resident('3', { category: 'nearHardship' }),
  resident('4', { category: null }),
];
const orders = [
  order('O1', 25000, { craft: '剪纸', partnerPrice: 40000, quantity: 100, due: '2026-11-20' }),
  order('O2', 150, { craft: '粘钻', quantity: 1000, due: '2026-12-05' }),
  order('O3', 100000, { craft: '刺绣', quantity: 10, status: 'done' }),
  order('O4', 5000, { craft: '组装', quantity: 50, received: '2027-01-01' }),
];
const pieces = [
  piece('2026-10-10', '1', 'O1', 40), // before the month: counts to date only
  piece('2026-11-02', '1', 'O1', 12, 2), // 10 × 2.5 = 25.00
  piece('2026-11-03', '2', 'O1', 21, 1), // 20 × 2.5 = 50.00
  piece('2026-11-04', '2', 'O2', 300, 0), // 300 × 0.015 = 4.50 → 2: 54.50
  piece('2026-11-05', '3', 'O3', 4), // 40.00
  piece('2026-12-02', '1', 'O1', 30), // after the month: ignored
];
const adjustments = [adjustment('2026-11', '4', 1001), adjustment('2026-11', '3', -1)];
const book = indexPayBook({ residents, orders, pieces, adjustments });
const pay = payForMonth(book, '2026-11');
const summary = summarizeMonth(book, pay, '2026-12-28');

function context(): ReportContext {
  return {
    lang: 'zh-CN',
    month: '2026-11',
    organization: '幸福社区工坊',
    currency: '¥',
    generatedAt: '2026-12-28 10:00',
    closed: null,
    excludedRows: 0,
  };
}

describe('key figures', () => {
  it('counts residents paid and of them hardship and near-hardship', () => {
    expect(summary.figures).toMatchObject({
      residentsPaid: 4,
      hardshipResidents: 2,
      nearHardshipResidents: 1,
      acceptedPieces: 334,
      rejectedPieces: 3,
      piecePay: 2500 + 5450 + 4000,
      adjustments: 1000,
      netPay: 2500 + 5450 + 3999 + 1001,
    });
    expect(summary.figures.rejectRate).toBeCloseTo(3 / 337, 12);
  });

  it('gives the average and median net pay, rounded half up to the fen', () => {
    // net pays: 25.00, 54.50, 39.99, 10.01 → total 129.50 / 4 = 32.375 → 32.38
    expect(summary.figures.averageNetPay).toBe(3238);
    // sorted 10.01, 25.00, 39.99, 54.50 → (25.00 + 39.99) / 2 = 32.495 → 32.50
    expect(summary.figures.medianNetPay).toBe(3250);
  });

  it('counts partner revenue only where a partner price is set', () => {
    // O1: 30 accepted × 4.00 = 120.00; its piece pay is 30 × 2.5 = 75.00
    expect(summary.figures.partnerRevenue).toBe(12000);
    expect(summary.figures.partnerRevenueOverPiecePay).toBe(4500);
  });

  it('shows the piece pay of orders without a price apart, as its label says (issue 22, finding 6)', () => {
    // O2 (4.50) and O3 (40.00) have no partner price: not in the margin above, shown apart.
    expect(summary.figures.unpricedPiecePay).toBe(450 + 4000);
    const tab = buildSummaryTab(summary, { groups: [], warnings: 0 }, context());
    const figure = (label: string) => tab.cells.find((row) => row[0] === label)?.[2];
    expect(figure('已定价订单：结算额减计件工资')).toBe(45);
    expect(figure('未定价订单的计件工资')).toBe(44.5);
    // Every order priced: nothing apart, no such row.
    const priced = orders.map((o) => ({ ...o, partnerPrice: o.partnerPrice ?? 1000 }));
    const all = indexPayBook({ residents, orders: priced, pieces, adjustments });
    const figures = summarizeMonth(all, payForMonth(all, '2026-11'), '2026-12-28').figures;
    expect(figures.unpricedPiecePay).toBeNull();
  });
});

describe('tables', () => {
  it('by category adds up to the payout', () => {
    expect(summary.byCategory.map((c) => [c.category, c.residents, c.netPay])).toEqual([
      ['hardship', 2, 7950],
      ['nearHardship', 1, 3999],
      [null, 1, 1001],
    ]);
    const sum = summary.byCategory.reduce((s, c) => s + c.netPay, 0);
    expect(sum).toBe(pay.totals.netPay);
  });

  it('by craft counts orders, residents and pieces', () => {
    expect(
      summary.byCraft.map((c) => [c.craft, c.orders, c.residents, c.acceptedPieces, c.piecePay]),
    ).toEqual([
      ['刺绣', 1, 1, 4, 4000],
      ['剪纸', 1, 2, 30, 7500],
      ['粘钻', 1, 1, 300, 450],
    ]);
  });

  it('order progress counts to the end of the month and flags late, soon and done', () => {
    const asOfMonthEnd = summarizeMonth(book, pay, '2026-11-29');
    expect(asOfMonthEnd.asOf).toBe('2026-11-29');
    const rows = Object.fromEntries(asOfMonthEnd.orderProgress.map((o) => [o.orderId, o]));
    expect(rows.O1).toMatchObject({
      acceptedThisMonth: 30,
      acceptedToDate: 70,
      remaining: 30,
      flag: 'late',
    });
    expect(rows.O1?.done).toBeCloseTo(0.7, 12);
    expect(rows.O2).toMatchObject({ acceptedToDate: 300, remaining: 700, flag: 'dueSoon' });
    expect(rows.O3).toMatchObject({ flag: 'done' });
    // O4 is received after the month: not shown.
    expect(rows.O4).toBeUndefined();
  });

  it('judges a past month at its last day', () => {
    expect(summary.asOf).toBe('2026-11-30');
  });

  it('the trend starts at the ledger’s first month, not 12 months back (issue 22, finding 7)', () => {
    // The ledger's first rows are in 2026-10: the ten months before it had no data, which is
    // not the same as paying nothing, so they are left out rather than charted as ¥0.
    expect(summary.trend.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(summary.trend[0]).toEqual({
      month: '2026-10',
      residentsPaid: 1,
      acceptedPieces: 40,
      netPay: 10000,
    });
    expect(summary.trend[1]).toMatchObject({ month: '2026-11', netPay: pay.totals.netPay });
  });

  it('the trend takes at most the 12 months ending with the month', () => {
    const early = piece('2024-03-05', '1', 'O1', 1);
    const long = indexPayBook({ residents, orders, pieces: [...pieces, early], adjustments: [] });
    const trend = summarizeMonth(long, payForMonth(long, '2026-11'), '2026-12-28').trend;
    expect(trend).toHaveLength(12);
    expect(trend[0]?.month).toBe('2025-12');
    // A month before the ledger's first row (generated by mistake) charts itself alone.
    const before = summarizeMonth(book, payForMonth(book, '2026-01'), '2026-12-28').trend;
    expect(before.map((m) => m.month)).toEqual(['2026-01']);
  });
});

describe('the Summary tab layout', () => {
  const context: ReportContext = {
    lang: 'zh-CN',
    month: '2026-11',
    organization: '幸福社区工坊',
    currency: '¥',
    generatedAt: '2026-12-28 10:00',
    closed: null,
    excludedRows: 0,
  };
  const noProblems: MonthProblems = { groups: [], warnings: 0 };
  const tab = buildSummaryTab(summary, noProblems, context);

  /** A bigger month: partner prices unset, many crafts and orders, and data problems. */
  function busyTab(): GeneratedTab {
    const many = Array.from({ length: 30 }, (_, i) =>
      order(`X${i}`, 100 + i, { craft: `工艺${i}`, quantity: 10 }),
    );
    const busyPieces = many.map((o, i) => piece('2026-11-10', String((i % 4) + 1), o.id, i + 1));
    const busyBook = indexPayBook({ residents, orders: many, pieces: busyPieces, adjustments: [] });
    const busyPay = payForMonth(busyBook, '2026-11');
    const problems: MonthProblems = {
      groups: [{ tab: '计件', column: '日期', problem: '日期无法识别', rows: [3, 4, 5] }],
      warnings: 2,
    };
    return buildSummaryTab(summarizeMonth(busyBook, busyPay, '2026-12-28'), problems, {
      ...context,
      closed: { closedAt: '2026-12-01 09:00', closedBy: 'a@b.c' },
      excludedRows: 3,
    });
  }

  it('puts the 12-month trend and its charts at the same place whatever the data', () => {
    const busy = busyTab();
    expect(busy.cells.length).toBeGreaterThan(tab.cells.length + 20);
    // The charts' anchors and first rows never move; their ranges (and titles) follow the
    // trend's months.
    const placed = (built: GeneratedTab) =>
      built.charts.map((c) => ({ ...c, title: '', range: { ...c.range, numRows: 0 } }));
    expect(tab.charts[0]?.title).toBe(`近 ${summary.trend.length} 个月实发合计`);
    expect(busy.charts[0]?.title).toBe('本月实发合计');
    expect(placed(busy)).toEqual(placed(tab));
    expect(summary.figures.partnerRevenue).not.toBeNull();
    const [line, column] = tab.charts;
    const numRows = summary.trend.length + 1;
    expect(line?.range).toEqual({ row: 8, column: 5, numRows, numColumns: 2 });
    expect(column?.range).toEqual({ row: 8, column: 7, numRows, numColumns: 2 });
    for (const built of [tab, busy]) {
      const header = built.cells[7];
      expect(header?.slice(4, 9)).toEqual(['月份', '实发', '月份', '合格件数', '发放人数']);
      expect(built.boldRows).toContain(7);
    }
    expect(tab.cells.slice(8, 8 + summary.trend.length).map((row) => row[4])).toEqual(
      summary.trend.map((m) => m.month),
    );
    expect(tab.cells[8 + summary.trend.length]?.[4]).toBe('');
  });

  it('keeps the key figures beside the trend and the charts clear of any data', () => {
    const figures = tab.cells.slice(7, 22).map((row) => [row[0], row[2]]);
    expect(figures[0]?.[0]).toBe('主要数字');
    expect(figures).toContainEqual(['实发合计', (2500 + 5450 + 3999 + 1001) / 100]);
    // With partner prices: 13 figures, the last one on the trend's last month row.
    expect(figures[12]?.[0]).toBe('合作单位结算额（按合同单价）');
    expect(figures[12]?.[1]).toBe((summary.figures.partnerRevenue ?? 0) / 100);
    expect(figures[13]?.[1]).toBe((summary.figures.partnerRevenueOverPiecePay ?? 0) / 100);
    for (const chart of tab.charts) {
      const rows = Math.ceil(chart.height / 21);
      const columns = Math.ceil(chart.width / 100);
      const covered = tab.cells.slice(chart.anchor.row - 1, chart.anchor.row - 1 + rows);
      expect(covered).toHaveLength(rows);
      for (const row of covered) {
        const under = row.slice(chart.anchor.column - 1, chart.anchor.column - 1 + columns);
        expect(under.every((cell) => cell === '')).toBe(true);
      }
    }
    const [line, column] = tab.charts;
    // Side by side within the printed width, not overlapping.
    expect((line?.anchor.column ?? 0) - 1 + (line?.width ?? 0) / 100).toBeLessThanOrEqual(
      (column?.anchor.column ?? 0) - 1,
    );
    expect((column?.anchor.column ?? 0) - 1 + (column?.width ?? 0) / 100).toBeLessThanOrEqual(9);
    // The tables follow under the charts.
    const categories = tab.cells.findIndex((row) => row[0] === '按人员类别');
    expect(categories + 1).toBeGreaterThanOrEqual((line?.anchor.row ?? 0) + 260 / 21);
  });
});
