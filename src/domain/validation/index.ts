/**
 * Validation of the whole ledger (DESIGN.md section 4), pure: drafts read by the codecs in,
 * records and problems out. Errors exclude a row from payouts; warnings keep it. "Today" is a
 * parameter, so the same sheet always gives the same result.
 */
import type {
  Adjustment,
  IsoDate,
  MonthKey,
  Order,
  Partner,
  PieceEntry,
  Resident,
} from '../records';
import type { SourceTabKey } from '../problems';
import type { ValidationProblem } from './codes';
import type {
  AdjustmentDraft,
  OrderDraft,
  PartnerDraft,
  PieceDraft,
  ResidentDraft,
  TabState,
} from './drafts';
import { checkOrders } from './orders';
import { checkPartners, checkResidents } from './people';
import { checkAdjustments, checkPieces, directory } from './pieces';
import { tabProblems, tabUsable } from './required';

export * from './codes';
export type * from './drafts';
export { REQUIRED_COLUMNS, REQUIRED_TABS, tabProblems } from './required';
export { DEFAULT_SETTINGS, languageSetting, readSettings } from './settings';
export { idKey } from './problemList';
export { TAB_WIDE_CODES, type RowContext, type TabRows, checkRows, isTabWide } from './rows';
export { type Directory, type OrderRef, type ResidentRef, directory } from './pieces';

export interface LedgerDrafts {
  readonly today: IsoDate;
  /**
   * Months already closed: their Pieces rows are not warned about an inactive resident or a
   * done / cancelled order (see PieceContext). None when left out.
   */
  readonly closedMonths?: ReadonlySet<MonthKey>;
  /** How each tab was found; settings are read separately (readSettings). */
  readonly tabs: Readonly<Record<Exclude<SourceTabKey, 'settings'>, TabState>>;
  readonly residents: readonly ResidentDraft[];
  readonly partners: readonly PartnerDraft[];
  readonly orders: readonly OrderDraft[];
  /** Any iterable: a million drafts read one at a time need not all be held at once. */
  readonly pieces: Iterable<PieceDraft>;
  readonly adjustments: readonly AdjustmentDraft[];
}

export interface ValidatedLedger {
  readonly residents: Resident[];
  readonly partners: Partner[];
  readonly orders: Order[];
  readonly pieces: PieceEntry[];
  readonly adjustments: Adjustment[];
  /** In tab order, then row. */
  readonly problems: ValidationProblem[];
}

/** The tab order problems are listed in. */
export const TAB_ORDER: readonly SourceTabKey[] = [
  'residents',
  'partners',
  'orders',
  'pieces',
  'adjustments',
  'settings',
];

/** Problems sorted by tab, then row; problems of one row keep the order they were found in. */
export function sortProblems<P extends ValidationProblem>(problems: readonly P[]): P[] {
  const rank = (p: P): number => TAB_ORDER.indexOf(p.tab);
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.row - b.row);
}

export function validateLedger(input: LedgerDrafts): ValidatedLedger {
  const rows = <D, L extends Iterable<D>>(tab: keyof LedgerDrafts['tabs'], drafts: L): L | [] =>
    tabUsable(tab, input.tabs[tab]) ? drafts : [];
  const residents = checkResidents(rows('residents', input.residents));
  const partners = checkPartners(rows('partners', input.partners));
  // Orders' partners are checked only against a Partners tab that was read and is usable: an
  // unread tab (Generate does not need it) or a broken one says nothing about them.
  const partnerIds = tabUsable('partners', input.tabs.partners) ? partners.allIds : null;
  const orders = checkOrders(rows('orders', input.orders), partnerIds);
  const residentDirectory = directory(residents.records, residents.allIds);
  const pieces = checkPieces(rows('pieces', input.pieces), {
    today: input.today,
    residents: residentDirectory,
    orders: directory(orders.records, orders.allIds),
    closedMonths: input.closedMonths ?? new Set(),
  });
  const adjustments = checkAdjustments(rows('adjustments', input.adjustments), residentDirectory);
  const tabs = (Object.keys(input.tabs) as (keyof LedgerDrafts['tabs'])[]).flatMap((tab) =>
    tabProblems(tab, input.tabs[tab]),
  );
  return {
    residents: residents.records,
    partners: partners.records,
    orders: orders.records,
    pieces: pieces.pieces,
    adjustments: adjustments.adjustments,
    problems: sortProblems([
      ...tabs,
      ...residents.problems,
      ...partners.problems,
      ...orders.problems,
      ...pieces.problems,
      ...adjustments.problems,
    ]),
  };
}
