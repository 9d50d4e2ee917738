/**
 * Issue 18's findings in the sidebars, each end to end in chromium at 300 px, with replies held,
 * delayed or lost on their way (test/support/browser.ts, replyGate) as a slow server or a
 * flaky connection would: nothing typed is lost, a late card never shows the wrong person, a
 * second Enter never saves twice, a retry says what happened, sheet values never reorder the
 * figures beside them, and every error is worded in the sheet's language.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as entry from '../../src/apps-script/entry';
import {
  describeInBrowser,
  launchBrowser,
  replyGate,
  type BrowserSession,
} from '../support/browser';
import { SidebarWorkshop, addLine, focused, pickResident, plain } from '../support/sidebarPages';

let session: BrowserSession;
let workDir = '';
const workshop = new SidebarWorkshop(
  () => session,
  () => workDir,
);
const RLO = '\u202e';

/** The visible order of `figure`'s characters inside `selector`'s text: true when left to right. */
async function readsLeftToRight(page: Page, selector: string, figure: string): Promise<boolean> {
  return page.evaluate(
    ([sel, wanted]) => {
      const host = document.querySelector(sel as string) as HTMLElement;
      const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      const all = nodes.map((n) => n.data).join('');
      const at = all.indexOf(wanted as string);
      if (at < 0) throw new Error(`"${wanted}" is not in ${sel}: ${all}`);
      const boxes: DOMRect[] = [];
      for (let i = at; i < at + (wanted as string).length; i += 1) {
        let offset = i;
        const node = nodes.find((n) => {
          if (offset < n.data.length) return true;
          offset -= n.data.length;
          return false;
        }) as Text;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        boxes.push(range.getBoundingClientRect());
      }
      // Left to right within a line; a wrap starts a line below (and further left).
      return boxes.every((box, i) => {
        const previous = boxes[i - 1];
        if (previous === undefined || box.width === 0 || previous.width === 0) return true;
        return box.top > previous.top + previous.height / 2 || box.left >= previous.left;
      });
    },
    [selector, figure],
  );
}

/** An option's text laid out as a line of the page, to see how the browser orders it. */
async function optionAsLine(page: Page, optionIndex: number): Promise<void> {
  await page.evaluate((index) => {
    const option = document.querySelectorAll('#order option')[index] as HTMLOptionElement;
    const line = document.createElement('p');
    line.id = 'option-line';
    line.textContent = option.textContent;
    document.body.append(line);
  }, optionIndex);
}

