/**
 * Issue 7's property, on both backends (the in-memory workbook and the CLI's .xlsx workbook,
 * through its public API and a save/open round trip): close a random month; changes that keep
 * its rows equal up to ID normalisation and row order produce no correction; any real change
 * produces corrections whose sum is the difference in net pay, written exactly once however
 * many times Check data runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { closeMonth } from '../../src/features/closeMonth';
import {
  applyCorrections,
  closedMonthChanges,
  readClosings,
} from '../../src/features/closedMonths';
import { loadLedger } from '../../src/features/loadLedger';
import { computeMonth } from '../../src/features/monthData';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import type { Workbook } from '../../src/workbook/port';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  adjustmentRow,
  monthTabs,
  orderRow,
  pieceRow,
  residentRow,
} from '../support/monthWorkbook';
import type { MonthSheets, Rows } from '../support/monthWorkbook';

const month = '2026-11';
const today = '2026-12-03';
const now = new Date('2026-12-03T02:00:00Z');
const RESIDENTS = ['R1', 'R2', 'R3', '007'];
const ORDERS: [string, number][] = [
  ['A', 0.015],
  ['B', 0.333],
  ['C', 2.5],
];

interface Piece {
  day: number;
  resident: number;
  order: number;
  completed: number;
  rejected: number;
}
interface Adjust {
  resident: number;
  fen: number;
}

const pieceArb = fc
  .record({
    day: fc.integer({ min: 1, max: 30 }),
    resident: fc.nat(RESIDENTS.length - 1),
    order: fc.nat(ORDERS.length - 1),
    completed: fc.nat(60),
    rejected: fc.nat(60),
  })
  .map((p) => ({ ...p, rejected: Math.min(p.rejected, p.completed) }));
const adjustArb = fc.record({
  resident: fc.nat(RESIDENTS.length - 1),
  fen: fc.integer({ min: -5000, max: 5000 }),
});

/** How an ID may be retyped and still be the same resident (idKey). */
const spellings = (id: string): string[] => [
  id,
  id.toLowerCase(),
  id.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  `${id.slice(0, 1)}\u200b${id.slice(1)}`,
  ` ${id} `,
];
const spellingArb = fc.array(fc.nat(4), {
  minLength: RESIDENTS.length,
  maxLength: RESIDENTS.length,
});

function sheetsOf(pieces: Piece[], adjustments: Adjust[], spelling: number[] = []): MonthSheets {
  const id = (i: number) => spellings(RESIDENTS[i] as string)[spelling[i] ?? 0] as string;
  const date = (day: number) => `${month}-${String(day).padStart(2, '0')}`;
  return {
    residents: RESIDENTS.map((_, i) => residentRow(id(i), `Name ${i}`)),
    orders: ORDERS.map(([order, rate]) => orderRow(order, `Product ${order}`, '组装', rate)),
    pieces: pieces.map((p) =>
      pieceRow(
        date(p.day),
        id(p.resident),
        ORDERS[p.order]?.[0] as string,
        p.completed,
        p.rejected,
      ),
    ),
    adjustments: adjustments.map((a) => adjustmentRow(month, id(a.resident), a.fen / 100, 'x')),
  };
}

type Backend = 'memory' | 'xlsx';

/** A workbook holding `tabs`, built through the port only (as any backend would be). */
function build(backend: Backend, tabs: Record<string, Rows>): Workbook {
  if (backend === 'memory') return new MemoryWorkbook(tabs);
  const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN', lang: 'zh-CN' });
  for (const [name, [header = [], ...rows]] of Object.entries(tabs)) {
    book.setUpTabs([
      {
        name,
        create: true,
        newHeaders: header.map((text, i) => ({ column: i + 1, text: String(text) })),
        headerWidth: header.length,
        columns: [],
      },
    ]);
    if (rows.length > 0) book.appendRows(name, rows);
  }
  return book;
}

