/**
 * Printed pages at the edges, as LibreOffice prints the .xlsx (beside printedPages.test.ts,
 * which prints the demo): a workshop under its full official name, 23 characters, in a big
 * month — five-figure net pay — closed, with its partner's report. Read back with pdftotext,
 * as a reader sees them:
 *
 * - 结账 / Closings prints the time of closing and the totals whole (at the .xlsx's default
 *   column width they printed cut and as ###), footed with its name and page number (it had none);
 * - no page's footer prints the workshop's name over the tab's name (it ran into the centred
 *   name on portrait pages), the partner's report's pages among them;
 * - a payslip of 60 orders, taller than a page, goes on under the resident's ID and name and
 *   the column labels (its second page began with bare lines);
 * - a partner's statement with no pieces this month says so within its first column (it ran on
 *   under the empty cells, struck through by the box's lines);
 * - a partner billed ¥1,200,000.00, in English, reads its amounts whole (they printed ###).
 *
 * And the Year of a workshop of 50 residents paid ¥2,000–2,500 every month of a closed year
 * (months' totals of six figures, the year's of seven), in English: each resident's row one
 * line high with the months over the threshold as a range (listed one by one they took nine
 * lines, two residents a page: 50 pages), and the year's totals whole (they printed ###); the
 * Impact's chart of the quarters, close to each other, with its bars from zero.
 *
 * And names typed with a line break (Alt+Enter, or pasted from a letterhead) — the workshop's,
 * a resident's, a partner's — in both languages: each prints on one line, over nothing (the
 * workshop's name printed over the title, the resident's over the strip's head); and a name
 * pasted from WeChat and a product with emoji, and products named with Chinese quotes, dashes and
 * ellipses (“福”字——大号……), whose rows are tall enough for their lines (emoji and that
 * punctuation, counted half as wide as they print, wrapped onto more lines than the row held).
 *
 * One LibreOffice run for all the files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import type { SampleCell, SampleTab } from '../../src/cli/demo/sample';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { closeMonth } from '../../src/features/closeMonth';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { generateYear } from '../../src/features/generateYear';
import { generateMonth } from '../../src/features/generateMonth';
import type { Lang } from '../../src/i18n';
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
import { orderId, smallWorkshop } from '../support/printedSample';
import type { SampleHandIn } from '../support/printedSample';
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
/** 16:00 in Shanghai, as Closings shows it. */
const NOW = new Date('2026-12-02T08:00:00Z');
/** A committee's full name, as many put it on their papers. */
const ORGANIZATION = '杭州市上城区湖滨街道东坡路社区居民委员会手工坊';

const zh = (term: { zh: string; en: string }): string => labelOf(term, 'zh-CN');
const day = (d: number): SampleCell => ({ date: `${MONTH}-${String(d).padStart(2, '0')}` });

/**
 * Three residents, 15,000 pieces each at ¥1.50: ¥22,500.00 each; a fourth did one piece of each
 * of 60 small orders, ¥1.50 each (¥90.00), her payslip taller than a page. ¥67,590.00 in all.
 */
