/**
 * The sidebars at their edges, found by trying them as staff do (chromium at 300 px, the real
 * endpoints over the emulator, replies lost or failing on their way): a save is never reported
 * as failed when it was written, and saving again after a lost reply never adds a record twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as entry from '../../src/apps-script/entry';
import {
  describeInBrowser,
  launchBrowser,
  replyGate,
  type BrowserSession,
} from '../support/browser';
import { SidebarWorkshop, focused, plain } from '../support/sidebarPages';

let session: BrowserSession;
let workDir = '';
const workshop = new SidebarWorkshop(
  () => session,
  () => workDir,
);

const FORMS = {
  'new-resident': { tab: '居民', save: 'saveNewResident', info: 'newResidentInfo', id: 'R6' },
  'new-order': { tab: '订单', save: 'saveNewOrder', info: 'newOrderInfo', id: 'O3' },
} as const;

describeInBrowser('the sidebars at their edges', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'gongfang-edges-'));
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

  it.each(Object.keys(FORMS) as (keyof typeof FORMS)[])(
    'a save whose reply was lost, saved again, is found on its row, not added twice (%s)',
    async (form) => {
      const { tab, save, id } = FORMS[form];
      workshop.seed();
      const replies = replyGate();
      const opened = await workshop.openFromMenu(form, { replies });
      const { page } = opened;
      if (form === 'new-resident') await page.fill('#name', '赵玉梅');
      else {
        await page.fill('#product', '中国结');
        await page.fill('#payRate', '0.8');
      }
      const before = workshop.emulator.peek(tab).length;
      replies.lose(save);
      await page.click('#save');
      await page.waitForSelector('#status >> text=网络连接中断');
      expect(workshop.emulator.peek(tab).length).toBe(before + 1);
      await page.click('#save');
      await page.waitForSelector('#status:not(.working)');
      await opened.settled();
      // Before: "编号 R6 已被使用（可能是同事刚刚新增的），建议改用 R7" — and R7 added them again.
      expect(plain(await page.textContent('#status'))).toBe(
        `${id} 已经在「${tab}」第 ${before + 1} 行（内容相同），没有重复写入。`,
      );
      expect(workshop.emulator.peek(tab).length).toBe(before + 1);
      expect(await page.inputValue('#id')).not.toBe(id);
    },
  );

  it('an ID a colleague took for someone else is still refused with the next free one', async () => {
    workshop.seed();
    const { page } = await workshop.openFromMenu('new-resident');
    workshop.emulator.spreadsheet
      .getSheetByName('居民')
      ?.appendRow(['R6', '钱红', '', '其他', '', '2026-05-01', '是', '']);
    await page.fill('#name', '赵玉梅');
    await page.click('#save');
    await page.waitForSelector('#status.refused li');
    expect(plain(await page.textContent('#status li'))).toContain('建议改用 R7');
  });

  it.each(Object.keys(FORMS) as (keyof typeof FORMS)[])(
    'saved, then the form cannot be read afresh: it still says saved, with Retry (%s)',
    async (form) => {
      const { tab, info, id } = FORMS[form];
      workshop.seed();
      let reads = 0;
      const endpoints = {
        ...entry,
        [info]: () => {
          reads += 1;
          if (reads === 2)
            throw new Error(
              "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for quota metric 'Read requests' (429)",
            );
          return (entry[info] as () => unknown)();
        },
      };
      const opened = await workshop.openFromMenu(form, { endpoints });
      const { page } = opened;
      if (form === 'new-resident') await page.fill('#name', '赵玉梅');
      else {
        await page.fill('#product', '中国结');
        await page.fill('#payRate', '0.8');
      }
      const before = workshop.emulator.peek(tab).length;
      await page.click('#save');
      await page.waitForSelector('#status:not(.working)');
      await opened.settled();
      const said = plain(await page.textContent('#status'));
      // Before: only "Google 现在太忙……请过一分钟再试。", as if nothing had been saved.
      expect(said).toContain(`已保存 ${id}（「${tab}」第 ${before + 1} 行）。`);
      expect(said).toContain('请过一分钟再试');
      expect(await focused(page)).toBe('retry');
      await page.click('#retry');
      await page.waitForSelector('#status.ok');
      await opened.settled();
      expect(plain(await page.textContent('#status'))).toBe(
        `已保存 ${id}（「${tab}」第 ${before + 1} 行）。`,
      );
      expect(await page.inputValue('#id')).toBe(form === 'new-resident' ? 'R7' : 'O4');
      expect(workshop.emulator.peek(tab).length).toBe(before + 1);
    },
  );
});
