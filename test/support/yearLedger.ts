/**
 * A workshop's ledger over several months, as cell rows for MemoryWorkbook, the emulator or an
 * .xlsx: residents of every category, orders of two partners, pieces on working days with some
 * rejects, adjustments (a bonus, a deduction), from a seeded generator so every run is the same.
 */
import type { CellValue } from '../../src/workbook/cells';
import { addMonths, lastDayOf } from '../../src/domain/months';
import type { MonthKey } from '../../src/domain/records';
import { seededRandom } from '../../src/cli/demo/prng';
import { monthTabs, orderRow, residentRow } from './monthWorkbook';
import type { Rows } from './monthWorkbook';
import { closeMonth, writeClosingsRow } from '../../src/features/closeMonth';
import {
  closedMonthKeys,
  closingsOfLedger,
  monthProblems,
  readClosings,
  readClosingsFirst,
} from '../../src/features/monthData';
import { loadLedger } from '../../src/features/loadLedger';
import { indexPayBook, payForMonth } from '../../src/domain/payout';
import { encodeSnapshot, monthFingerprint, residentDigests } from '../../src/domain/fingerprint';
import { NO_ROWS_DIGEST, correctionsOf } from '../../src/domain/closing';
import { idKey } from '../../src/domain/validation/problemList';
import { fenToYuan } from '../../src/domain/money';
import type { Workbook } from '../../src/workbook/port';
import { MemoryWorkbook } from './memoryWorkbook';
import type { ArchivePlan } from '../../src/features/archiveYear';

export interface YearLedgerOptions {
  readonly from: MonthKey;
  readonly to: MonthKey;
  readonly residents?: number;
  readonly rowsPerMonth?: number;
  readonly seed?: number;
  readonly lang?: 'zh' | 'en';
  /** Dates written as Date objects (the emulator turns them into date cells), else text. */
  readonly dates?: 'text' | 'serial';
}

const CATEGORIES_ZH = ['困难户', '困难边缘户', '退休', '家庭主妇', '其他'];
const CATEGORIES_EN = ['hardship', 'near-hardship', 'retired', 'homemaker', 'other'];

export function residentIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `R${String(i + 1).padStart(3, '0')}`);
}

