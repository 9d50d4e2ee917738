/**
 * The Close month dialog: checking the month first lists the rows that block it; the Close
 * button is enabled only for a month that can be closed.
 */
import type { Lang } from '../../i18n';
import { callServer, host } from '../shared/serverClient';
import {
  element,
  failureText,
  loadMonths,
  showFailure,
  showLoadFailure,
  showOutcome,
  showRefusal,
  showStatus,
  text,
  translatePage,
} from '../month-common/dialog';

let lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
const monthSelect = element<HTMLSelectElement>('month');
const checkButton = element<HTMLButtonElement>('check');
const closeButton = element<HTMLButtonElement>('close');
const nameInput = element<HTMLInputElement>('closer-name');
/** Warnings shown for the checked month: closing then means "close anyway" (confirmed). */
let warningsShown = false;

function busy(working: boolean): void {
  monthSelect.disabled = working;
  nameInput.disabled = working;
  checkButton.disabled = working;
  if (working) closeButton.disabled = true;
}

async function start(): Promise<void> {
  translatePage(lang);
  element<HTMLButtonElement>('cancel').addEventListener('click', () => host().close());
  checkButton.addEventListener('click', () => void check());
  closeButton.addEventListener('click', () => void close());
  monthSelect.addEventListener('change', () => void check());
  // Focus inside the dialog at once (WAI-ARIA dialog pattern), then on the month list.
  element<HTMLButtonElement>('cancel').focus();
  await load();
}

/** The months, then the check of the default one; Retry when the months cannot be read. */
async function load(): Promise<void> {
  try {
    lang = await loadMonths(monthSelect);
    await check();
    monthSelect.focus();
  } catch (error) {
    showLoadFailure(lang, failureText(lang, error), () => void load());
  }
}

async function check(): Promise<void> {
  busy(true);
  showStatus(text(lang, 'closeChecking'), 'working');
  try {
    const reply = await callServer('previewCloseFromDialog', monthSelect.value);
    lang = reply.lang;
    if (!reply.ok) {
      showRefusal(reply);
      return;
    }
    const preview = reply.value;
    if (nameInput.value.trim() === '') nameInput.value = preview.closerName;
    const closable = preview.closed === null && preview.blocking.length === 0;
    const details = preview.blocking.map((b) =>
      b.where ? text(lang, 'closeBlockingRow', b) : b.message,
    );
    // The confirm step: warnings are listed, and the button then reads "Close anyway".
    warningsShown = closable && preview.warnings.length > 0;
    if (warningsShown) {
      showStatus(text(lang, 'closeNeedsConfirm', { month: preview.month }), 'refused', [
        ...preview.warnings,
        reply.message,
      ]);
    } else showStatus(reply.message, closable ? 'info' : 'refused', details);
    closeButton.textContent = text(lang, warningsShown ? 'closeConfirmButton' : 'closeButton');
    busy(false);
    closeButton.disabled = !closable;
  } catch (error) {
    showFailure(error);
  } finally {
    monthSelect.disabled = false;
    checkButton.disabled = false;
  }
}

async function close(): Promise<void> {
  const name = nameInput.value.trim();
  if (name === '') {
    showStatus(text(lang, 'closeNameMissing'), 'refused');
    nameInput.focus();
    return;
  }
  busy(true);
  showStatus(text(lang, 'closeWorking'), 'working');
  let colleagueBusy = false;
  await showOutcome(async () => {
    const reply = await callServer('closeMonthFromDialog', monthSelect.value, {
      name,
      confirmed: warningsShown,
    });
    colleagueBusy = !reply.ok && reply.busy;
    return reply;
  });
  nameInput.disabled = false;
  monthSelect.disabled = false;
  checkButton.disabled = false;
  // "Busy, try again": the month as checked can still be closed, so Close is offered again.
  closeButton.disabled = !colleagueBusy;
  // Close was disabled while it worked, which dropped focus: Close again, or Cancel (now Done).
  element<HTMLButtonElement>(colleagueBusy ? 'close' : 'cancel').focus();
}

void start();
