/**
 * The source tabs as Set up leaves them, printed: a resident's long name on 居民 / Residents
 * and a long product on 订单 / Orders print whole, wrapped within their columns, each row as
 * tall as its lines. Set up sized the columns (110 px, 170 px) but the text ran on and printed
 * cut at the next filled column (the phone, the craft): "阿依古丽·买买提江·艾力" printed
 * nothing of itself beside a phone, "Embroidered silk sachet with ta".
 *
 * LibreOffice headless prints the .xlsx, pdftotext reads it back, in Chinese and in English.
 * Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSample } from '../../src/cli/commands/demo';
import type { SampleTab } from '../../src/cli/demo/sample';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import type { Lang } from '../../src/i18n';
import { tempFolder } from './helpers';
import { smallWorkshop } from '../support/printedSample';
import {
  footerTab,
  overlaps,
  printToolsMissing,
  readPdf,
  renderToPdf,
} from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const NAMES = ['阿依古丽·买买提江·艾力', 'Alexandrina Konstantinopoulou'];
const PRODUCTS = [
  '“福”字剪纸装饰画（大号，带红色卡纸边框，含包装）',
  'Embroidered silk sachet with tassel, large, gift-boxed',
];
const PHONE = '13812345678';

/** The workshop's tabs, every resident with a phone (the column after the name is filled). */
function tabs(lang: Lang): SampleTab[] {
  const sample = smallWorkshop(lang, {
    organization: lang === 'en' ? 'Dongpo Road Community Workshop' : '东坡路社区手工坊',
    residents: [
      ['R001', NAMES[0] ?? ''],
      ['R002', NAMES[1] ?? ''],
      ['R003', '王秀英'],
    ],
    partner: '义乌晶彩饰品有限公司',
    products: PRODUCTS,
    handIns: [],
  });
  return sample.map((tab, i) =>
    i === 0
      ? { ...tab, rows: tab.rows.map((row) => row.map((v, c) => (c === 2 ? PHONE : v))) }
      : tab,
  );
}

async function setUpFile(lang: Lang, folder: string): Promise<string> {
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, tabs(lang), lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const file = path.join(folder, `sources-${lang}.xlsx`);
  await workbook.writeTo(file);
  return file;
}

const noSpace = (text: string): string => text.replace(/\s+/g, '');

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('居民 / Residents and 订单 / Orders printed: long names and products whole', () => {
  let folder: string;
  const printed = new Map<Lang, PdfPage[]>();

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-sources-');
    const files = [await setUpFile('zh-CN', folder), await setUpFile('en', folder)];
    const pdfs = renderToPdf(files, folder);
    printed.set('zh-CN', readPdf(pdfs[0] as string));
    printed.set('en', readPdf(pdfs[1] as string));
  }, 170_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  const pageOf = (lang: Lang, tab: { 'zh-CN': string; en: string }): PdfPage => {
    const pages = (printed.get(lang) ?? []).filter((page) => footerTab(page) === tab[lang]);
    expect(pages).toHaveLength(1);
    return pages[0] as PdfPage;
  };

  test.each(['zh-CN', 'en'] as const)('%s: a long name prints whole beside its phone', (lang) => {
    const page = pageOf(lang, { 'zh-CN': '居民', en: 'Residents' });
    const text = noSpace(page.raw);
    for (const name of NAMES) expect(text).toContain(noSpace(name));
    expect(page.words.filter((w) => w.text === PHONE)).toHaveLength(3);
    expect(overlaps(page)).toEqual([]);
  });

  test.each(['zh-CN', 'en'] as const)('%s: a long product prints whole', (lang) => {
    const page = pageOf(lang, { 'zh-CN': '订单', en: 'Orders' });
    const text = noSpace(page.raw);
    for (const product of PRODUCTS) expect(text).toContain(noSpace(product));
    expect(overlaps(page)).toEqual([]);
  });
});
