/** The two languages Gongfang speaks. */
export type Lang = 'zh-CN' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/**
 * The language of a spreadsheet locale ("zh_CN", "zh-TW", "en_US"), or of a language setting
 * typed by staff ("中文", "English"). Chinese for any Chinese locale, English otherwise.
 */
export function langFromLocale(locale: string | null | undefined): Lang {
  const text = (locale ?? '').trim().toLowerCase();
  return text.startsWith('zh') || text.startsWith('中') || text === 'cn' ? 'zh-CN' : 'en';
}
