/**
 * The year's figures, hand-computed: net pay per closed month and resident (the one function
 * monthNetPay), drafts apart, months worked, the 800-yuan threshold (more than, not equal), the
 * Settings row that moves it, and the Summary's residents over it (count, and IDs on our own
 * Summary only).
 */
import { indexPayBook, payForMonth } from '../../src/domain/payout';
import {
  DEFAULT_PAY_THRESHOLD,
  defaultYear,
  monthNetPay,
  residentsAboveThreshold,
  yearReport,
} from '../../src/domain/year';
import { summarizeMonth } from '../../src/domain/summary';
import {
  archiveSetting,
  readSettings,
  thresholdSetting,
} from '../../src/domain/validation/settings';
import { buildSummaryTab } from '../../src/features/reports/summaryTab';
import { adjustment, order, piece, resident } from '../support/monthFixtures';

// Rates in 1/10,000 yuan: 2.5 yuan and 0.015 yuan.
const book = indexPayBook({
  residents: [resident('R1'), resident('R2', { category: 'hardship' }), resident('R10')],
  orders: [order('A', 25_000), order('B', 150)],
  pieces: [
    // R1: January 320 × 2.5 = 800.00 exactly (not over); February 321 × 2.5 = 802.50 (over).
    piece('2026-01-05', 'R1', 'A', 320),
    piece('2026-02-05', 'R1', 'A', 321),
    // R2: January 3 × 0.015 = 0.045 → 0.05 (rounded once); March not closed: a draft.
    piece('2026-01-06', 'R2', 'B', 3),
    piece('2026-03-02', 'R2', 'A', 10, 2),
  ],
  adjustments: [
    // R10 is paid in January by an adjustment alone: paid, but no month worked.
    adjustment('2026-01', 'R10', 1_000),
    // A correction of January paid in February counts in February, the month it is paid.
    { ...adjustment('2026-02', 'R2', -5), correctsMonth: '2026-01' },
  ],
});
const closed = new Set(['2026-01', '2026-02']);

describe('the year report', () => {
  const report = yearReport(book, {
    year: 2026,
    closedMonths: closed,
    threshold: DEFAULT_PAY_THRESHOLD,
  });
  const row = (id: string) => report.residents.find((r) => r.residentId === id);

  it('takes each closed month from monthNetPay, corrections in the month they are paid', () => {
    expect(monthNetPay(book, '2026-01')).toEqual(
      new Map([
        ['R1', 80_000],
        ['R2', 5],
        ['R10', 1_000],
      ]),
    );
    expect(row('R1')?.closed.slice(0, 3)).toEqual([80_000, 80_250, null]);
    expect(row('R2')?.closed.slice(0, 3)).toEqual([5, -5, null]);
    expect(report.monthTotals.slice(0, 3)).toEqual([81_005, 80_245, null]);
  });

  it('totals closed months only, to the fen, and shows the others as drafts', () => {
    expect(report.total).toBe(81_005 + 80_245);
    expect(report.total).toBe(
      payForMonth(book, '2026-01').totals.netPay + payForMonth(book, '2026-02').totals.netPay,
    );
    expect(report.draftMonths).toEqual(['2026-03']);
    expect(row('R2')?.drafts[2]).toBe(2_000);
    expect(row('R2')?.total).toBe(0);
    expect(report.draftTotal).toBe(2_000);
  });

  it('counts months worked by pieces handed in, not by adjustments', () => {
    expect(row('R1')?.monthsWorked).toBe(2);
    expect(row('R2')?.monthsWorked).toBe(1);
    expect(row('R10')?.monthsWorked).toBe(0);
  });

  it('flags months over the threshold: more than 800 yuan, never exactly 800', () => {
    expect(row('R1')?.aboveThreshold).toEqual(['2026-02']);
    const lower = yearReport(book, { year: 2026, closedMonths: closed, threshold: 900 });
    expect(lower.residents.find((r) => r.residentId === 'R10')?.aboveThreshold).toEqual([
      '2026-01',
    ]);
  });

  it('is made for last year in January to March, else for this year', () => {
    expect(defaultYear('2027-03-31')).toBe(2026);
    expect(defaultYear('2027-04-01')).toBe(2027);
  });
});

describe('the threshold on Settings and on the Summary', () => {
  it('reads 月收入提醒线 in yuan, as typed', () => {
    expect(thresholdSetting('800')).toBe(80_000);
    expect(thresholdSetting('１２００元')).toBe(120_000);
    expect(thresholdSetting('¥1,000.50')).toBe(100_050);
    expect(thresholdSetting('')).toBeNull();
    expect(thresholdSetting('八百')).toBeUndefined();
    const text = (value: string) => ({ ok: true as const, value });
    const read = readSettings([
      { row: 2, setting: text('月收入提醒线'), key: 'payThreshold', value: text('八百') },
    ]);
    expect(read.problems.map((p) => p.code)).toEqual(['amountUnreadable']);
    expect(read.settings.payThreshold).toBeUndefined();
    expect(archiveSetting('2025：https://docs.google.com/x')).toEqual({
      year: 2025,
      location: 'https://docs.google.com/x',
    });
  });

  it("counts this month's residents over it, and lists their IDs on our own Summary", () => {
    const pay = payForMonth(book, '2026-02');
    expect(residentsAboveThreshold(pay.residents, DEFAULT_PAY_THRESHOLD)).toEqual(['R1']);
    const summary = summarizeMonth(book, pay, '2026-02-28');
    expect(summary.figures).toMatchObject({
      payThreshold: 80_000,
      residentsAboveThreshold: 1,
      aboveThresholdIds: ['R1'],
    });
    const tab = buildSummaryTab(
      summary,
      { groups: [], warnings: 0 },
      {
        lang: 'zh-CN',
        month: '2026-02',
        organization: '',
        currency: '¥',
        generatedAt: '2026-02-28 10:00',
        closed: null,
        excludedRows: 0,
      },
    );
    const at = tab.cells.findIndex((cells) => String(cells[0]).startsWith('本月实发超过 ¥800.00'));
    expect(tab.cells[at + 1]?.[0]).toBe('R1');
    expect(
      tab.cells.some((cells) => cells[0] === '实发超过 ¥800.00 的人数' && cells[2] === 1),
    ).toBe(true);
  });
});
