/**
 * The printed tables in Google Sheets (emulated): payslip strips boxed with solid borders, a
 * dashed line to cut along, numeric headers right-aligned; all written in a few calls.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { handMonth, monthTabs } from '../support/monthWorkbook';

let emulator: Emulator;
let uninstall: () => void;
beforeEach(() => {
  emulator = createEmulator({ locale: 'zh_CN' });
  for (const [name, rows] of Object.entries(monthTabs(handMonth()))) emulator.seed(name, rows);
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
