/**
 * The sidebars' tally of Pieces (features/piecesTally.ts) kept in the document cache: shared by
 * every user of the sheet, up to an hour. A value holds at most 100 KB, so the tally is cut into
 * parts written in one putAll and read back in one getAll with the last hand edit onEdit noted.
 * https://developers.google.com/apps-script/reference/cache/cache#putAll(Object,Integer)
 *
 * Calls: getDocumentCache and getAll when an action starts, putAll when it changed the tally.
 */
import type { SidebarMemory, TallyStamp } from '../features/piecesTally';

type Cache = GoogleAppsScript.Cache.Cache;

export const TALLY_KEY = 'gongfang:pieces-tally:v1';
/** The tally's readAt and rows, small, for onEdit (which reads it with its own context). */
export const TALLY_STAMP_KEY = 'gongfang:pieces-tally-stamp:v1';
/** The last hand edit of Pieces after the tally was read: {at, fromRow}. */
export const PIECES_EDITED_KEY = 'gongfang:pieces-edited:v1';
/** Characters per part: 100 KB even if every character took 3 bytes. */
const PART_CHARS = 32_000;
const MAX_PARTS = 16;
/** An hour: what the tail and the edit notes cannot see (rows deleted and as many inserted
 * higher up without typing) is forgotten within it. */
const TALLY_SECONDS = 3_600;

function partKeys(): string[] {
  return Array.from({ length: MAX_PARTS }, (_, i) => `${TALLY_KEY}:${i}`);
}

/** Null when the document cache cannot be had (the tally is then built on every action). */
export function sidebarMemory(): SidebarMemory | undefined {
  let cache: Cache | null = null;
  try {
    cache = CacheService.getDocumentCache();
  } catch (error) {
    console.warn(`No document cache: ${String(error)}`);
  }
  if (cache === null) return undefined;
  const store = cache;
  return {
    now: () => Date.now(),
    load() {
      const found = store.getAll([PIECES_EDITED_KEY, ...partKeys()]);
      const first = found[`${TALLY_KEY}:0`];
      let tally: string | null = null;
      if (first !== undefined) {
        const bar = first.indexOf('|');
        const count = Number(first.slice(0, bar));
        const parts = [first.slice(bar + 1)];
        for (let i = 1; i < count; i += 1) parts.push(found[`${TALLY_KEY}:${i}`] ?? '\u0000');
        tally = parts.some((part) => part === '\u0000') ? null : parts.join('');
      }
      return { tally, edited: found[PIECES_EDITED_KEY] ?? null };
    },
    save(tally: string, stamp: TallyStamp) {
      const count = Math.ceil(tally.length / PART_CHARS);
      if (count > MAX_PARTS) {
        // Too big to keep: the next action reads the whole tab again (slower, still right).
        console.warn(`Pieces tally of ${tally.length} characters not kept`);
        return;
      }
      const values: Record<string, string> = { [TALLY_STAMP_KEY]: JSON.stringify(stamp) };
      for (let i = 0; i < count; i += 1) {
        const part = tally.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
        values[`${TALLY_KEY}:${i}`] = i === 0 ? `${count}|${part}` : part;
      }
      try {
        store.putAll(values, TALLY_SECONDS);
      } catch (error) {
        console.warn(`Pieces tally not kept: ${String(error)}`);
      }
    },
  };
}
