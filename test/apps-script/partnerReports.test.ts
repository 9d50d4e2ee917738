/**
 * 更新合作单位报表 / Update partner reports in the emulator: create, update, share, unshare, the
 * link column, and the service-call budget per partner.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateReports } from '../../src/apps-script/partnerReports';
import { FILE_MEMORY_PREFIX } from '../../src/apps-script/partnerFiles';
import { Caller } from '../../src/apps-script/roles';
import { generateMonthFromDialog } from '../../src/apps-script/monthJobs';
import type { Emulator } from '../emulator';
import { type Installed, callsOf, installEmulator } from './support';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from '../support/ledgerSheets';

const PARTNERS_HEADER = ['编号', '名称', '联系人', '共享邮箱', '进度表', '备注', '语言'];
const NOW = new Date('2026-11-20T04:00:00Z');
const RESIDENT_NAMES = ['王秀英', '李桂兰', '张凤', '赵敏', '孙丽', '周红'];

function partnerRow(id: string, name: string, emails: string, report: string, lang = '') {
  return [id, name, '陈经理', emails, report, '', lang];
}

function seed(emulator: Emulator, pieces: number, partners: unknown[][]): void {
  emulator.seed('居民', [
    RESIDENT_HEADER,
    ...RESIDENT_NAMES.map((name, i) => [
      `R${i + 1}`,
      name,
      `1380013800${i}`,
      '困难户',
      '剪纸',
      '2026-01-05',
      '是',
      `备注${i}`,
    ]),
  ]);
  emulator.seed('合作单位', [PARTNERS_HEADER, ...partners]);
  emulator.seed('订单', [
    ORDER_HEADER,
    ['O1', 'P1', '窗花', '剪纸', 0.5, 0.835, 1e9, '2025-12-01', '2026-12-31', '进行中', ''],
    ['O2', 'P2', '香囊', '刺绣', 2.5, 3, 1e9, '2025-12-01', '2026-12-31', '进行中', ''],
    ['O3', 'P3', '钥匙扣', '组装', 0.2, 0.3, 1e9, '2025-12-01', '2026-12-31', '进行中', ''],
  ]);
  const rows: unknown[][] = [];
  for (let i = 0; i < pieces; i += 1) {
    const day = 1 + (i % 19);
    const month = 1 + (Math.floor(i / 19) % 11);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    rows.push([
      date,
      `R${1 + (i % 6)}`,
      `O${1 + (i % 3)}`,
      3,
      i % 5 === 0 ? 1 : 0,
      '王老师',
      '',
      `E${i + 1}`,
    ]);
  }
  emulator.seed('计件', [PIECE_HEADER, ...rows]);
  emulator.seed('调整', [ADJUSTMENT_HEADER]);
  emulator.seed('设置', [SETTING_HEADER, ['机构名称', '幸福社区工坊'], ['语言', 'zh-CN']]);
}

function run(installed: Installed, month = '2026-11') {
  return installed.emulator.execution(() => {
    const workbook = installed.workbook();
    return updateReports(workbook, { now: NOW, month, caller: new Caller(workbook.spreadsheet) });
  });
}

function allCells(emulator: Emulator): string[] {
  return emulator
    .files()
    .flatMap((file) => file.tabs.flatMap((tab) => emulator.peekFile(file.id, tab)))
    .flat()
    .map((value) => String(value));
}

describe('Update partner reports (emulator)', () => {
  let installed: Installed;
  afterEach(() => installed.uninstall());

  it('creates one spreadsheet per partner with Report yes, shares it, and writes the link', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 300, [
      partnerRow('P1', '花园文创', 'a@x.cn, b@x.cn', '是'),
      partnerRow('P2', '锦绣坊', 'c@x.cn', ''),
      partnerRow('P3', 'Toy Co', 'd@x.cn', 'yes', 'en'),
    ]);
    const result = run(installed);
    expect(result.outcomes.map((o) => [o.partner, o.created, o.shared])).toEqual([
      ['花园文创', true, ['a@x.cn', 'b@x.cn']],
      ['Toy Co', true, ['d@x.cn']],
    ]);
    const files = emulator.files();
    expect(files.map((f) => [f.name, f.tabs, f.viewers])).toEqual([
      ['幸福社区工坊 · 花园文创 订单进度', ['进度', '对账 2026-11'], ['a@x.cn', 'b@x.cn']],
      ['幸福社区工坊 · Toy Co order progress', ['Progress', 'Statement 2026-11'], ['d@x.cn']],
    ]);
    const partners = emulator.peek('合作单位');
    expect(partners[0]?.[7]).toBe('进度表链接');
    expect(partners[1]?.[7]).toBe(`https://docs.google.com/spreadsheets/d/${files[0]?.id}/edit`);
    expect(partners[2]?.[7]).toBe('');
    expect(partners[3]?.[7]).toBe(`https://docs.google.com/spreadsheets/d/${files[1]?.id}/edit`);
    expect(result.message).toContain(files[0]?.id);
    // The statement: O1 in November, accepted × 0.835 rounded once to the fen.
    const statement = emulator.peekFile(files[0]?.id ?? '', '对账 2026-11');
    // The order and its product share the first column (issue 22: room for the product).
    const line = statement.find((row) => String(row[0]).split(' ')[0] === 'O1') ?? [];
    const november = Array.from({ length: 300 }, (_, i) => i).filter(
      (i) => i % 3 === 0 && 1 + (Math.floor(i / 19) % 11) === 11,
    );
    const accepted = november.reduce((sum, i) => sum + 3 - (i % 5 === 0 ? 1 : 0), 0);
    expect(line[2]).toBe(accepted);
    expect(line[6]).toBe(Math.floor((accepted * 8350 + 50) / 100) / 100);
    // Nothing personal in any cell of any partner file.
    const cells = allCells(emulator);
    for (const secret of [...RESIDENT_NAMES, 'R1', '13800138000', '困难户', '王老师', '备注0']) {
      expect(cells.some((cell) => cell.includes(secret))).toBe(false);
    }
  });

  it('rewrites the same files later, and takes away only access Gongfang gave', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 200, [partnerRow('P1', '花园文创', 'a@x.cn, b@x.cn', '是')]);
    run(installed);
    const [file] = emulator.files();
    const id = file?.id ?? '';
    // The owner shares by hand with c, which staff then also put in the cell.
    emulator.shareFile(id, 'c@x.cn', 'viewer');
    emulator.userEdit('合作单位', 'D2', 'a@x.cn, c@x.cn');
    const second = run(installed);
    expect(second.outcomes[0]).toMatchObject({ created: false, unshared: ['b@x.cn'], shared: [] });
    expect(emulator.files().map((f) => f.viewers)).toEqual([['a@x.cn', 'c@x.cn']]);
    // c leaves the cell: Gongfang did not give c access, so c keeps it.
    emulator.userEdit('合作单位', 'D2', 'a@x.cn');
    const third = run(installed);
    expect(third.outcomes[0]?.unshared).toEqual([]);
    expect(emulator.files()).toHaveLength(1);
    expect(emulator.files()[0]?.viewers).toEqual(['a@x.cn', 'c@x.cn']);
    // A typo in the cell changes no sharing at all.
    emulator.userEdit('合作单位', 'D2', 'not an address');
    const fourth = run(installed);
    expect(fourth.outcomes[0]?.emailsIgnored).toBe(true);
    expect(emulator.files()[0]?.viewers).toEqual(['a@x.cn', 'c@x.cn']);
    expect(fourth.message).toContain('无法识别');
  });

  it('a removal that fails leaves nobody given access unrecorded, so later removals still happen', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 50, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    run(installed);
    // The contact changes from a to b; Drive fails the removal of a (a passing service error).
    emulator.userEdit('合作单位', 'D2', 'b@x.cn');
    const real = globalThis.SpreadsheetApp;
    globalThis.SpreadsheetApp = new Proxy(real, {
      get(target, name) {
        if (name !== 'openById') return Reflect.get(target, name) as unknown;
        return (id: string) =>
          new Proxy(target.openById(id), {
            get(file, method) {
              if (method === 'removeViewer')
                return () => {
                  throw new Error('Service error: Drive');
                };
              const member = Reflect.get(file, method) as unknown;
              return typeof member === 'function' ? member.bind(file) : member;
            },
          });
      },
    });
    let failed;
    try {
      failed = run(installed);
    } finally {
      globalThis.SpreadsheetApp = real;
    }
    expect(failed.outcomes[0]?.shareFailed).toBe('Service error: Drive');
    run(installed);
    expect(emulator.files()[0]?.viewers).toEqual(['b@x.cn']);
    // b leaves the cell: Gongfang gave b access, so it takes it away. (b was added before the
    // failed removal and not remembered, then counted as shared by hand and kept for good.)
    emulator.userEdit('合作单位', 'D2', 'c@x.cn');
    const later = run(installed);
    expect(later.outcomes[0]).toMatchObject({ shared: ['c@x.cn'], unshared: ['b@x.cn'] });
    expect(emulator.files()[0]?.viewers).toEqual(['c@x.cn']);
  });

  it('an address Drive refuses part way: those shared before it are remembered, it is retried', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 50, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    run(installed);
    emulator.userEdit('合作单位', 'D2', 'a@x.cn, b@x.cn, c@y.cn, d@x.cn');
    // Drive shares address by address and stops at one it refuses (a domain outside the
    // Workspace's allow-list): b is shared, c and d are not.
    const real = globalThis.SpreadsheetApp;
    const refusal = 'Sharing outside of the domain is not allowed: c@y.cn';
    globalThis.SpreadsheetApp = new Proxy(real, {
      get(target, name) {
        if (name !== 'openById') return Reflect.get(target, name) as unknown;
        return (id: string) =>
          new Proxy(target.openById(id), {
            get(file, method) {
              if (method === 'addViewers')
                return (emails: string[]) => {
                  for (const email of emails) {
                    if (email.endsWith('@y.cn')) throw new Error(refusal);
                    file.addViewer(email);
                  }
                  return file;
                };
              const member = Reflect.get(file, method) as unknown;
              return typeof member === 'function' ? member.bind(file) : member;
            },
          });
      },
    });
    let partial;
    try {
      partial = run(installed);
    } finally {
      globalThis.SpreadsheetApp = real;
    }
    // Staff are told who has it now and why the rest do not.
    expect(partial.outcomes[0]).toMatchObject({ shared: ['b@x.cn'], shareFailed: refusal });
    expect(partial.message).toContain('已共享（只读）给 花园文创：b@x.cn');
    expect(emulator.files()[0]?.viewers).toEqual(['a@x.cn', 'b@x.cn']);
    // The next run shares the ones refused (the policy lifted), not b again.
    const next = run(installed);
    expect(next.outcomes[0]).toMatchObject({ shared: ['c@y.cn', 'd@x.cn'], shareFailed: null });
    // b leaves the cell: Gongfang gave b access, so it takes it away. Before, b went
    // unremembered by the failed run, then counted as shared by hand and kept it for good.
    emulator.userEdit('合作单位', 'D2', 'a@x.cn, c@y.cn, d@x.cn');
    const later = run(installed);
    expect(later.outcomes[0]?.unshared).toEqual(['b@x.cn']);
    expect(emulator.files()[0]?.viewers).toEqual(['a@x.cn', 'c@y.cn', 'd@x.cn']);
  });

  it('a new month adds its statement and keeps the old one; a deleted file is made again', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 200, [partnerRow('P1', '花园文创', '', '是')]);
    run(installed, '2026-10');
    run(installed, '2026-11');
    expect(emulator.files()[0]?.tabs).toEqual(['进度', '对账 2026-11', '对账 2026-10']);
    const first = emulator.files()[0]?.id ?? '';
    emulator.trashFile(first);
    const again = run(installed);
    expect(again.outcomes[0]?.created).toBe(true);
    expect(again.outcomes[0]?.reopenFailed).not.toBeNull();
    expect(emulator.files()).toHaveLength(1);
    expect(emulator.peek('合作单位')[1]?.[7]).toContain(emulator.files()[0]?.id);
  });

  it('remembers what it gave in the document properties, not in the sheet', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 50, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    run(installed);
    const id = emulator.files()[0]?.id ?? '';
    const stored = emulator.execution(() =>
      PropertiesService.getDocumentProperties().getProperty(FILE_MEMORY_PREFIX + id),
    );
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ given: ['a@x.cn'] });
  });

  it('two rows with one link (a row copied to add a partner): neither is written nor shared until one is cleared', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 200, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    run(installed);
    const id = emulator.files()[0]?.id ?? '';
    const statement = (): string[] => emulator.peekFile(id, '对账 2026-11').flat().map(String);
    const before = statement();
    // Staff copy row 2 to row 3 for a new partner, link included, and change ID, name, email.
    const link = String(emulator.peek('合作单位')[1]?.[7]);
    for (const [cell, value] of [
      ['A3', 'P2'],
      ['B3', '锦绣坊'],
      ['D3', 'c@x.cn'],
      ['E3', '是'],
      ['H3', link],
    ]) {
      emulator.userEdit('合作单位', cell as string, value as string);
    }
    const result = run(installed);
    // 花园文创's file keeps its own figures and its own viewer: 锦绣坊's contact sees nothing.
    expect(emulator.files().map((f) => [f.id, f.viewers])).toEqual([[id, ['a@x.cn']]]);
    expect(statement()).toEqual(before);
    expect(result.outcomes.map((o) => [o.partner, o.failed !== null])).toEqual([
      ['花园文创', true],
      ['锦绣坊', true],
    ]);
    expect(result.message.split('第 2,3 行的「进度表链接」相同')).toHaveLength(3);
    // Row 3's link cleared: 锦绣坊 gets a file of its own, 花园文创 its usual update.
    emulator.userEdit('合作单位', 'H3', '');
    const fixed = run(installed);
    expect(fixed.outcomes.map((o) => [o.partner, o.created, o.failed])).toEqual([
      ['花园文创', false, null],
      ['锦绣坊', true, null],
    ]);
    expect(emulator.files().map((f) => f.viewers)).toEqual([['a@x.cn'], ['c@x.cn']]);
  });

  it("a link Gongfang never wrote (the workshop's own sheet) is not written into or shared: a new file is", () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 50, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    const own = emulator.execution(() => SpreadsheetApp.getActiveSpreadsheet().getId());
    emulator.userEdit('合作单位', 'H1', '进度表链接');
    emulator.userEdit('合作单位', 'H2', `https://docs.google.com/spreadsheets/d/${own}/edit`);
    const result = run(installed);
    // The partner was made a viewer of the workshop's sheet: residents' names, phones, categories.
    const workshop = emulator.execution(() => {
      const sheet = SpreadsheetApp.getActiveSpreadsheet();
      return {
        viewers: sheet.getViewers().map((user) => user.getEmail()),
        tabs: sheet.getSheets().map((tab) => tab.getName()),
      };
    });
    expect(workshop.viewers).toEqual([]);
    expect(workshop.tabs).not.toContain('进度');
    const [file] = emulator.files();
    expect(result.outcomes[0]).toMatchObject({ created: true, failed: null, shared: ['a@x.cn'] });
    expect(file?.viewers).toEqual(['a@x.cn']);
    expect(emulator.peek('合作单位')[1]?.[7]).toBe(
      `https://docs.google.com/spreadsheets/d/${file?.id}/edit`,
    );
  });

  it('runs after Generate when the dialog asks for it, in the same reply', () => {
    installed = installEmulator({ locale: 'zh_CN' });
    const { emulator } = installed;
    seed(emulator, 100, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
    const plain = emulator.execution(() => generateMonthFromDialog('2026-11'));
    expect(plain.ok).toBe(true);
    expect(emulator.files()).toHaveLength(0);
    const reply = emulator.execution(() => generateMonthFromDialog('2026-11', true));
    expect(reply.ok).toBe(true);
    expect(emulator.files().map((f) => f.tabs)).toEqual([['进度', '对账 2026-11']]);
    expect(reply.message).toContain(emulator.files()[0]?.id);
  });

  describe('with and without the Sheets advanced service', () => {
    /** What a partner sees of one tab: values, formats of filled cells, bold, frozen, widths. */
    function look(emulator: Emulator, id: string, tab: string) {
      return emulator.execution(() => {
        const sheet = SpreadsheetApp.openById(id).getSheetByName(tab);
        if (sheet === null) throw new Error(`no tab ${tab}`);
        const range = sheet.getDataRange();
        const values = range.getValues();
        const formats = range.getNumberFormats();
        const weights = range.getFontWeights();
        const filled = (grid: unknown[][]) =>
          grid.map((row, r) => row.map((cell, c) => (values[r]?.[c] === '' ? '' : cell)));
        return {
          values,
          formats: filled(formats),
          weights: filled(weights),
          frozen: sheet.getFrozenRows(),
          widths: Array.from({ length: range.getNumColumns() }, (_, c) =>
            sheet.getColumnWidth(c + 1),
          ),
        };
      });
    }

    function withoutSheetsApi<T>(fn: () => T): T {
      const global = globalThis as { Sheets?: unknown };
      const service = global.Sheets;
      delete global.Sheets;
      try {
        return fn();
      } finally {
        global.Sheets = service;
      }
    }

    it('writes the same tabs either way', () => {
      installed = installEmulator({ locale: 'zh_CN' });
      const { emulator } = installed;
      seed(emulator, 300, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
      run(installed);
      const [viaApi] = emulator.files();
      emulator.userEdit('合作单位', 'H2', '');
      withoutSheetsApi(() => run(installed));
      const viaSpreadsheetApp = emulator.files()[1];
      expect(viaSpreadsheetApp?.tabs).toEqual(viaApi?.tabs);
      for (const tab of viaApi?.tabs ?? []) {
        const api = look(emulator, viaApi?.id ?? '', tab);
        expect(api.values.length).toBeGreaterThan(10);
        expect(api.formats.flat()).toContain(tab === '进度' ? '#,##0' : '"¥"#,##0.00');
        expect(api.weights.flat()).toContain('bold');
        expect(look(emulator, viaSpreadsheetApp?.id ?? '', tab)).toEqual(api);
      }
    });

    it.each([
      ['with the service', (fn: () => unknown) => fn()],
      ['without it', withoutSheetsApi],
    ])(
      'a language switched or a partner renamed: %s, the same file is renamed, its tabs with it',
      (_, how) => {
        installed = installEmulator({ locale: 'zh_CN' });
        const { emulator } = installed;
        seed(emulator, 200, [partnerRow('P1', '花园文创', '', '是')]);
        how(() => run(installed));
        const id = emulator.files()[0]?.id ?? '';
        // Settings' language to English: before, Progress and Statement 2026-11 were added
        // beside 进度 and 对账 2026-11, which went stale, and the title stayed Chinese.
        emulator.userEdit('设置', 'B3', 'en');
        how(() => run(installed));
        expect(emulator.files().map((f) => [f.id, f.name, f.tabs])).toEqual([
          [id, '幸福社区工坊 · 花园文创 order progress', ['Progress', 'Statement 2026-11']],
        ]);
        expect(emulator.peekFile(id, 'Progress')[0]?.[0]).toContain('order progress');
        // And back, with the partner renamed on Partners: its file keeps no old name.
        emulator.userEdit('设置', 'B3', 'zh-CN');
        emulator.userEdit('合作单位', 'B2', '花园文创集团');
        how(() => run(installed));
        expect(emulator.files().map((f) => [f.id, f.name, f.tabs])).toEqual([
          [id, '幸福社区工坊 · 花园文创集团 订单进度', ['进度', '对账 2026-11']],
        ]);
      },
    );

    it('clears the rows a shorter tab no longer has', () => {
      installed = installEmulator({ locale: 'zh_CN' });
      const { emulator } = installed;
      seed(emulator, 300, [partnerRow('P1', '花园文创', '', '是')]);
      emulator.userEdit('订单', 'B3', 'P1');
      run(installed);
      const id = emulator.files()[0]?.id ?? '';
      const before = emulator.peekFile(id, '进度');
      expect(before.some((row) => row[0] === 'O2')).toBe(true);
      emulator.userEdit('订单', 'B3', 'P2');
      const calls = callsOf(emulator, () => run(installed));
      expect(calls.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
      const after = emulator.peekFile(id, '进度');
      expect(after.some((row) => row.includes('O2'))).toBe(false);
      expect(after.length).toBe(before.length - 1);
    });

    it('a tab deleted by hand is added again: one get and a second batch', () => {
      installed = installEmulator({ locale: 'zh_CN' });
      const { emulator } = installed;
      seed(emulator, 200, [partnerRow('P1', '花园文创', '', '是')]);
      run(installed);
      const id = emulator.files()[0]?.id ?? '';
      emulator.execution(() => {
        const file = SpreadsheetApp.openById(id);
        file.deleteSheet(file.getSheetByName('对账 2026-11') as GoogleAppsScript.Spreadsheet.Sheet);
      });
      const calls = callsOf(emulator, () => run(installed));
      expect(calls.byMethod).toMatchObject({
        'Sheets.Spreadsheets.batchUpdate': 2,
        'Sheets.Spreadsheets.get': 1,
      });
      expect(emulator.files()[0]?.tabs).toEqual(['进度', '对账 2026-11']);
      const written = emulator.peekFile(id, '对账 2026-11').flat();
      expect(written.some((cell) => String(cell).split(' ')[0] === 'O1')).toBe(true);
      // The memory knows the new sheet: the next update is one call again.
      const next = callsOf(emulator, () => run(installed));
      expect(next.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
      expect(next.byMethod['Sheets.Spreadsheets.get']).toBeUndefined();
    });

    it('takes over a report made without it, and re-creates a trashed one', () => {
      installed = installEmulator({ locale: 'zh_CN' });
      const { emulator } = installed;
      seed(emulator, 200, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
      withoutSheetsApi(() => run(installed, '2026-10'));
      const id = emulator.files()[0]?.id ?? '';
      const takeover = callsOf(emulator, () => run(installed, '2026-11'));
      expect(takeover.byMethod).toMatchObject({
        'Sheets.Spreadsheets.get': 1,
        'Sheets.Spreadsheets.batchUpdate': 1,
      });
      expect(emulator.files().map((f) => [f.id, f.tabs])).toEqual([
        [id, ['进度', '对账 2026-11', '对账 2026-10']],
      ]);
      emulator.trashFile(id);
      const again = callsOf(emulator, () => run(installed, '2026-11'));
      // The batch and the get both fail on the trashed file; one create makes it again.
      expect(again.byMethod).toMatchObject({
        'Sheets.Spreadsheets.batchUpdate': 1,
        'Sheets.Spreadsheets.get': 1,
        'Sheets.Spreadsheets.create': 1,
        'Spreadsheet.addViewers': 1,
      });
      expect(emulator.files().map((f) => [f.tabs, f.viewers])).toEqual([
        [['进度', '对账 2026-11'], ['a@x.cn']],
      ]);
    });
  });

  describe('several staff share the partner files', () => {
    const COLLEAGUE = 'colleague@example.org';

    function workshopWithColleague(): Emulator {
      installed = installEmulator({ locale: 'zh_CN' });
      const { emulator } = installed;
      seed(emulator, 60, [partnerRow('P1', '花园文创', 'a@x.cn', '是')]);
      emulator.shareFile(emulator.spreadsheet.getId(), COLLEAGUE, 'editor');
      return emulator;
    }

    it("shares a new report with the sheet's editors, so a colleague updates the same file", () => {
      const emulator = workshopWithColleague();
      const first = run(installed);
      expect(first.outcomes[0]).toMatchObject({
        created: true,
        colleagues: [COLLEAGUE, 'staff@example.org'],
      });
      expect(first.message).toContain('本表格的编辑者');
      const [file] = emulator.files();
      expect(file?.editors).toEqual([COLLEAGUE, 'staff@example.org']);
      emulator.actAs(COLLEAGUE);
      const second = run(installed);
      expect(second.outcomes[0]).toMatchObject({ created: false, failed: null });
      expect(emulator.files().map((f) => f.id)).toEqual([file?.id]);
    });

    it('a colleague made an editor after a report was made gets no second file, and is told why', () => {
      const emulator = workshopWithColleague();
      emulator.actAs(COLLEAGUE);
      run(installed); // made in the colleague's Drive, shared with the owner as editor
      const [file] = emulator.files();
      // A report from before sharing with editors: the owner is not on it.
      emulator.actAs();
      const link = emulator.peek('合作单位')[1]?.[7];
      expect(() => SpreadsheetApp.openById(file?.id ?? '')).not.toThrow();
      emulator.actAs('newcomer@example.org');
      emulator.shareFile(emulator.spreadsheet.getId(), 'newcomer@example.org', 'editor');
      const refused = run(installed);
      expect(refused.outcomes[0]).toMatchObject({ noAccess: true, created: false });
      expect(refused.message).toContain('没有新建');
      expect(refused.message).toContain(file?.id);
      expect(emulator.files().map((f) => f.id)).toEqual([file?.id]);
      expect(emulator.peek('合作单位')[1]?.[7]).toBe(link);
    });

    it('a file gone to the bin is made again; one merely not shared never is', () => {
      const emulator = workshopWithColleague();
      run(installed);
      const [file] = emulator.files();
      emulator.trashFile(file?.id ?? '');
      const again = run(installed);
      expect(again.outcomes[0]).toMatchObject({ created: true, noAccess: false });
      expect(again.message).toContain('回收站');
    });

    it('a sharing failure keeps the file, its link and its memory, and is reported as partial', () => {
      const emulator = workshopWithColleague();
      const real = globalThis.SpreadsheetApp;
      const policy = 'Sharing outside of the domain is not allowed by your administrator.';
      globalThis.SpreadsheetApp = new Proxy(real, {
        get(target, name) {
          if (name !== 'openById') return Reflect.get(target, name) as unknown;
          return (id: string) =>
            new Proxy(target.openById(id), {
              get(file, method) {
                if (method === 'addViewers')
                  return () => {
                    throw new Error(policy);
                  };
                const member = Reflect.get(file, method) as unknown;
                return typeof member === 'function' ? member.bind(file) : member;
              },
            });
        },
      });
      let partial;
      try {
        partial = run(installed);
      } finally {
        globalThis.SpreadsheetApp = real;
      }
      const [file] = emulator.files();
      expect(partial.outcomes[0]).toMatchObject({
        created: true,
        failed: null,
        shareFailed: policy,
      });
      expect(partial.message).toContain('链接已保存');
      expect(emulator.peek('合作单位')[1]?.[7]).toBe(
        `https://docs.google.com/spreadsheets/d/${file?.id}/edit`,
      );
      const memory = PropertiesService.getDocumentProperties().getProperty(
        `${FILE_MEMORY_PREFIX}${file?.id}`,
      );
      expect(JSON.parse(memory ?? '{}')).toMatchObject({ given: [] });
      // The next run updates that file and shares it: no second file.
      const next = run(installed);
      expect(next.outcomes[0]).toMatchObject({ created: false, shared: ['a@x.cn'] });
      expect(emulator.files().map((f) => f.id)).toEqual([file?.id]);
    });
  });

  describe('service calls', () => {
    /** The project's manifest without the Sheets advanced service: SpreadsheetApp alone. */
    const WITHOUT_SHEETS_API = {
      oauthScopes: (
        JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8')) as {
          oauthScopes: string[];
        }
      ).oauthScopes,
    };

    interface Figures {
      first: number;
      routine: number;
      newMonth: number;
      sharing: number;
    }

    /** Every kind of run, for `partners` partners with Report yes. */
    function figures(pieces: number, partners: number, sheetsApi = true): Figures {
      installed = installEmulator({
        locale: 'zh_CN',
        ...(sheetsApi ? {} : { manifest: WITHOUT_SHEETS_API }),
      });
      const { emulator } = installed;
      const rows = ['花园文创', '锦绣坊', '玩具厂'].map((name, i) =>
        partnerRow(`P${i + 1}`, name, `a${i}@x.cn, b${i}@x.cn`, i < partners ? '是' : ''),
      );
      seed(emulator, pieces, rows);
      const first = callsOf(emulator, () => run(installed, '2026-10')).total;
      const routine = callsOf(emulator, () => run(installed, '2026-10')).total;
      const newMonth = callsOf(emulator, () => run(installed, '2026-11')).total;
      // Each partner: one address more, one removed.
      for (let i = 0; i < partners; i += 1) {
        emulator.userEdit('合作单位', `D${i + 2}`, `a${i}@x.cn, c${i}@x.cn`);
      }
      const sharing = callsOf(emulator, () => run(installed, '2026-11')).total;
      expect(emulator.files().map((f) => f.viewers)).toEqual(
        Array.from({ length: partners }, (_, i) => [`a${i}@x.cn`, `c${i}@x.cn`]),
      );
      installed.uninstall();
      installed = { ...installed, uninstall: () => undefined };
      return { first, routine, newMonth, sharing };
    }

    /** The fixed part and the part per partner of each kind of run. */
    function split(one: Figures, three: Figures) {
      const keys = ['first', 'routine', 'newMonth', 'sharing'] as const;
      const perPartner = Object.fromEntries(keys.map((k) => [k, (three[k] - one[k]) / 2]));
      const fixed = Object.fromEntries(keys.map((k) => [k, one[k] - (perPartner[k] ?? 0)]));
      return { fixed, perPartner };
    }

    it('≤ 15 + 12 per partner in every run, the same on 1,000 and 100,000 Pieces rows', () => {
      const one = figures(1_000, 1);
      const three = figures(1_000, 3);
      const big = figures(100_000, 3);
      expect(big).toEqual(three);
      expect(one).toEqual({ first: 27, routine: 16, newMonth: 17, sharing: 23 });
      expect(three).toEqual({ first: 33, routine: 18, newMonth: 19, sharing: 37 });
      for (const [partners, run] of [
        [1, one],
        [3, three],
      ] as const) {
        for (const total of Object.values(run))
          expect(total).toBeLessThanOrEqual(15 + 12 * partners);
      }
      const { fixed, perPartner } = split(one, three);
      // Reading the ledger (two calls a tab; Adjustments are not read), the time zone and the
      // document properties: 15. Saving the memory when it changed: 1. A first run also writes
      // the link column with its header (4), reads the locale for the new files (1), saves the
      // memory again once sharing changed it (1: link and memory are saved before sharing), and
      // reads the workshop sheet's editors (getEditors and an address each: 2 here, the owner
      // alone, so no addEditors).
      expect(fixed).toEqual({ first: 24, routine: 15, newMonth: 16, sharing: 16 });
      // One create or one batchUpdate a partner. Sharing: openById, getViewers and the address
      // of each viewer (2 here), addViewers, one removeViewer.
      expect(perPartner).toEqual({ first: 3, routine: 1, newMonth: 1, sharing: 7 });
    });

    it('without the advanced service, SpreadsheetApp writes them, at more calls a partner', () => {
      const one = figures(1_000, 1, false);
      const three = figures(1_000, 3, false);
      const { fixed, perPartner } = split(one, three);
      // Issue 18's sharing adds to a first run as above (+3: the memory saved again before
      // sharing, the workshop sheet's editors and their address).
      expect(fixed).toEqual({ first: 23, routine: 15, newMonth: 16, sharing: 16 });
      // Issue 22: each tab is drawn for printing as the advanced service's GridData draws it —
      // header alignments, wrapped text, the table's box (getRangeList + setBorder): up to 4 a
      // tab, fewer for a tab without wrapped text or a table — and a tab written over an
      // earlier version first loses that version's lines (1 a tab): whatever the rows. A tab
      // made new is sized by one setColumnWidths per run of equal widths; the statement's wide
      // order-and-product column makes its runs differ from partner to partner (+2 on the
      // runs that make tabs, first and newMonth; none on the others). An update renames the
      // file to its title (+1 on the runs that update: a partner renamed, a language switched).
      expect(perPartner).toEqual({ first: 29, routine: 22, newMonth: 24, sharing: 27 });
    });
  });
});
