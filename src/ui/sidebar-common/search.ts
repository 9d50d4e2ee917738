/**
 * Type-ahead over residents, in the page (no server call per keystroke): by ID, by name, and by
 * pinyin — initials (wxy) or full pinyin (wangxiu) — through pinyin-match, whose dictionary of
 * common characters (about 26 KB) is what the pinyin costs the page. Recently recorded residents
 * come first; inactive ones are found too (the page marks them).
 *
 * pinyin-match reads a name's pinyin anew on every call, so it is asked only about names that
 * can match: those with a character whose reading starts with the query's first letter (each
 * character's initials are worked out once, when the index is built).
 */
import PinyinMatch from 'pinyin-match';

export interface Findable {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ASCII_QUERY = /^[a-z\s]+$/;

interface Entry<T extends Findable> {
  readonly item: T;
  readonly id: string;
  readonly name: string;
  /** Letters some reading of some Chinese character of the name starts with. */
  readonly initials: string;
}

/** Folds full-width letters and digits (ａ１) to ASCII, lower case, without spaces. */
export function foldQuery(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

export class ResidentSearch<T extends Findable> {
  private readonly entries: Entry<T>[];
  private readonly initialsOf = new Map<string, string>();

  /** `recent`: IDs, newest first; they are listed before the others. */
  constructor(items: readonly T[], recent: readonly string[] = []) {
    const rank = new Map(recent.map((id, index) => [id, index]));
    const ordered = [...items].sort((a, b) => {
      const ra = rank.get(a.id) ?? Infinity;
      const rb = rank.get(b.id) ?? Infinity;
      return ra === rb ? 0 : ra < rb ? -1 : 1;
    });
    this.entries = ordered.map((item) => ({
      item,
      id: item.id.toLowerCase(),
      name: item.name.toLowerCase(),
      initials: this.nameInitials(item.name),
    }));
  }

  private nameInitials(name: string): string {
    let letters = '';
    for (const ch of name) {
      if (ch.charCodeAt(0) < 0x3400) continue;
      let known = this.initialsOf.get(ch);
      if (known === undefined) {
        known = '';
        for (const letter of LETTERS) if (PinyinMatch.match(ch, letter)) known += letter;
        this.initialsOf.set(ch, known);
      }
      letters += known;
    }
    return letters;
  }

  /** At most `limit` residents matching `text`: the exact ID, then in the index's order (recent first). */
  find(text: string, limit = 8): T[] {
    const query = foldQuery(text);
    if (query === '') return this.entries.slice(0, limit).map((e) => e.item);
    const pinyin = ASCII_QUERY.test(query);
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
        (pinyin && entry.initials.includes(first) && PinyinMatch.match(entry.item.name, query))
      ) {
        found.push(entry.item);
      }
    }
    return found;
  }
}
