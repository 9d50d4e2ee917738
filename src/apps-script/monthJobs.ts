/**
 * The month jobs in Sheets: the menu callbacks that open the Generate and Close dialogs, and
 * the endpoints those dialogs call through google.script.run. Endpoints take the document lock
 * for anything that writes, parse their arguments with zod, and answer with plain data (a
 * refusal or a busy lock is an answer, not an exception), so the dialog can show it.
 */
import * as z from 'zod/mini';
import type { IsoDate } from '../domain/records';
import type { KeyFigures } from '../domain/summary';
import { addMonths, defaultMonth } from '../domain/months';
import { closeMonth, moneyText, previewClose } from '../features/closeMonth';
import { generateMonth } from '../features/generateMonth';
import type { GenerateStep } from '../features/generateMonth';
import { isGongfangError, refusal } from '../features/errors';
import { readClosings, sheetLanguage } from '../features/monthData';
import { langFromLocale, t } from '../i18n';
import type { Lang } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { SheetsWorkbook } from './sheetsWorkbook';
import { LOCK_WAIT_MS } from './run';

/** Dialog page names: src/ui/<name>/ is built into <name>.html. */
const GENERATE_PAGE = 'generate-month';
const CLOSE_PAGE = 'close-month';
const DIALOG_WIDTH = 460;
const GENERATE_HEIGHT = 330;
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

function spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function todayIn(workbook: SheetsWorkbook, now: Date): IsoDate {
  return dateInZone(now, workbook.info().timeZone) ?? now.toISOString().slice(0, 10);
}

function refusedReply<T>(error: unknown, lang: Lang): DialogReply<T> {
  if (isGongfangError(error)) {
    return {
      ok: false,
      lang,
      message: t(lang, error.key, ...error.params),
      details: [...error.details],
      busy: false,
    };
  }
  console.error(error);
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, lang, message: t(lang, 'unexpected', { detail }), details: [], busy: false };
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
    return job(lang);
  } catch (error) {
    return refusedReply(error, lang ?? langFromLocale(workbook.info().locale));
  }
}

function showDialog(
  page: string,
  titleKey: 'genDialogTitle' | 'closeDialogTitle',
  height: number,
): void {
  const workbook = new SheetsWorkbook(spreadsheet());
  const lang = langFromLocale(workbook.info().locale);
  const html = HtmlService.createHtmlOutputFromFile(page).setWidth(DIALOG_WIDTH).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, t(lang, titleKey));
}

/** Menu: 生成月度工资与汇总… / Generate month… */
export function showGenerateMonthDialog(): void {
  showDialog(GENERATE_PAGE, 'genDialogTitle', GENERATE_HEIGHT);
}

/** Menu: 结账… / Close month… */
export function showCloseMonthDialog(): void {
  showDialog(CLOSE_PAGE, 'closeDialogTitle', CLOSE_HEIGHT);
}

/** Endpoint: the language, the default month and the closed months, for either dialog. */
export function monthDialogInfo(): MonthDialogInfo {
  const workbook = new SheetsWorkbook(spreadsheet());
  const lang = sheetLanguage(workbook);
  const today = todayIn(workbook, new Date());
  const suggested = defaultMonth(today);
  const closings = readClosings(workbook, { timeZone: workbook.info().timeZone, lang });
  const months: string[] = [];
  for (let back = -1; back < MONTHS_OFFERED - 1; back += 1)
    months.push(addMonths(suggested, -back));
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

/** Endpoint: builds the month's three tabs. */
export function generateMonthFromDialog(month: string): DialogReply<GenerateReply> {
  const book = spreadsheet();
  const workbook = new SheetsWorkbook(book);
  const parsed = MonthArgument.safeParse(month);
  if (!parsed.success) {
    return refusedReply(refusal('genMonthInvalid', { value: '' }), sheetLanguage(workbook));
  }
  return withLock(workbook, (lang) => {
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
    if (result.closed) lines.push(t(result.lang, 'genClosedNote'));
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
  const workbook = new SheetsWorkbook(spreadsheet());
  let lang = sheetLanguage(workbook);
  try {
    const preview = previewClose(workbook, {
      month: MonthArgument.parse(month),
      today: todayIn(workbook, new Date()),
    });
    lang = preview.lang;
    const message = preview.closed
      ? t(lang, 'closeAlreadyClosed', { month: preview.month, ...preview.closed })
      : preview.blocking.length > 0
        ? t(lang, 'closeBlocked', { month: preview.month, count: preview.blocking.length })
        : t(lang, 'closeReady', {
            month: preview.month,
            residents: preview.residents,
            netPay: preview.netPayText,
          });
    return {
      ok: true,
      lang,
      message,
      value: {
        month: preview.month,
        closed: preview.closed,
        blocking: preview.blocking.map((b) => ({ where: b.where, message: b.message })),
        residents: preview.residents,
        netPayText: preview.netPayText,
      },
    };
  } catch (error) {
    return refusedReply(error, lang);
  }
}

/** Endpoint: closes the month (refused, with the blocking rows, when it has errors). */
export function closeMonthFromDialog(month: string): DialogReply<CloseReply> {
  const workbook = new SheetsWorkbook(spreadsheet());
  const parsed = MonthArgument.safeParse(month);
  if (!parsed.success) {
    return refusedReply(refusal('genMonthInvalid', { value: '' }), sheetLanguage(workbook));
  }
  return withLock(workbook, () => {
    const now = new Date();
    const result = closeMonth(workbook, {
      month: parsed.data,
      now,
      today: todayIn(workbook, now),
      closedBy: Session.getActiveUser().getEmail(),
    });
    const netPayText = moneyText(result.netPay, result.currency);
    return {
      ok: true,
      lang: result.lang,
      message: t(result.lang, 'closeDone', {
        month: result.month,
        residents: result.residents,
        netPay: netPayText,
      }),
      value: {
        month: result.month,
        residents: result.residents,
        netPayText,
        closedAt: result.closedAt,
      },
    };
  });
}
