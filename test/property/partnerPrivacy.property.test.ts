/**
 * Privacy by construction, checked: for random ledgers whose personal fields hold random
 * strings, no cell of any partner output holds any of them, in Sheets (the emulator, each
 * partner's own spreadsheet) and in the .xlsx files `gongfang partners` writes (read back with
 * exceljs); nor does any cell of the year's Impact tab (成效 YYYY), which shows no head count
 * under five.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { updateReports } from '../../src/apps-script/partnerReports';
import { Caller } from '../../src/apps-script/roles';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import type { CellValue } from '../../src/workbook/cells';
import { createEmulator } from '../emulator';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { recordClosings } from '../support/yearLedger';
import { buildYearTabs, generateYear, loadYear } from '../../src/features/generateYear';
import type { ImpactMonth, ImpactPay, ImpactReport, ImpactWorker } from '../../src/domain/impact';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../support/ledgerSheets';

const PARTNERS_HEADER = ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注', '语言'];
const CATEGORY_LABELS = ['困难户', '困难边缘户', 'hardship', 'near-hardship'];

/** A personal value: random text marked with "Ж" (which nothing else we write contains), so
 *  finding it in an output cannot be a coincidence. */
const secret = fc
  .string({ minLength: 3, maxLength: 12, unit: 'grapheme' })
  .map((text) => `Ж${text.replace(/\s/g, '·')}`);

interface Ledger {
  readonly residents: { id: string; name: string; phone: string; skills: string; notes: string }[];
  readonly pieces: {
    resident: number;
    order: number;
    day: number;
    completed: number;
    rejected: number;
    by: string;
    notes: string;
  }[];
}

const ledgerArbitrary: fc.Arbitrary<Ledger> = fc.record({
  // IDs made distinct by their place: two residents drawn with one ID (or IDs alike once
  // folded) are rows with errors, which a month cannot be closed with (the Impact's tests).
  residents: fc
    .array(fc.record({ id: secret, name: secret, phone: secret, skills: secret, notes: secret }), {
      minLength: 1,
      maxLength: 8,
    })
    .map((residents) => residents.map((r, i) => ({ ...r, id: `${r.id}-${i}` }))),
  pieces: fc.array(
    fc.record({
      resident: fc.nat(7),
      order: fc.nat(2),
      day: fc.integer({ min: 1, max: 28 }),
      completed: fc.integer({ min: 0, max: 40 }),
      rejected: fc.integer({ min: 0, max: 5 }),
      by: secret,
      notes: secret,
    }),
    { maxLength: 40 },
  ),
});

function sheetsOf(ledger: Ledger): Record<string, CellValue[][]> {
  const { residents } = ledger;
  return {
    居民: [
      RESIDENT_HEADER,
      ...residents.map((r, i) => [
        r.id,
        r.name,
        r.phone,
        i % 2 ? '困难户' : '困难边缘户',
        r.skills,
        '2026-01-05',
        '是',
        r.notes,
      ]),
    ],
    合作单位: [
      PARTNERS_HEADER,
      ['P1', '花园文创', '陈经理', 'a@x.cn', '是', '', ''],
      ['P2', 'Toy Co', 'Ms Li', 'b@x.cn', 'yes', '', 'en'],
    ],
    订单: [
      ORDER_HEADER,
      ['O1', 'P1', '窗花', '剪纸', 0.5, 0.835, 500, '2026-10-01', '2026-12-31', '进行中', ''],
      ['O2', 'P2', '香囊', '刺绣', 2.5, 3.1, 80, '2026-10-01', '2026-11-25', '进行中', ''],
      ['O3', 'P1', '钥匙扣', '组装', 0.2, '', 90, '2026-10-01', '2026-11-10', '进行中', ''],
    ],
    计件: [
      PIECE_HEADER,
      ...ledger.pieces.map((p, i) => [
        `2026-11-${String(p.day).padStart(2, '0')}`,
        residents[p.resident % residents.length]?.id ?? '',
        `O${p.order + 1}`,
        p.completed + p.rejected,
        p.rejected,
        p.by,
        p.notes,
        `E${i + 1}`,
      ]),
    ],
    调整: [ADJUSTMENT_HEADER],
    设置: [SETTING_HEADER, ['机构名称', '幸福社区工坊'], ['语言', 'zh-CN']],
  };
}

function secretsOf(ledger: Ledger): string[] {
  return [
    ...ledger.residents.flatMap((r) => [r.id, r.name, r.phone, r.skills, r.notes]),
    ...ledger.pieces.flatMap((p) => [p.by, p.notes]),
    ...CATEGORY_LABELS,
  ];
}

function leaks(cells: readonly string[], secrets: readonly string[]): string[] {
  return secrets.filter((s) => cells.some((cell) => cell.includes(s)));
}

const NOW = new Date('2026-11-20T04:00:00Z');

