/**
 * Set up and Check data end to end, from the top-level functions the menu calls in the built
 * Code.js, on an emulated spreadsheet.
 */
import { createEmulator } from '../emulator';
import { t } from '../../src/i18n';
import type { Lang } from '../../src/i18n';
import {
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SOURCE_TABS,
  type TabSpec,
} from '../../src/workbook/layout';
import { MARK_BACKGROUND, MARK_NOTE_PREFIX } from '../../src/workbook/port';
import { loadBundle, requireBuilt } from '../support/bundle';

const HAN = /\p{Script=Han}/u;

/** A tab's header row and data rows in its column order, from values keyed by column key. */
function table(tab: TabSpec, lang: Lang, rows: Record<string, unknown>[]): unknown[][] {
  const header = tab.columns.map((c) => (lang === 'zh-CN' ? c.zh : c.en));
  return [header, ...rows.map((row) => tab.columns.map((c) => row[c.key] ?? ''))];
}

/** Everything the ui recorded, as one text (alerts and dialogs). */
function shownText(emulator: ReturnType<typeof createEmulator>): string {
  const { alerts, dialogs, toasts } = emulator.ui;
  return [
    ...alerts.map((a) => `${a.title}\n${a.message}`),
    ...dialogs.map((d) => `${d.title}\n${d.html}`),
    ...toasts.map((x) => `${x.title}\n${x.message}`),
  ].join('\n');
}

function seedWorkshop(emulator: ReturnType<typeof createEmulator>, lang: Lang): void {
  const name = (tab: TabSpec) => (lang === 'zh-CN' ? tab.zh : tab.en);
  emulator.seed(
    name(RESIDENTS),
    table(RESIDENTS, lang, [
      { id: 'R001', name: '王秀英', category: '困难户', joined: '2026-01-05', active: '是' },
      { id: 'R002', name: '李桂兰', category: '退休', joined: '2026-02-10', active: '是' },
    ]),
  );
  emulator.seed(name(PARTNERS), table(PARTNERS, lang, [{ id: 'P01', name: '红星工艺品公司' }]));
  emulator.seed(
    name(ORDERS),
    table(ORDERS, lang, [
      {
        id: 'O01',
        partner: 'P01',
        product: '福字剪纸',
        craft: '剪纸',
        payRate: 1.5,
        quantity: 1000,
        received: '2026-09-01',
        due: '2026-12-31',
        status: '进行中',
      },
    ]),
  );
  emulator.seed(
    name(PIECES),
    table(PIECES, lang, [
      {
        date: '2026-10-08',
        resident: 'R001',
        order: 'O01',
        completed: 40,
        rejected: 2,
        entry: 'E1',
      },
      // R999 is nobody: Check data must flag this row's resident cell.
      {
        date: '2026-10-09',
        resident: 'R999',
        order: 'O01',
        completed: 10,
        rejected: 0,
        entry: 'E2',
      },
      {
        date: '2026-10-10',
        resident: 'R002',
        order: 'O01',
        completed: 25,
        rejected: 1,
        entry: 'E3',
      },
    ]),
  );
}

beforeAll(requireBuilt);

