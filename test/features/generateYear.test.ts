/**
 * The Year tab after issue 17's month end, through the real operations on the in-memory
 * backend: each closed month counts what its closings handed out (本次发放 / Paid at this
 * closing), so a month closed, reopened and closed again counts once, and a correction counts in
 * the month it is paid in, never again in the month it corrects.
 */
import { generateYear } from '../../src/features/generateYear';
import { closeMonth } from '../../src/features/closeMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import {
  applyCorrections,
  closedMonthChanges,
  readClosings,
} from '../../src/features/closedMonths';
import { loadLedger } from '../../src/features/loadLedger';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { monthTabs, orderRow, pieceRow, residentRow } from '../support/monthWorkbook';

const DECEMBER = '2026-12-03';
const JANUARY = '2027-01-05';
const at = (today: string) => new Date(`${today}T02:00:00Z`);

/** R001 and R002 at ¥4.00 a piece: November ¥40.00 and ¥216.00; December ¥20.00 and ¥8.00. */
function workshop(): MemoryWorkbook {
  return new MemoryWorkbook(
    monthTabs({
      residents: [residentRow('R001', '王秀英'), residentRow('R002', '李桂兰')],
      orders: [orderRow('O1', '香囊', '刺绣', 4)],
      pieces: [
        pieceRow('2026-11-03', 'R001', 'O1', 10),
        pieceRow('2026-11-05', 'R002', 'O1', 54),
        pieceRow('2026-12-01', 'R001', 'O1', 5),
        pieceRow('2026-12-02', 'R002', 'O1', 2),
      ],
      adjustments: [],
    }),
  );
}

const close = (book: MemoryWorkbook, month: string, today: string) =>
  closeMonth(book, { month, now: at(today), today, closedBy: '王老师', force: true });

/** A slip found late: 13 more November pieces of R002 (¥52.00). */
const lateSlip = (book: MemoryWorkbook) =>
  book.appendRows('计件', [pieceRow('2026-11-20', 'R002', 'O1', 13)]);

/** 年度 2026's row of a resident: November, December and the year's total, in yuan. */
function yearRow(book: MemoryWorkbook, id: string): (CellValue | undefined)[] {
  generateYear(book, { year: 2026, now: at(JANUARY), today: JANUARY });
  const tab = book.generated.get('年度 2026');
  const header = tab?.cells.find((row) => row[0] === '编号') ?? [];
  const row = tab?.cells.find((cells) => cells[0] === id) ?? [];
  const column = (label: string) => header.indexOf(label);
  return [row[column('11月')], row[column('12月')], row[column('全年合计')]];
}

describe('the Year counts what the closings paid (issue 17 × issue 21)', () => {
  it('a month closed, reopened with a late slip and closed again counts once, in full', () => {
    const book = workshop();
    close(book, '2026-11', DECEMBER);
    lateSlip(book);
    reopenMonth(book, {
      month: '2026-11',
      now: at(DECEMBER),
      today: DECEMBER,
      reopenedBy: '李会计',
      reason: '漏登纸条',
    });
    close(book, '2026-11', DECEMBER);
    close(book, '2026-12', JANUARY);
    // November paid ¥216.00, then ¥52.00 at its re-closing: ¥268.00, neither ¥484.00 (both
    // closings' net pay) nor ¥52.00 (the last one's).
    expect(yearRow(book, 'R002')).toEqual([268, 8, 276]);
    expect(yearRow(book, 'R001')).toEqual([40, 20, 60]);
  });

  it('a correction paid in December for November pieces counts in December, once', () => {
    const book = workshop();
    close(book, '2026-11', DECEMBER);
    lateSlip(book);
    // Check data, answered Yes: the ¥52.00 owed goes into December, the first open month.
    const ledger = loadLedger(book, { today: DECEMBER });
    const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
    const corrections = closedMonthChanges(ledger, closings).flatMap((c) => c.corrections);
    expect(corrections.map((c) => [c.month, c.residentId, c.amount])).toEqual([
      ['2026-12', 'R002', 5_200],
    ]);
    expect(applyCorrections(book, corrections, { today: DECEMBER })).toBe(1);
    close(book, '2026-12', JANUARY);
    // November as paid (its rows now say ¥268.00); December ¥8.00 and the correction's ¥52.00.
    expect(yearRow(book, 'R002')).toEqual([216, 60, 276]);
  });

  it('a closed month edited since and not yet corrected shows what was paid, not the rows', () => {
    const book = workshop();
    close(book, '2026-11', DECEMBER);
    close(book, '2026-12', JANUARY);
    // R001's November slip said 10 pieces; someone types 12 after both months were paid.
    (book.tab('计件')?.values[1] as CellValue[])[3] = 12;
    expect(yearRow(book, 'R001')).toEqual([40, 20, 60]);
  });
});

describe('a year with nothing in it', () => {
  it('is refused as a typo, writing no tab; a year of drafts only is still reported', () => {
    const book = workshop();
    const tabs = book.tabs.map((tab) => tab.name);
    const typo = () => generateYear(book, { year: 2062, now: at(JANUARY), today: JANUARY });
    expect(typo).toThrow(
      expect.objectContaining({ key: 'yrNothing', params: [{ year: 2062 }] }) as Error,
    );
    expect(book.tabs.map((tab) => tab.name)).toEqual(tabs);
    // 2026 with no month closed yet: its drafts are worth a report.
    expect(
      generateYear(book, { year: 2026, now: at(JANUARY), today: JANUARY }).draftMonths,
    ).toEqual(['2026-11', '2026-12']);
  });
});
