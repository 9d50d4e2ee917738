/**
 * Set up over the emulated SpreadsheetApp: tabs, headers, formats, drop-downs and Settings
 * rows on empty spreadsheets in both languages; running twice; existing data left in place.
 */
import { setUpWorkbook, describeSetUp } from '../../src/features/setUp';
import { installEmulator, callsOf, type Installed } from '../apps-script/support';

const ZH_TABS = ['居民', '合作单位', '订单', '计件', '调整', '设置'];
const EN_TABS = ['Residents', 'Partners', 'Orders', 'Pieces', 'Adjustments', 'Settings'];

let env: Installed;
afterEach(() => env.uninstall());

function tabs(): string[] {
  return env.emulator.spreadsheet.getSheets().map((sheet) => sheet.getName());
}

/** Everything Set up may touch, for comparing two states. */
function state(): unknown {
  return tabs().map((name) => {
    const sheet = env.emulator.spreadsheet.getSheetByName(name);
    const width = env.emulator.peek(name)[0]?.length ?? 0;
    const cells = ['1', '2', '500', '1000'].flatMap((row) =>
      Array.from({ length: width }, (_, c) => {
        const { validation, ...rest } = env.emulator.cell(
          name,
          `${String.fromCharCode(65 + c)}${row}`,
        );
        return {
          ...rest,
          validation: validation && { ...validation, values: String(validation.values) },
        };
      }),
    );
    return {
      name,
      values: env.emulator.peek(name),
      frozen: sheet?.getFrozenRows(),
      max: sheet?.getMaxRows(),
      cells,
    };
  });
}

