/**
 * Running one menu operation: one execution holds the document lock while it reads and
 * writes, shows what happened in the user's language, and never shows a stack trace.
 */
import { isGongfangError } from '../features/errors';
import { sheetLanguage } from '../features/monthData';
import { type GoogleErrorKind, googleErrorKind } from '../domain/googleErrors';
import { type Lang, type MessageKey, langFromLocale, t } from '../i18n';
import { permissionMessage } from './permissions';
import { SheetsWorkbook } from './sheetsWorkbook';

/**
 * How long to wait for a colleague's operation to finish before saying "busy". tryLock returns
 * false when the time runs out, rather than throwing as waitLock does.
 * https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
 */
export const LOCK_WAIT_MS = 3000;

export interface Outcome {
  readonly title: string;
  readonly message: string;
  /**
   * Something the user may go on to do (the message ends with the question): the dialog then
   * shows Yes and No instead of OK, and only on Yes does the follow-up run, as an operation of
   * its own (its own lock, its own dialog).
   */
  readonly followUp?: Operation;
}

export interface Operation {
  /** The operation's name in the menu, for the error message. */
  readonly name: (lang: Lang) => string;
  /** Reads and writes through the workbook; returns what to tell the user. */
  readonly run: (workbook: SheetsWorkbook) => Outcome;
  /**
   * Whether the operation needs the document lock (default true). Only an operation that
   * writes nothing but its own marks may go without it.
   */
  readonly lock?: boolean;
  /** Read and write through the Sheets advanced service where it is enabled (SheetsWorkbook). */
  readonly sheetsApi?: boolean;
}

/**
 * Takes the lock, runs the operation, releases the lock, then shows the outcome. The lock is
 * released before the dialog opens: ui.alert waits for the user to click OK, and colleagues
 * should not be locked out meanwhile.
 */
export function runOperation(operation: Operation): void {
  let outcome: Outcome;
  try {
    outcome = runLocked(operation);
  } catch (error) {
    // Only a permission not granted gets here (the spreadsheet itself could not be opened).
    const lang = userLanguage();
    const message = permissionMessage(error, operation.name(lang), lang);
    if (message === null) throw error;
    outcome = { title: t(lang, 'permissionTitle'), message };
  }
  if (outcome.followUp === undefined) {
    show(outcome.title, outcome.message);
    return;
  }
  if (ask(outcome.title, outcome.message)) runOperation(outcome.followUp);
}

function runLocked(operation: Operation): Outcome {
  const workbook = new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet(), {
    sheetsApi: operation.sheetsApi === true,
  });
  const lock = operation.lock === false ? null : LockService.getDocumentLock();
  if (lock !== null && !lock.tryLock(LOCK_WAIT_MS)) {
    const lang = languageOf(workbook);
    return { title: t(lang, 'appName'), message: t(lang, 'busy') };
  }
  try {
    const outcome = operation.run(workbook);
    workbook.restoreUsersSheet();
    return outcome;
  } catch (error) {
    // The log (Executions in the Apps Script editor) keeps the stack; the user gets words.
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return failure(error, operation, languageOf(workbook));
  } finally {
    if (lock !== null) release(lock);
  }
}

/** Google's own failures, worded for staff (the page words the ones that never reach here). */
const GOOGLE_FAILURES: Record<GoogleErrorKind, MessageKey> = {
  multipleAccounts: 'gErrMultipleAccounts',
  authorization: 'gErrAuthorization',
  quota: 'gErrQuota',
  timeout: 'gErrTimeout',
  protectedRange: 'gErrProtectedRange',
  network: 'gErrNetwork',
  serverError: 'gErrServer',
};

/** A known Google failure in the sheet's words (a sidebar's or dialog's reply); else null. */
export function googleFailureText(detail: string, lang: Lang): string | null {
  const kind = googleErrorKind(detail);
  return kind === null ? null : t(lang, GOOGLE_FAILURES[kind] as 'gErrQuota');
}

/** The user's own language (Session needs no permission), when the sheet cannot be read. */
export function userLanguage(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    return 'zh-CN';
  }
}

/**
 * Writes are committed before the lock goes, so a colleague waiting for it reads them: "call
 * SpreadsheetApp.flush() to commit all pending changes to the spreadsheet while you still have
 * exclusive access to it". https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
export function release(lock: GoogleAppsScript.Lock.Lock): void {
  try {
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}

function failure(error: unknown, operation: Operation, lang: Lang): Outcome {
  const permission = permissionMessage(error, operation.name(lang), lang);
  if (permission !== null) return { title: t(lang, 'permissionTitle'), message: permission };
  if (isGongfangError(error)) return { title: operation.name(lang), message: error.render(lang) };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title: t(lang, 'error'),
    message: t(lang, 'menuFailed', { operation: operation.name(lang), detail }),
  };
}

/**
 * The one language decision, for every title, message, toast and the menu: Settings' Language
 * when staff chose one, else the spreadsheet locale's; Chinese, the workshop's own, when even
 * the locale cannot be read (a permission not granted).
 */
export function languageOf(workbook: SheetsWorkbook): Lang {
  try {
    return sheetLanguage(workbook);
  } catch {
    try {
      return langFromLocale(workbook.info().locale);
    } catch {
      return 'zh-CN';
    }
  }
}

function show(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/**
 * Yes/No in one alert. Closing the dialog answers Button.CLOSE, which counts as No.
 * https://developers.google.com/apps-script/reference/base/button
 */
function ask(title: string, message: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/**
 * A menu entry point that opens a page or a prompt: a permission the user did not grant
 * (granular consent) becomes an alert naming it, in the user's language, never a raw error.
 */
export function alertMissingPermission(operation: (lang: Lang) => string, open: () => void): void {
  try {
    open();
  } catch (error) {
    const lang = userLanguage();
    const message = permissionMessage(error, operation(lang), lang);
    if (message === null) throw error;
    const ui = SpreadsheetApp.getUi();
    ui.alert(t(lang, 'permissionTitle'), message, ui.ButtonSet.OK);
  }
}
