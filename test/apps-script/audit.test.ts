/**
 * Issue 20, the edit audit in Sheets with several emulated users: a typed edit, a paste, rows
 * removed and inserted (the installable change trigger), an editor outside the domain, Gongfang's
 * own writes (Generate, Close, Reopen, Record pieces, Undo) through the inbox or straight into
 * Audit, the archive, who changed a closed month in Check data's report, an audit that never
 * fails an edit, and what it costs (the simple onEdit's budget unchanged).
 */
import {
  closeMonthFromDialog,
  generateMonthFromDialog,
  showReopenMonthDialog,
} from '../../src/apps-script/monthJobs';
import { checkData } from '../../src/apps-script/menu';
import { onEdit } from '../../src/apps-script/onEdit';
import { auditChange, auditEdit } from '../../src/apps-script/audit';
import { updatePartnerReports } from '../../src/apps-script/partnerReports';
import { submitPiecesBatch, undoPiecesBatch } from '../../src/apps-script/sidebars';
import type { CellValue } from '../../src/workbook/cells';
import { AUDIT_ROW_LIMIT } from '../../src/workbook/layout';
import {
  MANAGER,
  NOW,
  OWNER,
  STAFF,
  VOLUNTEER,
  type Staffed,
  auditRecord,
  staffedWorkshop,
} from './staff';

let shop: Staffed;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  shop = staffedWorkshop({ managers: MANAGER });
  shop.setUp(MANAGER);
});
afterEach(() => {
  expect(shop.emulator.triggerErrors).toEqual([]);
  shop.uninstall();
  jest.useRealTimers();
});

const rows = (): Record<string, CellValue>[] => shop.audit().map(auditRecord);
const last = (): Record<string, CellValue> | undefined => rows().at(-1);
const edit = (email: string, tab: string, a1: string, typed: string | string[][]): void =>
  shop.emulator.asUser(email, () => shop.emulator.userEdit(tab, a1, typed));
type Reply = { ok: boolean; message: string; value?: { kind?: string; lines?: unknown[] } };

describe('Set up turns the audit on', () => {
  it('makes Audit, its hidden inbox and the manager’s two triggers, once', () => {
    expect(shop.emulator.ui.alerts.at(-1)?.message).toContain(
      `改动审计已开启：每次编辑、粘贴、插入或删除行都记入「审计」表（以 ${MANAGER} 的账号运行）。`,
    );
    const triggers = shop.emulator.installedTriggers();
    expect(triggers.map((t) => [t.handler, t.eventType, t.owner])).toEqual([
      ['auditEdit', 'ON_EDIT', MANAGER],
      ['auditChange', 'ON_CHANGE', MANAGER],
    ]);
    expect(shop.emulator.spreadsheet.getSheetByName('审计待录')?.isSheetHidden()).toBe(true);
    // Set up's own row: who set up, who the managers are.
    expect(last()).toMatchObject({ 用户: MANAGER, 操作: '设置工作簿', 说明: `管理员：${MANAGER}` });
    shop.setUp(MANAGER);
    expect(shop.emulator.installedTriggers()).toHaveLength(2);
    // Another manager's Set up leaves the running audit where it is.
    shop.setUp('wang@workshop.cn');
    expect(shop.emulator.ui.alerts.at(-1)?.message).toContain(`改动审计已由管理员 ${MANAGER} 开启`);
    expect(shop.emulator.installedTriggers()).toHaveLength(2);
  });
});

describe('the Audit tab as staff read and print it', () => {
  it('wraps a long old or new value within its column, as the .xlsx does', () => {
    const note = '手工香囊，要求针脚均匀、流苏长度一致，'.repeat(10);
    edit(STAFF, '计件', 'G3', note);
    expect(last()).toMatchObject({ 新值: note });
    const audit = shop.emulator.spreadsheet.getSheetByName('审计');
    const row = shop.audit().length;
    // Before: every cell overflowed (Sheets' default), a 200-character note over its neighbours.
    expect(audit?.getRange(row, 1, 1, 11).getWraps()).toEqual([
      [false, false, false, false, false, false, false, true, true, false, false],
    ]);
    // The hidden inbox only passes rows on: nothing to wrap there.
    const inbox = shop.emulator.spreadsheet.getSheetByName('审计待录');
    expect(inbox?.getRange(2, 1, 1, 11).getWraps()).toEqual([Array(11).fill(false)]);
  });
});

