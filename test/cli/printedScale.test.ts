/**
 * Printed pages at a real workshop's scale (beside printedEdges.test.ts, whose big month has a
 * handful of residents): 160 residents, each paid ¥900.00 in November, as LibreOffice prints the
 * .xlsx and pdftotext reads it back. Only the tabs at issue are printed, to keep it quick:
 *
 * - 汇总 / Summary, both languages: the list of residents paid over the monthly threshold runs
 *   over a page, and every page it runs on to starts with its title (the next page began with
 *   bare IDs: nothing said what they were, nor that the list is internal only);
 * - an English partner Statement billing ¥192,000.00 (an amount column of 100 px): every craft
 *   printed as a whole word (its column kept 60 px, and "embroidery" printed "embroide" / "ry").
 *
 * One LibreOffice run for the files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { generateMonth } from '../../src/features/generateMonth';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { type Lang, t } from '../../src/i18n';
import type { GeneratedTab } from '../../src/workbook/port';
import { tempFolder } from './helpers';
import { orderId, smallWorkshop } from '../support/printedSample';
import { linesOf, printToolsMissing, readPdf, renderToPdf } from '../support/printedPdf';
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

const noSpace = (text: string): string => text.replace(/\s+/g, '');
/** A printed line of the list: IDs only. */
const isIdLine = (line: string): boolean => /^(R\d{3} )*R\d{3}$/.test(line);

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('printed pages of a big month: 160 residents', () => {
  let folder: string;
  const printed: Partial<Record<Lang, { pages: PdfPage[]; tabs: GeneratedTab[] }>> = {};

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-scale-');
    const langs = ['zh-CN', 'en'] as const;
    const files = langs.map((lang) => path.join(folder, `month-${lang}.xlsx`));
    const tabs = await Promise.all(langs.map((lang, i) => bigMonth(lang, files[i] as string)));
    const pdfs = renderToPdf(files, folder);
    langs.forEach((lang, i) => {
      printed[lang] = { pages: readPdf(pdfs[i] as string), tabs: tabs[i] as GeneratedTab[] };
    });
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
});
