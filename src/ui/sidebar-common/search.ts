/**
 * Type-ahead over residents, in the page (no server call per keystroke): by ID, by name, and by
 * pinyin — initials (wxy), full pinyin (wangxiu), and any mix of the two and of characters
 * (zhangxl, zxiulan, 张xl), polyphones included. Recently recorded residents come first;
 * inactive ones are found too (the page marks them).
 *
 * The readings are pinyin-match's dictionary of the 6,768 common characters (26 KB) and a
 * supplement for every other character of the CJK basic block (pinyinSupplement.ts, generated
 * from pinyin-pro's dictionary), so rarer name characters are found too: 王堃 by "kun" or "wk".
 */
import { dict as COMMON_PINYIN } from 'pinyin-match/src/simplified_dict.js';
import { PINYIN_SUPPLEMENT } from './pinyinSupplement';

export interface Findable {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

/** One character of a name: a Han character with its readings, or anything else as itself. */
interface NameUnit {
  readonly char: string;
  readonly readings: readonly string[];
}

interface Entry<T extends Findable> {
  readonly item: T;
  readonly id: string;
  readonly name: string;
  readonly units: readonly NameUnit[];
  /** Letters a unit can start with: a query's first letter must be one of them. */
  readonly initials: string;
}

let readingTable: Map<string, string[]> | null = null;

/** Character → toneless readings, built once from both dictionaries. */
function readingsOf(char: string): readonly string[] {
  if (readingTable === null) {
    const table = new Map<string, string[]>();
    const add = (syllable: string, chars: string) => {
      for (const ch of chars) {
        const known = table.get(ch);
        if (known === undefined) table.set(ch, [syllable]);
        else if (!known.includes(syllable)) known.push(syllable);
      }
    };
    for (const [syllable, chars] of Object.entries(COMMON_PINYIN)) add(syllable, chars);
    for (const part of PINYIN_SUPPLEMENT.split(',')) {
      const colon = part.indexOf(':');
      add(part.slice(0, colon), part.slice(colon + 1));
    }
    readingTable = table;
  }
  return readingTable.get(char) ?? [];
}

/**
 * Folds full-width letters and digits (ａ１) to ASCII, lower case, without spaces or the dot
 * between the parts of a transliterated name (阿依古丽·买买提, typed 阿依古丽买买提 or ayglmmt).
 */
export function foldQuery(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s·•‧・]+/g, '')
    .toLowerCase();
}

function unitsOf(name: string): NameUnit[] {
  return [...foldQuery(name)].map((char) => ({ char, readings: readingsOf(char) }));
}

/**
 * Whether `query` matches a run of the name's units starting at `start`: each unit is matched by
 * itself (a character typed as is), or by a prefix of one of its readings — the initial (x),
 * more (xiu), or the whole syllable — and the last unit matched may stop anywhere in its reading.
 */
function matchesFrom(units: readonly NameUnit[], query: string, start: number): boolean {
  const failed = new Set<number>();
  const walk = (i: number, k: number): boolean => {
    if (k === query.length) return true;
    if (i === units.length) return false;
    const state = i * 256 + k;
    if (failed.has(state)) return false;
    const unit = units[i] as NameUnit;
    if (query[k] === unit.char && walk(i + 1, k + 1)) return true;
    for (const reading of unit.readings) {
      let length = 0;
      while (
        length < reading.length &&
        k + length < query.length &&
        reading[length] === query[k + length]
      ) {
        length += 1;
        if (walk(i + 1, k + length)) return true;
      }
    }
    failed.add(state);
    return false;
  };
  return walk(start, 0);
}

export function pinyinMatches(name: string, text: string): boolean {
  const query = foldQuery(text);
  if (query === '') return true;
  const units = unitsOf(name);
  return units.some((_, start) => matchesFrom(units, query, start));
}

export class ResidentSearch<T extends Findable> {
  private readonly entries: Entry<T>[];

  /** `recent`: IDs, newest first; they are listed before the others. */
  constructor(items: readonly T[], recent: readonly string[] = []) {
    const rank = new Map(recent.map((id, index) => [id, index]));
    const ordered = [...items].sort((a, b) => {
      const ra = rank.get(a.id) ?? Infinity;
      const rb = rank.get(b.id) ?? Infinity;
      return ra === rb ? 0 : ra < rb ? -1 : 1;
    });
    this.entries = ordered.map((item) => {
      const units = unitsOf(item.name);
      const initials = new Set<string>();
      for (const unit of units) {
        initials.add(unit.char);
        for (const reading of unit.readings) initials.add(reading.charAt(0));
      }
      return {
        item,
        id: item.id.toLowerCase(),
        name: item.name.toLowerCase(),
        units,
        initials: [...initials].join(''),
      };
    });
  }

  /** At most `limit` residents matching `text`: the exact ID, then in the index's order (recent first). */
  find(text: string, limit = 8): T[] {
    const query = foldQuery(text);
    if (query === '') return this.entries.slice(0, limit).map((e) => e.item);
    const first = query.charAt(0);
    // Typing a whole ID (R1) puts that resident first, before R10, R11… and the recent ones.
    const exact = this.entries.find((entry) => entry.id === query);
    const found: T[] = exact ? [exact.item] : [];
    for (const entry of this.entries) {
      if (found.length >= limit) break;
      if (entry === exact) continue;
      if (
        entry.id.startsWith(query) ||
        entry.name.includes(query) ||
        (entry.initials.includes(first) &&
          entry.units.some((_, start) => matchesFrom(entry.units, query, start)))
      ) {
        found.push(entry.item);
      }
    }
    return found;
  }
}