function bigMonth(): SampleTab[] {
  const names = ['王秀英', '李桂兰', '张美华', '赵桂芳'];
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
  const pieces = names
    .slice(0, 3)
    .flatMap((_, i) =>
      [3, 10, 17].map((d, k) => [day(d), `R00${i + 1}`, 'O001', 5000, 0, '李老师', '', `${i}${k}`]),
    );
  const small = Array.from({ length: 60 }, (_, k) => `O${101 + k}`);
  for (const id of small) pieces.push([day(20), 'R004', id, 1, 0, '李老师', '', `4-${id}`]);
  const order = (id: string, product: string, quantity: number): SampleCell[] => [
    id,
    'P01',
    product,
    zh(CRAFTS[1]),
    1.5,
    25,
    quantity,
    { date: '2026-10-01' },
    { date: '2026-12-31' },
    zh(ORDER_STATUSES[0]),
    '',
  ];
  return [
    { spec: RESIDENTS, rows: residents },
    {
      spec: PARTNERS,
      // Its report in English: crafts as words, "embroidery" the longest.
      rows: [
        ['P01', '义乌晶彩饰品有限公司', '钱经理', '', zh(ACTIVE_VALUES[0]), '', 'en'],
        // Nothing handed in for it this month, its report in English too.
        ['P02', '宁波喜庆用品有限公司', '邵经理', '', zh(ACTIVE_VALUES[0]), '', 'en'],
      ],
    },
    {
      spec: ORDERS,
      rows: [order('O001', '刺绣香囊', 200000), ...small.map((id) => order(id, `小件${id}`, 10))],
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

/** 50 residents, one hand-in a month each, twelve months: ¥2,000.00–¥2,499.00 a month. */
function paidYear(): SampleTab[] {
  const en = (term: { zh: string; en: string }): string => labelOf(term, 'en');
  const ids = Array.from({ length: 50 }, (_, i) => `R${String(i + 1).padStart(3, '0')}`);
  const pieces = ids.flatMap((id, i) =>
    Array.from({ length: 12 }, (_, m) => [
      { date: `2026-${String(m + 1).padStart(2, '0')}-10` },
      id,
      'O001',
      2000 + ((i * 37 + m * 11) % 500),
      0,
      'Li',
      '',
      `${i}-${m}`,
    ]),
  );
  return [
    {
      spec: RESIDENTS,
      rows: ids.map((id, i) => [
        id,
        `Resident ${i + 1}`,
        '',
        en(CATEGORIES[0]),
        '',
        { date: '2025-03-01' },
        en(ACTIVE_VALUES[0]),
        '',
      ]),
    },
    { spec: PARTNERS, rows: [['P01', 'Jingcai', '', '', '', '', '']] },
    {
      spec: ORDERS,
      rows: [
        [
          'O001',
          'P01',
          'Hair clips',
          en(CRAFTS[2]),
          1,
          '',
          2_000_000,
          { date: '2026-01-01' },
          { date: '2026-12-31' },
          en(ORDER_STATUSES[0]),
          '',
        ],
      ],
    },
    { spec: PIECES, rows: pieces },
    { spec: ADJUSTMENTS, rows: [] },
    { spec: SETTINGS, rows: [[en(SETTING_KEYS[0]), 'Xingfuli']] },
  ];
}

/** The Year, Statements and Impact of paidYear(), twelve months closed. */
function yearTabs(): GeneratedTab[] {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
  writeSample(workbook, paidYear(), 'en', 'Asia/Shanghai');
  setUpWorkbook(workbook);
  for (let m = 1; m <= 12; m += 1) {
    const month = `2026-${String(m).padStart(2, '0')}`;
    closeMonth(workbook, { month, now: NOW, today: '2027-01-05', closedBy: 'Li', force: true });
  }
  const spy = jest.spyOn(workbook, 'replaceGeneratedTab');
  generateYear(workbook, { year: 2026, now: NOW, today: '2027-01-05' });
  return spy.mock.calls.map(([tab]) => tab);
}

/** Names and products as staff typed or pasted them. */
interface Typed {
  readonly organization: string;
  readonly resident: string;
  readonly partner: string;
  /** An order each. */
  readonly products: readonly string[];
}

/** Names typed with a line break (each prints on one line, the break a space). */
const BROKEN = {
  'zh-CN': {
    organization: ['东坡路社区', '手工坊'],
    resident: ['李桂兰', '（小李）'],
    partner: ['义乌晶彩饰品', '有限公司'],
  },
  en: {
    organization: ['Dongpo Road', 'Community Workshop'],
    resident: ['Li Guilan', '(Xiao Li)'],
    partner: ['Yiwu Jingcai', 'Jewellery Co.'],
  },
} as const;

const typedBroken = (lang: Lang): Typed => ({
  organization: BROKEN[lang].organization.join('\n'),
  resident: BROKEN[lang].resident.join('\n'),
  partner: BROKEN[lang].partner.join('\n'),
  products: [lang === 'en' ? 'Sachet' : '香囊'],
});

/** A resident's name pasted from WeChat and a product as a live stream sells it: emoji. */
const PASTED: Record<Lang, Typed> = {
  'zh-CN': {
    organization: '东坡路社区手工坊',
    resident: '🌸🌸小芳🌸🌸🌸🌸',
    partner: '义乌晶彩饰品有限公司',
    products: ['🎀🎀🎀🎀🎀🎀网红蝴蝶结发夹🎀🎀🎀🎀🎀🎀'],
  },
  en: {
    organization: 'Dongpo Road Community Workshop',
    resident: '🌸🌸 Xiao Fang 🌸🌸🌸🌸',
    partner: 'Yiwu Jingcai Jewellery Co.',
    products: ['🎀🎀🎀🎀🎀🎀 Bow hair clip 🎀🎀🎀🎀🎀🎀'],
  },
};

/** Products as a paper-cutting workshop names them: quotes, dashes, ellipses, ①, ★, ※. */
const QUOTED_PRODUCTS: Record<Lang, readonly string[]> = {
  'zh-CN': [
    '“福”字窗花剪纸（大号，红色）——春节礼品',
    '手工串珠手链……（定制款）',
    '刺绣香囊 10×12cm（端午节“平安”款）',
    '中国结挂件①号（大）、②号（小）',
    '【爆款】“喜”字贴——婚庆用 50×50cm',
    '“百年好合”十字绣——客厅挂画',
    '手工皂（“薰衣草”味）——礼盒装×6',
    '粘钻发夹——“星空”系列★限量',
    '“福”“禄”“寿”三星剪纸——套装',
    '毛线编织杯套（“熊猫”图案）……冬季款',
    '端午香囊——“五毒”纹样（含艾草）',
    '剪纸书签（“十二生肖”→每套12枚）',
    '上色脸谱——京剧“花旦”“老生”',
    '手绘团扇——“梅兰竹菊”四君子',
    '“中国风”刺绣胸针※出口款',
    '组装灯笼——“元宵”宫灯款（小号）',
  ],
  en: [
    '“Fu” window paper-cut (large, red) — Spring Festival gift',
    'Beaded bracelet… (made to order)',
    'Embroidered sachet 10×12 cm (Dragon Boat “Peace”)',
    'Chinese knot pendant ① large, ② small',
    '“Double happiness” sticker — weddings, 50×50 cm',
    'Rhinestone hair clip — “Starry sky” ★ limited',
    'Lantern kit — “Lantern Festival” palace style (small)',
    'Hand-painted fan — “Plum, orchid, bamboo, chrysanthemum”',
  ],
};

const typedQuoted = (lang: Lang): Typed => ({
  ...PASTED[lang],
  resident: lang === 'en' ? 'Zhao Guifang' : '赵桂芳',
  products: QUOTED_PRODUCTS[lang],
});

/** Two residents handing in work for each order, the second one, the workshop, the partner
 *  and the orders' products named as `typed`. */
function smallMonth(lang: Lang, typed: Typed): SampleTab[] {
  return smallWorkshop(lang, {
    organization: typed.organization,
    residents: [
      ['R001', lang === 'en' ? 'Wang Xiuying' : '王秀英'],
      ['R002', typed.resident],
    ],
    partner: typed.partner,
    products: typed.products,
    handIns: typed.products.flatMap((_, k) =>
      ['R001', 'R002'].map((id, i): SampleHandIn => [
        `${MONTH}-05`,
        id,
        orderId(k),
        40,
        `b${k}-${i}`,
      ]),
    ),
  });
}

/** An English partner's statement: 600,000 sachets at ¥2.00 in the month, ¥1,200,000.00. */
async function millionStatement(file: string): Promise<void> {
  const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
  const shop = smallWorkshop('en', {
    organization: 'Dongpo Road Community Workshop',
    residents: [['R001', 'Wang Xiuying']],
    partner: 'Yiwu Jingcai Jewellery Co.',
    products: ['Sachet'],
    handIns: [[`${MONTH}-05`, 'R001', orderId(0), 600_000, 'a']],
  });
  writeSample(book, shop, 'en', 'Asia/Shanghai');
  setUpWorkbook(book);
  const [own] = loadPartnerReports(book, { month: MONTH, now: NOW, today: TODAY }).reports;
  if (own === undefined) throw new Error('no partner report');
  const report = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
  for (const tab of own.tabs) report.replaceGeneratedTab(tab);
  await report.writeTo(file);
}

interface Printed {
  /** Every page of the file, the source tabs' and Closings' among them. */
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
  let yearPrinted: Printed;
  let idlePages: PdfPage[];
  let millionPages: PdfPage[];
  /** Per language, the month's tabs and the partner's report, printed: with names typed over
   *  two lines, with emoji, with Chinese punctuation in the products. */
  const typings = {
    broken: {} as Partial<Record<Lang, Printed>>,
    pasted: {} as Partial<Record<Lang, Printed>>,
    quoted: {} as Partial<Record<Lang, Printed>>,
  };

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
    const [report, idle] = reports.reports;
    if (report === undefined || idle === undefined) throw new Error('no partner reports');
    const partnerFile = path.join(folder, 'partner.xlsx');
    const idleFile = path.join(folder, 'idle.xlsx');
    for (const [each, name] of [
      [report, partnerFile],
      [idle, idleFile],
    ] as const) {
      const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: each.lang });
      for (const tab of each.tabs) book.replaceGeneratedTab(tab);
      await book.writeTo(name);
    }
    const millionFile = path.join(folder, 'million.xlsx');
    await millionStatement(millionFile);
    // The year's tabs alone: twelve months of month tabs would be slow to print.
    const yearBook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
    const year = yearTabs().filter((tab) => ['Year 2026', 'Impact 2026'].includes(tab.name));
    for (const tab of year) yearBook.replaceGeneratedTab(tab);
    const yearFile = path.join(folder, 'year.xlsx');
    await yearBook.writeTo(yearFile);
    // A month generated and its partner's report, in one file, for each language and names.
    const small: { lang: Lang; kind: keyof typeof typings; file: string; tabs: GeneratedTab[] }[] =
      [];
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [kind, typed] of [
        ['broken', typedBroken(lang)],
        ['pasted', PASTED[lang]],
        ['quoted', typedQuoted(lang)],
      ] as const) {
        const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
        writeSample(book, smallMonth(lang, typed), lang, 'Asia/Shanghai');
        setUpWorkbook(book);
        const made = jest.spyOn(book, 'replaceGeneratedTab');
        generateMonth(book, { month: MONTH, now: NOW, today: TODAY });
        const tabs = made.mock.calls.map(([tab]) => tab);
        const [own] = loadPartnerReports(book, { month: MONTH, now: NOW, today: TODAY }).reports;
        if (own === undefined) throw new Error('no partner report');
        for (const tab of own.tabs) book.replaceGeneratedTab(tab);
        const name = path.join(folder, `${kind}-${lang}.xlsx`);
        await book.writeTo(name);
        small.push({ lang, kind, file: name, tabs: [...tabs, ...own.tabs] });
      }
    }
    const [workshopPdf, partnerPdf, yearPdf, idlePdf, millionPdf, ...smallPdfs] = renderToPdf(
      [file, partnerFile, yearFile, idleFile, millionFile, ...small.map((each) => each.file)],
      folder,
    );
    small.forEach(({ lang, kind, tabs }, i) => {
      typings[kind][lang] = { pages: readPdf(smallPdfs[i] as string), tabs };
    });
    workshop = { pages: readPdf(workshopPdf as string), tabs };
    partner = { pages: readPdf(partnerPdf as string), tabs: report.tabs };
    yearPrinted = { pages: readPdf(yearPdf as string), tabs: year };
    idlePages = readPdf(idlePdf as string);
    millionPages = readPdf(millionPdf as string);
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
    expect(text.split('¥67,590.00').length - 1).toBe(2);
  });

  test('结账 / Closings is footed with its tab’s name and its page number', () => {
    const closings = workshop.pages.filter((page) => page.words.some((w) => w.text === '结账时间'));
    const feet = closings.map((page) =>
      page.words
        .filter((w) => w.yMin > page.height - 50)
        .map((w) => w.text)
        .join(' '),
    );
    expect(feet).toEqual(['结账 1']);
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

  test('a payslip taller than a page goes on under its resident and its labels', () => {
    const slips = workshop.pages.filter((page) => page.raw.includes('工资条 2026-11'));
    const hers = slips.filter((page) => page.words.some((w) => /^O1\d\d$/.test(w.text)));
    expect(hers.length).toBeGreaterThan(1);
    for (const page of hers) {
      const lines = linesOf(page.words).map((line) => line.map((w) => w.text).join(' '));
      const labels = lines.findIndex((line) => line.startsWith('订单 产品 合格数'));
      const first = lines.findIndex((line) => /^O1\d\d /.test(line));
      // Her ID and name, then the labels, above her first line on the page.
      expect(labels).toBeGreaterThan(0);
      expect(labels).toBeLessThan(first);
      expect(lines[labels - 1]).toBe('R004 赵桂芳');
    }
  });

  test('a partner billed over ¥1,000,000 reads its amounts whole, in English too', () => {
    // With column A kept at 160 px, the English labels left the amounts 80 px: ###.
    const statement = millionPages.filter((page) => page.raw.includes('Period'));
    expect(statement).toHaveLength(1);
    expect(hashes(statement)).toEqual([]);
    const text = statement.map((page) => page.raw).join('\n');
    expect(text).toContain('¥2.00 ¥1,200,000.00');
    expect(text).toContain('Total 600,000 ¥1,200,000.00');
  });

  test('a statement with no pieces this month says so within its first column', () => {
    const statement = idlePages.find((page) => page.raw.includes('Period'));
    const words = statement?.words ?? [];
    const craft = words.find((w) => w.text === 'Craft');
    const said = words.filter((w) => ['No', 'pieces', 'month.'].includes(w.text));
    expect(said).toHaveLength(3);
    // Left of the Craft column's edge: not run on under the cells the box's lines cross.
    for (const word of said) expect(word.xMax).toBeLessThan(craft?.xMin ?? 0);
  });

  test('the Year: a resident a line, the months over the threshold as a range, totals whole', () => {
    const pages = yearPrinted.pages.filter((page) => page.raw.includes('Year 2026'));
    expect(hashes(pages)).toEqual([]);
    const text = pages.map((page) => page.raw).join('\n');
    // Year totals: ¥24,000.00 and more each, ¥1,3xx,xxx.00 in all.
    expect(text).toMatch(/¥1,\d{3},\d{3}\.00/);
    expect(text.split('Jan–Dec').length - 1).toBe(50);
    // Twelve residents a full page (two before), each page twice across: ten pages, not fifty.
    const ids = pages.map((page) => page.words.filter((w) => /^R\d{3}$/.test(w.text)).length);
    expect(ids.filter((n) => n >= 12).length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(12);
  });

  test('the Impact’s chart of the quarters starts its bars at zero', () => {
    const chart = yearPrinted.pages.find((page) => page.raw.includes('Net pay by quarter, 2026'));
    // The value axis's labels, a line each (the table's lines hold several figures): the
    // quarters differ by under 1 %, and an axis left to the reader started near the smallest.
    const axis = (chart?.raw ?? '').split('\n').filter((line) => /^\d+$/.test(line.trim()));
    expect(axis.length).toBeGreaterThan(2);
    expect(axis).toContain('0');
  });

  /** The pages of the month's tabs and the partner's, each footed (the source tabs, staff's,
   *  print bare), and the words printed over others on them. */
  const overprinted = (printed: Printed, lang: Lang) => {
    const footed = printed.pages.filter((page) =>
      printed.tabs.some((tab) => footerTab(page) === tab.name),
    );
    expect(footed.length).toBeGreaterThanOrEqual(printed.tabs.length);
    const over = footed.flatMap((page, i) =>
      overlaps(page).map((o) => `${lang} page ${i + 1}: ${o}`),
    );
    const lines = footed.flatMap((page) =>
      linesOf(page.words).map((line) => line.map((w) => w.text).join('')),
    );
    return { over, lines, text: footed.map((page) => page.raw.replace(/\s+/g, '')).join('') };
  };

  test('names typed over two lines print on one, over nothing: the workshop’s, a resident’s, a partner’s', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { over, lines } = overprinted(typings.broken[lang] as Printed, lang);
      expect(over).toEqual([]);
      for (const name of Object.values(BROKEN[lang])) {
        expect({
          lang,
          name,
          printed: lines.some((line) => line.includes(name.join('').replace(/\s+/g, ''))),
        }).toEqual({ lang, name, printed: true });
      }
    }
  });

  test('a name and a product with emoji wrap onto rows tall enough, over nothing', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { over, text } = overprinted(typings.pasted[lang] as Printed, lang);
      expect(over).toEqual([]);
      for (const typed of [PASTED[lang].resident, ...PASTED[lang].products]) {
        expect({ lang, typed, printed: text.includes(typed.replace(/\s+/g, '')) }).toEqual({
          lang,
          typed,
          printed: true,
        });
      }
    }
  });

  test('products with Chinese quotes, dashes and ellipses wrap onto rows tall enough, over nothing', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { over, text } = overprinted(typings.quoted[lang] as Printed, lang);
      expect(over).toEqual([]);
      for (const product of QUOTED_PRODUCTS[lang]) {
        expect({ lang, product, printed: text.includes(product.replace(/\s+/g, '')) }).toEqual({
          lang,
          product,
          printed: true,
        });
      }
    }
  });
});
