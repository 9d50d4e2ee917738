/**
 * Roles over the port: the Managers row of Settings, and the refusal when someone who is not a
 * manager asks for a managers' operation (docs/roles.md). The shell says who is asking and who
 * owns the spreadsheet; the owner is asked for only when the person is not listed.
 *
 *   requireRole('close', { email: caller.email(), owner: () => caller.owner() }, workbook, {
 *     lang, operation: t(lang, 'menuClose'),
 *   });
 */
import { type Action, ROLE_OF_ACTION, isManager, rolesApply } from '../domain/roles';
import { readSettings } from '../domain/validation/settings';
import type { Lang } from '../i18n';
import { SETTINGS, namesOf } from '../workbook/layout';
import type { Workbook } from '../workbook/port';
import { tabProblems } from '../domain/validation/required';
import { readTable, settingDraft } from '../workbook/tables';
import { refusal } from './errors';

/** The addresses on Settings' Managers row, lower case; [] when none (no roles). */
export function managersOf(workbook: Workbook): string[] {
  const contents = workbook.readTab(namesOf(SETTINGS));
  const table = readTable(SETTINGS, contents, {
    timeZone: workbook.info().timeZone,
    lang: 'zh-CN',
  });
  if (tabProblems('settings', table.state).length > 0) return [];
  return [...(readSettings(table.rows.map(settingDraft)).settings.managers ?? [])];
}

export interface Asker {
  /** The person's verified address; '' when Google does not say. */
  readonly email: string;
  /** The spreadsheet owner's address, asked for only when needed. */
  readonly owner: () => string;
}

/** Whether `asker` counts as a manager here (everyone does while no managers are listed). */
export function askerIsManager(asker: Asker, managers: readonly string[]): boolean {
  if (!rolesApply(managers)) return true;
  if (isManager(asker.email, { owner: '', managers })) return true;
  return asker.email !== '' && isManager(asker.email, { owner: asker.owner(), managers });
}

/** Throws a refusal in the sheet's language when `asker` may not do `action`. */
export function requireRole(
  action: Action,
  asker: Asker,
  workbook: Workbook,
  words: { readonly lang: Lang; readonly operation: string },
): void {
  if (ROLE_OF_ACTION[action] === 'everyone') return;
  const managers = managersOf(workbook);
  if (askerIsManager(asker, managers)) return;
  if (asker.email === '') throw refusal('roleUnknownUser', { operation: words.operation });
  const separator = words.lang === 'zh-CN' ? '、' : ', ';
  throw refusal('roleRefused', { operation: words.operation, managers: managers.join(separator) });
}
