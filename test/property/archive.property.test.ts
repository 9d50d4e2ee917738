/**
 * Archive-then-report equals report: for random ledgers over 2024–2026, archiving a closed year
 * (2025, or 2024 and then 2025, so rows carried by an earlier archive collapse again) leaves
 * every figure of the months still live exactly as it was — each month's pay and summary (the
 * 12-month trend reaching back into the archived year, order progress to date), its data
 * problems, its fingerprint, the closed months that changed and the corrections offered, the
 * live year's Year and Impact (last year's figures included), every partner's progress and
 * statement (the 14-day pace in early January included), and Check data's problems on the rows
 * that stay. Rows are compared by who they are (their entry or reason), not by their number,
 * which moves up when rows above them leave.
 */
import fc from 'fast-check';
import { archiveYear } from '../../src/features/archiveYear';
import { loadLedger } from '../../src/features/loadLedger';
import type { Ledger } from '../../src/features/loadLedger';
import {
  closedMonthKeys,
  computeMonth,
  readClosings,
  readClosingsFirst,
} from '../../src/features/monthData';
import { closedMonthChanges } from '../../src/features/closedMonths';
import { computeYear } from '../../src/features/generateYear';
import { monthFingerprint } from '../../src/domain/fingerprint';
import { partnerLedger, partnerProgress, partnerStatement } from '../../src/domain/partnerReport';
import { lastDayOf } from '../../src/domain/months';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { monthTabs, orderRow, residentRow } from '../support/monthWorkbook';
import { memoryArchive, monthsBetween, recordClosings } from '../support/yearLedger';

const TODAY = '2026-12-20';
const NOW = new Date('2026-12-20T02:00:00Z');
const LIVE = monthsBetween('2026-01', '2026-12');
const CATEGORIES = ['困难户', '困难边缘户', '退休', '家庭主妇', '其他', ''];
const RATES = [0.015, 0.333, 2.5, 12.5];

interface Piece {
  year: 2024 | 2025 | 2026;
  month: number;
  day: number;
  resident: number;
  order: number;
  completed: number;
  rejected: number;
  bad: boolean;
}

interface Spec {
  residents: number[];
  orders: { rate: number; partner: number; quantity: number | null; done: boolean }[];
  pieces: Piece[];
  adjustments: { year: 2024 | 2025 | 2026; month: number; resident: number; fen: number }[];
  closed2026: number;
  changeAfterClosing: boolean;
  twoArchives: boolean;
}

const piece = fc.record({
  year: fc.constantFrom<2024 | 2025 | 2026>(2024, 2025, 2025, 2026, 2026),
  month: fc.integer({ min: 1, max: 12 }),
  // Days 29–31 of December fall in the pace window of an early-January partner report.
  day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(29, 30, 31)),
  resident: fc.nat(7),
  order: fc.nat(3),
  completed: fc.integer({ min: 0, max: 400 }),
  rejected: fc.integer({ min: 0, max: 5 }),
  bad: fc.boolean().map((b) => b && Math.random() < 0.1),
});

