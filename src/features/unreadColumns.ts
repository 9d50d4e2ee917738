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
import { headersRow, renamedTab } from '../workbook/unreadTabs';
import { SOURCE_TABS, labelOf } from '../workbook/layout';
import type { Lang } from '../i18n';
import type { Workbook } from '../workbook/port';

/** The tabs a loaded ledger read, as found; null for one it found missing, as readTab says. */
export const ledgerTabs =
  (ledger: Pick<Ledger, 'tabs' | 'problems'>): TabOf =>
  (spec) =>
    ledger.problems.some((each) => each.code === 'missingTab' && each.tab === spec.key)
      ? null
      : ledger.tabs[spec.key];

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

/**
 * Refuses, as the command line does, a source tab renamed by staff (调整 → 调整表: Generate paid
 * no adjustment, Set up added an empty 调整 beside it), naming it to rename back to its name in
 * `lang`, or one whose headers are below row 1 (a title row above them: ¥0.00 of piece pay),
 * naming the row. Tab names, and a candidate's header, are read only for a tab missing (null).
 */
export function refuseUnreadTabs(workbook: Workbook, tabOf: TabOf, lang: Lang): void {
  for (const spec of SOURCE_TABS) {
    const contents = tabOf(spec);
    const row = contents && headersRow(spec, contents.values);
    if (contents && row) throw refusal('titleRow', { tab: contents.name, row });
    const renamed = contents === null && renamedTab(spec, workbook);
    if (renamed) throw refusal('tabRenamed', { tab: labelOf(spec, lang), renamed });
  }
}
