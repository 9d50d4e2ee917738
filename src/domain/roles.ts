/**
 * Who may do what (docs/roles.md). Two roles: everyone who may edit the spreadsheet, and the
 * managers named in 设置 / Settings › 管理员 / Managers plus the spreadsheet's owner. With no
 * managers listed there are no roles: everyone may do everything, as before roles existed.
 */

export type Role = 'everyone' | 'managers';

/** What a person asks Gongfang to do, one per menu item, sidebar and endpoint. */
export const ROLE_OF_ACTION = {
  recordPieces: 'everyone',
  undoPieces: 'everyone',
  lookUp: 'everyone',
  newResident: 'everyone',
  checkData: 'everyone',
  generate: 'everyone',
  // Writes the year's tabs only, as Generate writes a month's.
  yearReport: 'everyone',
  selfTest: 'everyone',
  // An order carries its pay rate and partner price.
  newOrder: 'managers',
  // Set up applies the protections and turns the audit on.
  setUp: 'managers',
  // Correction rows are pay.
  applyCorrections: 'managers',
  close: 'managers',
  reopen: 'managers',
  // Creates, rewrites and shares partners' files.
  partnerReports: 'managers',
  // Moves a year's rows out of the live tabs and writes Settings.
  archiveYear: 'managers',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ROLE_OF_ACTION;

/** The people behind the roles: the owner ('' when Google does not say) and the Managers row. */
export interface Staffing {
  readonly owner: string;
  readonly managers: readonly string[];
}

/** Whether roles apply at all: only once someone is named a manager. */
export function rolesApply(managers: readonly string[]): boolean {
  return managers.length > 0;
}

const same = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase() && a.trim() !== '';

/** A manager: the owner or someone listed. With no one listed, everyone counts as one. */
export function isManager(email: string, staffing: Staffing): boolean {
  if (!rolesApply(staffing.managers)) return true;
  return same(email, staffing.owner) || staffing.managers.some((m) => same(email, m));
}

/** Whether `email` may do `action`. An unknown user ('') is never a manager once roles apply. */
export function mayDo(action: Action, email: string, staffing: Staffing): boolean {
  return ROLE_OF_ACTION[action] === 'everyone' || isManager(email, staffing);
}

/**
 * Columns only managers may change, by tab and column key; Sets up protects them where the
 * backend can (Sheets). The whole of Settings, Closings and the audit tabs are managers' too.
 */
export const MANAGED_COLUMNS = [
  { tab: 'orders', column: 'payRate' },
  { tab: 'orders', column: 'partnerPrice' },
  { tab: 'partners', column: 'shareEmails' },
  { tab: 'partners', column: 'report' },
] as const;

export const MANAGED_TABS = ['settings', 'closings', 'audit', 'auditArchive'] as const;
