/**
 * The pages that go out, read as a reader sees them (issue 22): the demo workshop's payout,
 * payslips and summary in Chinese and in English, and two partner reports (one in each
 * language), written as .xlsx, printed to PDF by LibreOffice headless and read back with
 * pdftotext. On every printed page of every generated tab:
 *
 * - each table's rows sit under that table's own header (the payout's detail printed under the
 *   residents' header: finding 1), found by matching the page's lines to the tab's rows;
 * - no two words overlap (a wrapped cell on a row too short prints over the next: finding 3);
 * - nothing is cut at a cell's edge: every cell's text, as the cell shows it, is in the page's
 *   text (findings 2 and 4: "Rhinestone hair cl", "Remainin"), and no number shows as ###;
 * - everything lies within the page's printable width (fitted, not shrunk: A4 at 100 %);
 * - payslips are A4 portrait, several strips a page; a statement says its period and status;
 * - a month closed, changed, reopened and closed again (issue 17) prints its table of what to pay
 *   now, and each payslip's column adding up to it, under the same checks;
 * - the year end's Year, Statements and Impact tabs (issue 21) of that workbook too: statements
 *   one resident a page, A4 portrait; the Year, eighteen columns wide, over two pages side by
 *   side at full size, ID and name at the left of both.
 *
 * `SCREENSHOTS=1` (npm run pictures) also draws the docs' pictures of printed pages from these
 * PDFs. Runs in CI; elsewhere it needs soffice and pdftotext (else it says why it is skipped).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSample } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { generateMonth } from '../../src/features/generateMonth';
import { closeMonth, previewClose } from '../../src/features/closeMonth';
import { reopenMonth } from '../../src/features/reopenMonth';
import { generateYear } from '../../src/features/generateYear';
import { loadPartnerReports } from '../../src/features/partnerReports';
import { displayedText } from '../../src/features/reports/widths';
import type { Lang } from '../../src/i18n';
import { PIECES, RESIDENTS, SOURCE_TABS, type SourceTab, labelOf } from '../../src/workbook/layout';
import type { GeneratedTab } from '../../src/workbook/port';
import { tempFolder } from './helpers';
import {
  drawPage,
  footerTab,
  linesOf,
  overlaps,
  printToolsMissing,
  readPdf,
  renderToPdf,
} from '../support/printedPdf';
import type { PdfPage, Word } from '../support/printedPdf';

const TODAY = '2026-11-28';
const NOW = new Date('2026-11-28T08:00:00Z');
const SHOTS = process.env.SCREENSHOTS ? path.join(__dirname, '..', '..', 'docs', 'images') : null;
/** 0.7 in and 0.75 in margins, in points. */
const SIDE_MARGIN = 50.4;
const FOOT_MARGIN = 54;

interface Printed {
  readonly name: string;
  readonly tab: GeneratedTab;
  readonly pdf: string;
  /** 1-based page numbers in the PDF. */
  readonly pageNumbers: number[];
  readonly pages: PdfPage[];
}

/** The demo workbook of `lang`, generated, and the tabs written into it. */
async function demo(lang: Lang, folder: string) {
  const sample = buildSample(TODAY, lang);
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, sample.tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const spy = jest.spyOn(workbook, 'replaceGeneratedTab');
  generateMonth(workbook, { month: sample.month, now: NOW, today: TODAY });
  const tabs = spy.mock.calls.map(([tab]) => tab);
  const file = path.join(folder, `demo-${lang}.xlsx`);
  await workbook.writeTo(file);
  const partners = loadPartnerReports(workbook, { month: sample.month, now: NOW, today: TODAY });
  return { file, tabs, partners: partners.reports, month: sample.month };
}

/**
 * The demo of `lang` closed, then a late slip for the month (two more hand-ins of residents
 * already paid), reopened and closed again: the month's tabs of that second closing, which
 * show what was paid earlier and what to pay now.
 */
