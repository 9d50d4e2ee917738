/** The Generate month dialog: pick a month, build its three tabs, say what was written. */
import type { Lang } from '../../i18n';
import { callServer, host } from '../shared/serverClient';
import {
  element,
  failureText,
  loadMonths,
  showLoadFailure,
  showOutcome,
  showStatus,
  text,
  translatePage,
} from '../month-common/dialog';

let lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
const monthSelect = element<HTMLSelectElement>('month');
const generateButton = element<HTMLButtonElement>('generate');
const partnersBox = element<HTMLInputElement>('partners');

async function start(): Promise<void> {
  translatePage(lang);
  element<HTMLButtonElement>('cancel').addEventListener('click', () => host().close());
  generateButton.addEventListener('click', () => void generate());
  // A dialog puts focus inside itself at once (WAI-ARIA dialog pattern): Cancel while the
  // months load, then the month list. https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
  element<HTMLButtonElement>('cancel').focus();
  await load();
}

/** The months, or why they could not be read with Retry (which the message asks for). */
async function load(): Promise<void> {
  try {
    lang = await loadMonths(monthSelect);
    element('status').hidden = true;
    monthSelect.disabled = false;
    generateButton.disabled = false;
    partnersBox.disabled = false;
    monthSelect.focus();
  } catch (error) {
    showLoadFailure(lang, failureText(lang, error), () => void load());
  }
}

async function generate(): Promise<void> {
  generateButton.disabled = true;
  monthSelect.disabled = true;
  showStatus(text(lang, 'genWorking'), 'working');
  await showOutcome(() =>
    callServer('generateMonthFromDialog', monthSelect.value, partnersBox.checked),
  );
  generateButton.disabled = false;
  monthSelect.disabled = false;
  // The button was disabled while it worked, which dropped focus: back to it.
  generateButton.focus();
}

void start();
