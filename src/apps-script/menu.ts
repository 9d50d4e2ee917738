/**
 * The 工坊 / Gongfang menu and the functions its items call.
 */
import { checkData as checkLedger, describeCheck } from '../features/checkData';
import { describeSetUp, setUpWorkbook as setUpLedger } from '../features/setUp';
import { type Lang, t } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { correctionsOffer } from './closedMonthCorrections';
import { readAuditTrail } from '../features/audit';
import { whoChangedLines } from '../features/closedMonthAudit';
import { askerIsManager, managersOf } from '../features/roles';
import { rolesApply } from '../domain/roles';
import { Caller, checkRole } from './roles';
import { forgetEditContext } from './onEdit';
import { languageOf, runOperation } from './run';
import { setUpRolesAndAudit } from './setUpRoles';
import { selfTestReport, selfTestResults } from './selfTest';
import { SheetsWorkbook } from './sheetsWorkbook';

/** Function names the menu items call; each is a top-level function of the bundle. */
export const MENU_FUNCTIONS = {
  setUp: 'setUpWorkbook',
  check: 'checkData',
  generate: 'showGenerateMonthDialog',
  close: 'showCloseMonthDialog',
  recordPieces: 'showRecordPiecesSidebar',
  lookUp: 'showResidentLookupSidebar',
  newResident: 'showNewResidentSidebar',
  newOrder: 'showNewOrderSidebar',
  partners: 'updatePartnerReports',
  reopen: 'showReopenMonthDialog',
  selfTest: 'runSelfTest',
  year: 'showYearReportDialog',
  archive: 'showArchiveYearDialog',
} as const;

/**
 * Simple trigger: builds the menu in the spreadsheet locale's language. A simple trigger may
 * not use services that need authorisation; the spreadsheet's own locale and its UI are fine.
 * https://developers.google.com/apps-script/guides/triggers#restrictions
 */
export function onOpen(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const lang = menuLanguage(event);
  SpreadsheetApp.getUi()
    .createMenu(t(lang, 'menuTitle'))
    .addItem(t(lang, 'menuRecordPieces'), MENU_FUNCTIONS.recordPieces)
    .addItem(t(lang, 'menuLookUp'), MENU_FUNCTIONS.lookUp)
    .addItem(t(lang, 'menuNewResident'), MENU_FUNCTIONS.newResident)
    .addItem(t(lang, 'menuNewOrder'), MENU_FUNCTIONS.newOrder)
    .addSeparator()
    .addItem(t(lang, 'menuSetUp'), MENU_FUNCTIONS.setUp)
    .addItem(t(lang, 'menuCheck'), MENU_FUNCTIONS.check)
    .addSeparator()
    .addItem(t(lang, 'menuGenerate'), MENU_FUNCTIONS.generate)
    .addItem(t(lang, 'menuClose'), MENU_FUNCTIONS.close)
    .addItem(t(lang, 'reopenMenu'), MENU_FUNCTIONS.reopen)
    .addSeparator()
    .addItem(t(lang, 'menuYear'), MENU_FUNCTIONS.year)
    .addItem(t(lang, 'menuArchive'), MENU_FUNCTIONS.archive)
    .addSeparator()
    .addItem(t(lang, 'menuPartners'), MENU_FUNCTIONS.partners)
    .addSeparator()
    .addItem(t(lang, 'menuSelfTest'), MENU_FUNCTIONS.selfTest)
    .addToUi();
}

/** Installing as an add-on runs onInstall, not onOpen, for the open document. */
export function onInstall(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  onOpen(event);
}

/** The one language decision (run.ts), Settings' Language first, as every dialog makes it. */
function menuLanguage(event?: GoogleAppsScript.Events.SheetsOnOpen): Lang {
  try {
    const spreadsheet = event?.source ?? SpreadsheetApp.getActiveSpreadsheet();
    return languageOf(new SheetsWorkbook(spreadsheet));
  } catch {
    // Without access to the document (an add-on not yet enabled in it), Chinese is the default.
    return 'zh-CN';
  }
}

export function setUpWorkbook(): void {
  runOperation({
    name: (lang) => t(lang, 'menuSetUp'),
    run: (workbook) => {
      // Only a manager may set up: it applies the protections and turns the audit on.
      const caller = new Caller(workbook.spreadsheet);
      const lang = languageOf(workbook);
      checkRole('setUp', caller, workbook, { lang, operation: t(lang, 'menuSetUp') });
      const result = setUpLedger(workbook);
      const roles = setUpRolesAndAudit(workbook, result.lang, caller);
      // Tabs, headers and Settings may be new: the checks while typing read them again.
      forgetEditContext();
      return {
        title: t(result.lang, 'setupTitle'),
        message: [describeSetUp(result), '', ...roles].join('\n'),
      };
    },
  });
}

/**
 * Check data, and the correction rows of closed months that changed: when there are some, the
 * report's dialog asks Yes/No, and only Yes writes them (a follow-up that takes the lock).
 */
export function checkData(): void {
  runOperation({
    name: (lang) => t(lang, 'menuCheck'),
    // Check data writes only its own marks on source tabs, which no other operation writes, and
    // a second check at the same time writes the same marks: it need not wait for the lock
    // (and staff can check while a colleague generates a month).
    lock: false,
    run: (workbook) => {
      const today = dateInZone(new Date(), workbook.info().timeZone);
      if (today === null) throw new Error(`Unknown time zone ${workbook.info().timeZone}`);
      const report = checkLedger(workbook, { today });
      const title = t(report.lang, 'checkTitle');
      const message = [describeCheck(report), ...auditNotes(workbook, report)].join('\n');
      const offer = correctionsOffer(report, today);
      if (offer === null) return { title, message };
      // Correction rows are pay (managers only): a helper is told who writes them rather than
      // asked a question whose Yes would be refused.
      const managers = managersOf(workbook);
      if (!askerIsManager(new Caller(workbook.spreadsheet), managers)) {
        const names = managers.join(report.lang === 'zh-CN' ? '、' : ', ');
        const note = t(report.lang, 'correctionsForManagers', { managers: names });
        return { title, message: `${message}\n\n${note}` };
      }
      return { title, message: `${message}\n\n${offer.question}`, followUp: offer.followUp };
    },
  });
}

/**
 * Under Check data's report: who changed each changed closed month and when (from the audit,
 * read only when a closed month changed), and, while no managers are listed, that nothing is
 * protected (docs/roles.md).
 */
function auditNotes(workbook: SheetsWorkbook, report: ReturnType<typeof checkLedger>): string[] {
  const notes: string[] = [];
  if (report.closedMonths.length > 0) {
    notes.push('', ...whoChangedLines(report.closedMonths, readAuditTrail(workbook), report.lang));
  }
  if (!rolesApply(managersOf(workbook))) notes.push('', t(report.lang, 'rolesNone'));
  return notes;
}

/**
 * 自检 / Self-test: compares Google's behaviour with the emulator's on a scratch tab it removes
 * (selfTest.ts). It writes nothing else, so it needs no lock.
 */
export function runSelfTest(): void {
  runOperation({
    name: (lang) => t(lang, 'menuSelfTest'),
    lock: false,
    run: (workbook) => {
      const lang = languageOf(workbook);
      const results = selfTestResults(SpreadsheetApp.getActiveSpreadsheet());
      return { title: t(lang, 'selfTestTitle'), message: selfTestReport(results, lang) };
    },
  });
}
