/**
 * Every page (the four sidebars and the two month dialogs), in both languages, checked in
 * chromium: axe-core finds no critical or serious violation; the resident box follows the
 * WAI-ARIA combobox pattern and the dialogs the dialog pattern (focus inside on open); focus is
 * never dropped to <body>; at 175 % and 200 % zoom nothing overlaps or runs off the side; and
 * English text is set in a Latin font first.
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/ · https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as entry from '../../src/apps-script/entry';
import {
  describeInBrowser,
  launchBrowser,
  openPage,
  type BrowserSession,
  type OpenedPage,
} from '../support/browser';
import {
  SIDEBAR_PAGES,
  SidebarWorkshop,
  addLine,
  focused,
  pickResident,
  type SidebarPage,
} from '../support/sidebarPages';

const AXE = require.resolve('axe-core/axe.min.js');
const DIALOGS = ['generate-month', 'close-month'] as const;
type DialogPage = (typeof DIALOGS)[number];
const DIALOG = { width: 460, height: 440 };

let session: BrowserSession;
let workDir = '';
const workshop = new SidebarWorkshop(
  () => session,
  () => workDir,
);

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's critical and serious violations on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A sidebar with something in each of its parts (a queue line, an open list, a card). */
async function filledSidebar(name: SidebarPage): Promise<OpenedPage> {
  const opened = await workshop.openFromMenu(name);
  const { page } = opened;
  if (name === 'record-pieces') {
    await addLine(page, 'R1', '王秀英', '3', '0');
    await page.focus('#resident');
    await page.keyboard.type('w');
    await page.waitForSelector('#residents:not([hidden])');
  }
  if (name === 'resident-lookup') {
    await pickResident(page, 'R1', '王秀英');
    await page.waitForSelector('#card h2');
  }
  return opened;
}

async function openDialog(name: DialogPage, viewport = DIALOG): Promise<OpenedPage> {
  const opened = await openPage(session, {
    page: name,
    endpoints: entry as unknown as Record<string, unknown>,
    emulator: workshop.emulator,
    viewport,
  });
  await opened.page.waitForFunction(() => document.querySelectorAll('#month option').length > 0);
  await opened.settled();
  return opened;
}

/** What runs off the side, or overlaps another control or label, at the page's width now. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) faults.push('the page scrolls sideways');
    const parts = Array.from(
      document.querySelectorAll<HTMLElement>('label, input, select, button, textarea'),
    ).filter(
      (e) => e.offsetParent !== null && !(e instanceof HTMLInputElement && e.type === 'checkbox'),
    );
    const name = (e: HTMLElement) =>
      `${e.tagName.toLowerCase()}#${e.id || e.getAttribute('for') || e.textContent}`;
    const boxes = parts.map((e) => ({ e, box: e.getBoundingClientRect() }));
    for (const { e, box } of boxes) {
      if (box.right > width + 1 || box.left < -1) faults.push(`${name(e)} runs off the side`);
      if (e instanceof HTMLInputElement && e.type === 'date' && box.width < 120)
        faults.push(`${name(e)} is too narrow for a date (${Math.round(box.width)} px)`);
    }
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (a.e.contains(b.e) || b.e.contains(a.e)) return;
        const overlap =
          Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 1 &&
          Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 1;
        if (overlap) faults.push(`${name(a.e)} overlaps ${name(b.e)}`);
      }),
    );
    return faults;
  });
}

/** The fonts chromium actually drew an element's text with, most glyphs first. */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  // Chromium names a node's fonts once it has been laid out and painted: text added or drawn a
  // moment ago has none yet (seen: an empty list, in 1 run of 3 of this file). Wait for frames
  // until it has, the test's time-out the only limit.
  for (;;) {
    const fonts = await platformFonts(page, selector);
    if (fonts.length > 0) return fonts;
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
}

async function platformFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } };
  const { nodeId } = (await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector,
  })) as { nodeId: number };
  await cdp.send('CSS.enable');
  const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as {
    fonts: { familyName: string; glyphCount: number }[];
  };
  await cdp.detach();
  return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount).map((f) => f.familyName);
}

