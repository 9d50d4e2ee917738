/**
 * Printed pages at a real workshop's scale (beside printedEdges.test.ts, whose big month has a
 * handful of residents): 160 residents, each paid ¥900.00 in November, as LibreOffice prints the
 * .xlsx and pdftotext reads it back. Only the tabs at issue are printed, to keep it quick:
 *
 * - 汇总 / Summary, both languages: the list of residents paid over the monthly threshold runs
 *   over a page, and every page it runs on to starts with its title (the next page began with
 *   bare IDs: nothing said what they were, nor that the list is internal only);
 * - an English partner Statement billing ¥192,000.00 (an amount column of 100 px): every craft
 *   printed as a whole word (its column kept 60 px, and "embroidery" printed "embroide" / "ry");
 * - and a year archived by `gongfang archive`, December closed, reopened and closed again: the
 *   archive's 结账 / Closings prints the columns the ledger prints, at its size (it printed its
 *   fingerprint and detail too, the page shrunk to half size to hold them), and its totals as
 *   money (105, not ¥105.00).
 *
 * One LibreOffice run for the files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { closeMonth } from '../../src/features/closeMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import { generateMonth } from '../../src/features/generateMonth';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { type Lang, t } from '../../src/i18n';
import type { GeneratedTab } from '../../src/workbook/port';
import { gongfang, tempFolder } from './helpers';
import { orderId, smallWorkshop } from '../support/printedSample';
import {
  footerTab,
  linesOf,
  overlaps,
  printToolsMissing,
  readPdf,
  renderToPdf,
} from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const MONTH = '2026-11';
const TODAY = '2026-12-02';
const NOW = new Date('2026-12-02T08:00:00Z');
const RESIDENTS = 160;

const idOf = (i: number): string => `R${String(i + 1).padStart(3, '0')}`;

/**
 * RESIDENTS residents, each handing in 600 pieces of one of two embroidery orders at ¥1.50 (¥2.00
 * to the partner): ¥900.00 each, over the threshold of ¥800.00; ¥192,000.00 billed.
 */
