/**
 * A refusal staff must read: the operation stopped on purpose (a closed month changed, a month
 * with errors cannot be closed…). It carries a message key and its parameters, so each shell
 * renders it in the user's language; anything else thrown is an unexpected error. A refusal
 * may name the step that gets staff out of it (NextStep), which each shell words its own way:
 * a menu item in Sheets, a `gongfang` command on the command line.
 */
import { t } from '../i18n';
import type { Lang, MessageKey, MessageParams } from '../i18n';
import type { MonthKey } from '../domain/records';

/** What to do next, as an operation (each shell names it: menu item, command). */
export type NextStep =
  | { readonly kind: 'generate'; readonly month: MonthKey }
  | { readonly kind: 'close'; readonly month: MonthKey; readonly force?: boolean }
  | { readonly kind: 'reopen'; readonly month: MonthKey; readonly force?: boolean }
  | { readonly kind: 'check' }
  /** Check data, answering Yes to writing the correction rows (`check --correct`). */
  | { readonly kind: 'correct' };

/** How a shell words a next step: a whole line in `lang`. */
export type NextStepWords = (next: NextStep, lang: Lang) => string;

/** The next step as the Sheets menu names it (the default wording). */
export const menuWords: NextStepWords = (next, lang) => {
  switch (next.kind) {
    case 'generate':
      return t(lang, 'nextStepMenu', { item: t(lang, 'menuGenerate'), month: next.month });
    case 'close':
      return t(lang, 'nextStepMenu', { item: t(lang, 'menuClose'), month: next.month });
    case 'reopen':
      return t(lang, 'nextStepMenu', { item: t(lang, 'reopenMenu'), month: next.month });
    case 'check':
      return t(lang, 'nextStepMenu', { item: t(lang, 'menuCheck'), month: '' });
    case 'correct':
      return t(lang, 'nextStepCorrectMenu');
  }
};

export class GongfangError<K extends MessageKey = MessageKey> extends Error {
  readonly key: K;
  readonly params: MessageParams<K>;
  /** Further lines shown under the message, already in the user's language. */
  readonly details: readonly string[];
  /** The step that gets staff out of this refusal, when there is one. */
  next: NextStep | null = null;

  constructor(key: K, params: MessageParams<K>, details: readonly string[] = []) {
    super(`${String(key)} ${JSON.stringify(params[0] ?? {})}`);
    this.name = 'GongfangError';
    this.key = key;
    this.params = params;
    this.details = details;
  }

  /** The same refusal, naming the step to take next. */
  withNext(next: NextStep | null): this {
    this.next = next;
    return this;
  }

  /** The message in `lang`, followed by its detail lines and the next step in `words`. */
  render(lang: Lang, words: NextStepWords = menuWords): string {
    const next = this.next === null ? [] : [words(this.next, lang)];
    return [t(lang, this.key, ...this.params), ...this.details, ...next].join('\n');
  }
}

/** Builds a refusal, with the parameters its message needs checked at compile time. */
export function refusal<K extends MessageKey>(
  key: K,
  ...params: MessageParams<K>
): GongfangError<K> {
  return new GongfangError(key, params);
}

export function isGongfangError(error: unknown): error is GongfangError {
  return error instanceof GongfangError;
}
