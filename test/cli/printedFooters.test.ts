/**
 * Printed footers under a workshop's very long name, as LibreOffice prints the .xlsx and
 * pdftotext reads it back: a committee's full name with its branch, 41 Chinese characters, and
 * an English organisation's of about 100 letters. Every tab that carries the name in its footer
 * — the month's (payout, payslips, summary), the partner's report, the year's (Year, Statements,
 * Impact) — portrait and landscape, in both languages: the tab's name and page number print
 * whole, over nothing (the name printed over them on portrait pages, and on landscape ones in
 * English).
 *
 * One LibreOffice run for all the files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import type { SampleTab } from '../../src/cli/demo/sample';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { closeMonth } from '../../src/features/closeMonth';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { generateYear } from '../../src/features/generateYear';
import type { Lang } from '../../src/i18n';
import { t } from '../../src/i18n';
import type { GeneratedTab } from '../../src/workbook/port';
import { tempFolder } from './helpers';
import { orderId, smallWorkshop } from '../support/printedSample';
import { overlaps, printToolsMissing, readPdf, renderToPdf } from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const NOW = new Date('2026-11-02T08:00:00Z');
const TODAY = '2026-11-02';

/** A committee's full name with its branch, and an English organisation's. */
const LONG_NAMES: Record<Lang, string> = {
  'zh-CN': '浙江省杭州市西湖区西溪街道某某社区居民委员会困难群众就业帮扶公益手工坊（第二分坊）',
  en: 'Xihu District Neighbourhood Committee Employment Support and Traditional Handicrafts Workshop, Branch 2',
};

/** Two residents, one order, one hand-in each in October, the workshop named `name`. */
function month(lang: Lang, name: string): SampleTab[] {
  return smallWorkshop(lang, {
    organization: name,
    residents: [
      ['R001', 'Wang'],
      ['R002', 'Li'],
    ],
    partner: 'Jingcai',
    products: [lang === 'en' ? 'Sachet' : '香囊'],
    handIns: [
      ['2026-10-05', 'R001', orderId(0), 40, 'p0'],
      ['2026-10-05', 'R002', orderId(0), 40, 'p1'],
    ],
  });
}

/** October closed and the year generated: the month's tabs, the partner's, the year's. */
async function printedBook(lang: Lang, file: string): Promise<GeneratedTab[]> {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, month(lang, LONG_NAMES[lang]), lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const made = jest.spyOn(workbook, 'replaceGeneratedTab');
  closeMonth(workbook, { month: '2026-10', now: NOW, today: TODAY, closedBy: 'Li', force: true });
  generateYear(workbook, { year: 2026, now: NOW, today: TODAY });
  const tabs = made.mock.calls.map(([tab]) => tab);
  const [report] = loadPartnerReports(workbook, {
    month: '2026-10',
    now: NOW,
    today: TODAY,
  }).reports;
  if (report === undefined) throw new Error('no partner report');
  for (const tab of report.tabs) workbook.replaceGeneratedTab(tab);
  await workbook.writeTo(file);
  return [...tabs, ...report.tabs].filter((tab) => tab.print?.footer !== undefined);
}

/** The words at the foot of a page (the footer's band). */
const foot = (page: PdfPage) => page.words.filter((w) => w.yMin > page.height - 50);

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('printed footers under a very long workshop name', () => {
  let folder: string;
  const printed: Partial<Record<Lang, { pages: PdfPage[]; tabs: GeneratedTab[] }>> = {};

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-footers-');
    const langs = ['zh-CN', 'en'] as const;
    const files = langs.map((lang) => path.join(folder, `${lang}.xlsx`));
    const tabs = await Promise.all(langs.map((lang, i) => printedBook(lang, files[i] as string)));
    const pdfs = renderToPdf(files, folder);
    langs.forEach((lang, i) => {
      printed[lang] = { pages: readPdf(pdfs[i] as string), tabs: tabs[i] ?? [] };
    });
  }, 170_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test.each(['zh-CN', 'en'] as const)(
    '%s: every footed page prints its tab’s name and page number whole, over nothing',
    (lang) => {
      const { pages, tabs } = printed[lang] ?? { pages: [], tabs: [] };
      const squeezed = (text: string) => text.replace(/\s+/g, '');
      const numbered = new RegExp(squeezed(t(lang, 'printPage')).replace('{page}', '\\d+'));
      const footed = new Map<string, PdfPage[]>();
      const wrong: string[] = [];
      for (const page of pages) {
        const words = foot(page);
        const line = squeezed(words.map((w) => w.text).join(''));
        const tab = tabs.find((each) => line.includes(squeezed(each.name)));
        if (tab === undefined) continue;
        footed.set(tab.name, [...(footed.get(tab.name) ?? []), page]);
        wrong.push(...overlaps({ ...page, words }).map((o) => `${tab.name}: ${o}`));
        // The workshop's name first (cut where it must be), then the tab's name and page number.
        const [before = '', after = ''] = line.split(squeezed(tab.name));
        const name = squeezed(LONG_NAMES[lang]);
        const named =
          before === name || (before.endsWith('…') && name.startsWith(before.slice(0, -1)));
        if (!named) wrong.push(`${tab.name}: the workshop printed as "${before}"`);
        if (!new RegExp(`^·${numbered.source}$`).test(after)) {
          wrong.push(`${tab.name}: the page printed as "${after}"`);
        }
      }
      expect(wrong).toEqual([]);
      // Every footed tab printed, portrait and landscape pages among them.
      expect([...footed.keys()].sort()).toEqual(tabs.map((tab) => tab.name).sort());
      const all = [...footed.values()].flat();
      expect(all.some((page) => page.width < page.height)).toBe(true);
      expect(all.some((page) => page.width > page.height)).toBe(true);
    },
  );
});
