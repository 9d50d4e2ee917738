/**
 * A workbook file the backend refuses to read or write (missing, not a workbook, open in an
 * office program, locked by a colleague, a disk that cannot take it…). It carries a message key
 * and its parameters, so whatever shows it renders it in the user's language; the command line
 * ends with exit code 2 on it, as on every refusal of its input.
 */
import { t } from '../i18n';
import type { Lang, MessageKey, MessageParams } from '../i18n';

export class WorkbookFileError<K extends MessageKey = MessageKey> extends Error {
  readonly key: K;
  readonly params: MessageParams<K>;

  constructor(key: K, ...params: MessageParams<K>) {
    super(String(key));
    this.name = 'WorkbookFileError';
    this.key = key;
    this.params = params;
  }

  render(lang: Lang): string {
    return t(lang, this.key, ...this.params);
  }
}
