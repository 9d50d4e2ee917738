/**
 * 年度报表 / Year report from the menu in the emulator: the prompt, the three tabs, totals equal
 * to the closed payouts to the fen, protection and the Impact chart, English, and the call budget
 * on a year of 60,000 Pieces rows (through the Sheets advanced service; and without it).
 */
import { readFileSync } from 'node:fs';
import { showYearReportDialog } from '../../src/apps-script/yearJobs';
import { onOpen } from '../../src/apps-script/menu';
import { bigYearPieces, closedYearTabs, monthsBetween } from '../support/yearLedger';
import { type Installed, callsOf, installEmulator } from './support';
import { PROJECT_MANIFEST } from '../emulator';

const WITHOUT_SHEETS_API = {
  oauthScopes: (JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8')) as { oauthScopes: string[] })
    .oauthScopes,
};

let installed: Installed;
afterEach(() => installed.uninstall());

/**
 * The test workshop closed through October 2026 (closedYearTabs), seeded into the emulator;
 * `morePieces` rows added to 计件 for the budgets (Year compares no fingerprint).
 */
function seeded(options: { lang?: 'zh' | 'en'; sheetsApi?: boolean; morePieces?: number } = {}) {
  const lang = options.lang ?? 'zh';
  installed = installEmulator({
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    now: () => new Date('2027-01-15T02:00:00Z'),
    ...(options.sheetsApi === false ? { manifest: WITHOUT_SHEETS_API } : {}),
  });
  const pieces = lang === 'zh' ? '计件' : 'Pieces';
  for (const [name, values] of Object.entries(closedYearTabs(lang))) {
    const extra = name === pieces ? bigYearPieces(options.morePieces ?? 0) : [];
    installed.emulator.seed(name, [...values, ...extra]);
  }
}

function runYear(answer: string): void {
  installed.emulator.ui.answerNextPrompt(answer, 'OK');
  installed.emulator.execution(() => showYearReportDialog());
}

/** 实发合计 / Total net pay of each closing of `year`, in fen, by month. */
function closedNetPay(rows: unknown[][], year: number): Map<string, number> {
  const header = rows[0] ?? [];
  const month = header.indexOf('月份');
  const netPay = header.indexOf('实发合计');
  return new Map(
    rows
      .slice(1)
      .filter((row) => String(row[month]).startsWith(`${year}-`))
      .map((row) => [String(row[month]), Math.round(Number(row[netPay]) * 100)]),
  );
}

describe('年度报表 / Year report', () => {
  it('is in the menu, beside Archive a year', () => {
    seeded();
    installed.emulator.execution(() => onOpen());
    const items = (installed.emulator.ui.menus.at(-1)?.items ?? []).map((item) =>
      item === 'separator' ? item : item.functionName,
    );
    const at = items.indexOf('showYearReportDialog');
    expect(items.slice(at - 1, at + 3)).toEqual([
      'separator',
      'showYearReportDialog',
      'showArchiveYearDialog',
      'separator',
    ]);
  });

  it('writes Year, Statements and Impact; totals are the closed payouts to the fen', () => {
    seeded();
    runYear('2026');
    const { emulator } = installed;
    const [prompt] = emulator.ui.prompts;
    expect(prompt?.title).toBe('年度报表');
    expect(prompt?.message).toContain('留空为 2026');
    expect(emulator.ui.alerts.at(-1)?.message).toMatch(/^已生成 2026 年的年度报表：12 位居民/);
    const year = emulator.peek('年度 2026');
    const totalRow = year.find((row) => row[0] === '合计') ?? [];
    const header = year.find((row) => row[0] === '编号') ?? [];
    const yearTotal = Math.round(Number(totalRow[header.indexOf('全年合计')]) * 100);
    // What each closing recorded as paid: the closed payout's total.
    const closings = closedNetPay(emulator.peek('结账'), 2026);
    const closed = monthsBetween('2026-01', '2026-10');
    expect([...closings.keys()]).toEqual(closed);
    const payouts = closed.map((month) => closings.get(month) ?? NaN);
    expect(yearTotal).toBe(payouts.reduce((sum, fen) => sum + fen, 0));
    closed.forEach((month, i) => {
      expect(Math.round(Number(totalRow[3 + i]) * 100)).toBe(payouts[i]);
    });
    // November and December are drafts, apart, not in the total.
    expect(totalRow[3 + 10]).toBe('');
    expect(year.some((row) => String(row[0]).startsWith('草稿'))).toBe(true);
    expect(emulator.peek('收入明细 2026')[0]?.[0]).toBe('年度收入明细 2026');
    expect(emulator.peek('成效 2026')[0]?.[0]).toBe('年度成效 2026');
  });

  it('protects the new tabs (warning only) and draws the Impact chart once', () => {
    seeded();
    runYear('');
    runYear('2026');
    const sheet = installed.emulator.spreadsheet.getSheetByName('成效 2026');
    const protections = sheet?.getProtections(SpreadsheetApp.ProtectionType.SHEET) ?? [];
    expect(protections).toHaveLength(1);
    expect(protections[0]?.isWarningOnly()).toBe(true);
    const charts = sheet?.getCharts() ?? [];
    expect(charts).toHaveLength(1);
    const range = charts[0]?.getRanges()[0];
    expect(range?.getA1Notation()).toMatch(/^A\d+:B\d+$/);
    const rows = installed.emulator.peek('成效 2026');
    const top = Number(/^A(\d+)/.exec(range?.getA1Notation() ?? '')?.[1]);
    expect(rows[top - 1]?.[0]).toBe('季度');
    expect(rows[top]?.[0]).toBe('第一季度');
  });

  it('speaks English in an English sheet', () => {
    seeded({ lang: 'en' });
    runYear('2026');
    const { emulator } = installed;
    expect(emulator.ui.alerts.at(-1)?.message).toMatch(/^Year report for 2026: 12 residents/);
    expect(emulator.peek('Year 2026')[0]?.[0]).toBe('Net pay 2026');
    expect(emulator.peek('Impact 2026')[0]?.[0]).toBe('Impact 2026');
    expect(emulator.peek('Statements 2026')[0]?.[0]).toBe('Statement of earnings 2026');
  });

  it('refuses a year that is not one, in words', () => {
    seeded();
    runYear('二〇二六');
    expect(installed.emulator.ui.alerts.at(-1)?.message).toBe(
      '「二〇二六」不是年份，请填写四位数的年份，如 2026。',
    );
    expect(installed.emulator.spreadsheet.getSheetByName('年度 2026')).toBeNull();
  });

  describe('service calls on a year of 60,000 Pieces rows', () => {
    function budget(sheetsApi: boolean, morePieces = 60_000) {
      seeded({ morePieces, sheetsApi });
      const first = callsOf(installed.emulator, () => runYear('2026'));
      const again = callsOf(installed.emulator, () => runYear('2026'));
      const pieces = installed.emulator.peek('计件').length - 1;
      installed.uninstall();
      return {
        first: first.total,
        again: again.total,
        pieces,
        byMethod: first.byMethod,
        againBy: again.byMethod,
      };
    }

    it('≤ 40 through the Sheets advanced service, first run and again', () => {
      const { first, again, pieces, byMethod } = budget(true);
      installed = installEmulator();
      expect(pieces).toBeGreaterThanOrEqual(60_000);
      process.stderr.write(`Year report, 60,000 rows, with the API: ${first}, again ${again}\n`);
      expect(first).toBeLessThanOrEqual(40);
      expect(again).toBeLessThanOrEqual(40);
      expect(byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
      expect(byMethod['Sheets.Spreadsheets.Values.batchGet']).toBe(1);
    });

    it('works without the advanced service, at more calls that do not grow with the rows', () => {
      const big = budget(false);
      const small = budget(false, 0);
      installed = installEmulator();
      process.stderr.write(
        `Year report without the API: ${big.first}, again ${big.again} (60,000 rows); ${small.first}, ${small.again} (${small.pieces} rows)\n`,
      );
      // What depends on the figures, not on the rows: widths fitted to them on a first run
      // (one call per run of equal widths), and wrapping when a month is over the threshold.
      const rowBound = (byMethod: Record<string, number>) =>
        Object.entries(byMethod).filter(
          ([method]) => method !== 'Sheet.setColumnWidths' && method !== 'Range.setWrapStrategies',
        );
      expect(rowBound(big.againBy)).toEqual(rowBound(small.againBy));
      expect(rowBound(big.byMethod)).toEqual(rowBound(small.byMethod));
    });
  });
});
