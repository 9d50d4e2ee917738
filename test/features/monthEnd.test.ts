/**
 * Issue 17, "month end without traps", through the Workbook port (the in-memory backend; the
 * CLI on .xlsx and the emulated Apps Script have their own tests). Each `finding N` test failed
 * before the change, as the issue's finding N describes it.
 */
import { closeMonth, previewClose } from '../../src/features/closeMonth';
import type { CloseOptions } from '../../src/features/closeMonth';
import { generateMonth } from '../../src/features/generateMonth';
import {
  applyCorrections,
  closedMonthChanges,
  readClosings,
} from '../../src/features/closedMonths';
import { checkData, describeCheck } from '../../src/features/checkData';
import { loadLedger } from '../../src/features/loadLedger';
import { previewReopen, reopenMonth } from '../../src/features/reopenMonth';
import { defaultMonthOf } from '../../src/features/monthChoice';
import { GongfangError } from '../../src/features/errors';
import { commandWords } from '../../src/cli/menuNames';
import { decodeSnapshot } from '../../src/domain/fingerprint';
import type { CellValue } from '../../src/workbook/cells';
import type { GeneratedTab } from '../../src/workbook/port';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';
import type { MonthSheets } from '../support/monthWorkbook';

const now = new Date('2026-12-03T02:00:00Z');
const today = '2026-12-03';

function refusalOf(fn: () => unknown): GongfangError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GongfangError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const close = (book: MemoryWorkbook, over: Partial<CloseOptions> = {}) =>
  closeMonth(book, { month: '2026-11', now, today, closedBy: '王老师', ...over });

const reopen = (book: MemoryWorkbook, month = '2026-11', on = today) =>
  reopenMonth(book, { month, now, today: on, reopenedBy: '李会计', reason: '改正计件' });

function changes(book: MemoryWorkbook, on = today) {
  const ledger = loadLedger(book, { today: on });
  return closedMonthChanges(
    ledger,
    readClosings(book, { timeZone: ledger.timeZone, lang: 'zh-CN' }),
  );
}

/** Check data answered with Yes (`check --correct`): the rows written. */
function correct(book: MemoryWorkbook, on = today): number {
  return applyCorrections(
    book,
    changes(book, on).flatMap((c) => c.corrections),
    { today: on },
  );
}

/** The Closings rows as records keyed by header. */
function closingRows(book: MemoryWorkbook): Record<string, CellValue>[] {
  const [header = [], ...rows] = book.tab('结账')?.values ?? [];
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? ''])));
}

/** Paid at this closing per resident over every closing row (the Detail's cells, any number). */
function paidPerResident(book: MemoryWorkbook): Map<string, number> {
  const [header = [], ...rows] = book.tab('结账')?.values ?? [];
  const detail = header
    .map((h, i) => [String(h), i] as const)
    .filter(([h]) => /^明细( \d+)?$/.test(h))
    .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))
    .map(([, i]) => i);
  const paid = new Map<string, number>();
  for (const row of rows) {
    const snapshot = decodeSnapshot(detail.map((i) => String(row[i] ?? '')));
    for (const [id, entry] of snapshot?.entries ?? []) {
      paid.set(id, (paid.get(id) ?? 0) + (entry.paid ?? 0));
    }
  }
  return paid;
}

const adjustmentRows = (book: MemoryWorkbook) => book.tab('调整')?.values.slice(1) ?? [];
const setPieces = (book: MemoryWorkbook, row: number, completed: number) => {
  (book.tab('计件')?.values[row - 1] as CellValue[])[3] = completed;
};

/** R001 and R002 at 4.00 a piece; R002 ¥216.00 + ¥3.00 in November: ¥219.00. */
function november(): MonthSheets {
  return {
    residents: [residentRow('R001', '王秀英'), residentRow('R002', '李桂兰')],
    orders: [orderRow('O1', '香囊', '刺绣', 4)],
    pieces: [
      pieceRow('2026-11-03', 'R001', 'O1', 10),
      pieceRow('2026-11-05', 'R002', 'O1', 54),
      pieceRow('2026-12-01', 'R001', 'O1', 5),
    ],
    adjustments: [adjustmentRow('2026-11', 'R002', 3, '全勤奖')],
  };
}

