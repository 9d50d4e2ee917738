/**
 * The picture of 审计 / Audit in docs/roles.md and the staff guide: the demo workshop in an
 * emulated Google Sheet shared by a manager, a staff member and a volunteer; a manager runs Set
 * up (protections, the audit), then a morning's work — a count retyped, a pay rate changed, a
 * paste, a row deleted, the month generated and closed — each recorded by the audit trigger or
 * by Gongfang itself. `npm run pictures` writes docs/images/audit-tab.png.
 */
import path from 'node:path';
import { createEmulator } from '../emulator';
import * as endpoints from '../../src/apps-script/endpoints';
import { auditChange, auditEdit } from '../../src/apps-script/audit';
import { setUpWorkbook } from '../../src/apps-script/menu';
import { onEdit } from '../../src/apps-script/onEdit';
import { SheetsWorkbook } from '../../src/apps-script/sheetsWorkbook';
import { buildSample } from '../../src/cli/demo/sample';
import { writeSample } from '../../src/cli/commands/demo';
import { describeInBrowser, launchBrowser, screenshot } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { ROOT } from '../support/bundle';
import { tabAsHtml } from '../support/sheetPicture';

const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : null;
const OWNER = 'zhuren@xingfuli.cn';
const MANAGER = 'li.laoshi@xingfuli.cn';
const STAFF = 'zhao.gong@xingfuli.cn';
const VOLUNTEER = 'xiaochen.volunteer@gmail.com';

describeInBrowser('the picture of the edit audit', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session.close();
  });

  it('shows who changed what, with flags, from the demo workshop', async () => {
    jest.useFakeTimers({
      now: new Date('2026-12-02T01:12:05Z'),
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout'],
    });
    const emulator = createEmulator({ locale: 'zh_CN', userEmail: OWNER, htmlFiles: {} });
    const realConsole = console;
    const uninstall = emulator.install(globalThis);
    globalThis.console = realConsole;
    try {
      const sample = buildSample('2026-12-02', 'zh-CN');
      const workbook = new SheetsWorkbook(emulator.spreadsheet);
      writeSample(workbook, sample.tabs, 'zh-CN', 'Asia/Shanghai');
      workbook.appendRows('设置', [['管理员', MANAGER]]);
      for (const email of [MANAGER, STAFF, VOLUNTEER])
        emulator.shareFile(emulator.spreadsheet.getId(), email, 'editor');
      emulator.simpleTriggers({ onEdit });
      emulator.projectFunctions({ auditEdit, auditChange });
      const later = (minutes: number): void => {
        jest.setSystemTime(Date.now() + minutes * 60_000 + 17_000);
      };
      const as = <T>(email: string, fn: () => T): T =>
        emulator.asUser(email, () => emulator.execution(fn));
      as(MANAGER, () => setUpWorkbook());
      const call = (email: string, name: string, args: unknown[]): void => {
        const reply = emulator.asUser(email, () =>
          emulator.callServerFunction(endpoints as Record<string, unknown>, name, args),
        );
        if (!reply.ok) throw reply.error;
        const answer = reply.value as { ok: boolean; message: string; details?: string[] };
        if (!answer.ok) throw new Error([answer.message, ...(answer.details ?? [])].join('\n'));
      };
      later(3);
      call(STAFF, 'generateMonthFromDialog', [sample.month]);
      later(2);
      emulator.asUser(STAFF, () => emulator.userEdit('计件', 'D12', '35'));
      later(4);
      emulator.asUser(MANAGER, () => emulator.userEdit('订单', 'E3', '0.35'));
      later(6);
      emulator.asUser(STAFF, () =>
        emulator.userEdit('计件', 'G20', [['补登'], ['补登'], ['补登']]),
      );
      later(1);
      emulator.asUser(VOLUNTEER, () => emulator.userEdit('居民', 'H4', '周末有空'));
      later(9);
      emulator.asUser(STAFF, () => emulator.userDeleteRows('计件', 30, 1));
      later(12);
      // The demo plants an impossible date (row 955 since row 30 went), which blocks closing any month: fixed first.
      emulator.asUser(STAFF, () => emulator.userEdit('计件', 'A955', '2026-11-20'));
      later(8);
      // Its other mistakes are in November; September closes cleanly.
      call(MANAGER, 'closeMonthFromDialog', ['2026-09', { name: '李老师', confirmed: true }]);
      later(5);
      emulator.asUser(STAFF, () => emulator.userEdit('计件', 'D14', '12'));
      expect(emulator.triggerErrors).toEqual([]);
      const html = tabAsHtml(emulator, '审计', { rows: 12 });
      // What the guide says the picture shows.
      for (const seen of [MANAGER, STAFF, '未知（域外账号）', '设置工作簿', '生成', '编辑']) {
        expect(html).toContain(seen);
      }
      for (const seen of ['粘贴', '删除行', '结账', '计件单价', '已结账月份']) {
        expect(html).toContain(seen);
      }
      if (SHOTS) {
        const page = await session.context.newPage();
        await page.setViewportSize({ width: 1500, height: 320 });
        await page.setContent(html);
        await screenshot(page, path.join(SHOTS, 'audit-tab.png'));
        await page.close();
      }
    } finally {
      uninstall();
      jest.useRealTimers();
    }
  });
});