/** The same workbook with new source rows: Closings (and corrections written) carried over. */
function withSources(backend: Backend, closed: Workbook, sheets: MonthSheets): Workbook {
  const closings = closed.readTab(['结账'])?.values ?? [];
  return build(backend, { ...monthTabs(sheets), 结账: closings.map((row) => [...row]) });
}

async function roundTrip(backend: Backend, workbook: Workbook): Promise<Workbook> {
  if (backend === 'memory') return workbook;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-closing-'));
  try {
    const file = path.join(folder, 'book.xlsx');
    await (workbook as XlsxWorkbook).save(file);
    return await XlsxWorkbook.open(file, { timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function changesOf(workbook: Workbook) {
  const ledger = loadLedger(workbook, { today });
  const closings = readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
  return closedMonthChanges(ledger, closings);
}

function netPayOf(workbook: Workbook): number {
  return computeMonth(loadLedger(workbook, { today }), { month, today }).pay.totals.netPay;
}

describe.each<[Backend, number]>([
  ['memory', 15],
  ['xlsx', 6],
])('closing on the %s backend', (backend, numRuns) => {
  it('no correction for changes that keep the month’s rows equal up to IDs and order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieceArb, { minLength: 1, maxLength: 12 }),
        fc.array(adjustArb, { maxLength: 3 }),
        spellingArb,
        fc.integer(),
        async (pieces, adjustments, spelling, seed) => {
          const closed = build(backend, monthTabs(sheetsOf(pieces, adjustments)));
          closeMonth(closed, { month, now, today, closedBy: 'x', force: true });
          const shuffled = fc.sample(fc.shuffledSubarray(pieces, { minLength: pieces.length }), {
            seed,
            numRuns: 1,
          })[0] as Piece[];
          const same = await roundTrip(
            backend,
            withSources(backend, closed, sheetsOf(shuffled, [...adjustments].reverse(), spelling)),
          );
          expect(changesOf(same).flatMap((c) => c.corrections)).toEqual([]);
          expect(applyCorrections(same, [], { today })).toBe(0);
        },
      ),
      { numRuns },
    );
  });

  it('a real change is corrected by exactly its difference, written once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieceArb, { minLength: 1, maxLength: 12 }),
        fc.array(adjustArb, { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(60)), { minLength: 1, maxLength: 4 }),
        fc.array(pieceArb, { maxLength: 2 }),
        async (pieces, adjustments, edits, added) => {
          const closed = build(backend, monthTabs(sheetsOf(pieces, adjustments)));
          const before = closeMonth(closed, { month, now, today, closedBy: 'x', force: true });
          const changed = pieces.map((p) => ({ ...p }));
          for (const [index, completed] of edits) {
            const piece = changed[index % changed.length] as Piece;
            piece.completed = completed;
            piece.rejected = Math.min(piece.rejected, completed);
          }
          const workbook = withSources(
            backend,
            closed,
            sheetsOf([...changed, ...added], adjustments),
          );
          const difference = netPayOf(workbook) - before.netPay;
          const offered = changesOf(workbook).flatMap((c) => c.corrections);
          expect(offered.reduce((sum, c) => sum + c.amount, 0)).toBe(difference);
          expect(offered.every((c) => c.month === '2026-12' && c.amount !== 0)).toBe(true);
          // Check data with Yes, three times: the rows are written the first time only.
          expect(applyCorrections(workbook, offered, { today })).toBe(offered.length);
          const saved = await roundTrip(backend, workbook);
          for (let i = 0; i < 3; i += 1) {
            const again = changesOf(saved).flatMap((c) => c.corrections);
            expect(again).toEqual([]);
            expect(applyCorrections(saved, offered, { today })).toBe(0);
          }
          const rows = saved.readTab(['调整'])?.values ?? [];
          const written = rows.filter((row) => row[4] === month);
          expect(written).toHaveLength(offered.length);
        },
      ),
      { numRuns },
    );
  });
});
