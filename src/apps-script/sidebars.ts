/**
 * The daily sidebars in Sheets: the menu callbacks that open them, and the endpoints their pages
 * call through google.script.run. Every payload is parsed with zod before use (the page is not
 * trusted); anything that writes holds the document lock; answers are plain data, and a refusal
 * or a busy lock is an answer, not an exception.
 */
import * as z from 'zod/mini';
import type { IsoDate } from '../domain/records';
import { MAX_LINES_PER_SUBMIT } from '../domain/limits';
import { isGongfangError } from '../features/errors';
import { sheetLanguage } from '../features/monthData';
import {
  type NewOrderInput,
  type NewOrderView,
  addOrder,
  newOrderView,
} from '../features/newOrder';
import {
  type NewResidentInput,
  type NewResidentView,
  type SaveOutcome,
  addResident,
  newResidentView,
} from '../features/newResident';
import {
  type PiecesBatch,
  type RecordPiecesView,
  type SubmitOutcome,
  type UndoOutcome,
  recordPiecesView,
  submitPieces,
  type WrittenLine,
  undoPieces,
} from '../features/recordPieces';
import {
  type LookUpView,
  type ResidentCard,
  lookUpResident,
  lookUpView,
} from '../features/residentLookup';
import { type Lang, type MessageKey, langFromLocale, t } from '../i18n';
import { dateInZone } from '../workbook/codecs';
import { LOCK_WAIT_MS, alertMissingPermission, googleFailureText } from './run';
import { SheetsWorkbook, type SourceWrite } from './sheetsWorkbook';
import { sidebarMemory } from './sidebarMemory';
import type { Action } from '../domain/roles';
import { type AuditAction, type AuditFlag, shortValue } from '../domain/audit';
import { AUDIT_FORMATS, auditCells, auditTime, ownWrite } from '../features/audit';
import { readAhead } from '../features/candidateRows';
import { AUDIT_INBOX, labelOf } from '../workbook/layout';
import { Caller, checkRole } from './roles';

/** Page names: src/ui/<name>/ is built into <name>.html. */
const SIDEBAR_PAGES = {
  record: 'record-pieces',
  lookUp: 'resident-lookup',
  newResident: 'new-resident',
  newOrder: 'new-order',
} as const;

export type SidebarReply<T> =
  | { ok: true; lang: Lang; value: T }
  | { ok: false; lang: Lang; message: string; busy: boolean; refused?: boolean };

/**
 * Through the Sheets advanced service where it is enabled: a sidebar's tabs in one read and its
 * writes in one call (docs/sidebars.md, "Service calls"); SpreadsheetApp otherwise.
 */
function workbookNow(): SheetsWorkbook {
  return new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet(), { sheetsApi: true });
}

function todayOf(workbook: SheetsWorkbook): IsoDate {
  const now = new Date();
  return dateInZone(now, workbook.info().timeZone) ?? now.toISOString().slice(0, 10);
}

function failed<T>(error: unknown, lang: Lang): SidebarReply<T> {
  if (isGongfangError(error)) {
    // Refused by the workshop's rules (only managers may…), not a failure to read the sheet.
    const message = t(lang, error.key, ...error.params);
    return { ok: false, lang, message, busy: false, refused: true };
  }
  console.error(error);
  const detail = error instanceof Error ? error.message : String(error);
  const message = googleFailureText(detail, lang) ?? t(lang, 'unexpected', { detail });
  return { ok: false, lang, message, busy: false };
}

/** Reads only: no lock (a colleague's write never leaves a half-written row to read). */
function reading<T>(
  job: (workbook: SheetsWorkbook) => T & { lang: Lang },
  workbook: SheetsWorkbook = workbookNow(),
): SidebarReply<T> {
  try {
    const value = job(workbook);
    return { ok: true, lang: value.lang, value };
  } catch (error) {
    return failed(error, safeLanguage(workbook));
  }
}

/**
 * Holding the document lock; a colleague's run means "busy", nothing written. The lock is
 * released when the execution ends, after the writes are committed; the job is the last thing
 * this execution does. https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
 */
