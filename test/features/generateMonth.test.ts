import { buildMonthTabs, generateMonth } from '../../src/features/generateMonth';
import { loadLedger } from '../../src/features/loadLedger';
import { closeMonth } from '../../src/features/closeMonth';
import { closedMonthKeys, computeMonth, loadMonth } from '../../src/features/monthData';
import type { CellValue } from '../../src/workbook/cells';
import { GongfangError } from '../../src/features/errors';
import type { GeneratedTab } from '../../src/workbook/port';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { handMonth, monthTabs, orderRow, pieceRow } from '../support/monthWorkbook';

const now = new Date('2026-12-03T02:00:00Z'); // 10:00 in Shanghai
const today = '2026-12-03';

function run(book: MemoryWorkbook, month = '2026-11') {
  return generateMonth(book, { month, now, today });
}

function rowStarting(tab: GeneratedTab, first: string) {
  const index = tab.cells.findIndex((row) => row[0] === first);
  return { cells: tab.cells[index] ?? [], formats: tab.numberFormats[index] ?? [], index };
}

describe('generateMonth on a Chinese workbook', () => {
  const book = new MemoryWorkbook(monthTabs(handMonth()));
  const result = run(book);
  const payout = book.generated.get('工资 2026-11') as GeneratedTab;
  const payslips = book.generated.get('工资条 2026-11') as GeneratedTab;
  const summary = book.generated.get('汇总 2026-11') as GeneratedTab;

  it('writes the three tabs and reports the figures', () => {
    expect(result.tabs).toEqual(['工资 2026-11', '工资条 2026-11', '汇总 2026-11']);
    expect(result.lang).toBe('zh-CN');
    expect(result.closed).toBe(false);
    expect(result.figures.netPay).toBe(6423);
    expect(result.figures.residentsPaid).toBe(5);
    expect(book.count('replaceGeneratedTab')).toBe(3);
  });

  it('prints one row per paid resident with exact money', () => {
    expect(rowStarting(payout, 'R1').cells).toEqual([
      'R1',
      '王秀英',
      '困难户',
      997,
      10,
      17.18,
      5,
      22.18,
      '',
    ]);
    expect(rowStarting(payout, 'R2').cells.slice(5, 8)).toEqual([17.55, -3, 14.55]);
    expect(rowStarting(payout, 'R3').cells.slice(3, 8)).toEqual([0, 0, 0, 20, 20]);
  });

  it('keeps text from staff as text', () => {
    const row = rowStarting(payout, '007');
    expect(row.cells[1]).toBe('=HYPERLINK("http://x","y")');
    expect(row.formats[0]).toBe('@');
    expect(row.formats[1]).toBe('@');
    expect(rowStarting(payout, 'R5').cells[1]).toBe('+86 138 0000 0000');
    expect(rowStarting(payout, 'R5').formats[1]).toBe('@');
  });

  it('formats money with the currency and bolds the totals row that sums the lines', () => {
    const totals = rowStarting(payout, '合计');
    expect(totals.cells.slice(3, 8)).toEqual([1006, 11, 42.23, 22, 64.23]);
    expect(totals.formats[7]).toBe('"¥"#,##0.00');
    expect(payout.boldRows).toContain(totals.index);
  });

  it('has a header block, a frozen title row and a detail block', () => {
    expect(payout.cells[0]?.[0]).toBe('工资表 2026-11');
    expect(payout.cells.some((r) => r[0] === '状态' && r[1] === '草稿（未结账）')).toBe(true);
    expect(payout.cells.some((r) => r[0] === '生成时间' && r[1] === '2026-12-03 10:00')).toBe(true);
    expect(payout.frozenRows).toBe(1);
    const detail = payout.cells.filter((r) => r[0] === 'R2' && r[2] === 'A 发卡粘钻');
    expect(detail).toEqual([['R2', '李桂兰', 'A 发卡粘钻', 3, 0.015, 0.045, '', '', '']]);
  });

  it('fits A4 (payslips portrait, the others landscape) and protects the tabs', () => {
    expect(payslips.landscape).toBe(false);
    expect(payslips.columnWidths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(655);
    for (const tab of [payout, payslips, summary]) {
      expect(tab.columnWidths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(950);
      expect(tab.columnWidths).toHaveLength(tab.cells[0]?.length ?? -1);
      expect(tab.landscape).toBe(tab !== payslips);
      expect(tab.protectionDescription).toContain('工坊');
      expect(tab.numberFormats.map((r) => r.length)).toEqual(tab.cells.map((r) => r.length));
    }
  });

  it('prints a payslip strip per resident: orders to the fen, piece pay, adjustments, net pay', () => {
    const start = payslips.cells.findIndex((r) => r[0] === 'R2');
    expect(payslips.cells[start - 1]?.[5]).toBe('工资条 2026-11');
    expect(payslips.cells[start + 1]?.[0]).toBe('订单');
    const strip = payslips.cells.slice(start + 2, start + 9);
    expect(strip.map((r) => [r[0], r[5]])).toEqual([
      ['A', 0.05],
      ['C', 5],
      ['D', 12.5],
      ['计件工资', 17.55],
      ['调整', -3],
      ['实发', 14.55],
      ['', ''],
    ]);
  });

  it('summarises the month with a trend and two charts', () => {
    expect(summary.charts).toHaveLength(2);
    const [line, column] = summary.charts;
    // The ledger begins in 2026-10: the trend starts there, not 12 months back (issue 22,
    // finding 7): a header row and two months.
    expect(line?.range.numRows).toBe(3);
    const header = summary.cells[(line?.range.row ?? 0) - 1];
    expect(header?.[(line?.range.column ?? 0) - 1]).toBe('月份');
    expect(header?.[(column?.range.column ?? 0) - 1]).toBe('月份');
    expect(summary.cells[line?.range.row ?? 0]?.[(line?.range.column ?? 0) - 1]).toBe('2026-10');
    const last = summary.cells[(line?.range.row ?? 0) + 1];
    expect(last?.[(line?.range.column ?? 0) - 1]).toBe('2026-11');
    expect(last?.[line?.range.column ?? 0]).toBe(64.23);
    expect(summary.cells.some((r) => r[0] === '实发合计' && r[2] === 64.23)).toBe(true);
  });
});

describe('rows with errors', () => {
  const sheets = handMonth();
  sheets.pieces.push(pieceRow('2026-11-10', 'R1', 'A', 5, 9)); // rejected > completed: row 10
  sheets.pieces.push(pieceRow('not a date', 'R1', 'A', 5)); // month unknown: row 11
  sheets.pieces.push(pieceRow('2026-10-10', 'R1', 'A', 'x')); // another month: not counted
  const book = new MemoryWorkbook(monthTabs(sheets));
  const result = run(book);

  it('are left out and counted, by reason', () => {
    expect(result.figures.netPay).toBe(6423);
    expect(result.excludedRows).toBe(2);
    const summary = book.generated.get('汇总 2026-11') as GeneratedTab;
    // Tab, column, count, row numbers; the problem itself on the row under them.
    const problemRows = summary.cells.filter((r) => r[0] === '计件');
    expect(problemRows.map((r) => [r[2], r[3]])).toEqual([
      [1, '第 10 行'],
      [1, '第 11 行'],
    ]);
    const payout = book.generated.get('工资 2026-11') as GeneratedTab;
    expect(payout.cells.some((r) => r[0] === '未计入的行' && String(r[1]).startsWith('2 行'))).toBe(
      true,
    );
  });

  it('warnings do not exclude: an inactive resident is still paid', () => {
    const payout = book.generated.get('工资 2026-11') as GeneratedTab;
    expect(rowStarting(payout, 'R5').cells[7]).toBe(2.5);
  });
});

describe('same input, same cells', () => {
  it('regenerating gives identical tabs apart from the time stamp', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    run(book);
    const first = [...book.generated.values()];
    generateMonth(book, { month: '2026-11', now: new Date('2027-01-01T00:00:00Z'), today });
    const second = [...book.generated.values()];
    const strip = (tab: GeneratedTab) => ({
      ...tab,
      cells: tab.cells.map((r) =>
        r.map((c) => (typeof c === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(c) ? '' : c)),
      ),
    });
    expect(second.map(strip)).toEqual(first.map(strip));
  });
});

describe('an English workbook', () => {
  it('gets English tab names and labels', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth(), 'en'), {
      locale: 'en_US',
      timeZone: 'Asia/Shanghai',
    });
    // Categories typed in Chinese are still understood.
    const result = run(book);
    expect(result.tabs).toEqual(['Payout 2026-11', 'Payslips 2026-11', 'Summary 2026-11']);
    const payout = book.generated.get('Payout 2026-11') as GeneratedTab;
    expect(payout.cells.some((r) => r[0] === 'Status' && r[1] === 'DRAFT (not closed)')).toBe(true);
    expect(rowStarting(payout, 'R1').cells.slice(0, 3)).toEqual(['R1', '王秀英', 'hardship']);
    expect(rowStarting(payout, 'Total').cells[7]).toBe(64.23);
  });
});