describeInBrowser('accessibility of every page', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'gongfang-a11y-'));
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

  it.each(['zh', 'en'] as const)(
    'axe-core: no critical or serious violation (%s)',
    async (lang) => {
      workshop.seed(lang);
      for (const name of SIDEBAR_PAGES) {
        const { page } = await filledSidebar(name);
        expect({ name, violations: await seriousViolations(page) }).toEqual({
          name,
          violations: [],
        });
        await page.close();
      }
      for (const name of DIALOGS) {
        const { page } = await openDialog(name);
        expect({ name, violations: await seriousViolations(page) }).toEqual({
          name,
          violations: [],
        });
        await page.close();
      }
    },
  );

  it('the resident box is a WAI-ARIA combobox', async () => {
    workshop.seed();
    for (const name of ['record-pieces', 'resident-lookup'] as const) {
      const { page } = await workshop.openFromMenu(name);
      const state = () =>
        page.evaluate(() => {
          const box = document.getElementById('resident') as HTMLInputElement;
          return {
            role: box.getAttribute('role'),
            expanded: box.getAttribute('aria-expanded'),
            controls: box.getAttribute('aria-controls'),
            active: box.getAttribute('aria-activedescendant'),
            listRole: document.getElementById('residents')?.getAttribute('role'),
          };
        });
      // The list may open when the box takes focus (it shows the recent residents): closed first.
      await page.focus('#resident');
      await page.keyboard.press('Escape');
      expect(await state()).toEqual({
        role: 'combobox',
        expanded: 'false',
        controls: 'residents',
        active: null,
        listRole: 'listbox',
      });
      await page.keyboard.type('wxy');
      await page.waitForSelector('#residents:not([hidden])');
      expect(await state()).toMatchObject({ expanded: 'true', active: 'residents-0' });
      await page.keyboard.press('Escape');
      expect(await state()).toMatchObject({ expanded: 'false', active: null });
      await page.close();
    }
  });

  it('focus is never dropped to <body>: Tab from the search box, Remove, Undo', async () => {
    workshop.seed();
    const lookUp = await workshop.openFromMenu('resident-lookup');
    await lookUp.page.focus('#resident');
    await lookUp.page.keyboard.type('lgl');
    await lookUp.page.waitForSelector('#residents:not([hidden])');
    await lookUp.page.keyboard.press('Tab');
    expect(await focused(lookUp.page)).toBe('show');
    await lookUp.page.keyboard.press('Enter');
    await lookUp.page.waitForSelector('#card h2 >> text=李桂兰');

    const { page } = await workshop.openFromMenu('record-pieces');
    await addLine(page, 'R1', '王秀英', '3', '0');
    await addLine(page, 'R2', '李桂兰', '4', '0');
    await page.focus('#queue li:first-child button');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^BUTTON:/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('resident');
    await addLine(page, 'R3', '张凤', '2', '0');
    await page.click('#submit');
    await page.waitForSelector('#undo:not([hidden])');
    await page.focus('#undo');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result >> text=已撤销');
    expect(await focused(page)).toBe('resident');
  });

  it('dialogs put focus inside themselves when they open', async () => {
    workshop.seed();
    for (const name of DIALOGS) {
      const { page } = await openDialog(name);
      expect([name, await focused(page)]).toEqual([name, 'month']);
      await page.close();
    }
  });

  it('at 175 % and 200 % zoom nothing overlaps or runs off the side (English)', async () => {
    workshop.seed('en');
    for (const zoom of [1.75, 2]) {
      const viewport = { width: Math.floor(300 / zoom), height: 700 };
      for (const name of SIDEBAR_PAGES) {
        const { page } = await filledSidebar(name);
        await page.keyboard.press('Escape');
        await page.setViewportSize(viewport);
        expect({ zoom, name, faults: await layoutFaults(page) }).toEqual({
          zoom,
          name,
          faults: [],
        });
        await page.close();
      }
      for (const name of DIALOGS) {
        const dialogViewport = { width: Math.floor(DIALOG.width / zoom), height: 440 };
        const { page } = await openDialog(name, dialogViewport);
        expect({ zoom, name, faults: await layoutFaults(page) }).toEqual({
          zoom,
          name,
          faults: [],
        });
        await page.close();
      }
    }
  });

  it('English text is set in a Latin font first, Chinese in a CJK font', async () => {
    workshop.seed('en');
    const english = await workshop.openFromMenu('record-pieces');
    await english.page.evaluate(() => {
      const probe = document.createElement('p');
      probe.id = 'probe';
      probe.textContent = "Completed · Sunny Workshop's pieces";
      document.body.append(probe);
    });
    const latin = await fontsOf(english.page, '#probe');
    expect(latin[0]).not.toMatch(/CJK/);
    workshop.uninstall();
    workshop.seed('zh');
    const chinese = await workshop.openFromMenu('record-pieces');
    expect((await fontsOf(chinese.page, 'label[for=completed]'))[0]).toMatch(/CJK/);
  });
});
