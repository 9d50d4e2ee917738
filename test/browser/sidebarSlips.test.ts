/**
 * The sidebars as staff use them entering a pile of paper slips (chromium at 300 px, the real
 * endpoints over the emulator): what a stray key, a changed date or a list read before a
 * colleague's edit would otherwise let through unseen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeInBrowser, launchBrowser, type BrowserSession } from '../support/browser';
import { SidebarWorkshop, addLine, focused, plain } from '../support/sidebarPages';

let session: BrowserSession;
let workDir = '';
const workshop = new SidebarWorkshop(
  () => session,
  () => workDir,
);

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
});
