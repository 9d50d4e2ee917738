/**
 * Printed pages at the edges, as LibreOffice prints the .xlsx (beside printedPages.test.ts,
 * which prints the demo): a workshop under its full official name, 23 characters, in a big
 * month — five-figure net pay — closed, with its partner's report. Read back with pdftotext,
 * as a reader sees them:
 *
 * - 结账 / Closings prints the time of closing and the totals whole (at the .xlsx's default
 *   column width they printed cut and as ###);
 * - no page's footer prints the workshop's name over the tab's name (it ran into the centred
 *   name on portrait pages), the partner's report's pages among them.
 *
 * One LibreOffice run for both files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import type { SampleCell, SampleTab } from '../../src/cli/demo/sample';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { closeMonth } from '../../src/features/closeMonth';
import { loadPartnerReports } from '../../src/features/partnerReports';
import {
  ACTIVE_VALUES,
  ADJUSTMENTS,
  CATEGORIES,
  CRAFTS,
  ORDERS,
  ORDER_STATUSES,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  SETTING_KEYS,
  labelOf,
} from '../../src/workbook/layout';
import type { GeneratedTab } from '../../src/workbook/port';
import { tempFolder } from './helpers';
import { overlaps, printToolsMissing, readPdf, renderToPdf } from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const MONTH = '2026-11';
const TODAY = '2026-12-02';
/** 16:00 in Shanghai, as Closings shows it. */
const NOW = new Date('2026-12-02T08:00:00Z');
/** A committee's full name, as many put it on their papers. */
const ORGANIZATION = '杭州市上城区湖滨街道东坡路社区居民委员会手工坊';

const zh = (term: { zh: string; en: string }): string => labelOf(term, 'zh-CN');
const day = (d: number): SampleCell => ({ date: `${MONTH}-${String(d).padStart(2, '0')}` });

/** Three residents, 15,000 pieces each at ¥1.50: ¥22,500.00 each, ¥67,500.00 in all. */
function bigMonth(): SampleTab[] {
  const names = ['王秀英', '李桂兰', '张美华'];
  const residents = names.map((name, i) => [
    `R00${i + 1}`,
    name,
    `1380000000${i + 1}`,
    zh(CATEGORIES[0]),
    '',
    { date: '2025-03-01' },
    zh(ACTIVE_VALUES[0]),
    '',
  ]);
  const pieces = names.flatMap((_, i) =>
    [3, 10, 17].map((d, k) => [day(d), `R00${i + 1}`, 'O001', 5000, 0, '李老师', '', `${i}${k}`]),
  );
  return [
    { spec: RESIDENTS, rows: residents },
    {
      spec: PARTNERS,
      // Its report in English: crafts as words, "embroidery" the longest.
      rows: [['P01', '义乌晶彩饰品有限公司', '钱经理', '', zh(ACTIVE_VALUES[0]), '', 'en']],
    },
    {
      spec: ORDERS,
      rows: [
        [
          'O001',
          'P01',
          '刺绣香囊',
          zh(CRAFTS[1]),
          1.5,
          25,
          200000,
          { date: '2026-10-01' },
          { date: '2026-12-31' },
          zh(ORDER_STATUSES[0]),
          '',
        ],
      ],
    },
    { spec: PIECES, rows: pieces },
    { spec: ADJUSTMENTS, rows: [] },
    {
      spec: SETTINGS,
      rows: [
        [zh(SETTING_KEYS[0]), ORGANIZATION],
        [zh(SETTING_KEYS[1]), '¥'],
      ],
    },
  ];
}

interface Printed {
  /** Every page of the file, the source tabs' and Closings' (no footer) among them. */
  readonly pages: PdfPage[];
  readonly tabs: readonly GeneratedTab[];
}

const hashes = (pages: readonly PdfPage[]): string[] =>
  pages.flatMap((page) => page.words.filter((w) => /^#+$/.test(w.text)).map((w) => w.text));

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('printed pages at the edges: a long name, a big month', () => {
  let folder: string;
  let workshop: Printed;
  let partner: Printed;

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-edges-');
    const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
    writeSample(workbook, bigMonth(), 'zh-CN', 'Asia/Shanghai');
    setUpWorkbook(workbook);
    const spy = jest.spyOn(workbook, 'replaceGeneratedTab');
    closeMonth(workbook, { month: MONTH, now: NOW, today: TODAY, closedBy: '李老师', force: true });
    const tabs = spy.mock.calls.map(([tab]) => tab);
    const file = path.join(folder, 'workshop.xlsx');
    await workbook.writeTo(file);
    const reports = loadPartnerReports(workbook, { month: MONTH, now: NOW, today: TODAY });
    const report = reports.reports[0];
    if (report === undefined) throw new Error('no partner report');
    const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: report.lang });
    for (const tab of report.tabs) book.replaceGeneratedTab(tab);
    const partnerFile = path.join(folder, 'partner.xlsx');
    await book.writeTo(partnerFile);
    const [workshopPdf, partnerPdf] = renderToPdf([file, partnerFile], folder);
    workshop = { pages: readPdf(workshopPdf as string), tabs };
    partner = { pages: readPdf(partnerPdf as string), tabs: report.tabs };
  }, 120_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('结账 / Closings prints the time of closing and the totals whole, no ###', () => {
    const closings = workshop.pages.filter((page) => page.words.some((w) => w.text === '结账时间'));
    expect(closings).toHaveLength(1);
    const text = closings.map((page) => page.raw).join('\n');
    expect(hashes(closings)).toEqual([]);
    expect(text).toContain('2026-12-02 16:00');
    // Total net pay and, at a first closing, the same paid at this closing.
    expect(text.split('¥67,500.00').length - 1).toBe(2);
  });

  test('no footer prints the workshop’s name over the tab’s name, on any page', () => {
    for (const printed of [workshop, partner]) {
      const footed = printed.pages.filter((page) =>
        printed.tabs.some((tab) => page.raw.includes(tab.name)),
      );
      expect(footed.length).toBeGreaterThan(1);
      const over = footed.flatMap((page, i) => overlaps(page).map((o) => `page ${i + 1}: ${o}`));
      expect(over).toEqual([]);
      // The footer still names the workshop and the tab.
      for (const page of footed) {
        const text = page.raw.replace(/\s+/g, '');
        expect(text).toContain(ORGANIZATION);
        expect(printed.tabs.some((tab) => text.includes(tab.name.replace(/\s+/g, '')))).toBe(true);
      }
    }
    // Payslips are portrait: the name, 23 characters, is wider than a third of the page.
    const slips = workshop.pages.filter((page) => page.raw.includes('工资条 2026-11'));
    expect(slips.every((page) => page.width < page.height)).toBe(true);
  });
});