describe('partner outputs hold no personal data', () => {
  it('in Sheets: every cell of every partner spreadsheet', () => {
    fc.assert(
      fc.property(ledgerArbitrary, (ledger) => {
        const emulator = createEmulator({ locale: 'zh_CN' });
        const uninstall = emulator.install(globalThis);
        try {
          for (const [tab, rows] of Object.entries(sheetsOf(ledger))) emulator.seed(tab, rows);
          emulator.execution(() =>
            updateReports(new SheetsWorkbook(emulator.spreadsheet), {
              now: NOW,
              month: '2026-11',
              caller: new Caller(emulator.spreadsheet),
            }),
          );
          const files = emulator.files();
          expect(files).toHaveLength(2);
          const cells = files.flatMap((file) =>
            [file.name, ...file.tabs].concat(
              file.tabs.flatMap((tab) => emulator.peekFile(file.id, tab).flat().map(String)),
            ),
          );
          expect(leaks(cells, secretsOf(ledger))).toEqual([]);
        } finally {
          uninstall();
        }
      }),
      { numRuns: 8 },
    );
  }, 300_000);

  it('in the .xlsx files gongfang partners writes', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-privacy-'));
    try {
      await fc.assert(
        fc.asyncProperty(ledgerArbitrary, async (ledger) => {
          const source = new MemoryWorkbook(sheetsOf(ledger));
          const result = loadPartnerReports(source, {
            month: '2026-11',
            now: NOW,
            today: '2026-11-20',
          });
          expect(result.reports).toHaveLength(2);
          const cells: string[] = [];
          for (const report of result.reports) {
            const file = path.join(folder, `${report.partnerId}.xlsx`);
            const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
            for (const tab of report.tabs) book.replaceGeneratedTab(tab);
            await book.save(file);
            const back = new ExcelWorkbook();
            await back.xlsx.readFile(file);
            back.eachSheet((sheet) => {
              cells.push(sheet.name);
              sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
            });
          }
          expect(leaks(cells, secretsOf(ledger))).toEqual([]);
        }),
        { numRuns: 6 },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});

/**
 * The Impact tab (成效 YYYY) is for funders: the same random ledgers, November closed, give an
 * Impact tab with none of the personal values in any cell — category names are its row labels,
 * shown as counts only — and no head count from 1 to 4 (those read "<5").
 */
describe('the Impact tab holds no personal data', () => {
  /** Its types admit nothing personal: a field added to them fails to compile here. */
  type Only<T, K extends keyof T> = Exclude<keyof T, K> extends never ? true : never;
  const typed: [
    Only<ImpactWorker, 'worker' | 'category' | 'earnedBefore'>,
    Only<ImpactPay, 'worker' | 'netPay' | 'acceptedPieces' | 'rejectedPieces' | 'worked'>,
    Only<ImpactMonth, 'month' | 'closed' | 'pay' | 'orders' | 'partners'>,
  ] = [true, true, true];
  void typed;

  const personal = (ledger: Ledger) =>
    secretsOf(ledger).filter((secret) => !CATEGORY_LABELS.includes(secret));

  /** The ledger with November closed, as a MemoryWorkbook's tabs. */
  function closedTabs(ledger: Ledger): Record<string, CellValue[][]> {
    const book = new MemoryWorkbook(sheetsOf(ledger));
    recordClosings(book, ['2026-11'], '2026-11-30');
    return Object.fromEntries(book.tabs.map((tab) => [tab.name, tab.values]));
  }

  function noSmallCounts(report: ImpactReport): void {
    const counts = [
      report.figures.residentsEarned,
      report.figures.newThisYear,
      report.figures.sixMonthsOrMore,
      ...report.figures.byCategory.map((c) => c.count),
      ...report.quarters.map((q) => q.residentsEarned),
    ];
    for (const count of counts) {
      if (count.shown) expect(count.count === 0 || count.count >= 5).toBe(true);
    }
    const shown = report.figures.averageMonthlyNetPay !== null;
    if (shown) expect(report.figures.residentsEarned.shown).toBe(true);
  }

  it('in Sheets (the emulator), with no head count under 5', () => {
    fc.assert(
      fc.property(ledgerArbitrary, (ledger) => {
        const emulator = createEmulator({ locale: 'zh_CN' });
        const uninstall = emulator.install(globalThis);
        try {
          for (const [tab, rows] of Object.entries(closedTabs(ledger))) emulator.seed(tab, rows);
          const result = emulator.execution(() =>
            generateYear(new SheetsWorkbook(emulator.spreadsheet), {
              year: 2026,
              now: NOW,
              today: '2026-11-30',
            }),
          );
          noSmallCounts(result.impact);
          const cells = emulator.peek('成效 2026').flat().map(String);
          expect(leaks(cells, personal(ledger))).toEqual([]);
          // Head counts 1–4 never show: a row of counts holds "<5" or a number from 5 (or 0).
          const counted = emulator
            .peek('成效 2026')
            .filter((row) => /人数|居民|新加入|6 个月|其中/.test(String(row[0])));
          for (const row of counted) {
            for (const cell of row.slice(1, 3)) {
              if (typeof cell === 'number') expect(cell === 0 || cell >= 5).toBe(true);
            }
          }
        } finally {
          uninstall();
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it('in the .xlsx gongfang year writes (read back with exceljs)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfang-impact-privacy-'));
    try {
      await fc.assert(
        fc.asyncProperty(ledgerArbitrary, async (ledger) => {
          const source = new MemoryWorkbook(closedTabs(ledger));
          const data = loadYear(source, { year: 2026, today: '2026-11-30' });
          noSmallCounts(data.impact);
          const impact = buildYearTabs(data, NOW).find((tab) => tab.name === '成效 2026');
          const file = path.join(folder, 'impact.xlsx');
          const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
          if (impact) book.replaceGeneratedTab(impact);
          await book.save(file);
          const back = new ExcelWorkbook();
          await back.xlsx.readFile(file);
          const cells: string[] = [];
          back.eachSheet((sheet) => {
            cells.push(sheet.name);
            sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
          });
          expect(cells.length).toBeGreaterThan(20);
          expect(leaks(cells, personal(ledger))).toEqual([]);
        }),
        { numRuns: 6 },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
