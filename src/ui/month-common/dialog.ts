/**
 * What the Generate and Close dialogs share: texts in the sheet's language, the month list, and
 * showing a reply (message, detail lines, busy or refused).
 */
import { googleErrorKind } from '../../domain/googleErrors';
import { messagesOf, t } from '../../i18n';
import type { Lang, MessageKey, MessageParams } from '../../i18n';
import { type Wire, callServer } from '../shared/serverClient';
import type { MonthDialogInfo } from '../../apps-script/endpoints';

export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

/** Fills every [data-text] element with its message in `lang`. */
export function translatePage(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-text]'))) {
    const message = messagesOf(lang)[node.dataset.text as MessageKey];
    if (typeof message === 'string') node.textContent = message;
  }
}

export function text<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...params: MessageParams<K>
): string {
  return t(lang, key, ...params);
}

/** The month choices, newest first, with closed months marked. */
export function fillMonths(select: HTMLSelectElement, info: Wire<MonthDialogInfo>): void {
  select.replaceChildren(
    ...info.months.map((month) => {
      const option = document.createElement('option');
      option.value = month;
      option.textContent = info.closedMonths.includes(month) ? `${month} ✓` : month;
      option.selected = month === info.defaultMonth;
      return option;
    }),
  );
}

/** Asks the server for the months and fills the list; the page is then in the sheet's language. */
export async function loadMonths(select: HTMLSelectElement): Promise<Lang> {
  const info = await callServer('monthDialogInfo');
  translatePage(info.lang);
  fillMonths(select, info);
  return info.lang;
}

/** Runs a dialog's action and shows its reply; once it has succeeded, Cancel says Done. */
export async function showOutcome(
  action: () => Promise<{
    readonly ok: boolean;
    readonly lang: Lang;
    readonly message: string;
    readonly details?: readonly string[];
  }>,
): Promise<void> {
  try {
    const reply = await action();
    if (reply.ok) {
      showStatus(reply.message, 'ok');
      element<HTMLButtonElement>('cancel').textContent = text(reply.lang, 'done');
    } else showRefusal(reply);
  } catch (error) {
    showFailure(error);
  }
}

export type Tone = 'info' | 'working' | 'ok' | 'refused';

/** Shows a message (and optional detail lines) in the page's status box. */
export function showStatus(message: string, tone: Tone, details: readonly string[] = []): void {
  const box = element<HTMLDivElement>('status');
  box.className = `status ${tone}`;
  box.hidden = false;
  const lines = message.split('\n').map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  });
  box.replaceChildren(...lines);
  if (details.length > 0) {
    const list = document.createElement('ul');
    list.id = 'details';
    list.replaceChildren(
      ...details.map((detail) => {
        const item = document.createElement('li');
        item.textContent = detail;
        return item;
      }),
    );
    box.append(list);
  }
}

/**
 * A failed first load: the reason and a Retry button that loads again (focus goes to it, so a
 * keyboard user is not left on <body>). Sidebars and dialogs alike.
 */
export function showLoadFailure(
  lang: Lang,
  reason: string,
  retry: () => void,
  refused = false,
): void {
  // A refusal (only managers may…) read the sheet well: "could not read" blamed the wrong thing.
  showStatus(refused ? reason : `${text(lang, 'sbLoadFailed')}\n${reason}`, 'refused');
  const button = document.createElement('button');
  button.textContent = text(lang, 'sbRetry');
  button.id = 'retry';
  button.addEventListener('click', () => {
    button.remove();
    retry();
  });
  element('status').append(button);
  button.focus();
}

/** Shows a reply that was refused or found the lock busy. */
export function showRefusal(reply: {
  readonly ok: boolean;
  readonly message: string;
  readonly details?: readonly string[];
}): void {
  if (!reply.ok) showStatus(reply.message, 'refused', reply.details ?? []);
}

/** What a failed google.script.run call means for staff, in the page's language. */
export function failureText(lang: Lang, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  switch (googleErrorKind(message)) {
    case 'multipleAccounts':
      return t(lang, 'gErrMultipleAccounts');
    case 'authorization':
      return t(lang, 'gErrAuthorization');
    case 'quota':
      return t(lang, 'gErrQuota');
    case 'timeout':
      return t(lang, 'gErrTimeout');
    case 'protectedRange':
      return t(lang, 'gErrProtectedRange');
    case 'network':
      return t(lang, 'gErrNetwork');
    case 'serverError':
      return t(lang, 'gErrServer');
    default:
      return t(lang, 'gErrOther', { detail: message });
  }
}

export function showFailure(error: unknown): void {
  const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  showStatus(failureText(lang, error), 'refused');
}
