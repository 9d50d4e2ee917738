/**
 * What the sidebars share in the page: the sheet's language, the status box, Enter that moves on
 * (never while an input method is composing), money text, and the resident picker. Every value
 * from the sheet is put in the page as text (textContent), never as HTML.
 */
import { formatFen } from '../../domain/money';
import { MAX_PIECES_PER_ROW } from '../../domain/limits';
import type { Lang } from '../../i18n';
import {
  element,
  failureText,
  showLoadFailure,
  showStatus,
  text,
  translatePage,
} from '../month-common/dialog';
import { ResidentSearch, type Findable } from './search';

export { element, failureText, showLoadFailure, showStatus, text, translatePage };

/**
 * A value from the sheet, isolated from the text around it (FSI … PDI): a name holding a
 * right-to-left override (U+202E) then reorders only itself, never the figures beside it.
 * Works inside <option> text and input values too, where no element can be used.
 * https://www.w3.org/International/questions/qa-bidi-unicode-controls
 */
export function isolate(value: string | number): string {
  return `\u2068${value}\u2069`;
}

/** The most pieces one line may have, as the server's validation allows (domain/limits). */
export const MAX_PIECES = MAX_PIECES_PER_ROW;

/** The sheet's language until the server says otherwise. */
export function initialLang(): Lang {
  return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

/**
 * True while an input method (拼音输入法) is composing: its Enter picks a candidate and must
 * neither submit nor move. Chromium sets isComposing; some IMEs only send keyCode 229.
 * https://developer.mozilla.org/en-US/docs/Web/API/KeyboardEvent/isComposing
 */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** Enter in `field` runs `next` (unless composing). */
export function onEnter(field: HTMLElement, next: () => void): void {
  field.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || isComposing(event)) return;
    event.preventDefault();
    next();
  });
}

export function moneyText(fen: number, currency: string): string {
  const sign = fen < 0 ? '-' : '';
  const [whole = '0', fraction = '00'] = formatFen(Math.abs(fen)).split('.');
  return `${sign}${currency}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/**
 * A count as typed, null when it is not a whole number. Read as the tab reads a count
 * (`numericText` in workbook/codecs.ts, too big to bring into the page): full-width forms,
 * spaces around, and thousands grouped by commas or spaces as Excel copies a formatted cell
 * ("1,200", "１，２００", "1 000": "1,200" was refused as not a whole number). "12 5" stays a slip.
 */
export function countOf(typed: string): number | null {
  const folded = typed.normalize('NFKC').trim();
  if (folded === '') return 0;
  const grouped = /^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?: \d{3})+$/.test(folded);
  const digits = grouped ? folded.replace(/\D/g, '') : folded;
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}

/** A count over the server's limit per line (the page refuses it before sending). */
export function countTooLarge(count: number | null): boolean {
  return count !== null && count > MAX_PIECES_PER_ROW;
}

/** A new batch key: entry IDs are `${key}-${line}`, unique across staff and retries. */
export function batchKey(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.charAt(b % 32)).join('');
}

export function node<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  content = '',
  className = '',
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  made.textContent = content;
  if (className) made.className = className;
  return made;
}

/**
 * The resident picker: a text box with a list below. Arrow keys move in the list, Enter picks
 * (not while composing), Escape closes it; clicking picks too.
 */
export class ResidentPicker<T extends Findable> {
  private search: ResidentSearch<T> = new ResidentSearch<T>([]);
  private shown: T[] = [];
  private active = 0;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  picked: T | null = null;

  /**
   * The WAI-ARIA combobox pattern (1.2): the input is the combobox, owning a listbox popup;
   * aria-expanded says whether it is shown, aria-activedescendant which option is current while
   * it is (focus stays in the input throughout). https://www.w3.org/WAI/ARIA/apg/patterns/combobox/
   */
  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly labels: () => { inactive: string; recent: string; none: string },
    private readonly onPick: (item: T) => void,
    private recent: readonly string[] = [],
  ) {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-labelledby', input.labels?.[0]?.id || input.id);
    input.addEventListener('input', () => {
      this.picked = null;
      this.refresh();
    });
    input.addEventListener('focus', () => {
      // Back in the box before the list closed: keep it open.
      clearTimeout(this.hideTimer);
      this.refresh();
    });
    input.addEventListener('keydown', (event) => this.key(event));
    // Closed a moment after leaving the box, so that a click on the list still picks.
    input.addEventListener('blur', () => {
      this.hideTimer = setTimeout(() => this.close(), 150);
    });
  }

  /** Hides the list and says so (aria-expanded false, no current option). */
  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** The resident picked, else the one the list would pick now (the first match). */
  current(): T | null {
    return (
      this.picked ?? this.search.find(this.input.value)[this.list.hidden ? 0 : this.active] ?? null
    );
  }

  /** Picks `item` as a click or Enter would. */
  choose(item: T): void {
    this.pick(item);
  }

  setResidents(items: readonly T[], recent: readonly string[]): void {
    this.recent = recent;
    this.search = new ResidentSearch(items, recent);
  }

  clear(): void {
    this.input.value = '';
    this.picked = null;
    this.close();
  }

  private key(event: KeyboardEvent): void {
    if (isComposing(event)) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (this.list.hidden) this.refresh();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const from = this.active < 0 && step < 0 ? 0 : this.active;
      this.active = (from + step + this.shown.length) % Math.max(1, this.shown.length);
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const choice = this.shown[this.active];
      if (choice && !this.list.hidden) this.pick(choice);
      else if (this.picked) this.onPick(this.picked);
    } else if (event.key === 'Escape') {
      this.close();
    } else if (event.key === 'Tab' && !this.list.hidden) {
      // Tab leaves the box with the list closed; focus moves on as the browser moves it.
      this.close();
    }
  }

  private refresh(): void {
    this.shown = this.search.find(this.input.value);
    // An empty box lists the recent residents but none is current until an arrow key says so:
    // a stray Enter after adding a line picked the most recent one, and the next slip's counts
    // went to them.
    this.active = this.input.value.trim() === '' ? -1 : 0;
    this.render();
  }

  private render(): void {
    const labels = this.labels();
    const items = this.shown.map((item, index) => {
      const li = node('li', '', index === this.active ? 'option active' : 'option');
      li.id = `${this.list.id}-${index}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(index === this.active));
      li.append(node('span', item.id, 'id'), node('bdi', item.name, 'name'));
      if (!item.active) li.append(node('span', labels.inactive, 'tag inactive'));
      if (this.recent.includes(item.id)) li.append(node('span', labels.recent, 'tag'));
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.pick(item);
      });
      return li;
    });
    if (items.length === 0 && this.input.value.trim() !== '') {
      const none = node('li', labels.none, 'none');
      none.setAttribute('role', 'option');
      none.setAttribute('aria-disabled', 'true');
      items.push(none);
    }
    this.list.replaceChildren(...items);
    if (items.length === 0) return this.close();
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (this.shown[this.active]) {
      this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private pick(item: T): void {
    this.picked = item;
    this.input.value = `${item.id} ${item.name}`;
    this.close();
    this.onPick(item);
  }
}
