/**
 * Messages shared with Sheets name the menu item to use (请运行「检查数据」/ "Run Check data",
 * 请先运行菜单「工坊 › 设置工作簿」/ "Run Gongfang › Set up workbook first"). On the command
 * line that item is a command: the text names `gongfang check` / `gongfang init FILE` instead,
 * never a menu the command line does not have.
 */
import { t } from '../i18n';
import type { Lang } from '../i18n';

const MENU_COMMANDS: readonly (readonly ['menuCheck' | 'menuSetUp', string])[] = [
  ['menuCheck', 'gongfang check'],
  ['menuSetUp', 'gongfang init'],
];

export function withCommandNames(text: string, lang: Lang): string {
  let result = text;
  const menu = t(lang, 'menuTitle');
  for (const [menuKey, command] of MENU_COMMANDS) {
    const menuName = t(lang, menuKey).replace(/…$/, '');
    if (lang === 'zh-CN') {
      // The whole menu path names the command with its file.
      for (const path of [`菜单「${menu} › ${menuName}」`, `「${menu} › ${menuName}」`]) {
        result = result.split(path).join(`「${command} 文件」`);
      }
      result = result.split(`「${menuName}」`).join(`「${command}」`);
    } else {
      result = result.split(`${menu} › ${menuName}`).join(`${command} FILE`);
      result = result.replace(new RegExp(`\\b${menuName}\\b`, 'g'), command);
    }
  }
  return result;
}
