/**
 * 结账 / Closings and 年度 / Year printed as an auditor gets them from an .xlsx (beside
 * printedEdges.test.ts): LibreOffice headless prints them, pdftotext reads them back, in Chinese
 * and in English. A month closed by a system user name (zhangxiaoming2019), reopened with a
 * reason by another, closed again; then the year's tabs.
 *
 * - A reopening prints who reopened it, when and why (they were in J–L, outside the printed
 *   A–F: the row printed as a bare month, a reopening not told from a blank).
 * - A long "closed by" prints whole (it was cut at its 90 px column).
 * - The Year's second page across (July–December) carries the title block's values beside
 *   their labels (the values were in C, printed on the first page only).
 * - A year whose only draft is November, 40 residents: the drafts' table prints on the first
 *   page across, November's figures beside the names (each under its month's column, the
 *   drafts' own pages of January–June printed bare IDs and names: a sheet wasted a page).
 *
 * - A 结账 tab laid out by an earlier version (its reopenings in J–L, behind the fingerprint,
 *   Detail and account; printed A–F portrait) prints them too once `gongfang close` or
 *   `reopen` writes it: landscape, the columns between hidden, the fingerprint not printed.
 *
 * One LibreOffice run for all the files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import type { SampleTab } from '../../src/cli/demo/sample';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { closeMonth } from '../../src/features/closeMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import { generateYear } from '../../src/features/generateYear';
import type { Lang } from '../../src/i18n';
import { gongfang, tempFolder } from './helpers';
import { orderId, smallWorkshop } from '../support/printedSample';
import {
  footerTab,
  overlaps,
  printToolsMissing,
  readPdf,
  renderToPdf,
} from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const MONTH = '2026-10';
const TODAY = '2026-12-08';
const NOW = new Date('2026-12-08T02:00:00Z');

const ORGANIZATION: Record<Lang, string> = {
  'zh-CN': '杭州市上城区湖滨街道东坡路社区居民委员会手工坊',
  en: 'Dongpo Road Community Workshop',
};
/** System user names, as `gongfang` takes them from the computer's login. */
const CLOSED_BY = 'zhangxiaoming2019';
const REOPENED_BY = 'wangxiuying1988';
const REASON: Record<Lang, string> = {
  'zh-CN': '补登漏记的计件，王老师十月份的记录本后来才交上来',
  en: 'late entries from the October notebook',
};

/** Two residents, one order, a few pieces each in October. */
function month(lang: Lang): SampleTab[] {
  return smallWorkshop(lang, {
    organization: ORGANIZATION[lang],
    residents: [
      ['R001', '王秀英'],
      ['R002', '李桂兰'],
    ],
    partner: '义乌晶彩饰品有限公司',
    products: [lang === 'en' ? 'Sachet' : '香囊'],
    received: '2026-09-01',
    handIns: [
      [`${MONTH}-05`, 'R001', orderId(0), 40, 'b0'],
      [`${MONTH}-05`, 'R002', orderId(0), 40, 'b1'],
      // November, not closed: a draft of ¥45.00 on the Year.
      ['2026-11-05', 'R001', orderId(0), 30, 'n1'],
    ],
  });
}

async function ledger(lang: Lang, folder: string): Promise<string> {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, month(lang), lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const close = (closedBy: string) =>
    closeMonth(workbook, { month: MONTH, now: NOW, today: TODAY, closedBy, force: true });
  close(CLOSED_BY);
  reopenMonth(workbook, {
    month: MONTH,
    now: NOW,
    today: TODAY,
    reopenedBy: REOPENED_BY,
    reason: REASON[lang],
  });
  close('李主任');
  generateYear(workbook, { year: 2026, now: NOW, today: TODAY });
  const file = path.join(folder, `closings-${lang}.xlsx`);
  await workbook.writeTo(file);
  return file;
}

const DRAFTED = 40;

