/**
 * The edit audit in Sheets (docs/roles.md): two installable triggers that Set up creates when a
 * manager runs it — auditEdit (on edit) and auditChange (on change: rows inserted or removed) —
 * and the log of Gongfang's own writes. Each trigger event appends one row to 审计 / Audit.
 *
 * Installable triggers "always run under the account of the person who created them", so the
 * trigger may write the Audit tab that only managers may edit; "Script executions and API
 * requests do not cause triggers to run", so Gongfang's own writes log themselves: a manager's
 * operation into Audit, anyone else's (a sidebar) into the hidden 审计待录 / Audit inbox, which
 * the next trigger event moves into Audit.
 * https://developers.google.com/apps-script/guides/triggers/installable#restrictions
 * https://developers.google.com/apps-script/guides/triggers/events
 *
 * Limits kept: nothing thrown out of a handler (an error is logged, the edit stands); one append
 * per event, a paste being one row with its range and row count; Audit past AUDIT_ROW_LIMIT rows
 * moves its oldest half to 审计存档 / Audit archive, deleting nothing.
 */
import { type AuditEntry, rowsToArchive } from '../domain/audit';
import { askerIsManager } from '../features/roles';
import { AUDIT_FORMATS, auditCells, auditTabSetup, auditTime, ownWrite } from '../features/audit';
import { editEntry } from '../features/editAudit';
import { type EditContext, ledgerTabOf } from '../features/editCheck';
import { type Lang, t } from '../i18n';
import type { CellValue } from '../workbook/cells';
import {
  AUDIT,
  AUDIT_ARCHIVE,
  AUDIT_INBOX,
  AUDIT_ROW_LIMIT,
  CLOSINGS,
  SETTINGS,
  type TabSpec,
  labelOf,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import { AUDIT_CONTEXT_KEY, editContextOf, forgetEditContext, positionOf } from './onEdit';
import { permissionMessage } from './permissions';
import type { Caller } from './roles';
import type { SheetsWorkbook } from './sheetsWorkbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The handlers' names, as the triggers call them (each is a top-level function of the bundle). */
export const AUDIT_HANDLERS = { edit: 'auditEdit', change: 'auditChange' } as const;

/** Document property: which manager's triggers run the audit, and their IDs. */
export const AUDIT_RECORD_PROPERTY = 'gongfang.audit';

interface AuditRecordProperty {
  readonly owner: string;
  readonly triggers: readonly string[];
  /** Whether Set up last left managers-only protections (so lifting them has work to do). */
  readonly protected?: boolean;
}

const LOCK_MS = 5000;

// ---- the triggers ----

/** Installable on-edit trigger: one Audit row per edit or paste. */
export function auditEdit(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    if (event?.range) recordEdit(event);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

/** Installable on-change trigger: one Audit row per rows inserted or removed. */
export function auditChange(event?: GoogleAppsScript.Events.SheetsOnChange): void {
  try {
    // Columns inserted or removed move those the kept contexts know, and no edit says so:
    // forgotten (the checks' too), or edits were read one column off for up to 6 hours.
    if (/COLUMN/.test(event?.changeType ?? '')) forgetEditContext();
    else if (event?.changeType === 'INSERT_ROW' || event?.changeType === 'REMOVE_ROW') {
      recordRows(event);
    }
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

function recordEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = event.range.getSheet();
  const tabName = sheet.getName();
  // Edits of the audit's own tabs are recorded too: a manager's hand there is seen.
  const at = positionOf(event.range);
  const spreadsheet = event.source;
  let context = auditContextOf(spreadsheet);
  const key = ledgerTabOf(tabName);
  const known = (c: AuditContext): boolean =>
    key === null || key === 'settings' || c.tabs[key]?.name === undefined
      ? key === 'settings'
      : normalizeName(c.tabs[key]?.name ?? '') === normalizeName(tabName);
  // A tab renamed to another of its names (计件 → Pieces) fires no edit: built again, once a
  // minute at most, as the checks' context is; before, its edits lost record and flags for hours.
  if (key !== null && !known(context) && Date.now() - context.builtAt > 60_000) {
    forgetEditContext();
    context = auditContextOf(spreadsheet);
  }
  const tab = known(context) ? key : null;
  const width = tab !== null && tab !== 'settings' ? (context.tabs[tab]?.header.length ?? 0) : 2;
  const values =
    tab !== null && at.row > 1
      ? (sheet.getRange(at.row, 1, at.numRows, Math.max(1, width)).getValues() as CellValue[][])
      : [];
  const entry = editEntry(
    context,
    {
      tab,
      tabName,
      ...at,
      values,
      value: event.value as string | undefined,
      oldValue: event.oldValue as string | undefined,
    },
    { at: auditTime(new Date(), context.timeZone), user: userOf(event.user) },
  );
  writeEntries(spreadsheet, [entry], context);
  // A new language, header or setting: the kept context is built again at the next event.
  if (key === 'settings' || at.row === 1)
    CacheService.getDocumentCache()?.remove(AUDIT_CONTEXT_KEY);
}

/**
 * What the audit needs of the edit context (language, zone, columns, closed months), kept
 * apart in the cache: the checks while typing forget theirs after every edit of Residents,
 * Partners or Orders (their IDs changed), which this does not depend on. Built from the full
 * context when missing; forgotten with it by Generate, Close and Reopen (forgetEditContext).
 */
type AuditContext = Pick<EditContext, 'lang' | 'timeZone' | 'tabs' | 'closedMonths' | 'builtAt'>;

function auditContextOf(spreadsheet: Spreadsheet): AuditContext {
  const cache = CacheService.getDocumentCache();
  const text = cache?.get(AUDIT_CONTEXT_KEY) ?? null;
  if (text !== null) {
    try {
      // The zone is read every time: changing it (File › Settings) fires no event that could
      // forget the kept context, and Audit's times stayed in the old zone for up to 6 hours.
      const timeZone = spreadsheet.getSpreadsheetTimeZone();
      return { ...(JSON.parse(text) as AuditContext), timeZone };
    } catch {
      // Built again below.
    }
  }
  const { lang, timeZone, tabs, closedMonths, builtAt } = editContextOf(spreadsheet);
  const context: AuditContext = { lang, timeZone, tabs, closedMonths, builtAt };
  try {
    cache?.put(AUDIT_CONTEXT_KEY, JSON.stringify(context), CONTEXT_SECONDS);
  } catch (error) {
    console.warn(error instanceof Error ? error.message : String(error));
  }
  return context;
}

/** The cache's longest: forgotten sooner by the operations that change it. */
const CONTEXT_SECONDS = 21_600;

function recordRows(event: GoogleAppsScript.Events.SheetsOnChange): void {
  const spreadsheet = event.source;
  // A change event names no range: the sheet and selection are the editor's.
  const sheet = spreadsheet.getActiveSheet();
  const tabName = sheet.getName();
  const a1 = spreadsheet.getActiveRange()?.getA1Notation() ?? '';
  const match = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/.exec(a1);
  const first = Number(match?.[1] ?? 0);
  const last = Number(match?.[2] ?? first);
  const context = auditContextOf(spreadsheet);
  const entry = ownWrite(event.changeType === 'INSERT_ROW' ? 'insertRows' : 'removeRows', {
    at: auditTime(new Date(), context.timeZone),
    user: userOf(event.user),
    tab: tabName,
    range: first > 0 ? `${first}:${last}` : '',
    rows: first > 0 ? last - first + 1 : 0,
  });
  writeEntries(spreadsheet, [entry], context);
}

/** "unknown (outside the domain)" is written for ''. */
function userOf(user: GoogleAppsScript.Base.User | undefined): string {
  try {
    return user?.getEmail() ?? '';
  } catch {
    return '';
  }
}

/**
 * One append per event (Sheet.appendRow, which adds below the data and so cannot collide with a
 * colleague's event), unless the inbox holds entries: then, under the document lock, they and
 * this one go in one write and leave the inbox. Audit past its limit is archived.
 */
function writeEntries(
  spreadsheet: Spreadsheet,
  entries: readonly AuditEntry[],
  context: Pick<EditContext, 'lang'>,
): void {
  const lang = context.lang;
  let audit = sheetNamed(spreadsheet, AUDIT, lang);
  const restart: AuditEntry[] = [];
  if (audit === null) {
    // Deleted or renamed (warning-only while there are no managers, a tidy-up could): made
    // again, protected as Closings (or Settings: no month closed yet) are, a first row saying
    // the log starts again. Before, every edit from then on was dropped, unsaid.
    const like = sheetNamed(spreadsheet, CLOSINGS, lang) ?? sheetNamed(spreadsheet, SETTINGS, lang);
    audit = auditSheet(spreadsheet, AUDIT, lang, like);
    // Every caller passes its event's entry.
    restart.push(ownWrite('logRestarted', { at: (entries[0] as AuditEntry).at, user: '—' }));
  }
  const rows = [...restart, ...entries].map((entry) => auditCells(entry, lang));
  const inbox = sheetNamed(spreadsheet, AUDIT_INBOX, lang);
  const waiting = inbox === null ? 0 : Math.max(0, inbox.getLastRow() - 1);
  const lock = waiting > 0 ? LockService.getDocumentLock() : null;
  if (inbox !== null && lock !== null && lock.tryLock(LOCK_MS)) {
    try {
      const held = inbox.getRange(2, 1, waiting, AUDIT.columns.length).getValues() as CellValue[][];
      appendBlock(audit, [...held, ...rows]);
      inbox.deleteRows(2, waiting);
    } finally {
      SpreadsheetApp.flush();
      lock.releaseLock();
    }
  } else {
    for (const row of rows) audit.appendRow(row.map(asText));
  }
  archiveIfLong(spreadsheet, audit, lang);
}

function sheetNamed(spreadsheet: Spreadsheet, spec: TabSpec, lang: Lang): Sheet | null {
  const mine = labelOf(spec, lang);
  const other = labelOf(spec, lang === 'zh-CN' ? 'en' : 'zh-CN');
  return spreadsheet.getSheetByName(mine) ?? spreadsheet.getSheetByName(other);
}

/**
 * A value as text that stays text: an apostrophe first ("'007", "'=1+1"), which Sheets keeps
 * out of the value. https://support.google.com/docs/answer/56470
 */
function asText(cell: CellValue): CellValue {
  return typeof cell === 'string' && cell !== '' ? `'${cell}` : cell;
}

function appendBlock(sheet: Sheet, rows: readonly (readonly CellValue[])[]): void {
  if (rows.length === 0) return;
  const width = AUDIT.columns.length;
  const first = sheet.getLastRow() + 1;
  if (first + rows.length - 1 > sheet.getMaxRows()) {
    sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - 1 - sheet.getMaxRows());
  }
  sheet
    .getRange(first, 1, rows.length, width)
    .setValues(rows.map((row) => Array.from({ length: width }, (_, i) => asText(row[i] ?? ''))));
}

/** Past AUDIT_ROW_LIMIT rows, the oldest move to the archive (created like Audit): none deleted. */
function archiveIfLong(spreadsheet: Spreadsheet, audit: Sheet, lang: Lang): void {
  const rows = audit.getLastRow() - 1;
  const moving = rowsToArchive(rows, AUDIT_ROW_LIMIT);
  if (moving === 0) return;
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_MS)) return;
  try {
    const archive =
      sheetNamed(spreadsheet, AUDIT_ARCHIVE, lang) ??
      auditSheet(spreadsheet, AUDIT_ARCHIVE, lang, audit);
    const oldest = audit.getRange(2, 1, moving, AUDIT.columns.length).getValues() as CellValue[][];
    appendBlock(archive, oldest);
    audit.deleteRows(2, moving);
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/** An audit tab made by the trigger (the archive; Audit deleted), protected as `like`. */
function auditSheet(
  spreadsheet: Spreadsheet,
  spec: TabSpec,
  lang: Lang,
  like: Sheet | null,
): Sheet {
  const sheet = spreadsheet.insertSheet(labelOf(spec, lang), spreadsheet.getNumSheets());
  sheet
    .getRange(1, 1, 1, AUDIT.columns.length)
    .setValues([AUDIT.columns.map((column) => labelOf(column, lang))]);
  sheet.setFrozenRows(1);
  if (like !== null) copyProtection(like, sheet, lang);
  return sheet;
}

/**
 * Protected as `from` is (same editors, or warning-only), in the audit's own words: an Audit
 * made again from Closings' protection would otherwise show Closings' description.
 */
function copyProtection(from: Sheet, to: Sheet, lang: Lang): void {
  const [source] = from.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  if (source === undefined) return;
  const target = to.protect().setDescription(t(lang, 'auditProtection'));
  if (source.isWarningOnly()) {
    target.setWarningOnly(true);
    return;
  }
  const editors = source.getEditors();
  target.addEditors(editors.map((user) => user.getEmail()));
  target.removeEditors(
    target.getEditors().filter((user) => !editors.some((e) => e.getEmail() === user.getEmail())),
  );
}

// ---- turning it on (Set up) ----

/**
 * Makes the Audit tab and its hidden inbox, and this manager's two triggers, unless another
 * manager's already run it. Returns the line for Set up's report.
 */
export function turnOnAudit(
  spreadsheet: Spreadsheet,
  workbook: SheetsWorkbook,
  options: {
    readonly lang: Lang;
    readonly caller: Caller;
    readonly managers: readonly string[];
    /** Whether managers-only protections are in force after this Set up. */
    readonly protecting: boolean;
  },
): { readonly line: string; readonly wasProtected: boolean } {
  const { lang, caller } = options;
  const properties = PropertiesService.getDocumentProperties();
  const record = parseRecord(properties.getProperty(AUDIT_RECORD_PROPERTY));
  // Versions before roles never made a managers-only protection: none to lift then.
  const wasProtected = record?.protected === true;
  const save = (next: AuditRecordProperty): void => {
    if (JSON.stringify(next) !== JSON.stringify(record)) {
      properties.setProperty(AUDIT_RECORD_PROPERTY, JSON.stringify(next));
    }
  };
  try {
    ensureAuditTabs(workbook, lang);
    const me = caller.email;
    if (
      record !== null &&
      record.owner !== '' &&
      record.owner !== me &&
      askerIsManager({ email: record.owner, owner: caller.owner }, options.managers)
    ) {
      save({ ...record, protected: options.protecting });
      return { line: t(lang, 'auditOnElsewhere', { owner: record.owner }), wasProtected };
    }
    const uids = ensureTriggers(spreadsheet);
    save({ owner: me, triggers: uids, protected: options.protecting });
    const owner = me === '' ? t(lang, 'auditUnknownUser') : me;
    return { line: t(lang, 'auditOn', { owner }), wasProtected };
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const permission = permissionMessage(error, t(lang, 'menuSetUp'), lang);
    const detail = permission ?? (error instanceof Error ? error.message : String(error));
    return { line: t(lang, 'auditFailed', { detail }), wasProtected };
  }
}

function parseRecord(text: string | null): AuditRecordProperty | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<AuditRecordProperty>;
    return typeof parsed.owner === 'string' && Array.isArray(parsed.triggers)
      ? {
          owner: parsed.owner,
          triggers: parsed.triggers.map(String),
          ...(typeof parsed.protected === 'boolean' ? { protected: parsed.protected } : {}),
        }
      : null;
  } catch {
    return null;
  }
}