describe('Set up from the built bundle', () => {
  it.each([
    ['zh_CN', 'zh-CN'],
    ['en_US', 'en'],
  ] as const)('creates every source tab with headers in the %s sheet language', (locale, lang) => {
    const emulator = createEmulator({ locale });
    const context = loadBundle(emulator);
    emulator.execution(() => context.setUpWorkbook());
    for (const tab of SOURCE_TABS) {
      const tabName = lang === 'zh-CN' ? tab.zh : tab.en;
      const header = emulator.peek(tabName)[0] ?? [];
      const expected = tab.columns.map((c) => (lang === 'zh-CN' ? c.zh : c.en));
      expect({ tabName, header: header.slice(0, expected.length) }).toEqual({
        tabName,
        header: expected,
      });
    }
    const text = shownText(emulator);
    expect(text.length).toBeGreaterThan(0);
    if (lang === 'zh-CN') expect(text).toMatch(HAN);
    else expect(text).not.toMatch(HAN);
  });

  it('keeps existing data and running it twice changes nothing more', () => {
    const emulator = createEmulator({ locale: 'zh_CN' });
    seedWorkshop(emulator, 'zh-CN');
    const context = loadBundle(emulator);
    const seeded = [RESIDENTS, PARTNERS, ORDERS, PIECES].map((tab) => emulator.peek(tab.zh));
    emulator.execution(() => context.setUpWorkbook());
    const once = SOURCE_TABS.map((tab) => emulator.peek(tab.zh));
    expect([RESIDENTS, PARTNERS, ORDERS, PIECES].map((tab) => emulator.peek(tab.zh))).toEqual(
      seeded,
    );
    emulator.execution(() => context.setUpWorkbook());
    expect(SOURCE_TABS.map((tab) => emulator.peek(tab.zh))).toEqual(once);
  });

  it('says the workbook is busy and changes nothing while another run holds the lock', () => {
    const emulator = createEmulator({ locale: 'zh_CN' });
    const context = loadBundle(emulator);
    const release = emulator.holdDocumentLock();
    try {
      emulator.execution(() => context.setUpWorkbook());
    } finally {
      release();
    }
    expect(emulator.spreadsheet.getSheetByName(RESIDENTS.zh)).toBeNull();
    expect(shownText(emulator)).toContain(t('zh-CN', 'busy'));
  });
});

describe('Check data from the built bundle', () => {
  function checkedWorkshop() {
    const emulator = createEmulator({ locale: 'zh_CN' });
    seedWorkshop(emulator, 'zh-CN');
    const context = loadBundle(emulator);
    emulator.execution(() => context.setUpWorkbook());
    emulator.ui.alerts.length = 0;
    emulator.execution(() => context.checkData());
    return { emulator, context };
  }

  /** The Pieces cell of the given column key on the given sheet row (header is row 1). */
  function piecesCell(emulator: ReturnType<typeof createEmulator>, key: string, row: number) {
    const header = emulator.peek(PIECES.zh)[0] ?? [];
    const zh = PIECES.columns.find((c) => c.key === key)?.zh;
    const column = header.indexOf(zh);
    expect(column).toBeGreaterThanOrEqual(0);
    return emulator.cell(PIECES.zh, `${String.fromCharCode(65 + column)}${row}`);
  }

  it('marks the unknown resident and reports it in Chinese', () => {
    const { emulator } = checkedWorkshop();
    const bad = piecesCell(emulator, 'resident', 3);
    expect(bad.note).toMatch(new RegExp(`^${MARK_NOTE_PREFIX}`));
    expect(bad.background).toBe(MARK_BACKGROUND);
    for (const row of [2, 4]) expect(piecesCell(emulator, 'resident', row).note ?? '').toBe('');
    const text = shownText(emulator);
    expect(text).toMatch(HAN);
    expect(text).toContain(PIECES.zh);
  });

  it('clears the mark once the row is fixed, keeping staff notes elsewhere', () => {
    const { emulator, context } = checkedWorkshop();
    const residentColumn = (emulator.peek(PIECES.zh)[0] ?? []).indexOf('居民编号');
    const a1 = (row: number) => `${String.fromCharCode(65 + residentColumn)}${row}`;
    emulator.spreadsheet.getSheetByName(PIECES.zh)?.getRange(a1(2)).setNote('王阿姨说下周补交');
    emulator.spreadsheet.getSheetByName(PIECES.zh)?.getRange(a1(3)).setValue('R001');
    emulator.execution(() => context.checkData());
    expect(piecesCell(emulator, 'resident', 3).note ?? '').toBe('');
    expect(piecesCell(emulator, 'resident', 3).background ?? null).not.toBe(MARK_BACKGROUND);
    expect(piecesCell(emulator, 'resident', 2).note).toBe('王阿姨说下周补交');
  });
});
