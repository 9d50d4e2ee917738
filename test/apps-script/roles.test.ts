/**
 * Issue 20, roles in Sheets with several emulated users: who may do what (docs/roles.md), the
 * refusals in the sheet's language, and the protections Set up applies — real ones, that refuse
 * a colleague's edit, idempotent, leaving staff's own alone, lifted again without managers.
 */
import {
  closeMonthFromDialog,
  generateMonthFromDialog,
  previewCloseFromDialog,
  showReopenMonthDialog,
} from '../../src/apps-script/monthJobs';
import { checkData } from '../../src/apps-script/menu';
import { updatePartnerReports } from '../../src/apps-script/partnerReports';
import {
  newOrderInfo,
  saveNewOrder,
  saveNewResident,
  submitPiecesBatch,
} from '../../src/apps-script/sidebars';
import { MANAGER, NOW, OWNER, STAFF, VOLUNTEER, type Staffed, staffedWorkshop } from './staff';

let shop: Staffed;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});
afterEach(() => {
  expect(shop.emulator.triggerErrors).toEqual([]);
  shop.uninstall();
  jest.useRealTimers();
});

type Reply = { ok: boolean; message: string; value?: { kind?: string } };
const order = {
  id: 'E9',
  partnerId: 'P1',
  product: '中国结',
  craft: '组装',
  payRate: '0.2',
  partnerPrice: '0.3',
  quantity: '100',
  received: '2026-12-01',
  due: '2026-12-31',
  status: 'open',
  notes: '',
  acceptWarnings: true,
};
const ROLE_REFUSED = /只有管理员可以「(.+)」，本次没有做任何改动。管理员：li@workshop\.cn/;

function protectionsOf(tab: string): GoogleAppsScript.Spreadsheet.Protection[] {
  const sheet = shop.emulator.spreadsheet.getSheetByName(tab);
  return sheet === null
    ? []
    : [
        ...sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET),
        ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE),
      ];
}

const editorsOf = (p: GoogleAppsScript.Spreadsheet.Protection): string[] =>
  p
    .getEditors()
    .map((u) => u.getEmail())
    .sort();

describe('Set up applies the protections roles call for', () => {
  it('is refused to someone who is not a manager, and changes nothing', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.setUp(STAFF);
    expect(shop.emulator.ui.alerts.at(-1)?.message).toMatch(ROLE_REFUSED);
    expect(shop.emulator.spreadsheet.getSheetByName('审计')).toBeNull();
    expect(protectionsOf('设置')).toEqual([]);
    expect(shop.emulator.installedTriggers()).toEqual([]);
  });

  it('run by a manager: real protections for Settings, Closings, Audit and the pay columns', () => {
    shop = staffedWorkshop({ managers: `${MANAGER}，` });
    shop.setUp(MANAGER);
    const message = shop.emulator.ui.alerts.at(-1)?.message ?? '';
    expect(message).toContain(
      '只有管理员可以修改：「设置」表、「审计」表、「订单」的「计件单价」列',
    );
    for (const tab of ['设置', '审计']) {
      const [protection] = protectionsOf(tab);
      expect(protection?.isWarningOnly()).toBe(false);
      expect(editorsOf(protection!)).toEqual([MANAGER, OWNER].sort());
    }
    const ranges = protectionsOf('订单').map((p) => p.getRange().getA1Notation());
    expect(ranges).toEqual(['E1:E1000', 'F1:F1000']);
    const partnerRanges = protectionsOf('合作单位').map((p) => p.getRange().getA1Notation());
    expect(partnerRanges).toEqual(['D1:D1000', 'E1:E1000']);
    // They refuse a colleague's edit: the pay rate, Settings, the audit itself.
    const refused = (tab: string, a1: string) => () =>
      shop.emulator.asUser(STAFF, () => shop.emulator.userEdit(tab, a1, '9'));
    expect(refused('订单', 'E2')).toThrow('protected cell or object');
    expect(refused('订单', 'F2')).toThrow('protected cell or object');
    expect(refused('设置', 'B2')).toThrow('protected cell or object');
    expect(refused('审计', 'A2')).toThrow('protected cell or object');
    expect(refused('合作单位', 'D2')).toThrow('protected cell or object');
    // Everything else stays open to staff; managers and the owner may edit everything.
    shop.emulator.asUser(STAFF, () => shop.emulator.userEdit('订单', 'K2', '急单'));
    shop.emulator.asUser(MANAGER, () => shop.emulator.userEdit('订单', 'E2', '0.02'));
    shop.emulator.asUser(OWNER, () => shop.emulator.userEdit('设置', 'B2', '幸福工坊'));
    expect(shop.emulator.cell('订单', 'E2').value).toBe(0.02);
  });

  it('is idempotent, and leaves staff’s own protections as they are', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    const mine = shop.emulator.spreadsheet
      .getSheetByName('计件')
      ?.getRange('H:H')
      .protect()
      .setDescription('我的：记录号别动');
    shop.setUp(MANAGER);
    const count = (): number =>
      ['设置', '审计', '订单', '合作单位', '计件'].reduce(
        (n, tab) => n + protectionsOf(tab).length,
        0,
      );
    const before = count();
    shop.emulator.calls.reset();
    shop.setUp(MANAGER);
    expect(count()).toBe(before);
    // Nothing to change the second time: no editors removed or added.
    expect(shop.emulator.calls.byMethod()['Protection.removeEditors']).toBeUndefined();
    expect(shop.emulator.calls.byMethod()['Protection.addEditors']).toBeUndefined();
    expect(protectionsOf('计件')).toEqual([mine]);
    expect(mine?.getDescription()).toBe('我的：记录号别动');
  });

  it('keeps a sheet protection of staff’s own on Settings, and says so', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.emulator.spreadsheet.getSheetByName('设置')?.protect().setDescription('老板说别动');
    shop.setUp(MANAGER);
    expect(shop.emulator.ui.alerts.at(-1)?.message).toContain(
      '「设置」已经有你们自己设置的整表保护，工坊没有改动它。',
    );
    expect(protectionsOf('设置').map((p) => p.getDescription())).toEqual(['老板说别动']);
  });

  it('follows the Managers row: a new manager may edit, and no managers lifts the protections', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.setUp(MANAGER);
    shop.emulator.asUser(MANAGER, () =>
      shop.emulator.userEdit('设置', 'B5', `${MANAGER}, ${STAFF}`),
    );
    shop.setUp(MANAGER);
    shop.emulator.asUser(STAFF, () => shop.emulator.userEdit('订单', 'E2', '0.03'));
    shop.emulator.asUser(OWNER, () => shop.emulator.userEdit('设置', 'B5', ''));
    shop.setUp(OWNER);
    expect(shop.emulator.ui.alerts.at(-1)?.message).toContain(
      '工坊取消了它先前设置的「仅管理员」保护',
    );
    expect(protectionsOf('设置')).toEqual([]);
    expect(protectionsOf('订单')).toEqual([]);
    expect(protectionsOf('审计').map((p) => p.isWarningOnly())).toEqual([true]);
    shop.emulator.asUser(VOLUNTEER, () => shop.emulator.userEdit('订单', 'E2', '0.04'));
  });
});

