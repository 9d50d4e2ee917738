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
/** `npm run pictures` refreshes the dialogs' pictures (the tabs' are in pictures.test.ts). */
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : null;

async function picture(page: Page, name: string): Promise<void> {
  if (SHOTS) await screenshot(page, path.join(SHOTS, name));
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
    // Every label the page fills from the catalogue has its words (none left out of the build).
    const unlabelled = await opened.page.$$eval('[data-text]', (elements) =>
      elements.filter((e) => !e.textContent?.trim()).map((e) => e.getAttribute('data-text')),
    );
    expect(unlabelled).toEqual([]);
    expect(await opened.page.textContent('label[for=partners]')).toContain('合作单位');
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

  it('Close: "busy" while a colleague runs something leaves Close on, to try again', async () => {
    seed();
    const opened = await open('close-month');
    await opened.page.selectOption('#month', '2026-11');
    await statusText(opened, 'info');
    await opened.page.fill('#closer-name', '王老师');
    const release = emulator.holdDocumentLock();
    await opened.page.click('#close');
    expect(await statusText(opened, 'refused')).toContain('另一个操作正在运行');
    await opened.settled();
    release();
    // Before: Close stayed off, and only a Check (which the message does not mention) woke it.
    expect(await opened.page.isDisabled('#close')).toBe(false);
    expect(await opened.page.evaluate(() => document.activeElement?.id)).toBe('close');
    await opened.page.keyboard.press('Enter');
    expect(await statusText(opened, 'ok')).toContain('2026-11 已结账');
  });

  it.each(['generate-month', 'close-month'] as const)(
    '%s: months that could not be read are offered again with Retry',
    async (page) => {
      seed();
      let fail = true;
      const failing = {
        ...endpoints,
        monthDialogInfo: () => {
          if (fail) throw new Error('Service invoked too many times for one day: spreadsheets.');
          return endpoints.monthDialogInfo();
        },
      };
      const opened = await openPage(session, {
        page,
        endpoints: failing as unknown as Record<string, unknown>,
        emulator,
        viewport: DIALOG,
      });
      // Before: the reason alone, every button off but Cancel: only closing the dialog helped.
      expect(await statusText(opened, 'refused')).toContain('请过一分钟再试');
      expect(await opened.page.evaluate(() => document.activeElement?.id)).toBe('retry');
      fail = false;
      await opened.page.keyboard.press('Enter');
      await opened.page.waitForFunction(
        () => document.querySelectorAll('#month option').length > 0,
      );
      await opened.settled();
      expect(await opened.page.isDisabled('#month')).toBe(false);
      expect(await opened.page.evaluate(() => document.activeElement?.id)).toBe('month');
      if (page === 'generate-month') expect(await opened.page.isDisabled('#generate')).toBe(false);
      expect(opened.errors).toEqual([]);
    },
  );

  it('Close: the current month before its last day needs a confirm step', async () => {
    seed();
    const opened = await open('close-month');
    const current = await opened.page.evaluate(
      () => (document.querySelector('#month option') as HTMLOptionElement).value,
    );
    await opened.page.selectOption('#month', current);
    const text = await statusText(opened, 'refused');
    expect(text).toContain(`结账 ${current} 前请确认以下情况；确认无误后再结账：`);
    // Staff in Sheets have no command line: its --force is the CLI's own hint (cliCloseForceHint).
    expect(text).not.toContain('--force');
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