describe('finding 1: reopening cannot pay a correction twice', () => {
  it('withdraws the correction from the open month, and the re-closing pays only the rest', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    expect(closingRows(book)[0]).toMatchObject({ 实发合计: 259, 本次发放: 259, 序号: 1 });
    setPieces(book, 3, 67); // R002: 67 × 4 + 3 = 271.00
    expect(correct(book)).toBe(1);
    expect(adjustmentRows(book).at(-1)).toEqual([
      '2026-12',
      'R002',
      52,
      '更正 2026-11（结账后数据有改动）',
      '2026-11',
    ]);

    // Reopening says what it will do before anything is written.
    const plan = previewReopen(book, { month: '2026-11', today });
    expect(plan.withdrawals).toEqual([
      { month: '2026-12', residentId: 'R002', name: '李桂兰', amount: 5200, rows: [3] },
    ]);
    expect(adjustmentRows(book)).toHaveLength(2);
    const result = reopen(book);
    expect(result.withdrawals).toEqual(plan.withdrawals);
    expect(adjustmentRows(book).at(-1)).toEqual([
      '2026-12',
      'R002',
      -52,
      '撤回 2026-11 的更正（2026-11 已撤销结账，重新结账时一并发放）',
      '2026-11',
    ]);
    expect(closingRows(book)[1]).toMatchObject({
      撤销原因: '改正计件',
      明细: '撤回的更正：2026-12 R002 李桂兰 ¥52.00（「调整」第 3 行）',
      序号: 2,
    });

    expect(previewClose(book, { month: '2026-11', today }).paysNow).toEqual({
      paid: 5200,
      paidText: '¥52.00',
    });
    const again = close(book);
    expect(again.netPay).toBe(27_100 + 4_000);
    expect(again).toMatchObject({ paid: 5200, reclosed: true });
    expect(closingRows(book)[2]).toMatchObject({ 实发合计: 311, 本次发放: 52, 序号: 3 });
    // What was handed out for November, in all: its pay over the final rows, once.
    expect(paidPerResident(book)).toEqual(
      new Map([
        ['R001', 4000],
        ['R002', 27_100],
      ]),
    );
    // December carries nothing for November any more, and nothing is owed.
    const december = generateMonth(book, { month: '2026-12', now, today });
    expect(december.figures.netPay).toBe(2_000);
    expect(changes(book)).toEqual([]);
    expect(correct(book)).toBe(0);

    // The re-closed payout and payslips say what was paid before and what to pay now.
    const payout = book.generated.get('工资 2026-11') as GeneratedTab;
    const block = payout.cells.findIndex((r) => String(r[0]).includes('曾经结账发放过'));
    expect(payout.cells[block + 1]?.slice(0, 6)).toEqual([
      '编号',
      '姓名',
      '实发',
      '此前已发',
      '已在他月更正',
      '本次应发',
    ]);
    expect(payout.cells[block + 3]?.slice(0, 6)).toEqual(['R002', '李桂兰', 271, 219, 0, 52]);
    const slips = book.generated.get('工资条 2026-11') as GeneratedTab;
    // On the strip, under the net pay, the column still adds up: 271 − 219 = 52 (nothing of
    // November is corrected in other months, so no line says so).
    const r002 = slips.cells.findIndex((r) => r[0] === 'R002');
    const net = slips.cells.findIndex((r, i) => i > r002 && r[0] === '实发');
    expect(slips.cells.slice(net, net + 3).map((r) => [r[0], r[1], r[5]])).toEqual([
      ['实发', '', 271],
      ['', '此前已发', -219],
      ['本次应发', '', 52],
    ]);
    expect(slips.print?.boxes.some((b) => b.row < net && b.row + b.numRows === net + 3)).toBe(true);
  });

  it('refuses to reopen a month whose correction was paid with a closed month, naming it', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    setPieces(book, 3, 67);
    expect(correct(book)).toBe(1);
    close(book, { month: '2026-12', force: true });
    const refused = refusalOf(() => reopen(book));
    expect(refused.key).toBe('reopenNotLatest');
    expect(refused.details).toEqual([
      '2026-11 的以下更正已随已结账的月份发放；撤销 2026-11 会重复发放：',
      '2026-12 R002 李桂兰 ¥52.00（「调整」第 3 行）',
    ]);
    expect(refused.render('en', commandWords('book.xlsx'))).toContain(
      'Next: gongfang reopen book.xlsx --month 2026-12 --reason TEXT',
    );
  });
});

