/**
 * The month jobs in Sheets: the menu callbacks that open the Generate and Close dialogs, and
 * the endpoints those dialogs call through google.script.run. Endpoints take the document lock
 * for anything that writes, parse their arguments with zod, and answer with plain data (a
 * refusal or a busy lock is an answer, not an exception), so the dialog can show it.
 */
import { forgetEditContext } from './onEdit';
import * as z from 'zod/mini';
import type { IsoDate } from '../domain/records';
import type { KeyFigures } from '../domain/summary';
import { addMonths, defaultMonth } from '../domain/months';
import { closeMonth, moneyText, previewClose } from '../features/closeMonth';
import { generateMonth } from '../features/generateMonth';
import type { GenerateStep } from '../features/generateMonth';
import { isGongfangError, menuWords, refusal } from '../features/errors';
import { readClosings, sheetLanguage } from '../features/monthData';
import { defaultMonthOf } from '../features/monthChoice';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { previewReopen, reopenMonth, withdrawalLines } from '../features/reopenMonth';
import type { ReopenPreview } from '../features/reopenMonth';
import { SheetsWorkbook } from './sheetsWorkbook';
import { permissionMessage } from './permissions';
import {
  LOCK_WAIT_MS,
  alertMissingPermission,
  googleFailureText,
  languageOf,
  runOperation,
  userLanguage,
} from './run';
import { updateReports } from './partnerReports';
import { auditTime, ownWrite } from '../features/audit';
import { askerIsManager, managersOf } from '../features/roles';
import { CLOSINGS, namesOf } from '../workbook/layout';
import { logOwnWrite } from './audit';
import { Caller, checkRole } from './roles';

/** Dialog page names: src/ui/<name>/ is built into <name>.html. */
const GENERATE_PAGE = 'generate-month';
const CLOSE_PAGE = 'close-month';
const DIALOG_WIDTH = 460;
const GENERATE_HEIGHT = 370;
const CLOSE_HEIGHT = 440;
/** Months offered in the dialog's list, counting back from the default month. */
const MONTHS_OFFERED = 13;
const TOAST_SECONDS = 10;

export interface MonthDialogInfo {
  lang: Lang;
  defaultMonth: string;
  /** Newest first. */
  months: string[];
  closedMonths: string[];
}

export type DialogReply<T> =
  | { ok: true; lang: Lang; message: string; value: T }
  | { ok: false; lang: Lang; message: string; details: string[]; busy: boolean };

export interface GenerateReply {
  month: string;
  tabs: string[];
  figures: KeyFigures;
  excludedRows: number;
  closed: boolean;
}

export interface BlockingRowView {
  where: string;
  message: string;
}

export interface ClosePreviewReply {
  month: string;
  closed: { closedAt: string; closedBy: string } | null;
  blocking: BlockingRowView[];
  /** To confirm before closing (the dialog's confirm step): month not over, no rows. */
  warnings: string[];
  /** The closer's name as this user typed it last time ('' the first time). */
  closerName: string;
  residents: number;
  netPayText: string;
}

export interface CloseReply {
  month: string;
  residents: number;
  netPayText: string;
  closedAt: string;
}

const MonthArgument = z.string().check(z.maxLength(40));

/** What the Close dialog sends with the month (zod/mini, as new schemas are). */
const CloseRequest = z.object({
  name: z.string().check(z.maxLength(100)),
  confirmed: z.boolean(),
});

/**
 * The closer's name is remembered per user in the script's user properties, so the dialog can
 * fill it in next time. The Properties service needs no OAuth scope: its reference lists no
 * Authorization section. https://developers.google.com/apps-script/reference/properties/properties-service
 */
const CLOSER_NAME_PROPERTY = 'gongfang.closerName';

function rememberedCloserName(): string {
  return PropertiesService.getUserProperties().getProperty(CLOSER_NAME_PROPERTY) ?? '';
}

function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function todayIn(workbook: SheetsWorkbook, now: Date): IsoDate {
  return dateInZone(now, workbook.info().timeZone) ?? now.toISOString().slice(0, 10);
}