function writing<T>(
  job: (workbook: SheetsWorkbook) => T & { lang: Lang },
  workbook: SheetsWorkbook = workbookNow(),
): SidebarReply<T> {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const lang = safeLanguage(workbook);
    return { ok: false, lang, message: t(lang, 'busy'), busy: true };
  }
  return reading(job, workbook);
}

function safeLanguage(workbook: SheetsWorkbook): Lang {
  try {
    return sheetLanguage(workbook);
  } catch {
    return 'zh-CN';
  }
}

/**
 * A managers-only endpoint (docs/roles.md): the role is checked on the server before the job,
 * from the same read of the tabs the job makes (Settings holds the managers), so the check
 * costs no call while no managers are listed, and the person's address (2 calls) when some are.
 */
function managersOnly<T>(
  action: Action,
  title: 'sbNewOrderTitle',
  tabs: Parameters<typeof readAhead>[1],
  job: (workbook: SheetsWorkbook) => T & { lang: Lang },
): (workbook: SheetsWorkbook) => T & { lang: Lang } {
  return (workbook) => {
    readAhead(workbook, tabs);
    const lang = safeLanguage(workbook);
    checkRole(action, callerOf(workbook), workbook, { lang, operation: t(lang, title) });
    return job(workbook);
  };
}

const callers = new WeakMap<SheetsWorkbook, Caller>();

/** One Caller per workbook (one per execution): the address is asked for once. */
function callerOf(workbook: SheetsWorkbook): Caller {
  let caller = callers.get(workbook);
  if (caller === undefined) callers.set(workbook, (caller = new Caller(workbook.spreadsheet)));
  return caller;
}

/**
 * Gongfang's own write of this endpoint is logged in the audit's inbox, in the same write
 * (SheetsWorkbook.logWrites): the sidebar may be anyone's, and only managers may write the
 * Audit tab; the audit trigger moves it there. Nothing is logged while the audit is off.
 */
function logging(
  workbook: SheetsWorkbook,
  action: AuditAction,
  details: (lang: Lang) => {
    record?: string;
    details?: string;
    after?: string;
    flags?: AuditFlag[];
  },
): SheetsWorkbook {
  workbook.logWrites(
    // By its name in the sheet's language (Set up made it so): one lookup without the API.
    () => [labelOf(AUDIT_INBOX, safeLanguage(workbook))],
    (write: SourceWrite) => {
      const lang = safeLanguage(workbook);
      const last = write.firstRow + write.rows - 1;
      const entry = ownWrite(action, {
        at: auditTime(new Date(), workbook.info().timeZone),
        user: callerOf(workbook).email,
        tab: write.tab,
        // The rows themselves: the span from the first named rows a removal left in place.
        range: shortValue(write.runs ?? `${write.firstRow}:${last}`),
        rows: write.rows,
        ...details(lang),
      });
      return [auditCells(entry, lang)];
    },
    AUDIT_FORMATS,
  );
  return workbook;
}

/** "K3F9A2QX7M-1…-2": a batch's entries, shortly. */
function entriesText(entries: readonly string[]): string {
  const [first] = entries;
  if (first === undefined) return '';
  const last = entries[entries.length - 1] ?? first;
  return first === last ? first : `${first}…${last.slice(last.lastIndexOf('-'))}`;
}

/** The form fields' labels by payload key, to say which one is too long. */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  notes: 'sbNotes',
  recordedBy: 'sbRecordedBy',
  completed: 'sbCompleted',
  rejected: 'sbRejected',
  residentId: 'sbResident',
  orderId: 'sbOrder',
  date: 'sbDate',
  id: 'sbId',
  name: 'sbName',
  phone: 'sbPhone',
  category: 'sbCategory',
  skills: 'sbSkills',
  joined: 'sbJoined',
  partnerId: 'sbPartner',
  product: 'sbProduct',
  craft: 'sbCraft',
  payRate: 'sbPayRate',
  partnerPrice: 'sbPartnerPrice',
  quantity: 'sbQuantity',
  received: 'sbReceived',
  due: 'sbDue',
  status: 'sbStatus',
};

interface PayloadIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly maximum?: unknown;
  readonly origin?: string;
}

/**
 * A payload the page should never have sent (its inputs carry the same limits): a text too
 * long is named with its field and limit; anything else is refused as unreadable.
 */
