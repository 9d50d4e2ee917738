/**
 * The menu item 更新合作单位报表 / Update partner reports, and the same step after Generate when
 * the dialog asks for it. See partnerFiles.ts for how each partner's spreadsheet is written and
 * shared.
 */
import { defaultMonth } from '../domain/months';
import type { MonthKey } from '../domain/records';
import { loadPartnerReports } from '../features/partnerReports';
import { langFromLocale, t } from '../i18n';
import type { Lang } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import {
  FILE_MEMORY_PREFIX,
  describeOutcomes,
  parseMemory,
  spreadsheetIdOf,
  writeLinks,
  writePartner,
} from './partnerFiles';
import type { FileMemory, PartnerOutcome } from './partnerFiles';
import { Caller, checkRole } from './roles';
import { AUDIT_RECORD_PROPERTY, logOwnWrite } from './audit';
import { auditTime, ownWrite } from '../features/audit';
import { languageOf, runOperation } from './run';
import type { SheetsWorkbook } from './sheetsWorkbook';

export interface PartnerRun {
  readonly lang: Lang;
  readonly month: MonthKey;
  readonly outcomes: readonly PartnerOutcome[];
  readonly message: string;
}

/** Builds, writes and shares every wanted partner report; the caller holds the document lock. */
export function updateReports(
  workbook: SheetsWorkbook,
  options: { readonly now: Date; readonly month?: MonthKey; readonly caller: Caller },
): PartnerRun {
  const today = dateInZone(options.now, workbook.info().timeZone);
  if (today === null) throw new Error(`Unknown time zone ${workbook.info().timeZone}`);
  const month = options.month ?? defaultMonth(today);
  const result = loadPartnerReports(workbook, { month, now: options.now, today });
  if (result.reports.length === 0) {
    return { lang: result.lang, month, outcomes: [], message: t(result.lang, 'ptNoneWanted') };
  }
  const properties = PropertiesService.getDocumentProperties();
  const stored = properties.getProperties();
  const memories = new Map<string, FileMemory>();
  for (const [key, text] of Object.entries(stored)) {
    const memory = key.startsWith(FILE_MEMORY_PREFIX) ? parseMemory(text) : null;
    if (memory !== null) memories.set(key.slice(FILE_MEMORY_PREFIX.length), memory);
  }
  const info = workbook.info();
  // 1. Every report written; 2. links and memories saved; 3. only then shared (a sharing
  // failure, a Workspace policy against outside addresses, must not lose the file just made).
  // A row copied to add a partner copies its link: writing both into one file would show one
  // partner the other's figures and share them with both, so neither is written.
  const linked = result.partnersTab.linkCells.map(spreadsheetIdOf);
  const written = result.reports.map((report) => {
    const id = spreadsheetIdOf(report.reportLink);
    const same = linked.flatMap((other, i) => (id && other === id ? [i + 1] : []));
    const refused = same.length > 1 ? t(result.lang, 'ptSameLink', { rows: String(same) }) : null;
    return writePartner(
      // A link Gongfang never wrote (the workshop's own sheet, an archive pasted there) is no
      // report: rewritten and shared, it would show the partner residents. A new file instead.
      memories.has(id ?? '') ? report : { ...report, reportLink: '' },
      memories,
      {
        // Read only when a file is made: an update costs no locale call.
        get locale() {
          return localeFor(report.lang, info.locale);
        },
        timeZone: info.timeZone,
      },
      refused,
    );
  });
  const outcomes = written.map((w) => w.outcome);
  const links = new Map<number, string>();
  result.reports.forEach((report, i) => {
    const outcome = outcomes[i];
    if (outcome && outcome.failed === null) links.set(report.row, outcome.url);
  });
  writeLinks(
    (name) =>
      workbook.knownSheet(name) ?? SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name),
    result,
    links,
  );
  const saved = saveMemories(properties, stored, memories);
  // Asked only when a file was made: the workshop sheet's editors, one call and one an address.
  let editors: string[] | null = null;
  const colleagues = (): readonly string[] =>
    (editors ??= workbook
      .boundSpreadsheet()
      .getEditors()
      .map((user) => user.getEmail().toLowerCase()));
  for (const report of written) report.share?.(colleagues);
  saveMemories(properties, saved, memories);
  const message = describeOutcomes(result.lang, month, outcomes);
  // Files shared with outside addresses and links written in a managers-only column, by script:
  // no trigger sees that, so it logs itself, as Close does. Only while the audit is on (Set up's
  // property, already read): a workshop without it pays no call.
  if (stored[AUDIT_RECORD_PROPERTY] !== undefined) {
    logOwnWrite(
      workbook,
      () =>
        ownWrite('partnerReports', {
          at: auditTime(options.now, info.timeZone),
          user: options.caller.email,
          details: message,
        }),
      { lang: result.lang, intoAudit: true },
    );
  }
  return { lang: result.lang, month, outcomes, message };
}

/** Saves the memories that differ from `stored` (one call, none when nothing changed). */
function saveMemories(
  properties: GoogleAppsScript.Properties.Properties,
  stored: Readonly<Record<string, string>>,
  memories: ReadonlyMap<string, FileMemory>,
): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [id, memory] of memories) {
    const text = JSON.stringify(memory);
    if (stored[FILE_MEMORY_PREFIX + id] !== text) changed[FILE_MEMORY_PREFIX + id] = text;
  }
  if (Object.keys(changed).length > 0) properties.setProperties(changed);
  return { ...stored, ...changed };
}

/**
 * A new report file's locale: the workshop's when the partner reads the same language, else
 * the language's own (it sets how Sheets shows dates and numbers the partner types there).
 */
export function localeFor(lang: Lang, workshopLocale: string): string {
  if (langFromLocale(workshopLocale) === lang) return workshopLocale;
  return lang === 'zh-CN' ? 'zh_CN' : 'en_US';
}

/** Menu: 更新合作单位报表 / Update partner reports (the default month, as Generate offers it). */
export function updatePartnerReports(): void {
  runOperation({
    name: (lang) => t(lang, 'ptReportsTitle'),
    run: (workbook) => {
      const lang = languageOf(workbook);
      const caller = new Caller(workbook.spreadsheet);
      checkRole('partnerReports', caller, workbook, {
        lang,
        operation: t(lang, 'ptReportsTitle'),
      });
      const run = updateReports(workbook, { now: new Date(), caller });
      return { title: t(run.lang, 'ptReportsTitle'), message: run.message };
    },
  });
}