describe('menu items and endpoints check the role on the server', () => {
  beforeEach(() => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.setUp(MANAGER);
  });

  it('refuses Close, Reopen, partner reports and New order to staff, in the sheet’s language', () => {
    const preview = shop.as(STAFF, () => previewCloseFromDialog('2026-11')) as Reply;
    expect(preview.ok).toBe(false);
    expect(preview.message).toMatch(ROLE_REFUSED);
    const closed = shop.as(STAFF, () =>
      closeMonthFromDialog('2026-11', { name: '赵', confirmed: true }),
    ) as Reply;
    expect(closed.ok).toBe(false);
    // The whole sentence a staff member reads (it once said 「请请其中一位」).
    expect(closed.message).toBe(
      '只有管理员可以「结账…」，本次没有做任何改动。管理员：li@workshop.cn（「设置」表的「管理员」一行，表格所有者也是管理员）。请其中一位来做，或请他们把你加入管理员。',
    );
    expect(shop.emulator.spreadsheet.getSheetByName('结账')).toBeNull();

    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    shop.as(STAFF, () => showReopenMonthDialog());
    expect(shop.emulator.ui.alerts.at(-1)?.message).toMatch(/只有管理员可以「撤销结账」/);
    expect(shop.emulator.ui.prompts).toEqual([]);

    shop.as(STAFF, () => updatePartnerReports());
    expect(shop.emulator.ui.alerts.at(-1)?.message).toMatch(ROLE_REFUSED);
    expect(shop.emulator.files()).toEqual([]);

    for (const reply of [
      shop.as(STAFF, () => newOrderInfo()),
      shop.as(STAFF, () => saveNewOrder(order)),
    ] as Reply[]) {
      expect(reply.ok).toBe(false);
      expect(reply.message).toMatch(/只有管理员可以「新增订单」/);
    }
    expect(shop.emulator.peek('订单')).toHaveLength(5);
    const saved = shop.as(MANAGER, () => saveNewOrder(order)) as Reply;
    expect(saved.ok && saved.value?.kind).toBe('saved');
  });

  it('lets everyone record pieces, add residents and check data', () => {
    const recorded = shop.as(STAFF, () =>
      submitPiecesBatch({
        date: '2026-12-02',
        recordedBy: '赵',
        lines: [
          {
            entry: 'ABCDEFGH-1',
            residentId: 'R1',
            orderId: 'C',
            completed: '2',
            rejected: '0',
            notes: '',
          },
        ],
        acceptWarnings: true,
      }),
    ) as Reply;
    expect(recorded.ok).toBe(true);
    const resident = shop.as(VOLUNTEER, () =>
      saveNewResident({
        id: 'R9',
        name: '钱多多',
        phone: '',
        category: 'retired',
        skills: '',
        joined: '2026-12-01',
        active: true,
        notes: '',
        acceptWarnings: true,
      }),
    ) as Reply;
    expect(resident.ok).toBe(true);
    shop.as(STAFF, () => checkData());
    expect(shop.emulator.ui.alerts.at(-1)?.title).toBe('检查数据');
  });

  it('Check data tells staff who writes the corrections of a changed closed month, asking no Yes', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    shop.emulator.asUser(STAFF, () => shop.emulator.userEdit('调整', 'C3', '-4'));
    const adjustments = shop.emulator.peek('调整');
    shop.emulator.ui.answerNextAlert('YES');
    shop.as(STAFF, () => checkData());
    // One dialog, with OK only: the report and who may write the rows, not a Yes then refused.
    const alerts = shop.emulator.ui.alerts.filter((a) => a.title !== '设置工作簿');
    expect(alerts.map((a) => [a.title, a.buttons])).toEqual([['检查数据', 'OK']]);
    expect(alerts[0]?.message).toContain('可在 2026-12 的「调整」表中写入 1 行更正。');
    expect(alerts[0]?.message).toMatch(
      /更正行是工资，只有管理员可以写入：请管理员（li@workshop\.cn）运行「检查数据」并选“是”。$/,
    );
    expect(shop.emulator.peek('调整')).toEqual(adjustments);

    // A manager is asked, and Yes writes the row.
    shop.emulator.ui.answerNextAlert('YES');
    shop.as(MANAGER, () => checkData());
    expect(shop.emulator.ui.alerts.at(-2)?.buttons).toBe('YES_NO');
    expect(shop.emulator.peek('调整')).toHaveLength(adjustments.length + 1);
  });

  it('Generate with partner reports ticked by staff: the month is generated, the reports not', () => {
    const reply = shop.as(STAFF, () => generateMonthFromDialog('2026-11', true)) as Reply;
    expect(reply.ok).toBe(true);
    expect(shop.emulator.spreadsheet.getSheetByName('工资 2026-11')).not.toBeNull();
    // Not the role refusal's 「本次没有做任何改动」: the month's tabs were written.
    expect(reply.message.split('\n').slice(1)).toEqual([
      '合作单位报表没有更新：只有管理员可以更新。管理员：li@workshop.cn。',
    ]);
    expect(shop.emulator.files()).toEqual([]);
  });

  it('says who may not be told apart: an account Google does not name', () => {
    shop.uninstall();
    shop = staffedWorkshop({ managers: MANAGER });
    // A user who granted everything but the address (granular consent) is unknown.
    const noEmail = (globalThis as { Session: GoogleAppsScript.Base.Session }).Session;
    const real = noEmail.getActiveUser.bind(noEmail);
    noEmail.getActiveUser = () => {
      throw new Error(
        'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
      );
    };
    try {
      const reply = shop.as(STAFF, () => previewCloseFromDialog('2026-11')) as Reply;
      expect(reply.message).toContain('Google 没有告诉工坊你的账号');
    } finally {
      noEmail.getActiveUser = real;
    }
  });
});

