/**
 * Granular consent: a user may grant only some of the scopes the manifest asks for, and a call
 * needing one not granted throws ("You do not have permission to call Session.getActiveUser.
 * Required permissions: https://www.googleapis.com/auth/userinfo.email"; reported wording, and
 * the message is translated into the user's language). Every menu entry point turns that into
 * words for staff.
 * https://developers.google.com/apps-script/concepts/scopes
 */
import { type Lang, t } from '../i18n';

const SCOPE_URL = /https:\/\/www\.googleapis\.com\/auth\/[\w.-]+/g;

/** The scopes a permission error asks for; null when `error` is some other error. */
export function missingScopes(error: unknown): string[] | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // The wording is translated, the scope addresses are not: they identify the error.
  const scopes = message.match(SCOPE_URL);
  return scopes === null ? null : [...new Set(scopes)];
}

/** What each scope lets Gongfang do, in staff's words. */
export function scopeWords(lang: Lang, scope: string): string {
  switch (scope.slice(scope.lastIndexOf('/') + 1)) {
    case 'spreadsheets.currentonly':
    case 'spreadsheets':
      return t(lang, 'scopeCurrentSheet');
    case 'script.container.ui':
      return t(lang, 'scopeDialogs');
    case 'userinfo.email':
      return t(lang, 'scopeEmail');
    case 'script.scriptapp':
      return t(lang, 'scopeTriggers');
    default:
      return t(lang, 'scopeOther', { scope });
  }
}

/** The message for a permission error, or null when `error` is not one. */
export function permissionMessage(error: unknown, operation: string, lang: Lang): string | null {
  const scopes = missingScopes(error);
  if (scopes === null) return null;
  const separator = lang === 'zh-CN' ? '；' : '; ';
  const needs = [...new Set(scopes.map((scope) => scopeWords(lang, scope)))].join(separator);
  return t(lang, 'permissionMissing', { operation, needs });
}
