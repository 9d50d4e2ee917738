/** The Settings tab: organisation name, currency sign and language, with their defaults. */
import type { Settings } from '../records';
import type { ValidationProblem } from './codes';
import type { SettingDraft } from './drafts';
import { RowProblems } from './problemList';
import { parseDecimal, FEN_SCALE } from '../money';

export const DEFAULT_SETTINGS: Settings = {
  organization: '',
  currency: '¥',
  language: null,
  autoCorrect: true,
};

const normal = (text: string): string => text.normalize('NFKC').trim().toLowerCase();

/** On or off, in either language; null for an empty cell, undefined when it says neither. */
export function switchSetting(text: string): boolean | null | undefined {
  const value = normal(text);
  if (value === '') return null;
  if (/^(是|开|开启|打开|启用|on|yes|y|true|1|✓|√)$/.test(value)) return true;
  if (/^(否|关|关闭|停用|不|off|no|n|false|0|×)$/.test(value)) return false;
  return undefined;
}

/** zh-CN, zh, 中文, 简体中文 → zh-CN; en, English, 英文 → en; anything else is unknown. */
export function languageSetting(text: string): Settings['language'] | undefined {
  const value = normal(text);
  if (value === '') return null;
  if (/^(zh|中|简体|chinese)/.test(value)) return 'zh-CN';
  if (/^(en|英)/.test(value)) return 'en';
  return undefined;
}

/** Yuan as typed (800, 800.00, ¥800, 800元) to fen; null for an empty cell, undefined when unreadable. */
export function thresholdSetting(text: string): number | null | undefined {
  const value = text
    .normalize('NFKC')
    .replace(/[\s,¥￥]|元/g, '')
    .trim();
  if (value === '') return null;
  const parsed = parseDecimal(value, FEN_SCALE);
  return parsed.ok && parsed.units >= 0 ? parsed.units : undefined;
}

/** "2025: <link or file>" (either colon, or a space) as Archive year writes it; null otherwise. */
export function archiveSetting(text: string): { year: number; location: string } | null {
  const match = /^\s*(\d{4})\s*[:：]?\s*(.*)$/s.exec(text.normalize('NFKC'));
  if (!match) return null;
  return { year: Number(match[1]), location: (match[2] ?? '').trim() };
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * The Managers row: addresses separated by commas, semicolons (either width) or spaces, lower
 * case; the first that is no address is returned to be reported (the others still count).
 */
export function managerAddresses(text: string): { addresses: string[]; invalid: string | null } {
  const parts = text
    .normalize('NFKC')
    .split(/[,;\s、]+/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const addresses = parts.filter((part) => EMAIL.test(part));
  const invalid = parts.find((part) => !EMAIL.test(part)) ?? null;
  return { addresses: [...new Set(addresses)], invalid };
}

export interface SettingsReading {
  readonly settings: Settings;
  readonly problems: ValidationProblem[];
}

/** Reads the settings rows; unknown names and values are warnings, the default is kept. */
export function readSettings(rows: readonly SettingDraft[]): SettingsReading {
  let settings = DEFAULT_SETTINGS;
  const problems: ValidationProblem[] = [];
  for (const draft of rows) {
    const check = new RowProblems('settings', draft.row);
    const name = check.take('setting', draft.setting, 'warning', '');
    const value = check.take('value', draft.value, 'warning', '');
    const key = draft.key;
    if (key === null) {
      if (name !== '') check.warning('setting', 'settingUnknown', { value: name });
    } else if (key === 'language') {
      const language = languageSetting(value);
      if (language === undefined) check.warning('value', 'languageUnknown', { value });
      else settings = { ...settings, language };
    } else if (key === 'autoCorrect') {
      const on = switchSetting(value);
      if (on === undefined) check.warning('value', 'switchUnknown', { value });
      else settings = { ...settings, autoCorrect: on ?? DEFAULT_SETTINGS.autoCorrect };
    } else if (key === 'closingsRecord') {
      settings = { ...settings, closingsRecord: value === '' ? null : value };
    } else if (key === 'payThreshold') {
      const fen = thresholdSetting(value);
      if (fen === undefined) check.warning('value', 'amountUnreadable', { value });
      else settings = { ...settings, payThreshold: fen };
    } else if (key === 'archive') {
      const archive = archiveSetting(value);
      if (archive !== null) {
        settings = { ...settings, archives: [...(settings.archives ?? []), archive] };
      }
    } else if (key === 'managers') {
      const { addresses, invalid } = managerAddresses(value);
      if (invalid !== null) check.warning('value', 'managerInvalid', { value: invalid });
      settings = { ...settings, managers: [...(settings.managers ?? []), ...addresses] };
    } else if (key === 'currency') {
      settings = { ...settings, currency: value === '' ? DEFAULT_SETTINGS.currency : value };
    } else {
      settings = { ...settings, organization: value };
    }
    problems.push(...check.problems);
  }
  return { settings, problems };
}
