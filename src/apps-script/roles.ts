/**
 * Who is asking, in Sheets, and the role checks menu items and endpoints make on the server
 * (docs/roles.md). The verified address needs the userinfo.email scope, already declared; the
 * owner is asked for only when the person is not on the Managers row.
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner()
 */
import type { Action } from '../domain/roles';
import { type Asker, requireRole } from '../features/roles';
import type { Lang } from '../i18n';
import type { SheetsWorkbook } from './sheetsWorkbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The person running this execution, each fact asked for once and only when needed. */
export class Caller implements Asker {
  private knownEmail: string | null = null;
  private knownOwner: string | null = null;

  constructor(private readonly spreadsheet: Spreadsheet) {}

  get email(): string {
    if (this.knownEmail === null) {
      try {
        this.knownEmail = Session.getActiveUser().getEmail().trim().toLowerCase();
      } catch {
        // Without the scope (granular consent) nobody can be told: '' is "unknown".
        this.knownEmail = '';
      }
    }
    return this.knownEmail;
  }

  readonly owner = (): string => {
    if (this.knownOwner === null) {
      try {
        // A file on a shared drive has no owner (null).
        this.knownOwner = (this.spreadsheet.getOwner()?.getEmail() ?? '').trim().toLowerCase();
      } catch {
        this.knownOwner = '';
      }
    }
    return this.knownOwner;
  };
}

/** Throws the refusal, in the sheet's language, when the caller may not do `action`. */
export function checkRole(
  action: Action,
  caller: Caller,
  workbook: SheetsWorkbook,
  words: { readonly lang: Lang; readonly operation: string },
): void {
  requireRole(action, caller, workbook, words);
}
