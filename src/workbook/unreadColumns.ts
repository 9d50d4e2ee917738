/**
 * Source-tab columns that were not read: a header typed over (计件's 居民编号 as 编号) or a
 * required column deleted. Both shells stop on them (the command line in src/cli/session.ts,
 * Sheets in src/features/unreadColumns.ts); this is how they are found.
 */
import { REQUIRED_COLUMNS } from '../domain/validation';
import { SOURCE_TABS, labelOf, namesOf, normalizeName } from './layout';
import type { SourceTab, SourceTabKey } from './layout';
import type { TabContents } from './port';
import { matchHeaders } from './tables';

/**
 * A column a source tab lacks: its key, the tab as named, the column in the tab's language, and
 * the header typed over it ('' when none was: deleted, say).
 */
export interface UnreadColumn {
  key: SourceTabKey;
  tab: string;
  column: string;
  renamed: string;
}

/** A source tab as read (null or undefined: not there, or not read). */
export type TabOf = (spec: SourceTab) => TabContents | null | undefined;

/** The tabs pay is read from: one of them unread leaves its rows out of pay. */
export const PAY_TABS: readonly SourceTabKey[] = ['residents', 'orders', 'pieces', 'adjustments'];

/**
 * The columns the source tabs lack, with the header typed over each (renamedColumn): the
 * required ones (`required`), whose tab is then not read at all, or the others, read as absent
 * (订单's 数量 typed as 件数: no order's quantity, progress or due warning).
 */
export function unreadColumns(tabOf: TabOf, required: boolean): UnreadColumn[] {
  const found: UnreadColumn[] = [];
  for (const spec of SOURCE_TABS) {
    const contents = tabOf(spec);
    const header = contents?.values[0];
    if (!contents || header === undefined) continue;
    const match = matchHeaders(spec, header);
    if (!match.headerRow) continue;
    const english = normalizeName(contents.name) !== normalizeName(spec.zh);
    for (const column of spec.columns) {
      const { key } = column;
      if (!match.missing.includes(key) || REQUIRED_COLUMNS[spec.key].includes(key) !== required) {
        continue;
      }
      found.push({
        key: spec.key,
        tab: contents.name,
        column: labelOf(column, english ? 'en' : 'zh-CN'),
        renamed: renamedColumn(spec, header, column, match.columns) ?? '',
      });
    }
  }
  return found;
}

/**
 * The header typed over `column`: a header no column of the tab has, in the column's place
 * (just right of the column before it, or left of the one after it, in Gongfang's order), that
 * shares a Chinese character or an English word with one of its names (编号 of 居民编号, 件数 of
 * 数量, Resident ID of Resident). Null if none: a staff column in that place is not taken for it.
 */
function renamedColumn(
  spec: SourceTab,
  header: readonly unknown[],
  column: SourceTab['columns'][number],
  found: Readonly<Partial<Record<string, number>>>,
): string | null {
  const at = spec.columns.indexOf(column);
  const before = found[spec.columns[at - 1]?.key ?? ''];
  const after = found[spec.columns[at + 1]?.key ?? ''];
  // 1-based places: the cell right of the column before, or left of the one after.
  for (const place of [
    before === undefined ? 0 : before + 1,
    after === undefined ? 0 : after - 1,
  ]) {
    const text = header[place - 1];
    if (place < 1 || typeof text !== 'string' || text.trim() === '') continue;
    const typed = normalizeName(text);
    const names = namesOf(column).map(normalizeName);
    if (matchHeaders(spec, [text]).headerRow) continue;
    if (names.some((name) => sharesWords(typed, name))) return text.trim();
  }
  return null;
}

/** A CJK character or a Latin word of three letters or more in common. */
function sharesWords(a: string, b: string): boolean {
  const words = (text: string): string[] => text.match(/[\u3400-\u9fff]|[a-z]{3,}/g) ?? [];
  const theirs = new Set(words(b));
  return words(a).some((word) => theirs.has(word));
}