describe('without the permission for triggers', () => {
  it('Set up does its work and says the audit is not on, naming the permission', () => {
    shop.uninstall();
    shop = staffedWorkshop({
      managers: MANAGER,
      grantedScopes: [
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/userinfo.email',
      ],
    });
    shop.setUp(MANAGER);
    const message = shop.emulator.ui.alerts.at(-1)?.message ?? '';
    expect(message).toContain('改动审计没有开启');
    expect(message).toContain('在您不在时运行（记录每次改动的审计）');
    expect(message).toContain('只有管理员可以修改：「设置」表');
    expect(shop.emulator.installedTriggers()).toEqual([]);
  });
});

describe('a person’s edits', () => {
  it('a typed edit: time, user, tab, cell, old → new, the row’s record, closed-month flag', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    edit(STAFF, '计件', 'D3', '8');
    expect(last()).toEqual({
      时间: '2026-12-03 10:00:00',
      用户: STAFF,
      操作: '编辑',
      工作表: '计件',
      范围: 'D3',
      行数: 1,
      记录: 'E2',
      原值: '7',
      新值: '8',
      标记: '已结账月份 2026-11',
      说明: '',
    });
    // A row moved out of the closed month by its date: the old month counts, dates read as dates.
    edit(STAFF, '计件', 'A4', '2026-12-01');
    expect(last()).toMatchObject({
      原值: '2026-11-05',
      新值: '2026-12-01',
      标记: '已结账月份 2026-11',
    });
    // A row of an open month: no flag.
    edit(STAFF, '计件', 'A4', '2026-12-02');
    expect(last()).toMatchObject({ 原值: '2026-12-01', 新值: '2026-12-02', 标记: '' });
  });

  it('flags pay rates, partner prices and Settings', () => {
    edit(MANAGER, '订单', 'E2', '0.02');
    expect(last()).toMatchObject({
      工作表: '订单',
      范围: 'E2',
      记录: 'A',
      原值: '0.015',
      新值: '0.02',
      标记: '计件单价',
    });
    edit(MANAGER, '订单', 'F2', '0.05');
    expect(last()).toMatchObject({ 标记: '合同单价' });
    edit(MANAGER, '设置', 'B2', '幸福工坊');
    expect(last()).toMatchObject({ 工作表: '设置', 记录: '机构名称', 标记: '设置' });
  });

  it('a paste: one row with the range and the number of rows, no values', () => {
    const before = rows().length;
    edit(STAFF, '计件', 'F2', [
      ['王', 'a'],
      ['王', 'b'],
      ['王', 'c'],
    ]);
    expect(rows()).toHaveLength(before + 1);
    expect(last()).toMatchObject({
      操作: '粘贴',
      范围: 'F2:G4',
      行数: 3,
      原值: '',
      新值: '',
      记录: '',
    });
  });

  it('rows removed and inserted, from the change trigger', () => {
    shop.emulator.asUser(STAFF, () => shop.emulator.userDeleteRows('计件', 5, 2));
    expect(last()).toMatchObject({
      用户: STAFF,
      操作: '删除行',
      工作表: '计件',
      范围: '5:6',
      行数: 2,
    });
    shop.emulator.asUser(STAFF, () => shop.emulator.userInsertRows('调整', 2, 1));
    expect(last()).toMatchObject({ 操作: '插入行', 工作表: '调整', 范围: '3:3', 行数: 1 });
  });

  it('a time zone changed in File › Settings times the next edit and row change in the new zone', () => {
    edit(STAFF, '居民', 'H2', '周末有空'); // the audit keeps its context (for up to 6 hours)
    expect(last()?.时间).toBe('2026-12-03 10:00:00');
    // Changing the spreadsheet's time zone fires no edit, so nothing forgets the kept context.
    shop.emulator.spreadsheet.setSpreadsheetTimeZone('Europe/London');
    edit(STAFF, '居民', 'H2', '周日有空');
    // Before: 10:00:00, Shanghai's time, for hours after the change.
    expect(last()?.时间).toBe('2026-12-03 02:00:00');
    shop.emulator.asUser(STAFF, () => shop.emulator.userDeleteRows('计件', 5, 1));
    expect(last()).toMatchObject({ 时间: '2026-12-03 02:00:00', 操作: '删除行' });
  });

  it('a column inserted in Pieces: the next edit is read under the columns as they are now', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    edit(STAFF, '计件', 'D3', '8'); // the audit keeps the columns it read
    // Staff insert a column before A (a rename fires nothing; this fires a change, INSERT_COLUMN).
    shop.emulator.asUser(STAFF, () => shop.emulator.userInsertColumns('计件', 1, 1));
    edit(STAFF, '计件', 'E3', '9');
    // Before: read under the kept columns, the date one column off: no flag, another record.
    expect(last()).toMatchObject({ 范围: 'E3', 记录: 'E2', 标记: '已结账月份 2026-11' });
  });

  it('a tab renamed to another of its names (计件 → Pieces) is still known from its next edit', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    edit(STAFF, '计件', 'D3', '8'); // the audit keeps the tab names it read
    shop.emulator.spreadsheet.getSheetByName('计件')?.setName('Pieces'); // fires no edit
    // Before: unknown under its new name for up to 6 hours, no record, no closed-month flag.
    jest.setSystemTime(NOW.getTime() + 2 * 60_000); // a context a minute old is built again
    edit(STAFF, 'Pieces', 'D3', '9');
    expect(last()).toMatchObject({ 工作表: 'Pieces', 记录: 'E2', 标记: '已结账月份 2026-11' });
  });

  it('names an editor outside the domain as unknown', () => {
    edit(VOLUNTEER, '居民', 'H2', '周末有空');
    expect(last()).toMatchObject({ 用户: '未知（域外账号）', 工作表: '居民', 记录: 'R1' });
  });

  it('never fails an edit: without its tab the audit logs the problem and the edit stands', () => {
    const audit = shop.emulator.spreadsheet.getSheetByName('审计');
    shop.emulator.spreadsheet.deleteSheet(audit!);
    edit(STAFF, '计件', 'D3', '9');
    expect(shop.emulator.cell('计件', 'D3').value).toBe(9);
  });

  it('an Audit tab deleted is made again at the next edit, protected as Settings, saying so', () => {
    shop.as(MANAGER, () => {
      const book = SpreadsheetApp.getActiveSpreadsheet();
      book.deleteSheet(book.getSheetByName('审计')!);
    });
    edit(STAFF, '计件', 'D3', '9');
    // The edits after a deletion were dropped unsaid: the audit had stopped for good.
    expect(rows().map((r) => [r.用户, r.操作, r.工作表, r.范围])).toEqual([
      ['—', '改动记录重新开始', '', ''],
      [STAFF, '编辑', '计件', 'D3'],
    ]);
    const [protection] = shop.emulator.spreadsheet
      .getSheetByName('审计')!
      .getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protection?.isWarningOnly()).toBe(false);
    expect(protection?.getEditors().map((u) => u.getEmail())).toContain(MANAGER);
    expect(protection?.getEditors().map((u) => u.getEmail())).not.toContain(STAFF);
    // Copied from Settings' protection, it carried Settings' description over the Audit tab.
    expect(protection?.getDescription()).toBe(
      '工坊（Gongfang）的改动审计：只追加、不修改，请勿手工编辑。',
    );
  });

  it('without managers, the Audit made again is warning-only, in its own words', () => {
    shop.uninstall();
    shop = staffedWorkshop();
    shop.setUp(OWNER);
    shop.as(OWNER, () => closeMonthFromDialog('2026-11', { name: '王', confirmed: true }));
    shop.as(STAFF, () => {
      const book = SpreadsheetApp.getActiveSpreadsheet();
      book.deleteSheet(book.getSheetByName('审计')!);
    });
    edit(STAFF, '计件', 'D3', '9');
    expect(last()).toMatchObject({ 用户: STAFF, 操作: '编辑', 范围: 'D3' });
    const [protection] = shop.emulator.spreadsheet
      .getSheetByName('审计')!
      .getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protection?.isWarningOnly()).toBe(true);
    // Copied from Closings, it said 由工坊（Gongfang）记录的结账与撤销结账… over the Audit tab.
    expect(protection?.getDescription()).toBe(
      '工坊（Gongfang）的改动审计：只追加、不修改，请勿手工编辑。',
    );
  });

  it('keeps the simple onEdit as cheap as before, and costs the audit trigger a dozen calls', () => {
    const costs: Record<string, number[]> = { onEdit: [], auditEdit: [] };
    type Event = GoogleAppsScript.Events.SheetsOnEdit;
    const measured =
      (name: string, fn: (e: Event) => void) =>
      (e: Event): void => {
        const before = shop.emulator.calls.total();
        fn(e);
        costs[name]?.push(shop.emulator.calls.total() - before);
      };
    shop.emulator.simpleTriggers({ onEdit: measured('onEdit', onEdit) });
    shop.emulator.projectFunctions({ auditEdit: measured('auditEdit', auditEdit), auditChange });
    edit(STAFF, '计件', 'D3', '8'); // builds the kept context
    edit(STAFF, '计件', 'D3', '9');
    // docs/validation.md: a single cell, nothing to mark: 7.
    expect(costs.onEdit?.[1]).toBe(7);
    // docs/roles.md: the audit trigger's own budget for a single cell, 13, on any tab: its
    // context is kept apart from the one the checks forget after each edit of Orders (the
    // time zone, read every time, is the 13th).
    edit(STAFF, '订单', 'K3', '急');
    expect(costs.auditEdit?.slice(1)).toEqual([13, 13]);
  });
});