async function bigMonth(lang: Lang, file: string) {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  const tabs = smallWorkshop(lang, {
    organization: lang === 'en' ? 'Dongpo Road Community Workshop' : '东坡路社区手工坊',
    residents: Array.from({ length: RESIDENTS }, (_, i) => [
      idOf(i),
      `${lang === 'en' ? 'Li' : '李'}${i}`,
    ]),
    partner: lang === 'en' ? 'Yiwu Jingcai Jewellery Co.' : '义乌晶彩饰品有限公司',
    products: lang === 'en' ? ['Sachet', 'Coaster'] : ['香囊', '杯垫'],
    handIns: Array.from({ length: RESIDENTS }, (_, i) => [
      `${MONTH}-05`,
      idOf(i),
      orderId(i % 2),
      600,
      `n${i}`,
    ]),
  });
  writeSample(workbook, tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const made = jest.spyOn(workbook, 'replaceGeneratedTab');
  generateMonth(workbook, { month: MONTH, now: NOW, today: TODAY });
  const summary = made.mock.calls
    .map(([tab]) => tab)
    .find((tab) => tab.name.includes('汇总') || tab.name.startsWith('Summary'));
  const [report] = loadPartnerReports(workbook, { month: MONTH, now: NOW, today: TODAY }).reports;
  if (summary === undefined || report === undefined) throw new Error('no summary or no report');
  // Only the tabs at issue: the whole month (160 payslips) would be slow to print.
  const printed: GeneratedTab[] = [summary, ...(lang === 'en' ? [report.tabs[1]] : [])];
  const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  for (const tab of printed) book.replaceGeneratedTab(tab);
  await book.writeTo(file);
  return printed;
}

const REASON = '补登漏记的计件';
/** Wider than an archive's copy gives a column (240 px). */
const LONG_NAME = '阿依古丽·买买提江·艾力·吐尔逊·阿不都热合曼';
const LONG_PRODUCT = '“福”字剪纸装饰画（大号，带红色卡纸边框，含包装）';

/**
 * A ledger of 2026 with pieces in December only, December closed, reopened and closed again,
 * archived by the built command into `archive`.
 */
async function archivedYear(folder: string, archive: string): Promise<void> {
  const now = new Date('2027-01-05T08:00:00Z');
  const today = '2027-01-05';
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
  const tabs = smallWorkshop('zh-CN', {
    organization: '东坡路社区手工坊',
    residents: [
      ['R001', '王秀英'],
      ['R002', '李桂兰'],
      ['R003', LONG_NAME],
    ],
    partner: '义乌晶彩饰品有限公司',
    products: ['香囊', LONG_PRODUCT],
    received: '2026-12-01',
    handIns: [
      ['2026-12-05', 'R001', orderId(0), 40, 'a'],
      ['2026-12-06', 'R002', orderId(0), 30, 'b'],
    ],
  });
  writeSample(workbook, tabs, 'zh-CN', 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const closing = { month: '2026-12', now, today, closedBy: '李老师' };
  closeMonth(workbook, closing);
  reopenMonth(workbook, { month: '2026-12', now, today, reopenedBy: '王主任', reason: REASON });
  closeMonth(workbook, closing);
  const ledger = path.join(folder, 'ledger.xlsx');
  await workbook.writeTo(ledger);
  const run = gongfang(['archive', ledger, '--year', '2026', '--out', archive, '--today', today], {
    cwd: folder,
    lang: 'zh',
    // No code cache in the system's temporary folder: the test leaves nothing behind.
    env: { GONGFANG_CODE_CACHE: 'off' },
  });
  if (run.code !== 0) throw new Error(`gongfang archive failed: ${run.stderr}`);
}

const noSpace = (text: string): string => text.replace(/\s+/g, '');
/** A printed line of the list: IDs only. */
const isIdLine = (line: string): boolean => /^(R\d{3} )*R\d{3}$/.test(line);

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('printed pages of a big month: 160 residents', () => {
  let folder: string;
  const printed: Partial<Record<Lang, { pages: PdfPage[]; tabs: GeneratedTab[] }>> = {};
  let archivePages: PdfPage[] = [];

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-scale-');
    const langs = ['zh-CN', 'en'] as const;
    const files = langs.map((lang) => path.join(folder, `month-${lang}.xlsx`));
    const tabs = await Promise.all(langs.map((lang, i) => bigMonth(lang, files[i] as string)));
    const archive = path.join(folder, 'archive.xlsx');
    await archivedYear(folder, archive);
    const pdfs = renderToPdf([...files, archive], folder);
    langs.forEach((lang, i) => {
      printed[lang] = { pages: readPdf(pdfs[i] as string), tabs: tabs[i] as GeneratedTab[] };
    });
    archivePages = readPdf(pdfs[2] as string);
  }, 120_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test.each(['zh-CN', 'en'] as const)(
    '%s: the list of residents paid over the threshold has its title on every page it runs on',
    (lang) => {
      const { pages, tabs } = printed[lang] as { pages: PdfPage[]; tabs: GeneratedTab[] };
      const summary = tabs[0] as GeneratedTab;
      const title = noSpace(t(lang, 'genSectionAboveThreshold', { threshold: '¥800.00' }));
      const listed = pages
        .filter((page) => page.raw.includes(summary.name.split(' ')[0] as string))
        .map((page) => linesOf(page.words).map((line) => line.map((w) => w.text).join(' ')))
        .filter((lines) => lines.some(isIdLine));
      // A big month: the list runs over at least two pages, every resident on it once.
      expect(listed.length).toBeGreaterThan(1);
      const ids = listed.flatMap((lines) => lines.filter(isIdLine).flatMap((l) => l.split(' ')));
      expect(new Set(ids).size).toBe(RESIDENTS);
      expect(ids).toHaveLength(RESIDENTS);
      for (const lines of listed) {
        const first = lines.findIndex(isIdLine);
        expect(noSpace(lines.slice(0, first).join(''))).toContain(title);
      }
    },
  );

  test('en: a partner statement of a big month prints each craft whole, not broken mid-word', () => {
    const { pages } = printed.en as { pages: PdfPage[] };
    const statement = pages.filter((page) => page.raw.includes('Statement 2026-11'));
    expect(statement.length).toBeGreaterThan(0);
    const words = statement.flatMap((page) => page.words.map((w) => w.text));
    // Its two orders' lines, a craft each, and the total billed (a column of 100 px).
    expect(words.filter((word) => word === 'embroidery')).toHaveLength(2);
    expect(words).toContain('¥192,000.00');
    expect(words.filter((word) => /^(embroid|ery|ry|y)$/.test(word))).toEqual([]);
  });

  test('an archived year: its 居民 and 订单 print a long name and product whole, wrapped', () => {
    for (const [tab, text] of [
      ['居民', LONG_NAME],
      ['订单', LONG_PRODUCT],
    ] as const) {
      const pages = archivePages.filter((page) => footerTab(page) === tab);
      expect(pages).toHaveLength(1);
      // Cut at the column beside (the phone, the craft): "“福”字剪纸装饰画（大号，带红色卡纸".
      expect(noSpace((pages[0] as PdfPage).raw)).toContain(noSpace(text));
      expect(overlaps(pages[0] as PdfPage)).toEqual([]);
    }
  });

  test('an archived year: its 订单 prints pay rates and partner prices as the ledger does', () => {
    const [page] = archivePages.filter((page) => footerTab(page) === '订单') as [PdfPage];
    const words = page.words.map((w) => w.text);
    // Two orders at ¥1.50 a piece, ¥2.00 to the partner (they printed 1.5 and 2).
    expect(words.filter((word) => word === '1.50')).toHaveLength(2);
    expect(words.filter((word) => word === '2.00')).toHaveLength(2);
    expect(words).not.toContain('1.5');
  });

  test('an archived year: its 结账 / Closings prints the ledger’s columns at its size, totals as money', () => {
    const closings = archivePages.filter((page) => footerTab(page) === '结账');
    expect(closings).toHaveLength(1);
    const [page] = closings as [PdfPage];
    const text = page.raw;
    // Month, closed at and by, residents, totals, and the reopening's when, who and why.
    for (const word of ['2026-12', '2027-01-05 16:00', '李老师', '王主任', REASON]) {
      expect(text).toContain(word);
    }
    // The totals as money, as the ledger shows them (they printed 105 and 0): ¥105.00 net pay
    // and paid at the first closing, ¥105.00 and ¥0.00 at the second.
    expect(text.split('¥105.00').length - 1).toBe(3);
    expect(text).toContain('¥0.00');
    // Not the fingerprint (64 hex digits) nor the detail (v3;n=2;…): screen only.
    expect(text).not.toMatch(/[0-9a-f]{20}|v3;n=/);
    // Word boxes of 11 pt text are about 14 pt tall; the ledger's own Closings, nine columns of
    // 1,040 px fitted to the page's 988, prints them 12.7. With the fingerprint and detail they
    // were 7.5: half size.
    const heights = page.words.map((w) => w.yMax - w.yMin).sort((a, b) => a - b);
    expect(heights[heights.length >> 1]).toBeGreaterThan(12);
  });
});
