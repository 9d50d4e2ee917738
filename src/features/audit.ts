/**
 * The 审计 / Audit tab through the port: its rows in the sheet's language, appending entries
 * (creating the tab when needed), and reading them back for the closed-month report. The
 * entries themselves are made by the shells (the audit trigger in Sheets, the file change log
 * on .xlsx) and by Gongfang's own writes (ownWrite).
 *
 *   appendAudit(workbook, [ownWrite('close', { at, user, lang, tab: closings, details })], lang);
 */
import { type AuditAction, type AuditEntry, type AuditFlag, shortValue } from '../domain/audit';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../workbook/cells';
import {
  AUDIT,
  AUDIT_ACTIONS,
  AUDIT_FLAGS,
  AUDIT_INBOX,
  type TabSpec,
  findTerm,
  labelOf,
  namesOf,
} from '../workbook/layout';
import { NUMBER_FORMATS, type TabContents, type TabSetup, type Workbook } from '../workbook/port';
import { matchHeaders } from '../workbook/tables';
import { fittedOrientation } from './reports/print';

/** The words of an entry, in AUDIT's column order. */
export function auditCells(entry: AuditEntry, lang: Lang): CellValue[] {
  return [
    entry.at,
    entry.user === '' ? t(lang, 'auditUnknownUser') : entry.user,
    actionLabel(entry.action, lang),
    entry.tab,
    entry.range,
    entry.rows === 0 ? '' : entry.rows,
    entry.record,
    shortValue(entry.before),
    shortValue(entry.after),
    flagsText(entry.flags, entry.closedMonths, lang),
    entry.details,
  ];
}

/** One format per column: text everywhere (an old value 007 stays 007), the row count a number. */
export const AUDIT_FORMATS: readonly string[] = AUDIT.columns.map((column) =>
  column.key === 'rows' ? NUMBER_FORMATS.wholeNumber : NUMBER_FORMATS.text,
);

/**
 * Columns whose text wraps within its column: a long old or new value, a tab's name in both
 * languages, the Details. Unwrapped, they ran over their empty neighbours and printed cut at
 * the next filled cell, mid-character, against its text (LibreOffice, Excel, WPS).
 */
const WRAPPED_AUDIT_COLUMNS: ReadonlySet<string> = new Set([
  'user',
  'action',
  'tab',
  'record',
  'before',
  'after',
  'flags',
  'details',
]);
/** Pure: only an .xlsx's writer reads it, so Code.js, which never does, leaves it out. */
export const AUDIT_WRAPS: readonly boolean[] = /* @__PURE__ */ AUDIT.columns.map((column) =>
  WRAPPED_AUDIT_COLUMNS.has(column.key),
);

export function actionLabel(action: AuditAction, lang: Lang): string {
  const term = AUDIT_ACTIONS.find((candidate) => candidate.key === action);
  return term === undefined ? action : labelOf(term, lang);
}

export function flagsText(
  flags: readonly AuditFlag[],
  closedMonths: readonly string[],
  lang: Lang,
): string {
  const separator = lang === 'zh-CN' ? '、' : ', ';
  return flags
    .map((flag) => {
      const term = AUDIT_FLAGS.find((candidate) => candidate.key === flag);
      const label = term === undefined ? flag : labelOf(term, lang);
      return flag === 'closedMonth' && closedMonths.length > 0
        ? `${label} ${closedMonths.join(separator)}`
        : label;
    })
    .join(separator);
}

/** What Set up asks of an audit tab (Audit, its archive or its inbox): headers, text formats. */
export function auditTabSetup(spec: TabSpec, lang: Lang, name = labelOf(spec, lang)): TabSetup {
  const widths = AUDIT.columns.map((column) => AUDIT_WIDTHS[column.key] ?? 100);
  return {
    name,
    create: true,
    newHeaders: AUDIT.columns.map((column, i) => ({ column: i + 1, text: labelOf(column, lang) })),
    headerWidth: AUDIT.columns.length,
    columns: AUDIT.columns.map((column, i) => ({
      column: i + 1,
      numberFormat: AUDIT_FORMATS[i] ?? NUMBER_FORMATS.text,
      width: widths[i],
      // Set up's wraps (Sheets; an .xlsx wraps AUDIT_WRAPS as it writes): the long old and new
      // values only. Details, the last column, runs on into the empty ones beside it, and the
      // others keep Sheets' 100 px or hold short text: wrapped, they made rows five lines tall.
      wrap: column.key === 'before' || column.key === 'after',
    })),
    protectionDescription: t(lang, 'auditProtection'),
    // An auditor's printout: every column of a change on one page (landscape), header on each.
    printFitted: fittedOrientation(widths),
  };
}

