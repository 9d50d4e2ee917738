/**
 * The month-end model's Backend (monthEndModel.ts) on the features over an in-memory workbook:
 * what Check data, Generate, Close and Reopen do in Sheets, without a sheet. Shared by the
 * month-end and year-end property tests (each mocks the column widths itself: jest.mock
 * applies to its own file).
 */
import fc from 'fast-check';
import { checkData } from '../../src/features/checkData';
import { closeMonth } from '../../src/features/closeMonth';
import {
  applyCorrections,
  closedMonthChanges,
  readClosings,
} from '../../src/features/closedMonths';
import { isGongfangError } from '../../src/features/errors';
import { generateMonth } from '../../src/features/generateMonth';
import { loadLedger } from '../../src/features/loadLedger';
import { reopenMonth } from '../../src/features/reopenMonth';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { monthTabs } from '../support/monthWorkbook';
import { sourceSheets } from './monthEndModel';
import type { Backend, Outcome } from './monthEndModel';

export const now = (today: string) => new Date(`${today}T02:00:00Z`);

/** A step's outcome: done, or Gongfang's refusal by its key (anything else fails the test). */
export function outcome(run: () => unknown): Outcome {
  try {
    run();
    return { ok: true };
  } catch (error) {
    if (isGongfangError(error)) return { ok: false, key: String(error.key) };
    throw error;
  }
}

/** Check data answered Yes: the corrections still owed, written; how many rows. */
export function correct(book: MemoryWorkbook, today: string): number {
  const ledger = loadLedger(book, { today });
  const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
  const offered = closedMonthChanges(ledger, closings).flatMap((c) => c.corrections);
  const written = applyCorrections(book, offered, { today });
  // Check data answered Yes twice writes nothing the second time.
  expect(applyCorrections(book, offered, { today })).toBe(0);
  return written;
}

/**
 * The backend on `book`. `sortClosings`: whether the model's "staff sort Closings" step really
 * reorders the rows (the month end's concern; the year end leaves them).
 */
export function memoryBackend(
  book: MemoryWorkbook = new MemoryWorkbook(),
  { sortClosings = true } = {},
): Backend {
  /** The tab's rows replaced (its notes with them), where the tab sits. */
  const replace = (name: string, values: CellValue[][]) => {
    const old = book.tab(name);
    const fresh = book.addTab(name, values);
    if (!old) return;
    book.tabs.pop();
    book.tabs.splice(book.tabs.indexOf(old), 1, fresh);
  };
  return {
    async sync(model) {
      const tabs = monthTabs(sourceSheets(model));
      // Gongfang's own Adjustments rows (their 更正月份 filled) stay, below staff's, under
      // the header as Gongfang left it (it adds 更正月份).
      const [header, ...kept] = book.tab('调整')?.values ?? [];
      const own = kept.filter((row) => row[4] !== '' && row[4] !== undefined);
      for (const [name, [first = [], ...rows]] of Object.entries(tabs)) {
        if (name === '设置' && book.tab(name)) continue;
        if (name === '调整') replace(name, [header ?? first, ...rows, ...own]);
        else replace(name, [first, ...rows]);
      }
    },
    async generate(month, today) {
      return outcome(() => generateMonth(book, { month, now: now(today), today }));
    },
    async close(month, today, force) {
      return outcome(() =>
        closeMonth(book, { month, now: now(today), today, closedBy: '王老师', force }),
      );
    },
    async correct(today) {
      return correct(book, today);
    },
    async reopen(month, today) {
      return outcome(() =>
        reopenMonth(book, { month, now: now(today), today, reopenedBy: '李会计', reason: '重做' }),
      );
    },
    async rows(tab) {
      return (book.tab(tab)?.values ?? []).map((row) => [...row]);
    },
    async editOwnRow(index, fen) {
      const rows = book.tab('调整')?.values ?? [];
      const own = rows.filter((row, i) => i > 0 && row[4] !== '' && row[4] !== undefined);
      const row = own[index % Math.max(1, own.length)];
      if (!row) return;
      if (fen === null) rows.splice(rows.indexOf(row), 1);
      else row[2] = fen / 100;
    },
    async check(today) {
      checkData(book, { today });
    },
    async sortClosings(seed) {
      const tab = book.tab('结账');
      if (!sortClosings || !tab || tab.values.length < 3) return;
      const [header = [], ...data] = tab.values;
      const sorted =
        fc.sample(fc.shuffledSubarray(data, { minLength: data.length }), { seed, numRuns: 1 })[0] ??
        data;
      tab.values.splice(0, tab.values.length, header, ...sorted);
    },
  };
}