describe('Set up on an empty Chinese spreadsheet', () => {
  beforeEach(() => {
    env = installEmulator({ locale: 'zh_CN' });
  });

  it('creates the six tabs in Chinese, renaming the untouched 工作表1 instead of keeping it', () => {
    const result = setUpWorkbook(env.workbook());
    expect(tabs()).toEqual(ZH_TABS);
    expect(result.tabsCreated).toEqual(ZH_TABS);
    expect(env.emulator.peek('计件')[0]).toEqual([
      '日期',
      '居民编号',
      '订单编号',
      '完成数',
      '不合格数',
      '登记人',
      '备注',
      '记录号',
    ]);
    expect(env.emulator.peek('订单')[0]).toHaveLength(11);
  });

  it('gives a partner’s name, a company’s, a wider column than a resident’s', () => {
    setUpWorkbook(env.workbook());
    const width = (tab: string) => env.emulator.spreadsheet.getSheetByName(tab)?.getColumnWidth(2);
    // B: 名称 on 合作单位 ("义乌市晶彩饰品有限公司"), 姓名 on 居民 (three characters).
    expect(env.emulator.peek('合作单位')[0]?.[1]).toBe('名称');
    expect(env.emulator.peek('居民')[0]?.[1]).toBe('姓名');
    expect(width('合作单位')).toBe(200);
    // Sheets' default 100 px, which shows three characters, is left as it is.
    expect(width('居民')).toBe(100);
  });

  it('makes header rows bold and frozen', () => {
    setUpWorkbook(env.workbook());
    for (const name of ZH_TABS) {
      expect(env.emulator.cell(name, 'A1').fontWeight).toBe('bold');
      expect(env.emulator.cell(name, 'A2').fontWeight).toBe('normal');
      expect(env.emulator.spreadsheet.getSheetByName(name)?.getFrozenRows()).toBe(1);
    }
  });

  it('formats dates, counts, rates, money and IDs over the data rows', () => {
    setUpWorkbook(env.workbook());
    const format = (tab: string, a1: string) => env.emulator.cell(tab, a1).numberFormat;
    expect(format('计件', 'A2')).toBe('yyyy-mm-dd');
    expect(format('计件', 'A1000')).toBe('yyyy-mm-dd');
    expect(format('计件', 'B2')).toBe('@');
    expect(format('计件', 'D500')).toBe('0');
    expect(format('计件', 'H2')).toBe('@');
    expect(format('订单', 'E2')).toBe('0.00##');
    expect(format('调整', 'A2')).toBe('@');
    expect(format('调整', 'C2')).toBe('"¥"#,##0.00');
    expect(format('居民', 'C2')).toBe('@');
  });

  it('adds drop-downs that flag rather than refuse, with help text', () => {
    setUpWorkbook(env.workbook());
    const resident = env.emulator.cell('计件', 'B2').validation;
    expect(resident?.criteria).toBe('VALUE_IN_RANGE');
    expect(resident?.allowInvalid).toBe(true);
    expect(resident?.helpText).toContain('居民');
    const range = resident?.values[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(range.getSheet().getName()).toBe('居民');
    expect(range.getA1Notation()).toBe('A2:A1000');
    expect(env.emulator.cell('计件', 'C9').validation?.criteria).toBe('VALUE_IN_RANGE');
    expect(env.emulator.cell('订单', 'B2').validation?.criteria).toBe('VALUE_IN_RANGE');
    expect(env.emulator.cell('调整', 'B2').validation?.criteria).toBe('VALUE_IN_RANGE');
    const category = env.emulator.cell('居民', 'D2').validation;
    expect(category?.criteria).toBe('VALUE_IN_LIST');
    expect(category?.values[0]).toEqual(['困难户', '困难边缘户', '退休', '家庭主妇', '其他']);
    expect(env.emulator.cell('订单', 'J2').validation?.values[0]).toEqual([
      '进行中',
      '已完成',
      '已取消',
    ]);
    expect(env.emulator.cell('居民', 'G2').validation?.values[0]).toEqual(['是', '否']);
    expect(env.emulator.cell('计件', 'D2').validation?.criteria).toBe(
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    );
    expect(env.emulator.cell('计件', 'A2').validation?.criteria).toBe('DATE_IS_VALID_DATE');
    expect(env.emulator.cell('计件', 'F2').validation).toBeNull();
    expect(env.emulator.cell('计件', 'A1').validation).toBeNull();
  });

  it('adds the default Settings rows', () => {
    const result = setUpWorkbook(env.workbook());
    expect(env.emulator.peek('设置')).toEqual([
      ['项目', '值'],
      ['机构名称', ''],
      ['货币', '¥'],
      ['语言', 'zh-CN'],
      ['自动更正', '开'],
      ['管理员', ''],
    ]);
    expect(result.settingsAdded).toEqual(['机构名称', '货币', '语言', '自动更正', '管理员']);
  });

  it('gives the same sheet when run twice, and says there was nothing to do', () => {
    setUpWorkbook(env.workbook());
    const first = state();
    const again = setUpWorkbook(env.workbook());
    expect(state()).toEqual(first);
    expect(again.tabsCreated).toEqual([]);
    expect(again.columnsAdded).toEqual([]);
    expect(again.settingsAdded).toEqual([]);
    expect(describeSetUp(again)).toContain('已经设置好');
  });

  it('leaves 结账 / Closings to Close month, and an existing one alone', () => {
    const closed = [
      ['月份', '结账时间', '结账人', '人数', '实发合计', '指纹', '明细'],
      ['2026-10', '2026-11-02 10:00', '王', 3, 64.23, 'abc', ''],
    ];
    const fresh = setUpWorkbook(env.workbook());
    expect(fresh.tabsCreated).not.toContain('结账');
    env.emulator.seed('结账', closed);
    setUpWorkbook(env.workbook());
    expect(env.emulator.peek('结账')).toEqual(closed);
  });

  it('stays within 60 service calls on an empty spreadsheet', () => {
    const calls = callsOf(env.emulator, () => setUpWorkbook(env.workbook()));
    expect(calls.total).toBeLessThanOrEqual(60);
  });
});

describe('Set up on an empty English spreadsheet', () => {
  beforeEach(() => {
    env = installEmulator({ locale: 'en_US' });
  });

  it('creates English tabs, headers, drop-down values and settings', () => {
    const result = setUpWorkbook(env.workbook());
    expect(tabs()).toEqual(EN_TABS);
    expect(env.emulator.peek('Pieces')[0]).toEqual([
      'Date',
      'Resident',
      'Order',
      'Completed',
      'Rejected',
      'Recorded by',
      'Notes',
      'Entry',
    ]);
    expect(env.emulator.cell('Residents', 'D2').validation?.values[0]).toEqual([
      'hardship',
      'near-hardship',
      'retired',
      'homemaker',
      'other',
    ]);
    expect(env.emulator.cell('Pieces', 'B2').validation?.helpText).toContain('Residents');
    expect(env.emulator.peek('Settings')).toEqual([
      ['Setting', 'Value'],
      ['Organization', ''],
      ['Currency', '¥'],
      ['Language', 'en'],
      ['Auto-correct', 'on'],
      ['Managers', ''],
    ]);
    expect(describeSetUp(result)).toContain('Created tabs: Residents, Partners');
  });

  it('leaves a default sheet that has content alone and adds the tabs after it', () => {
    env.emulator.seed('Sheet1', [['my own list']]);
    setUpWorkbook(env.workbook());
    expect(tabs()).toEqual(['Sheet1', ...EN_TABS]);
    expect(env.emulator.peek('Sheet1')).toEqual([['my own list']]);
  });
});

describe('Set up on a workbook that has data', () => {
  beforeEach(() => {
    env = installEmulator({ locale: 'zh_CN' });
  });

  const pieces = [
    ['订单编号', ' 日期 ', '我的列', 'RESIDENT', '完成数'],
    ['O1', '2026-11-03', 'staff text', 'R1', 12],
    ['O2', '2026/11/4', '', '007', '１２'],
  ];

  it('keeps reordered and extra columns and their data, adding missing columns at the right', () => {
    env.emulator.seed('计件', pieces);
    env.emulator.spreadsheet.getSheetByName('计件')?.getRange('C2').setNote('staff note');
    const before = env.emulator.peek('计件');
    const result = setUpWorkbook(env.workbook());
    const after = env.emulator.peek('计件');
    expect(after.map((row) => row.slice(0, 5))).toEqual(before);
    expect(after[0]?.slice(5)).toEqual(['不合格数', '登记人', '备注', '记录号']);
    expect(result.columnsAdded).toEqual([
      { tab: '计件', columns: ['不合格数', '登记人', '备注', '记录号'] },
    ]);
    expect(env.emulator.cell('计件', 'C2').validation).toBeNull();
    expect(env.emulator.cell('计件', 'C2').note).toBe('staff note');
    expect(env.emulator.cell('计件', 'C2').numberFormat).toBe('General');
    expect(env.emulator.cell('计件', 'B2').numberFormat).toBe('yyyy-mm-dd');
    expect(env.emulator.cell('计件', 'D3').numberFormat).toBe('@');
    expect(env.emulator.cell('计件', 'D2').validation?.criteria).toBe('VALUE_IN_RANGE');
    expect(env.emulator.cell('计件', 'F2').validation?.criteria).toBe(
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    );
    expect(env.emulator.cell('计件', 'E1').fontWeight).toBe('bold');
    // 工作表1 is not the only sheet, so it is not taken over; new tabs go after the others.
    expect(tabs()).toEqual(['工作表1', '计件', '居民', '合作单位', '订单', '调整', '设置']);
  });

  it('finds tabs renamed in case or spacing, or named in the other language', () => {
    env.emulator.seed(' PIECES ', [['Date', 'Resident', 'Order', 'Completed', 'Rejected']]);
    env.emulator.seed('居民名单', [['编号', '姓名']]);
    const result = setUpWorkbook(env.workbook());
    expect(tabs()).toContain(' PIECES ');
    expect(tabs()).not.toContain('计件');
    expect(tabs()).not.toContain('居民');
    expect(result.columnsAdded).toContainEqual({
      tab: '居民名单',
      columns: ['电话', '类别', '技能', '加入日期', '在册', '备注'],
    });
  });

  it('adds only the settings that are missing, and formats money in the chosen currency', () => {
    env.emulator.seed('设置', [
      ['项目', '值'],
      ['Currency', 'US$'],
      ['机构名称', '幸福社区工坊'],
    ]);
    const result = setUpWorkbook(env.workbook());
    expect(result.settingsAdded).toEqual(['语言', '自动更正', '管理员']);
    expect(env.emulator.peek('设置')).toEqual([
      ['项目', '值'],
      ['Currency', 'US$'],
      ['机构名称', '幸福社区工坊'],
      ['语言', 'zh-CN'],
      ['自动更正', '开'],
      ['管理员', ''],
    ]);
    expect(env.emulator.cell('调整', 'C2').numberFormat).toBe('"US$"#,##0.00');
  });

  it('leaves a tab alone when its row 1 holds data instead of headers', () => {
    const rows = [
      ['R1', '张三', '138'],
      ['R2', '李四', '139'],
    ];
    env.emulator.seed('居民', rows);
    const result = setUpWorkbook(env.workbook());
    expect(env.emulator.peek('居民')).toEqual(rows);
    expect(env.emulator.cell('居民', 'A1').fontWeight).toBe('normal');
    expect(result.tabsWithUnknownHeader).toEqual(['居民']);
    expect(describeSetUp(result)).toContain('「居民」第 1 行有内容');
    // Drop-downs that would point at the Residents IDs are left out rather than guessed.
    expect(env.emulator.cell('计件', 'B2').validation).toBeNull();
  });

  it('writes headers into an existing empty tab', () => {
    env.emulator.spreadsheet.insertSheet('调整');
    setUpWorkbook(env.workbook());
    expect(env.emulator.peek('调整')[0]).toEqual(['月份', '居民编号', '金额', '事由', '更正月份']);
  });
});