type MenuName = 'menuGenerate' | 'menuClose';

function refusedReply<T>(error: unknown, lang: Lang, menu?: MenuName): DialogReply<T> {
  const permission = menu === undefined ? null : permissionMessage(error, t(lang, menu), lang);
  if (permission !== null) {
    return { ok: false, lang, message: permission, details: [], busy: false };
  }
  if (isGongfangError(error)) {
    const next = error.next === null ? [] : [menuWords(error.next, lang)];
    return {
      ok: false,
      lang,
      message: t(lang, error.key, ...error.params),
      details: [...error.details, ...next],
      busy: false,
    };
  }
  console.error(error);
  const detail = error instanceof Error ? error.message : String(error);
  const message = googleFailureText(detail, lang) ?? t(lang, 'unexpected', { detail });
  return { ok: false, lang, message, details: [], busy: false };
}

/**
 * Runs `job` holding the document lock; a colleague's run means "busy" and nothing written.
 * The sheet's language is read once the lock is held (a Set up still running may be writing
 * Settings), and the job's own Settings read is then answered from that one.
 *
 * The lock is not released by a call: the job is the last thing this execution does, and "the
 * lock is automatically released when the script terminates"; releasing it earlier would also
 * call for SpreadsheetApp.flush() first, "to commit all pending changes to the spreadsheet
 * while you still have exclusive access to it".
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
function withLock<T>(
  workbook: SheetsWorkbook,
  menu: MenuName,
  job: (lang: Lang) => DialogReply<T>,
): DialogReply<T> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const lang = sheetLanguage(workbook);
    return { ok: false, lang, message: t(lang, 'busy'), details: [], busy: true };
  }
  let lang: Lang | null = null;
  try {
    lang = sheetLanguage(workbook);
    const reply = job(lang);
    workbook.restoreUsersSheet();
    return reply;
  } catch (error) {
    return refusedReply(error, lang ?? languageOf(workbook), menu);
  }
}

function showDialog(
  page: string,
  titleKey: 'genDialogTitle' | 'closeDialogTitle',
  menu: MenuName,
  height: number,
): void {
  let lang: Lang | null = null;
  try {
    lang = languageOf(new SheetsWorkbook(spreadsheet()));
    const html = HtmlService.createHtmlOutputFromFile(page)
      .setWidth(DIALOG_WIDTH)
      .setHeight(height);
    SpreadsheetApp.getUi().showModalDialog(html, t(lang, titleKey));
  } catch (error) {
    // A dialog needs script.container.ui, which a user may not have granted: an alert does not.
    const words = lang ?? userLanguage();
    const message = permissionMessage(error, t(words, menu), words);
    if (message === null) throw error;
    const ui = SpreadsheetApp.getUi();
    ui.alert(t(words, 'permissionTitle'), message, ui.ButtonSet.OK);
  }
}

/** A permission error thrown to a dialog in words (its failure handler shows the message). */
function inWords<T>(menu: MenuName | 'appName', job: () => T): T {
  try {
    return job();
  } catch (error) {
    const lang = userLanguage();
    const message = permissionMessage(error, t(lang, menu), lang);
    throw message === null ? error : new Error(message);
  }
}

/** Menu: 生成月度工资与汇总… / Generate month… */
export function showGenerateMonthDialog(): void {
  showDialog(GENERATE_PAGE, 'genDialogTitle', 'menuGenerate', GENERATE_HEIGHT);
}

/** Menu: 结账… / Close month… */
export function showCloseMonthDialog(): void {
  showDialog(CLOSE_PAGE, 'closeDialogTitle', 'menuClose', CLOSE_HEIGHT);
}

/** Endpoint: the language, the default month and the closed months, for either dialog. */
export function monthDialogInfo(): MonthDialogInfo {
  return inWords('appName', readMonthDialogInfo);
}

