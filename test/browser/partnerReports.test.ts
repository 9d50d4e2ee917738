/**
 * A partner's Progress and Statement tabs drawn as a page in chromium, as the cells show them
 * (number formats applied): what the partner sees holds no resident. The pictures in
 * docs/partners.md are the printed pages (test/cli/printedPages.test.ts).
 */
import { loadPartnerReports } from '../../src/features/partnerReports';
import { displayedText } from '../../src/features/reports/widths';
import type { GeneratedTab } from '../../src/workbook/port';
import type { CellValue } from '../../src/workbook/cells';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { describeInBrowser, launchBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../support/ledgerSheets';

const NAMES = ['王秀英', '李桂兰', '张凤', '赵敏', '孙丽', '周红', '吴芳', '郑洁'];

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tabAsHtml(tab: GeneratedTab): string {
  const bold = new Set(tab.boldRows);
  const widths = tab.columnWidths.map((w) => `<col style="width:${w}px">`).join('');
  // A fixed table as wide as its columns: long text runs over empty neighbours, as in Sheets.
  const total = tab.columnWidths.reduce((sum, w) => sum + w, 0);
  const rows = tab.cells
    .map((row, r) => {
      const cells = row.map((value, c) => {
        const text = displayedText(value, tab.numberFormats[r]?.[c] ?? 'General');
        const numeric = typeof value === 'number';
        return `<td class="${numeric ? 'n' : ''}">${escape(text)}</td>`;
      });
      return `<tr class="${bold.has(r) ? 'b' : ''}">${cells.join('')}</tr>`;
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>
    body{margin:0;font:13px "Noto Sans CJK SC",sans-serif;background:#fff}
    .tab{background:#f1f3f4;padding:4px 10px;border-bottom:1px solid #ccc;font-weight:600}
    table{border-collapse:collapse;table-layout:fixed}
    td{border:1px solid #e2e2e2;padding:2px 4px;white-space:nowrap;overflow:visible;height:19px}
    td.n{text-align:right} tr.b td{font-weight:700}
  </style><div class="tab">${escape(tab.name)}</div><table style="width:${total}px">${widths}${rows}</table>`;
}

function workshop(): MemoryWorkbook {
  const rows: CellValue[][] = [];
  let entry = 1;
  for (let day = 1; day <= 60; day += 1) {
    const date = new Date(Date.UTC(2026, 9, day)).toISOString().slice(0, 10);
    NAMES.forEach((_, i) => {
      if ((day + i) % 3 !== 0) return;
      const order = i < 6 ? 'O-1' : 'O-2';
      rows.push([
        date,
        `R${i + 1}`,
        order,
        30 + i,
        i % 4 === 0 ? 1 : 0,
        '李老师',
        '',
        `E${entry++}`,
      ]);
    });
    if (day % 7 === 0) rows.push([date, 'R1', 'O-3', 12, 0, '李老师', '', `E${entry++}`]);
  }
  return new MemoryWorkbook({
    居民: [
      RESIDENT_HEADER,
      ...NAMES.map((name, i) => [
        `R${i + 1}`,
        name,
        '13800138000',
        '困难户',
        '剪纸',
        '2026-01-05',
        '是',
        '',
      ]),
    ],
    合作单位: [
      ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注', '语言'],
      ['P1', '花园文创有限公司', '陈经理', 'chen@garden.example', '是', '', ''],
    ],
    订单: [
      ORDER_HEADER,
      ['O-1', 'P1', '福字窗花', '剪纸', 0.9, 1.35, 12000, '2026-10-01', '2026-12-20', '进行中', ''],
      ['O-2', 'P1', '生肖香囊', '刺绣', 4.5, 6.8, 900, '2026-10-08', '2026-11-25', '进行中', ''],
      ['O-3', 'P1', '中国结挂件', '组装', 0.35, 0.5, 120, '2026-10-05', '2026-11-10', '进行中', ''],
    ],
    计件: [PIECE_HEADER, ...rows],
    调整: [ADJUSTMENT_HEADER],
    设置: [SETTING_HEADER, ['机构名称', '幸福里社区手工坊'], ['语言', 'zh-CN']],
  });
}

describeInBrowser('a partner report as the partner sees it', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  }, 60_000);
  afterAll(async () => session?.close());

  it('shows the orders and the statement, and not one resident', async () => {
    const result = loadPartnerReports(workshop(), {
      month: '2026-11',
      now: new Date('2026-11-20T02:30:00Z'),
      today: '2026-11-20',
    });
    const [report] = result.reports;
    expect(report).toBeDefined();
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1240, height: 320 });
    // The docs' pictures of these tabs are their printed pages (test/cli/printedPages.test.ts).
    for (const tab of report?.tabs ?? []) {
      await page.setContent(tabAsHtml(tab));
      const text = (await page.textContent('body')) ?? '';
      expect(text).toContain('O-1');
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).not.toContain('困难户');
    }
    await page.close();
  }, 120_000);
});