/** DRAFTED residents paid in March (closed: ¥60.00 each) and in November (a draft, ¥45.00). */
async function draftedYear(lang: Lang, folder: string): Promise<string> {
  const ids = Array.from({ length: DRAFTED }, (_, i) => `R${String(i + 1).padStart(3, '0')}`);
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  const tabs = smallWorkshop(lang, {
    organization: ORGANIZATION[lang],
    residents: ids.map((id, i) => [id, `${lang === 'en' ? 'Li' : '李'}${i}`]),
    partner: '义乌晶彩饰品有限公司',
    products: [lang === 'en' ? 'Sachet' : '香囊'],
    received: '2026-01-01',
    handIns: ids.flatMap((id, i) => [
      ['2026-03-05', id, orderId(0), 40, `o${i}`] as const,
      ['2026-11-05', id, orderId(0), 30, `n${i}`] as const,
    ]),
  });
  writeSample(workbook, tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  closeMonth(workbook, { month: '2026-03', now: NOW, today: TODAY, closedBy: '李主任' });
  generateYear(workbook, { year: 2026, now: NOW, today: TODAY });
  const file = path.join(folder, `drafted-${lang}.xlsx`);
  await workbook.writeTo(file);
  return file;
}

/** The layout of 结账 before a reopening's columns sat beside 本次发放 (round twelve). */
const OLDER_CLOSINGS = [
  '月份',
  '结账时间',
  '结账人',
  '人数',
  '实发合计',
  '本次发放',
  '指纹',
  '明细',
  '结账账号',
  '撤销时间',
  '撤销人',
  '撤销原因',
];

/** The month closed, reopened and closed again by the built command, on a ledger whose 结账
 *  an earlier version made (printed A–F, portrait). */
async function olderLedger(folder: string): Promise<string> {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'zh-CN' });
  writeSample(workbook, month('zh-CN'), 'zh-CN', 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const file = path.join(folder, 'older.xlsx');
  await workbook.writeTo(file);
  const made = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('结账')
ws.append(json.loads(sys.argv[2]))
ws.print_area = 'A1:F1000'
ws.page_setup.orientation = 'portrait'
wb.save(sys.argv[1])
`,
      file,
      JSON.stringify(OLDER_CLOSINGS),
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openpyxl: ${made.stderr}`);
  const run = (...args: string[]) => {
    const result = gongfang([...args, '--today', TODAY], { cwd: folder, lang: 'zh' });
    if (result.code !== 0) throw new Error(`gongfang ${args.join(' ')}: ${result.stderr}`);
  };
  run('close', file, '--month', MONTH, '--by', CLOSED_BY, '--force');
  run('reopen', file, '--month', MONTH, '--by', REOPENED_BY, '--reason', REASON['zh-CN']);
  run('close', file, '--month', MONTH, '--by', '李主任', '--force');
  return file;
}

const noSpace = (text: string): string => text.replace(/\s+/g, '');

