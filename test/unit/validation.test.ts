import type { Problem } from '../../src/domain/problems';
import { VALIDATION_CODES } from '../../src/domain/validation';
import { validationMessages } from '../../src/i18n/messages/validation';
import { matchHeaders } from '../../src/workbook/tables';
import { ORDERS, PIECES } from '../../src/workbook/layout';
import { validateSheets } from '../support/validate';

const R = ['编号', '姓名', '在册'];
const O = ['编号', '合作单位', '计件单价', '数量', '接单日期', '交货日期', '状态'];
const P = ['日期', '居民编号', '订单编号', '完成数', '不合格数', '记录号'];
const A = ['月份', '居民编号', '金额', '事由'];

const residents = [R, ['R001', '王秀英', ''], ['R002', '李桂兰', '否']];
const orders = [
  O,
  ['O1', '', 0.015, 100, '2026-11-01', '', '进行中'],
  ['O2', '', 2.5, '', '', '', '已完成'],
  ['O3', '', 1, '', '', '', '已取消'],
];

function found(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.tab}:${p.row}:${p.column ?? '-'} ${p.code}`);
}

function piecesWith(...rows: unknown[][]) {
  return validateSheets({ residents, orders, pieces: [P, ...(rows as never[])] });
}

describe('header matching', () => {
  it('finds columns by either language or alias, in any order, ignoring extras', () => {
    const match = matchHeaders(PIECES, [
      '备注',
      ' COMPLETED ',
      'mine',
      '居民',
      'Order ID',
      '交件日期',
    ]);
    expect(match.headerRow).toBe(true);
    expect(match.columns).toEqual({ notes: 1, completed: 2, resident: 4, order: 5, date: 6 });
    expect(match.missing).toEqual(['rejected', 'recordedBy', 'entry']);
  });

  it('says there is no header row when none of the headers is known', () => {
    expect(matchHeaders(ORDERS, ['a', 'b', 3]).headerRow).toBe(false);
    expect(matchHeaders(ORDERS, undefined).headerRow).toBe(false);
    expect(matchHeaders(ORDERS, ['', '全角 ＩＤ']).headerRow).toBe(false);
    expect(matchHeaders(ORDERS, ['ＩＤ']).columns).toEqual({ id: 1 });
  });
});

describe('residents and orders', () => {
  it('excludes rows without an ID, and every row of a duplicated ID', () => {
    const result = validateSheets({
      residents: [R, ['R001', 'a', ''], ['', 'b', ''], ['r001', 'c', ''], ['R002', 'd', '']],
      orders: [O, ['O1', '', 1, '', '', '', ''], ['O1', '', 2, '', '', '', '']],
      pieces: [P],
    });
    expect(found(result.problems)).toEqual([
      'error residents:2:id duplicateId',
      'error residents:3:id idMissing',
      'error residents:4:id duplicateId',
      'error orders:2:id duplicateId',
      'error orders:3:id duplicateId',
    ]);
    expect(result.problems[0]?.params).toEqual({ value: 'R001', other: '4' });
    expect(result.residents.map((r) => r.id)).toEqual(['R002']);
    expect(result.orders).toEqual([]);
  });

  it('requires a readable, non-negative pay rate with at most 4 decimals', () => {
    const result = validateSheets({
      residents,
      orders: [
        O,
        ['O1', '', '', '', '', '', ''],
        ['O2', '', -1, '', '', '', ''],
        ['O3', '', 0.00001, '', '', '', ''],
        ['O4', '', '一元', '', '', '', ''],
        ['O5', '', '0.0150', '', '', '', ''],
      ],
      pieces: [P],
    });
    expect(found(result.problems)).toEqual([
      'error orders:2:payRate rateMissing',
      'error orders:3:payRate rateNegative',
      'error orders:4:payRate rateTooManyDecimals',
      'error orders:5:payRate rateUnreadable',
    ]);
    expect(result.orders.map((o) => [o.id, o.payRate])).toEqual([['O5', 150]]);
  });

  it('warns about unreadable optional cells and keeps the row', () => {
    const result = validateSheets({
      residents: [
        ['编号', '类别', '在册', '加入日期'],
        ['R001', '学生', '也许', '昨天'],
      ],
      partners: [
        ['编号', '共享邮箱'],
        ['P1', 'not an email'],
      ],
      orders: [
        O,
        ['O1', 'P9', 1, 'many', '2026-11-10', '2026-11-01', '暂停'],
        ['O2', 'p1', 1, '', '', '', ''],
      ],
      pieces: [P],
    });
    expect(found(result.problems)).toEqual([
      'warning residents:2:category categoryUnknown',
      'warning residents:2:joined dateUnreadable',
      'warning residents:2:active activeUnknown',
      'warning partners:2:shareEmails emailInvalid',
      'warning orders:2:partner partnerUnknown',
      'warning orders:2:due dueBeforeReceived',
      'warning orders:2:quantity notWholeNumber',
      'warning orders:2:status statusUnknown',
    ]);
    expect(result.residents[0]).toMatchObject({ category: null, active: true, joined: null });
    expect(result.orders[0]).toMatchObject({ status: 'open', quantity: null, partnerId: 'P9' });
    expect(result.partners[0]?.shareEmails).toEqual([]);
  });
});

describe('pieces: errors exclude the row', () => {
  it.each([
    [['', 'R001', 'O1', 1, 0, ''], 'date dateMissing'],
    [['someday', 'R001', 'O1', 1, 0, ''], 'date dateUnreadable'],
    [['2026-02-30', 'R001', 'O1', 1, 0, ''], 'date dateImpossible'],
    [['2026-11-03', '', 'O1', 1, 0, ''], 'resident residentMissing'],
    [['2026-11-03', 'R404', 'O1', 1, 0, ''], 'resident residentUnknown'],
    [['2026-11-03', 'R001', '', 1, 0, ''], 'order orderMissing'],
    [['2026-11-03', 'R001', 'O404', 1, 0, ''], 'order orderUnknown'],
    [['2026-11-03', 'R001', 'O1', '', 0, ''], 'completed countMissing'],
    [['2026-11-03', 'R001', 'O1', 2.5, 0, ''], 'completed decimalNumber'],
    [['2026-11-03', 'R001', 'O1', -2, 0, ''], 'completed negativeNumber'],
    [['2026-11-03', 'R001', 'O1', 'ten', 0, ''], 'completed notWholeNumber'],
    [['2026-11-03', 'R001', 'O1', 5, '#REF!', ''], 'rejected errorValue'],
    [['2026-11-03', 'R001', 'O1', 10, 12, ''], 'rejected rejectedOverCompleted'],
  ])('%p → %s', (row, problem) => {
    const result = piecesWith(row);
    expect(found(result.problems)).toEqual([`error pieces:2:${problem}`]);
    expect(result.pieces).toEqual([]);
  });

  it('reads an empty Rejected as 0', () => {
    expect(piecesWith(['2026-11-03', 'R001', 'O1', 5, '', '']).pieces[0]).toMatchObject({
      completed: 5,
      rejected: 0,
    });
  });

  it('points at rows of Residents and Orders that have errors', () => {
    const result = validateSheets({
      residents: [R, ['R001', 'a', ''], ['R001', 'b', '']],
      orders: [O, ['O1', '', '', '', '', '', '']],
      pieces: [P, ['2026-11-03', 'R001', 'O1', 1, 0, '']],
    });
    expect(found(result.problems.filter((p) => p.tab === 'pieces'))).toEqual([
      'error pieces:2:resident residentInvalid',
      'error pieces:2:order orderInvalid',
    ]);
  });

  it('excludes every row sharing an entry number', () => {
    const result = piecesWith(
      ['2026-11-03', 'R001', 'O1', 1, 0, 'E1'],
      ['2026-11-04', 'R001', 'O1', 2, 0, 'E2'],
      ['2026-11-05', 'R001', 'O1', 3, 0, 'e1'],
    );
    expect(found(result.problems)).toEqual([
      'error pieces:2:entry duplicateEntry',
      'error pieces:4:entry duplicateEntry',
    ]);
    expect(result.pieces.map((p) => p.row)).toEqual([3]);
  });

  it('uses the IDs as written on Residents and Orders, whatever case or width was typed', () => {
    const result = piecesWith(['2026-11-03', 'ｒ００１', 'o1', 1, 0, '']);
    expect(result.pieces[0]).toMatchObject({ residentId: 'R001', orderId: 'O1' });
  });
});

describe('pieces: warnings keep the row', () => {
  it.each([
    [['2026-11-03', 'R002', 'O1', 1, 0, ''], 'resident residentInactive'],
    [['2026-11-03', 'R001', 'O2', 1, 0, ''], 'order orderClosed'],
    [['2026-11-03', 'R001', 'O3', 1, 0, ''], 'order orderClosed'],
    [['2026-11-29', 'R001', 'O1', 1, 0, ''], 'date dateInFuture'],
    [['2026-10-31', 'R001', 'O1', 1, 0, ''], 'date dateBeforeReceived'],
  ])('%p → %s', (row, problem) => {
    const result = piecesWith(row);
    expect(found(result.problems)).toEqual([`warning pieces:2:${problem}`]);
    expect(result.pieces).toHaveLength(1);
  });

  it('warns on the row whose accepted pieces cross the order quantity, in date order', () => {
    const result = piecesWith(
      ['2026-11-20', 'R001', 'O1', 30, 0, ''],
      ['2026-11-02', 'R001', 'O1', 60, 5, ''],
      ['2026-11-10', 'R002', 'O1', 50, 0, ''],
      ['2026-11-21', 'R001', 'O1', 30, 0, ''],
    );
    // Accepted in date order: 55 (row 3), 105 (row 4: crosses 100), 135, 165.
    const warnings = result.problems.filter((p) => p.code === 'quantityExceeded');
    expect(found(warnings)).toEqual(['warning pieces:4:completed quantityExceeded']);
    expect(warnings[0]?.params).toEqual({ value: '105', other: '100' });
  });

  it('does not count rows with errors towards the quantity', () => {
    const result = piecesWith(
      ['2026-11-02', 'R001', 'O1', 200, 300, ''],
      ['2026-11-03', 'R001', 'O1', 90, 0, ''],
    );
    expect(result.problems.map((p) => p.code)).toEqual(['rejectedOverCompleted']);
  });

  it('warns on each later row that looks like a duplicate', () => {
    const result = piecesWith(
      ['2026-11-03', 'R001', 'O1', 5, 1, ''],
      ['2026-11-03', 'R001', 'O1', 5, 0, ''],
      ['2026-11-03', 'R001', 'O1', 5, 1, ''],
      ['2026/11/3', 'r001', 'O1', '5', 1, ''],
    );
    expect(found(result.problems)).toEqual([
      'warning pieces:4:- looksDuplicate',
      'warning pieces:5:- looksDuplicate',
    ]);
    expect(result.problems.map((p) => p.params.other)).toEqual(['2', '2']);
    expect(result.pieces).toHaveLength(4);
  });
});

describe('adjustments', () => {
  it.each([
    [['', 'R001', 5, ''], 'error adjustments:2:month monthMissing'],
    [['十一月', 'R001', 5, ''], 'error adjustments:2:month monthUnreadable'],
    [['2026-11', 'R001', '', ''], 'error adjustments:2:amount amountMissing'],
    [['2026-11', 'R001', 'five', ''], 'error adjustments:2:amount amountUnreadable'],
    [['2026-11', 'R001', 1.005, ''], 'error adjustments:2:amount amountTooManyDecimals'],
    [['2026-11', 'R404', 5, ''], 'error adjustments:2:resident residentUnknown'],
    [['2026-11', '', 5, ''], 'error adjustments:2:resident residentMissing'],
  ])('%p → %s', (row, problem) => {
    const result = validateSheets({ residents, orders, pieces: [P], adjustments: [A, row] });
    expect(found(result.problems)).toEqual([problem]);
    expect(result.adjustments).toEqual([]);
  });

  it('keeps signed amounts in fen', () => {
    const result = validateSheets({
      residents,
      orders,
      pieces: [P],
      adjustments: [A, ['2026年11月', 'R001', '-12.5', '材料'], ['2026-10', 'R002', 20, '补发']],
    });
    expect(result.problems).toEqual([]);
    expect(result.adjustments.map((a) => [a.month, a.residentId, a.amount])).toEqual([
      ['2026-11', 'R001', -1250],
      ['2026-10', 'R002', 2000],
    ]);
  });
});

describe('tab-level problems', () => {
  it('reports missing tabs, header rows and required columns', () => {
    const result = validateSheets({
      residents: null,
      partners: [['whatever']],
      orders: [
        ['编号', '数量'],
        ['O1', 5],
      ],
      pieces: [P],
      adjustments: [],
    });
    expect(found(result.problems)).toEqual([
      'error residents:0:- missingTab',
      'warning partners:1:- noHeaderRow',
      'error orders:1:payRate missingColumn',
      'warning adjustments:1:- noHeaderRow',
    ]);
    expect(result.orders).toEqual([]);
  });

  it('sorts problems by tab order then row', () => {
    const result = validateSheets({
      residents: [R, ['', 'a', ''], ['R001', 'b', '']],
      orders: [O, ['', '', 1, '', '', '', '']],
      pieces: [P, ['2026-11-03', 'R404', 'O404', 1, 0, ''], ['', 'R001', 'O1', 1, 0, '']],
      adjustments: null,
    });
    expect(result.problems.map((p) => `${p.tab}:${p.row}`)).toEqual([
      'residents:2',
      'orders:2',
      'pieces:2',
      'pieces:2',
      'pieces:3',
      'pieces:3',
      'adjustments:0',
    ]);
  });
});

describe('messages', () => {
  const where = { tab: '计件', column: '不合格数' };

  it('has a message for every code in both languages', () => {
    for (const code of VALIDATION_CODES) {
      const zh = validationMessages['zh-CN'][code]({ ...where, value: 'V', other: 'W' });
      const en = validationMessages.en[code]({ ...where, value: 'V', other: 'W' });
      expect(zh.length).toBeGreaterThan(0);
      expect(en.length).toBeGreaterThan(0);
      expect(zh).not.toBe(en);
    }
  });

  it('words problems for staff', () => {
    const params = { ...where, value: '12', other: '10' };
    expect(validationMessages['zh-CN'].rejectedOverCompleted(params)).toBe(
      '不合格数（12）大于完成数（10）',
    );
    expect(validationMessages.en.rejectedOverCompleted(params)).toBe(
      'Rejected (12) is more than Completed (10)',
    );
    expect(validationMessages['zh-CN'].orderClosed({ ...where, value: 'O2', other: 'done' })).toBe(
      '订单「O2」已完成',
    );
    expect(validationMessages.en.orderClosed({ ...where, value: 'O3', other: 'cancelled' })).toBe(
      'Order "O3" is cancelled',
    );
  });
});
