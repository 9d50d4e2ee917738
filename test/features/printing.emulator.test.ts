/**
 * The printed tables in Google Sheets (emulated): payslip strips boxed with solid borders, a
 * dashed line to cut along, numeric headers right-aligned; all written in a few calls.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { handMonth, monthTabs, orderRow } from '../support/monthWorkbook';

let emulator: Emulator;
let uninstall: () => void;
beforeEach(() => {
  emulator = createEmulator({ locale: 'zh_CN' });
  const sheets = handMonth();
  // Order A with a quantity, a due date and a partner price: order progress and by partner.
  sheets.orders[0] = orderRow('A', '发卡粘钻', '粘钻', 0.015, {
    price: 0.03,
    quantity: 1000,
    due: '2026-12-20',
  });
  for (const [name, rows] of Object.entries(monthTabs(sheets))) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
  const result = emulator.callServerFunction(
    endpoints as Record<string, unknown>,
    'generateMonthFromDialog',
    ['2026-11'],
  );
  if (!result.ok) throw result.error;
});
afterEach(() => uninstall());

const a1 = (row: number, column: number) => `${String.fromCharCode(64 + column)}${row + 1}`;

test('payslip strips: a boxed table, a box to sign in apart from it, a dashed cut line', () => {
  const tab = '工资条 2026-11';
  const rows = emulator.peek(tab);
  const headers = rows.flatMap((row, i) => (row[0] === '订单' && row[5] === '金额' ? [i] : []));
  expect(headers.length).toBeGreaterThan(1);
  const [first, second] = headers as [number, number];
  const net = rows.findIndex((row, i) => i > first && row[0] === '实发');
  // Every cell of the first strip's table has all four edges drawn, solid.
  for (let row = first; row <= net; row += 1) {
    for (let column = 1; column <= 6; column += 1) {
      expect(emulator.cell(tab, a1(row, column)).borders).toEqual({
        top: 'SOLID',
        bottom: 'SOLID',
        left: 'SOLID',
        right: 'SOLID',
      });
    }
  }
  // The box to sign in: two rows over C–F, outlined only (no line between its rows or cells).
  const sign = rows.findIndex((row, i) => i > net && row[0] === '本人签名');
  expect(emulator.cell(tab, a1(sign, 3)).borders).toEqual({
    top: 'SOLID',
    bottom: null,
    left: 'SOLID',
    right: null,
  });
  expect(emulator.cell(tab, a1(sign + 1, 6)).borders).toEqual({
    top: null,
    bottom: 'SOLID',
    left: null,
    right: 'SOLID',
  });
  expect(emulator.cell(tab, a1(sign, 2)).borders.right).toBeNull();
  // Under it, the dashed line across the strip; the next strip's workshop and month above its
  // resident and table.
  const cut = sign + 2;
  for (let column = 1; column <= 6; column += 1) {
    expect(emulator.cell(tab, a1(cut, column)).borders.bottom).toBe('DASHED');
  }
  expect(rows[second - 2]?.[5]).toBe('工资条 2026-11');
  // Labels over numbers are right-aligned: 合格数 (C) over a count; 产品 (B) is not.
  expect(emulator.cell(tab, a1(first, 3)).horizontalAlignment).toBe('right');
  expect(emulator.cell(tab, a1(first, 2)).horizontalAlignment).toBe('general');
});

test('the payout freezes only its title, which Sheets repeats on printed pages', () => {
  const sheet = emulator.spreadsheet.getSheetByName('工资 2026-11');
  expect(sheet?.getFrozenRows()).toBe(1);
  const rows = emulator.peek('工资 2026-11');
  const header = rows.findIndex((row) => row[0] === '编号');
  expect(header).toBeGreaterThan(0);
  expect(emulator.cell('工资 2026-11', a1(header, 4)).borders.top).toBe('SOLID');
  expect(emulator.cell('工资 2026-11', a1(header, 4)).horizontalAlignment).toBe('right');
});

test('the Summary wraps long products and its headers, and boxes by partner (issue 13)', () => {
  const tab = '汇总 2026-11';
  const rows = emulator.peek(tab);
  const header = rows.findIndex((row) => row[0] === '订单' && row[1] === '产品');
  expect(header).toBeGreaterThan(0);
  // A product beside its quantity wraps; one beside an empty cell runs over it, as the title
  // does; numbers are left as they are.
  const end = rows.findIndex((row, i) => i > header && row[0] === '');
  const orders = rows.slice(header + 1, end).map((row, i) => ({ row, at: header + 1 + i }));
  const withQuantity = orders.find(({ row }) => row[2] !== '')?.at ?? -1;
  const withoutQuantity = orders.find(({ row }) => row[1] !== '' && row[2] === '')?.at ?? -1;
  expect(withQuantity).toBeGreaterThan(header);
  expect(emulator.cell(tab, a1(withQuantity, 2)).wrapStrategy).toBe('WRAP');
  if (withoutQuantity > 0) {
    expect(emulator.cell(tab, a1(withoutQuantity, 2)).wrapStrategy).toBe('OVERFLOW');
  }
  expect(emulator.cell(tab, a1(withQuantity, 3)).wrapStrategy).toBe('OVERFLOW');
  expect(emulator.cell(tab, a1(header, 4)).wrapStrategy).toBe('WRAP');
  expect(emulator.cell(tab, 'A1').wrapStrategy).toBe('OVERFLOW');
  // By partner: header and rows boxed, the labels over numbers right-aligned.
  const partners = rows.findIndex((row) => row[0] === '合作单位' && row[1] === '合格数');
  expect(partners).toBeGreaterThan(header);
  for (let column = 1; column <= 5; column += 1) {
    expect(emulator.cell(tab, a1(partners, column)).borders.top).toBe('SOLID');
    expect(emulator.cell(tab, a1(partners + 1, column)).borders.bottom).toBe('SOLID');
  }
  // Accepted, billed, resident pay (a difference is shown only where a price is set).
  expect(emulator.cell(tab, a1(partners, 1)).horizontalAlignment).toBe('general');
  for (const column of [2, 3, 4]) {
    expect(emulator.cell(tab, a1(partners, column)).horizontalAlignment).toBe('right');
  }
  // Piece pay on unpriced orders, apart (issue 22, finding 6); nothing boxed beyond it.
  expect(rows[partners]?.[5]).toBe('计件工资（未定价订单）');
  expect(emulator.cell(tab, a1(partners, 7)).borders.top).toBeNull();
});