async function reclosedDemo(lang: Lang, folder: string) {
  const sample = buildSample(TODAY, lang);
  const written = (tabs: typeof sample.tabs) => {
    const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
    writeSample(book, tabs, lang, 'Asia/Shanghai');
    setUpWorkbook(book);
    return book;
  };
  const month = sample.month;
  // Without the demo's deliberate mistakes, which would block closing (sheet row n is row n − 2
  // of a tab's rows).
  const { blocking } = previewClose(written(sample.tabs), { month, today: TODAY });
  const workbook = written(
    sample.tabs.map((tab) => ({
      ...tab,
      rows: tab.rows.filter(
        (_, i) => !blocking.some((b) => b.tab === tab.spec.key && b.row === i + 2),
      ),
    })),
  );
  // Before the month's last day: closing it needs the confirmation (--force).
  const closing = { month, now: NOW, today: TODAY, closedBy: 'Li', force: true };
  closeMonth(workbook, closing);
  const pieces = workbook.readTab(['计件', 'Pieces']);
  if (pieces === null) throw new Error('no Pieces tab in the demo');
  const late = pieces.values
    .slice(1)
    .filter((row) => row[0] instanceof Date && Number(row[3]) > 0)
    .slice(-2)
    .map((row) => [...row.slice(0, 5), 'Li', '', '']);
  workbook.appendRows(pieces.name, late);
  reopenMonth(workbook, { month, now: NOW, today: TODAY, reopenedBy: 'Li', reason: 'late slip' });
  const spy = jest.spyOn(workbook, 'replaceGeneratedTab');
  closeMonth(workbook, closing);
  // The year end (issue 21) of that workbook: November closed twice, September and October
  // drafts; its Year, Statements and Impact tabs print under the same checks.
  generateYear(workbook, { year: 2026, now: NOW, today: TODAY });
  const tabs = spy.mock.calls.map(([tab]) => tab);
  const file = path.join(folder, `reclosed-${lang}.xlsx`);
  await workbook.writeTo(file);
  return { file, tabs };
}

const noSpace = (text: string): string => text.replace(/\s+/g, '');

/** What a cell shows, as LibreOffice prints it. */
function shown(tab: GeneratedTab, r: number, c: number): string {
  const value = tab.cells[r]?.[c] ?? '';
  return value === '' ? '' : displayedText(value, tab.numberFormats[r]?.[c] ?? 'General');
}

interface Table {
  /** The header's labels, joined: tables with the same labels are one kind. */
  readonly kind: string;
  readonly header: string[];
  /** Each body row's cells as shown. */
  readonly rows: string[][];
}

/** The boxed tables of a tab: header row, then the body (a repeated header left out). */
function tablesOf(tab: GeneratedTab): Table[] {
  return (tab.print?.boxes ?? []).map((box) => {
    const cellsOf = (r: number) =>
      Array.from({ length: box.numColumns }, (_, c) => shown(tab, r, box.column + c));
    const header = cellsOf(box.row);
    const rows: string[][] = [];
    for (let r = box.row + 1; r < box.row + box.numRows; r += 1) {
      const cells = cellsOf(r);
      if (cells.join('|') !== header.join('|')) rows.push(cells);
    }
    return { kind: header.join('|'), header, rows };
  });
}

/** A line's words all inside `cells` (joined without spaces), its first word the first cell's. */
function lineIsRow(line: readonly Word[], cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell !== '') ?? '';
  const joined = noSpace(cells.join(''));
  return (
    line[0]?.text === first.split(/\s+/)[0] &&
    line.every((word) => joined.includes(noSpace(word.text)))
  );
}

/** The kinds of table a line is a header of, or a body row of (several when alike). */
function kindsOf(line: readonly Word[], tables: readonly Table[], of: 'header' | 'body') {
  const kinds = new Set<string>();
  for (const table of tables) {
    const rows = of === 'header' ? [table.header] : table.rows;
    if (rows.some((cells) => lineIsRow(line, cells))) kinds.add(table.kind);
  }
  return kinds;
}

