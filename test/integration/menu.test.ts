/**
 * The menu as Google Sheets builds it: the simple trigger onOpen of the built Code.js, run in
 * the emulator, in the spreadsheet's language.
 */
import { createEmulator } from '../emulator';
import { t } from '../../src/i18n';
import { loadBundle, requireBuilt } from '../support/bundle';

type MenuItem = { caption: string; functionName: string } | 'separator';

const HAN = /\p{Script=Han}/u;

function itemsOf(items: readonly MenuItem[]): { caption: string; functionName: string }[] {
  return items.filter((item): item is Exclude<MenuItem, 'separator'> => item !== 'separator');
}

function openSheet(locale: string) {
  const emulator = createEmulator({ locale });
  const context = loadBundle(emulator);
  emulator.simpleTrigger(() =>
    context.onOpen({ source: emulator.spreadsheet, authMode: 'LIMITED' }),
  );
  return { emulator, context };
}

beforeAll(requireBuilt);

describe('onOpen from the built bundle', () => {
  it('builds the menu in Chinese for a zh_CN spreadsheet', () => {
    const { emulator } = openSheet('zh_CN');
    expect(emulator.ui.menus).toHaveLength(1);
    const [menu] = emulator.ui.menus;
    expect(menu?.title).toBe(t('zh-CN', 'menuTitle'));
    const items = itemsOf(menu?.items ?? []);
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) expect(item.caption).toMatch(HAN);
  });

  it('builds the menu in English otherwise', () => {
    for (const locale of ['en_US', 'en_GB', 'fr_FR']) {
      const { emulator } = openSheet(locale);
      const [menu] = emulator.ui.menus;
      expect(menu?.title).toBe(t('en', 'menuTitle'));
      for (const item of itemsOf(menu?.items ?? [])) expect(item.caption).not.toMatch(HAN);
    }
  });

  it('offers the same operations in both languages', () => {
    const zh = itemsOf(openSheet('zh_CN').emulator.ui.menus[0]?.items ?? []);
    const en = itemsOf(openSheet('en_US').emulator.ui.menus[0]?.items ?? []);
    expect(zh.map((i) => i.functionName)).toEqual(en.map((i) => i.functionName));
  });

  it('names only top-level functions that exist in the bundle, including the four operations', () => {
    const { emulator, context } = openSheet('zh_CN');
    const names = itemsOf(emulator.ui.menus[0]?.items ?? []).map((i) => i.functionName);
    expect(names).toEqual(
      expect.arrayContaining([
        'setUpWorkbook',
        'checkData',
        'showGenerateMonthDialog',
        'showCloseMonthDialog',
        'showReopenMonthDialog',
      ]),
    );
    for (const name of names) {
      expect({ name, type: typeof context[name] }).toEqual({ name, type: 'function' });
      expect(name.endsWith('_')).toBe(false);
    }
  });

  it('uses only services a simple trigger may use (no lock, properties or cache)', () => {
    const { emulator } = openSheet('zh_CN');
    const services = Object.keys(emulator.calls.byMethod()).map((m) => m.split('.')[0]);
    for (const service of services) {
      expect(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Ui', 'Menu', 'Session']).toContain(
        service,
      );
    }
  });

  it('onInstall builds the same menu', () => {
    const emulator = createEmulator({ locale: 'zh_CN' });
    const context = loadBundle(emulator);
    emulator.simpleTrigger(() =>
      context.onInstall({ source: emulator.spreadsheet, authMode: 'LIMITED' }),
    );
    expect(emulator.ui.menus[0]?.title).toBe(t('zh-CN', 'menuTitle'));
  });
});
