/**
 * A workshop several people share, for the roles and audit tests (issue 20): the owner, a
 * manager named on Settings' Managers row, a staff member and a volunteer with a consumer
 * account, all editors of the spreadsheet; the project's simple and installable triggers wired
 * as Apps Script finds them.
 */
import { createEmulator, type Emulator } from '../emulator';
import { onEdit } from '../../src/apps-script/onEdit';
import { auditChange, auditEdit } from '../../src/apps-script/audit';
import { setUpWorkbook } from '../../src/apps-script/menu';
import type { CellValue } from '../../src/workbook/cells';
import { handMonth, monthTabs, pieceRow } from '../support/monthWorkbook';

export const OWNER = 'wang@workshop.cn';
export const MANAGER = 'li@workshop.cn';
export const STAFF = 'zhao@workshop.cn';
export const VOLUNTEER = 'helper@gmail.com';

/** 3 December 2026 in Shanghai: 2026-11 may be closed. */
export const NOW = new Date('2026-12-03T02:00:00Z');

export interface Staffed {
  readonly emulator: Emulator;
  /** Runs `fn` as `email`, as one execution (a menu item, a dialog's or sidebar's call). */
  as<T>(email: string, fn: () => T): T;
  /** Set up from the menu, run by `email`. */
  setUp(email: string): void;
  /** The rows of the Audit tab below its header. */
  audit(): CellValue[][];
  uninstall(): void;
}

export function staffedWorkshop(
  options: { managers?: string; pieces?: CellValue[][]; grantedScopes?: string[] } = {},
): Staffed {
  const emulator = createEmulator({
    locale: 'zh_CN',
    htmlFiles: {},
    userEmail: OWNER,
    ...(options.grantedScopes ? { grantedScopes: options.grantedScopes } : {}),
  });
  const month = handMonth();
  // Entry IDs, so audit rows can name their record.
  month.pieces = (options.pieces ?? month.pieces).map((row, i) => {
    const copy = [...row];
    if (copy[7] === '' || copy[7] === undefined) copy[7] = `E${i + 1}`;
    return copy;
  });
  month.settings = [
    ['机构名称', '幸福社区工坊'],
    ['货币', '¥'],
    ['语言', 'zh-CN'],
    ...(options.managers === undefined ? [] : [['管理员', options.managers]]),
  ];
  for (const [name, rows] of Object.entries(monthTabs(month))) emulator.seed(name, rows);
  for (const email of [MANAGER, STAFF, VOLUNTEER])
    emulator.shareFile(emulator.spreadsheet.getId(), email, 'editor');
  const uninstall = emulator.install(globalThis);
  emulator.simpleTriggers({ onEdit });
  emulator.projectFunctions({ auditEdit, auditChange });
  const as = <T>(email: string, fn: () => T): T =>
    emulator.asUser(email, () => emulator.execution(fn));
  return {
    emulator,
    as,
    setUp: (email) => as(email, () => setUpWorkbook()),
    audit: () =>
      emulator.spreadsheet.getSheetByName('审计')
        ? (emulator.peek('审计').slice(1) as CellValue[][])
        : [],
    uninstall,
  };
}

/** An audit row as an object, by the Chinese headers Set up writes. */
export function auditRecord(row: readonly CellValue[]): Record<string, CellValue> {
  const keys = [
    '时间',
    '用户',
    '操作',
    '工作表',
    '范围',
    '行数',
    '记录',
    '原值',
    '新值',
    '标记',
    '说明',
  ];
  return Object.fromEntries(keys.map((key, i) => [key, row[i] ?? '']));
}

export { pieceRow };
