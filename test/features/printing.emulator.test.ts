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

test('payslip strips are boxed, with a dashed cut line between them', () => {
  const rows = emulator.peek('工资条 2026-11');
  const labelRows = rows.flatMap((row, i) => (row[9] === '签名' ? [i] : []));
  expect(labelRows.length).toBeGreaterThan(1);
  const [first, second] = labelRows as [number, number];
  // Every cell of the first strip has all four edges drawn, solid.
  for (let row = first; row < second - 2; row += 1) {
    for (let column = 1; column <= 10; column += 1) {
      expect(emulator.cell('工资条 2026-11', a1(row, column)).borders).toEqual({
        top: 'SOLID',
        bottom: 'SOLID',
        left: 'SOLID',
        right: 'SOLID',
      });
    }
  }
  // The first blank row under the strip carries the dashed line, across the strip's width.
  const cutRow = second - 2;
  for (let column = 1; column <= 10; column += 1) {
    expect(emulator.cell('工资条 2026-11', a1(cutRow, column)).borders.bottom).toBe('DASHED');
    expect(emulator.cell('工资条 2026-11', a1(cutRow + 1, column)).borders.left).toBeNull();
  }
  // Labels over numbers are right-aligned: 合格数 (D) over a count; 姓名 (C) is not.
  expect(emulator.cell('工资条 2026-11', a1(first, 4)).horizontalAlignment).toBe('right');
  expect(emulator.cell('工资条 2026-11', a1(first, 3)).horizontalAlignment).toBe('general');
});

test('the payout keeps its header rows frozen, which Sheets repeats on printed pages', () => {
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
  expect(emulator.cell(tab, a1(partners, 6)).borders.top).toBeNull();
});