describe('Gongfang’s own writes', () => {
  it('Generate by staff waits in the inbox; the next edit moves it into Audit', () => {
    const reply = shop.as(STAFF, () => generateMonthFromDialog('2026-11')) as Reply;
    expect(reply.ok).toBe(true);
    const inbox = shop.emulator.peek('审计待录');
    expect(inbox.map((row) => row.slice(1, 4))).toEqual([
      ['用户', '操作', '工作表'],
      [STAFF, '生成', '工资 2026-11'],
    ]);
    edit(STAFF, '居民', 'H3', '腿脚不便');
    expect(shop.emulator.peek('审计待录')).toHaveLength(1);
    expect(
      rows()
        .slice(-2)
        .map((r) => [r.用户, r.操作]),
    ).toEqual([
      [STAFF, '生成'],
      [STAFF, '编辑'],
    ]);
    expect(rows().at(-2)?.说明).toMatch(/^2026-11：\d+ 人，实发合计 ¥/);
  });

  it('Close and Reopen by a manager go straight into Audit', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李老师', confirmed: true }));
    expect(last()).toMatchObject({ 用户: MANAGER, 操作: '结账', 工作表: '结账' });
    expect(String(last()?.说明)).toContain('2026-11 结账：');
    shop.emulator.ui.answerNextPrompt('漏登了', 'OK');
    shop.as(MANAGER, () => showReopenMonthDialog());
    expect(last()).toMatchObject({
      用户: MANAGER,
      操作: '撤销结账',
      说明: '撤销 2026-11 的结账：漏登了；撤销人 李老师 li@workshop.cn',
    });
  });

  it('Record pieces and Undo log themselves in the same write: two calls for the account', () => {
    const batch = {
      date: '2026-12-02',
      recordedBy: '赵',
      lines: [
        {
          entry: 'KEYKEYKE-1',
          residentId: 'R1',
          orderId: 'C',
          completed: '2',
          rejected: '0',
          notes: '',
        },
        {
          entry: 'KEYKEYKE-2',
          residentId: 'R2',
          orderId: 'C',
          completed: '1',
          rejected: '0',
          notes: '',
        },
      ],
      acceptWarnings: true,
    };
    shop.emulator.calls.reset();
    const written = shop.as(STAFF, () => submitPiecesBatch(batch)) as Reply;
    expect(written.ok).toBe(true);
    // docs/sidebars.md: 7 to submit, and 3 for issue 18's tally of Pieces in the document cache
    // (getDocumentCache, getAll, putAll); the audit adds the account (getActiveUser, getEmail),
    // and its row rides in the same batchUpdate.
    expect(shop.emulator.calls.total()).toBe(7 + 3 + 2);
    expect(shop.emulator.calls.byMethod()['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    const inbox = shop.emulator.peek('审计待录');
    expect(inbox.at(-1)?.slice(1, 7)).toEqual([STAFF, '记件', '计件', '10:11', 2, '']);
    expect(inbox.at(-1)?.[10]).toBe('2 行（记录号 KEYKEYKE-1…-2）');
    const lines = (written.value?.lines ?? []) as Parameters<typeof undoPiecesBatch>[0];
    const undone = shop.as(STAFF, () => undoPiecesBatch(lines)) as Reply;
    expect(undone.ok).toBe(true);
    expect(shop.emulator.peek('审计待录').at(-1)?.slice(1, 7)).toEqual([
      STAFF,
      '撤销记件',
      '计件',
      '10:11',
      2,
      '',
    ]);
  });
});

describe('Undo of a batch whose rows are no longer side by side', () => {
  it('names the rows it removed, not the span from the first', () => {
    const line = (n: number) => ({
      entry: `KEYKEYKE-${n}`,
      residentId: 'R1',
      orderId: 'C',
      completed: String(n),
      rejected: '0',
      notes: '',
    });
    const batch = {
      date: '2026-12-02',
      recordedBy: '赵',
      lines: [line(1), line(2)],
      acceptWarnings: true,
    };
    const written = shop.as(STAFF, () => submitPiecesBatch(batch)) as Reply;
    expect(written.ok).toBe(true);
    // A colleague inserts a row between the batch's two (rows 10 and 11): the second is on 12.
    shop.emulator.asUser(VOLUNTEER, () => shop.emulator.userInsertRows('计件', 10, 1));
    expect(shop.emulator.peek('计件')[11]?.[7]).toBe('KEYKEYKE-2');
    const lines = (written.value?.lines ?? []) as Parameters<typeof undoPiecesBatch>[0];
    const undone = shop.as(STAFF, () => undoPiecesBatch(lines)) as Reply;
    expect(undone.ok).toBe(true);
    expect(shop.emulator.peek('计件').map((row) => row[7])).not.toContain('KEYKEYKE-2');
    // Rows 10 and 12 went; row 11, the colleague's, stayed: "10:11" sent the auditor to it.
    expect(shop.emulator.peek('审计待录').at(-1)?.slice(2, 6)).toEqual([
      '撤销记件',
      '计件',
      '10:10, 12:12',
      2,
    ]);
  });
});

describe('partner reports', () => {
  it('a report made and shared with a partner’s addresses leaves a row on Audit', () => {
    // A manager asks for P1's report, shared with its buyer (Share emails, Report).
    shop.as(MANAGER, () =>
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheetByName('合作单位')
        ?.getRange('D2:E2')
        .setValues([['buyer@huamei.cn', '是']]),
    );
    shop.as(MANAGER, () => updatePartnerReports());
    expect(shop.emulator.files()[0]?.viewers).toEqual(['buyer@huamei.cn']);
    expect(last()).toMatchObject({ 用户: MANAGER, 操作: '合作单位报表' });
    expect(String(last()?.时间)).toBe('2026-12-03 10:00:00');
    expect(String(last()?.说明)).toContain('buyer@huamei.cn');
  });
});

describe('who changed a closed month', () => {
  it('Check data’s report names who changed the month’s rows after closing, and when', () => {
    shop.as(MANAGER, () => closeMonthFromDialog('2026-11', { name: '李', confirmed: true }));
    jest.setSystemTime(new Date('2026-12-04T03:30:00Z'));
    edit(STAFF, '计件', 'D3', '9');
    shop.as(MANAGER, () => checkData());
    const message = shop.emulator.ui.alerts.at(-1)?.message ?? '';
    expect(message).toContain('2026-11 结账后的改动记录（来自「审计」表）：');
    expect(message).toContain(`2026-12-04 11:30:00 ${STAFF} 编辑 计件 D3（7 → 9）`);
  });
});

describe('the archive', () => {
  it(`past ${AUDIT_ROW_LIMIT} rows moves the oldest to 审计存档, deleting nothing`, () => {
    const sheet = shop.emulator.spreadsheet.getSheetByName('审计')!;
    const filler = Array.from({ length: AUDIT_ROW_LIMIT }, (_, i) => [
      `2026-01-01 00:00:${String(i % 60).padStart(2, '0')}`,
      'old@workshop.cn',
      '编辑',
      '计件',
      `D${i + 2}`,
      1,
      '',
      '',
      '',
      '',
      `#${i}`,
    ]);
    sheet.insertRowsAfter(sheet.getMaxRows(), AUDIT_ROW_LIMIT);
    sheet.getRange(2, 1, filler.length, 11).setValues(filler);
    const before = rows().length;
    edit(STAFF, '计件', 'D3', '8');
    const archive = shop.emulator.peek('审计存档');
    expect(rows().length + archive.length - 1).toBe(before + 1);
    expect(rows()).toHaveLength(AUDIT_ROW_LIMIT / 2);
    expect(archive[1]?.[10]).toBe('#0');
    expect(rows()[0]?.说明).toBe(`#${AUDIT_ROW_LIMIT / 2 + 1}`);
    expect(last()).toMatchObject({ 用户: STAFF, 范围: 'D3' });
    // Protected as Audit is.
    const [protection] = shop.emulator.spreadsheet
      .getSheetByName('审计存档')!
      .getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protection?.isWarningOnly()).toBe(false);
  });
});

describe('the audit’s own tabs', () => {
  it('records a manager’s edit of Audit itself, and rows removed from it', () => {
    edit(MANAGER, '审计', 'A2', '改掉');
    expect(last()).toMatchObject({
      用户: MANAGER,
      操作: '编辑',
      工作表: '审计',
      范围: 'A2',
      新值: '改掉',
    });
    shop.emulator.asUser(MANAGER, () => shop.emulator.userDeleteRows('审计', 2, 1));
    expect(last()).toMatchObject({ 用户: MANAGER, 操作: '删除行', 工作表: '审计', 范围: '2:2' });
  });
});
