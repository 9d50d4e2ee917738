/**
 * 审计 / Audit printed as an auditor gets it from an .xlsx (beside printedPages.test.ts and
 * printedEdges.test.ts): LibreOffice headless prints it, pdftotext reads it back. The rows are
 * those a few months of `gongfang` runs leave: changes found in the file with "header: value"
 * pairs (a row removed, a pasted block of rows), an old note of 500 characters, the file's
 * Details sentence on every change, close and reopen with their Details, tab names of the other
 * language — in Chinese and in English.
 *
 * Every page is footed with the tab's name and its number (none was numbered).
 *
 * Before, every audit cell was one line at the default height: a long old value ran over the
 * empty cells beside it and printed cut mid-character against the next filled cell, the Details
 * ran past its column (the page shrunk for it), and pdftotext found text over text.
 *
 * One LibreOffice run for both files. Runs in CI; elsewhere it needs soffice and pdftotext.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSample } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { appendAudit, auditCells, ownWrite } from '../../src/features/audit';
import { type AuditEntry, shortValue } from '../../src/domain/audit';
import { type Lang, t } from '../../src/i18n';
import { tempFolder } from './helpers';
import {
  footerTab,
  linesOf,
  overlaps,
  printToolsMissing,
  readPdf,
  renderToPdf,
} from '../support/printedPdf';
import type { PdfPage } from '../support/printedPdf';

const TODAY = '2026-12-08';
const AT = '2026-12-08 09:30:00';

/** What a few runs record: the change log's rows, then Gongfang's own writes. */
function auditEntries(lang: Lang): AuditEntry[] {
  const zh = lang === 'zh-CN';
  const who = {
    at: AT,
    user: t(lang, 'auditFileWho', { who: zh ? '王老师' : 'Wang' }),
    details: t(lang, 'auditFileDetails', { modified: AT }),
  };
  const pieces = zh ? '计件' : 'Pieces';
  const label = zh
    ? ['日期', '居民编号', '订单编号', '完成数', '不合格数', '登记人', '备注', '记录号']
    : ['Date', 'Resident ID', 'Order ID', 'Completed', 'Rejected', 'Recorded by', 'Notes', 'Entry'];
  const pairs = (values: readonly string[]): string =>
    values.map((value, i) => `${label[i] ?? ''}: ${value}`).join('; ');
  const change = (row: number, fields: Partial<AuditEntry>): AuditEntry => ({
    ...who,
    action: 'fileChanged',
    tab: pieces,
    range: `D${row}:G${row}`,
    rows: 1,
    record: `E${String(row).padStart(5, '0')}`,
    before: '',
    after: '',
    flags: ['closedMonth'],
    closedMonths: ['2026-10'],
    ...fields,
  });
  // A block pasted over 40 rows' counts, recorder and note: 160 cells, a row each.
  const pasted = Array.from({ length: 40 }, (_, i) =>
    change(100 + i, {
      before: pairs(['', '', '', String(200 + i), '0', zh ? '周主任' : 'Zhou', '']).replace(
        /^(?:[^;]*: ; ){3}/,
        '',
      ),
      after: pairs([
        '',
        '',
        '',
        String(300 + i),
        '1',
        zh ? '王老师' : 'Wang',
        zh ? '重新点数后更正' : 'recounted',
      ]).replace(/^(?:[^;]*: ; ){3}/, ''),
    }),
  );
  const note = zh
    ? '剪纸窗花边角毛糙，返工后重新计数。'
    : 'Rough edges on the paper-cuts, recounted after rework. ';
  return [
    change(956, {
      action: 'fileRemoved',
      range: '956:956',
      before: pairs([
        '2026-10-30',
        'R010',
        'O009',
        '300',
        '0',
        zh ? '李老师' : 'Li',
        note,
        'E00955',
      ]),
      record: 'E00955',
    }),
    ...pasted,
    // A note of 600 characters, cut to 500 as every audit value is.
    change(300, { range: 'G300', before: '', after: shortValue(note.repeat(60)) }),
    change(2, {
      tab: zh ? 'Payslips 2026-11' : '工资条 2026-11',
      range: 'B7',
      before: 'R002',
      after: 'R020',
      flags: [],
      closedMonths: [],
    }),
    ownWrite('generate', {
      at: AT,
      user: 'li',
      tab: zh ? '工资条 2026-11 Payslips' : 'Payslips 2026-11 工资条',
      details: t(lang, 'auditGenerated', { month: '2026-11', residents: 30, netPay: '¥24,978.84' }),
    }),
    ownWrite('close', {
      at: AT,
      user: 'li',
      tab: zh ? '结账' : 'Closings',
      details: t(lang, 'auditClosed', {
        month: '2026-10',
        residents: 29,
        netPay: '¥27,044.20',
        by: zh ? '李主任' : 'Director Li',
      }),
    }),
    ownWrite('reopen', {
      at: AT,
      user: 'li',
      tab: zh ? '结账' : 'Closings',
      details: t(lang, 'auditReopened', {
        month: '2026-10',
        reason: (zh
          ? '补登漏记的计件，王老师十月份的记录本后来才交上来；'
          : 'late entries from the October notebook; '
        ).repeat(4),
        by: zh ? '王主任' : 'Director Wang',
      }),
    }),
  ];
}