/** Body lines on a page whose nearest header above is not their table's (or is missing). */
function misplacedRows(page: PdfPage, tables: readonly Table[]): string[] {
  const wrong: string[] = [];
  let header: Set<string> | null = null;
  for (const line of linesOf(page.words)) {
    const headerKinds = kindsOf(line, tables, 'header');
    if (headerKinds.size > 0) {
      header = headerKinds;
      continue;
    }
    const bodyKinds = kindsOf(line, tables, 'body');
    if (bodyKinds.size !== 1) continue;
    const [kind] = [...bodyKinds];
    if (header === null || !header.has(kind as string)) {
      wrong.push(
        `${line.map((w) => w.text).join(' ')} — under ${header ? [...header][0] : 'no header'}`,
      );
    }
  }
  return wrong;
}

/** Cells whose text, as shown, is not all on the tab's printed pages. */
function cutCells(printed: Printed): string[] {
  const text = noSpace(printed.pages.map((page) => page.raw).join(''));
  const cut: string[] = [];
  printed.tab.cells.forEach((row, r) => {
    row.forEach((_, c) => {
      const cell = noSpace(shown(printed.tab, r, c));
      if (cell !== '' && !text.includes(cell))
        cut.push(`${printed.name} R${r + 1}C${c + 1} ${cell}`);
    });
  });
  return cut;
}

/**
 * A payout as printed before issue 22: its header rows (title to the residents' header) printed
 * on every page, the detail's header once, every row the default height, the detail's column of
 * products too narrow for them.
 */
function asBefore(tab: GeneratedTab): GeneratedTab {
  const header = tab.cells.findIndex((row) => row[0] === 'ID');
  const detailHeader = tab.cells.findIndex((row, r) => r > header && row[0] === 'ID');
  const keep = tab.cells
    .map((_, r) => r)
    .filter((r) => r <= detailHeader || tab.cells[r]?.[0] !== 'ID');
  const pick = <T>(rows: readonly T[] | undefined): T[] => keep.map((r) => rows?.[r] as T);
  const { rowHeights: _heights, ...rest } = tab;
  return {
    ...rest,
    cells: pick(tab.cells),
    numberFormats: pick(tab.numberFormats),
    alignments: pick(tab.alignments),
    ...(tab.wraps ? { wraps: pick(tab.wraps) } : {}),
    boldRows: keep.flatMap((r, i) => (tab.boldRows.includes(r) ? [i] : [])),
    columnWidths: tab.columnWidths.map((width, c) => (c === 2 ? 60 : width)),
    print: {
      ...(tab.print as NonNullable<GeneratedTab['print']>),
      boxes: [],
      pageBreaks: [],
      repeatRows: header + 1,
    },
  };
}

const missing = printToolsMissing();
if (missing && !process.env.CI) console.log(`Print check skipped: ${missing}`);
const describePrinted = missing && !process.env.CI ? describe.skip : describe;

