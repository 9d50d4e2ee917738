/**
 * Sheets stops where the command line does (docs/reference.md, Set up): on a required column whose
 * header was typed over, Set up would add an empty one beside it that every row then lacked,
 * and Check data said to run Set up; on a required column of a pay tab deleted, Generate paid
 * none of the tab's rows (¥0.00 of piece pay, "1 row left out").
 */
import { refusal } from './errors';
import type { Ledger } from './loadLedger';
import { PAY_TABS, unreadColumns } from '../workbook/unreadColumns';
import type { TabOf } from '../workbook/unreadColumns';

/** The tabs a loaded ledger read, as found. */
export const ledgerTabs =
  (ledger: Pick<Ledger, 'tabs'>): TabOf =>
  (spec) =>
    ledger.tabs[spec.key];

/**
 * Refuses a required column whose header was typed over, naming the header to type back; with
 * `pay`, also one deleted from a tab pay is read from, saying to add it back and fill it in.
 */
export function refuseUnreadColumns(tabOf: TabOf, pay = false): void {
  const unread = unreadColumns(tabOf, true).find(
    (each) => each.renamed !== '' || (pay && PAY_TABS.includes(each.key)),
  );
  if (unread) throw refusal('unreadColumn', unread);
}