export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const months: MonthKey[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** Tab name → rows. Resident k joins in month ⌊k/3⌋ of the span, so some are new each year. */
export function yearLedgerTabs(options: YearLedgerOptions): Record<string, Rows> {
  const random = seededRandom(options.seed ?? 7);
  const count = options.residents ?? 12;
  const lang = options.lang ?? 'zh';
  const categories = lang === 'zh' ? CATEGORIES_ZH : CATEGORIES_EN;
  const ids = residentIds(count);
  const residents: Rows = ids.map((id, i) =>
    residentRow(id, `居民${i + 1}`, categories[i % categories.length] ?? '其他'),
  );
  const orders: Rows = [
    orderRow('O1', '发卡粘钻', '粘钻', 0.015, { quantity: 900000, status: '进行中' }),
    orderRow('O2', '福字剪纸', '剪纸', 2.5, { quantity: 40000 }),
    orderRow('O3', '刺绣香包', '刺绣', 12.5),
    orderRow('O4', '小挂件', '组装', 0.333, { price: 0.5 }),
  ];
  const o4 = orders[3] as CellValue[];
  o4[1] = 'P2';
  const months = monthsBetween(options.from, options.to);
  const pieces: Rows = [];
  const adjustments: Rows = [];
  let entry = 1;
  months.forEach((month, m) => {
    const working = ids.filter((_, i) => Math.floor(i / 3) <= m + 1);
    const last = Number(lastDayOf(month).slice(8, 10));
    for (let n = 0; n < (options.rowsPerMonth ?? 30); n += 1) {
      const day = String(random.int(1, last)).padStart(2, '0');
      const date = `${month}-${day}`;
      const order = random.pick(['O1', 'O2', 'O3', 'O4']);
      const completed =
        order === 'O1'
          ? random.int(500, 3000)
          : order === 'O3'
            ? random.int(1, 8)
            : random.int(5, 60);
      const rejected = random.chance(0.3) ? random.int(0, Math.min(5, completed)) : 0;
      const cell: CellValue =
        options.dates === 'serial' ? new Date(`${date}T00:00:00+08:00`) : date;
      pieces.push([cell, random.pick(working), order, completed, rejected, '', '', `E${entry++}`]);
    }
    if (m % 4 === 1) adjustments.push([month, ids[0] ?? 'R001', 50, '全勤奖']);
    if (m % 5 === 2) adjustments.push([month, ids[1] ?? 'R002', -12.5, '材料损耗']);
  });
  return monthTabs(
    {
      residents,
      orders,
      pieces,
      adjustments,
      settings: [
        [lang === 'zh' ? '机构名称' : 'Organization', '幸福社区工坊'],
        [lang === 'zh' ? '语言' : 'Language', lang === 'zh' ? 'zh-CN' : 'en'],
      ],
    },
    lang,
  );
}

/**
 * Closes each month as closeMonth records it in 结账 / Closings (month, closed at and by,
 * residents, net pay, fingerprint, per-resident detail) and Settings' Closings record, without
 * building the month's tabs (which is what makes closing slow): for tests that need many closed
 * months. Refuses, as closeMonth does, a month with rows that have errors.
 */
export function recordClosings(
  workbook: Workbook,
  months: readonly MonthKey[],
  today: string,
): void {
  // The ledger is read once for every month (closeMonth reads it once per month).
  const first = readClosingsFirst(workbook);
  const ledger = loadLedger(workbook, { today, closedMonths: closedMonthKeys(first) });
  const book = indexPayBook(ledger);
  let closings = closingsOfLedger(workbook, first, ledger);
  months.forEach((month, i) => {
    const pay = payForMonth(book, month);
    if (monthProblems(ledger, pay).blocking.length > 0) {
      throw new Error(`${month} has rows with errors`);
    }
    const digests = residentDigests(book, month);
    const corrected = correctionsOf(book, month);
    const entries = new Map(
      pay.residents.map((r) => {
        const key = idKey(r.residentId);
        return [
          key,
          {
            netPay: r.netPay,
            digest: digests.get(key) ?? NO_ROWS_DIGEST,
            correctedBefore: corrected.get(key) ?? 0,
            // A first closing hands out the net pay, less corrections already paid elsewhere.
            paid: r.netPay - (corrected.get(key) ?? 0),
          },
        ];
      }),
    );
    const [detail = '', ...detailParts] = encodeSnapshot(entries);
    const paid = [...entries.values()].reduce((sum, e) => sum + (e.paid ?? 0), 0);
    const name = writeClosingsRow(workbook, closings, {
      lang: ledger.lang,
      currency: '¥',
      values: {
        month,
        closedAt: `${today} 10:00`,
        closedBy: '王老师',
        residents: pay.totals.residents,
        netPay: fenToYuan(pay.totals.netPay),
        paid: fenToYuan(paid),
        fingerprint: monthFingerprint(book, month),
        snapshot: detail,
      },
      detailParts,
      required: ['month'],
    });
    if (i === 0) {
      if (!ledger.settings.closingsRecord && ledger.tabs.settings) {
        const label = ledger.lang === 'zh-CN' ? '结账记录' : 'Closings record';
        workbook.appendRows(ledger.tabs.settings.name, [[label, name]]);
      }
      // Its columns are known now: every later month is one more row under them.
      closings = readClosings(workbook, { timeZone: ledger.timeZone, lang: ledger.lang });
    }
  });
}

/** Closes each month in turn, as staff would (forced: some months may be short of rows). */
export function closeMonths(workbook: Workbook, months: readonly MonthKey[], today: string): void {
  for (const month of months) {
    closeMonth(workbook, {
      month,
      now: new Date(`${today}T02:00:00Z`),
      today,
      closedBy: '王老师',
      force: true,
    });
  }
}

const closedCache = new Map<string, Record<string, Rows>>();

/**
 * The standard test workshop (June 2025 to December 2026), closed through October 2026 in a
 * MemoryWorkbook (recordClosings: no month tabs), as tab name → rows, 结账 / Closings included.
 */
export function closedYearTabs(lang: 'zh' | 'en' = 'zh'): Record<string, Rows> {
  const cached = closedCache.get(lang);
  if (cached) return cached;
  const book = new MemoryWorkbook(yearLedgerTabs({ from: '2025-06', to: '2026-12', lang }), {
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    timeZone: 'Asia/Shanghai',
  });
  recordClosings(book, monthsBetween('2025-06', '2026-10'), '2026-12-20');
  const tabs = Object.fromEntries(book.tabs.map((tab) => [tab.name, tab.values]));
  closedCache.set(lang, tabs);
  return tabs;
}

/**
 * `count` more Pieces rows spread over months `from`..12 of `year`, for call budgets on a big
 * year (the test workshop's residents and orders).
 */
export function bigYearPieces(count: number, year = 2026, from = 1): Rows {
  const ids = residentIds(12);
  const rows: Rows = [];
  for (let i = 0; i < count; i += 1) {
    const month = String(from + (i % (13 - from))).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push([
      `${year}-${month}-${day}`,
      ids[i % ids.length] ?? 'R001',
      `O${1 + (i % 4)}`,
      5,
      i % 7 === 0 ? 1 : 0,
      '',
      '',
      `B${i + 1}`,
    ]);
  }
  return rows;
}

/** An archive kept in memory: the target archiveYear writes to, and what it wrote. */
export function memoryArchive(location = 'archive-2025.xlsx') {
  const archive = new MemoryWorkbook();
  let written = false;
  return {
    archive,
    get written() {
      return written;
    },
    target: {
      write(plan: ArchivePlan): string {
        for (const tab of plan.tabs) archive.replaceGeneratedTab(tab);
        written = true;
        return location;
      },
      readBack(names: readonly string[]) {
        return names.map((name) => archive.readTab([name]));
      },
    },
  };
}