function readMonthDialogInfo(): MonthDialogInfo {
  const workbook = new SheetsWorkbook(spreadsheet());
  const lang = sheetLanguage(workbook);
  const today = todayIn(workbook, new Date());
  const closings = readClosings(workbook, { timeZone: workbook.info().timeZone, lang });
  // The default month skips closed ones; the list still counts back from the usual default.
  const suggested = defaultMonthOf(closings, today);
  const months: string[] = [];
  for (let back = -1; back < MONTHS_OFFERED - 1; back += 1) {
    months.push(addMonths(defaultMonth(today), -back));
  }
  if (!months.includes(suggested)) months.unshift(suggested);
  return {
    lang,
    defaultMonth: suggested,
    months,
    closedMonths: [...new Set(closings.closed.map((c) => c.month))].sort().reverse(),
  };
}

const PROGRESS_KEYS: Record<GenerateStep, ProgressKey> = {
  reading: 'genProgressReading',
  computing: 'genProgressComputing',
  writing: 'genProgressWriting',
};

type ProgressKey = 'genProgressReading' | 'genProgressComputing' | 'genProgressWriting';

/** Endpoint: builds the month's three tabs, then, when asked, the partner reports of that month
 *  (in the same lock: they read what was just checked). */
export function generateMonthFromDialog(
  month: string,
  updatePartners?: boolean,
): DialogReply<GenerateReply> {
  return inWords('menuGenerate', () => generateMonthBody(month, updatePartners));
}

function generateMonthBody(month: string, updatePartners?: boolean): DialogReply<GenerateReply> {
  const book = spreadsheet();
  const workbook = new SheetsWorkbook(book);
  const parsed = MonthArgument.safeParse(month);
  if (!parsed.success) {
    return refusedReply(refusal('genMonthInvalid', { value: '' }), sheetLanguage(workbook));
  }
  return withLock(workbook, 'menuGenerate', (lang) => {
    const now = new Date();
    const result = generateMonth(workbook, {
      month: parsed.data,
      now,
      today: todayIn(workbook, now),
      // Computing takes no time worth a toast; each toast is one more service call.
      onProgress: (step) => {
        if (step !== 'computing')
          book.toast(t(lang, PROGRESS_KEYS[step]), t(lang, 'appName'), TOAST_SECONDS);
      },
    });
    // The checks while typing kept which month tabs exist: now one more may, out of date no more.
    forgetEditContext();
    const caller = new Caller(book);
    logOwnWrite(
      workbook,
      () =>
        ownWrite('generate', {
          at: auditTime(now, workbook.info().timeZone),
          user: caller.email,
          tab: result.tabs[0] ?? '',
          details: t(lang, 'auditGenerated', {
            month: result.month,
            residents: result.figures.residentsPaid,
            netPay: moneyText(result.figures.netPay, result.currency),
          }),
        }),
      // Everyone may generate: the entry waits in the inbox for the audit trigger.
      { lang, intoAudit: false },
    );
    const lines = [
      t(result.lang, 'genDone', {
        month: result.month,
        residents: result.figures.residentsPaid,
        netPay: moneyText(result.figures.netPay, result.currency),
        tabs: result.tabs.join('、'),
      }),
    ];
    if (result.excludedRows > 0)
      lines.push(t(result.lang, 'genExcluded', { count: result.excludedRows }));
    if (result.changedSinceClosing) {
      lines.push(t(result.lang, 'genClosedSamePay'));
    } else if (result.closed) lines.push(t(result.lang, 'genClosedNote'));
    if (updatePartners === true) {
      // Partner reports share files with partners: managers only. The month was generated, so
      // the role refusal's "nothing was changed" would be wrong here: only the reports say so.
      const managers = managersOf(workbook);
      lines.push(
        askerIsManager(caller, managers)
          ? updateReports(workbook, { now, month: result.month, caller }).message
          : t(lang, 'ptReportsManagersOnly', {
              managers: managers.join(lang === 'zh-CN' ? '、' : ', '),
            }),
      );
    }
    return {
      ok: true,
      lang: result.lang,
      message: lines.join('\n'),
      value: {
        month: result.month,
        tabs: result.tabs,
        figures: result.figures,
        excludedRows: result.excludedRows,
        closed: result.closed,
      },
    };
  });
}

