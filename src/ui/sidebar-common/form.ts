/**
 * The New resident and New order forms: fill from the server's suggestions, save, show refusals
 * and warnings (a second click on "save anyway" accepts them), then start again with the next ID.
 * Enter in a text field moves to the next field (never while an input method is composing).
 */
import type { Lang } from '../../i18n';
import { element, failureText, isComposing, node, showLoadFailure, showStatus, text } from './page';

type Outcome =
  | { kind: 'refused'; problems: string[] }
  | { kind: 'warnings'; warnings: string[] }
  | { kind: 'saved'; id: string; row: number; message: string };

export type Reply =
  | { ok: true; lang: Lang; value: Outcome }
  | { ok: false; lang: Lang; message: string; busy: boolean };

/** Enter moves from each field to the next; in the last one it saves. */
export function enterMoves(fields: readonly HTMLElement[], save: () => void): void {
  fields.forEach((field, index) => {
    field.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || isComposing(event) || field instanceof HTMLTextAreaElement)
        return;
      event.preventDefault();
      const next = fields[index + 1];
      if (next) next.focus();
      else save();
    });
  });
}

export function fillSelect(
  select: HTMLSelectElement,
  choices: readonly { value: string; label: string }[],
  blank = false,
): void {
  const options = choices.map((c) => {
    const option = node('option', c.label);
    option.value = c.value;
    return option;
  });
  if (blank) options.unshift(Object.assign(node('option', ''), { value: '' }));
  select.replaceChildren(...options);
}

/** Shows a save's reply; true once saved. `again` is the "save anyway" button. */
export function showSaveReply(reply: Reply, again: HTMLButtonElement): boolean {
  again.hidden = true;
  if (!reply.ok) {
    showStatus(reply.message, 'refused');
    return false;
  }
  const outcome = reply.value;
  if (outcome.kind === 'saved') {
    showStatus(outcome.message, 'ok');
    return true;
  }
  if (outcome.kind === 'refused')
    showStatus(text(reply.lang, 'sbRefused'), 'refused', outcome.problems);
  else {
    showStatus(text(reply.lang, 'sbWarningsFound'), 'refused', outcome.warnings);
    again.hidden = false;
  }
  return false;
}

export function value(id: string): string {
  return element<HTMLInputElement>(id).value;
}

/**
 * A form's save, at most one at a time: Enter in the last field and a click on Save both come
 * here, so a second Enter during a slow save is ignored rather than saving twice. While it is
 * on its way the buttons are disabled and the status says so.
 */
export function guardedSave(
  lang: () => Lang,
  buttons: readonly HTMLButtonElement[],
  send: (acceptWarnings: boolean) => Promise<Reply>,
  afterSaved: () => Promise<void>,
): (acceptWarnings: boolean) => Promise<void> {
  let saving = false;
  // "Save anyway" accepts the warnings shown, for the values they were about: an edit since
  // would be saved under warnings never shown (a quantity -5 typed after a warning about 12.5).
  const again = buttons[1] as HTMLButtonElement;
  document.addEventListener('input', () => (again.hidden = true));
  return async (acceptWarnings) => {
    if (saving) return;
    saving = true;
    let saved = false;
    for (const button of buttons) button.disabled = true;
    showStatus(text(lang(), 'sbSaving'), 'working');
    try {
      const reply = await send(acceptWarnings);
      saved = showSaveReply(reply, again);
      if (saved) await reloadAfterSave(lang, element('status').textContent ?? '', afterSaved);
    } catch (error) {
      showStatus(failureText(lang(), error), 'refused');
    } finally {
      saving = false;
      for (const button of buttons) button.disabled = false;
      refocus(buttons);
      // Why it was not saved is above the form, off the screen of a Save pressed below it (a
      // small window, or 200 % zoom): Save seemed to do nothing. Focus stays where it is.
      if (!saved) element('status').scrollIntoView({ block: 'nearest' });
    }
  };
}

/**
 * Save pressed from the keyboard was disabled while it worked, which drops focus to <body> (as
 * soon as the page is drawn): it goes to Save anyway when warnings ask for it, else back to Save.
 * Focus in a field stays (Enter there saved; a saved form has put it in its first field).
 */
function refocus(buttons: readonly HTMLButtonElement[]): void {
  const [save, again] = buttons;
  const at = document.activeElement;
  if (at !== null && at !== document.body && !buttons.includes(at as HTMLButtonElement)) return;
  (again && !again.hidden ? again : save)?.focus({ preventScroll: true });
}

/**
 * The form made ready for the next record after a save. If that read fails, the status still
 * says what was saved, above the reason and Retry: a failure alone there made staff think the
 * save had failed, and save the same record again.
 */
async function reloadAfterSave(
  lang: () => Lang,
  saved: string,
  load: () => Promise<void>,
): Promise<void> {
  try {
    await load();
  } catch (error) {
    const retry = (): void => void reloadAfterSave(lang, saved, load);
    showLoadFailure(lang(), failureText(lang(), error), retry);
  }
  const status = element('status');
  if (status.querySelector('#retry')) status.prepend(node('p', saved));
  else showStatus(saved, 'ok');
}

/** The form's first load, with Retry when it fails. */
export async function loadWithRetry(lang: () => Lang, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (error) {
    showLoadFailure(lang(), failureText(lang(), error), () => void loadWithRetry(lang, load));
  }
}