describe('refusals', () => {
  it('refuses a month that is not YYYY-MM', () => {
    const book = new MemoryWorkbook(monthTabs(handMonth()));
    expect(() => run(book, '2026-13')).toThrow(GongfangError);
    try {
      run(book, 'November');
    } catch (error) {
      expect((error as GongfangError).render('en')).toContain('"November" is not a month');
    }
    expect(book.count('replaceGeneratedTab')).toBe(0);
  });
});

describe('Partners, which Generate does not read', () => {
  /** An order with a partner that is not on 合作单位, and, if asked, no 合作单位 tab at all. */
  function partnerTrouble(withPartnersTab: boolean): Record<string, CellValue[][]> {
    const sheets = handMonth();
    const order = sheets.orders[1] as CellValue[];
    order[1] = 'P404';
    const tabs = monthTabs(sheets);
    if (!withPartnersTab) delete tabs['合作单位'];
    return tabs;
  }

  it.each([true, false])(
    'leaves the tabs as a full read of the ledger would build them (Partners tab: %s)',
    (withPartnersTab) => {
      const book = new MemoryWorkbook(partnerTrouble(withPartnersTab));
      run(book);
      // What Check data sees: a partner problem that the month's tabs never list.
      const ledger = loadLedger(new MemoryWorkbook(partnerTrouble(withPartnersTab)), { today });
      expect(ledger.problems.some((p) => p.tab === 'partners' || p.column === 'partner')).toBe(
        true,
      );
      const full = buildMonthTabs(computeMonth(ledger, { month: '2026-11', today }), now, null);
      for (const tab of full) expect(book.generated.get(tab.name)).toEqual(tab);
      const summary = book.generated.get('汇总 2026-11') as GeneratedTab;
      expect(summary.cells.some((r) => r[0] === '本月没有被排除的行。')).toBe(true);
    },
  );
});

