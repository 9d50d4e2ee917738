/**
 * Messages shared with Sheets name the menu item to use (请运行「检查数据」/ "Run Check data").
 * On the command line that item is a command: the text names `gongfang check` instead.
 */
import { t } from '../i18n';
import type { Lang } from '../i18n';

const MENU_COMMANDS: readonly (readonly ['menuCheck' | 'menuSetUp', string])[] = [
  ['menuCheck', 'gongfang check'],
  ['menuSetUp', 'gongfang init'],
];

export function withCommandNames(text: string, lang: Lang): string {
  let result = text;
  for (const [menuKey, command] of MENU_COMMANDS) {
    const menuName = t(lang, menuKey).replace(/…$/, '');
    result =
      lang === 'zh-CN'
        ? result.split(`「${menuName}」`).join(`「${command}」`)
        : result.replace(new RegExp(`\\b${menuName}\\b`, 'g'), command);
  }
  return result;
}