/** Endpoint: whether the month can be closed, and which rows block it. Read only. */
export function previewCloseFromDialog(month: string): DialogReply<ClosePreviewReply> {
  return inWords('menuClose', () => previewCloseBody(month));
}

function previewCloseBody(month: string): DialogReply<ClosePreviewReply> {
  const workbook = new SheetsWorkbook(spreadsheet());
  let lang = sheetLanguage(workbook);
  try {
    checkRole('close', new Caller(workbook.spreadsheet), workbook, {
      lang,
      operation: t(lang, 'menuClose'),
    });
    const preview = previewClose(workbook, {
      month: MonthArgument.parse(month),
      today: todayIn(workbook, new Date()),
    });
    lang = preview.lang;
    const message = preview.closed
      ? t(lang, 'closeAlreadyClosed', { month: preview.month, ...preview.closed })
      : preview.blocking.length > 0
        ? t(lang, 'closeBlocked', { month: preview.month, count: preview.blocking.length })
        : [
            t(lang, 'closeReady', {
              month: preview.month,
              residents: preview.residents,
              netPay: preview.netPayText,
            }),
            ...(preview.paysNow
              ? [t(lang, 'closePaysNow', { month: preview.month, paid: preview.paysNow.paidText })]
              : []),
          ].join('\n');
    return {
      ok: true,
      lang,
      message,
      value: {
        month: preview.month,
        closed: preview.closed,
        blocking: preview.blocking.map((b) => ({ where: b.where, message: b.message })),
        warnings: preview.warnings,
        closerName: rememberedCloserName(),
        residents: preview.residents,
        netPayText: preview.netPayText,
      },
    };
  } catch (error) {
    return refusedReply(error, lang, 'menuClose');
  }
}

/**
 * Endpoint: closes the month (refused, with the blocking rows, when it has errors). The dialog
 * sends the closer's name (required, remembered for this user) and whether the warnings were
 * confirmed; the verified account is recorded beside the name when Google gives it.
 */
export function closeMonthFromDialog(month: string, request: unknown): DialogReply<CloseReply> {
  return inWords('menuClose', () => closeMonthBody(month, request));
}

function closeMonthBody(month: string, request: unknown): DialogReply<CloseReply> {
  const workbook = new SheetsWorkbook(spreadsheet());
  const parsed = MonthArgument.safeParse(month);
  const asked = z.safeParse(CloseRequest, request);
  if (!parsed.success || !asked.success) {
    return refusedReply(refusal('genMonthInvalid', { value: '' }), sheetLanguage(workbook));
  }
  const name = asked.data.name.trim();
  if (name === '') return refusedReply(refusal('closeNameMissing'), sheetLanguage(workbook));
  return withLock(workbook, 'menuClose', (lang) => {
    const caller = new Caller(workbook.spreadsheet);
    checkRole('close', caller, workbook, { lang, operation: t(lang, 'menuClose') });
    const now = new Date();
    PropertiesService.getUserProperties().setProperty(CLOSER_NAME_PROPERTY, name);
    const result = closeMonth(workbook, {
      month: parsed.data,
      now,
      today: todayIn(workbook, now),
      closedBy: name,
      closedByAccount: caller.email,
      force: asked.data.confirmed,
    });
    // The checks while typing kept the closed months: one more now.
    forgetEditContext();
    const netPayText = moneyText(result.netPay, result.currency);
    logOwnWrite(
      workbook,
      () =>
        ownWrite('close', {
          at: auditTime(now, workbook.info().timeZone),
          user: caller.email,
          tab: workbook.tabName(namesOf(CLOSINGS), { exactName: true }) ?? '',
          details: t(result.lang, 'auditClosed', {
            month: result.month,
            residents: result.residents,
            netPay: netPayText,
            by: name,
          }),
        }),
      { lang: result.lang, intoAudit: true },
    );
    return {
      ok: true,
      lang: result.lang,
      message: [
        t(result.lang, 'closeDone', {
          month: result.month,
          residents: result.residents,
          netPay: netPayText,
        }),
        ...(!result.reclosed
          ? []
          : [
              t(result.lang, 'closePaysNow', {
                month: result.month,
                paid: moneyText(result.paid, result.currency),
              }),
            ]),
      ].join('\n'),
      value: {
        month: result.month,
        residents: result.residents,
        netPayText,
        closedAt: result.closedAt,
      },
    };
  });
}