describe('finding 2: a correction lands once, in the earliest open month after the corrected', () => {
  it('after an early close of the current month, goes into the next month, once', () => {
    const on = '2026-12-05';
    const book = new MemoryWorkbook(monthTabs(november()));
    closeMonth(book, { month: '2026-12', now, today: on, closedBy: 'x', force: true });
    setPieces(book, 4, 10); // December, R001: +5 pieces, +¥20.00
    for (let run = 0; run < 3; run += 1) correct(book, on);
    expect(adjustmentRows(book).slice(1)).toEqual([
      ['2027-01', 'R001', 20, '更正 2026-12（结账后数据有改动）', '2026-12'],
    ]);
    expect(changes(book, on)).toEqual([]);
  });
});

describe('finding 3: one tab per role, never a guess', () => {
  function withOldTab(name: string, atStart: boolean): MemoryWorkbook {
    const tabs = monthTabs(november());
    const old = [tabs['计件']?.[0] ?? [], pieceRow('2026-11-05', 'R002', 'O1', 10)];
    const entries = Object.entries(tabs);
    return new MemoryWorkbook(
      Object.fromEntries(atStart ? [[name, old], ...entries] : [...entries, [name, old]]),
    );
  }

  it.each([
    ['计件登记', true],
    ['计件 ', false],
  ])(
    '%s beside 计件: an error naming both in Check data, refused by Generate and Close',
    (name, atStart) => {
      const book = withOldTab(name, atStart);
      const report = checkData(book, { today });
      expect(report.errors).toBeGreaterThan(0);
      const text = describeCheck(report);
      expect(text).toContain(
        `「${atStart ? `${name}」「计件` : `计件」「${name}`}」都可当作「计件」表`,
      );
      for (const run of [
        () => generateMonth(book, { month: '2026-11', now, today }),
        () => close(book),
      ]) {
        const refused = refusalOf(run);
        expect(refused.key).toBe('tabRolesClash');
        expect(refused.render('zh-CN')).toContain('都可当作「计件」表');
        expect(refused.render('en')).toContain('could each be the Pieces tab');
      }
      expect(book.generated.size).toBe(0);
      expect(book.tab('结账')).toBeUndefined();
    },
  );

  it('an English tab and a Chinese one of the same role clash too', () => {
    const tabs = monthTabs(november());
    const book = new MemoryWorkbook({ ...tabs, Adjustments: tabs['调整'] ?? [] });
    expect(refusalOf(() => close(book)).render('zh-CN')).toContain('「调整」「Adjustments」');
  });
});

describe('finding 4: Closings are read by content, not by the order of their rows', () => {
  it('closed, reopened, a row added, closed again, then the rows reversed: nothing changes', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    reopen(book);
    book.appendRows('计件', [pieceRow('2026-11-20', 'R001', 'O1', 10)]);
    close(book);
    const tab = book.tab('结账');
    const [header, ...rows] = tab?.values ?? [];
    tab?.values.splice(0, tab.values.length, header ?? [], ...rows.reverse());
    expect(changes(book)).toEqual([]);
    expect(checkData(book, { today }).corrections).toEqual([]);
    expect(generateMonth(book, { month: '2026-11', now, today }).closed).toBe(true);
    // The reopened closing is not the one in force, wherever its row sits.
    expect(reopen(book).month).toBe('2026-11');
    expect(readClosings(book, { timeZone: 'Asia/Shanghai', lang: 'zh-CN' }).closed).toEqual([]);
  });
});

