/**
 * What staff print from the .xlsx, read back with openpyxl (Debian's python3-openpyxl), a reader
 * we did not write: payslips boxed with dashed cut lines and page breaks between strips, numeric
 * headers right-aligned, the payout's header rows repeated on each page, and source tabs whose
 * columns are wide enough for their dates, phones and products.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gongfang, tempFolder } from './helpers';
import { writeEnglishSerial } from './fixtures';

const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
const describeWithOpenpyxl = hasOpenpyxl || process.env.CI ? describe : describe.skip;

const READ_BACK = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
slips = wb['工资条 2026-11']
headers = [r for r in range(1, slips.max_row + 1) if slips.cell(r, 1).value == '订单' and slips.cell(r, 6).value == '金额']
first = headers[0]
net = [r for r in range(first, slips.max_row + 1) if slips.cell(r, 1).value == '实发'][0]
sign = [r for r in range(net, slips.max_row + 1) if slips.cell(r, 1).value == '本人签名'][0]
strip = [[slips.cell(r, c).border.left.style for c in range(1, 7)] for r in range(first, net + 1)]
cut = sign + 2
payout = wb['工资 2026-11']
pieces = wb['计件']
orders = wb['订单']
summary = wb['汇总 2026-11']
def width(ws, letter):
    d = ws.column_dimensions[letter]
    return d.width if d.customWidth else None
def heights(ws):
    return [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
def custom(ws):
    return all(ws.row_dimensions[r].customHeight for r in range(1, ws.max_row + 1))
def setup(ws):
    return {'orientation': ws.page_setup.orientation, 'paper': ws.page_setup.paperSize,
            'fitWidth': ws.page_setup.fitToWidth, 'fitHeight': ws.page_setup.fitToHeight,
            'footer': [ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text]}
ids = [payout.cell(r, 1).value for r in range(1, payout.max_row + 1)]
print(json.dumps({
  'breaks': [b.id for b in slips.row_breaks.brk],
  'stripTitles': [r for r in range(1, slips.max_row + 1) if slips.cell(r, 6).value == '工资条 2026-11'],
  'stripBorders': strip,
  'signBox': [[slips.cell(sign, c).border.top.style, slips.cell(sign + 1, c).border.bottom.style] for c in range(3, 7)],
  'signInner': slips.cell(sign, 4).border.left.style,
  'cutLine': [slips.cell(cut, c).border.bottom.style for c in range(1, 7)],
  'belowCut': slips.cell(cut + 1, 1).border.bottom.style,
  'acceptedHeader': slips.cell(first, 3).alignment.horizontal,
  'productHeader': slips.cell(first, 2).alignment.horizontal,
  'printTitles': payout.print_title_rows,
  'payoutFrozen': payout.freeze_panes,
  'payoutIds': ids,
  'payoutBreaks': [b.id for b in payout.row_breaks.brk],
  'payoutHeights': heights(payout),
  'payoutCustom': custom(payout),
  'payoutSetup': setup(payout),
  'slipsSetup': setup(slips),
  'summaryHeights': heights(summary),
  'summaryWraps': [[summary.cell(r, c).alignment.wrap_text for c in range(1, 10)] for r in range(1, summary.max_row + 1)],
  'piecesDateWidth': width(pieces, 'A'),
  'ordersProductWidth': width(orders, 'C'),
  'ordersDueWidth': width(orders, 'I'),
}))
`;

interface PageSetup {
  orientation: string;
  paper: number;
  fitWidth: number;
  fitHeight: number;
  footer: (string | null)[];
}

interface ReadBack {
  breaks: number[];
  stripTitles: number[];
  stripBorders: (string | null)[][];
  signBox: (string | null)[][];
  signInner: string | null;
  cutLine: (string | null)[];
  belowCut: string | null;
  acceptedHeader: string | null;
  productHeader: string | null;
  printTitles: string | null;
  payoutFrozen: string | null;
  payoutIds: (string | null)[];
  payoutBreaks: number[];
  payoutHeights: (number | null)[];
  payoutCustom: boolean;
  payoutSetup: PageSetup;
  slipsSetup: PageSetup;
  summaryHeights: (number | null)[];
  summaryWraps: (boolean | null)[][];
  piecesDateWidth: number | null;
  ordersProductWidth: number | null;
  ordersDueWidth: number | null;
}

describeWithOpenpyxl('printed pages in the .xlsx, read back with openpyxl', () => {
  let folder: string;
  let book: ReadBack;
  beforeAll(() => {
    folder = tempFolder();
    const made = gongfang(
      ['demo', '--today', '2026-11-28', '--lang', 'zh-CN', '--out', 'demo.xlsx'],
      {
        cwd: folder,
      },
    );
    expect(made.code).toBe(0);
    const script = path.join(folder, 'read.py');
    fs.writeFileSync(script, READ_BACK);
    const read = spawnSync(PYTHON, [script, path.join(folder, 'demo.xlsx')], { encoding: 'utf8' });
    expect(read.stderr).toBe('');
    book = JSON.parse(read.stdout) as ReadBack;
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('every cell of a payslip strip’s table is boxed', () => {
    expect(book.stripBorders.flat().every((style) => style === 'thin')).toBe(true);
  });

  test('a box to sign in, outlined only, under the net pay', () => {
    expect(book.signBox).toEqual(Array.from({ length: 4 }, () => ['thin', 'thin']));
    expect(book.signInner).toBeNull();
  });

  test('a dashed line to cut along runs under each strip', () => {
    expect(book.cutLine).toEqual(Array.from({ length: 6 }, () => 'dashed'));
    expect(book.belowCut).toBeNull();
  });

  test('page breaks fall just before a strip (its workshop and month), never inside one', () => {
    expect(book.breaks.length).toBeGreaterThan(0);
    // openpyxl reports a break by the last row of the page before it.
    for (const row of book.breaks) expect(book.stripTitles).toContain(row + 1);
  });

  test('labels over numbers are right-aligned; labels over text are not', () => {
    expect(book.acceptedHeader).toBe('right');
    expect(book.productHeader).toBeNull();
  });

  test('A4, fitted to the page width, a footer naming the workshop, the tab and the page', () => {
    expect(book.payoutSetup).toEqual({
      orientation: 'landscape',
      paper: 9,
      fitWidth: 1,
      fitHeight: 0,
      footer: ['幸福里社区居委会手工坊', '&A', '第 &P 页'],
    });
    expect(book.slipsSetup.orientation).toBe('portrait');
  });

  test('the payout prints its title on every page and each table’s header where it runs on', () => {
    expect(book.printTitles).toBe('$1:$1');
    expect(book.payoutFrozen).toBe('A2');
    // Every page break starts with the residents' or the detail's header row (编号) or the
    // detail's title.
    for (const row of book.payoutBreaks) {
      expect([
        '编号',
        '明细：合格数 × 计件单价 = 金额（每人计件工资合计后四舍五入到分）',
      ]).toContain(book.payoutIds[row]);
    }
    expect(book.payoutIds.filter((id) => id === '编号').length).toBeGreaterThan(2);
  });

  test('every row has a stored height; a wrapped cell’s row is as tall as its lines', () => {
    expect(book.payoutCustom).toBe(true);
    expect(book.payoutHeights.every((h) => h !== null && h >= 6)).toBe(true);
    const wrappedRows = book.summaryWraps.flatMap((row, r) => (row.some((w) => w) ? [r] : []));
    expect(wrappedRows.length).toBeGreaterThan(0);
    // Summary headers and products wrap: some rows need two lines or more (15 pt a line).
    expect(wrappedRows.some((r) => (book.summaryHeights[r] ?? 0) >= 30)).toBe(true);
  });

  test('source tabs show dates and products whole (not ###) at their width', () => {
    // Excel's default is 8.43 characters (64 px), too narrow for yyyy-mm-dd in LibreOffice/WPS.
    expect(book.piecesDateWidth).toBeGreaterThanOrEqual(12);
    expect(book.ordersDueWidth).toBeGreaterThanOrEqual(12);
    expect(book.ordersProductWidth).toBeGreaterThanOrEqual(20);
  });
});

describeWithOpenpyxl('the Closings tab prints what staff keep on paper', () => {
  test('month, closed at, by, residents, net pay and paid; fingerprints and details stay on screen', async () => {
    const folder = tempFolder();
    try {
      await writeEnglishSerial(folder);
      const closed = gongfang(
        ['close', 'english.xlsx', '--month', '2026-11', '--today', '2026-12-05', '--by', 'Li'],
        { cwd: folder },
      );
      expect(closed.stderr).toBe('');
      expect(closed.code).toBe(0);
      const script = path.join(folder, 'read.py');
      fs.writeFileSync(
        script,
        [
          'import json, sys, openpyxl',
          'ws = openpyxl.load_workbook(sys.argv[1])["Closings"]',
          'print(json.dumps({"area": ws.print_area, "titles": ws.print_title_rows,',
          '  "paper": ws.page_setup.paperSize, "orientation": ws.page_setup.orientation,',
          '  "fit": ws.sheet_properties.pageSetUpPr.fitToPage,',
          '  "headers": [c.value for c in ws[1]]}))',
        ].join('\n'),
      );
      const read = spawnSync(PYTHON, [script, path.join(folder, 'english.xlsx')], {
        encoding: 'utf8',
      });
      const closings = JSON.parse(read.stdout) as {
        area: string | string[];
        titles: string;
        paper: number;
        orientation: string;
        fit: boolean;
        headers: string[];
      };
      // A4 landscape, fitted to the page's width (issue 22: every printed tab on A4): a new
      // Closings tab prints a reopening's time, who and why beside the closing's figures.
      expect([closings.paper, closings.orientation, closings.fit]).toEqual([9, 'landscape', true]);
      expect(closings.headers.slice(0, 9)).toEqual([
        'Month',
        'Closed at',
        'Closed by',
        'Residents',
        'Total net pay',
        'Paid at this closing',
        'Reopened at',
        'Reopened by',
        'Reopen reason',
      ]);
      expect([closings.area].flat().join(',')).toMatch(/\$A:\$I$/);
      expect(closings.titles).toBe('$1:$1');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

const READ_SUMMARY = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = [wb[n] for n in wb.sheetnames if n.startswith(('汇总 ', 'Summary '))][0]
def row_of(label):
    return [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label][0]
def cells(r, n):
    return [ws.cell(r, c) for c in range(1, n + 1)]
orders = row_of(sys.argv[2])
partners = row_of(sys.argv[3])
products = [ws.cell(r, 2) for r in range(orders + 1, orders + 11)]
print(json.dumps({
  'dueWidth': ws.column_dimensions['H'].width,
  'productsWrap': [c.alignment.wrap_text for c in products],
  'productHeights': [ws.row_dimensions[c.row].height for c in products],
  'orderHeaderWrap': [c.alignment.wrap_text for c in cells(orders, 9)],
  'partnerHeader': [[c.border.left.style, c.border.top.style, c.alignment.horizontal] for c in cells(partners, 5)],
  'partnerBody': [c.border.bottom.style for c in cells(partners + 5, 5)],
  'titleWrap': ws.cell(1, 1).alignment.wrap_text,
}))
`;

interface SummaryReadBack {
  dueWidth: number;
  productsWrap: (boolean | null)[];
  productHeights: (number | null)[];
  orderHeaderWrap: (boolean | null)[];
  partnerHeader: [string | null, string | null, string | null][];
  partnerBody: (string | null)[];
  titleWrap: boolean | null;
}

describeWithOpenpyxl('the Summary prints whole, read back with openpyxl (issue 13)', () => {
  const read = (lang: 'en' | 'zh-CN', orderHeader: string, partnerHeader: string) => {
    const folder = tempFolder();
    try {
      const made = gongfang(['demo', '--today', '2026-11-28', '--lang', lang, '--out', 'd.xlsx'], {
        cwd: folder,
      });
      expect(made.code).toBe(0);
      const script = path.join(folder, 'read.py');
      fs.writeFileSync(script, READ_SUMMARY);
      const args = [script, path.join(folder, 'd.xlsx'), orderHeader, partnerHeader];
      const out = spawnSync(PYTHON, args, { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      return JSON.parse(out.stdout) as SummaryReadBack;
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  };

  test.each([
    ['en', 'Order', 'Partner'],
    ['zh-CN', '订单', '合作单位'],
  ] as const)(
    '%s: products wrap, Due holds a date, the by-partner table is boxed',
    (lang, o, p) => {
      const book = read(lang, o, p);
      // 100 px (14.3 characters): 80 px (11.4) cut a date's last digit.
      expect(book.dueWidth).toBeGreaterThanOrEqual(14);
      expect(book.productsWrap).toEqual(Array.from({ length: 10 }, () => true));
      // Every row's height is stored (readers print rows at it): at least one line, and the
      // rows of products that wrap are taller (issue 22, finding 3: they printed over each other).
      expect(book.productHeights.every((h) => h !== null && h >= 15)).toBe(true);
      if (lang === 'en') expect(book.productHeights.some((h) => (h ?? 0) >= 30)).toBe(true);
      expect(book.orderHeaderWrap).toEqual(Array.from({ length: 9 }, () => true));
      // Every header cell of by partner is boxed; the labels over numbers are right-aligned.
      expect(book.partnerHeader).toEqual([
        ['thin', 'thin', null],
        ['thin', 'thin', 'right'],
        ['thin', 'thin', 'right'],
        ['thin', 'thin', 'right'],
        ['thin', 'thin', 'right'],
      ]);
      expect(book.partnerBody).toEqual(Array.from({ length: 5 }, () => 'thin'));
      // The title runs over the empty cells beside it: not wrapped.
      expect(book.titleWrap).toBeFalsy();
    },
  );
});

describeWithOpenpyxl('the year end prints as the month’s tabs do (issue 21 × issue 22)', () => {
  test('Year over two pages across with ID and name at the left of each; Statements a page a resident; Impact fitted', async () => {
    const folder = tempFolder();
    try {
      await writeEnglishSerial(folder);
      const closed = gongfang(
        ['close', 'english.xlsx', '--month', '2026-11', '--today', '2026-12-05', '--by', 'Li'],
        { cwd: folder },
      );
      expect(closed.code).toBe(0);
      const year = gongfang(['year', 'english.xlsx', '--year', '2026', '--today', '2026-12-05'], {
        cwd: folder,
      });
      expect(year.stderr).toBe('');
      const script = path.join(folder, 'read.py');
      fs.writeFileSync(
        script,
        [
          'import json, sys, openpyxl',
          'wb = openpyxl.load_workbook(sys.argv[1])',
          'def tab(ws):',
          '  return {"cols": ws.print_title_cols, "rows": ws.print_title_rows,',
          '    "colBreaks": [b.id for b in ws.col_breaks.brk],',
          '    "rowBreaks": [b.id for b in ws.row_breaks.brk],',
          '    "fit": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),',
          '    "paper": ws.page_setup.paperSize, "orientation": ws.page_setup.orientation,',
          '    "footer": [ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text],',
          '    "titles": [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Statement of earnings 2026"],',
          '    "heights": all(ws.row_dimensions[r].customHeight for r in range(1, ws.max_row + 1))}',
          'print(json.dumps({name: tab(wb[name]) for name in ["Year 2026", "Statements 2026", "Impact 2026"]}))',
        ].join('\n'),
      );
      const read = spawnSync(PYTHON, [script, path.join(folder, 'english.xlsx')], {
        encoding: 'utf8',
      });
      expect(read.stderr).toBe('');
      type Tab = {
        cols: string | null;
        rows: string | null;
        colBreaks: number[];
        rowBreaks: number[];
        fit: boolean;
        paper: number;
        orientation: string;
        footer: (string | null)[];
        titles: number[];
        heights: boolean;
      };
      const tabs = JSON.parse(read.stdout) as Record<string, Tab>;
      expect(tabs['Year 2026']).toMatchObject({
        cols: '$A:$B',
        rows: '$1:$1',
        colBreaks: [9],
        fit: false,
        paper: 9,
        orientation: 'landscape',
        heights: true,
      });
      const statements = tabs['Statements 2026'] as Tab;
      expect(statements).toMatchObject({ fit: true, paper: 9, orientation: 'portrait' });
      // Two residents: the second statement starts a page of its own.
      expect(statements.titles).toHaveLength(2);
      expect(statements.rowBreaks).toEqual([(statements.titles[1] ?? 0) - 1]);
      expect(tabs['Impact 2026']).toMatchObject({
        rows: '$1:$1',
        fit: true,
        orientation: 'landscape',
        colBreaks: [],
      });
      // The workshop, the tab and the page, as on the month's tabs.
      for (const tab of Object.values(tabs))
        expect(tab.footer).toEqual(['Xingfuli', '&A', 'Page &P']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
