/**
 * The year end in Sheets: 年度报表… / Year report… (a prompt for the year, then the Year,
 * Statements and Impact tabs written under the document lock) and 归档一年… / Archive a year…
 * (a prompt for the year, then archiveYear under the lock: the archive a new spreadsheet
 * (archiveFile.ts), the live sheet changed in one write, its link in Settings). The year's tabs go through the Sheets advanced service where it is enabled:
 * the ledger read in one Values.batchGet, the three tabs written in one batchUpdate.
 */
import { defaultYear } from '../domain/year';
import { moneyText } from '../features/closeMonth';
import { generateYear } from '../features/generateYear';
import { t } from '../i18n';
import type { Lang } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { alertMissingPermission, languageOf, runOperation } from './run';
import { SheetsWorkbook } from './sheetsWorkbook';
import { archiveYear } from '../features/archiveYear';
import { auditTime, ownWrite } from '../features/audit';
import { isGongfangError } from '../features/errors';
import { sheetsArchiveTarget } from './archiveFile';
import { logOwnWrite } from './audit';
import { Caller, checkRole } from './roles';

export function todayOf(workbook: SheetsWorkbook, now: Date): string {
  return dateInZone(now, workbook.info().timeZone) ?? now.toISOString().slice(0, 10);
}

/**
 * Asks for a year in one prompt (OK / Cancel); null when cancelled. The prompt has no default
 * value of its own, so an empty answer means `suggested`.
 * https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)
 */
export function askYear(title: string, message: string, lang: Lang): string | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) {
    ui.alert(title, t(lang, 'yrCancelled'), ui.ButtonSet.OK);
    return null;
  }
  return answer.getResponseText().trim();
}

/** Menu: 年度报表… / Year report… */
export function showYearReportDialog(): void {
  alertMissingPermission((lang) => t(lang, 'menuYear'), askForYearReport);
}

function askForYearReport(): void {
  const workbook = new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet());
  const lang = languageOf(workbook);
  const suggested = defaultYear(todayOf(workbook, new Date()));
  const typed = askYear(t(lang, 'yrPromptTitle'), t(lang, 'yrPrompt', { year: suggested }), lang);
  if (typed === null) return;
  runOperation({
    name: (userLang) => t(userLang, 'yrPromptTitle'),
    sheetsApi: true,
    run: (locked) => {
      const now = new Date();
      const result = generateYear(locked, {
        year: typed === '' ? suggested : typed,
        now,
        today: todayOf(locked, now),
      });
      const lines = [
        t(result.lang, 'yrDone', {
          year: result.year,
          residents: result.residents,
          total: moneyText(result.total, result.currency),
          tabs: result.tabs.join(t(result.lang, 'yrListSeparator')),
        }),
      ];
      if (result.draftMonths.length > 0) {
        lines.push(t(result.lang, 'yrDraftsNote', { drafts: result.draftMonths.join('、') }));
      }
      return { title: t(result.lang, 'yrPromptTitle'), message: lines.join('\n') };
    },
  });
}

/** Menu: 归档一年… / Archive a year… */
export function showArchiveYearDialog(): void {
  alertMissingPermission((lang) => t(lang, 'menuArchive'), askForArchive);
}

function askForArchive(): void {
  const workbook = new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet());
  const lang = languageOf(workbook);
  // Refused before the prompt, not after the year is typed (docs/roles.md).
  if (!mayArchive(workbook, lang)) return;
  const suggested = defaultYear(todayOf(workbook, new Date())) - 1;
  const typed = askYear(t(lang, 'arPromptTitle'), t(lang, 'arPrompt', { year: suggested }), lang);
  if (typed === null) return;
  runOperation({
    name: (userLang) => t(userLang, 'arPromptTitle'),
    sheetsApi: true,
    run: (locked) => {
      const caller = new Caller(locked.spreadsheet);
      const words = languageOf(locked);
      checkRole('archiveYear', caller, locked, {
        lang: words,
        operation: t(words, 'arPromptTitle'),
      });
      const now = new Date();
      const result = archiveYear(locked, sheetsArchiveTarget(), {
        year: typed === '' ? suggested : typed,
        now,
        today: todayOf(locked, now),
      });
      // A year of rows leaving the live tabs is the largest write Gongfang makes: on the record.
      logOwnWrite(
        locked,
        () =>
          ownWrite('archiveYear', {
            at: auditTime(now, locked.info().timeZone),
            user: caller.email,
            rows: result.moved.pieces + result.moved.adjustments,
            details: t(result.lang, 'auditArchived', {
              year: result.year,
              pieces: result.moved.pieces,
              adjustments: result.moved.adjustments,
              carried: result.carried.pieces + result.carried.adjustments,
              location: result.location,
            }),
          }),
        { lang: result.lang, intoAudit: true },
      );
      return {
        title: t(result.lang, 'arPromptTitle'),
        message: t(result.lang, 'arDone', {
          year: result.year,
          pieces: result.moved.pieces,
          adjustments: result.moved.adjustments,
          carried: result.carried.pieces + result.carried.adjustments,
          location: result.location,
        }),
      };
    },
  });
}

/** Whether the caller may archive; when not, says why in an alert. */
function mayArchive(workbook: SheetsWorkbook, lang: Lang): boolean {
  try {
    const operation = t(lang, 'arPromptTitle');
    checkRole('archiveYear', new Caller(workbook.spreadsheet), workbook, { lang, operation });
    return true;
  } catch (error) {
    if (!isGongfangError(error)) throw error;
    const ui = SpreadsheetApp.getUi();
    ui.alert(t(lang, 'arPromptTitle'), error.render(lang), ui.ButtonSet.OK);
    return false;
  }
}
