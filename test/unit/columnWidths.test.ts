import {
  A4_LANDSCAPE_PIXELS,
  MOST_RUNS,
  WIDTH_STEPS,
  displayedNumber,
  displayedText,
  fitColumnWidths,
  runsOf,
  longestWordWidth,
  textWidth,
} from '../../src/features/reports/widths';
import type { CellValue } from '../../src/workbook/cells';
import type { GeneratedTab } from '../../src/workbook/port';
import { generateMonth } from '../../src/features/generateMonth';
import { CHART_WIDTH } from '../../src/features/reports/summaryTab';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { handMonth, monthTabs } from '../support/monthWorkbook';
import { NUMBER_FORMATS, moneyFormat } from '../../src/workbook/port';

const TEXT = NUMBER_FORMATS.text;
const MONEY = moneyFormat('¥');

/** Every cell of `rows` as text, except numbers, which get `numberFormat`. */
function fit(
  rows: CellValue[][],
  options: Partial<Parameters<typeof fitColumnWidths>[2]> = {},
  numberFormat: string = NUMBER_FORMATS.integer,
): number[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const formats = rows.map((r) => r.map((v) => (typeof v === 'number' ? numberFormat : TEXT)));
  return fitColumnWidths(rows, formats, { columns, ...options });
}

describe('textWidth', () => {
  it('counts a CJK or full-width character about twice a Latin one', () => {
    expect(textWidth('王秀英')).toBeGreaterThan(1.8 * textWidth('abc'));
    expect(textWidth('（）')).toBeCloseTo(textWidth('王英'));
    expect(textWidth('ＡＢ')).toBeCloseTo(textWidth('王英'));
    expect(textWidth('Wang')).toBeLessThan(textWidth('王秀英'));
  });

  it('makes bold text wider and the empty string nothing', () => {
    expect(textWidth('合格数', true)).toBeGreaterThan(textWidth('合格数'));
    expect(textWidth('')).toBe(0);
  });
});

describe('displayed text', () => {
  it('shows money with its sign, grouping and two decimals', () => {
    expect(displayedNumber(12345.67, MONEY)).toBe('¥12,345.67');
    expect(displayedNumber(-3, MONEY)).toBe('-¥3.00');
    expect(displayedNumber(0.3333, `${MONEY}##`)).toBe('¥0.3333');
    expect(displayedNumber(2.5, `${MONEY}##`)).toBe('¥2.50');
  });

  it('shows counts grouped, rates ungrouped and percentages with one decimal', () => {
    expect(displayedNumber(1234567, NUMBER_FORMATS.integer)).toBe('1,234,567');
    expect(displayedNumber(1234.015, '"¥"0.00##')).toBe('¥1234.015');
    expect(displayedNumber(0.0123, NUMBER_FORMATS.percent)).toBe('1.2%');
    expect(displayedNumber(42, NUMBER_FORMATS.general)).toBe('42');
  });

  it('measures a money cell by its formatted text, not its raw number', () => {
    expect(textWidth(displayedText(12345.67, MONEY))).toBeGreaterThan(textWidth('12345.67'));
    expect(displayedText('=1+1', TEXT)).toBe('=1+1');
  });
});

