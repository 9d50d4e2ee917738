/**
 * What nearly every command reads as soon as it opens a workbook (XlsxWorkbook.readAhead): the
 * Pieces sheet and the change log's snapshot tab, inflated on libuv's thread pool, and the
 * other source tabs, read meanwhile. The command line's main thread inflates the same parts
 * while the worker thread starts (src/cli/earlyRead.ts), so both find them here.
 */
import {
  ADJUSTMENTS,
  AUDIT_SNAPSHOT,
  ORDERS,
  PARTNERS,
  PIECES,
  RESIDENTS,
  SETTINGS,
  namesOf,
  normalizeName,
} from '../workbook/layout';
import type { SheetEntry } from './package/sheetList';

/** The snapshot tab is Gongfang's own: found by its two names only. */
export const AUDIT_SNAPSHOT_TAB = { ...AUDIT_SNAPSHOT, aliases: [] };

/** The tabs read whole as the workbook is opened, besides Pieces. */
const FIRST_TABS = [SETTINGS, RESIDENTS, PARTNERS, ORDERS, ADJUSTMENTS, AUDIT_SNAPSHOT_TAB];

export interface FirstReads {
  readonly pieces: SheetEntry | undefined;
  readonly snapshot: SheetEntry | undefined;
  /** The other tabs read at once (the snapshot among them), Pieces left out. */
  readonly tabs: readonly SheetEntry[];
}

/** The first tab of `sheets` named one of `names` (spaces, case and full width ignored). */
export function findSheet(
  sheets: readonly SheetEntry[],
  names: readonly string[],
): SheetEntry | undefined {
  const wanted = new Set(names.map(normalizeName));
  return sheets.find((sheet) => wanted.has(normalizeName(sheet.name)));
}

export function firstReads(sheets: readonly SheetEntry[]): FirstReads {
  const pieces = findSheet(sheets, namesOf(PIECES));
  const tabs: SheetEntry[] = [];
  for (const spec of FIRST_TABS) {
    const sheet = findSheet(sheets, namesOf(spec));
    if (sheet && sheet !== pieces) tabs.push(sheet);
  }
  return { pieces, snapshot: findSheet(sheets, namesOf(AUDIT_SNAPSHOT_TAB)), tabs };
}
