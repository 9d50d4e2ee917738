/**
 * The sidebars as staff use them entering a pile of paper slips (chromium at 300 px, the real
 * endpoints over the emulator): what a stray key, a changed date or a list read before a
 * colleague's edit would otherwise let through unseen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  describeInBrowser,
  launchBrowser,
  replyGate,
  type BrowserSession,
} from '../support/browser';
import { SidebarWorkshop, addLine, focused, plain } from '../support/sidebarPages';

let session: BrowserSession;
let workDir = '';
const workshop = new SidebarWorkshop(
  () => session,
  () => workDir,
);

/** 200 % zoom of a 300 px sidebar in a window whose sidebar is 800 px tall. */
const ZOOMED = { width: 150, height: 400 };

/**
 * Tabs to Save and presses Enter, its reply held until the page has been drawn twice meanwhile
 * (Save is disabled while it works, and chromium then moves focus off it), then waits for it.
 */
async function saveByKeyboard(
  page: Page,
  replies: ReturnType<typeof replyGate>,
  endpoint: string,
): Promise<void> {
  for (let i = 0; i < 30 && (await focused(page)) !== 'save'; i += 1)
    await page.keyboard.press('Tab');
  if ((await focused(page)) !== 'save') throw new Error('Tab never reached Save');
  const held = replies.hold(endpoint, 'reply');
  await page.keyboard.press('Enter');
  await held.reached;
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  held.release();
  await page.waitForSelector('#status:not(.working)');
}

