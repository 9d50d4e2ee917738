/**
 * Messages shared with Sheets name the menu item to use (请运行「检查数据」/ "Run Check data",
 * 请先运行菜单「工坊 › 设置工作簿」/ "Run Gongfang › Set up workbook first"). On the command
 * line that item is a command: the text names `gongfang check` / `gongfang init FILE` instead,
 * never a menu the command line does not have.
 */
import { t } from '../i18n';
import { shellWord } from '../i18n/shellWord';
import type { Lang } from '../i18n';
import type { NextStep, NextStepWords } from '../features/errors';

/**
 * The menu item, the command, and what follows its file: Set up is asked for on a workbook
 * that exists, which `init` refuses without --force (that runs Set up on it, moving nothing).
 */
const MENU_COMMANDS: readonly (readonly ['menuCheck' | 'menuSetUp', string, string])[] = [
  ['menuCheck', 'gongfang check', ''],
  ['menuSetUp', 'gongfang init', ' --force'],
];

export function withCommandNames(text: string, lang: Lang, file?: string): string {
  let result = text;
  const menu = t(lang, 'menuTitle');
  // The workbook as the user named it, so the command can be run as it stands.
  const book = file === undefined ? t(lang, 'nextStepFilePlaceholder') : shellWord(file);
  for (const [menuKey, command, after] of MENU_COMMANDS) {
    const menuName = t(lang, menuKey).replace(/…$/, '');
    // The item named alone or by its menu path: either way the command runs on the file, and
    // init on a workbook that exists only with --force (without it, a second refusal).
    const whole = `${command} ${book}${after}`;
    if (lang === 'zh-CN') {
      for (const path of [`菜单「${menu} › ${menuName}」`, `「${menu} › ${menuName}」`]) {
        result = result.split(path).join(`「${whole}」`);
      }
      result = result.split(`「${menuName}」`).join(`「${whole}」`);
    } else {
      result = result.split(`${menu} › ${menuName}`).join(whole);
      result = result.replace(new RegExp(`\\b${menuName}\\b`, 'g'), () => whole);
    }
  }
  return result;
}

/**
 * The `gongfang` command for a next step, on `file` (the workbook as the user named it).
 * `generateOptions`: what a generate suggested by a generate run keeps of it (` --out
 * X.xlsx --force`): without its --out, the command pasted would write into the workbook the
 * user meant to leave untouched.
 */
export function nextCommand(
  next: NextStep,
  file: string,
  lang: Lang,
  generateOptions = '',
): string {
  const book = shellWord(file);
  switch (next.kind) {
    case 'generate':
      return `gongfang generate ${book} --month ${next.month}${generateOptions}`;
    case 'close':
      return `gongfang close ${book} --month ${next.month}${next.force ? ' --force' : ''}`;
    case 'reopen': {
      const reason = t(lang, 'nextStepReasonPlaceholder');
      return `gongfang reopen ${book} --month ${next.month} --reason ${reason}${next.force ? ' --force' : ''}`;
    }
    case 'check':
      return `gongfang check ${book}`;
    case 'correct':
      return `gongfang check ${book} --correct`;
  }
}

/** How the command line words a refusal's next step: the command to run. */
export function commandWords(file: string | undefined, generateOptions = ''): NextStepWords {
  return (next, lang) => {
    const book = file ?? t(lang, 'nextStepFilePlaceholder');
    const command = nextCommand(next, book, lang, generateOptions);
    return t(lang, 'nextStepCommand', { command });
  };
}
