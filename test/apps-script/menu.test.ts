/**
 * The shell: the menu built by onOpen, and menu operations run under the document lock with
 * their outcome or error shown in the user's language.
 */
import * as entry from '../../src/apps-script/entry';
import { checkData, onInstall, onOpen, setUpWorkbook } from '../../src/apps-script/menu';
import { runOperation } from '../../src/apps-script/run';
import { refusal } from '../../src/features/errors';
import { t } from '../../src/i18n';
import { callsOf, installEmulator, pieceRows, seedWorkshop, type Installed } from './support';

let env: Installed;
afterEach(() => env.uninstall());

const tabs = () => env.emulator.spreadsheet.getSheets().map((sheet) => sheet.getName());

describe('onOpen', () => {
  it('builds the 工坊 menu on a Chinese spreadsheet', () => {
    env = installEmulator({ locale: 'zh_CN' });
    env.emulator.simpleTrigger(() => onOpen());
    expect(env.emulator.ui.menus).toEqual([
      {
        title: '工坊',
        items: [
          { caption: '记件…', functionName: 'showRecordPiecesSidebar' },
          { caption: '查居民…', functionName: 'showResidentLookupSidebar' },
          { caption: '新增居民…', functionName: 'showNewResidentSidebar' },
          { caption: '新增订单…', functionName: 'showNewOrderSidebar' },
          'separator',
          { caption: '设置工作簿', functionName: 'setUpWorkbook' },
          { caption: '检查数据', functionName: 'checkData' },
          'separator',
          { caption: '生成月度工资与汇总…', functionName: 'showGenerateMonthDialog' },
          { caption: '结账…', functionName: 'showCloseMonthDialog' },
          { caption: '撤销结账…', functionName: 'showReopenMonthDialog' },
          'separator',
          { caption: '年度报表…', functionName: 'showYearReportDialog' },
          { caption: '归档一年…', functionName: 'showArchiveYearDialog' },
          'separator',
          { caption: '更新合作单位报表', functionName: 'updatePartnerReports' },
          'separator',
          { caption: '自检', functionName: 'runSelfTest' },
        ],
      },
    ]);
  });

  it('builds the Gongfang menu in English otherwise, also when installed', () => {
    env = installEmulator({ locale: 'en_GB' });
    env.emulator.simpleTrigger(() => onInstall());
    const menu = env.emulator.ui.menus[0];
    expect(menu?.title).toBe('Gongfang');
    expect(menu?.items[0]).toEqual({
      caption: 'Record pieces…',
      functionName: 'showRecordPiecesSidebar',
    });
    expect(menu?.items[5]).toEqual({ caption: 'Set up workbook', functionName: 'setUpWorkbook' });
    expect(menu?.items[8]).toEqual({
      caption: 'Generate month…',
      functionName: 'showGenerateMonthDialog',
    });
  });

  it('uses only the spreadsheet and its UI, which a simple trigger may', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const calls = callsOf(env.emulator, () => env.emulator.simpleTrigger(() => onOpen()));
    const services = new Set(Object.keys(calls.byMethod).map((m) => m.split('.')[0]));
    // Sheet: the Settings tab's Language (the one language decision); simpleTrigger refuses
    // anything needing authorisation, so running at all proves the point.
    expect([...services].sort()).toEqual(['Menu', 'Sheet', 'Spreadsheet', 'SpreadsheetApp', 'Ui']);
  });

  it("follows Settings' Language over the spreadsheet locale", () => {
    env = installEmulator({ locale: 'zh_CN' });
    env.emulator.seed('设置', [
      ['项目', '值'],
      ['语言', 'en'],
    ]);
    env.emulator.simpleTrigger(() => onOpen());
    expect(env.emulator.ui.menus[0]?.title).toBe('Gongfang');
  });
});

