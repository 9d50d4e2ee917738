/**
 * 归档一年 / Archive a year from the menu in the emulator: the archive a new spreadsheet made
 * with the project's scopes and read back, the live sheet changed in one write with its link in
 * Settings; nothing changed when a fault strikes between the archive and the live write (through
 * the Sheets advanced service and without it); the call budget, flat in rows; and reports,
 * Generate and the sidebars' reads after archiving.
 */
import { readFileSync } from 'node:fs';
import { showArchiveYearDialog } from '../../src/apps-script/yearJobs';
import { onEdit } from '../../src/apps-script/onEdit';
import { checkData } from '../../src/features/checkData';
import { generateMonthFromDialog } from '../../src/apps-script/monthJobs';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import {
  bigYearPieces,
  closedYearTabs,
  monthsBetween,
  recordClosings,
} from '../support/yearLedger';
import { type Installed, callsOf, installEmulator } from './support';
import { PROJECT_MANIFEST } from '../emulator';

const WITHOUT_SHEETS_API = {
  oauthScopes: (JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8')) as { oauthScopes: string[] })
    .oauthScopes,
};
const NOW = new Date('2026-12-20T02:00:00Z');

let installed: Installed;
afterEach(() => installed.uninstall());

const bigLedgers = new Map<number, Record<string, unknown[][]>>();

/** The test workshop closed through October 2026, with `more2025` rows added to 2025. */
function ledgerTabs(lang: 'zh' | 'en', more2025: number): Record<string, unknown[][]> {
  if (more2025 === 0) return closedYearTabs(lang);
  const known = bigLedgers.get(more2025);
  if (known && lang === 'zh') return known;
  const tabs = structuredClone(closedYearTabs(lang));
  const pieces = lang === 'zh' ? '计件' : 'Pieces';
  const closings = lang === 'zh' ? '结账' : 'Closings';
  const book = new MemoryWorkbook({
    ...tabs,
    [pieces]: [...(tabs[pieces] ?? []), ...bigYearPieces(more2025, 2025, 6)],
  });
  // Closed again on the bigger rows: a closing's fingerprint is of its rows.
  book.tabs.splice(book.tabs.indexOf(book.tab(closings) as never), 1);
  const settings = book.tab(lang === 'zh' ? '设置' : 'Settings');
  if (settings)
    settings.values = settings.values.filter(
      (row) => !/结账记录|Closings record/.test(String(row[0])),
    );
  recordClosings(book, monthsBetween('2025-06', '2026-10'), '2026-12-20');
  const tabsMade = Object.fromEntries(book.tabs.map((tab) => [tab.name, tab.values]));
  if (lang === 'zh') bigLedgers.set(more2025, tabsMade);
  return tabsMade;
}

function seeded(options: { lang?: 'zh' | 'en'; sheetsApi?: boolean; more2025?: number } = {}) {
  const lang = options.lang ?? 'zh';
  installed = installEmulator({
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    now: () => NOW,
    ...(options.sheetsApi === false ? { manifest: WITHOUT_SHEETS_API } : {}),
  });
  for (const [name, values] of Object.entries(ledgerTabs(lang, options.more2025 ?? 0))) {
    installed.emulator.seed(name, values);
  }
}

function archive(year: string): void {
  installed.emulator.ui.answerNextPrompt(year, 'OK');
  installed.emulator.execution(() => showArchiveYearDialog());
}

function everyTab(): Record<string, unknown[][]> {
  const { emulator } = installed;
  return Object.fromEntries(
    emulator.spreadsheet
      .getSheets()
      .map((sheet) => [sheet.getName(), emulator.peek(sheet.getName())]),
  );
}

describe('归档一年 / Archive a year', () => {
  it('writes the archive, reads it back, then moves the rows out and links it from Settings', () => {
    seeded();
    const before = installed.emulator.peek('计件');
    archive('2025');
    const { emulator } = installed;
    const [file] = emulator.files();
    expect(file?.name).toBe('幸福社区工坊 2025 年归档');
    expect(file?.tabs).toEqual([
      '居民',
      '合作单位',
      '订单',
      '计件',
      '调整',
      '设置',
      '结账',
      '年度 2025',
      '收入明细 2025',
      '成效 2025',
    ]);
    const moved = before.filter((row) => String(row[0]).startsWith('2025'));
    const archived = emulator.peekFile(file?.id ?? '', '计件');
    expect(archived.length).toBe(moved.length + 1);
    // Text stays text in the archive ("R001", "E12"); counts stay numbers.
    expect(archived[1]?.slice(1, 5)).toEqual(moved[0]?.slice(1, 5));
    const after = emulator.peek('计件');
    expect(
      after.some((row) => String(row[7]).startsWith('E') && String(row[0]).startsWith('2025')),
    ).toBe(false);
    expect(after[0]?.at(-1)).toBe('结转');
    const settings = emulator.peek('设置');
    expect(settings.at(-1)?.[0]).toBe('归档');
    expect(String(settings.at(-1)?.[1])).toMatch(
      /^2025：https:\/\/docs\.google\.com\/spreadsheets\/d\//,
    );
    expect(emulator.ui.alerts.at(-1)?.message).toMatch(
      new RegExp(`^已把 2025 年的 ${moved.length} 行计件和 \\d+ 行调整移到归档文件：`),
    );
    // The Impact's chart came along.
    const charts = emulator.execution(() =>
      SpreadsheetApp.openById(file?.id ?? '')
        .getSheetByName('成效 2025')
        ?.getCharts()
        .map((chart) => chart.getOptions().get('title')),
    );
    expect(charts).toEqual(['2025 年各季度实发工资']);
  });

  it('keeps date cells dates in the archive (the Sheets API reads them as serial numbers)', () => {
    installed = installEmulator({ locale: 'zh_CN', now: () => NOW });
    for (const [name, values] of Object.entries(closedYearTabs('zh'))) {
      const dated =
        name === '计件'
          ? values.map((row, i) =>
              i > 0 ? [new Date(`${String(row[0])}T00:00:00+08:00`), ...row.slice(1)] : row,
            )
          : values;
      installed.emulator.seed(name, dated);
    }
    const first = installed.emulator.cell('计件', 'A2');
    archive('2025');
    const [file] = installed.emulator.files();
    const shown = installed.emulator.execution(() => {
      const range = SpreadsheetApp.openById(file?.id ?? '')
        .getSheetByName('计件')
        ?.getRange('A2');
      return [range?.getDisplayValue(), range?.getNumberFormat()];
    });
    expect(shown).toEqual([first.displayValue, 'yyyy-mm-dd']);
  });

  it.each([true, false])(
    "shows the copied Closings' net pay and paid as money, as the ledger does (Sheets API: %s)",
    (sheetsApi) => {
      seeded({ sheetsApi });
      archive('2025');
      const [file] = installed.emulator.files();
      const shown = installed.emulator.execution(() => {
        const sheet = SpreadsheetApp.openById(file?.id ?? '').getSheetByName('结账');
        const header = (sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(
          String,
        );
        return ['实发合计', '本次发放'].map((name) =>
          sheet?.getRange(2, header.indexOf(name) + 1).getDisplayValue(),
        );
      });
      // 395910.7 before: the copy's values with no format.
      for (const text of shown) expect(text).toMatch(/^¥\d{1,3}(,\d{3})*\.\d\d$/);
    },
  );

  it('says so in English in an English sheet', () => {
    seeded({ lang: 'en' });
    archive('2025');
    expect(installed.emulator.ui.alerts.at(-1)?.message).toMatch(
      /^Moved \d+ Pieces rows and \d+ Adjustments rows of 2025 to the archive:/,
    );
    expect(installed.emulator.files()[0]?.name).toBe('幸福社区工坊 archive 2025');
  });

  describe('with managers named (issue 20: archiving is for managers, docs/roles.md)', () => {
    const MANAGER = 'li@workshop.cn';
    const STAFF = 'zhao@workshop.cn';
    const AUDIT_HEADER = [
      '时间',
      '用户',
      '操作',
      '工作表',
      '范围',
      '行数',
      '记录',
      '原值',
      '新值',
      '标记',
      '说明',
    ];

    function withManagers(): void {
      seeded();
      const { emulator } = installed;
      const settings = emulator.peek('设置');
      emulator.seed('设置', [...settings, ['管理员', MANAGER]]);
      emulator.seed('审计', [AUDIT_HEADER]);
      for (const email of [MANAGER, STAFF])
        emulator.shareFile(emulator.spreadsheet.getId(), email, 'editor');
    }

    it('refuses someone who is not a manager before asking the year, changing nothing', () => {
      withManagers();
      const before = everyTab();
      installed.emulator.asUser(STAFF, () => installed.emulator.execution(showArchiveYearDialog));
      expect(installed.emulator.ui.alerts.at(-1)?.message).toMatch(
        /^只有管理员可以「归档一年」，本次没有做任何改动。管理员：li@workshop\.cn/,
      );
      expect(installed.emulator.ui.prompts).toEqual([]);
      expect(installed.emulator.files()).toEqual([]);
      expect(everyTab()).toEqual(before);
    });

    it("puts a manager's archive on the Audit tab: who, when, the rows moved and where", () => {
      withManagers();
      const moved = installed.emulator
        .peek('计件')
        .filter((row) => String(row[0]).startsWith('2025')).length;
      installed.emulator.ui.answerNextPrompt('2025', 'OK');
      installed.emulator.asUser(MANAGER, () => installed.emulator.execution(showArchiveYearDialog));
      const audit = installed.emulator.peek('审计');
      expect(audit).toHaveLength(2);
      const [at, user, action, , , rows, , , , , details] = audit[1] ?? [];
      expect(String(at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(user).toBe(MANAGER);
      expect(action).toBe('归档一年');
      expect(Number(rows)).toBeGreaterThan(moved);
      expect(String(details)).toMatch(
        new RegExp(
          `^归档 2025 年：移出 ${moved} 行计件、\\d+ 行调整，留下 \\d+ 行结转；归档文件：https://`,
        ),
      );
    });
  });

  it('refuses a year not closed, changing nothing and writing no archive', () => {
    seeded();
    const before = everyTab();
    archive('2026');
    expect(installed.emulator.ui.alerts.at(-1)?.message).toBe(
      '2026 年还有月份没有结账：2026-11, 2026-12。每个月都结账后才能归档。',
    );
    expect(installed.emulator.files()).toEqual([]);
    expect(everyTab()).toEqual(before);
  });

  describe('a fault between writing the archive and changing the live sheet', () => {
    /** Fails the `nth` call of `method` (1-based), as a service failing mid-run would. */
    function failOn(method: string, nth: number, message: string): () => number {
      let seen = 0;
      installed.emulator.interceptCalls((service, name) => {
        if (`${service}.${name}` !== method) return;
        seen += 1;
        if (seen === nth) throw new Error(message);
      });
      return () => seen;
    }

    it('through the Sheets API: the live sheet stays as it was', () => {
      seeded();
      const before = everyTab();
      // The archive's own batchUpdate (formats, chart) is the first; the live sheet's the second.
      const seen = failOn(
        'Sheets.Spreadsheets.batchUpdate',
        2,
        'API call to sheets.spreadsheets.batchUpdate failed with error: Internal error encountered.',
      );
      archive('2025');
      installed.emulator.interceptCalls(null);
      expect(seen()).toBe(2);
      expect(installed.emulator.files()).toHaveLength(1);
      expect(everyTab()).toEqual(before);
      expect(installed.emulator.ui.alerts.at(-1)?.message).toContain('Internal error encountered');
    });

    it('without the API: a failure at the first live write leaves the live sheet as it was', () => {
      seeded({ sheetsApi: false });
      const before = everyTab();
      const seen = failOn(
        'Sheet.deleteRows',
        1,
        'Service Spreadsheets failed while accessing document with id x.',
      );
      archive('2025');
      installed.emulator.interceptCalls(null);
      expect(seen()).toBe(1);
      expect(installed.emulator.files()).toHaveLength(1);
      expect(everyTab()).toEqual(before);
      expect(installed.emulator.ui.alerts.at(-1)?.message).toContain('Service Spreadsheets failed');
    });
  });

  describe('the archive cannot be made (a Drive full)', () => {
    const FULL = "The user's Drive storage quota has been exceeded.";
    for (const [method, sheetsApi] of [
      ['Sheets.Spreadsheets.create', true],
      ['SpreadsheetApp.create', false],
    ] as const) {
      it(`${method}: says the archive was not written and the ledger is unchanged`, () => {
        seeded({ sheetsApi });
        const before = everyTab();
        installed.emulator.interceptCalls((service, name) => {
          if (`${service}.${name}` === method) throw new Error(FULL);
        });
        archive('2025');
        installed.emulator.interceptCalls(null);
        expect(everyTab()).toEqual(before);
        expect(installed.emulator.ui.alerts.at(-1)?.message).toBe(
          `归档文件没能写好（${FULL}），台账没有任何改动。`,
        );
      });
    }
  });

  describe('service calls', () => {
    function budget(sheetsApi: boolean, more2025: number) {
      seeded({ sheetsApi, more2025 });
      const calls = callsOf(installed.emulator, () => archive('2025'));
      const rows = installed.emulator.peekFile(
        installed.emulator.files()[0]?.id ?? '',
        '计件',
      ).length;
      installed.uninstall();
      return { calls, rows };
    }

    it('≤ 60 through the Sheets advanced service, the same for 60,000 rows more', () => {
      const small = budget(true, 0);
      const big = budget(true, 60_000);
      installed = installEmulator();
      process.stderr.write(
        `Archive a year, with the API: ${small.calls.total} (${small.rows} rows archived), ${big.calls.total} (${big.rows} rows)\n${JSON.stringify(big.calls.byMethod)}\n`,
      );
      expect(big.rows).toBeGreaterThan(60_000);
      expect(big.calls.total).toBeLessThanOrEqual(60);
      expect(big.calls.byMethod).toEqual(small.calls.byMethod);
    });

    it('without the API, works at more calls, which grow with runs of rows, not with rows', () => {
      const small = budget(false, 0);
      const big = budget(false, 5_000);
      installed = installEmulator();
      process.stderr.write(
        `Archive a year, without the API: ${small.calls.total}, ${big.calls.total} (5,000 rows more)\n`,
      );
      // What differs depends on the shape, not the number, of rows: one deleteRows per run of
      // adjacent rows (the rows added sit in a run of their own), a grid grown once per tab
      // that outgrows 1,000 rows, widths and wraps fitted to the figures.
      const shape = new Set([
        'Sheet.deleteRows',
        'Sheet.insertRowsAfter',
        'Sheet.setColumnWidths',
        'Range.setWrapStrategies',
      ]);
      const rowBound = (byMethod: Record<string, number>) =>
        Object.entries(byMethod).filter(([method]) => !shape.has(method));
      expect(rowBound(big.calls.byMethod)).toEqual(rowBound(small.calls.byMethod));
      expect(big.calls.byMethod['Sheet.deleteRows']).toBe(
        (small.calls.byMethod['Sheet.deleteRows'] ?? 0) + 1,
      );
    });
  });

  it('leaves Generate reading only the live rows, with the same figures', () => {
    seeded();
    const { emulator } = installed;
    const generate = () =>
      emulator.execution(() => generateMonthFromDialog('2026-10')) as unknown as {
        ok: boolean;
        value: { figures: unknown };
      };
    const before = generate();
    const rowsBefore = emulator.peek('计件').length;
    archive('2025');
    const after = generate();
    expect(after.ok).toBe(true);
    expect(after.value.figures).toEqual(before.value.figures);
    expect(emulator.peek('计件').length).toBeLessThan(rowsBefore);
  });

  it.each(['zh', 'en'] as const)(
    'says at once that a row typed into an archived year is paid in no month, closed or not (%s)',
    (lang) => {
      seeded({ lang });
      const { emulator } = installed;
      emulator.simpleTriggers({ onEdit });
      archive('2025');
      const pieces = lang === 'zh' ? '计件' : 'Pieces';
      const row = emulator.peek(pieces).length + 1;
      // A slip of 31 December handed in after the archive.
      const slip = [['2025-12-31', 'R001', 'O1', '10', '0', '王老师', '', 'E99999']];
      emulator.userEdit(pieces, `A${row}`, slip);
      const note = emulator.cell(pieces, `A${row}`).note;
      // Not "becomes a correction when you run Check data": Check data makes none for it.
      expect(note).toContain(
        lang === 'zh'
          ? '2025-12 已归档：不计入工资，请在未结账的月份用调整支付'
          : '2025-12 is archived: not paid; pay it as an adjustment of an open month',
      );
      // And one of March, a month never closed (the ledger begins in June): archived too.
      const early = [['2025-03-31', 'R001', 'O1', '10', '0', '王老师', '', 'E99998']];
      emulator.userEdit(pieces, `A${row + 1}`, early);
      expect(emulator.cell(pieces, `A${row + 1}`).note).toContain(
        lang === 'zh'
          ? '2025-03 已归档：不计入工资，请在未结账的月份用调整支付'
          : '2025-03 is archived: not paid; pay it as an adjustment of an open month',
      );
      const checked = emulator.execution(() =>
        checkData(installed.workbook(), { today: '2026-12-20' }),
      );
      expect(checked.corrections).toEqual([]);
    },
  );
});
