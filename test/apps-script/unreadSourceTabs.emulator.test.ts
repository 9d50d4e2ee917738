/**
 * Source tabs Sheets could not read, as the command line stops on them
 * (test/cli/foreignFiles.test.ts; docs/reference.md, Set up):
 * - a required column typed over or deleted: 计件's 居民编号 typed as 编号 made Check data say to
 *   run Set up, Set up add an empty 居民编号 beside it that every row then lacked, and Generate
 *   pay ¥0.00 of piece pay; 不合格数 deleted, Generate paid none of the tab's rows either;
 * - a source tab renamed by staff, or a title row inserted above a tab's headers: 调整 renamed
 *   调整表 made Generate pay no adjustment, Check data only warn, and Set up add an empty 调整
 *   beside it; a title row above 计件's headers made Generate pay ¥0.00 of piece pay ("1 row
 *   left out"), Check data say to run Set up, and Set up say to insert a header row.
 */
import { createEmulator } from '../emulator';
import type { Emulator } from '../emulator';
import { generateMonthFromDialog, previewCloseFromDialog } from '../../src/apps-script/monthJobs';
import { checkData, setUpWorkbook } from '../../src/apps-script/menu';
import { updatePartnerReports } from '../../src/apps-script/partnerReports';
import { handMonth, monthTabs } from '../support/monthWorkbook';
import type { Rows } from '../support/monthWorkbook';

// 3 December 2026 in Shanghai: 2026-11 is over.
const NOW = new Date('2026-12-03T02:00:00Z');
let emulator: Emulator;
let uninstall: () => void;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});
afterEach(() => {
  uninstall();
  jest.useRealTimers();
});

/** The hand month (in `lang`), its tabs changed by `edit`. */
function seeded(lang: 'zh' | 'en', edit: (tabs: Record<string, Rows>) => void): void {
  emulator = createEmulator({
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    htmlFiles: {},
    userEmail: 'wang@example.org',
  });
  const tabs = monthTabs(handMonth(), lang);
  edit(tabs);
  for (const [name, rows] of Object.entries(tabs)) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
}

/** An edit of the Pieces tab (in `lang`): its header row and all its rows. */
const inPieces =
  (lang: 'zh' | 'en', edit: (header: Rows[number], rows: Rows) => void) =>
  (tabs: Record<string, Rows>): void => {
    const pieces = tabs[lang === 'zh' ? '计件' : 'Pieces'] ?? [];
    edit(pieces[0] ?? [], pieces);
  };

/** Tab `from` renamed `to`, in the workbook's order. */
const renamed =
  (from: string, to: string) =>
  (tabs: Record<string, Rows>): void => {
    tabs[to] = tabs[from] ?? [];
    delete tabs[from];
  };

/** A title row (and a blank one) above 计件's headers. */
const titled = (tabs: Record<string, Rows>): void => {
  tabs['计件']?.unshift(['2026年11月计件登记'], []);
};

const lastAlert = (): string => emulator.ui.alerts[emulator.ui.alerts.length - 1]?.message ?? '';
const generated = (): boolean =>
  emulator.spreadsheet.getSheets().some((sheet) => sheet.getName().includes('2026-11'));
const tabNames = (): string[] => emulator.spreadsheet.getSheets().map((sheet) => sheet.getName());

/** Generate refuses, saying `message`, and writes no month tab; Close's preview refuses too. */
function expectMonthRefused(message: string): void {
  const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
  expect(reply).toMatchObject({ ok: false, message });
  expect(generated()).toBe(false);
  expect(emulator.execution(() => previewCloseFromDialog('2026-11'))).toMatchObject({
    ok: false,
    message,
  });
}

describe('a source tab renamed by staff (调整 as 调整表)', () => {
  const zh = '没有「调整」表，「调整表」像是它改了名字。请改回「调整」，再试一次。';

  it('Generate and Close refuse, paying no month without its adjustments', () => {
    seeded('zh', renamed('调整', '调整表'));
    expectMonthRefused(zh);
  });

  it('Check data names the tab to rename back', () => {
    seeded('zh', renamed('调整', '调整表'));
    emulator.execution(() => checkData());
    expect(lastAlert()).toContain(zh);
  });

  it('Set up refuses, adding no empty 调整 beside it', () => {
    seeded('zh', renamed('调整', '调整表'));
    const before = tabNames();
    emulator.execution(() => setUpWorkbook());
    expect(lastAlert()).toContain(zh);
    expect(tabNames()).toEqual(before);
  });

  it('says it in English in an English sheet (Residents as Residents list)', () => {
    seeded('en', renamed('Residents', 'Residents list'));
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply).toMatchObject({
      ok: false,
      message:
        'No "Residents" tab: "Residents list" seems to be it, renamed. Rename it back to "Residents", then try again.',
    });
  });

  it('a staff tab that only shares a word is not taken for it: Set up adds 调整', () => {
    seeded('zh', (tabs) => {
      delete tabs['调整'];
      tabs['调整说明'] = [['说明'], ['每月底核对']];
    });
    emulator.execution(() => setUpWorkbook());
    expect(tabNames()).toContain('调整');
  });
});