const flat = (pages: readonly PdfPage[]): string =>
  pages
    .map((page) => page.raw)
    .join('')
    .replace(/\s+/g, '');

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted(
  '结账 / Closings and 年度 / Year printed: a reopening, long names, pages across',
  () => {
    let folder: string;
    const printed = new Map<Lang, PdfPage[]>();
    let older: PdfPage[] = [];
    const drafted = new Map<Lang, PdfPage[]>();

    beforeAll(async () => {
      folder = tempFolder('gongfang-print-closings-');
      const files = [
        await ledger('zh-CN', folder),
        await ledger('en', folder),
        await olderLedger(folder),
        await draftedYear('zh-CN', folder),
        await draftedYear('en', folder),
      ];
      const pdfs = renderToPdf(files, folder);
      printed.set('zh-CN', readPdf(pdfs[0] as string));
      printed.set('en', readPdf(pdfs[1] as string));
      older = readPdf(pdfs[2] as string);
      drafted.set('zh-CN', readPdf(pdfs[3] as string));
      drafted.set('en', readPdf(pdfs[4] as string));
    }, 170_000);

    afterAll(() => {
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    });

    /** The page under the Closings header (month, closed at, closed by…). */
    const closingsPages = (lang: Lang): PdfPage[] =>
      (printed.get(lang) ?? []).filter((page) =>
        flat([page]).includes(lang === 'zh-CN' ? '月份结账时间结账人' : 'MonthClosedatClosedby'),
      );

    test.each(['zh-CN', 'en'] as const)(
      '%s: a reopening prints who reopened the month, when and why',
      (lang) => {
        const pages = closingsPages(lang);
        expect(pages).toHaveLength(1);
        const text = flat(pages);
        expect(text).toContain(lang === 'zh-CN' ? '撤销原因' : 'Reopenreason');
        expect(text).toContain(REOPENED_BY);
        expect(text).toContain(REASON[lang].replace(/\s+/g, ''));
        // Three rows of the month: closed, reopened, closed again.
        expect(text.split(MONTH).length - 1).toBe(3);
      },
    );

    test('an older 结账, written by close and reopen, prints its reopening too, landscape', () => {
      const pages = older.filter((page) => flat([page]).includes('月份结账时间结账人'));
      expect(pages).toHaveLength(1);
      const page = pages[0] as PdfPage;
      expect(page.width).toBeGreaterThan(page.height);
      const text = flat(pages);
      expect(text).toContain('撤销时间撤销人撤销原因');
      expect(text).toContain(REOPENED_BY);
      expect(text).toContain(REASON['zh-CN']);
      expect(text).toContain(CLOSED_BY);
      // The machine columns between stay off the paper.
      expect(text).not.toContain('指纹');
      expect(text).not.toContain('明细');
      expect(text.split(MONTH).length - 1).toBe(3);
      expect(overlaps(page)).toEqual([]);
    });

    test.each(['zh-CN', 'en'] as const)('%s: a long “closed by” prints whole', (lang) => {
      expect(flat(closingsPages(lang))).toContain(CLOSED_BY);
    });

    test.each(['zh-CN', 'en'] as const)('%s: no text over text on any page', (lang) => {
      const pages = printed.get(lang) ?? [];
      expect(pages.flatMap((page, i) => overlaps(page).map((o) => `page ${i + 1}: ${o}`))).toEqual(
        [],
      );
    });

    test.each(['zh-CN', 'en'] as const)(
      '%s: both of the Year’s pages across carry the title block’s values',
      (lang) => {
        const title = lang === 'zh-CN' ? '年度收入汇总2026' : 'Netpay2026';
        const year = (printed.get(lang) ?? []).filter((page) =>
          page.raw.replace(/\s+/g, '').includes(title),
        );
        // January–June, then July–December.
        expect(year).toHaveLength(2);
        const status = lang === 'zh-CN' ? '状态：1个月已结账' : 'Status:1monthclosed';
        for (const page of year) {
          const text = flat([page]);
          expect(text).toContain(ORGANIZATION[lang].replace(/\s+/g, ''));
          expect(text).toContain(status);
        }
      },
    );

    test.each(['zh-CN', 'en'] as const)(
      '%s: November’s draft prints under a November label, beside the names',
      (lang) => {
        const title = lang === 'zh-CN' ? '年度收入汇总2026' : 'Netpay2026';
        const [first, second] = (printed.get(lang) ?? []).filter((page) =>
          page.raw.replace(/\s+/g, '').includes(title),
        );
        const draft = (page: PdfPage | undefined) =>
          (page?.words ?? []).filter((w) => /^(¥)?45\.00$/.test(w.text)).map((w) => w.text);
        // The month's figure and the drafts' total, on the first page across, with the names.
        expect(draft(first)).toEqual(['45.00', '¥45.00']);
        expect(draft(second)).toEqual([]);
        const words = first?.words ?? [];
        const figure = words.find((w) => w.text === '45.00');
        const november = words.filter((w) => w.text === (lang === 'zh-CN' ? '11月' : 'Nov'));
        // Under a November label: its box and the figure's overlap across.
        expect(november.some((w) => figure && w.xMin < figure.xMax && figure.xMin < w.xMax)).toBe(
          true,
        );
      },
    );

    test.each(['zh-CN', 'en'] as const)(
      '%s: 40 residents’ drafts of November print with their names, no page of bare names',
      (lang) => {
        const year = lang === 'zh-CN' ? '年度 2026' : 'Year 2026';
        const pages = (drafted.get(lang) ?? []).filter((page) => footerTab(page) === year);
        const money = (page: PdfPage) => page.words.filter((w) => /^¥?[\d,]+\.\d\d$/.test(w.text));
        // Every printed page shows figures (a page of drafts across January–June showed only
        // IDs and names).
        expect(pages.filter((page) => money(page).length === 0).map((p) => noSpace(p.raw))).toEqual(
          [],
        );
        // Each resident's draft and draft total, once: 45.00 and ¥45.00.
        const drafts = pages.flatMap(money).filter((w) => /^¥?45\.00$/.test(w.text));
        expect(drafts).toHaveLength(2 * DRAFTED);
        // March's two pages down and two across, and the drafts' two: six sheets, where eight
        // printed.
        expect(pages).toHaveLength(6);
      },
    );
  },
);
