/** The language of the user's environment, for messages before any workbook is read. */
import type { Lang } from '../i18n';

/**
 * LC_ALL, then LC_MESSAGES, then LANG (the POSIX order); when none is set (Windows sets none),
 * the system locale Node reports. zh* is Chinese, anything else English.
 */
export function envLang(
  env: Readonly<Record<string, string | undefined>>,
  systemLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale,
): Lang {
  const locale =
    [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value !== '') ??
    systemLocale();
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
