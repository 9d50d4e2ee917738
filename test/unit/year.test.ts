/**
 * The year's figures, hand-computed: what each closed month paid per resident (the one function
 * monthNetPay: the sum of what its closings paid, issue 17), drafts apart, months worked, the 800-yuan threshold (more than, not equal), the
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
import { impactLedger, impactReport } from '../../src/domain/impact';
import type { ClosedMonth } from '../../src/domain/closing';
import {
  adjustment,
  closing,
  firstClosings,
  order,
  piece,
  resident,
} from '../support/monthFixtures';

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
const closed = firstClosings(book, ['2026-01', '2026-02']);

describe('the year report', () => {
  const report = yearReport(book, { year: 2026, threshold: DEFAULT_PAY_THRESHOLD, ...closed });
  const row = (id: string) => report.residents.find((r) => r.residentId === id);

  it('takes each closed month from monthNetPay, corrections in the month they are paid', () => {
    expect(monthNetPay(payForMonth(book, '2026-01'), closed.closings.slice(0, 1))).toEqual(
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
    const lower = yearReport(book, { year: 2026, threshold: 900, ...closed });
    expect(lower.residents.find((r) => r.residentId === 'R10')?.aboveThreshold).toEqual([
      '2026-01',
    ]);
  });

  it('is made for last year in January to March, else for this year', () => {
    expect(defaultYear('2027-03-31')).toBe(2026);
    expect(defaultYear('2027-04-01')).toBe(2027);
  });
});

describe('what the closings paid (issue 17): each month once, corrections where they are paid', () => {
  // R1 at 2.50 a piece: 320 pieces in January (¥800.00), 321 in February (¥802.50); a late slip
  // of 10 January pieces (¥25.00) arrives after January was closed.
  const late = piece('2026-01-20', 'R1', 'A', 10);
  const base = {
    residents: [resident('R1')],
    orders: [order('A', 25_000)],
    pieces: [piece('2026-01-05', 'R1', 'A', 320), piece('2026-02-05', 'R1', 'A', 321)],
  };
  const january = closing('2026-01', { R1: 80_000 });
  const year = (book: ReturnType<typeof indexPayBook>, closings: ClosedMonth[]) => {
    const closedMonths = new Set(closings.map((c) => c.month));
    const report = yearReport(book, { year: 2026, threshold: 81_000, closedMonths, closings });
    const impact = impactReport(impactLedger(book, { year: 2026, closedMonths, closings }));
    return { r1: report.residents[0], total: report.total, impact: impact.figures.totalPaid };
  };

  it('a month closed, reopened with a late slip and closed again: its closings once each', () => {
    const book = indexPayBook({ ...base, pieces: [...base.pieces, late], adjustments: [] });
    // The re-closing paid what was still owed: the slip's ¥25.00.
    const again = closing('2026-01', { R1: 82_500 }, { R1: 2_500 });
    const { r1, total, impact } = year(book, [january, again]);
    // Not twice (¥1,625.00), not the last closing's ¥25.00 alone.
    expect(r1?.closed[0]).toBe(82_500);
    expect(total).toBe(82_500);
    expect(impact).toBe(82_500);
  });

  it('a correction paid in February for January pieces counts in February, once', () => {
    const correction = { ...adjustment('2026-02', 'R1', 2_500), correctsMonth: '2026-01' };
    const book = indexPayBook({
      ...base,
      pieces: [...base.pieces, late],
      adjustments: [correction],
    });
    // January's rows now say ¥825.00, but its closing paid ¥800.00; February's closing paid its
    // ¥802.50 and the correction's ¥25.00.
    const february = closing('2026-02', { R1: 82_750 });
    const { r1, total, impact } = year(book, [january, february]);
    expect(r1?.closed.slice(0, 2)).toEqual([80_000, 82_750]);
    expect(total).toBe(80_000 + 82_750);
    expect(impact).toBe(total);
    // Over a threshold of ¥810.00 in February only: January paid ¥800.00.
    expect(r1?.aboveThreshold).toEqual(['2026-02']);
  });

  it('a closed month whose rows changed since, not yet corrected: what was paid, not the rows', () => {
    const book = indexPayBook({ ...base, pieces: [...base.pieces, late], adjustments: [] });
    const { r1 } = year(book, [january]);
    expect(r1?.closed[0]).toBe(80_000);
  });

  it('a Detail written before v3 gives the net pay at closing; an unreadable one, the rows', () => {
    const book = indexPayBook({ ...base, pieces: [...base.pieces, late], adjustments: [] });
    const entry = { netPay: 80_000, digest: '', correctedBefore: 0, paid: null };
    const legacy: ClosedMonth = {
      ...january,
      paid: null,
      snapshot: { version: 2, entries: new Map([['R1', entry]]) },
    };
    expect(year(book, [legacy]).r1?.closed[0]).toBe(80_000);
    expect(year(book, [{ ...january, snapshot: null }]).r1?.closed[0]).toBe(82_500);
  });

  it('pays a resident a closing paid even when the rows no longer list them', () => {
    const book = indexPayBook({ ...base, adjustments: [] });
    const gone = closing('2026-01', { R1: 80_000, R7: 1_500 });
    const report = yearReport(book, {
      year: 2026,
      threshold: 90_000,
      closedMonths: new Set(['2026-01']),
      closings: [gone],
    });
    expect(report.residents.map((r) => [r.residentId, r.closed[0]])).toEqual([
      ['R1', 80_000],
      ['R7', 1_500],
    ]);
    expect(report.total).toBe(81_500);
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
