/**
 * Source tabs that were not read: one renamed by staff (调整 → 调整表), or one whose headers are
 * below row 1 (a title row added above them). Both shells stop on them (the command line in
 * src/cli/session.ts, Sheets in src/features/unreadColumns.ts); this is how they are found.
 */
import { SOURCE_TABS, namesOf, normalizeName } from './layout';
import type { SourceTab } from './layout';
import type { CellValue } from './cells';
import type { Workbook } from './port';
import { matchHeaders } from './tables';

/** How far down a source tab's headers are looked for when row 1 holds none. */
const HEADER_ROWS_LOOKED_AT = 10;

/**
 * The tab of `workbook` that is `spec`'s under another name: its name holds one of `spec`'s
 * names (居民表, Residents list) and its header row (read only for such a tab) is `spec`'s: two
 * of its columns at least, more than of any other source tab. Null if none: a staff tab that
 * only shares a header or a word is not taken for it.
 */
export function renamedTab(
  spec: SourceTab,
  workbook: Pick<Workbook, 'tabNames' | 'readTab'>,
): string | null {
  const known = new Set(SOURCE_TABS.flatMap((tab) => namesOf(tab).map(normalizeName)));
  const own = namesOf(spec).map(normalizeName);
  for (const name of workbook.tabNames()) {
    const normal = normalizeName(name);
    if (known.has(normal) || !own.some((word) => normal.includes(word))) continue;
    const header = workbook.readTab([name])?.values[0];
    const found = (tab: SourceTab) => tab.columns.length - matchHeaders(tab, header).missing.length;
    const mine = found(spec);
    if (mine >= 2 && SOURCE_TABS.every((tab) => tab === spec || found(tab) < mine)) return name;
  }
  return null;
}

/**
 * The row (2 to 10) that holds `spec`'s headers when row 1 does not (two of its columns at
 * least), read from the tab's `values`; null when row 1 is the header row, or no row is.
 */
export function headersRow(
  spec: SourceTab,
  values: readonly (readonly CellValue[])[],
): number | null {
  if (matchHeaders(spec, values[0]).headerRow) return null;
  const rows = values.slice(1, HEADER_ROWS_LOOKED_AT);
  const index = rows.findIndex(
    (row) => spec.columns.length - matchHeaders(spec, row).missing.length >= 2,
  );
  return index >= 0 ? index + 2 : null;
}
