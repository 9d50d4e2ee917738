/**
 * The month-end model's Backend (monthEndModel.ts) in the emulated Apps Script: the source tabs
 * typed as Sheets holds them (dates as date cells), Generate, Close and Reopen run by the
 * features over a SheetsWorkbook in an execution of their own (as the dialogs' endpoints run
 * them: the refusal's key is what the model checks), and Check data from the menu itself,
 * answered Yes (the corrections) or No (the check step). The clock is the test's fake Date.
 */
import { checkData } from '../../src/apps-script/menu';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import { closeMonth } from '../../src/features/closeMonth';
import { generateMonth } from '../../src/features/generateMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import type { CellValue } from '../../src/workbook/cells';
import type { Emulator } from '../emulator';
import { monthTabs } from '../support/monthWorkbook';
import { now, outcome } from './memoryBackend';
import { sourceSheets } from './monthEndModel';
import type { Backend, Outcome } from './monthEndModel';

/** A Pieces date as a person types it in Sheets: a date cell, midnight in Shanghai. */
const dateCell = (cell: CellValue): unknown =>
  typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)
    ? new Date(`${cell}T00:00:00+08:00`)
    : cell;

export function sheetsBackend(emulator: Emulator): Backend {
  const values = (name: string): CellValue[][] =>
    emulator.spreadsheet.getSheetByName(name) === null
      ? []
      : (emulator.peek(name) as CellValue[][]).filter((row) => row.some((c) => c !== ''));
  const replace = (name: string, rows: unknown[][]) => {
    emulator.spreadsheet.getSheetByName(name)?.clearContents();
    emulator.seed(name, rows);
  };
  const run = (today: string, job: (book: SheetsWorkbook) => unknown): Outcome => {
    jest.setSystemTime(now(today));
    return emulator.execution(() =>
      outcome(() => job(new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet()))),
    );
  };
  /** Check data from the menu; its question answered `answer` when it asks one. */
  const check = (today: string, answer: 'YES' | 'NO') => {
    jest.setSystemTime(now(today));
    // The report's alert takes the answer (a report that asks nothing takes it as OK).
    emulator.ui.answerNextAlert(answer);
    emulator.execution(() => checkData());
  };
  return {
    async sync(model) {
      const tabs = monthTabs(sourceSheets(model));
      // Gongfang's own Adjustments rows (更正月份 filled) stay, under its header.
      const [header, ...kept] = values('调整');
      const own = kept.filter((row) => row[4] !== '' && row[4] !== undefined);
      for (const [name, [first = [], ...rows]] of Object.entries(tabs)) {
        if (name === '设置' && emulator.spreadsheet.getSheetByName(name)) continue;
        const all = name === '调整' ? [header ?? first, ...rows, ...own] : [first, ...rows];
        replace(name, name === '计件' ? all.map((row) => row.map(dateCell)) : all);
      }
    },
    async generate(month, today) {
      return run(today, (book) => generateMonth(book, { month, now: now(today), today }));
    },
    async close(month, today, force) {
      return run(today, (book) =>
        closeMonth(book, { month, now: now(today), today, closedBy: '王老师', force }),
      );
    },
    async correct(today) {
      const before = values('调整').length;
      check(today, 'YES');
      return values('调整').length - before;
    },
    async reopen(month, today) {
      return run(today, (book) =>
        reopenMonth(book, { month, now: now(today), today, reopenedBy: '李会计', reason: '重做' }),
      );
    },
    async rows(tab) {
      return values(tab);
    },
    async sortClosings(seed) {
      const [header, ...data] = values('结账');
      if (!header || data.length < 2) return;
      // Staff sorting the tab: here, reversed or rotated by the seed.
      const by = Math.abs(seed) % data.length;
      const sorted =
        seed % 2 === 0 ? [...data].reverse() : [...data.slice(by), ...data.slice(0, by)];
      replace('结账', [header, ...sorted]);
    },
    async check(today) {
      check(today, 'NO');
    },
    async editOwnRow(index, fen) {
      const [header, ...rows] = values('调整');
      const own = rows.filter((row) => row[4] !== '' && row[4] !== undefined);
      const row = own[index % Math.max(1, own.length)];
      if (!header || !row) return;
      if (fen !== null) row[2] = fen / 100;
      replace('调整', [header, ...rows.filter((r) => fen !== null || r !== row)]);
    },
  };
}