describe('fitColumnWidths', () => {
  it('gives a column of long CJK names more room than one of short Latin IDs', () => {
    const widths = fit([
      ['R1', '欧阳娜娜丽莎'],
      ['R2', '王英'],
    ]);
    expect(widths[0]).toBe(WIDTH_STEPS[0]);
    expect(widths[1]).toBeGreaterThanOrEqual(textWidth('欧阳娜娜丽莎'));
    expect(widths[1]).toBeGreaterThan(fit([['R1', 'Ouyang']])[1] ?? Infinity);
  });

  it('fits money by its formatted text', () => {
    const [narrow] = fit([[5]], {}, MONEY);
    const [wide] = fit([[12345678.9]], {}, MONEY);
    expect(wide).toBeGreaterThan(narrow ?? Infinity);
    expect(wide).toBeGreaterThanOrEqual(textWidth('¥12,345,678.90'));
  });

  it('lets text run over empty cells on its right instead of widening its own column', () => {
    const title = '工资表 2026-11 一个很长的标题';
    const withRoom = fit([
      [title, ''],
      ['R1', '一个很长很长很长很长的名字'],
    ]);
    expect(withRoom[0]).toBe(WIDTH_STEPS[0]);
    // The same text with a neighbour cannot run over it, so its column widens.
    const [blocked] = fit([[title, 'x']]);
    expect(blocked).toBeGreaterThan(withRoom[0] ?? Infinity);
  });

  it('makes the columns text runs over hold it together, up to the next filled cell', () => {
    const label = 'Partner revenue (orders with a partner price)';
    const widths = fit([
      [label, '', 12345, 'x'],
      ['a', 'b', 1, 'y'],
    ]);
    expect((widths[0] ?? 0) + (widths[1] ?? 0)).toBeGreaterThanOrEqual(textWidth(label));
    expect(widths[0]).toBeLessThan(textWidth(label));
  });

  it('measures text in the last column: past the grid it would be cut in print', () => {
    const [, last] = fit([['R1', '一段很长很长的签名说明文字']]);
    expect(last).toBeGreaterThan(WIDTH_STEPS[0] ?? Infinity);
  });

  it('returns steps only, in at most MOST_RUNS runs of equal width', () => {
    const row = ['a', '王秀英王秀英', 'R1', '欧阳娜娜丽莎欧阳', 'x', '困难边缘户', 'y'];
    const widths = fit([row, row.map((v) => `${v}${v}`)]);
    expect(widths).toHaveLength(row.length);
    for (const w of widths) expect(WIDTH_STEPS).toContain(w);
    expect(runsOf(widths).length).toBeLessThanOrEqual(MOST_RUNS);
  });

  it('keeps within A4 landscape, the shrinkFirst columns giving way', () => {
    const longName = '一个非常非常非常非常长的名字';
    const rows: CellValue[][] = [
      ['编号', '姓名', '类别', '合格数', '不合格数', '计件工资', '调整', '实发', '签名'],
      ['R1', longName, '困难边缘户', 1234567, 12345, 12345678, 1234567, 12345678, ''],
    ];
    const unbounded = fit(rows, {}, MONEY);
    expect(unbounded.reduce((a, b) => a + b, 0)).toBeGreaterThan(A4_LANDSCAPE_PIXELS);
    const widths = fit(rows, { maxTotal: A4_LANDSCAPE_PIXELS, shrinkFirst: [1] }, MONEY);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(A4_LANDSCAPE_PIXELS);
    // The name is cut; the figures keep their full width.
    expect(widths[1]).toBeLessThan(textWidth(longName));
    expect(widths[7]).toBeGreaterThanOrEqual(textWidth('¥12,345,678.00'));
  });

  it('gives a room its pixels, e.g. a chart over the first four columns', () => {
    const rows: CellValue[][] = [['a', 'b', 'c', 'd', 'e', 'f']];
    const plain = fit(rows);
    expect(plain.slice(0, 4).reduce((a, b) => a + b, 0)).toBeLessThan(400);
    const widths = fit(rows, { rooms: [{ first: 0, count: 4, pixels: 400 }] });
    expect(widths.slice(0, 4).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(400);
    expect(runsOf(widths).length).toBeLessThanOrEqual(MOST_RUNS);
  });
});

describe('the month tabs as generated', () => {
  const now = new Date('2026-12-03T02:00:00Z');
  const tabsIn = (lang: 'zh' | 'en'): GeneratedTab[] => {
    const book = new MemoryWorkbook(monthTabs(handMonth(), lang));
    generateMonth(book, { month: '2026-11', now, today: '2026-12-03' });
    return [...book.generated.values()];
  };
  const sum = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0);

  it.each(['zh', 'en'] as const)('fit A4 landscape in few runs (%s)', (lang) => {
    const tabs = tabsIn(lang);
    expect(tabs).toHaveLength(3);
    for (const tab of tabs) {
      expect(sum(tab.columnWidths)).toBeLessThanOrEqual(A4_LANDSCAPE_PIXELS);
      expect(runsOf(tab.columnWidths).length).toBeLessThanOrEqual(MOST_RUNS);
      // Nothing is narrower than what its header labels need: on one line, or wrapped (issue
      // 22: headers wrap, on a row as tall as their lines) with their longest word whole.
      const header = tab.cells.findIndex((row) => row[0] === (lang === 'zh' ? '编号' : 'ID'));
      if (header < 0) continue;
      tab.cells[header]?.forEach((label, c) => {
        const needs =
          tab.wraps?.[header]?.[c] === true
            ? longestWordWidth(String(label), true)
            : textWidth(String(label), true);
        expect(tab.columnWidths[c]).toBeGreaterThanOrEqual(needs);
      });
    }
  });

  it.each(['zh', 'en'] as const)(
    'keep the summary charts apart and off the print edge (%s)',
    (lang) => {
      const summary = tabsIn(lang).find((tab) => tab.charts.length > 0);
      expect(summary?.charts).toHaveLength(2);
      const [first, second] = summary?.charts ?? [];
      const widths = summary?.columnWidths ?? [];
      // Pixels from column A to the left edge of a 1-based column.
      const leftOf = (column: number) => sum(widths.slice(0, column - 1));
      expect(first && second).toBeTruthy();
      if (!first || !second) return;
      expect(leftOf(first.anchor.column) + first.width).toBeLessThan(leftOf(second.anchor.column));
      expect(leftOf(second.anchor.column) + second.width).toBeLessThanOrEqual(sum(widths));
      expect(first.width).toBe(CHART_WIDTH);
    },
  );
});
