import {
  PACE_DAYS,
  partnerLedger,
  partnerProgress,
  partnerStatement,
  residentCount,
} from '../../src/domain/partnerReport';
import { byPartner } from '../../src/domain/summary';
import { indexPayBook, payForMonth } from '../../src/domain/payout';
import { buildProgressTab, buildStatementTab } from '../../src/features/reports/partnerTabs';
import { order, piece, resident } from '../support/monthFixtures';

const residents = ['1', '2', '3', '4', '5', '6'].map((id) => resident(id));
const orders = [
  // 0.3335 yuan a piece: 3 pieces are 1.0005 → 1.00 per line, never summed before rounding.
  order('O1', 2000, {
    partnerPrice: 3335,
    quantity: 1000,
    due: '2026-11-30',
    received: '2026-10-01',
  }),
  order('O2', 15000, { partnerPrice: 20000, quantity: 100, due: '2026-11-10' }),
  order('O3', 100, { quantity: 10, status: 'done' }),
  order('O4', 100, { partnerId: 'P2', partnerPrice: 100 }),
  order('O5', 100, { status: 'cancelled' }),
];
const pieces = [
  piece('2026-10-20', '1', 'O1', 100, 10), // before November: to date only
  piece('2026-11-02', '1', 'O1', 3),
  piece('2026-11-15', '2', 'O1', 3),
  piece('2026-11-16', '3', 'O1', 3, 1),
  piece('2026-11-17', '4', 'O1', 3),
  piece('2026-11-18', '5', 'O1', 3),
  piece('2026-11-05', '6', 'O2', 40, 4),
  piece('2026-11-06', '6', 'O3', 10),
  piece('2026-11-06', '1', 'O4', 7),
  piece('2026-11-07', 'ghost', 'O1', 500), // unknown resident: not paid, not billed
  piece('2026-12-01', '1', 'O1', 50), // after the month
];
const view = partnerLedger({ residents, orders, pieces });

describe('partnerLedger (the projection)', () => {
  it('keeps no personal field and leaves out rows the payout leaves out', () => {
    expect(Object.keys(view.work[0] ?? {}).sort()).toEqual([
      'completed',
      'date',
      'orderId',
      'rejected',
      'worker',
    ]);
    expect(view.work).toHaveLength(pieces.length - 1);
    expect(JSON.stringify(view)).not.toMatch(/Name|ghost/);
  });
});

describe('partnerStatement', () => {
  const statement = partnerStatement(view, 'P1', '2026-11');

  it('rounds each line once, half up, and totals the rounded lines', () => {
    expect(statement.lines.map((l) => [l.orderId, l.acceptedPieces, l.amount])).toEqual([
      ['O1', 14, 467], // 14 × 0.3335 = 4.669 → 4.67
      ['O2', 36, 7200],
      ['O3', 10, null],
    ]);
    expect(statement.total).toBe(467 + 7200);
    expect(statement.unpricedLines).toBe(1);
  });

  it('shows a head count only from 5 residents up', () => {
    expect(statement.lines.map((l) => l.residents)).toEqual([
      { shown: true, count: 5 },
      { shown: false },
      { shown: false },
    ]);
    expect(residentCount(0)).toEqual({ shown: true, count: 0 });
    expect(residentCount(4)).toEqual({ shown: false });
  });

  it('matches what our own summary bills the partner', () => {
    const pay = payForMonth(
      indexPayBook({ residents, orders, pieces, adjustments: [] }),
      '2026-11',
    );
    const rows = byPartner(pay, new Map(orders.map((o) => [o.id, o])));
    expect(rows.find((r) => r.partnerId === 'P1')).toMatchObject({
      acceptedPieces: 60,
      billed: 467 + 7200,
      // 14 × 0.2 + 36 × 1.5 + 10 × 0.01 = 56.90, of which O3 (10 × 0.01) has no price: the
      // difference is over the priced orders, the unpriced pay shown apart (issue 22,
      // finding 6: it was left blank).
      residentPay: 5690,
      pricedPiecePay: 5680,
      unpricedPiecePay: 10,
      difference: 467 + 7200 - 5680,
    });
    expect(rows.find((r) => r.partnerId === 'P2')).toMatchObject({ billed: 7, difference: 0 });
  });
});