describeInBrowser('issue 18: sidebars that never lose a line or show the wrong person', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'gongfang-findings-'));
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

  it('1: a line added while a submit is on its way stays; lines on their way cannot be removed', async () => {
    workshop.seed();
    const replies = replyGate();
    const { page } = await workshop.openFromMenu('record-pieces', { replies });
    const before = workshop.pieces().length;
    await addLine(page, 'R1', '王秀英', '3', '0');
    await addLine(page, 'R2', '李桂兰', '4', '0');
    const slow = replies.hold('submitPiecesBatch', 'run');
    await page.click('#submit');
    await slow.reached;
    await addLine(page, 'R3', '张凤', '5', '0');
    const removable = await page.$$eval('#queue li button', (buttons) =>
      buttons.map((b) => !(b as HTMLButtonElement).disabled),
    );
    expect(removable).toEqual([false, false, true]);
    slow.release();
    await page.waitForSelector('#result:not([hidden])');
    expect(plain(await page.textContent('#result'))).toContain('已写入「计件」2 行');
    expect(
      workshop
        .pieces()
        .slice(before)
        .map((r) => r[1]),
    ).toEqual(['R1', 'R2']);
    const queued = await page.$$eval('#queue li span', (spans) => spans.map((s) => s.textContent));
    expect(queued.map(plain)).toEqual(['R3 张凤 · O2：合格 5（不合格 0）· ¥12.50']);
    await page.click('#submit');
    await page.waitForSelector('#result >> text=已写入「\u2068计件\u2069」1 行');
    expect(
      workshop
        .pieces()
        .slice(before)
        .map((r) => r[1]),
    ).toEqual(['R1', 'R2', 'R3']);
    expect(
      new Set(
        workshop
          .pieces()
          .slice(before)
          .map((r) => r[7]),
      ).size,
    ).toBe(3);
  });

  it('2: a card that arrives late for a resident no longer wanted is not shown', async () => {
    workshop.seed();
    const replies = replyGate();
    const opened = await workshop.openFromMenu('resident-lookup', { replies });
    const { page } = opened;
    const late = replies.hold('residentCard', 'reply');
    await pickResident(page, 'R1', '王秀英');
    await late.reached;
    await pickResident(page, 'R2', '李桂兰');
    await page.waitForSelector('#card h2 >> text=李桂兰');
    late.release();
    await opened.settled();
    expect(plain(await page.textContent('#card h2'))).toBe('R2 李桂兰');
    expect(plain(await page.inputValue('#resident'))).toBe('R2 李桂兰');
  });

  it.each(['new-resident', 'new-order'] as const)(
    '3: Enter twice during a slow save saves once (%s)',
    async (form) => {
      workshop.seed();
      const replies = replyGate();
      const opened = await workshop.openFromMenu(form, { replies });
      const { page } = opened;
      const save = form === 'new-resident' ? 'saveNewResident' : 'saveNewOrder';
      if (form === 'new-resident') await page.fill('#name', '赵玉梅');
      else {
        await page.fill('#product', '中国结');
        await page.fill('#payRate', '0.8');
      }
      const slow = replies.hold(save, 'run');
      await page.focus('#notes');
      await page.keyboard.press('Enter');
      await slow.reached;
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      slow.release();
      await page.waitForSelector('#status.ok');
      await opened.settled();
      expect(opened.serverCalls.filter((c) => c.name === save)).toHaveLength(1);
      expect(plain(await page.textContent('#status'))).toMatch(/^已保存 /);
    },
  );

  it('4: a retry after a lost reply says the batch was written before, offers Undo, clears old errors', async () => {
    workshop.seed();
    const replies = replyGate();
    const { page } = await workshop.openFromMenu('record-pieces', { replies });
    const before = workshop.pieces().length;
    await addLine(page, 'R1', '王秀英', '3', '0');
    await addLine(page, 'R3', '张凤', '2', '0');
    replies.lose('submitPiecesBatch');
    await page.click('#submit');
    await page.waitForSelector('#status >> text=网络连接中断');
    expect(await page.textContent('#status')).toContain('已写入的行不会重复写入');
    await page.click('#submit');
    await page.waitForSelector('#result:not([hidden])');
    const said = plain(await page.textContent('#result'));
    expect(said).toBe(
      `这批 2 行之前已经写入「计件」（第 ${before + 1}, ${before + 2} 行），没有重复写入。`,
    );
    expect(await page.isHidden('#status')).toBe(true);
    expect(await page.isHidden('#warnings')).toBe(true);
    expect(workshop.pieces().length).toBe(before + 2);
    await page.click('#undo');
    await page.waitForSelector('#result >> text=已撤销');
    expect(workshop.pieces().length).toBe(before);
    expect(await focused(page)).toBe('resident');
  });

  it('5: a right-to-left override in a sheet value reorders only that value', async () => {
    workshop.seed('zh', [['R6', `${RLO}李四`, '', '其他', '', '2026-05-01', '是', '']]);
    const orders = workshop.emulator.spreadsheet.getSheetByName('订单');
    orders?.getRange('C2').setValue(`${RLO}窗花`);
    orders?.getRange('D2').setValue(`${RLO}剪纸`);
    orders?.getRange('G2').setValue(1000);
    const { page } = await workshop.openFromMenu('record-pieces');
    await page.selectOption('#order', 'O1');
    await addLine(page, 'R6', 'R6', '3', '0');
    expect(await readsLeftToRight(page, '#queue li span', '合格 3（不合格 0）· ')).toBe(true);
    expect(await readsLeftToRight(page, '#queue li span', '¥1.50')).toBe(true);
    await optionAsLine(page, 0);
    expect(await page.textContent('#option-line')).toContain('剩余');
    expect(await readsLeftToRight(page, '#option-line', '单价')).toBe(true);
    expect(await readsLeftToRight(page, '#option-line', '交货 ')).toBe(true);
    // The server's messages isolate sheet values as well (a warning naming the resident).
    workshop.emulator.spreadsheet.getSheetByName('居民')?.getRange('G7').setValue('否');
    await page.click('#submit');
    await page.waitForSelector('#warnings:not([hidden]) li');
    expect(await page.textContent('#warnings li')).toContain('\u2068R6\u2069');
  });

  it('6: Google failures and refusals are worded in the sheet language, with Retry on a failed load', async () => {
    workshop.seed();
    const failures: [string, string][] = [
      [
        "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
        '无痕',
      ],
      ['ScriptError: Authorization is required to perform that action.', '授权'],
      [
        "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for quota metric 'Read requests' (429)",
        '请过一分钟再试',
      ],
      ['Exceeded maximum execution time', '超时'],
      ['NetworkError: Connection failure due to HTTP 0', '网络连接中断'],
    ];
    for (const [google, words] of failures) {
      let fail = true;
      const endpoints = {
        ...entry,
        recordPiecesInfo: () => {
          if (fail) throw new Error(google);
          return entry.recordPiecesInfo();
        },
      };
      const { page } = await workshop.openFromMenu('record-pieces', { endpoints });
      await page.waitForSelector('#status.refused #retry');
      const said = (await page.textContent('#status')) ?? '';
      expect([
        google,
        said.includes(words),
        /[A-Za-z]{6,}/.test(said.replace(/Google/g, '')),
      ]).toEqual([google, true, false]);
      expect(await focused(page)).toBe('retry');
      fail = false;
      await page.click('#retry');
      await page.waitForSelector('#resident:not([disabled])');
      await page.close();
    }
  });

  it('6: a protected range, too-long input and a count over the limit, in Chinese and English', async () => {
    workshop.seed();
    const { page } = await workshop.openFromMenu('record-pieces');
    expect(await page.getAttribute('#notes', 'maxlength')).toBe('500');
    await page.fill('#notes', 'x'.repeat(600));
    expect((await page.inputValue('#notes')).length).toBe(500);
    await page.fill('#notes', '');
    await pickResident(page, 'R1', '王秀英');
    await page.keyboard.type('999999999');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status >> text=一行的件数不能超过 1,000,000');
    expect(await page.$$eval('#queue li button', (b) => b.length)).toBe(0);
    await page.fill('#completed', '3');
    await page.click('#add');
    const sheets = (globalThis as { Sheets?: GoogleAppsScript.Sheets }).Sheets;
    const real = sheets?.Spreadsheets.batchUpdate;
    if (!sheets || !real) throw new Error('no Sheets service');
    sheets.Spreadsheets.batchUpdate = () => {
      throw new Error(
        'API call to sheets.spreadsheets.batchUpdate failed with error: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    };
    // The server logs the fault it did not expect, for the maintainers: kept, not printed here.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await page.click('#submit');
      await page.waitForSelector('#status >> text=受保护');
      expect(String(logged.mock.calls[0]?.[0])).toContain('protected cell');
    } finally {
      sheets.Spreadsheets.batchUpdate = real;
      logged.mockRestore();
    }
    workshop.uninstall();
    workshop.seed('en');
    const english = await workshop.openFromMenu('record-pieces', {
      endpoints: {
        ...entry,
        submitPiecesBatch: () => {
          throw new Error('Exceeded maximum execution time');
        },
      },
    });
    await addLine(english.page, 'R1', '王秀英', '3', '0');
    await english.page.click('#submit');
    await english.page.waitForSelector('#status >> text=did not finish in time');
    expect(await english.page.textContent('#status')).toContain('Click Submit again');
  });

  it('8: mixed pinyin finds residents, rarer name characters too', async () => {
    workshop.seed('zh', [
      ['R6', '张秀兰', '', '其他', '', '2026-05-01', '是', ''],
      ['R7', '王堃', '', '其他', '', '2026-05-01', '是', ''],
    ]);
    const { page } = await workshop.openFromMenu('resident-lookup');
    for (const [typed, name] of [
      ['zhangxl', '张秀兰'],
      ['zxiulan', '张秀兰'],
      ['张xl', '张秀兰'],
      ['kun', '王堃'],
      ['wk', '王堃'],
    ]) {
      await page.fill('#resident', '');
      await page.focus('#resident');
      await page.keyboard.type(typed as string);
      await page.waitForSelector('#residents li.active');
      expect([typed, plain(await page.textContent('#residents li.active .name'))]).toEqual([
        typed,
        name,
      ]);
    }
  });
});