/** Audit (protected like Closings until roles make it managers-only) and its hidden inbox. */
function ensureAuditTabs(workbook: SheetsWorkbook, lang: Lang): void {
  if (workbook.tabName(namesOf(AUDIT), { exactName: true }) === null) {
    workbook.setUpTabs([auditTabSetup(AUDIT, lang)]);
  }
  if (workbook.tabName(namesOf(AUDIT_INBOX), { exactName: true }) === null) {
    // Unprotected (anyone's operation writes it) and hidden: no widths or wraps to set either.
    const { protectionDescription: _unprotected, ...inbox } = auditTabSetup(AUDIT_INBOX, lang);
    const columns = inbox.columns.map(({ width: _width, wrap: _wrap, ...column }) => column);
    workbook.setUpTabs([{ ...inbox, columns }]);
    workbook.knownSheet(inbox.name)?.hideSheet();
  }
}

/** This user's edit and change triggers for the audit: made when missing, duplicates removed. */
function ensureTriggers(spreadsheet: Spreadsheet): string[] {
  const id = spreadsheet.getId();
  const mine = ScriptApp.getProjectTriggers().filter(
    (trigger) => trigger.getTriggerSourceId() === id,
  );
  const uids: string[] = [];
  for (const [handler, make] of [
    [
      AUDIT_HANDLERS.edit,
      () => ScriptApp.newTrigger(AUDIT_HANDLERS.edit).forSpreadsheet(spreadsheet).onEdit().create(),
    ],
    [
      AUDIT_HANDLERS.change,
      () =>
        ScriptApp.newTrigger(AUDIT_HANDLERS.change).forSpreadsheet(spreadsheet).onChange().create(),
    ],
  ] as const) {
    const [kept, ...extra] = mine.filter((trigger) => trigger.getHandlerFunction() === handler);
    for (const duplicate of extra) ScriptApp.deleteTrigger(duplicate);
    uids.push((kept ?? make()).getUniqueId());
  }
  return uids;
}

// ---- Gongfang's own writes ----

/**
 * Logs one of Gongfang's own writes: into Audit when the person may write there (a manager, or
 * anyone while no roles apply), else into the inbox. Nothing when the audit is off (no such
 * tab). Never fails the operation: an error is logged.
 */
export function logOwnWrite(
  workbook: SheetsWorkbook,
  entry: () => AuditEntry,
  options: { readonly lang: Lang; readonly intoAudit: boolean },
): void {
  try {
    const spec = options.intoAudit ? AUDIT : AUDIT_INBOX;
    // By its name in the sheet's language only (one lookup): Set up made it so.
    const name = workbook.tabName([labelOf(spec, options.lang)], { exactName: true });
    if (name === null) return;
    workbook.appendRows(name, [auditCells(entry(), options.lang)], AUDIT_FORMATS);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