describe('menu operations', () => {
  // 59 before issue 13, plus one setColumnWidths for each run of wide columns (products, e-mail
  // addresses, Pieces' notes) so that new tabs show their content; the flush that commits
  // before unlocking (1) and putting the user back on the tab they were on (2); and one more
  // run of wide columns on Partners, which gained its Language and Report link columns: 66.
  // Forgetting the context the checks while typing keep (getDocumentCache, removeAll — with the
  // audit's own context —: issue 17): 2 more.
  // Issue 20 turns the edit audit on (no managers listed: everyone counts as one): the 审计 /
  // Audit tab and its hidden inbox, made like any new tab; the two installable triggers
  // (getProjectTriggers, 2 × newTrigger + create + getUniqueId); the document property that
  // records them; who runs it (Session); Set up's own Audit row: 36 more, 104.
  // The Audit's long old and new values wrap within their columns, as the .xlsx's: one
  // setWraps over the new tab's grid, 107.
  it('Set up shows what it did, within 107 calls including the lock, flush and the dialog', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const usersTab = env.emulator.spreadsheet.getActiveSheet().getSheetId();
    const calls = callsOf(env.emulator, () => env.emulator.execution(() => setUpWorkbook()));
    expect(tabs()).toEqual([
      '居民',
      '合作单位',
      '订单',
      '计件',
      '调整',
      '设置',
      '审计',
      '审计待录',
    ]);
    expect(env.emulator.ui.alerts).toHaveLength(1);
    expect(env.emulator.ui.alerts[0]?.title).toBe('设置工作簿');
    expect(env.emulator.ui.alerts[0]?.message).toContain('新建了工作表：居民、合作单位');
    // Set up's 66 of issue 13 and two more (a setColumnWidths a run of wide columns: Partners'
    // company names have one of their own since round seven of issue 19, and Audit's old and
    // new values, 180 px since round eleven), forgetting the typing context 2, the edit audit
    // 36 (docs/apps-script.md), the Audit's wraps 1. A constant: the same on any ledger.
    expect(calls.total).toBeLessThanOrEqual(68 + 2 + 36 + 1);
    expect(calls.byMethod['Cache.removeAll']).toBe(1);
    expect(calls.byMethod['Lock.releaseLock']).toBe(1);
    expect(env.emulator.spreadsheet.getActiveSheet().getSheetId()).toBe(usersTab);
  });

  it('Check data shows its report in a dialog, with the same calls for 1,000 and 100,000 rows', () => {
    const run = (rows: number) => {
      env = installEmulator({ locale: 'zh_CN' });
      seedWorkshop(env.emulator, pieceRows(rows, [['2026-11-03', 'R9', 'O1', 10, 0, '', '', 'X']]));
      const calls = callsOf(env.emulator, () => env.emulator.execution(() => checkData()));
      const alert = env.emulator.ui.alerts[0];
      env.uninstall();
      return { calls, alert };
    };
    const small = run(1_000);
    const big = run(100_000);
    env = installEmulator();
    expect(small.alert?.title).toBe('检查数据');
    expect(small.alert?.message).toContain('发现 1 个错误');
    expect(big.calls.byMethod).toEqual(small.calls.byMethod);
    expect(small.alert?.buttons).toBe('OK');
    // The check itself (26 with marks on one tab), every tab's name to find two tabs for one
    // role (getId + Spreadsheets.get, issue 17: 结账 / Closings, not among them, then costs no
    // lookup; found, it is one lookup and one read), getActiveSpreadsheet and the dialog
    // (getUi + alert); no lock.
    expect(small.calls.byMethod['Spreadsheet.getSheetByName']).toBe(6);
    expect(small.calls.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(small.calls.byMethod['Sheet.getSheetValues']).toBe(1);
    expect(small.calls.byMethod['LockService.getDocumentLock']).toBeUndefined();
    // 31, and one getRange so that setNotes covers only the rows whose marks change.
    expect(small.calls.total).toBeLessThanOrEqual(32);
  });

  it('says the workbook is busy and changes nothing while another execution holds the lock', () => {
    env = installEmulator({ locale: 'zh_CN' });
    const release = env.emulator.holdDocumentLock();
    env.emulator.execution(() => setUpWorkbook());
    expect(tabs()).toEqual(['工作表1']);
    expect(env.emulator.ui.alerts[0]?.message).toBe(t('zh-CN', 'busy'));
    release();
    env.emulator.execution(() => setUpWorkbook());
    expect(tabs()).toHaveLength(8);
  });

  it('Check data runs while a colleague holds the lock: it writes only its own marks', () => {
    env = installEmulator({ locale: 'zh_CN' });
    seedWorkshop(env.emulator, pieceRows(3, [['2026-11-03', 'R9', 'O1', 10, 0, '', '', 'X']]));
    const release = env.emulator.holdDocumentLock();
    env.emulator.execution(() => checkData());
    release();
    expect(env.emulator.cell('计件', 'B2').note).toContain('R9');
    expect(env.emulator.ui.alerts.map((a) => a.title)).toEqual(['检查数据']);
  });

  it('releases the lock when done, so the next operation in the same execution runs', () => {
    env = installEmulator({ locale: 'en_US' });
    env.emulator.execution(() => {
      setUpWorkbook();
      checkData();
    });
    expect(env.emulator.ui.alerts.map((a) => a.title)).toEqual(['Set up workbook', 'Check data']);
  });
});

describe('errors', () => {
  const failing = (error: unknown) => ({
    name: () => '测试',
    run: () => {
      throw error;
    },
  });

  it('shows an unexpected error in the user language, without a stack trace, and logs it', () => {
    env = installEmulator({ locale: 'zh_CN' });
    env.emulator.execution(() =>
      runOperation(failing(new Error('Service Spreadsheets timed out'))),
    );
    const alert = env.emulator.ui.alerts[0];
    expect(alert?.title).toBe('出错了');
    expect(alert?.message).toContain('「测试」没有完成：Service Spreadsheets timed out');
    expect(alert?.message).not.toMatch(/\n\s+at /);
    expect(env.emulator.logs.join('\n')).toContain('Service Spreadsheets timed out');
  });

  it('shows it in English on an English spreadsheet', () => {
    env = installEmulator({ locale: 'en_US' });
    env.emulator.execution(() => runOperation(failing('plain text thrown')));
    expect(env.emulator.ui.alerts[0]?.title).toBe('Something went wrong');
    expect(env.emulator.ui.alerts[0]?.message).toContain('did not finish: plain text thrown');
  });

  it('shows a refusal as its own message', () => {
    env = installEmulator({ locale: 'en_US' });
    env.emulator.execution(() => runOperation(failing(refusal('busy'))));
    expect(env.emulator.ui.alerts[0]?.message).toBe(t('en', 'busy'));
  });

  it('releases the lock after an error', () => {
    env = installEmulator({ locale: 'en_US' });
    env.emulator.execution(() => {
      runOperation(failing(new Error('first')));
      setUpWorkbook();
    });
    expect(env.emulator.ui.alerts[1]?.title).toBe('Set up workbook');
  });
});

describe('entry', () => {
  it('exports the triggers and menu functions, and nothing that is not a function', () => {
    const names = Object.keys(entry);
    expect(names).toEqual(
      expect.arrayContaining(['onOpen', 'onInstall', 'setUpWorkbook', 'checkData']),
    );
    for (const value of Object.values(entry)) expect(typeof value).toBe('function');
  });
});
