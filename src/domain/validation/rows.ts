/**
 * The row rules, one row at a time: the rule book Check data applies to every row of a tab (in
 * validateLedger, through the same functions) and the onEdit trigger applies to the rows just
 * edited. A row's own rules look at its cells and at the rows it names on other tabs (its
 * resident, its order, its partner). What only the whole tab can say (an ID or entry number
 * used twice, look-alike rows, an order's quantity crossed) is left to Check data:
 * TAB_WIDE_CODES lists those problems.
 */
import type { MonthKey, IsoDate } from '../records';
import type { ValidationCode, ValidationProblem } from './codes';
import type {
  AdjustmentDraft,
  OrderDraft,
  PartnerDraft,
  PieceDraft,
  ResidentDraft,
} from './drafts';
import { orderRow } from './orders';
import { partnerRow, residentRow } from './people';
import { type Directory, type OrderRef, type ResidentRef, adjustmentRow, pieceRow } from './pieces';
import { RowProblems } from './problemList';

/** Problems that need the whole tab: never raised, and never cleared, by a row check alone. */
export const TAB_WIDE_CODES: readonly ValidationCode[] = [
  'duplicateId',
  'duplicateEntry',
  'looksDuplicate',
  'quantityExceeded',
];

/** What a row may name on the other tabs, and the day and closed months it is checked against. */
export interface RowContext {
  readonly today: IsoDate;
  readonly residents: Directory<ResidentRef>;
  readonly orders: Directory<OrderRef>;
  /** Keys of every partner ID; null when Partners was not read (orders' partners unchecked). */
  readonly partnerIds: ReadonlySet<string> | null;
  readonly closedMonths: ReadonlySet<MonthKey>;
}

/** Rows of one tab, as the codecs read them. */
export type TabRows =
  | { readonly tab: 'residents'; readonly drafts: readonly ResidentDraft[] }
  | { readonly tab: 'partners'; readonly drafts: readonly PartnerDraft[] }
  | { readonly tab: 'orders'; readonly drafts: readonly OrderDraft[] }
  | { readonly tab: 'pieces'; readonly drafts: readonly PieceDraft[] }
  | { readonly tab: 'adjustments'; readonly drafts: readonly AdjustmentDraft[] };

/** Each row's own problems, row by row in the order given. */
export function checkRows(rows: TabRows, context: RowContext): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const each = <D extends { readonly row: number }>(
    drafts: readonly D[],
    rule: (draft: D, check: RowProblems) => void,
  ): void => {
    for (const draft of drafts) {
      const check = new RowProblems(rows.tab, draft.row);
      rule(draft, check);
      problems.push(...check.problems);
    }
  };
  const id = (draft: { readonly id: ResidentDraft['id'] }, check: RowProblems): string =>
    check.required('id', draft.id, 'idMissing') ?? '';
  switch (rows.tab) {
    case 'residents':
      each(rows.drafts, (d, check) => residentRow(d, id(d, check), check));
      break;
    case 'partners':
      each(rows.drafts, (d, check) => partnerRow(d, id(d, check), check));
      break;
    case 'orders':
      each(rows.drafts, (d, check) => orderRow(d, id(d, check), check, context.partnerIds));
      break;
    case 'pieces':
      each(rows.drafts, (d, check) => pieceRow(d, check, context));
      break;
    case 'adjustments':
      each(rows.drafts, (d, check) => adjustmentRow(d, check, context.residents));
      break;
  }
  return problems;
}

/** Whether Check data alone decides this problem (see TAB_WIDE_CODES). */
export function isTabWide(code: string): boolean {
  return (TAB_WIDE_CODES as readonly string[]).includes(code);
}