/**
 * Menu: 撤销结账… / Reopen month…. Names the latest closed month, its closing date and who
 * closed it, and asks for the reason in one prompt (OK / Cancel); on OK, the reopening is an
 * operation of its own, under the document lock, which works everything out again.
 * https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)
 */
export function showReopenMonthDialog(): void {
  alertMissingPermission((lang) => t(lang, 'reopenMenu'), askToReopen);
}

function askToReopen(): void {
  const workbook = new SheetsWorkbook(spreadsheet());
  const ui = SpreadsheetApp.getUi();
  let lang = languageOf(workbook);
  let preview: ReopenPreview;
  try {
    lang = sheetLanguage(workbook);
    checkRole('reopen', new Caller(workbook.spreadsheet), workbook, {
      lang,
      operation: t(lang, 'reopenTitle'),
    });
    preview = previewReopen(workbook, { today: todayIn(workbook, new Date()) });
  } catch (error) {
    const reply = refusedReply<null>(error, lang);
    const message = [reply.message, ...(reply.ok ? [] : reply.details)].join('\n');
    ui.alert(t(lang, 'reopenTitle'), message, ui.ButtonSet.OK);
    return;
  }
  const closedBy = [preview.closedBy, preview.closedByAccount].filter((s) => s !== '').join(' ');
  // What reopening writes besides its own row, said before anything is written.
  const withdrawals = withdrawalLines(preview);
  const plan =
    withdrawals.length === 0
      ? ''
      : [
          t(lang, 'reopenWithdraws', { month: preview.month, count: withdrawals.length }),
          ...withdrawals,
          '',
        ].join('\n');
  const answer = ui.prompt(
    t(lang, 'reopenTitle'),
    t(lang, 'reopenPrompt', { month: preview.month, closedAt: preview.closedAt, closedBy, plan }),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) {
    ui.alert(t(lang, 'reopenTitle'), t(lang, 'reopenCancelled'), ui.ButtonSet.OK);
    return;
  }
  const reason = answer.getResponseText();
  runOperation({
    name: (userLang) => t(userLang, 'reopenTitle'),
    run: (locked) => {
      const caller = new Caller(locked.spreadsheet);
      const words = languageOf(locked);
      checkRole('reopen', caller, locked, { lang: words, operation: t(words, 'reopenTitle') });
      const now = new Date();
      const by = [rememberedCloserName(), caller.email].filter((s) => s !== '').join(' ');
      const result = reopenMonth(locked, {
        month: preview.month,
        now,
        today: todayIn(locked, now),
        reopenedBy: by,
        reason,
      });
      // The checks while typing and the audit kept the closed months: one fewer now.
      forgetEditContext();
      logOwnWrite(
        locked,
        () =>
          ownWrite('reopen', {
            at: auditTime(now, locked.info().timeZone),
            user: caller.email,
            tab: locked.tabName(namesOf(CLOSINGS), { exactName: true }) ?? '',
            details: t(result.lang, 'auditReopened', { month: result.month, reason, by }),
          }),
        { lang: result.lang, intoAudit: true },
      );
      const withdrawn =
        result.withdrawals.length === 0
          ? []
          : [t(result.lang, 'reopenDoneWithdrawn', { count: result.withdrawals.length })];
      return {
        title: t(result.lang, 'reopenTitle'),
        message: [t(result.lang, 'reopenDone', { month: result.month }), ...withdrawn].join('\n'),
      };
    },
  });
}