describe('finding 5: a Detail too long for one cell goes on in further cells', () => {
  it('1,400 residents: no cell over 32,767 characters, and a later change is corrected', () => {
    const residents = Array.from({ length: 1400 }, (_, i) => `R${String(i + 1).padStart(5, '0')}`);
    const book = new MemoryWorkbook(
      monthTabs({
        residents: residents.map((id) => residentRow(id, `居民${id}`)),
        orders: [orderRow('O1', '香囊', '刺绣', 1.5)],
        pieces: residents.map((id, i) => pieceRow('2026-11-03', id, 'O1', 1000 + i)),
        adjustments: [],
      }),
    );
    close(book);
    const [header = [], row = []] = book.tab('结账')?.values ?? [];
    const detailCells = header.flatMap((h, i) => (/^明细/.test(String(h)) ? [row[i]] : []));
    expect(detailCells.length).toBeGreaterThan(1);
    expect(header.filter((h) => /^明细 \d$/.test(String(h)))).toEqual(['明细 2']);
    for (const cell of detailCells) expect(String(cell).length).toBeLessThanOrEqual(32_767);
    setPieces(book, 700, 1000 + 698 + 2); // R00699: +2 pieces × 1.50
    const [change] = changes(book);
    expect(change?.perResident).toBe(true);
    expect(change?.corrections.map((c) => [c.residentId, c.amount])).toEqual([['R00699', 300]]);
  });
});

describe('finding 6: after correcting, the way out is named', () => {
  it('generating the corrected month says which open month carries its corrections', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    setPieces(book, 3, 67);
    const before = refusalOf(() => generateMonth(book, { month: '2026-11', now, today }));
    expect(before.key).toBe('genClosedChanged');
    expect(before.next).toEqual({ kind: 'correct' });
    expect(correct(book)).toBe(1);
    const after = refusalOf(() => generateMonth(book, { month: '2026-11', now, today }));
    expect(after.key).toBe('genClosedCorrected');
    expect(after.render('zh-CN')).toContain('已作为更正记入 2026-12');
    expect(after.render('zh-CN', commandWords('工坊.xlsx'))).toContain(
      '下一步：gongfang generate 工坊.xlsx --month 2026-12',
    );
    expect(after.render('en')).toContain(
      'Next: menu Gongfang › Generate month…, and choose 2026-12.',
    );
  });

  it('the default month skips closed months', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    const closings = () => readClosings(book, { timeZone: 'Asia/Shanghai', lang: 'zh-CN' });
    expect(defaultMonthOf(closings(), '2026-12-05')).toBe('2026-11');
    close(book);
    expect(defaultMonthOf(closings(), '2026-12-05')).toBe('2026-12');
  });
});

describe('finding 7: months out of reach are refused with the reason', () => {
  it.each([
    [
      '2027-03',
      'monthFarFromRows',
      '2027-03 没有任何计件或调整行，也不在账本的月份附近（2026-09 至 2027-02）',
    ],
    ['1899-01', 'monthBeforeFirstYear', '1899-01 早于 2000 年'],
    ['0000-01', 'monthBeforeFirstYear', '0000-01 早于 2000 年'],
    ['9999-12', 'monthAfterNextYear', '9999-12 晚于 2027 年'],
  ])('%s', (month, key, text) => {
    const book = new MemoryWorkbook(monthTabs(november()));
    const refused = refusalOf(() => generateMonth(book, { month, now, today }));
    expect(refused.key).toBe(key);
    expect(refused.render('zh-CN')).toContain(text);
    expect(refused.next).toEqual({ kind: 'generate', month: '2026-11' });
    expect(book.generated.size).toBe(0);
  });

  it('a month with no rows next to the ledger’s is still generated', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    expect(generateMonth(book, { month: '2027-01', now, today }).figures.residentsPaid).toBe(0);
    expect(generateMonth(book, { month: '2026-09', now, today }).month).toBe('2026-09');
  });
});

