/**
 * The daily sidebars in chromium as Sheets shows them: a workshop seeded into the emulator, the
 * page the menu item shows written to a file and opened at 300 px with a google.script.run
 * that drives the real endpoints (which a test may hold, delay or lose: ReplyControl).
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createEmulator, type Emulator } from '../emulator';
import * as entry from '../../src/apps-script/entry';
import { MENU_FUNCTIONS } from '../../src/apps-script/menu';
import { APPS_SCRIPT_DIR, requireBuilt } from './bundle';
import { openPage, type BrowserSession, type OpenedPage, type ReplyControl } from './browser';
import { pieceRows, seedWorkshop } from '../apps-script/support';
import { EN_HEADERS } from './ledgerSheets';

export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '</script><script>alert(1)</script>';
export const SIDEBAR_PAGES = [
  'record-pieces',
  'resident-lookup',
  'new-resident',
  'new-order',
] as const;
export type SidebarPage = (typeof SIDEBAR_PAGES)[number];
const MENU_ITEM: Record<SidebarPage, keyof typeof MENU_FUNCTIONS> = {
  'record-pieces': 'recordPieces',
  'resident-lookup': 'lookUp',
  'new-resident': 'newResident',
  'new-order': 'newOrder',
};

/** Text as a person reads it: without the invisible isolates (FSI, PDI) around sheet values. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/[\u2066-\u2069]/g, '');
}

export class SidebarWorkshop {
  emulator!: Emulator;
  private uninstallEmulator: () => void = () => undefined;
  /** Messages of alert(), confirm() and the like: a page must never open one. */
  readonly dialogs: string[] = [];

  constructor(
    private readonly session: () => BrowserSession,
    private readonly workDir: () => string,
  ) {}

  /** The demo-like workshop (zh or en tabs), with residents named like HTML and script. */
  seed(
    lang: 'zh' | 'en' = 'zh',
    extraResidents: unknown[][] = [],
    pieces: unknown[][] = pieceRows(30),
  ): void {
    requireBuilt();
    const htmlFiles = Object.fromEntries(
      SIDEBAR_PAGES.map((page) => [
        page,
        readFileSync(path.join(APPS_SCRIPT_DIR, `${page}.html`), 'utf8'),
      ]),
    );
    this.emulator = createEmulator({ locale: lang === 'zh' ? 'zh_CN' : 'en_US', htmlFiles });
    const emulator = this.emulator;
    // Some of this month's work, so the look-up card has something to show (today by the clock).
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    seedWorkshop(emulator, [
      ...pieces,
      [today, 'R1', 'O1', 40, 2, '王老师', '', 'TODAY1'],
      [today, 'R1', 'O2', 6, 0, '王老师', '', 'TODAY2'],
    ]);
    const residents = emulator.peek('居民');
    residents.push(['R4', XSS_IMG, '13912345678', '其他', '', '2026-05-01', '是', '']);
    residents.push(['R5', XSS_SCRIPT, '', '其他', '', '2026-05-01', '否', '']);
    residents.push(...extraResidents);
    emulator.seed('居民', residents);
    if (lang === 'en') {
      // The same workshop with English tabs, headers and Language setting.
      const renamed: Record<string, [string, keyof typeof EN_HEADERS]> = {
        居民: ['Residents', 'residents'],
        合作单位: ['Partners', 'partners'],
        订单: ['Orders', 'orders'],
        计件: ['Pieces', 'pieces'],
        调整: ['Adjustments', 'adjustments'],
      };
      for (const [zh, [en, key]] of Object.entries(renamed)) {
        const rows = emulator.peek(zh);
        emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName(zh) as never);
        emulator.seed(en, [EN_HEADERS[key], ...rows.slice(1)]);
      }
      emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName('设置') as never);
      emulator.seed('Settings', [
        EN_HEADERS.settings,
        ['Organization', 'Sunny Workshop'],
        ['Currency', '¥'],
        ['Language', 'en'],
      ]);
    }
    const realConsole = console;
    this.uninstallEmulator = emulator.install(globalThis);
    globalThis.console = realConsole;
  }

  uninstall(): void {
    this.uninstallEmulator();
    this.uninstallEmulator = () => undefined;
  }

  /** Runs the menu item as Apps Script would, and opens the page it showed in the sidebar. */
  async openFromMenu(
    page: SidebarPage,
    options: {
      endpoints?: Record<string, unknown>;
      replies?: ReplyControl;
      viewport?: { width: number; height: number };
    } = {},
  ): Promise<OpenedPage> {
    const emulator = this.emulator;
    emulator.execution(() => entry.onOpen());
    const functionName = MENU_FUNCTIONS[MENU_ITEM[page]];
    const menu = emulator.ui.menus[0];
    if (!menu?.items.some((item) => item !== 'separator' && item.functionName === functionName))
      throw new Error(`the menu has no item for ${page}`);
    emulator.execution(() => (entry as unknown as Record<string, () => void>)[functionName]?.());
    const sidebar = emulator.ui.dialogs.at(-1);
    if (sidebar?.kind !== 'sidebar' || sidebar.width !== 300)
      throw new Error(`${page} was not shown as a 300 px sidebar`);
    const file = path.join(this.workDir(), `${page}-${emulator.ui.dialogs.length}.html`);
    await writeFile(file, sidebar.html ?? '');
    const opened = await openPage(this.session(), {
      page: file,
      endpoints: options.endpoints ?? entry,
      emulator,
      ...(options.replies ? { replies: options.replies } : {}),
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
    opened.page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await opened.settled();
    return opened;
  }

  pieces(): unknown[][] {
    return this.emulator.peek(this.emulator.spreadsheet.getSheetByName('计件') ? '计件' : 'Pieces');
  }
}

/** Types into the resident box as a pinyin input method would, then picks with Enter. */
export async function pickResident(page: Page, typed: string, expected: string): Promise<void> {
  await page.fill('#resident', '');
  await page.focus('#resident');
  await page.keyboard.type(typed);
  await page.waitForSelector(`#residents li.active >> text=${expected}`);
  await page.keyboard.press('Enter');
}

/** A composition in progress: its Enter (isComposing, and keyCode 229) must do nothing. */
export async function composingEnter(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const field = document.querySelector(sel) as HTMLElement;
    field.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    field.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        isComposing: true,
        bubbles: true,
        cancelable: true,
      }),
    );
    const legacy = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    Object.defineProperty(legacy, 'keyCode', { value: 229 });
    field.dispatchEvent(legacy);
    field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '' }));
  }, selector);
}

/** A line typed with the keyboard only: resident, Enter, counts, Enter, Enter, Enter. */
export async function addLine(
  page: Page,
  typed: string,
  expected: string,
  completed: string,
  rejected: string,
): Promise<void> {
  await pickResident(page, typed, expected);
  if ((await page.evaluate(() => document.activeElement?.id)) !== 'completed')
    throw new Error('picking a resident did not move on to Completed');
  await page.keyboard.type(completed);
  await page.keyboard.press('Enter');
  await page.keyboard.type(rejected);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
}

/** What has focus: an element's id, or 'BODY' when focus was dropped. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) return 'BODY';
    return active.id || `${active.tagName}:${active.textContent ?? ''}`;
  });
}
