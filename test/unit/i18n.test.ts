import { t, langFromLocale } from '../../src/i18n';

describe('messages', () => {
  it('renders a message with parameters in each language', () => {
    expect(t('zh-CN', 'row', { row: 5 })).toBe('第 5 行');
    expect(t('en', 'row', { row: 5 })).toBe('row 5');
  });

  it('follows the spreadsheet locale', () => {
    expect(langFromLocale('zh_CN')).toBe('zh-CN');
    expect(langFromLocale('zh_TW')).toBe('zh-CN');
    expect(langFromLocale('en_US')).toBe('en');
    expect(langFromLocale('')).toBe('en');
  });
});