const spec: fc.Arbitrary<Spec> = fc.record({
  residents: fc.array(fc.nat(CATEGORIES.length - 1), { minLength: 1, maxLength: 8 }),
  orders: fc.array(
    fc.record({
      rate: fc.constantFrom(...RATES),
      partner: fc.nat(2),
      quantity: fc.option(fc.integer({ min: 50, max: 3000 }), { nil: null }),
      done: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  pieces: fc
    .tuple(
      fc.array(piece, { maxLength: 60 }),
      // December 2025, for two residents and two orders: rows early in the month and in its
      // last days land in one month's carried rows, but only the last days in January's pace.
      fc.array(
        piece.map((p) => ({
          ...p,
          year: 2025 as const,
          month: 12,
          resident: p.resident % 2,
          order: p.order % 2,
        })),
        { maxLength: 12 },
      ),
    )
    .map(([spread, december]) => [...spread, ...december]),
  adjustments: fc.array(
    fc.record({
      year: fc.constantFrom<2024 | 2025 | 2026>(2024, 2025, 2026),
      month: fc.integer({ min: 1, max: 12 }),
      resident: fc.nat(7),
      fen: fc.integer({ min: -5000, max: 20000 }),
    }),
    { maxLength: 10 },
  ),
  closed2026: fc.integer({ min: 0, max: 11 }),
  changeAfterClosing: fc.boolean(),
  twoArchives: fc.boolean(),
});

const ROW_PARAMS = new Set(['looksDuplicate', 'duplicateEntry', 'duplicateId']);

const pad = (n: number) => String(n).padStart(2, '0');

function dayOf(p: Pick<Piece, 'year' | 'month' | 'day'>): string {
  const month = `${p.year}-${pad(p.month)}`;
  const last = Number(lastDayOf(month).slice(8));
  return `${month}-${pad(Math.min(p.day, last))}`;
}

function tabsOf(s: Spec): Record<string, CellValue[][]> {
  const residents = s.residents.map((c, i) =>
    residentRow(`R${i + 1}`, `居民${i + 1}`, CATEGORIES[c]),
  );
  const orders = s.orders.map((o, i) => {
    const row = orderRow(`O${i + 1}`, `产品${i + 1}`, '粘钻', o.rate, {
      quantity: o.quantity ?? '',
      received: '2024-01-01',
      due: '2026-06-30',
      status: o.done ? '已完成' : '进行中',
    });
    row[1] = `P${o.partner + 1}`;
    return row;
  });
  const pieces = s.pieces
    // Rows with errors only in December 2026, never closed here: an archived year, and a
    // month being closed, must have none.
    .filter((p) => p.year === 2026 || !p.bad)
    .map((p, i) => [
      dayOf(p.bad ? { ...p, month: 12 } : p),
      `R${(p.resident % s.residents.length) + 1}`,
      `O${(p.order % s.orders.length) + 1}`,
      p.bad ? p.rejected : p.completed + p.rejected,
      p.bad ? p.rejected + 1 : p.rejected,
      '',
      '',
      `E${i + 1}`,
    ]);
  const adjustments = s.adjustments.map((a, i) => [
    `${a.year}-${pad(a.month)}`,
    `R${(a.resident % s.residents.length) + 1}`,
    a.fen / 100,
    `adj${i + 1}`,
  ]);
  const tabs = monthTabs({ residents, orders, pieces, adjustments });
  tabs['合作单位'] = [
    ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注'],
    ['P1', '甲', '', '', '是', ''],
    ['P2', '乙', '', '', '是', ''],
    ['P3', '丙', '', '', '是', ''],
  ];
  return tabs;
}

/** Who a row is: Pieces by entry, Adjustments by reason (both unique here). */
function identities(ledger: Ledger): Map<string, string> {
  const names = new Map<string, string>();
  const add = (tab: 'pieces' | 'adjustments', key: string) => {
    const contents = ledger.tabs[tab];
    const column = ledger.columns[tab]?.[key];
    contents?.values.forEach((row, i) => {
      const id = column === undefined ? '' : String(row[column - 1] ?? '');
      if (i > 0 && id !== '') names.set(`${tab}:${i + 1}`, id);
    });
  };
  add('pieces', 'entry');
  add('adjustments', 'reason');
  return names;
}

function load(book: MemoryWorkbook) {
  const first = readClosingsFirst(book);
  const ledger = loadLedger(book, { today: TODAY, closedMonths: closedMonthKeys(first) });
  const closings = readClosings(book, { timeZone: ledger.timeZone, lang: ledger.lang });
  return { ledger, closings, ids: identities(ledger) };
}

/** Every figure of the live months, rows named by who they are. */
function figures(book: MemoryWorkbook) {
  const { ledger, closings, ids } = load(book);
  const who = (tab: string, row: number) => ids.get(`${tab}:${row}`) ?? `new:${tab}`;
  const months = LIVE.map((month) => {
    const data = computeMonth(ledger, { month, today: TODAY });
    return {
      month,
      pay: data.pay.residents.map((r) => ({
        ...r,
        adjustmentRows: r.adjustmentRows.map((a) => ({ ...a, row: who('adjustments', a.row) })),
      })),
      totals: data.pay.totals,
      summary: data.summary,
      excluded: data.excludedRows,
      problems: data.problems.groups.map((g) => ({
        ...g,
        rows: g.rows.map((r) => who(g.tab === '调整' ? 'adjustments' : 'pieces', r)).sort(),
      })),
      warnings: data.problems.warnings,
      fingerprint: monthFingerprint(data.book, month),
    };
  });
  const changes = closedMonthChanges(ledger, closings).map((c) => ({
    ...c,
    residents: c.residents.map((r) => ({
      ...r,
      pieceRows: r.pieceRows.map((row) => who('pieces', row)).sort(),
      adjustmentRows: r.adjustmentRows.map((row) => who('adjustments', row)).sort(),
    })),
  }));
  const year = computeYear(ledger, closings, 2026);
  const view = partnerLedger(ledger);
  const partners = ['P1', 'P2', 'P3'].flatMap((partner) =>
    LIVE.map((month) => ({
      progress: partnerProgress(view, partner, month, month === '2026-01' ? '2026-01-05' : TODAY),
      statement: partnerStatement(view, partner, month),
    })),
  );
  // Check data's problems on rows that stay live (rows of the archived year went with it).
  const problems = ledger.problems
    .filter((p) => (p.tab !== 'pieces' && p.tab !== 'adjustments') || ids.has(`${p.tab}:${p.row}`))
    .map((p) => ({
      ...p,
      row: p.row === 0 ? 0 : who(p.tab, p.row),
      // "Same as row 12", "also row 4": the other row, by who it is.
      params: ROW_PARAMS.has(p.code)
        ? { ...p.params, other: who(p.tab, Number(p.params.other)) }
        : p.params,
    }));
  return { months, changes, year: year.year, impact: year.impact, partners, problems };
}

/** Problems raised only on rows of archived years are gone with them: keep the live ones. */
function liveProblems(all: ReturnType<typeof figures>['problems'], archived: ReadonlySet<string>) {
  return all.filter((p) => typeof p.row !== 'string' || !archived.has(p.row));
}

describe('archive-then-report equals report, for the months still live', () => {
  it('holds for random ledgers', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const book = new MemoryWorkbook(tabsOf(s));
        recordClosings(book, monthsBetween('2024-01', '2025-12'), TODAY);
        if (s.closed2026 > 0) {
          recordClosings(book, monthsBetween('2026-01', `2026-${pad(s.closed2026)}`), TODAY);
        }
        if (s.changeAfterClosing && s.closed2026 > 0) {
          book.appendRows('计件', [['2026-01-15', 'R1', 'O1', 7, 0, '', '', 'late']]);
        }
        const before = figures(book);
        // Rows of the years archived (Pieces by entry, Adjustments by reason, as identities()).
        const archivedIds = new Set([
          ...(book.tab('计件')?.values ?? [])
            .filter((row) => String(row[0]).slice(0, 4) < '2026')
            .map((row) => String(row[7])),
          ...(book.tab('调整')?.values ?? [])
            .filter((row) => String(row[0]).slice(0, 4) < '2026')
            .map((row) => String(row[3])),
        ]);
        const years = s.twoArchives ? [2024, 2025] : [2025];
        for (const year of years) {
          if (!hasRows(book, year)) continue;
          archiveYear(book, memoryArchive(`archive-${year}.xlsx`).target, {
            year,
            now: NOW,
            today: TODAY,
          });
        }
        const after = figures(book);
        expect(after.months).toEqual(before.months);
        expect(after.changes).toEqual(before.changes);
        expect(after.impact).toEqual(before.impact);
        expect(after.partners).toEqual(before.partners);
        expect(liveProblems(after.problems, archivedIds)).toEqual(
          liveProblems(before.problems, archivedIds),
        );
      }),
      { numRuns: 40 },
    );
  });
});

function hasRows(book: MemoryWorkbook, year: number): boolean {
  const prefix = String(year);
  const pieces = book.tab('计件')?.values.slice(1) ?? [];
  const adjustments = book.tab('调整')?.values.slice(1) ?? [];
  return [...pieces, ...adjustments].some((row) => String(row[0]).startsWith(prefix));
}