describe('warnings about an inactive resident or a finished order, once the month is closed', () => {
  /** handMonth with order D done: its rows 6 (2026-11-30) and 7 (2026-10-31) warn, as does R5. */
  function doneOrderBook(): MemoryWorkbook {
    const sheets = handMonth();
    sheets.orders[3] = orderRow('D', '刺绣香包', '刺绣', 12.5, { status: '已完成' });
    sheets.pieces.push(pieceRow('2026-12-01', 'R2', 'D', 1)); // row 10: a December row of D
    return new MemoryWorkbook(monthTabs(sheets));
  }
  const warningsLine = (book: MemoryWorkbook, month: string): string | undefined =>
    (book.generated.get(`汇总 ${month}`) as GeneratedTab).cells
      .map((r) => String(r[0]))
      .find((text) => text.startsWith('另有'));
  /** How many times the port was asked for the Closings tab. */
  function closingsReads(book: MemoryWorkbook): () => number {
    let reads = 0;
    const read = book.readTab.bind(book);
    book.readTab = (names, options) => {
      if (names.includes('结账')) reads += 1;
      return read(names, options);
    };
    return () => reads;
  }

  it('count in the Summary while the month is open', () => {
    const book = doneOrderBook();
    run(book);
    // R5 inactive (row 9) and the done order D (row 6).
    expect(warningsLine(book, '2026-11')).toBe(
      '另有 2 条提醒（不影响工资，行已计入），见「检查数据」。',
    );
  });

  it('no longer count for the closed month, and still count for the open one', () => {
    const book = doneOrderBook();
    closeMonth(book, { month: '2026-11', now, today, closedBy: 'staff@example.org' });
    const reads = closingsReads(book);
    const data = loadMonth(book, { month: '2026-11', today });
    expect(reads()).toBe(1);
    expect(closedMonthKeys(data.closings)).toEqual(['2026-11']);
    expect(data.problems.warnings).toBe(0);
    run(book);
    expect(warningsLine(book, '2026-11')).toBeUndefined();
    // The done order's December row (row 10) still warns: December is open.
    const december = run(book, '2026-12');
    expect(december.figures.netPay).toBe(1250);
    expect(warningsLine(book, '2026-12')).toBe(
      '另有 1 条提醒（不影响工资，行已计入），见「检查数据」。',
    );
  });
});
