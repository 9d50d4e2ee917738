/** The demo's sample data: deterministic, dated relative to today, with its deliberate mistakes. */
import { buildSample } from '../../src/cli/demo/sample';
import type { SampleCell } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { XlsxWorkbook } from '../../src/xlsx/xlsxWorkbook';
import { loadLedger } from '../../src/features/loadLedger';
import { setUpWorkbook } from '../../src/features/setUp';

const dateOf = (cell: SampleCell | undefined) =>
  typeof cell === 'object' && cell !== null ? cell.date : String(cell);

test('the same day gives the same rows; another day shifts the months', () => {
  expect(buildSample('2026-11-28', 'zh-CN')).toEqual(buildSample('2026-11-28', 'zh-CN'));
  const november = buildSample('2026-11-28', 'en');
  expect(november.months).toEqual(['2026-09', '2026-10', '2026-11']);
  expect(buildSample('2026-12-05', 'en').month).toBe('2026-11');
  expect(buildSample('2027-01-20', 'en').months).toEqual(['2026-11', '2026-12', '2027-01']);
});

test('about 30 residents in every category, 5 partners, 10 orders, three months of pieces', () => {
  const sample = buildSample('2026-11-28', 'zh-CN');
  const rows = Object.fromEntries(sample.tabs.map((tab) => [tab.spec.key, tab.rows]));
  expect(rows.residents).toHaveLength(30);
  expect(new Set(rows.residents?.map((row) => row[3]))).toEqual(
    new Set(['困难户', '困难边缘户', '退休', '家庭主妇', '其他']),
  );
  expect(rows.partners).toHaveLength(5);
  expect(rows.orders).toHaveLength(10);
  const months = new Set(rows.pieces?.map((row) => dateOf(row[0]).slice(0, 7)));
  expect([...months].filter((m) => m.startsWith('2026-')).sort()).toEqual(
    expect.arrayContaining(['2026-09', '2026-10', '2026-11']),
  );
  // Pieces stop the day before today, never in the future.
  const latest = rows.pieces
    ?.map((row) => dateOf(row[0]))
    .filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date) && date.startsWith('2026-11'))
    .sort()
    .pop();
  expect(latest && latest < '2026-11-28').toBe(true);
  const rates = rows.orders?.map((row) => row[4]);
  expect(rates).toEqual(expect.arrayContaining([0.03, 1.5, 6.5]));
});

test('through Set up and Check data, exactly the planted mistakes are reported', () => {
  const sample = buildSample('2026-11-28', 'en');
  const workbook = XlsxWorkbook.create({ timeZone: 'Asia/Shanghai', envLang: 'en' });
  writeSample(workbook, sample.tabs, 'en', 'Asia/Shanghai');
  setUpWorkbook(workbook);
  const problems = loadLedger(workbook, { today: '2026-11-28' }).problems;
  expect(problems.map((p) => `${p.severity} ${p.tab} ${p.code}`).sort()).toEqual(
    [
      'error adjustments amountUnreadable',
      'error pieces dateImpossible',
      'error pieces duplicateEntry',
      'error pieces duplicateEntry',
      'error pieces notWholeNumber',
      'error pieces rejectedOverCompleted',
      'error pieces residentUnknown',
      'warning pieces quantityExceeded',
      'warning pieces residentInactive',
    ].sort(),
  );
});