describe('rows of a closed month changed without changing anyone’s pay', () => {
  const setCell = (book: MemoryWorkbook, tab: string, row: number, col: number, v: CellValue) => {
    (book.tab(tab)?.values[row - 1] as CellValue[])[col] = v;
  };

  it.each<[string, (book: MemoryWorkbook) => void]>([
    ['a slip re-dated within its month', (book) => setCell(book, '计件', 3, 0, '2026-11-06')],
    ['an adjustment’s reason retyped', (book) => setCell(book, '调整', 2, 3, '全勤奖（11 月）')],
  ])('%s: nothing to correct, and Generate rebuilds it', (_, edit) => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    edit(book);
    const report = checkData(book, { today });
    expect(report.corrections).toEqual([]);
    const text = describeCheck(report);
    expect(text).toContain('2026-11（2026-12-03 10:00 结账）此后有行改动，但没有要更正的金额。');
    expect(text).not.toContain('待更正');
    expect(correct(book)).toBe(0);
    const result = generateMonth(book, { month: '2026-11', now, today });
    expect(result).toMatchObject({ closed: true, changedSinceClosing: true });
    expect(result.figures.netPay).toBe(25900);
    expect(book.generated.get('工资 2026-11')?.cells.flat()).toContain(
      '已结账 CLOSED（2026-12-03 10:00，王老师）',
    );
  });

  it('once a correction of the month was written, Generate still keeps the closed payout', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    setPieces(book, 3, 67);
    expect(correct(book)).toBe(1);
    setCell(book, '计件', 2, 0, '2026-11-04'); // R001's slip re-dated as well
    expect(describeCheck(checkData(book, { today }))).toContain('但没有要更正的金额');
    const refused = refusalOf(() => generateMonth(book, { month: '2026-11', now, today }));
    expect(refused.key).toBe('genClosedCorrected');
  });

  it('a same-pay change beside a change of pay: the pay is still to correct', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    setCell(book, '计件', 2, 0, '2026-11-04');
    setPieces(book, 3, 67);
    expect(describeCheck(checkData(book, { today }))).toContain('待更正 ¥52.00');
    expect(refusalOf(() => generateMonth(book, { month: '2026-11', now, today })).key).toBe(
      'genClosedChanged',
    );
  });
});

describe('a resident paid at closing whose ID is changed afterwards', () => {
  /** R002 retyped as R020 on 居民 and on all its rows: the same person, paid ¥219.00. */
  const retype = (book: MemoryWorkbook) => {
    for (const [tab, row, col] of [
      ['居民', 3, 0],
      ['计件', 3, 1],
      ['调整', 2, 1],
    ] as const) {
      (book.tab(tab)?.values[row - 1] as CellValue[])[col] = 'R020';
    }
  };

  it('offers no correction while the old ID is gone (R020 would be paid twice), and says why', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    retype(book);
    const report = checkData(book, { today });
    expect(report.corrections).toEqual([]);
    expect(describeCheck(report)).toContain(
      // The Closings detail keeps no name: the ID alone (a blank one printed "R002 ：结账时").
      '\nR002：结账时 ¥219.00，现在 ¥0.00，已更正 ¥0.00，待更正 -¥219.00（相关行：—）\n' +
        '该居民已不在「居民」表：把该行加回（在册填否）才能更正此月。',
    );
    expect(correct(book)).toBe(0);
  });

  it('in English too: the ID alone, no blank name before the colon', () => {
    const book = new MemoryWorkbook(monthTabs(november(), 'en'), {
      locale: 'en_GB',
      timeZone: 'Asia/Shanghai',
    });
    close(book);
    (book.tab('Residents')?.values[2] as CellValue[])[0] = 'R020';
    expect(describeCheck(checkData(book, { today }))).toContain(
      '\nR002: ¥219.00 at closing, ¥0.00 now, ¥0.00 corrected, -¥219.00 still to correct',
    );
  });

  it('with the old ID back on 居民 (在册 否), the two corrections cancel out, once', () => {
    const book = new MemoryWorkbook(monthTabs(november()));
    close(book);
    retype(book);
    book.tab('居民')?.values.push(residentRow('R002', '李桂兰', '困难户', '否'));
    expect(correct(book)).toBe(2);
    expect(
      adjustmentRows(book)
        .slice(-2)
        .map((row) => [row[1], row[2]]),
    ).toEqual([
      ['R002', -219],
      ['R020', 219],
    ]);
    expect(correct(book)).toBe(0);
  });
});
