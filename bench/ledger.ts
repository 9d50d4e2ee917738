/**
 * Reading and validating the ledger (issue 8 section 4): cells as a backend hands them over →
 * checked records, the step of Generate before the pay arithmetic that grows with the sheet.
 * validateLedgerTabs (header matching, codecs, validation) on 100,000 and 1,000,000 Pieces rows,
 * median wall time of several runs, and the CPU time beside it: on a busy machine the wall time
 * also counts waiting for a core, and the CPU time (all of the process's threads, GC included)
 * is what an idle one would take at most. Targets: ≤ 0.5 s and ≤ 5 s, met when either is.
 *
 * The cells are what getValues() gives for a typical sheet: a Date per date cell (each its own
 * object, at midnight in Asia/Shanghai), IDs as text, counts as numbers, entry numbers as text or
 * numbers, and a few rows typed as text (full-width digits, dates as text, thousands separators)
 * so the slower paths are measured too.
 */
import { validateLedgerTabs } from '../src/features/loadLedger';
import type { CellValue } from '../src/workbook/cells';
import type { TabContents } from '../src/workbook/port';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
} from '../test/support/ledgerSheets';

const RESIDENTS = 500;
const ORDERS = 40;
const TIME_ZONE = 'Asia/Shanghai';
const TARGETS: readonly (readonly [rows: number, seconds: number, runs: number])[] = [
  [100_000, 0.5, 5],
  [1_000_000, 5, 3],
];

const residentId = (i: number): string => `R${String(i + 1).padStart(3, '0')}`;
const orderId = (i: number): string => `O-${i + 1}`;

/** Midnight of the day in Asia/Shanghai, as Apps Script hands a date cell over. */
const shanghaiMidnight = (month: number, day: number): Date =>
  new Date(Date.UTC(2026, month - 1, day) - 8 * 3_600_000);

/** A deterministic PRNG, so every run measures the same cells. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const tab = (name: string, values: CellValue[][]): TabContents => ({ name, values });

export function ledgerContents(
  pieceRows: number,
): Record<'residents' | 'partners' | 'orders' | 'pieces' | 'adjustments', TabContents | null> {
  const residents: CellValue[][] = [RESIDENT_HEADER];
  for (let i = 0; i < RESIDENTS; i += 1) {
    residents.push([residentId(i), `居民${i + 1}`, '', '困难户', '', '', i % 50 !== 7, '']);
  }
  const orders: CellValue[][] = [ORDER_HEADER];
  for (let i = 0; i < ORDERS; i += 1) {
    const rate = [0.015, 0.333, 2.5, 12.5][i % 4] as number;
    orders.push([
      orderId(i),
      'P01',
      `产品${i}`,
      '粘钻',
      rate,
      '',
      5_000_000,
      '2026-01-01',
      '',
      '进行中',
      '',
    ]);
  }
  const pieces: CellValue[][] = [PIECE_HEADER];
  const next = random(42);
  for (let i = 0; i < pieceRows; i += 1) {
    const month = 1 + Math.floor(next() * 11);
    const day = 1 + Math.floor(next() * 28);
    const completed = 10 + Math.floor(next() * 90);
    // One row in 50 as typed text: a date as text, full-width digits, a thousands separator.
    const typed = i % 50 === 0;
    const resident = Math.floor(next() * RESIDENTS);
    pieces.push([
      typed ? `2026/${month}/${day}` : shanghaiMidnight(month, day),
      typed ? `ｒ${String(resident + 1).padStart(3, '0')}` : residentId(resident),
      orderId(Math.floor(next() * ORDERS)),
      typed ? `${completed === 10 ? '1,000' : `１${completed}`}` : completed,
      Math.floor(next() * 3),
      '李老师',
      i % 97 === 0 ? '补登' : '',
      i % 2 === 0 ? String(i + 1) : i + 1,
    ]);
  }
  const adjustments: CellValue[][] = [ADJUSTMENT_HEADER];
  for (let i = 0; i < 200; i += 1) {
    adjustments.push(['2026-11', residentId(i), i % 2 === 0 ? 50 : '-12.50', '全勤奖']);
  }
  return {
    residents: tab('居民', residents),
    partners: null,
    orders: tab('订单', orders),
    pieces: tab('计件', pieces),
    adjustments: tab('调整', adjustments),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function run(): void {
  for (const [rows, target, runs] of TARGETS) {
    const contents = ledgerContents(rows);
    const times: number[] = [];
    const cpu: number[] = [];
    let kept = 0;
    let problems = 0;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const { validated } = validateLedgerTabs(
        contents,
        { timeZone: TIME_ZONE, lang: 'zh-CN' },
        { today: '2026-11-28', readPartners: false },
      );
      times.push((performance.now() - started) / 1000);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1e6);
      kept = validated.pieces.length;
      problems = validated.problems.length;
    }
    const [seconds, cpuSeconds] = [median(times), median(cpu)];
    console.log(
      `ledger read + validate, ${rows.toLocaleString('en')} Pieces rows: median ${seconds.toFixed(2)} s ` +
        `of ${runs} runs (${times.map((s) => s.toFixed(2)).join(', ')}; CPU ${cpuSeconds.toFixed(2)} s) ` +
        `— target ≤ ${target} s: ${Math.min(seconds, cpuSeconds) <= target ? 'met' : 'NOT MET'}; ` +
        `${kept.toLocaleString('en')} rows kept, ${problems.toLocaleString('en')} problems`,
    );
  }
}
