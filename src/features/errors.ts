/**
 * A refusal staff must read: the operation stopped on purpose (a closed month changed, a month
 * with errors cannot be closed…). It carries a message key and its parameters, so each shell
 * renders it in the user's language; anything else thrown is an unexpected error.
 */
import { t } from '../i18n';
import type { Lang, MessageKey, MessageParams } from '../i18n';

export class GongfangError<K extends MessageKey = MessageKey> extends Error {
  readonly key: K;
  readonly params: MessageParams<K>;
  /** Further lines shown under the message, already in the user's language. */
  readonly details: readonly string[];

  constructor(key: K, params: MessageParams<K>, details: readonly string[] = []) {
    super(`${String(key)} ${JSON.stringify(params[0] ?? {})}`);
    this.name = 'GongfangError';
    this.key = key;
    this.params = params;
    this.details = details;
  }

  /** The message in `lang`, followed by its detail lines. */
  render(lang: Lang): string {
    return [t(lang, this.key, ...this.params), ...this.details].join('\n');
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
