/**
 * The demo workshop's Summary, in each language, measured with the width estimator: every text
 * either fits the columns it may take (its own, and the empty ones it runs over) or wraps, and a
 * wrapped text's longest word fits its column (issue 13: products, problems and a key-figure
 * label were cut on the printed page).
 */
import { buildSample } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { setUpWorkbook } from '../../src/features/setUp';
import { generateMonth } from '../../src/features/generateMonth';
import {
  A4_LANDSCAPE_PIXELS,
  DATE_PIXELS,
  displayedText,
  longestWordWidth,
  textWidth,
} from '../../src/features/reports/widths';
import type { GeneratedTab } from '../../src/workbook/port';

/** Space a cell leaves around its text, as the estimator counts it. */
const PADDING = 12;

function demoSummary(lang: 'en' | 'zh-CN'): GeneratedTab {
  const sample = buildSample('2026-11-28', lang);
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: lang });
  writeSample(workbook, sample.tabs, lang, 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const written: GeneratedTab[] = [];
  jest.spyOn(workbook, 'replaceGeneratedTab').mockImplementation((tab) => void written.push(tab));
  generateMonth(workbook, {
    month: sample.month,
    now: new Date('2026-11-28T08:00:00Z'),
    today: '2026-11-28',
  });
  const summary = written.find((tab) => tab.charts.length > 0);
  if (!summary) throw new Error('no Summary written');
  return summary;
}

/** Texts that neither fit nor wrap, as "B57 Rhinestone phone cases: 163 > 100 px". */
function cutTexts(tab: GeneratedTab): string[] {
  const cut: string[] = [];
  tab.cells.forEach((row, r) => {
    row.forEach((value, c) => {
      if (typeof value !== 'string' || value === '') return;
      const text = displayedText(value, tab.numberFormats[r]?.[c] ?? 'General');
      const bold = tab.boldRows.includes(r);
      let span = 1;
      while (c + span < row.length && row[c + span] === '') span += 1;
      const own = tab.columnWidths[c] ?? 0;
      const wraps = tab.wraps?.[r]?.[c] === true;
      const room = wraps ? own : tab.columnWidths.slice(c, c + span).reduce((a, b) => a + b, 0);
      const needs = wraps ? longestWordWidth(text, bold) : textWidth(text, bold) + PADDING;
      const where = `${String.fromCharCode(65 + c)}${r + 1}`;
      if (needs > room) cut.push(`${where} ${text}: ${Math.round(needs)} > ${room} px`);
    });
  });
  return cut;
}

describe.each(['en', 'zh-CN'] as const)('the %s Summary of the demo workshop', (lang) => {
  const tab = demoSummary(lang);

  test('every text fits its columns or wraps', () => {
    expect(cutTexts(tab)).toEqual([]);
    expect(tab.columnWidths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(A4_LANDSCAPE_PIXELS);
  });

  test('long products wrap in their column; the Due column holds a whole date', () => {
    const header = tab.cells.findIndex((row) => row[7] === (lang === 'en' ? 'Due' : '交货日期'));
    expect(header).toBeGreaterThan(0);
    expect(tab.wraps?.[header + 1]?.[1]).toBe(true);
    expect(tab.columnWidths[7]).toBeGreaterThanOrEqual(DATE_PIXELS);
  });
});

test('the check sees a cut: without wraps the English products do not fit', () => {
  const tab = demoSummary('en');
  const { wraps: _wraps, ...unwrapped } = tab;
  expect(cutTexts(unwrapped).some((cut) => cut.includes('Suzhou-embroidered coasters'))).toBe(true);
});
