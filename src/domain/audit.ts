/**
 * The edit audit's records, whichever backend made them (docs/roles.md): who changed what,
 * where, from what to what, and why it deserves a look. Pure: the shells fill an entry from an
 * edit event (Sheets) or from what changed in a file between two runs (.xlsx).
 */

export type AuditFlag = 'closedMonth' | 'payRate' | 'partnerPrice' | 'settings';

export type AuditAction =
  | 'edit'
  | 'paste'
  | 'insertRows'
  | 'removeRows'
  | 'fileChanged'
  | 'fileAdded'
  | 'fileRemoved'
  | 'setUp'
  | 'generate'
  | 'close'
  | 'reopen'
  | 'corrections'
  | 'recordPieces'
  | 'undoPieces'
  | 'newResident'
  | 'newOrder'
  | 'partnerReports'
  | 'archiveYear'
  /** .xlsx: no snapshot to compare with although Audit has rows; the log starts again. */
  | 'logRestarted';

export interface AuditEntry {
  /** Local time in the workbook's zone, YYYY-MM-DD HH:MM:SS (sorts as text). */
  readonly at: string;
  /** An address or a name; '' when nobody could be told. */
  readonly user: string;
  readonly action: AuditAction;
  /** The tab as the workbook names it ('' for an operation on no one tab). */
  readonly tab: string;
  /** A1 range as the sheet showed it then ('' when unknown). */
  readonly range: string;
  readonly rows: number;
  /** The row's own key (entry, resident, order or partner ID, setting name), or ''. */
  readonly record: string;
  readonly before: string;
  readonly after: string;
  readonly flags: readonly AuditFlag[];
  /** The closed months a closedMonth flag is about. */
  readonly closedMonths: readonly string[];
  readonly details: string;
}

/** What is known about a change, for its flags. */
export interface ChangeFacts {
  /** The source tab changed (layout key), or null for another tab. */
  readonly tab: string | null;
  /** Keys of the columns the change covers (layout column keys). */
  readonly columns: readonly string[];
  /** Months the changed rows belong to, before and after (Pieces' dates, Adjustments' months). */
  readonly months: readonly string[];
}

/** The flags of a change: closed months touched, pay rates, partner prices, Settings. */
export function flagsOf(
  facts: ChangeFacts,
  closedMonths: ReadonlySet<string>,
): { flags: AuditFlag[]; closedMonths: string[] } {
  const flags: AuditFlag[] = [];
  const touched = [...new Set(facts.months.filter((month) => closedMonths.has(month)))].sort();
  if (touched.length > 0) flags.push('closedMonth');
  if (facts.tab === 'orders' && facts.columns.includes('payRate')) flags.push('payRate');
  if (facts.tab === 'orders' && facts.columns.includes('partnerPrice')) flags.push('partnerPrice');
  if (facts.tab === 'settings') flags.push('settings');
  return { flags, closedMonths: touched };
}

/** A date serial (days since 1899-12-30, as Sheets and Excel count) as YYYY-MM-DD. */
export function serialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** How many of the oldest rows to move to the archive once the audit holds `rows` rows. */
export function rowsToArchive(rows: number, limit: number): number {
  return rows > limit ? rows - Math.floor(limit / 2) : 0;
}

/** Values shown in an audit row are cut to this length (a cell holds 50,000 characters). */
export const AUDIT_VALUE_LIMIT = 500;

export function shortValue(text: string): string {
  return text.length > AUDIT_VALUE_LIMIT ? `${text.slice(0, AUDIT_VALUE_LIMIT - 1)}…` : text;
}