/** Sheets applies widths past its 100 px default from 150 px (SheetsWorkbook): the wide ones. */
const AUDIT_WIDTHS: Readonly<Record<string, number>> = {
  time: 160,
  // An address on one line (the column wraps, but seldom needs to).
  user: 210,
  // "changed in the file", "removed in the file" (.xlsx); Sheets keeps its 100 px default.
  action: 140,
  // 工资条 2026-11 on one line.
  tab: 110,
  range: 80,
  rows: 50,
  record: 100,
  // Old and new values run to 500 characters (AUDIT_VALUE_LIMIT): wrapped, they need the room.
  before: 180,
  after: 180,
  flags: 160,
  details: 280,
};

/**
 * Appends entries to the Audit tab (or, for a writer who may not write there, its inbox),
 * creating the tab first when the workbook has none. One write, whatever the number of entries.
 */
export function appendAudit(
  workbook: Workbook,
  entries: readonly AuditEntry[],
  lang: Lang,
  where: 'audit' | 'inbox' = 'audit',
): void {
  if (entries.length === 0) return;
  const spec = where === 'audit' ? AUDIT : AUDIT_INBOX;
  const found = workbook.readTab(namesOf(spec), { exactName: true });
  const name = found?.name ?? labelOf(spec, lang);
  if (found === null) workbook.setUpTabs([auditTabSetup(spec, lang, name)]);
  workbook.appendRows(
    name,
    entries.map((entry) => auditCells(entry, lang)),
    AUDIT_FORMATS,
    AUDIT_WRAPS,
  );
}

/** An audit row as read back: enough to say who changed which rows, and when. */
export interface AuditRecord {
  readonly at: string;
  readonly user: string;
  readonly action: AuditAction | null;
  readonly tab: string;
  readonly range: string;
  readonly rows: number;
  readonly record: string;
  readonly before: string;
  readonly after: string;
  readonly flags: string;
}

/** The rows of an audit tab (Audit, archive or inbox), oldest first; [] without a header. */
export function readAuditRows(contents: TabContents | null): AuditRecord[] {
  if (contents === null) return [];
  const [header, ...rows] = contents.values;
  const match = matchHeaders(AUDIT, header);
  if (!match.headerRow) return [];
  const cell = (row: readonly CellValue[], key: keyof typeof match.columns): string => {
    const column = match.columns[key];
    const value = column === undefined ? '' : row[column - 1];
    return value === undefined || value === null ? '' : String(value).trim();
  };
  return rows
    .filter((row) => cell(row, 'time') !== '')
    .map((row) => ({
      at: cell(row, 'time'),
      user: cell(row, 'user'),
      action: findTerm(AUDIT_ACTIONS, cell(row, 'action'))?.key ?? null,
      tab: cell(row, 'tab'),
      range: cell(row, 'range'),
      rows: Number(cell(row, 'rows')) || 0,
      record: cell(row, 'record'),
      before: cell(row, 'before'),
      after: cell(row, 'after'),
      flags: cell(row, 'flags'),
    }));
}

/** An entry not yet written, as it will read back. */
export function asRecord(entry: AuditEntry, lang: Lang): AuditRecord {
  return {
    at: entry.at,
    user: entry.user === '' ? t(lang, 'auditUnknownUser') : entry.user,
    action: entry.action,
    tab: entry.tab,
    range: entry.range,
    rows: entry.rows,
    record: entry.record,
    before: shortValue(entry.before),
    after: shortValue(entry.after),
    flags: flagsText(entry.flags, entry.closedMonths, lang),
  };
}

/** Every audit row the workbook holds: the Audit tab and what waits in its inbox. */
export function readAuditTrail(workbook: Workbook): AuditRecord[] {
  const rows = [
    ...readAuditRows(workbook.readTab(namesOf(AUDIT), { exactName: true })),
    ...readAuditRows(workbook.readTab(namesOf(AUDIT_INBOX), { exactName: true })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The entry of one of Gongfang's own writes: no old or new value, no flags unless given. */
export function ownWrite(
  action: AuditAction,
  fields: Pick<AuditEntry, 'at' | 'user'> & Partial<Omit<AuditEntry, 'action'>>,
): AuditEntry {
  return {
    tab: '',
    range: '',
    rows: 0,
    record: '',
    before: '',
    after: '',
    flags: [],
    closedMonths: [],
    details: '',
    ...fields,
    action,
  };
}

/** "(old → new)", "(was: old)" for a row removed, "(now: new)" for one added; '' for neither. */
export function changeWords(before: string, after: string, lang: Lang): string {
  if (before !== '' && after === '') return t(lang, 'auditWas', { before });
  if (before === '' && after !== '') return t(lang, 'auditNow', { after });
  if (before === '' && after === '') return '';
  return t(lang, 'auditChange', { before, after });
}

/** YYYY-MM-DD HH:MM:SS in `timeZone`: audit times sort as text. */
export function auditTime(moment: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