describe('without managers', () => {
  it('everyone may do everything, and Check data says once that nothing is protected', () => {
    shop = staffedWorkshop();
    shop.setUp(STAFF);
    expect(protectionsOf('设置')).toEqual([]);
    const closed = shop.as(VOLUNTEER, () =>
      closeMonthFromDialog('2026-11', { name: '志愿者', confirmed: true }),
    ) as Reply;
    expect(closed.ok).toBe(true);
    shop.as(STAFF, () => checkData());
    const message = shop.emulator.ui.alerts.at(-1)?.message ?? '';
    expect(message.split('「设置」表还没有填写「管理员」')).toHaveLength(2);
  });
});

describe('marks around protected columns', () => {
  // Check data and the checks while typing write notes over the rows they mark; a colleague
  // may not write into the managers' columns there, and their marks must land all the same.
  it('Check data run by staff marks a bad quantity beside a protected pay rate', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.setUp(MANAGER);
    shop.emulator.asUser(MANAGER, () => shop.emulator.userEdit('订单', 'G3', '十'));
    shop.emulator.spreadsheet.getRange('订单!G3').setNote(null).setBackground(null);
    shop.as(STAFF, () => checkData());
    expect(shop.emulator.ui.alerts.at(-1)?.title).toBe('检查数据');
    expect(shop.emulator.cell('订单', 'G3').note).toContain('十');
  });

  it('an edit by staff beside a protected pay rate is marked as it is typed', () => {
    shop = staffedWorkshop({ managers: MANAGER });
    shop.setUp(MANAGER);
    shop.emulator.asUser(STAFF, () => shop.emulator.userEdit('订单', 'G3', '十'));
    expect(shop.emulator.cell('订单', 'G3').note).toContain('十');
  });
});
