/**
 * The Generate and Close dialogs as built (dist/apps-script/*.html), in chromium, talking to the
 * real endpoints over the emulated Apps Script through the google.script.run rules.
 */
import path from 'node:path';
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { describeInBrowser, launchBrowser, openPage, screenshot } from '../support/browser';
import type { BrowserSession, OpenedPage } from '../support/browser';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/bundle';
import { handMonth, monthTabs, pieceRow } from '../support/monthWorkbook';

const DIALOG = { width: 460, height: 440 };
/** `SCREENSHOTS=1 npx jest test/browser/monthDialogs.test.ts` refreshes the README's pictures. */
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : null;

async function picture(page: Page, name: string): Promise<void> {
  if (SHOTS) await screenshot(page, path.join(SHOTS, name));
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An embedded chart drawn as a plain SVG line or column chart of its range (labels, values). */
function chartAsSvg(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): string {
  const options = chart.getOptions();
  const width = Number(options.get('width'));
  const height = Number(options.get('height'));
  const title = String(options.get('title') ?? '');
  const data = (chart.getRanges()[0]?.getValues() ?? []).slice(1);
  const labels = data.map((row) => String(row[0]).slice(5));
  const values = data.map((row) => Number(row[1]) || 0);
  const max = Math.max(1, ...values);
  const plot = { left: 40, top: 34, right: width - 12, bottom: height - 28 };
  const step = (plot.right - plot.left) / Math.max(1, values.length);
  const y = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const x = (i: number) => plot.left + step * (i + 0.5);
  const line = String(chart.modify().getChartType()) === String(Charts.ChartType.LINE);
  const marks = line
    ? `<polyline fill="none" stroke="#4285f4" stroke-width="2" points="${values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}"/>` +
      values.map((v, i) => `<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="#4285f4"/>`).join('')
    : values
        .map(
          (v, i) =>
            `<rect x="${x(i) - step * 0.3}" y="${y(v)}" width="${step * 0.6}" height="${plot.bottom - y(v)}" fill="#4285f4"/>`,
        )
        .join('');
  const ticks = labels
    .map((l, i) => `<text x="${x(i)}" y="${plot.bottom + 16}" text-anchor="middle">${l}</text>`)
    .join('');
  return `<svg width="${width}" height="${height}" style="font:11px sans-serif;fill:#5f6368">
    <rect width="${width}" height="${height}" fill="#fff" stroke="#dadce0"/>
    <text x="12" y="20" style="font-size:13px;fill:#202124">${escape(title)}</text>
    <line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#9aa0a6"/>
    <text x="${plot.left - 4}" y="${plot.top + 4}" text-anchor="end">${max.toLocaleString('en')}</text>
    ${marks}${ticks}</svg>`;
}

/** A generated tab as Sheets would show it: display values, bold rows, column widths, charts. */
function tabAsHtml(tab: string): string {
  const sheet = emulator.spreadsheet.getSheetByName(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const range = sheet.getDataRange();
  const shown = range.getDisplayValues();
  const values = range.getValues();
  const weights = range.getFontWeights();
  const widths = shown[0]?.map((_, i) => sheet.getColumnWidth(i + 1)) ?? [];
  // Each chart floats over the cells from its anchor, as in Sheets.
  const charts = new Map<string, string>();
  for (const chart of sheet.getCharts()) {
    const at = chart.getContainerInfo();
    const key = `${at.getAnchorRow() - 1},${at.getAnchorColumn() - 1}`;
    charts.set(
      key,
      `<div style="position:absolute;left:0;top:0;z-index:1">${chartAsSvg(chart)}</div>`,
    );
  }
  const rows = shown
    .map((row, r) => {
      const cells = row.map((text, c) => {
        const bold = weights[r]?.[c] === 'bold' ? 'font-weight:bold;' : '';
        // Numbers sit right, text (even 007, kept as text) left, as in Sheets.
        const right = typeof values[r]?.[c] === 'number' ? 'text-align:right;' : '';
        const chart = charts.get(`${r},${c}`);
        if (chart) return `<td style="position:relative;overflow:visible">${chart}</td>`;
        // Like Sheets, text runs over into the next cell when that one is empty.
        const spill = !right && row[c + 1] === '' ? 'overflow:visible;' : '';
        return `<td style="${bold}${right}${spill}">${escape(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const cols = widths.map((w) => `<col style="width:${w}px">`).join('');
  const width = widths.reduce((a, b) => a + b, 0);
  return `<html><head><meta charset="utf-8"><style>
    body{margin:8px;font:13px 'Noto Sans CJK SC',Arial,sans-serif}
    table{border-collapse:collapse;table-layout:fixed}
    td{border:1px solid #e0e0e0;padding:0 4px;height:20px;line-height:20px;white-space:nowrap;overflow:hidden}
    caption{text-align:left;padding:4px 0;color:#5f6368}
  </style></head><body><table style="width:${width}px"><caption>${escape(tab)}</caption>${cols}${rows}</table></body></html>`;
}

let session: BrowserSession;
let emulator: Emulator;
let uninstall: () => void;

function seed(extraPieces: ReturnType<typeof pieceRow>[] = []): void {
  emulator = createEmulator({ locale: 'zh_CN' });
  const sheets = handMonth();
  sheets.pieces.push(...extraPieces);
  for (const [name, rows] of Object.entries(monthTabs(sheets))) emulator.seed(name, rows);
  // The endpoints run in this process and call the services as globals.
  const realConsole = console;
  uninstall = emulator.install(globalThis);
  globalThis.console = realConsole;
}

async function open(page: 'generate-month' | 'close-month'): Promise<OpenedPage> {
  const opened = await openPage(session, {
    page,
    endpoints: endpoints as unknown as Record<string, unknown>,
    emulator,
    viewport: DIALOG,
  });
  await opened.page.waitForFunction(() => document.querySelectorAll('#month option').length > 0);
  return opened;
}

async function statusText(opened: OpenedPage, tone: string): Promise<string> {
  await opened.page.waitForSelector(`#status.${tone}`);
  return (await opened.page.textContent('#status')) ?? '';
}

describeInBrowser('the month dialogs', () => {
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(() => uninstall?.());

  it('Generate: shows Chinese labels, builds the month, reports the net pay', async () => {
    seed();
    const opened = await open('generate-month');
    expect(await opened.page.textContent('#generate')).toBe('生成');
    expect(await opened.page.textContent('label[for=month]')).toBe('月份');
    await opened.page.selectOption('#month', '2026-11');
    await picture(opened.page, 'generate-dialog.png');
    await opened.page.click('#generate');
    const text = await statusText(opened, 'ok');
    expect(text).toContain('2026-11 已生成：5 人，实发合计 ¥64.23');
    expect(emulator.peek('工资 2026-11').length).toBeGreaterThan(10);
    expect(opened.serverCalls.map((c) => c.name)).toEqual([
      'monthDialogInfo',
      'generateMonthFromDialog',
    ]);
    await opened.page.click('#cancel');
    expect(opened.host.closed).toBe(true);
    expect(opened.errors).toEqual([]);
    if (SHOTS) {
      const sheet = await session.context.newPage();
      await sheet.setViewportSize({ width: 1000, height: 600 });
      for (const [tab, file] of [
        ['工资 2026-11', 'payout-tab.png'],
        ['工资条 2026-11', 'payslips-tab.png'],
        ['汇总 2026-11', 'summary-tab.png'],
      ] as const) {
        await sheet.setContent(tabAsHtml(tab));
        await picture(sheet, file);
      }
      await sheet.close();
    }
  });

  it('Close: lists the rows that block the month and keeps the button off', async () => {
    seed([pieceRow('2026-11-20', 'R1', 'A', 3, 4)]);
    const opened = await open('close-month');
    await opened.page.selectOption('#month', '2026-11');
    const text = await statusText(opened, 'refused');
    expect(text).toContain('2026-11 有 1 行错误，不能结账');
    expect(await opened.page.textContent('#details')).toContain('第 10 行');
    expect(await opened.page.isDisabled('#close')).toBe(true);
    await picture(opened.page, 'close-dialog-blocked.png');
    expect(emulator.spreadsheet.getSheetByName('结账')).toBeNull();
  });

  it('Close: closes a clean month and records it', async () => {
    seed();
    const opened = await open('close-month');
    await opened.page.selectOption('#month', '2026-11');
    expect(await statusText(opened, 'info')).toContain('2026-11 可以结账：5 人，实发合计 ¥64.23');
    await opened.page.waitForFunction(
      () => !(document.getElementById('close') as HTMLButtonElement).disabled,
    );
    // Without a name the dialog asks for one and closes nothing.
    await opened.page.click('#close');
    expect(await statusText(opened, 'refused')).toContain('请填写结账人姓名');
    expect(emulator.spreadsheet.getSheetByName('结账')).toBeNull();
    await opened.page.fill('#closer-name', '王老师');
    await opened.page.click('#close');
    expect(await statusText(opened, 'ok')).toContain('2026-11 已结账');
    expect(emulator.peek('结账')[1]?.slice(0, 3)).toEqual([
      '2026-11',
      expect.any(String),
      '王老师',
    ]);
    expect(opened.errors).toEqual([]);
  });

  it('Close: the current month before its last day needs a confirm step', async () => {
    seed();
    const opened = await open('close-month');
    const current = await opened.page.evaluate(
      () => (document.querySelector('#month option') as HTMLOptionElement).value,
    );
    await opened.page.selectOption('#month', current);
    const text = await statusText(opened, 'refused');
    expect(text).toContain(`结账 ${current} 前请确认以下情况`);
    await opened.page.waitForFunction(
      () => !(document.getElementById('close') as HTMLButtonElement).disabled,
    );
    expect(await opened.page.textContent('#close')).toBe('确认结账');
    await opened.page.fill('#closer-name', '王老师');
    await opened.page.click('#close');
    expect(await statusText(opened, 'ok')).toContain(`${current} 已结账`);
    expect(opened.errors).toEqual([]);
  });
});
