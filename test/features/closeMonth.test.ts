import { closeMonth, moneyText, previewClose } from '../../src/features/closeMonth';
import { generateMonth } from '../../src/features/generateMonth';
import {
  applyCorrections,
  closedMonthChanges,
  describeChanges,
  readClosings,
} from '../../src/features/closedMonths';
import { loadLedger } from '../../src/features/loadLedger';
import { GongfangError } from '../../src/features/errors';
import type { GeneratedTab } from '../../src/workbook/port';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { adjustmentRow, handMonth, monthTabs, pieceRow } from '../support/monthWorkbook';

const now = new Date('2026-12-03T02:00:00Z');
const today = '2026-12-03';
const close = (book: MemoryWorkbook, month = '2026-11') =>
  closeMonth(book, { month, now, today, closedBy: 'staff@example.org' });

function refusalOf(fn: () => unknown): GongfangError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GongfangError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('closing a month', () => {
  it('appends a Closings row, creating the tab, and marks the payout CLOSED', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    const result = close(book);
    expect(result).toMatchObject({
      month: '2026-11',
      residents: 5,
      netPay: 6423,
      closedAt: '2026-12-03 10:00',
    });
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const closings = book.tab('结账');
    expect(closings?.values[0]).toEqual([
      '月份',
      '结账时间',
      '结账人',
      '人数',
      '实发合计',
      '本次发放',
      // Beside the closing's columns, so they print with them.
      '撤销时间',
      '撤销人',
      '撤销原因',
      '指纹',
      '明细',
      '结账账号',
      '序号',
    ]);
    // A first closing hands out the month's net pay.
    expect(closings?.values[1]?.slice(0, 10)).toEqual([
      '2026-11',
      '2026-12-03 10:00',
      'staff@example.org',
      5,
      64.23,
      64.23,
      '',
      '',
      '',
      result.fingerprint,
    ]);
    expect(closings?.values[1]?.[12]).toBe(1);
    const payout = book.generated.get('工资 2026-11') as GeneratedTab;
    expect(
      payout.cells.some((r) => r[0] === '状态' && String(r[1]).startsWith('已结账 CLOSED')),
    ).toBe(true);
  });

  it('refuses to close twice', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    close(book);
    expect(refusalOf(() => close(book)).key).toBe('closeAlreadyClosed');
    expect(book.tab('结账')?.values).toHaveLength(2);
  });

  it('refuses a month with errors and says which rows block it', () => {
    const sheets = handMonth();
    sheets.pieces.push(pieceRow('2026-11-12', 'R1', 'A', 3, 4)); // row 10
    sheets.adjustments.push(adjustmentRow('2026-11', 'R2', '12.345')); // row 5
    const book = new MemoryWorkbook(monthTabs(sheets));
    const preview = previewClose(book, { month: '2026-11', today });
    expect(preview.blocking.map((b) => [b.tab, b.row])).toEqual([
      ['pieces', 10],
      ['adjustments', 5],
    ]);
    const refusal = refusalOf(() => close(book));
    expect(refusal.key).toBe('closeBlocked');
    const text = refusal.render('zh-CN');
    expect(text).toContain('2 行错误');
    expect(text).toContain('第 10 行');
    expect(book.tab('结账')).toBeUndefined();
    expect(book.count('appendRows')).toBe(0);
  });

  it('is not blocked by errors in other months', () => {
    const sheets = handMonth();
    sheets.pieces.push(pieceRow('2026-10-12', 'R1', 'A', 3, 4));
    const book = new MemoryWorkbook(monthTabs(sheets));
    expect(previewClose(book, { month: '2026-11', today }).blocking).toEqual([]);
    expect(close(book).netPay).toBe(6423);
  });
});