async function ledger(
  lang: Lang,
  folder: string,
): Promise<{ file: string; entries: AuditEntry[] }> {
  const sample = buildSample(TODAY, lang);
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, sample.tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const entries = auditEntries(lang);
  // As the runs write them: the change log's rows in one run, each own write in its own.
  appendAudit(workbook, entries.slice(0, -3), lang);
  for (const entry of entries.slice(-3)) appendAudit(workbook, [entry], lang);
  const file = path.join(folder, `audit-${lang}.xlsx`);
  await workbook.writeTo(file);
  return { file, entries };
}

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('审计 / Audit printed: a few months of runs, long values, both languages', () => {
  let folder: string;
  const printed = new Map<Lang, { pages: PdfPage[]; entries: AuditEntry[] }>();

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-audit-');
    const books = [await ledger('zh-CN', folder), await ledger('en', folder)];
    const pdfs = renderToPdf(
      books.map((book) => book.file),
      folder,
    );
    (['zh-CN', 'en'] as const).forEach((lang, i) => {
      const header = lang === 'zh-CN' ? '说明' : 'Details';
      const pages = readPdf(pdfs[i] as string).filter((page) =>
        page.words.some((w) => w.text === header),
      );
      printed.set(lang, { pages, entries: books[i]?.entries ?? [] });
    });
  }, 120_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test.each(['zh-CN', 'en'] as const)('%s: no text over text on any Audit page', (lang) => {
    const pages = printed.get(lang)?.pages ?? [];
    // 46 rows, several lines tall: more than a page, the header on each.
    expect(pages.length).toBeGreaterThan(1);
    // The note of 500 characters is taller than Excel's tallest row (409 pt): cut at the row's
    // foot, its last line half shown above the next row; pdftotext's boxes of that clipped line
    // reach into the next row. Nothing else may meet.
    const clipped =
      lang === 'zh-CN' ? /剪纸窗花|边角毛糙|重新计数/ : /Rough|edges|paper-cuts|rework/;
    const over = pages.flatMap((page, i) =>
      overlaps(page)
        .filter((o) => !clipped.test(o.split('" over "')[0] ?? ''))
        .map((o) => `page ${i + 1}: ${o}`),
    );
    expect(over).toEqual([]);
  });

  test.each(['zh-CN', 'en'] as const)(
    '%s: every value and Details prints whole, within its column and the page',
    (lang) => {
      const { pages = [], entries = [] } = printed.get(lang) ?? {};
      const text = pages
        .map((page) => page.raw)
        .join('')
        .replace(/\s+/g, '');
      for (const entry of entries) {
        const cells = auditCells(entry, lang).map((cell) => String(cell ?? ''));
        for (const cell of cells) {
          // The note of 500 characters is taller than Excel's tallest row: its start prints.
          const shown = cell.length > 400 ? cell.slice(0, 120) : cell;
          expect(text).toContain(shown.replace(/\s+/g, ''));
        }
      }
      for (const page of pages) {
        const header = linesOf(page.words)[0] ?? [];
        const details = header.find((w) => w.text === (lang === 'zh-CN' ? '说明' : 'Details'));
        // The last column's text stays inside the page's margins (it ran past its column).
        for (const word of page.words) expect(word.xMax).toBeLessThan(page.width - 30);
        expect(details?.xMin ?? 0).toBeGreaterThan(page.width * 0.6);
      }
    },
  );

  test.each(['zh-CN', 'en'] as const)(
    '%s: every Audit page is footed with the tab’s name and its number, 1, 2, 3…',
    (lang) => {
      const pages = printed.get(lang)?.pages ?? [];
      // An auditor's pile of pages: one gone missing shows (none was numbered).
      const feet = pages.map((page) => ({
        tab: footerTab(page),
        number: page.words
          .filter((w) => w.yMin > page.height - 50 && w.xMin > page.width * 0.7)
          .map((w) => w.text)
          .join(' '),
      }));
      expect(feet).toEqual(
        pages.map((_, i) => ({ tab: lang === 'zh-CN' ? '审计' : 'Audit', number: String(i + 1) })),
      );
    },
  );
});