describePrinted('printed pages, as LibreOffice prints the .xlsx (issue 22)', () => {
  let folder: string;
  const printed: Printed[] = [];
  const residents: Record<string, number> = {};
  /** Every page of each language's demo workbook, the source tabs' among them. */
  const demoPages: Record<string, PdfPage[]> = {};
  const shipped = () => printed.filter((p) => !p.name.startsWith('control'));
  const find = (name: string): Printed => {
    const found = printed.find((p) => p.name === name);
    if (!found) throw new Error(`no printed pages of ${name}`);
    return found;
  };

  beforeAll(async () => {
    folder = tempFolder('gongfang-print-');
    const files: string[] = [];
    const written: { file: string; tabs: GeneratedTab[] }[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      const made = await demo(lang, folder);
      written.push({ file: made.file, tabs: made.tabs });
      files.push(made.file);
      residents[lang] =
        made.tabs[0]?.cells.filter((r) => /^R\d{3}$/.test(String(r[0]))).length ?? 0;
      // One partner report in the workbook's language; the demo's third partner is in the other.
      const report = made.partners.find((p) => p.lang === lang);
      if (report === undefined) throw new Error(`no ${lang} partner report in the demo`);
      const book = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: report.lang });
      for (const tab of report.tabs) book.replaceGeneratedTab(tab);
      const file = path.join(folder, `partner-${lang}.xlsx`);
      await book.writeTo(file);
      written.push({ file, tabs: [...report.tabs] });
      files.push(file);
    }
    // A month paid twice over (issue 17): what to pay now, on the payout and the payslips.
    for (const lang of ['zh-CN', 'en'] as const) {
      const made = await reclosedDemo(lang, folder);
      written.push(made);
      files.push(made.file);
    }
    // A control: the English payout laid out as before issue 22 — the residents' header rows
    // repeated on every page, no header over the detail's pages, rows at the default height,
    // products cut — to show that each check below sees what it looks for.
    const payout = written
      .flatMap(({ tabs }) => tabs)
      .find((tab) => tab.name === 'Payout 2026-11') as GeneratedTab;
    const control = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
    control.replaceGeneratedTab(asBefore(payout));
    const controlFile = path.join(folder, 'control.xlsx');
    await control.writeTo(controlFile);
    written.push({ file: controlFile, tabs: [asBefore(payout)] });
    files.push(controlFile);
    const pdfs = renderToPdf(files, folder);
    written.forEach(({ tabs }, i) => {
      const pdf = pdfs[i] as string;
      const pages = readPdf(pdf);
      const demoOf = /^demo-(zh-CN|en)\.pdf$/.exec(path.basename(pdf))?.[1];
      if (demoOf !== undefined) demoPages[demoOf] = pages;
      for (const tab of tabs) {
        const numbers = pages.flatMap((page, n) => (footerTab(page) === tab.name ? [n + 1] : []));
        printed.push({
          name: `${path.basename(pdf, '.pdf')}: ${tab.name}`,
          tab,
          pdf,
          pageNumbers: numbers,
          pages: numbers.map((n) => pages[n - 1] as PdfPage),
        });
      }
    });
  }, 240_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the source tabs Set up made print each row whole across a page, the header on every page', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      // The source tabs' pages, footed with their tab's name as every printed page.
      const names = new Set(SOURCE_TABS.map((spec) => labelOf(spec, lang)));
      const pages = (demoPages[lang] ?? []).filter((page) => names.has(footerTab(page)));
      const firstLine = (page: PdfPage) =>
        (linesOf(page.words)[0] ?? []).map((w) => w.text).join(' ');
      const headed = (page: PdfPage, spec: SourceTab) => {
        const line = firstLine(page);
        let at = 0;
        // Every column's label, left to right, on the page's first line.
        return spec.columns.every((column) => {
          const found = line.indexOf(labelOf(column, lang), at);
          at = found + 1;
          return found >= 0;
        });
      };
      const holding = (...patterns: RegExp[]) =>
        pages.filter((page) => patterns.every((p) => page.words.some((w) => p.test(w.text))));
      // Residents (IDs beside phone numbers): one landscape page, every column on it.
      const residentPages = holding(/^R0\d\d$/, /^1[3-9]\d{9}$/);
      expect({ lang, pages: residentPages.length }).toEqual({ lang, pages: 1 });
      const [residentPage] = residentPages as [PdfPage];
      expect(headed(residentPage, RESIDENTS)).toBe(true);
      expect(residentPage.width).toBeGreaterThan(residentPage.height);
      // Pieces: portrait pages, each starting with the whole header.
      const piecePages = holding(/^E\d{5}$/);
      expect(piecePages.length).toBeGreaterThan(2);
      expect(piecePages.filter((page) => !headed(page, PIECES))).toEqual([]);
      expect(piecePages.every((page) => page.height > page.width)).toBe(true);
    }
  });

  test('the checks see what went wrong before: rows under another header, overprints, cuts', () => {
    const before = find('control: Payout 2026-11');
    const after = find('demo-en: Payout 2026-11');
    const tables = tablesOf(after.tab);
    expect(before.pages.flatMap((page) => misplacedRows(page, tables)).length).toBeGreaterThan(0);
    expect(before.pages.flatMap(overlaps).length).toBeGreaterThan(0);
    expect(cutCells(before).length).toBeGreaterThan(0);
  });

  test('every generated tab prints, each page footed with its tab and number', () => {
    expect(printed.filter((p) => !p.name.startsWith('control'))).toHaveLength(
      3 * 2 + 2 * 2 + (3 + 3) * 2,
    );
    for (const p of printed)
      expect({ tab: p.name, pages: p.pages.length > 0 }).toEqual({
        tab: p.name,
        pages: true,
      });
  });

  test('each table’s rows sit under that table’s own header, on every page (finding 1)', () => {
    const wrong = shipped().flatMap((p) => {
      const tables = tablesOf(p.tab);
      return p.pages.flatMap((page, i) =>
        misplacedRows(page, tables).map((row) => `${p.name} page ${i + 1}: ${row}`),
      );
    });
    expect(wrong).toEqual([]);
    // The check sees the rows: every page of the payout's detail has some.
    const payout = find('demo-en: Payout 2026-11');
    const tables = tablesOf(payout.tab);
    const detail = tables[1] as Table;
    const detailPages = payout.pages.filter((page) =>
      linesOf(page.words).some((line) => kindsOf(line, [detail], 'body').size > 0),
    );
    expect(detailPages.length).toBeGreaterThan(1);
  });

  test('no text is printed over other text (finding 3)', () => {
    const over = shipped().flatMap((p) =>
      p.pages.flatMap((page, i) => overlaps(page).map((o) => `${p.name} page ${i + 1}: ${o}`)),
    );
    expect(over).toEqual([]);
  });

  test('nothing is cut at a cell’s edge: every cell’s text is printed whole (findings 2, 4)', () => {
    expect(shipped().flatMap(cutCells)).toEqual([]);
    const hashes = shipped().flatMap((p) =>
      p.pages.flatMap((page) => page.words.filter((w) => /^#+$/.test(w.text)).map(() => p.name)),
    );
    expect(hashes).toEqual([]);
  });

  test('every page is printed at full size: nothing shrunk to fit (finding 2: “printed tiny”)', () => {
    // 11 pt text makes word boxes about 14 pt tall; a page shrunk to fit makes them smaller
    // (the median, as a chart's axis labels are smaller on purpose).
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
    const shrunk = shipped().flatMap((p) =>
      p.pages.flatMap((page, i) =>
        median(page.words.map((w) => w.yMax - w.yMin)) < 13 ? [`${p.name} page ${i + 1}`] : [],
      ),
    );
    expect(shrunk).toEqual([]);
  });

  test('every page keeps within A4’s printable width and height', () => {
    const outside = shipped().flatMap((p) =>
      p.pages.flatMap((page, i) =>
        page.words
          .filter(
            (w) =>
              w.xMin < SIDE_MARGIN - 1 ||
              w.xMax > page.width - SIDE_MARGIN + 1 ||
              (w.yMax > page.height - FOOT_MARGIN + 1 && w.yMin < page.height - 50),
          )
          .map((w) => `${p.name} page ${i + 1}: ${w.text}`),
      ),
    );
    expect(outside).toEqual([]);
    for (const p of shipped()) {
      // A4 is 595 × 842 pt.
      for (const page of p.pages) expect(Math.round(Math.min(page.width, page.height))).toBe(595);
    }
  });

  test('payslips: A4 portrait, several strips to a page, each with workshop, month and resident', () => {
    for (const [name, lang] of [
      ['demo-zh-CN: 工资条 2026-11', 'zh-CN'],
      ['demo-en: Payslips 2026-11', 'en'],
    ] as const) {
      const slips = find(name);
      for (const page of slips.pages) expect(page.width).toBeLessThan(page.height);
      // 30 residents: at least three strips a page.
      expect(slips.pages.length).toBeLessThanOrEqual(Math.ceil((residents[lang] ?? 0) / 3));
      const strips = slips.tab.print?.boxes.length ?? 0;
      const titled = slips.pages.reduce(
        (n, page) =>
          n +
          linesOf(page.words).filter((line) =>
            noSpace(line.map((w) => w.text).join('')).endsWith(
              lang === 'en' ? 'Payslip2026-11' : '工资条2026-11',
            ),
          ).length,
        0,
      );
      expect(titled).toBe(strips);
    }
  });

  test('a month closed again prints what to pay now: its own table, and under each strip’s net pay', () => {
    for (const [lang, payoutName, slipsName, words] of [
      ['zh-CN', '工资 2026-11', '工资条 2026-11', ['实发', '此前已发', '已在他月更正', '本次应发']],
      ['en', 'Payout 2026-11', 'Payslips 2026-11', ['Net pay', 'Paid earlier', 'To pay now']],
    ] as const) {
      const payout = find(`reclosed-${lang}: ${payoutName}`);
      // Its own table, under its own header (checked on every page above), with a row a resident.
      const settlement = tablesOf(payout.tab).find((table) =>
        words.every((word) => table.header.includes(word)),
      );
      expect(settlement?.rows.length).toBeGreaterThan(1);
      const text = noSpace(payout.pages.map((page) => page.raw).join(''));
      for (const row of settlement?.rows ?? []) expect(text).toContain(noSpace(row.join('')));
      // Each strip: net pay, less what was paid earlier (and corrected elsewhere), is what to
      // pay now, in the strip's column of amounts.
      const slips = find(`reclosed-${lang}: ${slipsName}`);
      const cells = slips.tab.cells;
      const toPay = cells.flatMap((row, r) => (row[0] === words.at(-1) ? [r] : []));
      expect(toPay).toHaveLength(slips.tab.print?.boxes.length ?? -1);
      for (const r of toPay) {
        let net = r - 1;
        while (net > 0 && cells[net]?.[0] !== words[0]) net -= 1;
        expect(r - net).toBeGreaterThanOrEqual(2);
        const lines = cells.slice(net, r).map((row) => Number(row[5]));
        expect(lines.reduce((sum, fen) => sum + fen, 0)).toBeCloseTo(Number(cells[r]?.[5]), 2);
      }
      const slipText = slips.pages.map((page) => page.raw).join('');
      expect(slipText.split(words.at(-1) as string).length - 1).toBe(toPay.length);
      // The lines a closing before adds still leave three strips or more to a page.
      expect(slips.pages.length).toBeLessThanOrEqual(Math.ceil(toPay.length / 3));
      // Late hand-ins: someone is owed more now.
      expect(toPay.some((r) => Number(cells[r]?.[5]) > 0)).toBe(true);
    }
  });

  test('year end: a statement a page, portrait, each whole with its boxes to sign in', () => {
    for (const [name, title, sign] of [
      ['reclosed-zh-CN: 收入明细 2026', '年度收入明细2026', '居民签名'],
      ['reclosed-en: Statements 2026', 'Statementofearnings2026', 'Residentsignature'],
    ] as const) {
      const statements = find(name);
      const residents = statements.tab.cells.filter((row) => noSpace(String(row[0])) === title);
      expect(residents.length).toBeGreaterThan(1);
      expect(statements.pages).toHaveLength(residents.length);
      for (const page of statements.pages) {
        expect(page.width).toBeLessThan(page.height);
        const text = noSpace(page.raw);
        expect(text.split(title).length - 1).toBe(1);
        expect(text).toContain(sign);
      }
    }
  });

  test('year end: the Year prints over two pages across, January–June then July–December', () => {
    for (const [name, first, second] of [
      ['reclosed-zh-CN: 年度 2026', ['1月', '6月'], ['7月', '12月']],
      ['reclosed-en: Year 2026', ['Jan', 'Jun'], ['Jul', 'Dec']],
    ] as const) {
      const year = find(name);
      expect(year.tab.print?.columnBreaks).toEqual([9]);
      // Pages down the first columns, then over (Excel's and LibreOffice's order); a page across
      // with nothing on it (beside the drafts, which use the first columns only) is not printed.
      const halves = year.pages.map((page) => {
        const words = new Set(page.words.map((w) => w.text));
        const has = (labels: readonly string[]) => labels.every((label) => words.has(label));
        // The ID and name columns, printed again at the left of every page across.
        const ids = [...words].some((word) => /^R\d{3}$/.test(word));
        return { ids, first: has(first), second: has(second) };
      });
      const over = halves.findIndex((h) => h.second);
      expect(over).toBeGreaterThan(0);
      expect(halves[0]?.first).toBe(true);
      expect(halves.slice(0, over).some((h) => h.second)).toBe(false);
      expect(halves.slice(over).every((h) => h.second && !h.first)).toBe(true);
      expect(halves.every((h) => h.ids)).toBe(true);
    }
  });

  test('year end: the Year’s table and the Impact’s figures under their headers, a footer a page', () => {
    for (const name of [
      'reclosed-zh-CN: 年度 2026',
      'reclosed-en: Year 2026',
      'reclosed-zh-CN: 成效 2026',
      'reclosed-en: Impact 2026',
    ]) {
      const p = find(name);
      expect({ name, boxes: tablesOf(p.tab).length > 0, footed: p.pages.length > 0 }).toEqual({
        name,
        boxes: true,
        footed: true,
      });
    }
  });

  test('a partner statement states its period and status, its total and rounding rule', () => {
    for (const [name, words] of [
      [
        'partner-zh-CN: 对账 2026-11',
        ['对账期间', '2026-11-01', '2026-11-30', '草稿', '合计', '四舍五入'],
      ],
      [
        'partner-en: Statement 2026-11',
        ['Period', '2026-11-01', '2026-11-30', 'Draft', 'Total', 'rounded'],
      ],
    ] as const) {
      const statement = find(name);
      const text = statement.pages.map((page) => page.raw).join('\n');
      for (const word of words)
        expect({ name, word, found: text.includes(word) }).toEqual({
          name,
          word,
          found: true,
        });
      // One page width: printed portrait, nothing past the right margin (checked above).
      expect(statement.pages[0]?.width).toBeLessThan(statement.pages[0]?.height ?? 0);
    }
  });

  test('pictures of printed pages for the docs (SCREENSHOTS=1)', () => {
    if (!SHOTS) return;
    const detailPage = (p: Printed) =>
      p.pageNumbers.find((_, i) =>
        linesOf(p.pages[i]?.words ?? []).some(
          (line) => kindsOf(line, [tablesOf(p.tab)[1] as Table], 'body').size > 0,
        ),
      ) ?? 1;
    const pictures: [Printed, number, string][] = [];
    for (const [suffix, names] of [
      ['', ['demo-zh-CN: 工资 2026-11', 'demo-zh-CN: 工资条 2026-11', 'demo-zh-CN: 汇总 2026-11']],
      ['.en', ['demo-en: Payout 2026-11', 'demo-en: Payslips 2026-11', 'demo-en: Summary 2026-11']],
    ] as const) {
      const [payout, slips, summary] = names.map(find) as [Printed, Printed, Printed];
      pictures.push(
        [payout, payout.pageNumbers[0] ?? 1, `payout-tab${suffix}.png`],
        [payout, detailPage(payout), `payout-detail${suffix}.png`],
        [slips, slips.pageNumbers[0] ?? 1, `payslips-tab${suffix}.png`],
        [summary, summary.pageNumbers[0] ?? 1, `summary-tab${suffix}.png`],
        [summary, summary.pageNumbers[1] ?? 1, `summary-charts${suffix}.png`],
      );
    }
    const progress = find('partner-zh-CN: 进度');
    const zhStatement = find('partner-zh-CN: 对账 2026-11');
    const enStatement = find('partner-en: Statement 2026-11');
    pictures.push(
      [progress, progress.pageNumbers[0] ?? 1, 'partner-progress-tab.png'],
      [zhStatement, zhStatement.pageNumbers[0] ?? 1, 'partner-statement-tab.png'],
      [enStatement, enStatement.pageNumbers[0] ?? 1, 'partner-statement-tab.en.png'],
    );
    for (const [p, page, file] of pictures) drawPage(p.pdf, page, path.join(SHOTS, file));
  });
});