describe('partnerProgress', () => {
  const progress = partnerProgress(view, 'P1', '2026-11', '2026-11-20');

  it('is judged on the as-of date and leaves out cancelled orders', () => {
    expect(progress.asOf).toBe('2026-11-20');
    expect(progress.rows.map((r) => r.orderId)).toEqual(['O1', 'O2', 'O3']);
  });

  it('works out remaining, days left, pieces a day needed and the recent pace', () => {
    const o1 = progress.rows[0];
    expect(o1).toMatchObject({
      acceptedToDate: 104,
      rejectedToDate: 11,
      remaining: 896,
      daysLeft: 10,
      neededPerDay: 90,
      flag: 'atRisk',
    });
    expect(o1?.rejectRate).toBeCloseTo(11 / 115);
    // 14 days up to 20 Nov: 7–20 Nov holds 2 + 3 + 3 + 3 accepted.
    expect(o1?.recentPace).toBe(Math.round((11 / PACE_DAYS) * 10) / 10);
    expect(progress.rows[1]).toMatchObject({ daysLeft: -10, neededPerDay: null, flag: 'late' });
    expect(progress.rows[2]?.flag).toBe('done');
  });

  it('is on track when the recent pace covers what is needed', () => {
    const easy = partnerLedger({
      residents,
      orders: [order('O9', 1, { quantity: 20, due: '2026-11-30' })],
      pieces: [piece('2026-11-19', '1', 'O9', 14)],
    });
    expect(partnerProgress(easy, 'P1', '2026-11', '2026-11-20').rows[0]?.flag).toBe('onTrack');
  });
});

describe('partner tabs', () => {
  const context = {
    lang: 'en' as const,
    organization: 'Xingfuli Workshop',
    partner: 'Garden Co',
    currency: '¥',
    month: '2026-11',
    generatedAt: '2026-11-20 12:00',
    final: false,
  };

  it('Statement: one line per order, "<5" for small groups, the total, draft status', () => {
    const tab = buildStatementTab(partnerStatement(view, 'P1', '2026-11'), context);
    expect(tab.name).toBe('Statement 2026-11');
    const lines = tab.cells.filter((row) => /^O\d/.test(String(row[0])));
    // The order and its product share the first column.
    expect(lines.map((row) => [String(row[0]).split(' ')[0], row[4], row[6]])).toEqual([
      ['O1', 5, 4.67],
      ['O2', '<5', 72],
      ['O3', '<5', ''],
    ]);
    // "<5" on the right of its cell, as the counts above and below it are.
    const alignments = tab.alignments ?? [];
    const residentsColumn = tab.cells.map((row, r) => [row[4], alignments[r]?.[4] ?? '']);
    expect(residentsColumn.filter(([value]) => value === '<5' || value === 5)).toEqual([
      [5, ''],
      ['<5', 'right'],
      ['<5', 'right'],
    ]);
    expect(tab.cells.find((row) => row[0] === 'Total')?.[6]).toBe(76.67);
    expect(tab.cells.some((row) => String(row[1]).startsWith('Draft'))).toBe(true);
    // A title block an accountant files it by: the period, and the rounding rule in a note.
    expect(tab.cells.find((row) => row[0] === 'Period')?.[1]).toBe('2026-11-01 to 2026-11-30');
    const notes = tab.cells.map((row) => String(row[0])).join(' ');
    expect(notes).toContain('each line rounded half up to the fen');
    expect(tab.print?.boxes).toHaveLength(1);
    expect(tab.landscape).toBe(false);
  });

  it('Progress: the flag in words, in the partner language', () => {
    const tab = buildProgressTab(partnerProgress(view, 'P1', '2026-11', '2026-11-20'), {
      ...context,
      lang: 'zh-CN',
    });
    expect(tab.name).toBe('进度');
    expect(tab.cells.filter((row) => /^O\d/.test(String(row[0]))).map((row) => row[10])).toEqual([
      '有风险',
      '已逾期',
      '已完成',
    ]);
  });
});