function refusedPayload<T>(
  workbook: SheetsWorkbook,
  issues: readonly PayloadIssue[] = [],
): SidebarReply<T> {
  const lang = safeLanguage(workbook);
  const tooLong = issues.find((i) => i.code === 'too_big' && i.origin === 'string');
  const key = tooLong ? FIELD_LABELS[String(tooLong.path[tooLong.path.length - 1])] : undefined;
  const message =
    tooLong && key
      ? t(lang, 'sbTooLong', { field: t(lang, key as 'sbNotes'), max: Number(tooLong.maximum) })
      : t(lang, 'sbBadPayload');
  return { ok: false, lang, message, busy: false };
}

/**
 * A sidebar: 300 px wide whatever the width. The title is in the spreadsheet locale's language
 * (one call); the page itself follows the sheet's language, which its first call returns.
 * https://developers.google.com/apps-script/reference/base/ui#showSidebar(Object)
 */
function showSidebar(page: string, title: MessageKey): void {
  alertMissingPermission(
    (lang) => t(lang, title as 'sbRecordTitle'),
    () => {
      const lang = langFromLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
      const html = HtmlService.createHtmlOutputFromFile(page).setTitle(
        t(lang, title as 'sbRecordTitle'),
      );
      SpreadsheetApp.getUi().showSidebar(html);
    },
  );
}

/** Menu: 记件… / Record pieces… */
export function showRecordPiecesSidebar(): void {
  showSidebar(SIDEBAR_PAGES.record, 'sbRecordTitle');
}
/** Menu: 查居民… / Look up a resident… */
export function showResidentLookupSidebar(): void {
  showSidebar(SIDEBAR_PAGES.lookUp, 'sbLookUpTitle');
}
/** Menu: 新增居民… / New resident… */
export function showNewResidentSidebar(): void {
  showSidebar(SIDEBAR_PAGES.newResident, 'sbNewResidentTitle');
}
/** Menu: 新增订单… / New order… */
export function showNewOrderSidebar(): void {
  showSidebar(SIDEBAR_PAGES.newOrder, 'sbNewOrderTitle');
}

// ---- payloads --------------------------------------------------------------------------------

const Text = (max: number) => z.string().check(z.maxLength(max));
/** Made by the page: a random batch key and the line's number, e.g. K3F9A2QX7M-2. */
const EntryId = z.string().check(z.regex(/^[A-Z0-9]{8,16}-\d{1,3}$/));
const ResidentId = Text(60);

const PieceLineSchema = z.object({
  entry: EntryId,
  residentId: ResidentId,
  orderId: Text(60),
  completed: Text(20),
  rejected: Text(20),
  notes: Text(500),
});
const PiecesBatchSchema = z.object({
  date: Text(40),
  recordedBy: Text(100),
  lines: z.array(PieceLineSchema).check(z.minLength(1), z.maxLength(MAX_LINES_PER_SUBMIT)),
  acceptWarnings: z.boolean(),
  retry: z.optional(z.boolean()),
  opened: z.optional(Text(10)),
});
const WrittenLineSchema = z.object({
  entry: EntryId,
  row: z.number().check(z.int(), z.positive()),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  residentId: ResidentId,
  orderId: Text(60),
  completed: z.number().check(z.int(), z.gte(0)),
  rejected: z.number().check(z.int(), z.gte(0)),
});
const UndoPayload = z
  .array(WrittenLineSchema)
  .check(z.minLength(1), z.maxLength(MAX_LINES_PER_SUBMIT));
const NewResidentSchema = z.object({
  id: Text(60),
  name: Text(200),
  phone: Text(60),
  category: Text(60),
  skills: Text(500),
  joined: Text(40),
  active: z.boolean(),
  notes: Text(1000),
  acceptWarnings: z.boolean(),
});
const NewOrderSchema = z.object({
  id: Text(60),
  partnerId: Text(60),
  product: Text(200),
  craft: Text(100),
  payRate: Text(40),
  partnerPrice: Text(40),
  quantity: Text(40),
  received: Text(40),
  due: Text(40),
  status: Text(40),
  notes: Text(1000),
  acceptWarnings: z.boolean(),
});

// ---- endpoints -------------------------------------------------------------------------------

