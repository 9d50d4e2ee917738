/**
 * A failure the user must read: a message key from the catalogue, rendered in the user's
 * language when it is shown, and the exit code it ends the command with.
 */
import type { Lang, MessageKey, MessageParams } from '../i18n';
import { t } from '../i18n';

export type ExitCode = 0 | 1 | 2;

export class CliError<K extends MessageKey = MessageKey> extends Error {
  readonly exitCode: ExitCode;
  readonly key: K;
  readonly params: MessageParams<K>;

  constructor(exitCode: ExitCode, key: K, ...params: MessageParams<K>) {
    super(String(key));
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.key = key;
    this.params = params;
  }

  render(lang: Lang): string {
    return t(lang, this.key, ...this.params);
  }
}
