/**
 * Test helpers for the Apps Script shell and the features run over it: an emulator installed
 * on globalThis for the duration of one test.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PARTNER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../support/ledgerSheets';

export interface Installed {
  readonly emulator: Emulator;
  /** A fresh adapter over the emulated spreadsheet (one per execution, as in Apps Script). */
  workbook(): SheetsWorkbook;
  uninstall(): void;
}

export function installEmulator(options: EmulatorOptions = {}): Installed {
  const emulator = createEmulator(options);
  const uninstall = emulator.install(globalThis);
  return {
    emulator,
    workbook: () => new SheetsWorkbook(emulator.spreadsheet),
    uninstall,
  };
}

/** Counts the calls made by fn alone. */
export function callsOf(
  emulator: Emulator,
  fn: () => void,
): { total: number; byMethod: Record<string, number> } {
  emulator.calls.reset();
  fn();
  return { total: emulator.calls.total(), byMethod: emulator.calls.byMethod() };
}

/** A small valid workshop in Chinese, with `pieces` as the 计件 data rows. */
export function seedWorkshop(emulator: Emulator, pieces: unknown[][]): void {
  emulator.seed('居民', [
    RESIDENT_HEADER,
    ['R1', '王秀英', '13800138000', '困难户', '剪纸', '2026-01-05', '是', ''],
    ['R2', '李桂兰', '', '退休', '刺绣', '2026-02-01', '是', ''],
    ['R3', '张凤', '', '家庭主妇', '', '2026-03-01', '是', ''],
  ]);
  emulator.seed('合作单位', [PARTNER_HEADER, ['P1', '花园文创', '陈经理', '', '', '']]);
  emulator.seed('订单', [
    ORDER_HEADER,
    ['O1', 'P1', '窗花', '剪纸', 0.5, 0.8, 1e12, '2025-12-01', '2026-12-31', '进行中', ''],
    ['O2', 'P1', '香囊', '刺绣', 2.5, '', 1e12, '2025-12-01', '2026-12-31', '进行中', ''],
  ]);
  emulator.seed('计件', [PIECE_HEADER, ...pieces]);
  emulator.seed('调整', [ADJUSTMENT_HEADER, ['2026-11', 'R1', 20, '全勤奖']]);
  emulator.seed('设置', [
    SETTING_HEADER,
    ['机构名称', '幸福社区工坊'],
    ['货币', '¥'],
    ['语言', 'zh-CN'],
  ]);
}

/**
 * `count` valid Pieces rows, all different (no look-alike duplicates), plus the given bad rows
 * at the top. Dates run through 2026 before the 20 November "today" of the tests.
 */
export function pieceRows(count: number, bad: unknown[][] = []): unknown[][] {
  const rows: unknown[][] = [...bad];
  for (let i = 0; i < count; i += 1) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 10);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    rows.push([
      date,
      `R${1 + (i % 3)}`,
      i % 2 === 0 ? 'O1' : 'O2',
      i + 1,
      0,
      '王老师',
      '',
      `E${i + 1}`,
    ]);
  }
  return rows;
}
