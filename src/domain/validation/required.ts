/** Tab-level rules: which tabs and columns the ledger cannot do without. */
import type { SourceTabKey } from '../problems';
import type { ValidationProblem } from './codes';
import type { TabState } from './drafts';

/** Tabs whose absence stops payouts; the others only lose their information. */
export const REQUIRED_TABS: readonly SourceTabKey[] = ['residents', 'orders', 'pieces'];

/**
 * Columns without which no row of the tab can be used: IDs, references, dates, counts, the
 * rate and amounts. (An order's partner is optional: pay does not depend on it.)
 */
export const REQUIRED_COLUMNS: Readonly<Record<SourceTabKey, readonly string[]>> = {
  residents: ['id'],
  partners: ['id'],
  orders: ['id', 'payRate'],
  pieces: ['date', 'resident', 'order', 'completed', 'rejected'],
  adjustments: ['month', 'resident', 'amount'],
  settings: ['setting', 'value'],
};

/**
 * Problems with the tab itself: missing, no header row, required columns missing. Row 0
 * stands for "the whole tab", row 1 for its header row.
 */
export function tabProblems(tab: SourceTabKey, state: TabState): ValidationProblem[] {
  const severity = REQUIRED_TABS.includes(tab) ? 'error' : 'warning';
  if (!state.found) {
    if (state.unread) return [];
    return [{ severity, tab, row: 0, column: null, code: 'missingTab', params: {} }];
  }
  if (!state.headerRow) {
    return [{ severity, tab, row: 1, column: null, code: 'noHeaderRow', params: {} }];
  }
  return state.missingColumns
    .filter((column) => REQUIRED_COLUMNS[tab].includes(column))
    .map((column) => ({ severity, tab, row: 1, column, code: 'missingColumn', params: {} }));
}

/** Whether the tab's rows can be used at all (an unread tab's cannot: it has none). */
export function tabUsable(tab: SourceTabKey, state: TabState): boolean {
  return state.found && state.headerRow && tabProblems(tab, state).length === 0;
}