/** Endpoint: what the Record pieces sidebar offers. */
export function recordPiecesInfo(): SidebarReply<RecordPiecesView> {
  return reading((workbook) => recordPiecesView(workbook, todayOf(workbook), sidebarMemory()));
}

/** Endpoint: writes a batch of lines (each line at most once, by its entry ID). */
export function submitPiecesBatch(batch: PiecesBatch): SidebarReply<SubmitOutcome> {
  const parsed = PiecesBatchSchema.safeParse(batch);
  if (!parsed.success) return refusedPayload(workbookNow(), parsed.error.issues);
  const entries = parsed.data.lines.map((line) => line.entry);
  const workbook = logging(workbookNow(), 'recordPieces', (lang) => ({
    details: t(lang, 'auditRecorded', { count: entries.length, entries: entriesText(entries) }),
  }));
  return writing(
    (book) => submitPieces(book, parsed.data, todayOf(book), sidebarMemory()),
    workbook,
  );
}

/** Endpoint: removes a batch's rows if none changed since. */
export function undoPiecesBatch(lines: WrittenLine[]): SidebarReply<UndoOutcome> {
  const parsed = UndoPayload.safeParse(lines);
  if (!parsed.success) return refusedPayload(workbookNow(), parsed.error.issues);
  const entries = parsed.data.map((line) => line.entry);
  const workbook = logging(workbookNow(), 'undoPieces', (lang) => ({
    details: t(lang, 'auditUndone', { count: entries.length, entries: entriesText(entries) }),
  }));
  return writing((book) => undoPieces(book, parsed.data, todayOf(book), sidebarMemory()), workbook);
}

/** Endpoint: the residents to search among in Look up a resident. */
export function residentLookupInfo(): SidebarReply<LookUpView> {
  return reading((workbook) => lookUpView(workbook, todayOf(workbook)));
}

/** Endpoint: one resident's card (null when there is no such usable resident). */
export function residentCard(residentId: string): SidebarReply<{ card: ResidentCard | null }> {
  const parsed = ResidentId.safeParse(residentId);
  if (!parsed.success) return refusedPayload(workbookNow(), parsed.error.issues);
  return reading((workbook) =>
    lookUpResident(workbook, parsed.data, todayOf(workbook), sidebarMemory()),
  );
}

/** Endpoint: the New resident form's suggestions. */
export function newResidentInfo(): SidebarReply<NewResidentView> {
  return reading((workbook) => newResidentView(workbook, todayOf(workbook)));
}

/** Endpoint: adds a resident. */
export function saveNewResident(input: NewResidentInput): SidebarReply<SaveOutcome> {
  const parsed = NewResidentSchema.safeParse(input);
  if (!parsed.success) return refusedPayload(workbookNow(), parsed.error.issues);
  const workbook = logging(workbookNow(), 'newResident', () => ({ record: parsed.data.id }));
  return writing((book) => addResident(book, parsed.data, todayOf(book)), workbook);
}

/** What New order reads: the role check reads them first, in the same one call. */
const ORDER_TABS = ['settings', 'partners', 'orders'] as const;

/** Endpoint: the New order form's suggestions. */
export function newOrderInfo(): SidebarReply<NewOrderView> {
  return reading(
    managersOnly('newOrder', 'sbNewOrderTitle', ORDER_TABS, (workbook) =>
      newOrderView(workbook, todayOf(workbook)),
    ),
  );
}

/** Endpoint: adds an order. */
export function saveNewOrder(input: NewOrderInput): SidebarReply<SaveOutcome> {
  const parsed = NewOrderSchema.safeParse(input);
  if (!parsed.success) return refusedPayload(workbookNow(), parsed.error.issues);
  const order = parsed.data;
  const workbook = logging(workbookNow(), 'newOrder', () => ({
    record: order.id,
    after: [order.payRate, order.partnerPrice].filter((s) => s.trim() !== '').join(' / '),
    flags: order.partnerPrice.trim() === '' ? ['payRate'] : ['payRate', 'partnerPrice'],
  }));
  return writing(
    managersOnly('newOrder', 'sbNewOrderTitle', ORDER_TABS, (book) =>
      addOrder(book, order, todayOf(book)),
    ),
    workbook,
  );
}
