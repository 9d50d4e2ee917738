/**
 * A required column typed over or deleted in Sheets (docs/apps-script.md), as the command line
 * stops on them (test/cli/foreignFiles.test.ts): 计件's 居民编号 typed as 编号 made Check data say
 * to run Set up, Set up add an empty 居民编号 beside it that every row then lacked, and Generate
 * pay ¥0.00 of piece pay; 不合格数 deleted, Generate paid none of the tab's rows either.
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

/** The hand month, its Pieces header changed by `edit` (in `lang`). */
function seeded(lang: 'zh' | 'en', edit: (header: Rows[number], rows: Rows) => void): void {
  emulator = createEmulator({
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    htmlFiles: {},
    userEmail: 'wang@example.org',
  });
  const tabs = monthTabs(handMonth(), lang);
  const pieces = tabs[lang === 'zh' ? '计件' : 'Pieces'] ?? [];
  edit(pieces[0] ?? [], pieces);
  for (const [name, rows] of Object.entries(tabs)) emulator.seed(name, rows);
  uninstall = emulator.install(globalThis);
}

const lastAlert = (): string => emulator.ui.alerts[emulator.ui.alerts.length - 1]?.message ?? '';
const generated = (): boolean =>
  emulator.spreadsheet.getSheets().some((sheet) => sheet.getName().includes('2026-11'));

describe('a required column whose header was typed over (计件 居民编号 as 编号)', () => {
  const zh =
    '「计件」缺少「居民编号」列，这张表一行也没有读到，什么也没有写。请把改过的表头「编号」改回「居民编号」，再试一次。';

  it('Check data names the header to type back, not Set up', () => {
    seeded('zh', (header) => (header[1] = '编号'));
    emulator.execution(() => checkData());
    expect(lastAlert()).toContain(zh);
    expect(lastAlert()).not.toContain('设置工作簿');
  });

  it('Set up refuses, adding no empty 居民编号 beside it', () => {
    seeded('zh', (header) => (header[1] = '编号'));
    const before = emulator.peek('计件')[0];
    emulator.execution(() => setUpWorkbook());
    expect(lastAlert()).toContain(zh);
    expect(emulator.peek('计件')[0]).toEqual(before);
  });

  it('Generate and Close refuse, writing no payout', () => {
    seeded('zh', (header) => (header[1] = '编号'));
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply).toMatchObject({ ok: false, message: zh });
    expect(generated()).toBe(false);
    expect(emulator.execution(() => previewCloseFromDialog('2026-11'))).toMatchObject({
      ok: false,
      message: zh,
    });
  });

  it('says it in English in an English sheet (Resident typed as Resident No.)', () => {
    seeded('en', (header) => (header[1] = 'Resident No.'));
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
    seeded('zh', deleteRejected);
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(reply).toMatchObject({
      ok: false,
      message:
        '「计件」缺少「不合格数」列，这张表一行也没有读到，什么也没有写。请运行「工坊 › 设置工作簿」补上这一列并填好，再试一次。',
    });
    expect(generated()).toBe(false);
  });

  it('Update partner reports refuses, making no statement without pieces', () => {
    seeded('zh', deleteRejected);
    emulator.seed('合作单位', [
      ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注'],
      ['P1', '华美饰品', '', '', '是', ''],
    ]);
    emulator.execution(() => updatePartnerReports());
    expect(lastAlert()).toContain('「计件」缺少「不合格数」列');
    expect(emulator.files()).toEqual([]);
  });

  it('Set up adds it back, and Generate then pays the pieces', () => {
    seeded('zh', deleteRejected);
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
