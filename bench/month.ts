/**
 * The month bench (issue 3): the domain computation of a month from 100,000 and 1,000,000
 * Pieces rows (200 residents), and Generate's service calls in the emulator at 1,000 and
 * 100,000 rows beside what a row-by-row implementation would make.
 */
import { createEmulator } from '../test/emulator';
import { indexPayBook, payForMonth } from '../src/domain/payout';
import { summarizeMonth } from '../src/domain/summary';
import { monthFingerprint } from '../src/domain/fingerprint';
import type { Adjustment, Order, PieceEntry, Resident } from '../src/domain/records';
import { generateMonthFromDialog } from '../src/apps-script/monthJobs';
import type { CellValue } from '../src/workbook/cells';
import { monthTabs, orderRow, pieceRow, residentRow } from '../test/support/monthWorkbook';

const MONTH = '2026-11';
/** The emulator installs its own console on globalThis; the bench keeps the real one. */
const print = console.log.bind(console);
const RESIDENTS = 200;
const ORDERS = 12;
const RATES = [150, 3330, 25000, 125000, 500, 800, 12000, 2500, 60000, 45, 3000, 9000];

/** A deterministic PRNG, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function records(pieces: number): {
  residents: Resident[];
  orders: Order[];
  pieces: PieceEntry[];
  adjustments: Adjustment[];
} {
  const next = random(42);
  const residents: Resident[] = Array.from({ length: RESIDENTS }, (_, i) => ({
    row: i + 2,
    id: `R${String(i + 1).padStart(3, '0')}`,
    name: `居民${i + 1}`,
    phone: '',
    category:
      (['hardship', 'nearHardship', 'retired', 'homemaker', 'other'] as const)[i % 5] ?? null,
    skills: '',
    joined: null,
    active: true,
    notes: '',
  }));
  const orders: Order[] = RATES.slice(0, ORDERS).map((payRate, i) => ({
    row: i + 2,
    id: `O${i + 1}`,
    partnerId: 'P1',
    product: `产品${i + 1}`,
    craft: ['剪纸', '刺绣', '粘钻', '上色', '组装'][i % 5] as string,
    payRate,
    partnerPrice: i % 2 === 0 ? payRate * 2 : null,
    quantity: 1_000_000,
    received: '2026-01-01',
    due: '2027-06-30',
    status: 'open',
    notes: '',
  }));
  const rows: PieceEntry[] = [];
  for (let i = 0; i < pieces; i += 1) {
    const completed = 1 + Math.floor(next() * 200);
    // Most rows in the month, the rest spread over the eleven months before (the trend).
    const month = next() < 0.6 ? 11 : 1 + Math.floor(next() * 10);
    rows.push({
      row: i + 2,
      date: `2026-${String(month).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      residentId: residents[Math.floor(next() * RESIDENTS)]?.id ?? 'R001',
      orderId: orders[Math.floor(next() * ORDERS)]?.id ?? 'O1',
      completed,
      rejected: Math.floor(next() * Math.min(completed, 5)),
      recordedBy: '',
      notes: '',
      entry: null,
    });
  }
  const adjustments: Adjustment[] = residents.slice(0, 40).map((r, i) => ({
    row: i + 2,
    month: MONTH,
    residentId: r.id,
    amount: (i % 2 ? 1 : -1) * 1234,
    reason: '',
  }));
  return { residents, orders, pieces: rows, adjustments };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function timeDomain(pieces: number, target: number): void {
  const input = records(pieces);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const book = indexPayBook(input);
  const t1 = performance.now();
  const pay = payForMonth(book, MONTH);
  const t2 = performance.now();
  const summary = summarizeMonth(book, pay, '2026-12-03');
  const t3 = performance.now();
  const fingerprint = monthFingerprint(book, MONTH);
  const t4 = performance.now();
  // Generate computes index + pay + summary; the fingerprint only for a closed month or Close.
  const seconds = (t3 - started) / 1000;
  const ms = (from: number, to: number) => `${(to - from).toFixed(0)} ms`;
  print(
    `  index ${ms(started, t1)}, pay ${ms(t1, t2)}, summary ${ms(t2, t3)}; fingerprint (close) ${ms(t3, t4)}`,
  );
  const heap = process.memoryUsage();
  print(
    `domain, ${pieces.toLocaleString('en')} Pieces rows, ${RESIDENTS} residents: ${seconds.toFixed(3)} s` +
      ` (target ≤ ${target} s) ${seconds <= target ? 'ok' : 'OVER'};` +
      ` heap used ${megabytes(heap.heapUsed)} (${megabytes(heap.heapUsed - heapBefore)} during), rss ${megabytes(heap.rss)};` +
      ` net pay ¥${(pay.totals.netPay / 100).toFixed(2)}, trend ${summary.trend.length} months, fingerprint ${fingerprint.slice(0, 12)}…`,
  );
}

function sheetRows(pieces: number): Record<string, CellValue[][]> {
  const input = records(pieces);
  return monthTabs({
    residents: input.residents.map((r) => residentRow(r.id, r.name)),
    orders: input.orders.map((o) => orderRow(o.id, o.product, o.craft, o.payRate / 10_000)),
    pieces: input.pieces.map((p) =>
      pieceRow(
        new Date(`${p.date}T00:00:00+08:00`),
        p.residentId,
        p.orderId,
        p.completed,
        p.rejected,
      ),
    ),
    adjustments: [],
  });
}

/** What a naive script would do: one getValue per cell read, one setValue per cell written. */
function rowByRowCalls(
  tabs: Record<string, CellValue[][]>,
  written: readonly unknown[][][],
): number {
  const read = Object.values(tabs).reduce(
    (sum, rows) => sum + rows.length * (rows[0]?.length ?? 0),
    0,
  );
  const cellsWritten = written.reduce((sum, rows) => sum + rows.length * (rows[0]?.length ?? 0), 0);
  // Plus one setNumberFormat per written cell: money and text formats are set cell by cell too.
  return read + 2 * cellsWritten;
}

/** Generate twice: the first run of a month creates its three tabs, the second rebuilds them. */
function countGenerate(pieces: number): void {
  const tabs = sheetRows(pieces);
  const emulator = createEmulator({ locale: 'zh_CN', htmlFiles: {} });
  for (const [name, rows] of Object.entries(tabs)) emulator.seed(name, rows);
  const uninstall = emulator.install(globalThis);
  try {
    for (const run of ['first run', 'again'] as const) {
      emulator.calls.reset();
      const started = performance.now();
      const reply = emulator.execution(() => generateMonthFromDialog(MONTH));
      const seconds = (performance.now() - started) / 1000;
      if (!reply.ok) throw new Error(reply.message);
      const written = reply.value.tabs.map((name) => emulator.peek(name));
      const naive = run === 'first run' ? rowByRowCalls(tabs, written).toLocaleString('en') : '';
      print(
        `Generate in the emulator, ${pieces.toLocaleString('en')} Pieces rows, ${run}: ${emulator.calls.total()} service calls` +
          (naive ? ` (a row-by-row script: ${naive})` : '') +
          `; ${seconds.toFixed(2)} s in the emulator`,
      );
      print(`  by method: ${JSON.stringify(emulator.calls.byMethod())}`);
    }
  } finally {
    uninstall();
  }
}

export async function run(): Promise<void> {
  timeDomain(100_000, 0.3);
  timeDomain(1_000_000, 3);
  countGenerate(1_000);
  countGenerate(100_000);
}
