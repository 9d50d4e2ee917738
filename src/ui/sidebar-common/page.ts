/**
 * What the sidebars share in the page: the sheet's language, the status box, Enter that moves on
 * (never while an input method is composing), money text, and the resident picker. Every value
 * from the sheet is put in the page as text (textContent), never as HTML.
 */
import { formatFen } from '../../domain/money';
import type { Lang } from '../../i18n';
import { element, showStatus, text, translatePage } from '../month-common/dialog';
import { ResidentSearch, type Findable } from './search';

export { element, showStatus, text, translatePage };

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

/** A count as typed, full-width digits and spaces allowed; null when it is not a whole number. */
export function countOf(typed: string): number | null {
  const folded = typed
    .replace(/[\uff10-\uff19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .trim();
  if (folded === '') return 0;
  return /^\d{1,9}$/.test(folded) ? Number(folded) : null;
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
    list.setAttribute('role', 'listbox');
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
      this.hideTimer = setTimeout(() => (this.list.hidden = true), 150);
    });
  }

  setResidents(items: readonly T[], recent: readonly string[]): void {
    this.recent = recent;
    this.search = new ResidentSearch(items, recent);
  }

  clear(): void {
    this.input.value = '';
    this.picked = null;
    this.list.hidden = true;
  }

  private key(event: KeyboardEvent): void {
    if (isComposing(event)) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (this.list.hidden) this.refresh();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.shown.length) % Math.max(1, this.shown.length);
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const choice = this.shown[this.active];
      if (choice && !this.list.hidden) this.pick(choice);
      else if (this.picked) this.onPick(this.picked);
    } else if (event.key === 'Escape') {
      this.list.hidden = true;
    }
  }

  private refresh(): void {
    this.shown = this.search.find(this.input.value);
    this.active = 0;
    this.render();
  }

  private render(): void {
    const labels = this.labels();
    const items = this.shown.map((item, index) => {
      const li = node('li', '', index === this.active ? 'option active' : 'option');
      li.id = `${this.list.id}-${index}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(index === this.active));
      li.append(node('span', item.id, 'id'), node('span', item.name, 'name'));
      if (!item.active) li.append(node('span', labels.inactive, 'tag inactive'));
      if (this.recent.includes(item.id)) li.append(node('span', labels.recent, 'tag'));
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.pick(item);
      });
      return li;
    });
    if (items.length === 0 && this.input.value.trim() !== '') {
      items.push(node('li', labels.none, 'none'));
    }
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
    const current = this.shown[this.active];
    if (current) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
  }

  private pick(item: T): void {
    this.picked = item;
    this.input.value = `${item.id} ${item.name}`;
    this.list.hidden = true;
    this.onPick(item);
  }
}