describe('a title row above a tab’s headers (计件)', () => {
  const zh = '「计件」的表头在第 3 行，不在第 1 行，一行也没有读到。请删掉上面的行，再试一次。';

  it('Generate and Close refuse, paying no ¥0.00 month', () => {
    seeded('zh', titled);
    expectMonthRefused(zh);
  });

  it('Check data names the row, not Set up', () => {
    seeded('zh', titled);
    emulator.execution(() => checkData());
    expect(lastAlert()).toContain(zh);
    expect(lastAlert()).not.toContain('设置工作簿');
  });

  it('Set up refuses, changing no row', () => {
    seeded('zh', titled);
    const before = emulator.peek('计件');
    emulator.execution(() => setUpWorkbook());
    expect(lastAlert()).toContain(zh);
    expect(emulator.peek('计件')).toEqual(before);
  });

  it('Update partner reports refuses, making no statement without pieces', () => {
    seeded('zh', titled);
    emulator.seed('合作单位', [
      ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注'],
      ['P1', '华美饰品', '', '', '是', ''],
    ]);
    emulator.execution(() => updatePartnerReports());
    expect(lastAlert()).toContain(zh);
    expect(emulator.files()).toEqual([]);
  });
});

describe('a required column whose header was typed over (计件 居民编号 as 编号)', () => {
  const zh =
    '「计件」缺少「居民编号」列，这张表一行也没有读到，什么也没有写。请把改过的表头「编号」改回「居民编号」，再试一次。';
  const typedOver = inPieces('zh', (header) => (header[1] = '编号'));

  it('Check data names the header to type back, not Set up', () => {
    seeded('zh', typedOver);
    emulator.execution(() => checkData());
    expect(lastAlert()).toContain(zh);
    expect(lastAlert()).not.toContain('设置工作簿');
  });

  it('Set up refuses, adding no empty 居民编号 beside it', () => {
    seeded('zh', typedOver);
    const before = emulator.peek('计件')[0];
    emulator.execution(() => setUpWorkbook());
    expect(lastAlert()).toContain(zh);
    expect(emulator.peek('计件')[0]).toEqual(before);
  });

  it('Generate and Close refuse, writing no payout', () => {
    seeded('zh', typedOver);
    expectMonthRefused(zh);
  });

  it('says it in English in an English sheet (Resident typed as Resident No.)', () => {
    seeded(
      'en',
      inPieces('en', (header) => (header[1] = 'Resident No.')),
    );
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply).toMatchObject({
      ok: false,
      message:
        '"Pieces" has no "Resident" column: none of its rows were read, and nothing was written. Change the header "Resident No." back to "Resident", then try again.',
    });
  });
});

describe('a required column deleted (计件 不合格数)', () => {
  const deleteRejected = (_header: Rows[number], rows: Rows): void => {
    for (const row of rows) row.splice(4, 1);
  };

  it('Generate refuses, saying to add it back with Set up and fill it in', () => {
    seeded('zh', inPieces('zh', deleteRejected));
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply).toMatchObject({
      ok: false,
      message:
        '「计件」缺少「不合格数」列，这张表一行也没有读到，什么也没有写。请运行「工坊 › 设置工作簿」补上这一列并填好，再试一次。',
    });
    expect(generated()).toBe(false);
  });

  it('Update partner reports refuses, making no statement without pieces', () => {
    seeded('zh', inPieces('zh', deleteRejected));
    emulator.seed('合作单位', [
      ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注'],
      ['P1', '华美饰品', '', '', '是', ''],
    ]);
    emulator.execution(() => updatePartnerReports());
    expect(lastAlert()).toContain('「计件」缺少「不合格数」列');
    expect(emulator.files()).toEqual([]);
  });

  it('Set up adds it back, and Generate then pays the pieces', () => {
    seeded('zh', inPieces('zh', deleteRejected));
    emulator.execution(() => setUpWorkbook());
    expect(emulator.peek('计件')[0]).toContain('不合格数');
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11')) as {
      ok: boolean;
      value: { figures: { piecePay: number } };
    };
    expect(reply.ok).toBe(true);
    expect(reply.value.figures.piecePay).toBeGreaterThan(0);
  });
});