/** Whether the whole of an element is within the window. */
async function inSight(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (e) => {
    const box = e.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

describeInBrowser('the sidebars over a pile of slips', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'gongfang-slips-'));
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    if (workDir !== '') await rm(workDir, { recursive: true, force: true });
  });
  afterEach(() => {
    workshop.uninstall();
    expect(workshop.dialogs).toEqual([]);
  });

  it('a stray Enter in the empty resident box picks nobody; an arrow key then Enter still does', async () => {
    workshop.seed();
    const { page } = await workshop.openFromMenu('record-pieces');
    await addLine(page, 'wxy', '王秀英', '10', '0');
    expect(await focused(page)).toBe('resident');
    // Before: the most recent resident was picked, and focus went on to Completed.
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('resident');
    expect(await page.inputValue('#resident')).toBe('');
    expect(await page.$$eval('#residents li.active', (items) => items.length)).toBe(0);
    await page.keyboard.press('ArrowDown');
    const first = plain(await page.textContent('#residents li.active .name'));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('completed');
    expect(plain(await page.inputValue('#resident'))).toContain(first);
  });

  it('a date changed under queued lines is said, and shown with the totals; the rows get it', async () => {
    workshop.seed();
    const { page, settled } = await workshop.openFromMenu('record-pieces');
    await addLine(page, 'wxy', '王秀英', '10', '0');
    await addLine(page, 'lgl', '李桂兰', '5', '0');
    const today = await page.inputValue('#date');
    expect(plain(await page.textContent('#totals'))).toMatch(new RegExp(`^${today}：2 行`));
    const earlier = '2026-12-01' === today ? '2026-12-02' : '2026-12-01';
    await page.fill('#date', earlier);
    // Before: nothing said, and the queue and totals did not show any date.
    expect(plain(await page.textContent('#status'))).toBe(
      `列表中的 2 行都改记在 ${earlier}（一批只有一个日期）。`,
    );
    expect(plain(await page.textContent('#totals'))).toMatch(new RegExp(`^${earlier}：2 行`));
    // Cleared on the way to another date: no empty date is named.
    await page.fill('#date', '');
    expect(await page.isVisible('#status')).toBe(false);
    await page.fill('#date', earlier);
    const before = workshop.pieces().length;
    await page.click('#submit');
    await page.waitForSelector('#result.ok:not([hidden])');
    await settled();
    expect(
      workshop
        .pieces()
        .slice(before)
        .map((row) => (row[0] as Date).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })),
    ).toEqual([earlier, earlier]);
  });

  it.each([
    ['zh', '没有进行中的订单。请用「工坊 › 新增订单…」添加'],
    ['en', 'No order is open. Add one (Gongfang › New order…)'],
  ] as const)('with no open order, says so and what to do (%s)', async (lang, said) => {
    workshop.seed(lang);
    const tab = lang === 'zh' ? '订单' : 'Orders';
    const orders = workshop.emulator.peek(tab);
    workshop.emulator.seed(tab, [
      orders[0] ?? [],
      ...orders.slice(1).map((row) => [...row.slice(0, 9), lang === 'zh' ? '已完成' : 'done', '']),
    ]);
    const { page } = await workshop.openFromMenu('record-pieces');
    // Before: 「请先选择订单」 over an empty list, and only once Add was pressed.
    expect(await page.$$eval('#order option', (options) => options.length)).toBe(0);
    expect(plain(await page.textContent('#status'))).toContain(said);
    await page.click('#add');
    expect(plain(await page.textContent('#status'))).toContain(said);
  });

  it('a resident added in the sheet while Look up is open: their ID finds the card, the list says how to list them', async () => {
    workshop.seed();
    const { page } = await workshop.openFromMenu('resident-lookup');
    workshop.emulator.spreadsheet
      .getSheetByName('居民')
      ?.appendRow(['R9', '钱红', '', '其他', '', '2026-05-01', '是', '']);
    await page.fill('#resident', 'R9');
    // Before: only 「没有找到。」, though R9 is on the tab.
    expect(plain(await page.textContent('#residents li.none'))).toBe(
      '没有找到。刚在表里新增的，关闭侧边栏、从菜单再打开后才会列出。',
    );
    // Enter (or Show) asks the sheet for the ID typed: the card comes, though the list is old.
    await page.keyboard.press('Enter');
    await page.waitForSelector('#card h2 >> text=钱红');
    const reopened = (await workshop.openFromMenu('resident-lookup')).page;
    await reopened.fill('#resident', 'R9');
    await reopened.waitForSelector('#residents li.active >> text=钱红');
  });

  it('the English card writes the craft in half-width brackets', async () => {
    workshop.seed('en');
    const { page } = await workshop.openFromMenu('resident-lookup');
    await page.fill('#resident', 'R1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#orders li');
    const lines = await page.$$eval('#orders li', (items) => items.map((i) => i.textContent));
    // Before: "O1 窗花（paper cutting）× 38 = ¥19.00" on an English page.
    expect(lines.map(plain).some((line) => line.startsWith('O1 窗花 (paper cutting) × '))).toBe(
      true,
    );
    expect(lines.join('')).not.toMatch(/[（）]/);
  });

  it.each([
    ['new-resident', 'zh', 'saveNewResident', '请填写「姓名」。'],
    ['new-order', 'zh', 'saveNewOrder', '请填写「产品」。'],
    ['new-resident', 'en', 'saveNewResident', 'Fill in Name.'],
    ['new-order', 'en', 'saveNewOrder', 'Fill in Product.'],
  ] as const)(
    '%s (%s) at 200 %%, keyboard only: a refused Save shows why, and focus stays on Save',
    async (form, lang, endpoint, said) => {
      workshop.seed(lang);
      const replies = replyGate();
      const { page, settled } = await workshop.openFromMenu(form, { replies, viewport: ZOOMED });
      await saveByKeyboard(page, replies, endpoint);
      await settled();
      expect(plain(await page.textContent('#status'))).toContain(said);
      // Before: the reason was above the form, 200–500 px off the screen, and focus on <body>.
      expect(await inSight(page, '#status')).toBe(true);
      expect(await focused(page)).toBe('save');
    },
  );

  it.each(['zh', 'en'] as const)(
    'New resident (%s) at 200 %%, keyboard only: warnings are in sight, focus on Save anyway',
    async (lang) => {
      workshop.seed(lang);
      const replies = replyGate();
      const { page, settled } = await workshop.openFromMenu('new-resident', {
        replies,
        viewport: ZOOMED,
      });
      const [, name, phone] = workshop.emulator.peek(lang === 'zh' ? '居民' : 'Residents')[1] ?? [];
      await page.fill('#name', String(name));
      await page.fill('#phone', String(phone));
      await saveByKeyboard(page, replies, 'saveNewResident');
      await settled();
      expect(await page.isVisible('#saveAnyway')).toBe(true);
      expect(await inSight(page, '#status')).toBe(true);
      expect(await focused(page)).toBe('saveAnyway');
      const before = workshop.emulator.peek(lang === 'zh' ? '居民' : 'Residents').length;
      await page.keyboard.press('Enter');
      await page.waitForSelector('#status.ok');
      await settled();
      expect(workshop.emulator.peek(lang === 'zh' ? '居民' : 'Residents').length).toBe(before + 1);
    },
  );

  it('Record pieces at 200 %: a lost reply to Submit is said in sight, and focus stays on Submit', async () => {
    workshop.seed();
    const replies = replyGate();
    const { page, settled } = await workshop.openFromMenu('record-pieces', {
      replies,
      viewport: ZOOMED,
    });
    await addLine(page, 'wxy', '王秀英', '10', '0');
    await addLine(page, 'lgl', '李桂兰', '5', '0');
    await page.focus('#submit');
    const held = replies.hold('submitPiecesBatch', 'reply');
    replies.lose('submitPiecesBatch');
    await page.keyboard.press('Enter');
    await held.reached;
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    held.release();
    await page.waitForSelector('#status.refused');
    await settled();
    expect(plain(await page.textContent('#status'))).toContain('这批可能已经写入');
    // Before: the message was above the screen, and focus on <body>.
    expect(await inSight(page, '#status')).toBe(true);
    expect(await focused(page)).toBe('submit');
  });
});