describe('after closing', () => {
  function closedBook() {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    close(book);
    return book;
  }

  it('Generate rebuilds the closed month while nothing changed', () => {
    const book = closedBook();
    const result = generateMonth(book, { month: '2026-11', now, today });
    expect(result.closed).toBe(true);
    // A row in another month does not touch the closed month's fingerprint.
    book.appendRows('计件', [pieceRow('2026-12-01', 'R1', 'A', 10)]);
    expect(generateMonth(book, { month: '2026-11', now, today }).figures.netPay).toBe(6423);
  });

  it('Generate refuses once a row of the month was changed, and explains', () => {
    const book = closedBook();
    const pieces = book.tab('计件');
    (pieces?.values[1] as unknown[])[3] = 1002; // R1 A: 1000 → 1002 completed
    const before = book.generated.get('工资 2026-11');
    const refusal = refusalOf(() => generateMonth(book, { month: '2026-11', now, today }));
    expect(refusal.key).toBe('genClosedChanged');
    expect(refusal.render('en')).toContain('2026-11 was closed on 2026-12-03 10:00');
    expect(book.generated.get('工资 2026-11')).toBe(before);
  });

  it('a changed pay rate changes the fingerprint too', () => {
    const book = closedBook();
    (book.tab('订单')?.values[2] as unknown[])[4] = 0.334; // order B
    expect(refusalOf(() => generateMonth(book, { month: '2026-11', now, today })).key).toBe(
      'genClosedChanged',
    );
  });

  it('Check data’s report: per-resident differences, and corrections written once', () => {
    const book = closedBook();
    (book.tab('计件')?.values[1] as unknown[])[3] = 1002; // R1: +2 × 0.015 = +0.03
    book.appendRows('调整', [adjustmentRow('2026-11', 'R3', 25, '培训补贴')]); // R3 +25.00
    const ledger = loadLedger(book, { today });
    const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
    const changes = closedMonthChanges(ledger, closings);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change?.netPayAtClosing).toBe(6423);
    expect(change?.netPayNow).toBe(6423 + 3 + 2500);
    expect(
      change?.residents.map((r) => [
        r.residentId,
        r.closedNetPay,
        r.currentNetPay,
        r.outstanding,
        r.pieceRows,
      ]),
    ).toEqual([
      ['R1', 2218, 2221, 3, [2, 3]],
      ['R3', 2000, 4500, 2500, []],
    ]);
    // Corrections go into the open month: 2026-11 is closed, so 2026-12.
    expect(change?.corrections).toEqual([
      { month: '2026-12', residentId: 'R1', amount: 3, closedMonth: '2026-11' },
      { month: '2026-12', residentId: 'R3', amount: 2500, closedMonth: '2026-11' },
    ]);
    expect(describeChanges(ledger, changes).join('\n')).toContain(
      'R1 王秀英：结账时 ¥22.18，现在 ¥22.21',
    );

    const corrections = change?.corrections ?? [];
    expect(applyCorrections(book, corrections, { today })).toBe(2);
    const adjustments = book.tab('调整')?.values ?? [];
    expect(adjustments.slice(-2)).toEqual([
      ['2026-12', 'R1', 0.03, '更正 2026-11（结账后数据有改动）', '2026-11'],
      ['2026-12', 'R3', 25, '更正 2026-11（结账后数据有改动）', '2026-11'],
    ]);
    // Applying the same corrections again writes nothing; the report is then clear.
    expect(applyCorrections(book, corrections, { today })).toBe(0);
    const after = loadLedger(book, { today });
    expect(
      closedMonthChanges(after, readClosings(book, { timeZone: after.timeZone, lang: after.lang })),
    ).toEqual([]);
  });

  it('without the per-resident detail, compares totals only and offers no rows', () => {
    const book = closedBook();
    (book.tab('结账')?.values[1] as unknown[])[10] = '';
    (book.tab('计件')?.values[1] as unknown[])[3] = 1002;
    const ledger = loadLedger(book, { today });
    const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
    const changes = closedMonthChanges(ledger, closings);
    expect(
      changes.map((c) => [c.perResident, c.netPayAtClosing, c.netPayNow, c.corrections]),
    ).toEqual([[false, 6423, 6426, []]]);
    const english = describeChanges({ ...ledger, lang: 'en' }, changes).join('\n');
    expect(english).toContain(
      '2026-11 (closed 2026-12-03 10:00) total net pay: ¥64.23 at closing, ¥64.26 now.',
    );
    expect(english).toContain('only totals can be compared');
  });

  it('reports nothing for a closed month that did not change', () => {
    const book = closedBook();
    const ledger = loadLedger(book, { today });
    const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
    expect(closedMonthChanges(ledger, closings)).toEqual([]);
  });
});

describe('moneyText', () => {
  it('writes fen as money with the currency and thousands separators, as money cells show it', () => {
    expect(moneyText(2_696_920, '¥')).toBe('¥26,969.20');
    expect(moneyText(123_456_789, '¥')).toBe('¥1,234,567.89');
    expect(moneyText(-500, '¥')).toBe('-¥5.00');
    expect(moneyText(7, '')).toBe('¥0.07');
  });
});

describe('what Closings prints', () => {
  const printed = (book: MemoryWorkbook): (number | undefined)[] => {
    const setUp = jest.spyOn(book, 'setUpTabs');
    close(book);
    return setUp.mock.calls.flatMap(([setups]) => setups.map((s) => s.printColumns));
  };

  it('a new tab: up to paid at this closing, then a reopening’s time, who and why (A–I)', () => {
    expect(printed(new MemoryWorkbook(monthTabs(handMonth())))).toEqual([9]);
  });

  it('an older tab given its missing columns: its first six, as before (A–F)', () => {
    const book = new MemoryWorkbook({
      ...monthTabs(handMonth()),
      // Laid out by an earlier version: no Seq. yet, the reopening's columns after the Detail.
      结账: [
        [
          '月份',
          '结账时间',
          '结账人',
          '人数',
          '实发合计',
          '本次发放',
          '指纹',
          '明细',
          '结账账号',
          '撤销时间',
          '撤销人',
          '撤销原因',
        ],
      ],
    });
    expect(printed(book)).toEqual([6]);
  });
});
